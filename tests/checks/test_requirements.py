"""The requirement logic on measurements built by hand (the browser side has its own tests)."""

import pytest

from a11yrender.checks import requirements as req
from a11yrender.checks.measure import (
    ClippedText, LangPart, Languages, Offender, Overflow, Rect, SpacedText, SpacingOverride, Target, TextRun,
    TextSpacing, parse_shadows,
)
from a11yrender.colour import parse_colour

BOX = Rect(0, 0, 100, 20)


def run(text="文字", colour="#777777", background="#ffffff", size=16.0, weight=400, **kw):
    defaults = dict(
        selector="body > p", tag="p", kind="text", text=text, font_size=size, line_height=kw.pop("line_height", size * 1.5),
        font_weight=weight, colour=parse_colour(colour), background=parse_colour(background), background_image=None,
        opacity=1.0, rect=BOX, lines=1, text_align="start", text_shadow=False, lang="zh",
    )
    defaults.update(kw)
    return TextRun(**defaults)


def test_contrast_uses_the_large_text_threshold_for_large_text():
    check = req.contrast([run(colour="#777777"), run(colour="#777777", size=24), run(colour="#777777", size=19, weight=700)])
    assert check.checked == 3 and [f.measured.split(":")[0] for f in check.failures] == ["4.48"]


def test_contrast_failure_names_element_measured_and_required():
    failure = req.contrast([run(colour="#999999", selector="#main > p:nth-of-type(2)")]).failures[0]
    assert failure.selector == "#main > p:nth-of-type(2)"
    assert failure.measured.startswith("2.85:1") and failure.required == ">= 4.5:1"
    assert "#main > p:nth-of-type(2)" in req.contrast([run(colour="#999999", selector="#main > p:nth-of-type(2)")]).message()


def test_disabled_controls_are_exempt_and_same_colour_only_hidden_when_asked():
    assert req.contrast([run(colour="#eeeeee", disabled=True)]).checked == 0
    invisible = run(colour="#ffffff")
    assert not req.contrast([invisible]).passed
    assert not req.contrast([invisible], same_colour_is_hidden=True).applicable


def test_symbols_cannot_fail_when_only_language_counts():
    symbols = run(text="----====++++", colour="#999999")
    assert not req.contrast([symbols]).passed
    assert req.contrast([symbols], letters_only=True).outcome == "passed"


def test_a_surrounding_text_shadow_is_what_the_text_is_read_against():
    glow = run(colour="#000000", background="#737373", shadows=parse_shadows("rgb(255, 255, 255) 0px 0px 3px"))
    assert glow.contrast == pytest.approx(21.0)
    drop = run(colour="#000000", background="#737373", shadows=parse_shadows("rgb(255, 255, 255) 5px 5px 0px"))
    assert drop.contrast == pytest.approx(run(colour="#000000", background="#737373").contrast)


def test_parse_shadows():
    shadows = parse_shadows("rgb(170, 170, 170) 2px 2px 4px, rgba(0, 0, 0, 0.5) -1px 0px 0px")
    assert [(s.colour.hex, s.x, s.y, s.blur) for s in shadows] == [("#aaaaaa", 2, 2, 4), ("#000000", -1, 0, 0)]
    assert shadows[0].halo and not shadows[1].halo


def test_text_size_and_line_height():
    runs = [run(size=24), run(size=19.5), run(size=24, line_height=None), run(size=20, line_height=28)]
    assert len(req.text_size(runs, 20).failures) == 1
    heights = req.line_height(runs)
    assert [f.measured for f in heights.failures] == ["normal", "1.40 x (28px on 20px)"]


def test_reflow():
    fits = Overflow(320, 320, 320, [])
    assert req.reflow(fits).passed
    wide = Overflow(320, 320, 1000, [Offender("body > table", "table", Rect(0, 0, 1000, 10))])
    failure = req.reflow(wide).failures[0]
    assert failure.selector == "body > table" and "1000px" in failure.measured


def test_target_size_exempts_inline_links():
    targets = [
        Target("a.small", "a", "", "小", Rect(0, 0, 20, 20), 1, inline=False),
        Target("p > a", "a", "", "句中链接", Rect(0, 0, 20, 20), 1, inline=True),
        Target("button", "button", "", "大按钮", Rect(0, 0, 48, 48), 1, inline=False),
    ]
    check = req.target_size(targets, 44)
    assert check.checked == 2 and [f.selector for f in check.failures] == ["a.small"]


@pytest.mark.parametrize("tag,valid", [
    ("zh", True), ("zh-Hant-TW", True), ("FR", True), ("en-US-GB", True), ("yue", True),
    ("eng", False), ("em-US", False), ("#1", False), ("i-lux", False), ("", False), ("  ", False), (None, False),
])
def test_language_tags_against_the_iana_registry(tag, valid):
    assert req.valid_language_tag(tag) is valid


def test_lang_checks():
    good = Languages("zh-CN", None, [LangPart("p", "p", "en", "English")])
    assert req.lang(good).passed
    bad = Languages(None, None, [LangPart("p", "p", "klingon", "text"), LangPart("div", "div", "xx", "")])
    assert [f.selector for f in req.lang(bad).failures] == ["html", "p"]
    assert req.lang_valid(Languages(None, None, [])).outcome == "inapplicable"


@pytest.mark.parametrize("content,outcome", [
    ("width=device-width", "inapplicable"), ("user-scalable=no", "failed"), ("user-scalable=5", "passed"),
    ("maximum-scale=1.0", "failed"), ("maximum-scale=2", "passed"), ("maximum-scale=-1", "passed"),
    ("maximum-scale=yes", "failed"), ("maximum-scale=device-width", "passed"), ("user-scalable=0.5", "failed"),
])
def test_viewport_zoom(content, outcome):
    assert req.viewport_zoom([content]).outcome == outcome


def test_spacing_override():
    affected = [SpacedText("p", 16, 1.6, 1, "text")]
    low = SpacingOverride("p", "letter-spacing", "0.1em", affected)
    assert req.spacing_override([low], "letter-spacing").outcome == "failed"
    inherited = SpacingOverride("p", "letter-spacing", "inherit", affected)
    assert req.spacing_override([inherited], "letter-spacing").outcome == "inapplicable"
    one_line = SpacingOverride("p", "line-height", "1em", [SpacedText("p", 16, 16, 1, "text")])
    assert req.spacing_override([one_line], "line-height").outcome == "inapplicable"


def test_text_spacing_failures():
    measured = TextSpacing([ClippedText("div > p", "div", "被裁切的文字")], [], 10)
    check = req.text_spacing(measured)
    assert not check.passed and "clipped by div" in check.failures[0].measured


def test_axe_filters_by_impact():
    violations = [
        {"id": "color-contrast", "impact": "serious", "help": "Elements must meet contrast", "nodes": [{"target": ["p"], "html": "<p>"}]},
        {"id": "region", "impact": "moderate", "help": "regions", "nodes": [{"target": ["div"], "html": "<div>"}]},
    ]
    assert [f.requirement for f in req.axe(violations, "serious").failures] == ["axe:color-contrast"]
    assert len(req.axe(violations, "minor").failures) == 2

