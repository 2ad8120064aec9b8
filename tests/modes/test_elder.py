"""Elder mode: what the output keeps (lxml) and what a reader gets (Chromium, 1280 and 320 px).

The numbers are the issue's (MIIT 适老化 and WCAG 2.2), written here as constants, not read
from the theme: the theme is what is under test.
"""

from __future__ import annotations

import collections
import functools
from dataclasses import replace

import lxml.html
import pytest

import corpus
from a11yrender import ElderOptions, checks, load, render
from a11yrender.checks import requirements
from a11yrender.checks.audit import PROFILES, audit_page
from a11yrender.article import TITLE_LABEL, find_article, text_of
from a11yrender.errors import OptionsError, ThemeError

#: Main content (body, title, date line), in CSS px; contrast of text and of the focus ring.
MAIN_MIN_PX = 24.0
MIN_CONTRAST = 4.5
FOCUS_CONTRAST = 3.0

#: Where a site publishing the elder version beside the original would point back to.
STANDARD_URL = "source.html"

PAGE_IDS = ["sample", *corpus.page_ids()]
#: Pages measured in the browser in the whole-page layout too: the sample, government pages
#: laid out with tables, a GB2312 news page, RTL, a table-styled page and a big portal; the
#: others are checked without a browser (measuring every big page twice more would triple the
#: suite's time). A fragment in the whole-page layout has its own test below.
PAGE_LAYOUT_IDS = [
    "sample", "cwced/d232c5df", "cwced/b26fbb82", "cwced/e8847578",
    "trafilatura/archive.org.he.xinhuanet.com.25340717", "readability/rtl-1",
    "readability/table-style-attributes", "readability/qq",
]


def source_of(page_id: str):
    return corpus.SAMPLE if page_id == "sample" else corpus.by_id(page_id).path


@functools.lru_cache(maxsize=None)
def elder_html(page_id: str, layout: str = "article") -> str:
    """Each page is rendered once per layout for the whole module."""
    return render(source_of(page_id), ["elder"], standard_url=STANDARD_URL, layout=layout).html


UTF8 = lxml.html.HTMLParser(encoding="utf-8")


def tree(html: str):
    """The output parsed as a browser would (a fragment as the body of a page)."""
    if not html.lstrip().lower().startswith(("<!doctype", "<html")):
        html = f"<html><body>{html}</body></html>"
    return lxml.html.document_fromstring(html.encode("utf-8"), parser=UTF8)


def squashed(text: str) -> str:
    return corpus.squash(text)


# -- what the output keeps (no browser) --------------------------------------------------

def test_elder_is_registered_and_its_options_route():
    result = render(corpus.SAMPLE, "elder", layout="page", keep_scripts=True)
    assert result.modes == ("original", "elder")
    assert "<script" in result.html and "区人力资源和社会保障局局长孟祥勇访谈" in result.html
    with pytest.raises(OptionsError):
        render(corpus.SAMPLE, "elder", layout="sideways")
    with pytest.raises(OptionsError):
        render(corpus.SAMPLE, "elder", elder={"no_such_option": 1})


def test_the_sample_keeps_the_article_and_nothing_else():
    root = tree(elder_html("sample"))
    main = root.get_element_by_id("a11y-main")
    assert text_of(main.find(".//h1")) == "区建设局局长赵杰访谈: 锚定产城融合目标 全力书写高质量发展新篇章"
    byline = text_of(main.find_class("a11y-byline")[0])
    assert "来源:临沂临港经济开发区网站" in byline and "发布时间:2025-09-09" in byline
    assert "字体" not in byline and "打印" not in byline  # the font-size switcher and print link went
    paragraphs = [text_of(p) for p in main.find_class("a11y-body")[0].iter("p") if text_of(p)]
    assert len(paragraphs) == 10
    speakers = [p.split(":")[0].split("：")[0] for p in paragraphs]
    assert speakers == ["临港区网站", "赵杰"] * 5
    labels = [text_of(label) for label in main.xpath(".//p/strong | .//p/b | .//p/span[contains(@style, 'bold')]")]
    assert labels[:3] == ["临港区网站:", "赵杰:", "临港区网站："]
    image = main.find(".//img")
    assert image.get("src") == "images/interview.png" and image.get("alt") == "区建设局局长赵杰（右）做客《互动访谈》栏目"
    pager = main.find_class("a11y-pager")[0]
    link = pager.find(".//a")
    assert link.get("href") == "../202509/t20250908_1.html" and text_of(link).startswith("下一条：区人力资源和社会保障局局长孟祥勇访谈")
    site = root.find_class("a11y-site-name")[0].find("a")
    assert text_of(site) == "临沂临港经济开发区网站" and site.get("href") == "../../index.html"
    assert [a.get("href") for a in root.find_class("a11y-standard")] == [STANDARD_URL, STANDARD_URL]
    text = text_of(root.find("body"))
    for gone in ("欢迎访问临沂临港经济开发区网站", "无障碍阅读", "要闻动态", "热点专题", "农业农村局局长访谈", "分享到", "友情链接", "学习贯彻"):
        assert gone not in text, gone
    assert root.find(".//script") is None and root.find(".//marquee") is None
    assert not root.xpath("//@*[starts-with(name(), 'on')]")


