"""The measurement harness, on pages whose true values are known from their own CSS."""

import pytest

from a11yrender import checks, render
from a11yrender.colour import parse_colour

pytestmark = pytest.mark.browser

KNOWN = """<!DOCTYPE html><html lang="zh-CN"><head><style>
body { margin: 0; background: #fff; font-family: sans-serif; }
#sized { font-size: 17px; line-height: 1.5; color: #777; }
#normal { font-size: 20px; line-height: normal; }
#layered { background: #000; } #layered div { background: rgba(255,255,255,0.5); } #layered span { color: #fff; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
#gradient { background: linear-gradient(#fff, #000); } #clipped { -webkit-text-fill-color: transparent; }
input::placeholder { color: #aaaaaa; }
</style></head><body>
<p id="sized">十七像素的灰字</p>
<p id="normal">正常行高</p>
<div id="layered"><div><span>半透明白底上的白字</span></div></div>
<p style="display:none">不显示</p><p style="visibility:hidden">隐藏</p><span class="sr-only">读屏专用</span>
<div id="gradient"><span id="clipped">渐变字</span></div>
<input placeholder="请输入关键词"><input value="已填的值" style="color:#333">
<p lang="en">An English passage.</p>
<p>正文里有<a href="#x">一个链接</a>在句子中。</p>
<ul><li><a href="#y">导航链接</a></li></ul>
<button style="width:20px;height:20px;padding:0;border:0">按</button>
<div style="overflow-x:auto;width:300px"><table style="width:900px"><tr><td>宽表格在自己的框里滚动</td></tr></table></div>
</body></html>"""


@pytest.fixture
def known(page):
    checks.open_html(page, KNOWN, width=1280)
    return page


def run_for(runs, text):
    return next(r for r in runs if r.text.startswith(text))


def test_font_size_line_height_and_contrast_are_measured(known):
    runs = checks.text_runs(known)
    sized = run_for(runs, "十七像素")
    assert sized.font_size == 17 and sized.line_height == pytest.approx(25.5)
    assert sized.colour.hex == "#777777" and sized.background.hex == "#ffffff"
    assert sized.contrast == pytest.approx(4.48, abs=0.01)  # WebAIM: #777 on #fff
    assert run_for(runs, "正常行高").line_height is None


def test_translucent_backgrounds_are_blended_through_the_ancestors(known):
    layered = run_for(checks.text_runs(known), "半透明")
    assert layered.background.hex in ("#7f7f7f", "#808080")
    assert layered.contrast == pytest.approx(3.95, abs=0.05)  # WebAIM: #fff on #808080


def test_hidden_text_is_not_reported_but_text_over_images_is_flagged(known):
    texts = [r.text for r in checks.text_runs(known)]
    assert not {"不显示", "隐藏", "读屏专用"} & set(texts)
    clipped = run_for(checks.text_runs(known), "渐变字")
    assert clipped.background_image == "#gradient" and clipped.colour.a == 0


def test_form_controls_report_their_value_or_placeholder(known):
    runs = checks.text_runs(known)
    placeholder = run_for(runs, "请输入关键词")
    assert placeholder.kind == "placeholder" and placeholder.colour == parse_colour("#aaaaaa")
    assert run_for(runs, "已填的值").kind == "control"


def test_targets_are_measured_and_inline_links_recognised(known):
    found = {t.text: t for t in checks.targets(known)}
    assert found["按"].rect.width == 20 and found["按"].rect.height == 20 and not found["按"].inline
    assert found["一个链接"].inline
    assert not found["导航链接"].inline


def test_overflow_ignores_boxes_that_scroll_themselves(known):
    wide = checks.overflow(known, 320)
    assert not wide.scrolls and wide.offenders == []
    known.evaluate("document.body.insertAdjacentHTML('beforeend', '<table id=fixed style=width:1000px><tr><td>x</td></tr></table>')")
    wide = checks.overflow(known, 320)
    assert wide.scrolls and wide.scroll_width >= 1000
    assert [o.selector for o in wide.offenders] == ["#fixed"]


def test_languages(known):
    langs = checks.languages(known)
    assert langs.document == "zh-CN"
    assert [(p.lang, p.text) for p in langs.parts] == [("en", "An English passage.")]


def test_the_sample_as_published_is_measured_honestly(page, sample_path, sample_dir):
    """The original page's 12 px grey text and fixed 1000 px layout are what the harness reports."""
    checks.open_html(page, render(sample_path).html, base_dir=sample_dir, width=1280)
    runs = checks.text_runs(page)
    welcome = run_for(runs, "欢迎访问临沂临港经济开发区网站")
    assert welcome.font_size == 12 and welcome.colour.hex == "#999999"
    assert welcome.background.hex == "#eef2f7" and welcome.contrast < 3
    body = run_for(runs, "临港区网站")
    assert body.font_size == 14 and body.colour.hex == "#666666" and body.text_align == "justify"
    assert sum(r.font_size < 14 for r in runs) > 20
    narrow = checks.overflow(page, checks.NARROW_WIDTH)
    assert narrow.scrolls and narrow.scroll_width >= 1000
    small = [t for t in checks.targets(page) if not t.inline and t.rect.height < 44]
    assert len(small) > 10
    assert checks.languages(page).document is None


def test_open_html_serves_files_from_base_dir_only(page, sample_dir, tmp_path):
    html = '<img id=ok src="images/banner.png"><img id=out src="../../README.md"><img id=net src="http://example.com/x.png">'
    checks.open_html(page, html, base_dir=sample_dir)
    widths = page.evaluate("[...document.images].map(i => i.naturalWidth)")
    assert widths == [1000, 0, 0]
