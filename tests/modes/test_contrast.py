"""The contrast mode: what it rewrites (lxml), and what a reader gets (Chromium).

The browser tests render the sample and every corpus page in every shipped contrast theme
and measure, on the page as Chromium paints it: the contrast of every visible text run, the
underline of link text, the focus indicator of focusable elements, the borders of controls,
what is left behind text (images, gradients, shadows, translucency), the content images and
the colour of SVG and generated glyphs.

A page is opened once and measured in every theme by swapping the theme's ``<style>`` in
place: the renders of one page in two themes differ in nothing else
(``test_themes_change_only_the_theme_stylesheet`` proves it for every page), so the page
measured is the page each theme renders, without parsing, running scripts and laying out
the page five times.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
import pytest

import corpus
from a11yrender import ContrastOptions, OptionsError, RenderError, ThemeError, checks, known_modes, render
from a11yrender.cli import main as cli_main
from a11yrender.colour import AAA_TEXT, NON_TEXT, parse_colour
from a11yrender.modes import contrast as contrast_mode
from a11yrender.modes.elder import STYLE_ID as ELDER_STYLE_ID
from a11yrender.modes.contrast import DEFAULT_THEME, MARK_ATTRIBUTE, PAGE_BACKGROUND, replacement, stylesheet
from a11yrender.page import load
from a11yrender.themes import list_themes, load_theme

THEMES = list_themes("contrast")
PAGES = ["sample"] + corpus.page_ids()
browser = pytest.mark.browser

#: The renders that include contrast and are measured page by page: contrast alone, and with
#: every other layout/colour mode registered in this version (elder, on its own branch while
#: this was written, is picked up as soon as it is merged: nothing to switch on).
RENDERS = ["contrast"] + [f"{mode},contrast" for mode in ("elder",) if mode in known_modes()]
CASES = [(modes, page_id) for modes in RENDERS for page_id in PAGES]
CASE_IDS = [f"{modes}:{page_id}" for modes, page_id in CASES]
cases = pytest.mark.parametrize("modes, page_id", CASES, ids=CASE_IDS)


def without_contrast(modes: str) -> str:
    """The same render without contrast: what contrast starts from."""
    return ",".join(m for m in modes.split(",") if m != "contrast") or "original"


def source_of(page_id: str) -> Path:
    return corpus.SAMPLE if page_id == "sample" else corpus.by_id(page_id).path


def var(role: str) -> str:
    return f"var(--a11yrender-contrast-{role})"


def own_style(html: str) -> str:
    """The text of the mode's <style> in a rendered page."""
    root = lxml.html.fromstring(html)
    found = root.xpath(f"//style[@{MARK_ATTRIBUTE}='contrast']")
    assert len(found) == 1
    return found[0].text


# -- what is rewritten ----------------------------------------------------------------------

@pytest.mark.parametrize("name, value, expected", [
    ("color", "#666", ("color: " + var("text"), "colour")),
    ("color", "transparent", ("color: " + var("text"), "colour")),
    ("color", "var(--brand)", ("color: " + var("text"), "colour")),
    ("color", "inherit", None),
    ("color", "currentColor", None),
    ("color", var("text"), None),
    ("background-color", "#eef2f7", (f"background-color: {var('background')}; {PAGE_BACKGROUND}: {var('background')}", "colour")),
    ("background-color", "transparent", None),
    ("background-color", "rgba(0,0,0,0)", None),
    ("background", "url(images/banner.png) repeat-x", ("background: none", "background-image")),
    ("background", "#fff url(x.png)", (f"background: {var('background')}; {PAGE_BACKGROUND}: {var('background')}", "background-image")),
    ("background", "linear-gradient(#fff, #000)", ("background: none", "background-image")),
    ("background", "#dde4ee", (f"background: {var('background')}; {PAGE_BACKGROUND}: {var('background')}", "colour")),
    ("background", "none", None),
    ("background", "transparent", None),
    ("background", var("background"), None),
    ("background-image", "-webkit-linear-gradient(top, #fff, #000)", ("background-image: none", "background-image")),
    ("background-image", "none", None),
    ("border", "1px dotted #ccc", ("border: 1px dotted " + var("border"), "colour")),
    ("border-bottom", "1px solid transparent", None),
    ("border-color", "transparent transparent #333", ("border-color: transparent transparent " + var("border"), "colour")),
    ("border", "0", None),
    ("outline", "2px solid #4d90fe", ("outline: 2px solid " + var("focus"), "colour")),
    ("outline", "none", None),
    ("text-decoration", "underline wavy red", ("text-decoration: underline wavy currentcolor", "colour")),
    ("-webkit-text-fill-color", "transparent", ("-webkit-text-fill-color: currentcolor", "colour")),
    ("box-shadow", "0 0 3px #000", ("box-shadow: none", "shadow")),
    ("text-shadow", "1px 1px 0 #fff", ("text-shadow: none", "shadow")),
    ("text-shadow", "none", None),
    ("filter", "grayscale(100%)", ("filter: none", "effect")),
    ("mix-blend-mode", "difference", ("mix-blend-mode: normal", "effect")),
    ("opacity", ".5", ("opacity: 1", "opacity")),
    ("opacity", "50%", ("opacity: 1", "opacity")),
    ("opacity", "0", None),  # hiding, not dimming
    ("opacity", "1", None),
    ("fill", "#333", ("fill: currentcolor", "svg")),
    ("fill", "none", None),
    ("stroke", "url(#gradient)", ("stroke: currentcolor", "svg")),
    ("--mainColor", "#c00", ("--mainColor: " + var("text"), "colour")),
    ("--header-bg", "#fff", ("--header-bg: " + var("background"), "colour")),
    ("--line-color", "rgb(0 0 0 / .2)", ("--line-color: " + var("border"), "colour")),
    ("--gap", "12px", None),
    ("--a11yrender-contrast-text", "#ff0", None),
    (PAGE_BACKGROUND, var("background"), None),
    ("font-size", "12px", None),
])
def test_declarations_are_replaced_by_role(name, value, expected):
    assert replacement(name, value) == expected