def test_the_skip_link_is_first_and_points_at_the_article():
    root = tree(elder_html("sample"))
    first = next(root.find("body").iter("a"))
    assert first.get("class") == "a11y-skip" and first.get("href") == "#a11y-main"
    assert text_of(first) == "跳到正文"


def bigrams(text: str) -> collections.Counter:
    text = squashed(text)
    return collections.Counter(text[i:i + 2] for i in range(len(text) - 1))


def recall(expected: str, got: str) -> float:
    wanted = bigrams(expected)
    return sum((wanted & bigrams(got)).values()) / max(1, sum(wanted.values()))


def assert_kept_in_order(article, kept_text: str) -> None:
    """Every block of running text of the article is in ``kept_text``, in order, and 98 % of
    the article's text is (what goes is what elder removes: share bars, font-size switchers)."""
    kept = squashed(kept_text)
    position = 0
    for block in (squashed(article.block_text(b)) for b in article.blocks):
        if len(block) < 30:
            continue
        found = kept.find(block[:30], position)
        assert found >= 0, f"missing or out of order: {block[:60]}"
        position = found
    assert recall(article.text(), kept_text) >= 0.98


def content_images(article) -> set[tuple[str, str]]:
    """The article's pictures: images with alt text that are not links (linked icons are
    buttons: RSS, save, back, which elder may remove), by alt and file name."""
    excluded = {id(e) for e in article.excluded}
    found = set()
    for part in article.parts:
        for img in part.iter("img"):
            if any(id(a) in excluded or a.tag == "a" for a in img.iterancestors()) or not (img.get("alt") or "").strip():
                continue
            found.add(((img.get("alt") or "").strip(), image_name(img)))
    return found


def image_name(img) -> str:
    for attribute in ("data-original", "data-src", "src"):
        value = (img.get(attribute) or "").strip()
        if value and not value.startswith("data:"):
            return value.rsplit("/", 1)[-1]
    return ""


@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_the_article_is_kept_whole_in_order(page_id):
    """The body the article finder found is in the output, in order, with its images."""
    article = find_article(load(source_of(page_id)))
    assert article is not None
    images = content_images(article)
    root = tree(elder_html(page_id))
    main = root.get_element_by_id("a11y-main")
    assert_kept_in_order(article, text_of(main))
    kept_images = {((img.get("alt") or "").strip(), image_name(img)) for img in main.iter("img")}
    missing = images - kept_images
    assert len(missing) <= 0.1 * len(images), missing
    if article.title is not None:
        title = TITLE_LABEL.sub("", text_of(article.title))  # "主题：" is a label, not the title
        assert squashed(title) in squashed(text_of(main.find(".//h1")))


@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_elder_is_idempotent(page_id):
    once = elder_html(page_id)
    twice = render(once, "elder", standard_url=STANDARD_URL)
    assert twice.html == once
    assert [d.code for d in twice.diagnostics] == ["elder.already"]


#: Pages with Chinese passages whose text is mostly in Latin letters (an English blog of
#: Chinese songs: 480 Han characters among 15,000 letters): no language is declared for them.
MOSTLY_LATIN = {"trafilatura/chineselyrics4u.com.zhineng"}


