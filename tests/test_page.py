import io
import re
from pathlib import Path

import lxml.html
import pytest

import corpus
from a11yrender import InputError, load
from a11yrender.page import visible_text

ZH = "锚定产城融合目标 全力书写高质量发展新篇章"
DOC = f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="gb2312"><title>{ZH}</title></head><body><p>{ZH}</p></body></html>'


def charset_declarations(html: str) -> list[str]:
    return re.findall(r"<meta[^>]*(?:charset|content-type)[^>]*>", html, re.I)


@pytest.mark.parametrize("make", [
    lambda tmp: DOC,
    lambda tmp: DOC.encode("gbk"),
    lambda tmp: bytearray(DOC.encode("gbk")),
    lambda tmp: memoryview(DOC.encode("gbk")),
    lambda tmp: (tmp / "p.html").write_bytes(DOC.encode("gbk")) and tmp / "p.html",
    lambda tmp: io.BytesIO(DOC.encode("gbk")),
    lambda tmp: io.StringIO(DOC),
], ids=["str", "bytes", "bytearray", "memoryview", "path", "binary-file", "text-file"])
def test_every_kind_of_source_loads(tmp_path, make):
    page = load(make(tmp_path))
    assert not page.is_fragment and page.text() == ZH and page.lang == "zh-CN"


def test_document_keeps_its_doctype_and_declares_utf8_once_first_in_head():
    html = load(DOC.encode("gbk")).serialize()
    assert html.startswith("<!DOCTYPE html>")
    assert charset_declarations(html) == ['<meta charset="utf-8">']
    assert re.search(r"<head>\s*<meta charset=\"utf-8\">", html)


def test_several_declarations_become_one():
    doc = DOC.replace("<title>", '<meta http-equiv="Content-Type" content="text/html; charset=gbk"><meta charset=GBK><title>')
    assert charset_declarations(load(doc.encode("gbk")).serialize()) == ['<meta charset="utf-8">']


def test_head_is_created_when_missing():
    html = load(f"<html><body><p>{ZH}</p></body></html>").serialize()
    assert html.startswith('<html><head><meta charset="utf-8"></head>')


def test_chinese_text_is_not_escaped_as_numeric_entities():
    html = load(("<html><body><p>&#20013;&#25991;" + ZH + "</p></body></html>").encode("gbk")).serialize()
    assert "中文" + ZH in html and "&#" not in html


def test_fragment_comes_back_as_a_fragment():
    fragment = f"<p>{ZH}</p>\n<p>第二段 <b>粗体</b> 尾巴</p> 结尾"
    page = load(fragment.encode("utf-8"))
    assert page.is_fragment and page.head is None
    assert page.serialize() == fragment


def test_plain_text_is_a_fragment_and_is_escaped():
    page = load("a < b & c")
    assert page.is_fragment and page.text() == "a < b & c"
    assert "&amp;" in page.serialize()


def test_empty_input_is_an_empty_fragment():
    assert load(b"").serialize() == "" and load("   ").is_fragment


def test_comments_before_the_root_are_kept():
    html = load("<!-- saved from url=(0042)http://example.org --><!DOCTYPE html><html><body>x</body></html>").serialize()
    assert "saved from url" in html


@pytest.mark.parametrize("source,message", [
    (Path("/nonexistent/page.html"), "no such file"),
    (Path("/"), "is a directory"),
    (12345, "cannot make a page from int"),
    (object(), "cannot make a page"),
])
def test_bad_sources_are_input_errors(source, message):
    with pytest.raises(InputError, match=message):
        load(source)


def test_a_closed_file_is_an_input_error():
    handle = io.BytesIO(b"<p>x</p>")
    handle.close()
    with pytest.raises(InputError):
        load(handle)


@pytest.mark.parametrize("source", [
    b"<p>a\x00b</p>", "<p>a\x00b</p>", b"<html><body><p>a\x00b</p></body></html>",
    "<html><body><p>a\x00b</p></body></html>".encode("utf-16"),  # NUL bytes everywhere, one NUL character
], ids=["bytes", "str", "document", "utf-16"])
def test_nul_bytes_do_not_reach_the_parser(source):
    html = load(source).serialize()
    assert "\x00" not in html and "a\ufffdb" in html


def test_visible_text_skips_script_style_and_head():
    page = load("<html><head><title>T</title><style>p{}</style></head><body><script>var x</script><p>A</p> <p>B</p></body></html>")
    assert visible_text(page.root) == "A B"


@pytest.mark.parametrize("page_id", corpus.page_ids())
def test_corpus_page_saves_with_its_visible_text_unchanged(page_id):
    page = corpus.by_id(page_id)
    before = page.path.read_bytes()
    loaded = load(page.path)
    html = loaded.serialize()
    again = load(html.encode("utf-8"))
    assert again.text() == loaded.text()
    # Saving is a fixed point: what we write reads back to the same bytes.
    assert again.serialize() == html
    # The text is the page's text, not mojibake: ground truth from the source projects.
    for line in (page.cleaned or "").splitlines()[:50]:
        if len(corpus.squash(line)) >= 6:
            assert corpus.squash(line) in corpus.squash(again.text())
    if not loaded.is_fragment:
        # Parsed by lxml directly, not by load(), which would declare UTF-8 itself.
        tree = lxml.html.document_fromstring(html.encode("utf-8"))
        declarations = [
            dict(m.attrib) for m in tree.iter("meta")
            if "charset" in m.attrib or m.get("http-equiv", "").lower() == "content-type"
        ]
        assert declarations == [{"charset": "utf-8"}] and tree.find("head")[0].get("charset") == "utf-8"
    assert page.path.read_bytes() == before, "the source file must never change"


def test_sample_is_gbk_under_a_gb2312_label(sample_path):
    data = sample_path.read_bytes()
    assert b"charset=gb2312" in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    page = load(sample_path)
    assert page.encoding == "gb18030" and "赵杰" in page.text()
