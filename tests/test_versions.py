import lxml.html
import pytest

from a11yrender import load
from a11yrender.versions import (
    STANDARD, SWITCHER_CLASS, Site, link_versions, relative_url, variants_for,
)

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><title>t</title></head><body>
<a id="root" href="/news/t1.html?x=1#part">站内绝对路径</a>
<a id="abs" href="https://www.lingang.gov.cn/news/t2.html">站内完整网址</a>
<a id="rel" href="../news/t3.html">相对链接</a>
<a id="dir" href="/zxft/">目录</a>
<a id="asset" href="/files/a.pdf">附件</a>
<a id="other" href="https://www.gov.cn/">中国政府网</a>
<a id="mail" href="mailto:a@b.cn">邮件</a>
<a id="frag" href="#top">顶部</a>
</body></html>"""

SITE = Site("https://www.lingang.gov.cn/")


def linked(variant_name="elder", relpath="hdjl/t0.html", modes=("elder", "contrast", "traditional"), **kw):
    variants = variants_for(list(modes))
    variant = next(v for v in variants if v.name == variant_name)
    page = load(PAGE)
    link_versions(page, relpath, variant, variants, SITE, **kw)
    return lxml.html.document_fromstring(page.serialize().encode()), variants


def test_variants_for_names_prefixes_and_combinations():
    variants = variants_for(["elder", "contrast", "traditional", "elder+contrast"], speech=True)
    assert [v.name for v in variants] == ["standard", "elder", "contrast", "zh-hant", "elder-contrast"]
    assert [v.prefix for v in variants][:2] == ["", "elder"]
    assert variants[4].modes == ("elder", "contrast", "speech") and variants[3].hreflang == "zh-Hant"
    assert variants[3].output_path("a/b.html") == "zh-hant/a/b.html" and STANDARD.output_path("a/b.html") == "a/b.html"


def test_internal_links_stay_in_the_version_and_others_are_untouched():
    tree, _ = linked()
    href = {a.get("id"): a.get("href") for a in tree.iter("a") if a.get("id")}
    assert href["root"] == "../news/t1.html?x=1#part"      # elder/hdjl/t0.html -> elder/news/t1.html
    assert href["abs"] == "../news/t2.html"
    assert href["rel"] == "../news/t3.html"                  # the tree mirrors the site: already inside
    assert href["dir"] == "../zxft/index.html"
    assert href["asset"] == "/files/a.pdf"                   # not a page: the standard tree's file
    assert href["other"] == "https://www.gov.cn/" and href["mail"] == "mailto:a@b.cn" and href["frag"] == "#top"


def test_the_standard_version_keeps_its_links():
    tree, _ = linked("standard")
    assert tree.get_element_by_id("root").get("href") == "/news/t1.html?x=1#part"


def test_the_switcher_links_every_version_of_this_page():
    tree, variants = linked("elder")
    (nav,) = [n for n in tree.iter("nav") if SWITCHER_CLASS in n.get("class", "")]
    links = nav.findall(".//a")
    assert [a.text for a in links] == ["标准版", "长者模式", "高对比度", "繁體"]
    assert [a.get("href") for a in links] == ["../../hdjl/t0.html", "t0.html", "../../contrast/hdjl/t0.html",
                                              "../../zh-hant/hdjl/t0.html"]
    assert [a.get("aria-current") for a in links] == [None, "page", None, None]
    assert links[3].get("lang") == "zh-Hant" and nav.get("aria-label") == "版本切换"
    assert tree.find("head/style[@id='a11yrender-switcher-style']") is not None


def test_the_switcher_speaks_the_pages_language():
    variants = variants_for(["elder", "traditional"])
    page = load(PAGE.replace('lang="zh-CN"', 'lang="zh-Hant"'))
    link_versions(page, "a.html", variants[2], variants, SITE)
    nav = next(n for n in page.root.iter("nav"))
    assert nav.get("aria-label") == "版本切換" and [a.text for a in nav.iter("a")] == ["標準版", "長者模式", "繁體"]


def test_hreflang_twins_only_with_a_traditional_version():
    tree, _ = linked("contrast")
    alternates = [(l.get("hreflang"), l.get("href")) for l in tree.iter("link") if l.get("rel") == "alternate"]
    assert alternates == [("zh-Hans", "../../hdjl/t0.html"), ("zh-Hant", "../../zh-hant/hdjl/t0.html")]
    tree, _ = linked("elder", modes=("elder",))
    assert not [l for l in tree.iter("link") if l.get("rel") == "alternate"]


def test_linking_twice_changes_nothing():
    variants = variants_for(["elder", "traditional"])
    page = load(PAGE)
    link_versions(page, "a/b.html", variants[1], variants, SITE)
    once = page.serialize()
    link_versions(page, "a/b.html", variants[1], variants, SITE)
    again = page.serialize()
    assert again.count(SWITCHER_CLASS) == once.count(SWITCHER_CLASS) and again.count('rel="alternate"') == 2


def test_a_server_remembers_the_choice_through_the_switcher():
    tree, _ = linked("elder", switch_parameter="a11y")
    nav = next(n for n in tree.iter("nav"))
    assert [a.get("href").split("?")[1] for a in nav.iter("a")] == ["a11y=standard", "a11y=elder", "a11y=contrast", "a11y=zh-hant"]


@pytest.mark.parametrize("here,there,expected", [
    ("elder/a/b.html", "a/b.html", "../../a/b.html"), ("index.html", "elder/index.html", "elder/index.html"),
    ("elder/index.html", "elder/x/y.html", "x/y.html"),
])
def test_relative_url(here, there, expected):
    assert relative_url(here, there) == expected
