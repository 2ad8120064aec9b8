"""The traditional and simplified modes: OpenCC-exact through HTML, on OpenCC's cases and real pages."""

from __future__ import annotations

import re
from urllib.parse import unquote

import lxml.html
import pytest

import corpus
import opencc_cases
from a11yrender import OptionsError, SimplifiedOptions, TraditionalOptions, checks, cli, render
from a11yrender.chinese_text import CONTENT_KEPT_TAGS, KEPT_TAGS, RUN_BREAKING_TAGS
from a11yrender.modes.traditional import SIMPLIFIED_CONFIGS, TRADITIONAL_CONFIGS
from a11yrender.script_conversion import CONFIGS, LENGTH_PRESERVING, converter

MODE_OF = {config: ("traditional", region) for region, config in TRADITIONAL_CONFIGS.items()}
MODE_OF |= {config: ("simplified", region) for region, config in SIMPLIFIED_CONFIGS.items()}

#: Inline elements the cases are split with, each with attributes of its own.
SPLITTERS = [
    ("b", {}),
    ("a", {"href": "/新闻/头发.html?q=发展", "class": "link"}),
    ("span", {"style": "color: #c00", "data-note": "头发"}),
    ("font", {"color": "#333", "face": "宋体"}),
    ("em", {"id": "x"}),
    ("strong", {"title": "发展"}),
]


def doc(body: str, lang: str | None = "zh-CN", head: str = "") -> str:
    lang_attribute = f' lang="{lang}"' if lang else ""
    return f"<!DOCTYPE html><html{lang_attribute}><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>"


def tree(html: str):
    return lxml.html.document_fromstring(html.encode("utf-8"))


def text_nodes(element) -> list[str]:
    """The text nodes inside ``element``, in order (text, then each descendant's text and tail)."""
    out = [element.text or ""]
    for descendant in element.iterdescendants():
        out.append(descendant.text or "")
        out.append(descendant.tail or "")
    return out


# -- OpenCC's own cases, through HTML ----------------------------------------------------------

def _case_markup(index: int, text: str) -> list[lxml.html.HtmlElement]:
    """Paragraphs that cut ``text`` at every position: one tag per position, and all at once."""
    paragraphs = []
    for position in range(1, len(text)):
        tag, attributes = SPLITTERS[position % len(SPLITTERS)]
        p = lxml.html.Element("p", {"id": f"c{index}-{position}"})
        p.text = text[:position]
        inline = lxml.html.Element(tag, dict(attributes))
        inline.text = text[position:]
        p.append(inline)
        paragraphs.append(p)
    every = lxml.html.Element("p", {"id": f"c{index}-all", "title": text})
    every.text = text[0]
    for position, char in enumerate(text[1:], start=1):
        tag, attributes = SPLITTERS[position % len(SPLITTERS)]
        inline = lxml.html.Element(tag, dict(attributes))
        inline.text = char
        every.append(inline)
    paragraphs.append(every)
    return paragraphs


def _pieces_of(p_id: str, text: str) -> list[str]:
    """The text nodes a paragraph built by :func:`_case_markup` holds, in order."""
    which = p_id.rsplit("-", 1)[1]
    if which == "all":
        return [text[0]] + [piece for char in text[1:] for piece in (char, "")]
    position = int(which)
    return [text[:position], text[position:], ""]