def expected_lang(page_id: str, original) -> str | None:
    """The lang the elder page must carry: the original's; else, for a document in Chinese,
    Japanese or Korean (the corpus' own record; the sample is simplified Chinese), that
    language. Latin text could be any of many languages: no lang is guessed for it."""
    if original.lang or original.is_fragment:
        return original.lang
    if page_id in MOSTLY_LATIN:
        return None
    known = "zh-CN" if page_id == "sample" else corpus.by_id(page_id).lang
    return {"zh-CN": "zh-Hans", "zh-TW": "zh-Hant", "ja": "ja", "ko": "ko"}.get(known)


@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_lang_is_kept_or_declared_and_scripts_go(page_id):
    """A declared lang is kept; a page that declares none gets the language of its text."""
    original = load(source_of(page_id))
    root = tree(elder_html(page_id))
    assert root.get("lang") == expected_lang(page_id, original)
    assert not [s for s in root.iter("script") if s.get("type") != "application/ld+json"]
    assert not root.xpath("//@*[starts-with(name(), 'on')]")
    assert not root.xpath("//@href[starts-with(normalize-space(translate(., 'JAVSCRIPT', 'javscript')), 'javascript:')]")


@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_the_page_layout_keeps_all_the_text(page_id):
    """layout="page" keeps the page (less what moves, floats, advertises or needs scripts)."""
    original = load(source_of(page_id))
    article = find_article(original)
    root = tree(elder_html(page_id, "page"))
    body = root.find("body")
    assert_kept_in_order(article, text_of(body))
    assert recall(text_of(original.body), text_of(body)) >= 0.6
    assert not [s for s in root.iter("script") if s.get("type") != "application/ld+json"]
    assert root.find(".//marquee") is None


def test_diagnostics_say_what_was_removed_and_why():
    result = render(corpus.SAMPLE, "elder", standard_url=STANDARD_URL)
    by_code = {d.code: d for d in result.diagnostics}
    assert "div#toolbar" in by_code["elder.removed.outside"].message
    assert by_code["elder.removed.script"].count == 1
    assert "font-size switcher" in by_code["elder.removed.font-switcher"].message
    assert by_code["elder.removed.script-link"].count == 1  # 打印 (the 关闭 link is outside the article)
    assert "zoom" in by_code["elder.layout"].message
    page = render(corpus.SAMPLE, "elder", standard_url=STANDARD_URL, layout="page")
    by_code = {d.code: d for d in page.diagnostics}
    assert by_code["elder.removed.floating"].count == 1  # the drifting window
    assert "marquee" in by_code["elder.removed.marquee"].message
    assert "share bar" in by_code["elder.removed.share"].message
    assert by_code["elder.tables"].message.startswith("1 layout tables")
    assert by_code["elder.removed.jump-menu"].count == 1


def test_the_standard_version_defaults_to_the_canonical_url():
    page = """<!DOCTYPE html><html lang="zh-CN"><head><link rel="canonical" href="https://www.example.gov.cn/a/1.html">
    <title>通知_某某网</title></head><body><article><h1>通知</h1><p>""" + "这是一段足够长的正文，说明通知的内容。" * 5 + "</p></article></body></html>"
    root = tree(render(page, "elder").html)
    assert root.find_class("a11y-standard")[0].get("href") == "https://www.example.gov.cn/a/1.html"
    result = render(page.replace('<link rel="canonical" href="https://www.example.gov.cn/a/1.html">', ""), "elder")
    assert not tree(result.html).find_class("a11y-standard")
    assert [d.severity for d in result.diagnostics if d.code == "elder.standard-url"] == ["warning"]
    root = tree(render(page, "elder", standard_url="/std/1.html", home_url="https://www.example.gov.cn/").html)
    assert root.find_class("a11y-standard")[0].get("href") == "/std/1.html"
    assert root.find_class("a11y-home")[0].get("href") == "https://www.example.gov.cn/"


def test_strings_follow_the_page_language():
    body = "<article><h1>{t}</h1><p>{p}</p></article>"
    traditional = render(f'<html lang="zh-TW"><body>{body.format(t="公告", p="這是一段夠長的正文，說明公告的內容。" * 5)}</body></html>', "elder")
    assert ">返回標準版<" not in traditional.html and ">網站首頁<" in traditional.html
    english = render(f'<html lang="en"><body>{body.format(t="Notice", p="This is a long enough paragraph, saying what the notice is about. " * 5)}</body></html>', "elder")
    assert ">Skip to content<" in english.html
    undeclared = render(f'<html><body>{body.format(t="公告", p="这是一段足够长的正文，说明公告的内容。" * 5)}</body></html>', "elder")
    # Undeclared: the strings follow the text's language, and the page now declares it.
    assert ">跳到正文<" in undeclared.html and '<html lang="zh-Hans">' in undeclared.html
    assert any(d.code == "elder.lang" for d in undeclared.diagnostics)


