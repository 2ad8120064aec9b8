"""Captions and the timing map: when each segment is heard, as WebVTT and as JSON.

One cue per segment, timed from the samples actually joined into the audio file; the cue
text is the segment's text as the page prints it (what is read, not the pinyin the engine
was given), in at most two lines, with the speaker as a WebVTT voice span (``<v 赵杰>``).
The JSON timing map gives the same times by segment id, with the paragraph and speaker, so
a player can follow along or start from a paragraph.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .script import CAPTION_LINE_WIDTH, CLAUSE_BREAK, display_width

#: Characters after which a caption line breaks naturally (besides clause breaks).
BREAK_AFTER = frozenset("。！？!?；;》」』”）) ")
#: Function words a line may end after (particles) or start with (prepositions, conjunctions):
#: breaking there does not cut a word in two.
BREAK_AFTER_WORDS = frozenset("的了着过地得")
BREAK_BEFORE_WORDS = frozenset("对在与和及为把被从向将并或跟同以于")
#: How much wider than CAPTION_LINE_WIDTH a line may be when that lets it break between words.
LINE_SLACK = 2
#: Version of the timing map's layout.
TIMING_MAP_VERSION = 1


@dataclass(frozen=True, slots=True)
class Cue:
    """A segment as heard: its id, times in seconds, text and speaker."""

    id: str
    paragraph: str
    start: float
    end: float
    text: str
    speaker: str | None = None


def caption_lines(text: str, width: float = CAPTION_LINE_WIDTH) -> list[str]:
    """``text`` in at most two lines, each about ``width`` wide where the text allows it.

    The break goes where both lines fit, preferring, in this order: after punctuation or at
    a space; at a function word (after 的, before 对 ...), which is a word boundary; then
    anywhere but inside a number or a Latin word. A line at a word boundary may be
    LINE_SLACK wider than ``width``. Among equals, the most even split wins.
    """
    if display_width(text) <= width:
        return [text]
    total = display_width(text)
    candidates = []  # (both fit, kind of place, -imbalance, index)
    running = 0.0
    for index, char in enumerate(text[:-1]):
        running += display_width(char)
        following = text[index + 1]
        if char.isascii() and char.isalnum() and following.isascii() and following.isalnum():
            continue
        if CLAUSE_BREAK.match(char) or char in BREAK_AFTER or following.isspace():
            place = 2
        elif char in BREAK_AFTER_WORDS or following in BREAK_BEFORE_WORDS:
            place = 1
        else:
            place = 0
        # a line a little too wide is better than a word cut in two
        limit = width + (LINE_SLACK if place else 0)
        fits = running <= limit and total - running <= limit
        candidates.append((fits, place, -abs(total - 2 * running), index + 1))
    if not candidates:
        return [text]
    cut = max(candidates)[3]
    return [text[:cut].rstrip(), text[cut:].lstrip()]


def webvtt(cues: list[Cue]) -> str:
    """The cues as a WebVTT file."""
    blocks = ["WEBVTT"]
    for cue in cues:
        lines = [_escape(line) for line in caption_lines(cue.text)]
        if cue.speaker:
            lines[0] = f"<v {_escape(cue.speaker)}>{lines[0]}"
            lines[-1] += "</v>"
        blocks.append(f"{cue.id}\n{timestamp(cue.start)} --> {timestamp(cue.end)}\n" + "\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def timing_map(cues: list[Cue], duration: float, audio: str | None = None, captions: str | None = None) -> str:
    """The JSON timing map: segment id -> start, end (seconds), paragraph and speaker."""
    data = {
        "version": TIMING_MAP_VERSION,
        "audio": audio,
        "captions": captions,
        "duration": round(duration, 3),
        "segments": {
            cue.id: {"start": round(cue.start, 3), "end": round(cue.end, 3), "paragraph": cue.paragraph,
                     "speaker": cue.speaker, "text": cue.text}
            for cue in cues
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def timestamp(seconds: float) -> str:
    """``hh:mm:ss.ttt``, as WebVTT wants it."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("-->", "--&gt;")