def test_style_attributes_are_skipped_only_when_nothing_in_them_is_rewritten():
    for name in contrast_mode.REWRITTEN_PROPERTIES - {"--*"}:
        assert contrast_mode._REWRITTEN_STEMS.search(name), name
    assert not contrast_mode._REWRITTEN_STEMS.search("width:320px; float:left; padding-top:2px")


def test_every_replacement_is_a_fixed_point():
    for name, value in [("color", "#666"), ("background", "url(x) #fff"), ("border", "1px solid red"),
                        ("opacity", ".3"), ("fill", "red"), ("--brandBg", "#eee"), ("text-shadow", "0 0 1px red"),
                        ("background-color", "rgba(0,0,0,.5)")]:
        declarations, _ = replacement(name, value)
        for declaration in declarations.split(";"):
            new_name, new_value = declaration.split(":", 1)
            assert replacement(new_name.strip(), new_value.strip()) is None, declaration


def test_presentational_attributes_and_inline_styles_are_rewritten():
    html = """<!DOCTYPE html><html><head><title>t</title></head>
    <body text="#888" link="#aaa" vlink="#bbb" alink="#ccc" bgcolor="#eee" background="bg.gif">
    <table bgcolor="#369" bordercolor="#ccc" background="t.png"><tr><td bgcolor="#9cf">
    <font color="white" size="2">表格里的字</font></td></tr></table><hr color="red">
    <p style="color: #eee !important; background-color: #fff !important; font-size: 14px; display: block !important">重要</p>
    <p style="opacity:.5;text-shadow:0 0 2px #000">半透明</p><p style="color:inherit">继承</p>
    <span style="--Brand: #c00; color: var(--Brand)">品牌</span></body></html>"""
    result = render(html, ["contrast"])
    root = lxml.html.fromstring(result.html)
    body = root.find("body")
    assert not {"text", "link", "vlink", "alink", "bgcolor", "background"} & set(body.attrib)
    assert not root.xpath("//*[@bgcolor or @bordercolor or @background or @color]")
    assert root.xpath("//font")[0].get("size") == "2"
    important, faint, inherit, brand = root.xpath("//p | //span[@style]")
    assert important.get("style") == (f"color: {var('text')}; background-color: {var('background')}; {PAGE_BACKGROUND}: "
                                      f"{var('background')}; font-size: 14px; display: block !important")
    assert faint.get("style") == "opacity: 1;text-shadow: none"  # what is not rewritten stays as written
    assert inherit.get("style") == "color:inherit"
    assert brand.get("style") == f"--Brand: {var('text')}; color: {var('text')}"
    codes = {d.code: d for d in result.diagnostics}
    assert codes["contrast.attributes"].message == (
        "colour attributes removed: <body alink> x1, <body background> x1, <body bgcolor> x1, <body link> x1, "
        "<body text> x1, <body vlink> x1, <font color> x1, <hr color> x1, <table background> x1, "
        "<table bgcolor> x1, <table bordercolor> x1, <td bgcolor> x1"
    )
    assert codes["contrast.attributes"].count == 12
    assert codes["contrast.opacity"].count == 1 and codes["contrast.shadow"].count == 1


def test_style_blocks_are_rewritten_and_the_theme_stylesheet_goes_first(sample_path):
    result = render(sample_path, ["contrast"])
    root = lxml.html.fromstring(result.html)
    head = root.find("head")
    assert head[0].tag == "meta" and head[0].get("charset") == "utf-8"
    assert head[1].tag == "style" and head[1].get(MARK_ATTRIBUTE) == "contrast"
    page_style = root.xpath("//style[not(@data-a11yrender)]")[0].text
    assert "#666" not in page_style and "url(images" not in page_style
    assert ".nav { background: none; height:40px; }" in page_style
    assert f"border-bottom: 1px dotted {var('border')};" in page_style
    assert "font-size:12px" in page_style  # sizes are not this mode's business
    theme = load_theme(DEFAULT_THEME)
    assert own_style(result.html) == stylesheet(theme)