def test_scripts_moving_and_floating_things_go():
    page = """<!DOCTYPE html><html><head><meta http-equiv="refresh" content="30"><script>var a=1</script>
    <script type="application/ld+json">{"@type": "NewsArticle"}</script></head><body onload="init()">
    <div class="piaochuang" style="position:absolute"><a href="/ad"><img src="ad.gif" alt="广告"></a></div>
    <article><h1>标题</h1><div id="adTop"><a href="/ad2"><img src="x.gif" alt="x"></a></div><p class="info">发布时间：2025-01-02 <span>字号：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a></span></p>
    <p onclick="track()">""" + "正文内容，说明了很多事情。" * 10 + """</p>
    <marquee>滚动的通知文字</marquee><blink>闪烁</blink>
    <iframe src="https://player.example.cn/v/1" title="访谈视频"></iframe>
    <iframe src="https://googleads.g.doubleclick.net/x"></iframe>
    <video src="v.mp4" autoplay></video>
    <div class="bdsharebuttonbox">分享到：<a href="#" class="bds_weixin">微信</a></div>
    <p><a href="javascript:window.print()">打印</a> <a href="javascript:openDoc(3)">附件：通知全文</a></p>
    <p><img data-original="real.jpg" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="现场"></p>
    <noscript><img src="fallback.jpg" alt="备用"></noscript>
    <div style="position:fixed;bottom:0">回到顶部</div>
    </article></body></html>"""
    result = render(page, "elder")
    root = tree(result.html)
    html = result.html
    assert [s.get("type") for s in root.iter("script")] == ["application/ld+json"]
    assert "refresh" not in html and "onload" not in html and "onclick" not in html and "javascript:" not in html
    assert "广告" not in html and "adTop" not in html and "字号" not in html and "分享到" not in html and "打印" not in html
    assert root.find(".//marquee") is None and "滚动的通知文字" in text_of(root.find("body"))
    assert root.find(".//blink") is None and "闪烁" in text_of(root.find("body"))
    assert root.find(".//iframe") is None
    embed = root.find_class("a11y-embed")[0]
    assert embed.get("href") == "https://player.example.cn/v/1" and "访谈视频" in text_of(embed)
    video = root.find(".//video")
    assert video.get("autoplay") is None and video.get("controls") is not None
    assert "附件：通知全文" in text_of(root.find("body"))  # the script link's text stays, as text
    assert [img.get("src") for img in root.iter("img")] == ["real.jpg", "fallback.jpg"]
    assert "回到顶部" not in html
    codes = {d.code for d in result.diagnostics}
    assert "elder.removed.advert" in {d.code for d in render(page, "elder", layout="page").diagnostics}
    assert {"elder.removed.script", "elder.removed.refresh", "elder.removed.floating",
            "elder.removed.font-switcher", "elder.removed.marquee", "elder.removed.blink", "elder.removed.frame",
            "elder.removed.frame-link", "elder.removed.autoplay", "elder.removed.share", "elder.removed.event-handler"} <= codes


def test_switchers_are_known_by_their_words_in_any_case():
    body = "正文内容，说明了很多事情。" * 10
    page = f"""<!DOCTYPE html><html><head><title>标题</title></head><body><article><h1>标题</h1>
    <div class="tools">FONT SIZE: <a href="/big">A+</a> <a href="/small">A-</a></div><p>{body}</p>
    <div class="tools">Font Size: the letters of this line say nothing of a switcher</div></article></body></html>"""
    result = render(page, "elder")
    assert "FONT SIZE" not in result.html and "Font Size: the letters" in result.html
    assert "elder.removed.font-switcher" in {d.code for d in result.diagnostics}


def test_keep_scripts_keeps_them():
    result = render(corpus.SAMPLE, "elder", keep_scripts=True, layout="page")
    root = tree(result.html)
    assert len(root.findall(".//script")) == 2 and root.xpath("//@onclick")


