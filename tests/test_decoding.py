import codecs

import pytest
from hypothesis import given, settings, strategies as st

import corpus
from a11yrender import OptionsError, load
from a11yrender.decoding import codec_for_label, decode, sniff_meta_charset

ZH = "临港区建设局局长赵杰访谈：锚定产城融合目标，全力书写高质量发展新篇章。"
#: In GBK and GB18030 but not in GB2312: pages labelled gb2312 use such characters.
BEYOND_GB2312 = "王喆、朱镕基、䶮"
#: In Big5-HKSCS but not in plain Big5.
HKSCS_ONLY = "嘅嘢"


def html(charset_meta: str, text: str) -> str:
    return f"<!DOCTYPE html><html><head>{charset_meta}<title>t</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_byte_order_mark_wins_over_everything(bom, codec):
    data = bom + html('<meta charset="gb2312">', ZH).encode(codec)
    decoded = decode(data, encoding="big5")
    assert decoded.source == "bom" and ZH in decoded.text and not decoded.text.startswith("\ufeff")


def test_caller_charset_wins_over_meta():
    data = html('<meta charset="utf-8">', ZH).encode("gb18030")
    decoded = decode(data, encoding="gbk")
    assert decoded.source == "caller" and decoded.encoding == "gb18030" and ZH in decoded.text


@pytest.mark.parametrize("meta", [
    '<meta charset="gb2312">', "<meta charset=GBK>", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
    "<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=GB2312'>",
])
def test_meta_declarations_of_the_gb_family_decode_as_gb18030(meta):
    data = html(meta, ZH + BEYOND_GB2312).encode("gb18030")
    decoded = decode(data)
    assert decoded.source == "meta" and decoded.encoding == "gb18030"
    assert ZH + BEYOND_GB2312 in decoded.text and decoded.replaced == 0


def test_big5_decodes_as_big5_hkscs():
    data = html('<meta charset="big5">', "繁體中文" + HKSCS_ONLY).encode("big5hkscs")
    decoded = decode(data)
    assert decoded.encoding == "big5hkscs" and HKSCS_ONLY in decoded.text


def test_declared_gb2312_holding_utf8_is_read_as_utf8():
    decoded = decode(html('<meta charset="gb2312">', ZH).encode("utf-8"))
    assert decoded.encoding == "utf-8" and ZH in decoded.text
    assert [d.code for d in decoded.diagnostics] == ["decoding.mismatch"]


def test_declared_utf8_holding_gbk_is_read_as_gb18030():
    decoded = decode(html('<meta charset="utf-8">', ZH).encode("gbk"))
    assert decoded.encoding == "gb18030" and ZH in decoded.text
    assert "decoding.mismatch" in [d.code for d in decoded.diagnostics]


def test_undeclared_gbk_is_detected():
    decoded = decode(html("", ZH).encode("gbk"))
    assert decoded.source == "detected" and decoded.encoding == "gb18030" and ZH in decoded.text


def test_undeclared_big5_with_a_traditional_lang_is_detected_as_big5():
    data = '<html lang="zh-TW"><body><p>這是繁體中文的網頁，沒有宣告編碼。</p></body></html>'.encode("big5")
    assert "這是繁體中文的網頁" in decode(data).text


def test_meta_after_1024_bytes_still_counts():
    padding = "<!-- " + "x" * 3000 + " -->" + "<script>var a = 1;</script>" * 50
    data = html(padding + '<meta charset="gbk">', ZH).encode("gbk")
    assert decode(data).source == "meta"


def test_script_charset_and_commented_meta_are_not_declarations():
    text = '<script charset="utf-8" src="a.js"></script><!-- <meta charset="utf-8"> --><meta charset="gb2312">'
    assert sniff_meta_charset(html(text, "").encode()) == "gb2312"


@pytest.mark.parametrize("head, found", [
    ('<!-- a -- b - c --><meta charset="gbk">', "gbk"),  # dashes inside a comment
    ('<!----><meta charset="gbk">', "gbk"),  # an empty comment
    ('<!-- never closed <meta charset="gbk">', None),  # the comment runs to the end
    ("<script>if (a<b && c</d) x='<meta charset=gbk>'</SCRIPT ><meta charset=big5>", "big5"),
    ("<script>'</scripts><meta charset=gbk>'</script><meta charset=big5>", "big5"),  # </scripts> does not close
    ("<style>a<b</style  ><meta charset=gbk>", "gbk"),
    ("<script>never closed <meta charset=gbk>", None),
    ("<scripts><meta charset=gbk>", "gbk"),  # not a script element
])
def test_the_prescan_skips_comments_and_script_bodies_to_their_real_end(head, found):
    assert sniff_meta_charset(html(head, "").encode()) == found


def test_broken_bytes_are_replaced_and_counted():
    data = html('<meta charset="gbk">', ZH).encode("gbk")
    broken = data.replace(ZH[:2].encode("gbk"), b"\x81\x20\xff\xfe", 1)
    decoded = decode(broken)
    assert decoded.replaced >= 1 and "\ufffd" in decoded.text
    diagnostic = next(d for d in decoded.diagnostics if d.code == "decoding.replaced")
    assert diagnostic.count == decoded.replaced == decoded.text.count("\ufffd")


def test_utf16_meta_means_utf8_as_whatwg_says():
    assert codec_for_label("utf-16") == "utf-8"
    assert codec_for_label("x-user-defined") == "cp1252"


def test_unknown_caller_label_is_an_options_error():
    with pytest.raises(OptionsError, match="unknown encoding"):
        decode(b"<p>x</p>", encoding="klingon-8")


def test_unknown_meta_label_is_ignored():
    decoded = decode(html('<meta charset="klingon-8">', ZH).encode("utf-8"))
    assert decoded.encoding == "utf-8" and ZH in decoded.text


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([None, "gbk", "utf-8", "big5", "shift_jis", "latin1"]))
def test_any_bytes_decode_without_raising(data, encoding):
    decoded = decode(data, encoding)
    assert isinstance(decoded.text, str)
    assert decoded.text.count("\ufffd") >= decoded.replaced >= 0


@pytest.mark.parametrize("page_id", corpus.page_ids())
def test_corpus_pages_decode_as_their_bytes_are(page_id):
    page = corpus.by_id(page_id)
    decoded = decode(page.path.read_bytes())
    assert decoded.encoding == page.expected_codec
    # The ground truth of the source projects is in the decoded page's text: decoding is right.
    text = corpus.squash(load(page.path).text())
    for snippet in page.article[:3]:
        if page.id != "trafilatura/nhk.or.jp.k100":  # ruby readings interleave its text
            assert corpus.squash(snippet)[:40] in text
    for line in (page.cleaned or "").splitlines():
        if len(corpus.squash(line)) >= 6:
            assert corpus.squash(line) in text
    if page.excerpt:
        loaded = load(page.path)
        described = " ".join(m.get("content", "") for m in loaded.root.iter("meta"))
        assert corpus.squash(page.excerpt)[:30] in text + corpus.squash(described)


def test_the_corrupt_corpus_page_reports_its_replacements():
    decoded = decode(corpus.by_id("cwced/6dc2d508").path.read_bytes())
    assert decoded.replaced > 0
    assert any(d.code == "decoding.replaced" and d.count == decoded.replaced for d in decoded.diagnostics)