def test_the_theme_stylesheet_is_layered_with_an_unlayered_copy():
    sheet = stylesheet(load_theme("black-on-cream"))
    unlayered, layered = sheet.split("@layer a11yrender-contrast{")
    assert f"@property {PAGE_BACKGROUND}{{syntax:\"<color>\";inherits:false;initial-value:transparent}}" in unlayered
    root = re.search(r"^:root\{.*\}$", unlayered, re.M).group(0)
    rules = unlayered.split(root, 1)[1].strip()
    assert "--a11yrender-contrast-background:#fff5cc!important;" in root
    assert "color-scheme:light" in root and "color-scheme:dark" in stylesheet(load_theme("yellow-on-blue"))
    assert layered.strip().removesuffix("}").strip() == rules
    assert "--C-" not in sheet and "/*" not in rules and len(sheet) < 8000


def test_svg_is_painted_in_the_text_colour():
    html = """<p><svg width="16" height="16" color="red"><path fill="#ccc" d="M0 0h4v4z"/>
    <circle fill="none" stroke="#ddd" r="3"/><rect style="fill:#eee" width="2" height="2"/>
    <linearGradient><stop stop-color="#f00"/></linearGradient></svg><svg fill="none" stroke="red"></svg>
    <svg><rect width="1" height="1"/></svg></p>"""
    result = render(html, ["contrast"])
    root = lxml.html.fromstring(result.html)
    first, outline, default = root.xpath("//svg")
    assert first.get("color") is None and first.get("fill") == "currentColor"
    assert root.xpath("//path")[0].get("fill") == "currentColor"
    circle = root.xpath("//circle")[0]
    assert circle.get("fill") == "none" and circle.get("stroke") == "currentColor"
    assert root.xpath("//rect")[0].get("style") == "fill: currentcolor"
    assert root.xpath("//stop")[0].get("stop-color") == "currentColor"
    assert outline.get("fill") == "none" and outline.get("stroke") == "currentColor"
    assert default.get("fill") == "currentColor"


def test_fragments_carry_the_stylesheet_at_their_start():
    result = render("前言 <p style='color:#999'>正文</p>", ["contrast"])
    assert result.is_fragment
    assert result.html.startswith('<style data-a11yrender="contrast">')
    assert result.html.split("</style>", 1)[1].startswith("前言 <p style=")
    assert render(result.html, ["contrast"]).html == result.html


@cases
def test_contrast_is_idempotent_and_keeps_the_text(modes, page_id):
    path = source_of(page_id)
    first = render(path, modes)
    assert render(first.html, modes).html == first.html
    assert load(first.html).text() == load(render(path, without_contrast(modes)).html).text()
    again = render(first.html, ["contrast"])
    assert again.html == first.html
    assert {d.code for d in again.diagnostics} <= {"contrast.theme", "contrast.linked-stylesheets", "contrast.frames"}


def _selectors(css_text: str) -> list[str]:
    return [selector.strip() for selector in re.findall(r"(?:^|[{};])([^{};]*)\{", css_text)]


@cases
def test_style_blocks_keep_every_rule(modes, page_id):
    """Only values change: every selector and at-rule of every <style> block is still there,
    in order (a value read past its end would swallow the rules after it)."""
    path = source_of(page_id)
    # The elder theme's own block differs by design (without contrast it carries its palette).
    before = [style.text or "" for style in load(render(path, without_contrast(modes)).html).root.iter("style")
              if style.get("id") != ELDER_STYLE_ID]
    after = [style.text or "" for style in load(render(path, modes).html).root.iter("style")
             if style.get(MARK_ATTRIBUTE) != "contrast" and style.get("id") != ELDER_STYLE_ID]
    assert len(before) == len(after)
    for old, new in zip(before, after):
        assert _selectors(new) == _selectors(old)


@cases
def test_themes_change_only_the_theme_stylesheet(modes, page_id):
    """What lets the browser tests swap themes in an open page: nothing else differs."""
    path = source_of(page_id)
    rendered = {theme: render(path, modes, contrast={"theme": theme}).html for theme in THEMES}
    reference = rendered[THEMES[0]]
    for theme, html in rendered.items():
        assert html.count(own_style(html)) == 1
        assert html.replace(own_style(html), own_style(reference)) == reference, theme
    switched = render(reference, ["contrast"], theme=THEMES[-1]).html
    assert switched == rendered[THEMES[-1]]