def test_layout_tables_become_blocks_and_data_tables_scroll_in_a_box():
    page = """<html><body><table width="1000"><tr><td width="200"><ul><li><a href="/1">栏目一</a></li></ul></td>
    <td><div id="zoom"><p>""" + "正文内容，说明了很多事情。" * 8 + """</p>
    <table border="1"><caption>统计表</caption><tr><th>项目</th><th>数量</th></tr><tr><td>道路</td><td>12</td></tr></table>
    </div></td></tr></table></body></html>"""
    root = tree(render(page, "elder", layout="page").html)
    tables = root.findall(".//table")
    assert len(tables) == 1 and tables[0].find("caption") is not None
    box = tables[0].getparent()
    assert box.get("class") == "a11y-table" and box.get("role") == "region" and box.get("tabindex") == "0"
    assert box.get("aria-label") == "统计表"
    assert root.xpath("//*[@width]") == []


def test_sizes_are_rewritten_where_they_are_set():
    page = """<!DOCTYPE html><html><head><style>
    body{font-size:12px;line-height:18px} .a{font-size:9pt!important} .b{font:bold 0.8em/1.2 "宋体",serif}
    .c{font-size:80%} .d{font-size:.75rem} .e{font-size:x-small} .f{font-size:smaller} .g{font-size:30px}
    .h{font-size:calc(8px + .5vw)} .i{text-align:justify} .j{font:12px Arial} .k{line-height:1.8}
    </style></head><body><article><h1>标题</h1><p style="font-size:10px !important; color:#999 !important">""" + "正文内容，说明了很多事情。" * 8 + """</p>
    <p><font size="1">小字</font><font size="5">大字</font></p></article></body></html>"""
    root = tree(render(page, "elder").html)
    css = next(s.text for s in root.iter("style") if s.get("id") is None)
    for expected in ("body{font-size:24px;line-height:1.6}", ".a{font-size:24px !important}", '.b{font:bold 1em/1.6 "宋体",serif}',
                     ".c{font-size:1em}", ".d{font-size:1rem}", ".e{font-size:24px}", ".f{font-size:1em}", ".g{font-size:30px}",
                     ".h{font-size:max(24px, calc(8px + .5vw))}", ".i{text-align:start}", ".j{font:24px/1.6 Arial}", ".k{line-height:1.8}"):
        assert expected in css, expected
    styled = root.xpath("//p[@style]")[0]
    assert styled.get("style") == "font-size:24px; color: #999"
    # <font> is unwrapped: its size, colour and face are the theme's to set.
    assert root.find(".//font") is None and "小字大字" in text_of(root.find("body"))


def test_themes_are_checked():
    with pytest.raises(ThemeError, match="no theme 'nope'"):
        render(corpus.SAMPLE, "elder", theme="nope")


def test_the_elder_theme_meets_its_own_contrast_pairs():
    from a11yrender.colour import contrast_ratio, parse_colour
    from a11yrender.themes import load_theme

    theme = load_theme("elder")
    assert theme.kind == "elder"
    for foreground, background, minimum in theme.manifest["contrast"]:
        ratio = contrast_ratio(parse_colour(theme.colours[foreground]), parse_colour(theme.colours[background]))
        assert ratio >= max(minimum, MIN_CONTRAST if minimum >= MIN_CONTRAST else FOCUS_CONTRAST), (foreground, background, ratio)


def test_a_page_without_an_article_is_kept_whole_with_a_warning():
    result = render("<html><body><ul><li><a href='/1'>一</a></li><li><a href='/2'>二</a></li></ul></body></html>", "elder")
    assert [d.severity for d in result.diagnostics if d.code == "elder.no-article"] == ["warning"]
    assert ">一<" in result.html and ">二<" in result.html


def test_a_fragment_stays_a_fragment_with_the_theme_first():
    result = render('<p style="font-size:12px">' + "片段正文，说明了很多事情。" * 5 + "</p><script>x()</script>", "elder")
    assert result.is_fragment and result.html.startswith('<style id="a11yrender-elder">')
    assert "<script" not in result.html and "<body" not in result.html and "font-size:24px" in result.html


def test_quirks_pages_become_standards_pages():
    result = render("<html><body><table><tr><td>" + "正文内容，说明了很多事情。" * 8 + "</td></tr></table></body></html>", "elder")
    assert result.html.startswith("<!DOCTYPE html>")
    assert any(d.code == "elder.doctype" for d in result.diagnostics)