@pytest.mark.parametrize("config", CONFIGS)
def test_opencc_cases_through_html_cut_at_every_position(config):
    """Every OpenCC case for every configuration offered, cut by inline tags at every position."""
    mode, region = MODE_OF[config]
    cases = opencc_cases.cases(config)
    assert cases
    html = lxml.html.document_fromstring(doc(""))
    html.set("lang", "zh-Hans" if mode == "traditional" else "zh-Hant")
    body = html.find("body")
    for index, case in enumerate(cases):
        for p in _case_markup(index, case.input):
            body.append(p)
    result = tree(render(lxml.html.tostring(html, encoding="unicode"), [mode], region=region).html)
    checked = 0
    for p in result.iter("p"):
        index = int(p.get("id")[1:].split("-")[0])
        case = cases[index]
        assert p.text_content() == case.expected, (case.id, p.get("id"))
        nodes = text_nodes(p)
        if config in LENGTH_PRESERVING:  # OpenCC's result cut where the input was cut
            pieces, offset, expected_nodes = _pieces_of(p.get("id"), case.input), 0, []
            for piece in pieces:
                expected_nodes.append(case.expected[offset:offset + len(piece)])
                offset += len(piece)
            assert nodes == expected_nodes, (case.id, p.get("id"))
        if p.get("title") is not None:
            assert p.get("title") == case.expected, case.id
        for inline in p.iterdescendants():
            # libxml2 percent-encodes URLs when it writes them (the original mode does too)
            assert unquote(inline.get("href") or SPLITTERS[1][1]["href"]) == SPLITTERS[1][1]["href"]
            assert inline.get("data-note") in (None, "头发")
            assert inline.get("face") in (None, "宋体")
        checked += 1
    assert checked == sum(len(case.input) for case in cases)


def test_a_phrase_split_by_a_tag_converts_as_the_phrase():
    out = render(doc("<p><b>发</b>展</p><p>头<b>发</b></p><p>理<i>发</i>店</p>"), ["traditional"]).html
    assert "<p><b>發</b>展</p>" in out and "<p>頭<b>髮</b></p>" in out and "<p>理<i>髮</i>店</p>" in out


def test_a_longer_taiwan_phrase_across_a_tag_keeps_text_on_both_sides():
    result = tree(render(doc('<p id="a">内<b>存</b>条</p><p id="b"><a href="#">鼠标</a>里面</p>'), ["traditional"], region="twp").html)
    first = result.get_element_by_id("a")
    assert first.text_content() == converter("s2twp").convert("内存条") == "記憶體模組"
    assert all(text_nodes(first)[:2])
    assert result.get_element_by_id("b").text_content() == "滑鼠裡面"


def test_blocks_line_breaks_and_images_end_a_phrase():
    out = tree(render(doc("<ul><li>头</li><li>发</li></ul><p>头<br>发</p><p>头<img alt='' src='x.png'>发</p>"),
                      ["traditional"]).html)
    assert [li.text for li in out.iter("li")] == ["頭", "發"]
    assert [p.text_content() for p in out.iter("p")] == ["頭發", "頭發"]


# -- what is converted, and what is left -------------------------------------------------------

CONVERTED_PAGE = doc(
    """<h1 title="头发的发展">头发的发展</h1>
<img src="/图片/头发.png" alt="头发"><area alt="发展" href="/发展">
<input type="search" placeholder="请输入关键词" aria-label="搜索头发" value="头发"><textarea placeholder="请留言">头发</textarea>
<input type="button" value="发送"><input type="reset" value="重置发型"><input type="submit" value="发表">
<input type="submit" name="action" value="发表"><button value="发送" aria-description="发送头发">发送</button>
<select aria-roledescription="选择器"><option>头发</option><option value="hair">头发</option><option label="发展">x</option>
<optgroup label="发型"><option>理发</option></optgroup></select>
<table><tr><th abbr="发">头发</th></tr></table>
<p aria-placeholder="输入头发" aria-valuetext="头发">头发</p>""",
    head="""<title>头发的发展</title>
<meta name="description" content="头发的发展"><meta name="keywords" content="头发,发展">
<meta property="og:title" content="头发"><meta property="og:description" content="发展"><meta property="og:site_name" content="发展网">
<meta name="ArticleTitle" content="头发的发展"><meta name="SiteName" content="发展网">""",
)


@pytest.fixture(scope="module")
def converted():
    return tree(render(CONVERTED_PAGE, ["traditional"]).html)


def test_text_title_and_headings_are_converted(converted):
    assert converted.find(".//title").text == "頭髮的發展"
    h1 = converted.find(".//h1")
    assert h1.text == "頭髮的發展" and h1.get("title") == "頭髮的發展"


