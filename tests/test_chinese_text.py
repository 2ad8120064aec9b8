"""Collecting the Chinese text people read: what is collected, and how it is cut into runs."""

from __future__ import annotations

import lxml.html

from a11yrender.chinese_text import collect, collect_passages, declared_lang


def runs(found) -> list[list[str]]:
    """The collected text, grouped into runs."""
    grouped: list[list[str]] = [[]]
    for piece in found.pieces:
        if piece is None:
            grouped.append([])
        else:
            grouped[-1].append(piece[2])
    assert all(grouped), "a run break is never doubled, first or last"
    return grouped


def texts(found) -> list[str]:
    return [piece[2] for piece in found.pieces if piece is not None]


def body(html: str, lang: str = "zh-CN"):
    return lxml.html.document_fromstring(f'<html lang="{lang}"><body>{html}</body></html>')


def test_a_paragraph_is_one_run_across_its_inline_elements_comments_and_wbr():
    found = collect(body("<p>据<a href='#'>新华<wbr>社</a><!-- x -->报道，<b>头</b>发</p><p>第二段</p>"), "Hant")
    assert runs(found) == [["据", "新华", "社", "报道，", "头", "发"], ["第二段"]]
    owners = [(owner.tag if isinstance(owner.tag, str) else "comment", tail) for owner, tail, *_ in filter(None, found.pieces)]
    assert owners[:2] == [("p", False), ("a", False)] and owners[3] == ("comment", True)  # "报道，" follows the comment


def test_blocks_breaks_images_controls_whitespace_and_kept_text_end_runs():
    found = collect(body("<div>一<br>二<img src=x>三<input>四<code>五</code>六<span> </span>七<ruby>八<rt>ba</rt></ruby>九</div>"), "Hant")
    assert runs(found) == [["一"], ["二"], ["三"], ["四"], ["六"], ["七", "八"], ["ba"], ["九"]]


def test_translate_and_notranslate_with_translate_yes_turning_it_back_on():
    found = collect(body('<p translate="no">甲<span translate="yes">乙</span></p><p class="a notranslate">丙</p><p>丁</p>'), "Hant")
    assert runs(found) == [["乙"], ["丁"]]


def test_languages_other_than_chinese_and_text_already_in_the_target_script_are_not_collected():
    found = collect(body('<p lang="ja">日本語<span lang="zh-CN">中文</span></p><p lang="zh-TW">臺灣</p><p lang="zh">中</p>'), "Hant")
    assert [(text, in_document) for _, _, text, in_document in filter(None, found.pieces)] == [("中文", False), ("中", True)]
    assert [(element.text, tag.raw, in_document) for element, tag, in_document in found.passages] == [
        ("中文", "zh-CN", False), ("中", "zh", True)]
    # Converting to simplified, the Taiwanese passage is the one collected.
    assert texts(collect(body('<p lang="zh-TW">臺灣</p><p lang="zh-CN">中国</p>'), "Hans")) == ["臺灣"]


def test_a_romanised_chinese_passage_is_not_relabelled():
    found = collect(body('<p lang="zh-min-nan">Bân-lâm-gú</p>'), "Hant")
    assert texts(found) == ["Bân-lâm-gú"] and found.passages == []
    found = collect_passages(body('<p lang="zh-min-nan">Bân-lâm-gú</p><p lang="zh">中文</p><p>English</p>', lang="en"), "Hant")
    assert texts(found) == ["Bân-lâm-gú", "中文"]
    assert [element.text for element, _, _ in found.passages] == ["中文"]


def test_passages_of_a_page_in_another_language_respect_their_ancestors():
    root = body('<div translate="no"><p lang="zh">甲</p></div><code><span lang="zh">乙</span></code>'
                '<div lang="zh-CN">丙<p lang="zh">丁</p></div><p xml:lang="zh-Hans">戊</p><p xml:lang="ja">己</p>', lang="en")
    assert runs(collect_passages(root, "Hant")) == [["丙"], ["丁"], ["戊"]]


def test_attributes_people_read_and_options_that_submit_their_label():
    found = collect(body(
        '<a title="标题" data-x="数据" href="/路径">链接</a><img alt="图片" src="/图.png"><input type="submit" value="提交">'
        '<input type="submit" name="go" value="提交"><input value="输入"><textarea title="留言">内容</textarea>'
        '<select><option>北京</option><option value="sh">上海</option></select><p title="ascii only">x</p>'), "Hant")
    assert [(element.tag, name, value) for element, name, value, _ in found.attributes] == [
        ("a", "title", "标题"), ("img", "alt", "图片"), ("input", "value", "提交"), ("textarea", "title", "留言")]
    assert [option.text for option, _ in found.options] == ["北京"]
    assert "内容" not in texts(found)


def test_declared_lang_reads_lang_then_xml_lang_and_ignores_malformed_values():
    root = lxml.html.fromstring('<div><p xml:lang="zh-TW">a</p><p lang="utf-8">b</p><p lang="">c</p></div>')
    assert [None if t is None else t.raw for t in map(declared_lang, root)] == ["zh-TW", None, None]