def test_with_the_contrast_mode_the_colours_are_left_to_it():
    """elder runs before contrast; its palette would win over contrast's (an earlier cascade
    layer's !important wins), so with contrast selected elder sets sizes and layout only."""
    from a11yrender.modes.elder import elder
    from a11yrender.options import RenderOptions
    from a11yrender.render import RenderContext

    alone = elder(load(corpus.SAMPLE), RenderContext(RenderOptions(), ("original", "elder")))
    both = elder(load(corpus.SAMPLE), RenderContext(RenderOptions(), ("original", "elder", "contrast")))
    style = lambda page: next(s.text for s in page.root.iter("style") if s.get("id") == "a11yrender-elder")
    assert "--a11y-ink" in style(alone) and "var(--a11y-paper)" in style(alone)
    assert "--a11y-ink" not in style(both) and "color:" not in style(both).replace(" ", "")
    assert "--a11y-text:24px" in style(both)


def test_the_example_renders_the_elder_variant(tmp_path):
    import runpy

    example = corpus.REPO / "examples" / "render_sample.py"
    namespace = runpy.run_path(str(example))
    assert namespace["main"](tmp_path) == 0
    root = tree((tmp_path / "elder" / "index.html").read_text(encoding="utf-8"))
    assert root.find_class("a11y-standard")[0].get("href") == "../original/index.html"
    assert (tmp_path / "elder" / "images" / "interview.png").is_file()


def test_the_cli_has_the_elder_options(tmp_path):
    from a11yrender.cli import main

    out = tmp_path / "elder.html"
    assert main(["render", str(corpus.SAMPLE), "-o", str(out), "-m", "elder", "--elder-standard-url", "../index.html",
                 "--elder-layout", "page", "-q"]) == 0
    assert 'href="../index.html"' in out.read_text(encoding="utf-8")
    assert ElderOptions().layout == "article"


# -- what a reader gets (Chromium) -------------------------------------------------------

def measure_problems(page, width: int, *, article: bool, standards: bool = True, chrome: bool = True,
                     declared: bool = True) -> list[str]:
    """Everything the issue asks of an elder page, measured on the open page by the checks
    QA runs (``a11yrender.checks``' elder profile): one implementation for both."""
    # ``declared``: the page has a language to declare (see expected_lang: a fragment goes into
    # the site's own page, and Latin text of a page that does not say could be any language).
    profile = replace(PROFILES["elder"], title_larger=article, keyboard=chrome, lang=declared)
    problems = [check.message() for check in audit_page(page, profile, [width], standards=standards) if not check.passed]
    if not chrome:
        page.keyboard.press("Tab")  # no skip link without the elder frame; focus must still show
        problems += [c.message() for c in [requirements.focus_visible([checks.focus(page)])] if not c.passed]
    elif not page.evaluate("document.querySelectorAll('a.a11y-standard').length"):
        problems.append("no link back to the standard version")
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("width", [checks.DESKTOP_WIDTH, checks.NARROW_WIDTH])
@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_elder_page_in_the_browser(page, page_id, width):
    html = elder_html(page_id)
    checks.open_html(page, html, base_dir=source_of(page_id).parent, width=width)
    # A fragment (two cwced pages are stored without <html>) is shown as it is: in quirks mode.
    declared = expected_lang(page_id, load(source_of(page_id))) is not None
    problems = measure_problems(page, width, article=True, standards=html.startswith("<!DOCTYPE"), declared=declared)
    lang = checks.languages(page).document
    if lang != expected_lang(page_id, load(source_of(page_id))):
        problems.append(f"lang {lang!r} is neither the original's nor the page's language")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("width", [checks.DESKTOP_WIDTH, checks.NARROW_WIDTH])