def test_composes_with_a_stylesheet_an_earlier_mode_added():
    """Elder mode runs first and adds its own stylesheet: contrast rewrites its colours and
    puts the theme's layer before it (the first layer declared wins among important rules)."""
    elder_like = ('<!DOCTYPE html><html><head><meta charset="utf-8"><style data-a11yrender="elder">'
                  "@layer a11yrender-elder { body { font-size: 24px !important; color: #333 !important;"
                  " background: #fffbe6 !important } a { color: #0645ad !important } }</style></head>"
                  "<body><p>正文<a href='#x'>链接</a></p></body></html>")
    result = render(elder_like, ["contrast"])
    root = lxml.html.fromstring(result.html)
    styles = root.xpath("//head/style")
    assert [s.get(MARK_ATTRIBUTE) for s in styles] == ["contrast", "elder"]
    assert "font-size: 24px !important" in styles[1].text and "#333" not in styles[1].text
    assert f"color: {var('text')} !important" in styles[1].text


def test_the_elder_stylesheet_rewrite_is_remembered_with_its_counts(sample_path):
    """The elder theme's stylesheet is the same on every elder + contrast page, so its rewrite
    is computed once: a render that reuses it gives the same page and the same counts."""
    contrast_mode._rewritten_elder_stylesheet.cache_clear()
    computed, reused = (render(sample_path, ["elder", "contrast"]) for _ in range(2))
    assert contrast_mode._rewritten_elder_stylesheet.cache_info().hits == 1
    assert reused.html == computed.html
    counts = [{d.code: d.count for d in r.diagnostics if d.code.startswith("contrast.")} for r in (computed, reused)]
    assert counts[0] == counts[1] and counts[0]["contrast.colour"] > 0


def test_diagnostics_list_what_was_replaced_or_removed(sample_path):
    result = render(sample_path, ["contrast"])
    found = {d.code: d for d in result.diagnostics}
    assert found["contrast.theme"].message == "theme yellow-on-black (Yellow on black)"
    assert found["contrast.colour"].count == 24
    assert found["contrast.background-image"].count == 2
    assert found["contrast.attributes"].message == "colour attributes removed: <table bgcolor> x1"
    assert found["contrast.linked-stylesheets"].count == 1
    assert all(d.severity == "info" for d in result.diagnostics if d.code.startswith("contrast."))
    frames = render("<p>x</p><iframe src='map.html'></iframe>", ["contrast"]).diagnostics
    assert [d.severity for d in frames if d.code == "contrast.frames"] == ["warning"]


def test_chinese_pages_get_the_chinese_label():
    result = render('<!DOCTYPE html><html lang="zh-TW"><body><p>正文</p></body></html>', ["contrast"], theme="yellow-on-blue")
    assert "theme yellow-on-blue (藍底黃字)" in [d.message for d in result.diagnostics]


def test_options_theme_and_theme_dirs(tmp_path):
    site = tmp_path / "themes" / "site-green"
    shutil.copytree(load_theme("black-on-white").path, site)
    manifest = (site / "theme.json").read_text(encoding="utf-8")
    (site / "theme.json").write_text(manifest.replace('"black-on-white"', '"site-green"').replace("#0000c8", "#005000"), encoding="utf-8")
    html = render("<p>x</p>", ["contrast"], theme="site-green", theme_dirs=str(tmp_path / "themes")).html
    assert "--a11yrender-contrast-link:#005000!important" in html
    options = ContrastOptions(theme_dirs=f"{tmp_path}/a:{tmp_path}/b")
    assert options.theme_dirs == (tmp_path / "a", tmp_path / "b")
    assert ContrastOptions(theme_dirs=[str(tmp_path)]).theme_dirs == (tmp_path,)
    assert "--a11yrender-contrast-text:#ffffff!important" in render("<p>x</p>", "contrast", contrast={"theme": "white-on-black"}).html


def test_a_theme_stylesheet_cannot_end_the_style_element(tmp_path):
    folder = tmp_path / "breakout"
    shutil.copytree(load_theme("black-on-white").path, folder)
    manifest = (folder / "theme.json").read_text(encoding="utf-8").replace('"black-on-white"', '"breakout"')
    (folder / "theme.json").write_text(manifest, encoding="utf-8")
    (folder / "theme.css").write_text("a { color: red } </STYLE><script>alert(1)</script>", encoding="utf-8")
    with pytest.raises(ThemeError, match="would end the page's <style>"):
        render("<p>x</p>", ["contrast"], theme="breakout", theme_dirs=[tmp_path])
    (folder / "theme.css").write_text("a { color: red }\nmark", encoding="utf-8")
    with pytest.raises(ThemeError, match="CSS error in its stylesheet at line 2"):
        render("<p>x</p>", ["contrast"], theme="breakout", theme_dirs=[tmp_path])
    (folder / "theme.css").write_text("/* a note */ mark { outline: 2px solid }", encoding="utf-8")
    assert own_style(render("<p>x</p>", ["contrast"], theme="breakout", theme_dirs=[tmp_path]).html).count(
        "mark { outline: 2px solid }") == 2


