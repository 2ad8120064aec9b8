"""Telling scripts and languages apart: tags, the script evidence, Japanese and Korean text."""

from __future__ import annotations

import pytest

import corpus
from a11yrender import load
from a11yrender.chinese_script import (
    EVIDENCE_SAMPLE, SCRIPT_LANGUAGES, converted_tag, detect_script, foreign_language, guess_language, has_han,
    og_locale, parse_tag, script_counts,
)
from a11yrender.script_conversion import converter


@pytest.mark.parametrize(("value", "language", "script", "region", "implied", "chinese"), [
    ("zh-CN", "zh", None, "CN", "Hans", True),
    ("zh_TW", "zh", None, "TW", "Hant", True),
    ("zh-Hant-HK", "zh", "Hant", "HK", "Hant", True),
    ("ZH-hans", "zh", "Hans", None, "Hans", True),
    ("zh-Hant-CN", "zh", "Hant", "CN", "Hant", True),  # the script wins over the region
    ("zh", "zh", None, None, None, True),
    ("yue-HK", "yue", None, "HK", "Hant", True),
    ("zh-yue", "zh", None, None, None, True),
    ("cmn-Hans-CN", "cmn", "Hans", "CN", "Hans", True),
    ("ja", "ja", None, None, None, False),
    ("en-US", "en", None, "US", None, False),
    ("zh-419", "zh", None, "419", None, True),
])
def test_parse_tag(value, language, script, region, implied, chinese):
    tag = parse_tag(value)
    assert (tag.language, tag.script, tag.region, tag.implied_script, tag.is_chinese) == (
        language, script, region, implied, chinese)


@pytest.mark.parametrize("value", ["", "   ", "utf-8", "zh--CN", "中文", "x"])
def test_malformed_tags_are_none(value):
    assert parse_tag(value) is None


@pytest.mark.parametrize(("value", "script", "region", "expected"), [
    ("zh-CN", "Hant", None, "zh-Hant"),
    ("zh-CN", "Hant", "TW", "zh-Hant-TW"),
    ("zh", "Hant", "HK", "zh-Hant-HK"),
    ("zh-TW", "Hans", None, "zh-Hans"),
    ("yue-HK", "Hant", "HK", "yue-Hant-HK"),
    ("zh-yue", "Hans", None, "zh-yue-Hans"),
    (None, "Hant", None, "zh-Hant"),
])
def test_converted_tag(value, script, region, expected):
    assert converted_tag(parse_tag(value), script, region) == expected


def test_og_locale_carries_the_script_in_the_territory():
    assert og_locale("Hans", None) == "zh_CN"
    assert og_locale("Hant", "HK") == "zh_HK"
    assert og_locale("Hant", "TW") == og_locale("Hant", None) == "zh_TW"


@pytest.mark.parametrize("page", [p for p in corpus.pages() if p.chinese], ids=lambda p: p.id)
def test_every_chinese_corpus_page_is_told_apart(page):
    text = load(page.path).text()
    script = "Hant" if page.lang == "zh-TW" else "Hans"
    assert foreign_language(text) is None
    for config in ("s2t", "s2twp", "s2hk"):
        assert detect_script(text, config) in ({"source", None} if script == "Hans" else {"target"})
    for config in ("t2s", "tw2s", "hk2s"):
        assert detect_script(text, config) in ({"target", None} if script == "Hans" else {"source"})


def test_the_evidence_decides_for_simplified_and_traditional_government_text():
    simplified = load(corpus.SAMPLE).text()
    traditional = converter("s2tw").convert(simplified)
    assert detect_script(simplified, "s2tw") == "source" and detect_script(traditional, "s2tw") == "target"
    assert detect_script(traditional, "tw2s") == "source" and detect_script(simplified, "tw2s") == "target"


def test_text_without_telling_characters_is_undecided():
    assert detect_script("Hello, world. 123", "s2t") is None
    assert detect_script("中文", "s2t") is None  # characters both scripts write alike


@pytest.mark.parametrize("page", [p for p in corpus.pages() if p.lang == "ja"], ids=lambda p: p.id)
def test_japanese_corpus_pages_read_as_japanese(page):
    assert foreign_language(load(page.path).text()) == "ja"


def test_korean_reads_as_korean_and_a_stray_kana_does_not_make_chinese_japanese():
    assert foreign_language("대한민국 헌법 제1조 大韓民國") == foreign_language("대한민국") == "ko"
    assert foreign_language("今天去吃拉麵の店，" * 20) is None
    assert has_han("中") and not has_han("かな and ASCII")


# -- guessing the language of undeclared text ---------------------------------------------------

_MIXED_TEXTS = [
    "", "123 -- !!", "Plain English, with digits 42.", "中文与 English 混排，2024年。", "臺灣的頭髮",
    "これは日本語の文章です。漢字も。", "대한민국 헌법 제1조 大韓民國", "Привет, мир", "مرحبا بالعالم and Latin",
    "שלום", "Γειά σου", "สวัสดี", "é à ü ß", "中文\u3000全角空格，和 ｆｕｌｌｗｉｄｔｈ",
]


@pytest.mark.parametrize("text", _MIXED_TEXTS + [None], ids=lambda t: "corpus" if t is None else t[:12] or "empty")
def test_script_counts_are_the_letters_of_each_script(text):
    samples = [text] if text is not None else [load(p.path).text()[:EVIDENCE_SAMPLE] for p in corpus.pages()]
    for sample in samples:
        counts = script_counts(sample)
        # Counted the slow way, one pass per script, and compared in full.
        expected = {language: len(pattern.findall(sample)) for pattern, language in SCRIPT_LANGUAGES}
        assert {language: counts.get(language, 0) for language in expected} == expected
        assert [language for language in counts] == [lang for _, lang in SCRIPT_LANGUAGES if lang in counts]


@pytest.mark.parametrize(("text", "language"), [
    ("123 -- !!", "und"), ("Plain English text.", "en"), ("这是头发的发展，" * 3 + "with English", "zh-Hans"),
    ("這是頭髮的發展，" * 3, "zh-Hant"), ("これは日本語の文章です。漢字も。", "ja"), ("대한민국 헌법", "ko"),
    ("Привет, мир", "ru"), ("ab中文", "zh-Hans"),  # a tie goes to the script listed first
])
def test_guess_language(text, language):
    assert guess_language(text) == language