@pytest.mark.parametrize("page_id", PAGE_LAYOUT_IDS)
def test_whole_page_layout_in_the_browser(page, page_id, width):
    html = elder_html(page_id, "page")
    checks.open_html(page, html, base_dir=source_of(page_id).parent, width=width)
    declared = expected_lang(page_id, load(source_of(page_id))) is not None
    problems = measure_problems(page, width, article=False, standards=html.startswith("<!DOCTYPE"), declared=declared)
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("width", [checks.DESKTOP_WIDTH, checks.NARROW_WIDTH])
def test_a_fragment_in_the_page_layout_is_enlarged_without_additions(page, width):
    """A CMS body field (here a cwced page stored without <html>) rendered with layout="page"
    is all kept and enlarged, with nothing added around it: the page it goes into has the
    skip link and the links home."""
    html = elder_html("cwced/455de1c0", "page")
    root = tree(html)
    assert not root.find_class("a11y-skip") and not root.find_class("a11y-site")
    checks.open_html(page, html, base_dir=source_of("cwced/455de1c0").parent, width=width)
    problems = measure_problems(page, width, article=False, standards=False, chrome=False, declared=False)
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_nothing_on_the_page_can_shrink_the_text(page, tmp_path):
    """A hostile page: a linked stylesheet (which cannot be rewritten) with !important and ID
    selectors, inline !important, font tags, zoom and transforms, a quirks-mode table."""
    (tmp_path / "site.css").write_text("""
      html body #wrap .tiny, #wrap p.tiny span { font-size: 8px !important; line-height: 9px !important; }
      #wrap { zoom: 0.5; width: 1200px !important; position: fixed !important; top: 0; }
      #wrap .scaled { transform: scale(0.5); color: #ccc !important; background: #fff !important; }
      table td { font-size: 10px !important; }
      .clip { height: 10px !important; overflow: hidden !important; white-space: nowrap !important; }
    """, encoding="utf-8")
    hostile = """<html><head><link rel="stylesheet" href="site.css"><style>p{font:9px/10px serif!important}</style></head>
    <body><div id="wrap"><article><h1 style="font-size:10px !important">标题文字</h1>
    <p class="tiny">细小的字<span>更小的字</span></p><p class="scaled" style="font-size:6px!important">缩小的字</p>
    <p><font size="1">字体标签的小字</font><small>小号字</small><sub>下标</sub></p>
    <p class="clip">""" + "被截断的长句子，说明了很多事情。" * 6 + """</p>
    <table><tr><td>怪异模式表格里的字</td><td>""" + "表格中的正文，说明了很多事情。" * 4 + "</td></tr></table></article></div></body></html>"
    before = render(hostile, "original").html
    checks.open_html(page, before, base_dir=tmp_path, width=1280)
    assert min(r.font_size for r in checks.text_runs(page)) < 12  # the page really is hostile
    checks.open_html(page, render(hostile, "elder", standard_url=STANDARD_URL).html, base_dir=tmp_path, width=1280)
    runs = checks.text_runs(page)
    texts = " ".join(r.text for r in runs)
    for expected in ("细小的字", "更小的字", "缩小的字", "字体标签的小字", "小号字", "下标", "怪异模式表格里的字"):
        assert expected in texts
    assert all(r.font_size >= MAIN_MIN_PX for r in runs if r.selector.startswith("#a11y-main")), [(r.text, r.font_size) for r in runs]
    assert not measure_problems(page, 1280, article=True)


@pytest.mark.browser
def test_quirks_mode_tables_inherit_the_size(page):
    """In quirks mode tables do not inherit the font size; the theme makes them."""
    fragment = render("<table><tr><td>表格里的字</td></tr></table><p>" + "片段正文，说明了很多事情。" * 5 + "</p>", "elder").html
    checks.open_html(page, f"<html><body>{fragment}</body></html>", width=1280)
    assert page.evaluate("document.compatMode") == "BackCompat"
    runs = {r.text: r for r in checks.text_runs(page)}
    assert runs["表格里的字"].font_size >= MAIN_MIN_PX


@pytest.mark.browser
def test_rendering_again_does_not_grow_the_text(page, sample_dir):
    once = elder_html("sample")
    twice = render(once, "elder", standard_url=STANDARD_URL).html
    sizes = []
    for html in (once, twice):
        checks.open_html(page, html, base_dir=sample_dir, width=1280)
        sizes.append([(r.text, r.font_size) for r in checks.text_runs(page)])
    assert sizes[0] == sizes[1]


@pytest.mark.browser
def test_the_original_sample_fails_what_the_elder_one_passes(page, sample_dir):
    """The measurements can fail: the published page breaks nearly every requirement."""
    checks.open_html(page, render(corpus.SAMPLE).html, base_dir=sample_dir, width=320)
    problems = measure_problems(page, 320, article=False)
    for kind in ("text-size", "main-text-size", "line-height", "contrast", "reflow", "target-size", "not-justified",
                 "line-length", "still"):
        assert any(p.startswith(kind + " at") for p in problems), kind
    still = next(p for p in problems if p.startswith("still"))
    assert "absolute" in still and "marquees" in still and "scripts" in still