def test_bad_theme_choices_are_theme_errors(tmp_path):
    with pytest.raises(ThemeError, match="no theme 'neon'.*known themes"):
        render("<p>x</p>", ["contrast"], theme="neon")
    other = tmp_path / "big-print"
    other.mkdir()
    (other / "theme.json").write_text('{"name": "big-print", "kind": "elder", "stylesheet": "t.css"}', encoding="utf-8")
    (other / "t.css").write_text("", encoding="utf-8")
    with pytest.raises(ThemeError, match="'big-print' is a 'elder' theme, not a contrast theme"):
        render("<p>x</p>", ["contrast"], theme="big-print", theme_dirs=[tmp_path])
    with pytest.raises(OptionsError):
        render("<p>x</p>", ["contrast"], palette="dark")


def test_cli_renders_in_a_theme_and_reports_a_bad_one(tmp_path, sample_path, capsys):
    out = tmp_path / "contrast.html"
    before = sample_path.read_bytes()
    assert cli_main(["render", str(sample_path), "-o", str(out), "-m", "contrast", "--contrast-theme", "black-on-cream", "-q"]) == 0
    assert "--a11yrender-contrast-background:#fff5cc" in out.read_text(encoding="utf-8")
    assert sample_path.read_bytes() == before
    assert cli_main(["render", str(sample_path), "-o", str(tmp_path / "x.html"), "-m", "contrast", "--contrast-theme", "neon"]) == 1
    assert capsys.readouterr().err.strip().startswith("a11yrender: error: no theme 'neon'")
    assert not (tmp_path / "x.html").exists()


def test_a_mode_failure_names_the_mode(monkeypatch):
    def broken(*args):
        raise KeyError("boom")

    monkeypatch.setattr(contrast_mode, "_rewrite_element", broken)
    with pytest.raises(RenderError, match="contrast mode failed"):
        render("<p style='color:red'>x</p>", ["contrast"])


# -- what a reader gets, in Chromium -----------------------------------------------------------

#: How many focusable elements are focused per page and theme (pages have up to 2,000 links;
#: the indicator comes from one rule, so the first 40 show whether it holds).
FOCUS_LIMIT = 40

_SWAP = """css => { document.querySelector('style[data-a11yrender="contrast"]').textContent = css; }"""


@dataclass
class Report:
    """What one page in one theme fails (each entry a readable line), and what was measured."""

    texts: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    residue: list[str] = field(default_factory=list)
    focus: list[str] = field(default_factory=list)
    borders: list[str] = field(default_factory=list)
    glyphs: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    measured: dict = field(default_factory=dict)
    #: (src, alt, visible) of every image, to compare across themes.
    image_list: list[tuple] = field(default_factory=list)


def measure(page) -> Report:
    report = Report()
    runs = checks.text_runs(page)
    for run in runs:
        where = f"{run.selector} {run.text[:30]!r}"
        if run.contrast is None or run.contrast < AAA_TEXT:
            report.texts.append(f"{where}: {run.colour} on {run.background} is {run.contrast:.2f}:1")
        if run.link and not run.underlined:
            report.links.append(f"{where}: link text not underlined")
        if run.background_image:
            report.residue.append(f"{where}: background image on {run.background_image}")
        if run.text_shadow or run.opacity < 1 or (run.colour is not None and run.colour.a < 1):
            report.residue.append(f"{where}: shadow {run.text_shadow}, opacity {run.opacity}, colour {run.colour}")
    focus = checks.focus_indicators(page, FOCUS_LIMIT)
    for ring in focus:
        if not ring.visible or ring.contrast < NON_TEXT:
            report.focus.append(f"{ring.selector}: {ring.style} {ring.width}px {ring.colour} on {ring.background}")
    borders = checks.control_borders(page)
    for control in borders:
        if not control.complete or control.contrast < NON_TEXT:
            report.borders.append(f"{control.selector}: {control.sides} around, {control.outside} outside")
    glyphs = checks.glyphs(page)
    for glyph in glyphs:
        if glyph.kind == "svg":
            wrong = [paint for paint in glyph.paints() if parse_colour(paint) != glyph.colour]
            if wrong:
                report.glyphs.append(f"{glyph.selector}: painted {wrong}, text colour {glyph.colour}")
        elif glyph.contrast is None or glyph.contrast < AAA_TEXT or glyph.text_shadow:
            report.glyphs.append(f"{glyph.selector} {glyph.text!r}: {glyph.colour} on {glyph.background}")
    images = checks.images(page)
    report.image_list = [(i.src, i.alt, i.visible) for i in images]
    for image in images:  # opacity 0 hides (a lazy image not loaded yet), as on the original page
        if image.filter != "none" or image.blend != "normal" or 0 < image.opacity < 1:
            report.images.append(f"{image.selector}: filter {image.filter}, blend {image.blend}, opacity {image.opacity}")
    report.measured = {"texts": len(runs), "links": sum(r.link for r in runs), "focus": len(focus),
                       "controls": len(borders), "glyphs": len(glyphs), "images": len(images)}
    return report