def test_attributes_people_read_or_hear_are_converted(converted):
    assert converted.find(".//img").get("alt") == "頭髮"
    assert converted.find(".//area").get("alt") == "發展"
    search = converted.find(".//input[@type='search']")
    assert (search.get("placeholder"), search.get("aria-label")) == ("請輸入關鍵詞", "搜索頭髮")
    assert converted.find(".//textarea").get("placeholder") == "請留言"
    assert converted.find(".//button").get("aria-description") == "發送頭髮"
    assert converted.find(".//select").get("aria-roledescription") == "選擇器"
    assert converted.find(".//th").get("abbr") == "發"
    p = converted.find(".//p")
    assert (p.get("aria-placeholder"), p.get("aria-valuetext")) == ("輸入頭髮", "頭髮")


def test_button_labels_are_converted_but_values_that_are_submitted_are_not(converted):
    values = {(i.get("type"), i.get("name")): i.get("value") for i in converted.iter("input")}
    assert values[("button", None)] == "發送" and values[("reset", None)] == "重置髮型"
    assert values[("submit", None)] == "發表"
    assert values[("submit", "action")] == "发表"  # sent to the server as action=发表
    assert values[("search", None)] == "头发"  # what the user typed, or will
    assert converted.find(".//button").get("value") == "发送"
    assert converted.find(".//textarea").text == "头发"


def test_options_show_converted_labels_and_keep_submitting_the_original(converted):
    options = list(converted.iter("option"))
    assert [o.text for o in options] == ["頭髮", "頭髮", "x", "理髮"]
    assert [o.get("value") for o in options] == ["头发", "hair", None, "理发"]
    assert options[2].get("label") == "發展"
    assert converted.find(".//optgroup").get("label") == "髮型"


def test_meta_people_read_is_converted_and_site_metadata_is_not(converted):
    meta = {m.get("name") or m.get("property"): m.get("content") for m in converted.iter("meta") if m.get("content")}
    assert meta["description"] == "頭髮的發展" and meta["keywords"] == "頭髮,發展"
    assert (meta["og:title"], meta["og:description"], meta["og:site_name"]) == ("頭髮", "發展", "發展網")
    assert meta["ArticleTitle"] == "头发的发展" and meta["SiteName"] == "发展网"


def test_urls_are_left_as_they_are(converted):
    original = tree(render(CONVERTED_PAGE, ["original"]).html)
    assert converted.find(".//img").get("src") == original.find(".//img").get("src")
    assert converted.find(".//area").get("href") == original.find(".//area").get("href")


KEPT_PAGE = doc(
    """<p>头发<!-- 头发 --></p><script>var s = "头发";</script><style>.x:after { content: "头发"; }</style>
<script type="application/ld+json">{"name": "头发"}</script>
<p>代码 <code>头发</code> <kbd>头发</kbd> <samp>头发</samp> <var>头发</var></p>
<pre><code>print("头发")</code></pre><pre class="language-python">s = "头发"</pre><pre>头发诗</pre>
<p translate="no">头发<span>发展</span></p><p class="intro notranslate">头发<span translate="yes">头发</span></p>
<p data-title="头发" data-x="发展">头发</p><p lang="ja">頭髪の発展</p><p lang="en" title="头发">头发</p>
<div lang="ja"><p lang="zh-CN">头发</p></div>"""
)


def test_program_text_code_and_marked_text_are_left_byte_for_byte():
    out = render(KEPT_PAGE, ["traditional"]).html
    original = render(KEPT_PAGE, ["original"]).html
    for kept in ["<!-- 头发 -->", 'var s = "头发";', 'content: "头发";', '{"name": "头发"}', "<code>头发</code>",
                 "<kbd>头发</kbd>", "<samp>头发</samp>", "<var>头发</var>", '<code>print("头发")</code>',
                 '<pre class="language-python">s = "头发"</pre>', '<p translate="no">头发<span>发展</span></p>',
                 'data-title="头发" data-x="发展"', '<p lang="ja">頭髪の発展</p>', '<p lang="en" title="头发">头发</p>']:
        assert kept in original and kept in out, kept
    assert "<pre>頭髮詩</pre>" in out  # a pre that holds no code is prose
    assert '<p class="intro notranslate">头发<span translate="yes">頭髮</span></p>' in out
    assert '<div lang="ja"><p lang="zh-Hant">頭髮</p></div>' in out  # Chinese inside Japanese
    assert "<p>头发<!-- 头发 --></p>" not in out and "<p>頭髮<!-- 头发 --></p>" in out