def image_list(source) -> list[tuple]:
    """(src, alt) of every <img> and image button of a page, in order."""
    root = load(source).root
    return [(img.get("src"), img.get("alt")) for img in root.xpath("//img | //input[translate(@type, 'IMAGE', 'image')='image']")]


@pytest.fixture(scope="module")
def reports(browser):
    """Reports by render, page and theme, measured on first use: each page opened once per
    render and measured in every theme (the theme's stylesheet swapped in place)."""
    tab = browser.new_page()
    cache: dict[tuple[str, str], dict[str, Report]] = {}

    def get(page_id: str, modes: str = "contrast") -> dict[str, Report]:
        if (modes, page_id) not in cache:
            path = source_of(page_id)
            first = render(path, modes, contrast={"theme": THEMES[0]})
            checks.open_html(tab, first.html, base_dir=path.parent, width=checks.DESKTOP_WIDTH)
            by_theme = {}
            for theme in THEMES:
                if theme != THEMES[0]:
                    tab.evaluate(_SWAP, stylesheet(load_theme(theme)))
                by_theme[theme] = measure(tab)
            cache[modes, page_id] = by_theme
        return cache[modes, page_id]

    yield get
    tab.close()


def failures(reports_of_page: dict[str, Report], check: str) -> dict[str, list[str]]:
    return {theme: getattr(report, check)[:5] for theme, report in reports_of_page.items() if getattr(report, check)}


@browser
@cases
def test_every_text_run_reaches_7_to_1(reports, modes, page_id):
    measured = reports(page_id, modes)
    assert all(report.measured["texts"] > 0 for report in measured.values())
    assert failures(measured, "texts") == {}


@browser
@cases
def test_link_text_is_underlined(reports, modes, page_id):
    assert failures(reports(page_id, modes), "links") == {}


@browser
@cases
def test_nothing_is_left_behind_or_on_text(reports, modes, page_id):
    """No background image or gradient behind text; no shadow, translucency or transparent colour."""
    assert failures(reports(page_id, modes), "residue") == {}


@browser
@cases
def test_focus_indicator_is_drawn_at_3_to_1(reports, modes, page_id):
    assert failures(reports(page_id, modes), "focus") == {}


@browser
@cases
def test_controls_have_borders_at_3_to_1(reports, modes, page_id):
    assert failures(reports(page_id, modes), "borders") == {}


@browser
@cases
def test_glyphs_take_the_text_colour(reports, modes, page_id):
    """Inline SVG paints in the text colour; generated content (icon fonts) reaches 7:1."""
    assert failures(reports(page_id, modes), "glyphs") == {}


@cases
def test_content_images_and_their_alt_are_kept_in_the_markup(modes, page_id):
    """Compared with the same render without contrast (serialising escapes spaces in URLs,
    whatever the mode)."""
    path = source_of(page_id)
    assert image_list(render(path, modes).html) == image_list(render(path, without_contrast(modes)).html)


@browser
@cases
def test_content_images_are_shown_unaltered(reports, modes, page_id):
    """No filter (invert, grayscale), blend mode or translucency on any image; every theme
    shows the same images (the page's own scripts may add or swap some: the same in all)."""
    measured = reports(page_id, modes)
    assert failures(measured, "images") == {}
    lists = {theme: report.image_list for theme, report in measured.items()}
    assert all(images == lists[DEFAULT_THEME] for images in lists.values())


@browser
def test_the_corpus_exercises_every_check(reports):
    """The checks above are not vacuous: across the pages, each kind of thing was measured."""
    totals: dict[str, int] = {}
    for page_id in PAGES:
        for key, value in reports(page_id)[DEFAULT_THEME].measured.items():
            totals[key] = totals.get(key, 0) + value
    assert totals["texts"] > 5000 and totals["links"] > 2000 and totals["focus"] > 500
    assert totals["controls"] > 50 and totals["glyphs"] > 50 and totals["images"] > 500


# -- the tricks pages use, one by one --------------------------------------------------------

#: A stylesheet the library never reads (linked), fighting the theme with every weapon an
#: unlayered author stylesheet has: !important, high specificity, its own cascade layer.
HOSTILE_CSS = """
html body p#linked.x.y { color: #f5f5f5 !important; background: #fff !important; }
html body a.linked-link { color: #ddd !important; text-decoration: none !important; }
* :focus, *:focus { outline: 0 !important; box-shadow: 0 0 0 2px #eee !important; }
.hero h2 { opacity: .3 !important; text-shadow: 0 0 8px #fff !important; }
button.flat { border: 0 !important; background: #fafafa !important; color: #ccc !important; }
@layer site { .layered { color: #e0e0e0 !important; background-color: #fff !important; } }
.mourning { filter: grayscale(1) !important; }
svg.brand path { fill: #ff6600 !important; }
"""