# -- lang ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("mode", "region", "lang", "locale"), [
    ("traditional", "none", "zh-Hant", "zh_TW"), ("traditional", "tw", "zh-Hant-TW", "zh_TW"),
    ("traditional", "twp", "zh-Hant-TW", "zh_TW"), ("traditional", "hk", "zh-Hant-HK", "zh_HK"),
    ("simplified", "none", "zh-Hans", "zh_CN"), ("simplified", "tw", "zh-Hans", "zh_CN"),
    ("simplified", "twp", "zh-Hans", "zh_CN"), ("simplified", "hk", "zh-Hans", "zh_CN"),
])
def test_lang_content_language_and_og_locale_say_the_new_script(mode, region, lang, locale):
    source = "zh-CN" if mode == "traditional" else "zh-TW"
    text = "这是头发的发展" if mode == "traditional" else "這是頭髮的發展"
    head = (f'<meta http-equiv="Content-Language" content="{source}, en">'
            f'<meta property="og:locale" content="{source.replace("-", "_")}">')
    body = f'<p>{text}</p><p lang="{source}">{text}</p><p lang="zh">{text}</p><p lang="en">{text}</p>'
    out = tree(render(doc(body, lang=source, head=head).replace("<html", '<html xml:lang="x"'), [mode], region=region).html)
    assert out.get("lang") == lang and out.get("xml:lang") == lang
    metas = {m.get("http-equiv") or m.get("property"): m.get("content") for m in out.iter("meta") if m.get("content")}
    assert metas["Content-Language"] == f"{lang}, en" and metas["og:locale"] == locale
    assert [p.get("lang") for p in out.iter("p")] == [None, lang, lang, "en"]
    converted = converter((TRADITIONAL_CONFIGS if mode == "traditional" else SIMPLIFIED_CONFIGS)[region]).convert(text)
    assert [p.text for p in out.iter("p")] == [converted, converted, converted, text]


def test_an_undeclared_chinese_page_gets_a_lang():
    out = tree(render(doc("<p>这是头发的发展</p>", lang=None), ["traditional"], region="hk").html)
    assert out.get("lang") == "zh-Hant-HK" and out.find(".//p").text == "這是頭髮的發展"


def test_an_undeclared_page_is_judged_by_the_text_people_read_not_by_its_scripts():
    script = "<script>" + "var x = 1;\n" * 2000 + "</script>"
    out = tree(render(doc(script + "<p>头发</p>", lang=None), ["traditional"]).html)
    assert out.get("lang") == "zh-Hant" and out.find(".//p").text == "頭髮"
    japanese = render(doc("<p>これは日本語の文章です。発展と頭髪。</p><p lang='zh-CN'>头发</p>", lang=None), ["traditional"])
    assert [p.text for p in tree(japanese.html).iter("p")] == ["これは日本語の文章です。発展と頭髪。", "頭髮"]
    assert tree(japanese.html).get("lang") is None
    # The first text is read across comments and inline tags, tails included.
    split = render(doc("<p>これは<!-- メモ -->日本語<b>の</b>文章です。発展と頭髪。</p>", lang=None), ["traditional"])
    assert "".join(tree(split.html).find(".//p").itertext()) == "これは日本語の文章です。発展と頭髪。"
    assert any(d.code == "traditional.not-chinese" for d in split.diagnostics)
    # Japanese after a script long enough to fill the first sample: the walk's sample decides.
    late = render(doc(script + "<p>これは日本語の文章です。発展と頭髪。</p>", lang=None), ["traditional"])
    assert tree(late.html).find(".//p").text == "これは日本語の文章です。発展と頭髪。"
    assert any(d.code == "traditional.not-chinese" for d in late.diagnostics)


def test_a_fragment_is_converted_and_told_to_declare_its_lang_where_it_is_embedded():
    result = render('<p lang="zh-CN">头发</p>头<b>发</b>', ["traditional"])
    assert result.html == '<p lang="zh-Hant">頭髮</p>頭<b>髮</b>'
    assert any(d.code == "traditional.fragment-lang" for d in result.diagnostics)


# -- a page already in the target script; idempotence ----------------------------------------

def test_a_page_already_in_the_target_script_keeps_its_text():
    pixnet = corpus.by_id("readability/pixnet").path
    original, result = render(pixnet, ["original"]), render(pixnet, ["traditional"], region="tw")
    assert result.html == original.html
    assert any(d.code == "traditional.already" for d in result.diagnostics)
    sample_original = render(corpus.SAMPLE, ["original"])
    assert render(corpus.SAMPLE, ["simplified"]).html.replace(' lang="zh-Hans"', "", 1) == sample_original.html


def test_an_undeclared_traditional_page_keeps_its_text_and_gets_the_script_tag():
    traditional = render(corpus.SAMPLE, ["traditional"], region="tw").html.replace(' lang="zh-Hant-TW"', "", 1)
    again = render(traditional, ["traditional"], region="hk")
    assert again.html == traditional.replace("<html xmlns", '<html xmlns', 1).replace(
        'xhtml">', 'xhtml" lang="zh-Hant">', 1)
    assert tree(again.html).get("lang") == "zh-Hant"
    assert any(d.code == "traditional.already" for d in again.diagnostics)


def test_a_traditional_page_labelled_simplified_keeps_its_text_and_gets_the_right_lang():
    traditional = render(corpus.SAMPLE, ["traditional"], region="tw").html.replace('lang="zh-Hant-TW"', 'lang="zh-CN"', 1)
    again = render(traditional, ["traditional"])
    assert again.html == traditional.replace('lang="zh-CN"', 'lang="zh-Hant"', 1)


@pytest.mark.parametrize("region", sorted(TRADITIONAL_CONFIGS))
@pytest.mark.parametrize("mode", ["traditional", "simplified"])
def test_rendering_twice_changes_nothing_on_any_page(mode, region):
    for page in [corpus.SAMPLE, *(p.path for p in corpus.pages())]:
        once = render(page, [mode], region=region).html
        assert render(once, [mode], region=region).html == once, page


# -- real pages --------------------------------------------------------------------------------

CHINESE = [p for p in corpus.pages() if p.chinese and p.lang != "zh-TW"]


BLOCK_TAGS = {"p", "li", "td", "th", "dd", "dt", "title", "option", *(f"h{i}" for i in range(1, 7))}


def _is_leaf_block(element) -> bool:
    """A block holding only inline text that the mode converts (no code, no lang, no translate)."""
    if element.tag not in BLOCK_TAGS:
        return False
    subtree = list(element.iter())
    if any(not isinstance(e.tag, str) or e.tag in RUN_BREAKING_TAGS or e.tag in KEPT_TAGS for e in subtree[1:]):
        return False
    family = subtree + list(element.iterancestors())
    if any(e.get("lang") or e.get("translate") or "notranslate" in (e.get("class") or "") for e in family):
        return False
    return not any(e.tag == "pre" or e.tag in KEPT_TAGS or e.tag in CONTENT_KEPT_TAGS for e in element.iterancestors())