TRICKS = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>手法</title>
<link rel="stylesheet" href="site.css">
<style>
:root { --brand: #c00; --brandBg: #fee; }
body { color: #777; background: linear-gradient(#fff, #eee) }
.hero { background: url(hero.png) center/cover; color: #fff; text-shadow: 0 0 2px #000; padding: 20px }
.muted { opacity: .5 }
.ghost { color: transparent; text-shadow: 0 0 4px #333 }
.clip { background: linear-gradient(90deg, #f00, #00f); -webkit-background-clip: text; -webkit-text-fill-color: transparent }
.brand { color: var(--brand); background: var(--brandBg) }
a { color: #999; text-decoration: none }
a:focus { outline: none }
.icon::before { content: "\\2605"; color: #ccc; text-shadow: 1px 1px #999 }
input::placeholder { color: #ddd }
input { border: 1px solid #f4f4f4 }
@layer page { p.layered-too { color: #eee !important } }
.menu { position: relative; background: rgba(255, 255, 255, .9) } .slide { opacity: 0 }
</style></head>
<body text="#888888" link="#aaaaaa" vlink="#bbbbbb" bgcolor="#f0f0f0">
<p>正文 <font color="#cccccc">浅色字</font> <a href="#a">链接</a></p>
<p style="color: #eee !important; background-color: #fff !important">行内重要样式</p>
<div class="hero"><h2>图上的标题</h2></div>
<p class="muted">半透明的字</p><p class="ghost">模糊的字</p><p class="clip">渐变字</p><p class="brand">品牌色</p>
<p id="linked" class="x y">外部样式表上色的字 <a class="linked-link" href="#b">外部样式表的链接</a></p>
<p class="layered">外部层里的字</p><p class="layered-too">页面层里的字</p>
<table bgcolor="#336699"><tr><td bgcolor="#99ccff"><font color="white">表格里的字</font></td></tr></table>
<p class="mourning"><span class="icon">星标</span>
<svg class="brand" width="16" height="16" aria-hidden="true"><path fill="#ccc" d="M0 0h16v16H0z"/></svg>
<svg width="16" height="16" fill="none" stroke="#ddd"><circle cx="8" cy="8" r="6"/></svg>
<svg width="16" height="16"><rect width="16" height="16"/></svg></p>
<p><img src="photo.png" alt="一张照片" style="filter: invert(1); opacity: .4"></p>
<form><input placeholder="搜索"> <input value="已填"> <button class="flat">搜索</button>
<button disabled>不可用</button> <select><option>选项</option></select> <textarea>文本</textarea></form>
<p><mark>标记</mark> <a href="#c" id="last">最后一个链接</a></p>
<div class="menu" id="menu">菜单</div><div id="plain">普通</div><div class="slide" id="slide">隐藏的幻灯片</div>
</body></html>"""


@pytest.fixture(scope="module")
def tricks_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tricks")
    (folder / "site.css").write_text(HOSTILE_CSS, encoding="utf-8")
    shutil.copy(corpus.SAMPLE.parent / "images" / "interview.png", folder / "photo.png")
    shutil.copy(corpus.SAMPLE.parent / "images" / "banner.png", folder / "hero.png")
    return folder


def run_of(runs, text):
    return next(run for run in runs if run.text.startswith(text))


@browser
def test_the_checks_catch_every_trick_on_the_original(page, tricks_dir):
    """Without the mode, each check above finds what it looks for: none of them is vacuous."""
    checks.open_html(page, render(TRICKS).html, base_dir=tricks_dir, width=checks.DESKTOP_WIDTH)
    report = measure(page)
    failing = {name for name in ("texts", "links", "residue", "focus", "borders", "glyphs", "images") if getattr(report, name)}
    assert failing == {"texts", "links", "residue", "focus", "borders", "glyphs", "images"}


@browser
@pytest.mark.parametrize("theme", THEMES)
def test_every_trick_is_undone(page, tricks_dir, theme):
    checks.open_html(page, render(TRICKS, ["contrast"], theme=theme).html, base_dir=tricks_dir, width=checks.DESKTOP_WIDTH)
    report = measure(page)
    assert (report.texts, report.links, report.residue, report.focus, report.borders, report.glyphs, report.images) == ([],) * 7
    assert report.measured["glyphs"] == 4 and report.measured["controls"] == 6

    colours = load_theme(theme).colours
    runs = checks.text_runs(page)
    role = {name: parse_colour(value) for name, value in colours.items()}
    assert run_of(runs, "外部样式表上色的字").colour == role["text"]
    assert run_of(runs, "外部样式表的链接").colour == role["link"] and run_of(runs, "外部样式表的链接").underlined
    for text in ("行内重要样式", "外部层里的字", "页面层里的字", "浅色字", "表格里的字", "品牌色", "渐变字", "图上的标题"):
        assert run_of(runs, text).colour == role["text"] and run_of(runs, text).background == role["background"], text
    placeholder = next(run for run in runs if run.kind == "placeholder")
    assert placeholder.text == "搜索" and placeholder.colour == role["disabled"]
    disabled = next(run for run in runs if run.text == "不可用")
    assert disabled.colour == role["disabled"] and disabled.background == role["button-face"]
    assert next(run for run in runs if run.text == "搜索" and run.kind == "text").colour == role["button-text"]
    mark = run_of(runs, "标记")
    assert (mark.colour, mark.background) == (role["selection-text"], role["selection-background"])
    selection = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('p'), '::selection');
                                         return [s.color, s.backgroundColor]; }""")
    assert [parse_colour(c) for c in selection] == [role["selection-text"], role["selection-background"]]
    rings = {ring.selector: ring for ring in checks.focus_indicators(page)}
    assert rings["#last"].colour == role["focus"] and rings["#last"].width >= 3 and rings["#last"].box_shadow == "none"
    painted = page.evaluate("""() => ['#menu', '#plain', '#linked', '#slide'].map(s => {
        const style = getComputedStyle(document.querySelector(s)); return [style.backgroundColor, style.opacity]; })""")
    menu, plain, linked, slide = painted
    assert parse_colour(menu[0]) == role["background"]  # the page painted it: opaque, in the theme's colour
    assert parse_colour(plain[0]).a == 0 and parse_colour(linked[0]).a == 0  # unpainted, or painted unreadably
    assert slide[1] == "0" and "隐藏的幻灯片" not in [run.text for run in runs]  # hidden stays hidden
    photo = next(image for image in checks.images(page) if image.alt == "一张照片")
    assert photo.visible and photo.loaded and photo.filter == "none" and photo.opacity == 1


@browser
def test_a_stylesheet_an_earlier_mode_added_cannot_override_the_theme(page):
    """The elder mode's stylesheet (simulated: elder is on another branch) comes after the
    theme's; its sizes stay and its colours give way."""
    elder_like = ('<!DOCTYPE html><html><head><meta charset="utf-8"><style data-a11yrender="elder">'
                  "@layer a11yrender-elder { body { font-size: 24px !important; color: #333 !important;"
                  " background: #fffbe6 !important } a { color: #0645ad !important; text-decoration: none !important } }"
                  "</style></head><body><p>正文<a href='#x'>链接</a></p></body></html>")
    checks.open_html(page, render(elder_like, ["contrast"]).html, width=checks.DESKTOP_WIDTH)
    runs = checks.text_runs(page)
    theme = load_theme(DEFAULT_THEME)
    assert run_of(runs, "正文").font_size == 24 and run_of(runs, "正文").colour == theme.colour("text")
    link = run_of(runs, "链接")
    assert link.colour == theme.colour("link") and link.underlined and link.font_size == 24


@browser
def test_keyboard_focus_draws_a_visible_ring_on_the_sample(page, sample_path, sample_dir):
    """Tab through the sample and look at the pixels: the ring is painted in the focus colour
    around each element, in every theme (the computed outline alone could be clipped)."""
    checks.open_html(page, render(sample_path, ["contrast"], theme=THEMES[0]).html, base_dir=sample_dir,
                     width=checks.DESKTOP_WIDTH)
    page.evaluate("clearInterval(window.__floatTimer)")  # the drifting window would move between screenshots
    for theme in THEMES:
        page.evaluate(_SWAP, stylesheet(load_theme(theme)))
        focus = load_theme(theme).colour("focus")
        page.evaluate("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
        page.mouse.click(1, 1)
        focused, unfocused = [], []
        for _ in range(8):
            page.keyboard.press("Tab")
            box = page.evaluate("""() => { const r = document.activeElement.getBoundingClientRect();
                                           return {x: r.left, y: r.top, width: r.width, height: r.height}; }""")
            margin = 6  # outline-offset 2px + width 3px, and a pixel of antialiasing
            ring_area = 2 * 3 * (box["width"] + box["height"] + 2 * 5)
            for shots, blur in ((focused, False), (unfocused, True)):
                if blur:  # the same place without focus: the ring, not the page, was the colour
                    page.evaluate("document.activeElement.blur()")
                shot = checks.screenshot(page, box["x"] - margin, box["y"] - margin, box["width"] + 2 * margin, box["height"] + 2 * margin)
                outside = lambda x, y: not (margin <= x < shot.width - margin and margin <= y < shot.height - margin)
                shots.append(shot.count(focus, tolerance=16, region=outside) / ring_area)
        assert min(focused) > 0.6 and max(unfocused) < 0.2, (theme, focused, unfocused)


def test_the_example_renders_the_contrast_variant(tmp_path, capsys):
    """examples/render_sample.py writes out/contrast/ in the default theme, beside the assets."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("render_sample", corpus.REPO / "examples" / "render_sample.py")
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    assert example.main(tmp_path) == 0
    html = (tmp_path / "contrast" / "index.html").read_text(encoding="utf-8")
    assert own_style(html) == stylesheet(load_theme(DEFAULT_THEME))
    assert (tmp_path / "contrast" / "images" / "interview.png").is_file()
    assert "contrast " in capsys.readouterr().out