@pytest.mark.parametrize("page", [corpus.SAMPLE, *(p.path for p in CHINESE)], ids=lambda p: str(p).split("corpus/")[-1][:40])
def test_chinese_pages_convert_block_by_block_exactly_as_opencc(page):
    """Every block of text, across its inline tags, is exactly OpenCC's conversion of it."""
    original = tree(render(page, ["original"]).html) if not _is_fragment(page) else None
    for region, config in TRADITIONAL_CONFIGS.items():
        result = render(page, ["traditional"], region=region)
        if original is None:  # a fragment: compare inside a wrapper
            before = lxml.html.fragment_fromstring(render(page, ["original"]).html, create_parent="div")
            after = lxml.html.fragment_fromstring(result.html, create_parent="div")
        else:
            before, after = original, tree(result.html)
            assert after.get("lang") == {"none": "zh-Hant", "hk": "zh-Hant-HK"}.get(region, "zh-Hant-TW")
        convert = converter(config).convert
        blocks = changed = 0
        for old, new in zip(before.iter(), after.iter()):
            assert old.tag == new.tag
            if not _is_leaf_block(old):
                continue
            assert new.text_content() == convert(old.text_content()), (region, old.text_content()[:40])
            blocks += 1
            changed += new.text_content() != old.text_content()
        assert blocks and changed, region
        assert any(d.code == "traditional.converted" for d in result.diagnostics)


def _is_fragment(path) -> bool:
    return render(path, ["original"]).is_fragment


@pytest.mark.parametrize("page", [p for p in corpus.pages() if not p.chinese], ids=lambda p: p.id)
def test_pages_in_other_languages_are_left_as_they_are(page):
    """Japanese pages keep their kanji (two of them declare no language); the others too."""
    original = render(page.path, ["original"]).html
    for mode in ("traditional", "simplified"):
        result = render(page.path, [mode])
        if page.id == "readability/wikipedia":  # its interlanguage link 中文 declares lang="zh"
            assert result.html.replace('lang="zh-Hant"', 'lang="zh"').replace('lang="zh-Hans"', 'lang="zh"') == original
        else:
            assert result.html == original
    if page.lang == "ja" and not render(page.path, ["original"]).page.lang:
        assert any(d.code == "traditional.not-chinese" for d in render(page.path, ["traditional"]).diagnostics)


_PROGRAM = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->", re.S | re.I)
_URL = re.compile(r'\b(?:href|src|action|data-[\w-]+|content)="[^"]*"')


def _urls(html: str) -> list[str]:
    return [u for u in _URL.findall(html) if not u.startswith("content=") or "://" in u]


@pytest.mark.parametrize("page", [corpus.SAMPLE, *(p.path for p in corpus.pages() if p.chinese)],
                         ids=lambda p: str(p).split("corpus/")[-1][:40])
def test_scripts_styles_comments_and_urls_are_byte_identical(page):
    original = render(page, ["original"]).html
    for mode, region in (("traditional", "twp"), ("simplified", "hk")):
        out = render(page, [mode], region=region).html
        assert _PROGRAM.findall(out) == _PROGRAM.findall(original)
        assert _urls(out) == _urls(original)


@pytest.mark.parametrize("region", ["tw", "twp"])
def test_the_taiwanese_page_goes_to_simplified_and_back_without_damage_to_markup(region):
    path = corpus.by_id("readability/pixnet").path
    original = render(path, ["original"]).html
    simplified = render(path, ["simplified"], region=region)
    back = render(simplified.html, ["traditional"], region=region).html
    for converted in (simplified.html, back):
        assert _PROGRAM.findall(converted) == _PROGRAM.findall(original)
        assert _urls(converted) == _urls(original)
    before, middle, after = tree(original), tree(simplified.html), tree(back)
    assert middle.get("lang") == "zh-Hans" and after.get("lang") == "zh-Hant-TW"
    changed_attributes = {"title", "alt", "content", "lang", "placeholder", "aria-label", "value", "label"}
    text_before = text_after = same = 0
    for old, mid, new in zip(before.iter(), middle.iter(), after.iter()):
        assert old.tag == mid.tag == new.tag
        if not isinstance(old.tag, str):
            continue
        added = set(new.keys()) - set(old.keys())
        assert added <= {"value"} and all(o.tag == "option" for o in [new] if added), (old.tag, added)
        for name, value in old.items():
            if name not in changed_attributes:
                assert mid.get(name) == new.get(name) == value, (old.tag, name)
        for a, b in ((old.text, new.text), (old.tail, new.tail)):
            text_before += len(a or "")
            text_after += len(b or "")
            same += sum(x == y for x, y in zip(a or "", b or ""))
    assert middle.find(".//title").text != before.find(".//title").text  # really converted
    # OpenCC's round trip is not the identity (it normalises variants), but nearly.
    assert same / text_before > 0.99 and abs(text_after - text_before) / text_before < 0.01


def test_a_page_nested_too_deeply_to_walk_is_left_with_a_warning():
    html = "<html><body>" + "<span>头" * 3000 + "发" + "</span>" * 3000 + "</body></html>"
    result = render(html, ["traditional"])
    assert result.html == render(html, ["original"]).html
    assert [d.code for d in result.warnings] == ["traditional.too-deep"]


# -- options, modes, command line ------------------------------------------------------------

def test_region_option_validation_and_routing():
    with pytest.raises(OptionsError, match="region"):
        TraditionalOptions(region="cn")
    with pytest.raises(OptionsError, match="region"):
        render(doc("<p>头发</p>"), ["simplified"], region="mo")
    assert SimplifiedOptions().region == TraditionalOptions().region == "none"
    assert 'lang="zh-Hant-HK"' in render(doc("<p>头发</p>"), ["traditional"], traditional=TraditionalOptions("hk")).html


def test_traditional_and_simplified_together_is_an_options_error():
    with pytest.raises(OptionsError, match="opposite"):
        render(doc("<p>头发</p>"), ["traditional", "simplified"])


def test_the_command_line_takes_the_region(tmp_path, capsys):
    source = tmp_path / "page.html"
    source.write_bytes(doc("<p>鼠标里面的头发</p>").encode("gb18030").replace(b'charset="utf-8"', b'charset="gbk"'))
    out = tmp_path / "out.html"
    assert cli.main(["render", str(source), "-o", str(out), "-m", "traditional", "--traditional-region", "twp", "-q"]) == 0
    assert "滑鼠裡面的頭髮" in out.read_text(encoding="utf-8")
    with pytest.raises(SystemExit):
        cli.main(["render", str(source), "-m", "traditional", "--traditional-region", "cn"])
    capsys.readouterr()


def test_the_sample_variants_name_regions_the_mode_offers():
    """examples/render_sample.py renders zh-hant-tw and zh-hant-hk with region=tw and hk."""
    source = (corpus.REPO / "examples" / "render_sample.py").read_text(encoding="utf-8")
    for region in re.findall(r'"region": "(\w+)"', source):
        assert region in TRADITIONAL_CONFIGS


# -- in the browser ----------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize(("mode", "region", "lang"), [
    ("traditional", "none", "zh-Hant"), ("traditional", "twp", "zh-Hant-TW"), ("traditional", "hk", "zh-Hant-HK"),
])
def test_the_browser_sees_the_new_language_and_reads_converted_text(page, sample_dir, mode, region, lang):
    result = render(corpus.SAMPLE, [mode], region=region)
    checks.open_html(page, result.html, base_dir=sample_dir)
    languages = checks.languages(page)
    assert languages.document == lang and page.evaluate("document.documentElement.lang") == lang
    visible = " ".join(run.text for run in checks.text_runs(page))
    assert "臨沂臨港經濟開發區" in visible and "临沂临港经济开发区" not in visible
    assert page.title().startswith("區建設局局長趙傑訪談")


@pytest.mark.browser
def test_the_browser_sees_simplified_on_the_taiwanese_page(page):
    path = corpus.by_id("readability/pixnet").path
    result = render(path, ["simplified"], region="tw")
    checks.open_html(page, result.html, base_dir=path.parent)
    assert checks.languages(page).document == "zh-Hans"
    visible = " ".join(run.text for run in checks.text_runs(page))
    assert "们" in visible or "这" in visible or "说" in visible
