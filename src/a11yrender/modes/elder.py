"""Elder mode (长者模式 / 适老化): large text, one column, nothing moving.

What a 75-year-old with weak eyes and an unsteady hand can read and use, after the MIIT
适老化 design specifications and WCAG 2.2: body text of 18 pt (24 CSS px) or more, the title
larger, generous line and paragraph spacing, about 36 characters a line, dark text on a
light background (4.5:1 or more everywhere), one column that reflows down to 320 px, 44 px
targets, a visible focus indicator and a skip link; no floating windows, marquees, ads,
pop-ups, share bars, font-size switchers or scripts.

Two layouts:

``article`` (the default)
    The article (:func:`a11yrender.article.find_article`) alone: the site's name and links
    home and back to the standard version, the title, the source/date line, the body in
    order with its images, the prev/next links. Navigation, sidebars, banners and link
    farms are left out.
``page``
    The whole page, linearised (layout tables become plain blocks) and enlarged, with the
    same things removed.

How the sizes hold whatever the site's CSS says: the theme's stylesheet is one cascade
layer of ``!important`` declarations, which beat every unlayered author declaration
(linked stylesheets included, which cannot be rewritten at publish time); inline
``!important`` would still win over a layer, so style attributes are rewritten, and so are
the sizes set in ``<style>`` blocks and by ``<font size>``, so the page holds up in a
browser without cascade layers too.

Rendering an elder page again changes nothing: the theme's ``<style id="a11yrender-elder">``
marks a page as done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from .. import css
from ..article import (
    BLOCK_TAGS, TITLE_LABEL, Article, class_words, document_titles, find_article, is_data_table, prev_next_label,
    text_of, words_of,
)
from ..errors import OptionsError, ThemeError
from ..chinese_script import guess_language
from ..page import INVISIBLE_TEXT_TAGS, Page
from ..themes import Theme, builtin_theme_dir, load_theme
from . import register

#: The id of the theme's ``<style>``: marks a page as already rendered in elder mode.
STYLE_ID = "a11yrender-elder"
#: The theme kind this mode accepts.
THEME_KIND = "elder"
#: Sizes every elder theme must give (``theme.json`` "sizes"), and the custom properties
#: the stylesheet reads them from.
SIZE_PROPERTIES = {
    "text_px": ("--a11y-text", "px"),
    "line_height": ("--a11y-line", ""),
    "paragraph_gap_lines": ("--a11y-gap", ""),
    "measure_em": ("--a11y-measure", "em"),
    "target_px": ("--a11y-target", "px"),
    "large_target_px": ("--a11y-large-target", "px"),
    "title_scale": ("--a11y-title-scale", ""),
}
#: Strings the mode writes into the page, looked up in the theme's "strings" by language.
STRING_KEYS = ("skip", "standard", "home", "site_nav", "pager", "prev", "next", "table", "embed", "source", "published", "colon")

#: Class/id words of things that float over or move on the page, by what they are.
FLOATING_WORDS = frozenset({"floatwin", "floating", "piao", "piaofu", "piaochuang", "couplet", "duilian", "float"})
FLOAT_UTILITY_WORDS = frozenset({"left", "right", "l", "r", "none", "clear", "lf", "rt"})
ADVERT_WORDS = frozenset({"ad", "ads", "adv", "advert", "adverts", "advertisement", "adsbygoogle", "guanggao", "sponsor", "sponsored", "bbccom_slot", "adbox", "adsense"})
#: Class/id words that are ads by their shape: adtop, adbox, ad_bottom, bcadv, leaderboard.
ADVERT_WORD = re.compile(r"^(ad|ads|adv)(top|bottom|left|right|box|wrap|wrapper|banner|slot|area|container|unit|space|zone|block|frame)$"
                         r"|^[a-z]{0,3}adv$|^(leaderboard|skyscraper|adslot|adunit|adcontainer|adwrapper)$")
POPUP_WORDS = frozenset({"popup", "modal", "overlay", "lightbox", "tanchuang", "mask", "cookie", "cookies", "consent"})
SHARE_WORDS = frozenset({"share", "sharing", "bdshare", "bdsharebuttonbox", "jiathis", "fenxiang", "sharebar", "addthis"})
FONT_SWITCHER_WORDS = frozenset({"fontsize", "fontzoom", "zihao", "zoomfont", "textsize", "fontresize"})
BACK_TO_TOP_WORDS = frozenset({"gotop", "backtop", "totop", "backtotop", "fanhuidingbu", "returntop"})
#: Junk named by compound class names, however they are split (back-to-top, go_top).
COMPOUND_JUNK = ("backtotop", "gotop", "returntop", "totop")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
#: Longest text a piece of junk (share bar, ad, floating window, switcher) is judged to have.
JUNK_MAX_CHARS = 200
SENTENCE_END = re.compile(r"[。！？.!?]")
#: Elements that may be a switcher or share bar known by its text, and the words that start one.
TEXT_JUNK_TAGS = frozenset({"div", "span", "p", "td", "li", "ul", "dd", "section"})
#: Words that make an element's own text worth a closer look, searched in lower-cased text: a
#: case-insensitive alternation is tried character by character, three times slower.
JUNK_TEXT_HINT = re.compile(r"字号|字体|字號|字體|文字大小|分享|font size|share|文字サイズ|共有")
#: Text of font-size switchers ("字体：【大 中 小】", "字号：大 中 小").
FONT_SWITCHER_TEXT = re.compile(r"(字号|字體|字体|字號|文字大小|字体大小|Font size|文字サイズ)\s*[:：]?\s*[【\[（(]?\s*(大|中|小|默认|A\+|A-|\+|-)", re.I)
SHARE_TEXT = re.compile(r"^\s*(分享到|分享至|分享|Share( this)?|共有)\s*[:：]?")
#: Text of links that only work with JavaScript and mean nothing without it.
SCRIPT_ONLY_LINK_TEXT = re.compile(
    r"^\s*[【\[]?\s*(打印|打印本页|打印此页|关闭|关闭窗口|關閉|关闭本页|收藏|加入收藏|设为首页|返回顶部|回到顶部|顶部|分享|"
    r"大|中|小|默认|简|繁|简体|繁体|簡體|繁體|无障碍|无障碍阅读|長者模式|长者模式|适老化|关怀版|语音|读屏|"
    r"print|close|close window|bookmark|back to top|top)\s*[】\]]?\s*$",
    re.I,
)
#: Link text of the site's home page.
HOME_TEXT = re.compile(r"^\s*(网站首页|首页|主页|返回首页|網站首頁|首頁|主頁|回首頁|Home|Home page|ホーム|トップ|トップページ)\s*$", re.I)
#: Attributes of lazily loaded images that hold the real address.
LAZY_SOURCES = ("data-src", "data-original", "data-lazy-src", "data-actualsrc", "data-echo", "data-url", "lazy-src", "data-lazyload", "original")
PLACEHOLDER_SRC = re.compile(r"^(data:|about:blank)|blank|placeholder|loading|lazy|spacer|grey\.gif|pixel\.gif|1x1", re.I)
#: Characters that do not make a link part of a sentence (separators between links).
SEPARATORS = re.compile(r"^[\s|·•/\\,，、:：;；()（）\[\]【】\-]+$")
#: Properties whose declarations are rewritten in ``<style>`` blocks and style attributes.
SIZE_DECLARATIONS = css.declaration_pattern(["font-size", "font", "line-height", "text-align"])
#: Queries, compiled once.
_SHORT_LINKS = lxml.etree.XPath(".//a[@href][string-length(normalize-space(.)) <= 12]")
_MAIN_REGION = lxml.etree.XPath("(//main | //*[@role='main'] | //article | //h1)[1]")
_TEXT_LENGTH = lxml.etree.XPath("string-length(normalize-space(.))")
_LINKS_AND_ROLES = lxml.etree.XPath(".//a[@href] | .//*[@role]")
#: Declarations in a style attribute that the size rewrite acts on.
INLINE_SIZES = re.compile(r"(?:^|[;\s])(?:font-size|font|line-height|text-align)\s*:", re.I)
#: Attributes of tables that fix a layout (dropped when a layout table becomes blocks).
TABLE_LAYOUT_ATTRIBUTES = ("width", "height", "align", "valign", "bgcolor", "background", "border", "cellpadding",
                           "cellspacing", "colspan", "rowspan", "nowrap", "frame", "rules", "summary")
#: Elements that take the keyboard focus without a tabindex.
FOCUSABLE_TAGS = frozenset({"a", "button", "input", "select", "textarea", "summary", "area", "iframe", "video", "audio"})
#: Tags of a layout table that become plain blocks.
TABLE_PART_TAGS = frozenset({"table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "colgroup", "col"})


#: The layouts of the elder page.
LAYOUTS = ("article", "page")


@dataclass(frozen=True, slots=True)
class ElderOptions:
    """Options of the elder mode."""

    layout: Literal["article", "page"] = field(default="article", metadata={
        "help": "article: the article alone (default); page: the whole page, linearised and enlarged"})
    keep_scripts: bool = field(default=False, metadata={
        "help": "keep the page's scripts and event handlers (removed by default: the elder page works without them)"})
    standard_url: str | None = field(default=None, metadata={
        "help": "where the standard version of the page is (default: the page's canonical URL)"})
    home_url: str | None = field(default=None, metadata={
        "help": "the site's home page (default: the page's own link to its home page, else /)"})
    theme: str = field(default="elder", metadata={"help": "the elder theme (a directory in themes/ or --elder-theme-dir)"})
    theme_dir: Path | None = field(default=None, metadata={"help": "a directory searched for themes before the built-in ones"})

    def __post_init__(self):
        if self.layout not in LAYOUTS:
            raise OptionsError(f"elder layout must be one of {', '.join(LAYOUTS)}, not {self.layout!r}")
        for name in ("standard_url", "home_url"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise OptionsError(f"elder {name} must be a non-empty URL, not {value!r}")


@register("elder", order=100, options=ElderOptions)
def elder(page: Page, context) -> Page:
    """Large text, one column, nothing moving (长者模式)."""
    options = context.of("elder") or ElderOptions()
    if _already_elder(page):
        page.note("elder.already", "the page is already an elder page; left as it is")
        return page
    theme = _load(options)
    report = _Report()
    layout = options.layout
    article = None
    if layout == "article":
        article = find_article(page)
        if article is None:
            layout = "page"
            page.note("elder.no-article", "no article found on the page: the whole page is kept, linearised and enlarged",
                      severity="warning")
    # Read once, from the article's text when there is one (the whole page's is slower to collect).
    language = page.lang or guess_language(article.text() if article is not None else page.text())
    strings = _strings(theme, language)
    links = _site_links(page, options)
    if layout == "article":
        scope = _article_layout(page, article, links, strings, report)
    else:
        scope = _page_layout(page, article, links, strings, report)
    _clean(page.root, options, strings, report)
    if page.head is not None:
        _clean_head(page.head, options, report)
    _tables(scope, strings, report)
    _paragraphs(scope, report)
    _mark_targets(scope)
    _rewrite_sizes(page, scope, theme, report)
    _install_theme(page, theme, with_palette="contrast" not in context.modes)
    _declare_language(page, language)
    _standards_mode(page)
    report.flush(page)
    return page


# -- theme and strings -------------------------------------------------------------------

def _load(options: ElderOptions) -> Theme:
    return _load_cached(options.theme, options.theme_dir, _theme_stamp(options.theme, options.theme_dir))


def _theme_stamp(name: str, directory: Path | None) -> tuple:
    """When the theme's files last changed: a render after an edit loads it afresh."""
    stamps = []
    for folder in ([Path(directory)] if directory else []) + [_builtin_themes()]:
        try:
            stamps.append(max(f.stat().st_mtime_ns for f in (folder / name).iterdir()))
        except (OSError, ValueError):
            stamps.append(0)
    return tuple(stamps)


@lru_cache(maxsize=1)
def _builtin_themes() -> Path:
    return builtin_theme_dir()


@lru_cache(maxsize=16)
def _load_cached(name: str, directory: Path | None, stamp: tuple) -> Theme:
    theme = load_theme(name, [directory] if directory else [])
    if theme.kind != THEME_KIND:
        raise ThemeError(f"theme {theme.name!r} is a {theme.kind!r} theme, not an {THEME_KIND!r} one")
    sizes = theme.manifest.get("sizes", {})
    missing = [key for key in SIZE_PROPERTIES if not isinstance(sizes.get(key), (int, float))]
    if missing:
        raise ThemeError(f"theme {theme.name!r}: theme.json 'sizes' lacks {', '.join(missing)}")
    if not theme.manifest.get("strings"):
        raise ThemeError(f"theme {theme.name!r}: theme.json has no 'strings'")
    return theme


def _strings(theme: Theme, language: str) -> dict[str, str]:
    """The theme's strings in the page's language (guessed from its text when undeclared)."""
    table = theme.manifest["strings"]
    lang = language.lower()
    if lang.startswith("zh"):
        traditional = any(mark in lang for mark in ("hant", "-tw", "-hk", "-mo"))
        key = "zh-Hant" if traditional else "zh-Hans"
    else:
        key = lang.split("-")[0]
    chosen = table.get(key) or table.get("en") or next(iter(table.values()))
    fallback = table.get("en", {})
    return {name: chosen.get(name, fallback.get(name, "")) for name in STRING_KEYS}


def _declare_language(page: Page, guessed: str) -> None:
    """A page that declares no language gets the one its text is in (WCAG 3.1.1: a screen
    reader needs it to pick a voice); a page that declares one keeps it."""
    if page.is_fragment or page.lang:
        return
    if guessed in ("und", "en"):
        return  # Latin letters could be any language: no guess is better than a wrong one
    page.root.set("lang", guessed)
    page.note("elder.lang", f"the page declares no language; its text is {guessed}, so lang=\"{guessed}\" was added")


def _install_theme(page: Page, theme: Theme, with_palette: bool) -> None:
    """The theme's stylesheet, after the page's own, with the sizes and colours of its
    manifest as custom properties."""
    style = lxml.html.Element("style", {"id": STYLE_ID})
    style.text = _theme_stylesheet(theme, with_palette)
    if page.head is not None:
        page.head.append(style)
        style.tail = "\n"
    else:
        style.tail = page.root.text
        page.root.text = None
        page.root.insert(0, style)


_stylesheets: dict[tuple[int, bool], tuple[Theme, str]] = {}


def _theme_stylesheet(theme: Theme, with_palette: bool) -> str:
    """The stylesheet text, built once per loaded theme (themes are cached by ``_load``)."""
    key = (id(theme), with_palette)
    cached = _stylesheets.get(key)
    if cached is None or cached[0] is not theme:
        cached = _stylesheets[key] = (theme, _build_stylesheet(theme, with_palette))
    return cached[1]


def _build_stylesheet(theme: Theme, with_palette: bool) -> str:
    sizes = theme.manifest["sizes"]
    properties = [f"{name}:{_number(sizes[key])}{unit}" for key, (name, unit) in SIZE_PROPERTIES.items()]
    text = theme.css
    if with_palette:
        properties += [f"--a11y-{name}:{value}" for name, value in theme.colours.items()]
        palette = theme.manifest.get("palette")
        if palette:
            try:
                text += "\n" + (theme.path / palette).read_text(encoding="utf-8")
            except OSError as error:
                raise ThemeError(f"theme {theme.name!r}: cannot read its palette {palette}: {error.strerror}") from None
    layer = theme.manifest.get("layer", "a11yrender-elder")
    text = _CSS_COMMENT.sub("", text)
    return f"\n@layer {layer} {{ :root {{ {'; '.join(properties)} }} }}\n{text.strip()}\n"


_CSS_COMMENT = re.compile(r"/\*.*?\*/\s*", re.S)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _already_elder(page: Page) -> bool:
    holder = page.head if page.head is not None else page.root
    return any(style.get("id") == STYLE_ID for style in holder.iter("style"))


def _standards_mode(page: Page) -> None:
    """An elder page is laid out in standards mode: a missing doctype, or one that puts
    browsers in quirks mode (tables that do not inherit the font size, and more), becomes
    ``<!DOCTYPE html>``."""
    if page.is_fragment or not _quirks_doctype(page.doctype):
        return
    page.note("elder.doctype", "the page was in quirks mode " + ("(no doctype)" if page.doctype is None else f"({page.doctype})")
              + "; the elder page declares <!DOCTYPE html>")
    page.doctype = "<!DOCTYPE html>"


#: Public identifiers that put browsers in quirks mode (HTML spec, "quirks mode"), by prefix.
_QUIRKS_PUBLIC = re.compile(
    r"-//(w3o//dtd w3 html|w3c//dtd html (2\.0|3|4\.0 (frameset|transitional))|ietf//dtd html|netscape comm|"
    r"microsoft//dtd internet explorer|o'reilly|softquad|spyglass|sun microsystems|webtechs|advasoft|as//dtd|"
    r"metrius|silmaril|sq//dtd|w3c//dtd w3 html)", re.I)


def _quirks_doctype(doctype: str | None) -> bool:
    if not doctype:
        return True
    text = doctype.lower()
    if not text.startswith("<!doctype html"):
        return True
    public = re.search(r'public\s+["\']([^"\']*)["\']', text)
    if public is None:
        return False
    identifier = public.group(1)
    system = re.search(r'public\s+["\'][^"\']*["\']\s+["\']', text) is not None
    if _QUIRKS_PUBLIC.search(identifier):
        return True
    # HTML 4.01 Transitional and Frameset are quirks without a system identifier.
    return not system and identifier.startswith(("-//w3c//dtd html 4.01 frameset//", "-//w3c//dtd html 4.01 transitional//"))


# -- links home and to the standard version ----------------------------------------------

@dataclass(frozen=True, slots=True)
class _SiteLinks:
    home: str
    standard: str | None
    site_name: str | None


def _site_links(page: Page, options: ElderOptions) -> _SiteLinks:
    """Where home and the standard version are: the options, else what the page says."""
    home = options.home_url
    if home is None:
        # Short link texts only (found in C): "首页" is never a long link.
        candidates = _SHORT_LINKS(page.body)
        home = next((a.get("href").strip() for a in candidates
                     if not a.get("href").strip().lower().startswith(("javascript:", "#"))
                     and HOME_TEXT.match(a.text_content())), "/")
    standard = options.standard_url
    if standard is None and not page.is_fragment:
        for link in page.root.iter("link"):
            if "canonical" in (link.get("rel") or "").lower().split() and (link.get("href") or "").strip():
                standard = link.get("href").strip()
                break
        else:
            standard = next((m.get("content").strip() for m in page.root.iter("meta")
                             if (m.get("property") or m.get("name") or "").lower() == "og:url" and (m.get("content") or "").strip()), None)
    if standard is None and not page.is_fragment:
        page.note("elder.standard-url", "the page names no canonical URL, so there is no link back to the standard "
                  "version; pass standard_url (--elder-standard-url)", severity="warning")
    from ..article import site_name
    return _SiteLinks(home=home, standard=standard, site_name=site_name(page))


# -- layouts -----------------------------------------------------------------------------

def _article_layout(page: Page, article: Article, links: _SiteLinks, strings: dict, report: "_Report") -> HtmlElement:
    """Replace the body with the article alone, in a simple structure of our own."""
    body = page.body
    make = body.makeelement
    heading = _title_heading(page, article, make)
    byline = _byline_line(article.byline, make) if article.byline is not None else None
    pager = [(prev_next_label(a), a.get("href"), text_of(a)) for a in article.prev_next]
    site_name = article.site_name or links.site_name

    for element in article.excluded:
        report.removed("excluded", "in the article, navigation, share bars, forms and link lists", element)
        element.drop_tree()
    inside = [el for el in (article.title, article.byline) if el is not None and el.getparent() is not None]
    parts = [p for p in article.parts if p is not article.title and p is not article.byline]
    for element in inside:
        if any(_is_within(element, part) for part in parts):
            element.drop_tree()
    if any(part is body for part in parts):
        # The whole body is the article: its content is what moves.
        wrapper = make("div", {})
        wrapper.text, body.text = body.text, None
        for child in list(body):
            wrapper.append(child)
        parts = [wrapper]
    for part in parts:
        part.tail = None
        parent = part.getparent()
        if parent is not None:
            parent.remove(part)
        if part.tag in TABLE_PART_TAGS and part.tag != "table":
            _retag(part, "div")  # a cell or row taken out of its layout table
    report.left_out(_regions(body), _visible_chars(body))
    for child in list(body):
        body.remove(child)
    body.text = None
    for name in [n for n in body.attrib if n.lower() in ("background", "bgcolor", "text", "link", "vlink", "alink")]:
        del body.attrib[name]

    body.append(_skip_link(make, strings))
    body.append(_site_header(make, links, site_name, strings))
    main = _element(make, "main", {"id": "a11y-main", "tabindex": "-1"})
    article_element = _element(make, "article", {"class": "a11y-article"})
    main.append(article_element)
    if heading is not None:
        article_element.append(heading)
    if byline is not None:
        article_element.append(byline)
    content = _element(make, "div", {"class": "a11y-body"})
    for part in parts:
        content.append(part)
    article_element.append(content)
    if pager:
        main.append(_pager(make, pager, strings))
    body.append(main)
    body.append(_site_footer(make, links, strings))
    _newlines(body)
    page.note("elder.layout", f"article layout: the article found by {article.found_by!r} "
              f"({len(article.blocks)} blocks), with its title, source/date line and prev/next links")
    return body


def _page_layout(page: Page, article: Article | None, links: _SiteLinks, strings: dict, report: "_Report") -> HtmlElement:
    """Keep the whole page; add a skip link and the links home and to the standard version."""
    body = page.body
    if page.is_fragment:
        page.note("elder.layout", "page layout of a fragment: all of it kept, nothing added around it")
        return body
    if article is None:
        article = find_article(page)
    make = body.makeelement
    target = _main_target(body, article)
    skip = _skip_link(make, strings, f"#{target}")
    nav = _site_header(make, links, None, strings)
    skip.tail, nav.tail = "\n", (body.text or "")
    body.text = "\n"
    body.insert(0, nav)
    body.insert(0, skip)
    if article is not None:
        _add_class(article.container, "a11y-article")
        for link in article.prev_next:
            _add_class(link, "a11y-large")
    page.note("elder.layout", "page layout: the whole page, linearised and enlarged")
    return body


def _main_target(body: HtmlElement, article: Article | None) -> str:
    """The id the skip link points at: the article's container, else the page's main region."""
    target = None
    if article is not None:
        target = article.title if article.title is not None else article.container
    if target is None:
        target = next(iter(_MAIN_REGION(body)), None)
    if target is None:
        target = body
    if not target.get("id"):
        target.set("id", "a11y-main")
    if target.get("tabindex") is None and target.tag not in ("a", "button", "input", "select", "textarea"):
        target.set("tabindex", "-1")
    return target.get("id")


def _visible_chars(element: HtmlElement) -> int:
    """Characters of text, roughly (counted in C; scripts' and styles' text taken out)."""
    total = int(_TEXT_LENGTH(element))
    return max(0, total - sum(len(e.text or "") for e in element.iter("script", "style")))


def _regions(body: HtmlElement) -> list[str]:
    """Names of the body's top-level elements that go (``div#nav``, ``table.footer``)."""
    names = []
    for child in body:
        if isinstance(child.tag, str) and child.tag not in ("script", "style", "noscript"):
            name = child.tag + (f"#{child.get('id')}" if child.get("id") else "")
            if child.get("class") and not child.get("id"):
                name += "." + ".".join(child.get("class").split()[:2])
            names.append(name)
    return names


def _title_heading(page: Page, article: Article, make) -> HtmlElement | None:
    heading = _element(make, "h1", {"class": "a11y-title"})
    title = article.title
    if title is not None and not any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in title.iter() if c is not title):
        heading.text = title.text
        for child in list(title):
            heading.append(child)  # moves it, with its tail
    elif title is not None:
        heading.text = text_of(title)
    else:
        titles = document_titles(page)
        if not titles:
            return None
        heading.text = titles[0]
    label = TITLE_LABEL.match(text_of(heading))
    if label:
        heading.text = TITLE_LABEL.sub("", text_of(heading))
        for child in list(heading):
            heading.remove(child)
    if not text_of(heading).strip():
        return None
    return heading


def _byline_line(byline: HtmlElement, make) -> HtmlElement:
    line = _element(make, "div", {"class": "a11y-byline"})
    line.text = byline.text
    for child in list(byline):
        line.append(child)
    return line


def _is_within(element: HtmlElement, ancestor: HtmlElement) -> bool:
    return any(a is ancestor for a in element.iterancestors())


def _skip_link(make, strings: dict, href: str = "#a11y-main") -> HtmlElement:
    return _element(make, "a", {"class": "a11y-skip", "href": href}, strings["skip"])


def _site_header(make, links: _SiteLinks, site_name: str | None, strings: dict) -> HtmlElement:
    header = _element(make, "header", {"class": "a11y-site"})
    if site_name:
        name = _element(make, "p", {"class": "a11y-site-name"})
        name.append(_element(make, "a", {"href": links.home, "class": "a11y-large"}, site_name))
        header.append(name)
    nav = _links_nav(make, links, strings, with_home=not site_name)
    if len(nav):
        header.append(nav)
    return header


def _site_footer(make, links: _SiteLinks, strings: dict) -> HtmlElement:
    footer = _element(make, "footer", {"class": "a11y-footer"})
    footer.append(_links_nav(make, links, strings, with_home=True))
    return footer


def _links_nav(make, links: _SiteLinks, strings: dict, with_home: bool) -> HtmlElement:
    nav = _element(make, "nav", {"class": "a11y-links", "aria-label": strings["site_nav"]})
    listing = _element(make, "ul", {"class": "a11y-link-list"})
    if links.standard:
        item = _element(make, "li")
        item.append(_element(make, "a", {"href": links.standard, "class": "a11y-large a11y-standard"}, strings["standard"]))
        listing.append(item)
    if with_home:
        item = _element(make, "li")
        item.append(_element(make, "a", {"href": links.home, "class": "a11y-large a11y-home"}, strings["home"]))
        listing.append(item)
    if len(listing):
        nav.append(listing)
    return nav


def _pager(make, pager: list, strings: dict) -> HtmlElement:
    nav = _element(make, "nav", {"class": "a11y-pager", "aria-label": strings["pager"]})
    listing = _element(make, "ul", {"class": "a11y-link-list"})
    for label, href, text in pager:
        item = _element(make, "li")
        if label and text.startswith(label):
            text = text[len(label):].lstrip(" :：")
        shown = label or (strings["prev"] if len(listing) == 0 else strings["next"])
        link = _element(make, "a", {"href": href, "class": "a11y-large a11y-pager-link"}, f"{shown}{strings['colon']}{text}")
        item.append(link)
        listing.append(item)
    nav.append(listing)
    return nav


def _element(make, tag: str, attributes: dict | None = None, text: str | None = None) -> HtmlElement:
    element = make(tag, attributes or {})
    if text is not None:
        element.text = text
    return element


def _newlines(body: HtmlElement) -> None:
    """One element per line at the top of the body, so the output reads well."""
    body.text = "\n"
    for child in body:
        child.tail = "\n"


def _add_class(element: HtmlElement, name: str) -> None:
    classes = (element.get("class") or "").split()
    if name not in classes:
        element.set("class", " ".join(classes + [name]))


# -- removing what moves, floats, or needs scripts ---------------------------------------

class _Report:
    """What was removed and why, counted, for the diagnostics."""

    def __init__(self):
        self.counts: dict[str, list] = {}
        self.outside: tuple[int, int] | None = None
        self.css = [0, 0]
        self.tables = [0, 0]

    def removed(self, code: str, why: str, element=None, count: int = 1) -> None:
        entry = self.counts.setdefault(code, [0, why])
        entry[0] += count

    def left_out(self, regions: list[str], chars: int) -> None:
        self.outside = (regions, chars)

    def flush(self, page: Page) -> None:
        if self.outside:
            regions, chars = self.outside
            shown = ", ".join(regions[:8]) + (f" and {len(regions) - 8} more" if len(regions) > 8 else "")
            page.note("elder.removed.outside", f"left out what is not the article (navigation, sidebars, banners, "
                      f"link lists, footer: about {chars} characters): {shown}", count=len(regions))
        for code, (count, why) in self.counts.items():
            page.note(f"elder.removed.{code}", f"{count} × {why}", count=count)
        if self.tables[0] or self.tables[1]:
            page.note("elder.tables", f"{self.tables[0]} layout tables made into plain blocks; "
                      f"{self.tables[1]} data tables scroll sideways in their own box")
        if self.css[0] or self.css[1]:
            page.note("elder.css", f"rewrote {self.css[0]} size/line-height/alignment declarations in <style> blocks "
                      f"and {self.css[1]} style attributes (no text below the theme's size; inline !important dropped)")


def _clean(scope: HtmlElement, options: ElderOptions, strings: dict, report: _Report) -> None:
    """Remove scripts, moving and floating things, ads, pop-ups, share bars and font-size
    switchers; make media wait for the reader; load lazy images."""
    scripts = not options.keep_scripts

    def visit(parent: HtmlElement) -> None:
        child = parent[0] if len(parent) else None
        while child is not None:
            following = child.getnext()
            if isinstance(child.tag, str):
                _clean_one(child, scripts, strings, report, visit)
            child = following

    visit(scope)
    if scripts:
        _drop_handlers(scope, report)


def _clean_one(element: HtmlElement, scripts: bool, strings: dict, report: _Report, visit) -> None:
    tag = element.tag
    if tag in ("head", "body"):
        if scripts:
            _drop_handlers(element, report)
        visit(element)
        return
    if tag == "script":
        if scripts and not _is_data_script(element):
            report.removed("script", "script (scripts are removed by default; keep_scripts keeps them)")
            element.drop_tree()
        return
    if tag in ("style", "template"):
        return
    if scripts:
        _drop_handlers(element, report)
    reason = _junk(element)
    if reason is not None:
        code, why = reason
        report.removed(code, why)
        element.drop_tree()
        return
    if tag == "noscript":
        if scripts and element.getparent().tag == "head":
            element.drop_tree()
        elif scripts:
            _unwrap_noscript(element, report, visit)
        return
    if tag in ("embed", "object", "applet"):
        report.removed("plugin", "plugin content (Flash and the like cannot run)")
        element.drop_tree()
        return
    if tag in ("iframe", "frame"):
        _replace_frame(element, strings, report)
        return
    if tag in ("basefont", "bgsound"):
        element.drop_tree()
        return
    if tag == "select" and scripts and _is_jump_menu(element):
        _jump_menu_to_links(element, report)
        return
    if tag == "marquee":
        report.removed("marquee", "marquee made still (its text kept)")
        _retag(element, "div")
    elif tag == "blink":
        report.removed("blink", "blinking text made still")
        _retag(element, "span")
    elif tag in ("video", "audio"):
        if element.get("autoplay") is not None:
            del element.attrib["autoplay"]
            report.removed("autoplay", "autoplaying media now waits to be started")
        element.set("controls", "controls")
    elif tag == "img":
        _load_lazy_image(element)
    if (element.get("align") or "").lower() == "justify":
        del element.attrib["align"]
    if scripts and element.get("tabindex") not in (None, "-1") and tag not in FOCUSABLE_TAGS \
            and "a11y-table" not in (element.get("class") or ""):
        del element.attrib["tabindex"]
    if len(element):
        visit(element)
    if tag == "a" and scripts:
        _script_link(element, report)


def _junk(element: HtmlElement) -> tuple[str, str] | None:
    """Why an element goes (floating window, ad, pop-up, share bar, font-size switcher), or
    None. A class word never removes running text or a picture (``id="fontzoom"`` on an
    article body, ``mbArticleSharePic`` around its photo)."""
    reason = _junk_by_name(element) or _junk_by_style(element) or _junk_by_text(element)
    if reason is not None and _holds_content(element):
        return None
    return reason


def _junk_by_name(element: HtmlElement) -> tuple[str, str] | None:
    classes, identifier = element.get("class"), element.get("id")
    if classes is None and identifier is None:
        return None
    return _junk_named(classes, identifier)


@lru_cache(maxsize=8192)
def _junk_named(classes: str | None, identifier: str | None) -> tuple[str, str] | None:
    """The verdict on a class and id (pages repeat the same few hundred combinations)."""
    words = class_words(classes, identifier)
    compact = _NOT_ALNUM.sub("", f"{classes or ''}{identifier or ''}".lower())
    if any(word in compact for word in COMPOUND_JUNK):
        return "back-to-top", "floating back-to-top button"
    if FLOATING_WORDS & words and not (FLOAT_UTILITY_WORDS & words and "float" in words and not (FLOATING_WORDS - {"float"}) & words):
        return "floating", "floating window"
    if ADVERT_WORDS & words or any(ADVERT_WORD.match(word) for word in words):
        return "advert", "advertisement"
    if POPUP_WORDS & words:
        return "popup", "pop-up, overlay or cookie banner"
    if SHARE_WORDS & words:
        return "share", "share bar"
    if FONT_SWITCHER_WORDS & words:
        return "font-switcher", "font-size switcher (the elder page is already large)"
    if BACK_TO_TOP_WORDS & words:
        return "back-to-top", "floating back-to-top button"
    return None


def _junk_by_style(element: HtmlElement) -> tuple[str, str] | None:
    style = element.get("style")
    if style and "fixed" in style and element.tag not in ("body", "main", "article"):
        if "position:fixed" in style.replace(" ", "").lower():
            return "floating", "element fixed over the content"
    return None


def _junk_by_text(element: HtmlElement) -> tuple[str, str] | None:
    """Font-size switchers and share bars known by their words ("字号：大 中 小", "分享到")."""
    if element.tag not in TEXT_JUNK_TAGS:
        return None
    own = element.text or ""
    if not own.strip() and len(element):
        first = element[0]
        own = (first.text or "") if isinstance(first.tag, str) else ""
    if not JUNK_TEXT_HINT.search(own.lower()):
        return None
    text = text_of(element)
    if len(text) <= 60 and FONT_SWITCHER_TEXT.search(text):
        # The smallest element holding the switcher: not a line that says more.
        if not any(isinstance(c.tag, str) and FONT_SWITCHER_TEXT.search(text_of(c)) for c in element):
            return "font-switcher", "font-size switcher (the elder page is already large)"
    if len(text) <= 80 and SHARE_TEXT.match(text) and element.find(".//a") is not None:
        return "share", "share bar"
    return None


def _holds_content(element: HtmlElement) -> bool:
    """Running text or a picture that is not a link: what junk never has."""
    text = text_of(element)
    if len(text) > JUNK_MAX_CHARS and len(SENTENCE_END.findall(text)) >= 2:
        return True
    for image in element.iter("img"):
        if len((image.get("alt") or "").strip()) >= 4 and next(image.iterancestors("a"), None) is None:
            return True
    return False


def _unwrap_noscript(element: HtmlElement, report: _Report, visit) -> None:
    """Without scripts, what ``<noscript>`` holds is the content: lazy images' fallbacks.

    libxml2 may keep a noscript's content as unparsed text; then only the images in it are
    kept (parsed by lxml as the browser would with scripting off), never its text as text.
    """
    if len(element):
        visit(element)
        if element.find(".//img") is not None or text_of(element):
            element.drop_tag()
            return
    elif "<img" in (element.text or "").lower():
        images = [node for fragment in _parse_fragments(element.text) if isinstance(fragment, HtmlElement)
                  for node in fragment.iter("img") if (node.get("src") or "").strip()]
        images = [img for img in images if not _tracking_pixel(img)]
        if images:
            element.text = None
            for image in images:
                image.tail = None
                element.append(image)
            element.drop_tag()
            return
    element.drop_tree()


def _parse_fragments(markup: str) -> list:
    try:
        return lxml.html.fragments_fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return []


def _tracking_pixel(image: HtmlElement) -> bool:
    return (image.get("width"), image.get("height")) in (("1", "1"), ("0", "0")) or bool(_ADVERT_HOSTS.search(image.get("src") or ""))


def _clean_head(head: HtmlElement, options: ElderOptions, report: _Report) -> None:
    for element in list(head):
        tag = element.tag
        if tag == "script" and not options.keep_scripts and not _is_data_script(element):
            report.removed("script", "script (scripts are removed by default; keep_scripts keeps them)")
            element.drop_tree()
        elif tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            report.removed("refresh", "automatic refresh/redirect")
            element.drop_tree()
        elif tag == "meta" and (element.get("name") or "").lower() == "viewport":
            element.drop_tree()
        elif tag == "noscript" and not options.keep_scripts:
            element.drop_tree()
    viewport = head.makeelement("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"})
    charset = head.find("meta[@charset]")
    position = head.index(charset) + 1 if charset is not None else 0
    viewport.tail = "\n"
    head.insert(position, viewport)


def _is_data_script(script: HtmlElement) -> bool:
    """Structured data about the page (JSON-LD) is kept: it runs nothing and search engines read it."""
    return (script.get("type") or "").strip().lower() == "application/ld+json"


def _drop_handlers(element: HtmlElement, report: _Report) -> None:
    handlers = [name for name in element.attrib if name.lower().startswith("on")]
    for name in handlers:
        del element.attrib[name]
    if handlers:
        report.removed("event-handler", "event handler attribute (onclick, onload ...: scripts are removed)", count=len(handlers))


def _retag(element: HtmlElement, tag: str) -> None:
    for name in list(element.attrib):
        if name.lower() not in ("class", "id", "lang", "dir", "title"):
            del element.attrib[name]
    element.tag = tag


def _replace_frame(frame: HtmlElement, strings: dict, report: _Report) -> None:
    """An embedded frame becomes a link to what it shows (ads and trackers go)."""
    source = (frame.get("src") or "").strip()
    words = words_of(frame)
    if not source or source.startswith(("javascript:", "about:")) or ADVERT_WORDS & words or _advert_source(source):
        report.removed("frame", "embedded frame without content of its own (ads, trackers, empty frames)")
        frame.drop_tree()
        return
    title = (frame.get("title") or frame.get("name") or "").strip()
    link = frame.makeelement("a", {"href": source, "class": "a11y-embed"})
    link.text = f"{strings['embed']}{strings['colon']}{title or source}"
    link.tail = frame.tail
    frame.getparent().replace(frame, link)
    report.removed("frame-link", "embedded frame replaced by a link to what it shows")


_ADVERT_HOSTS = re.compile(r"doubleclick|googlesyndication|adservice|/ads?/|cpro\.baidu|pos\.baidu|ad\.|ads\.|adserver|facebook\.com/plugins|platform\.twitter", re.I)


def _advert_source(source: str) -> bool:
    return bool(_ADVERT_HOSTS.search(source))


def _load_lazy_image(image: HtmlElement) -> None:
    source = (image.get("src") or "").strip()
    if source and not PLACEHOLDER_SRC.search(source):
        return
    for attribute in LAZY_SOURCES:
        real = (image.get(attribute) or "").strip()
        if real and not real.startswith("data:"):
            image.set("src", real)
            srcset = image.get("data-srcset")
            if srcset:
                image.set("srcset", srcset)
            return


def _script_link(link: HtmlElement, report: _Report) -> None:
    """A link that only runs a script: dropped when its text names a function of the
    script (打印, 关闭, 大 中 小), else made plain text."""
    href = (link.get("href") or "").strip().lower()
    if not (href.startswith("javascript:") or (href in ("#", "") and link.get("href") is not None and link.get("name") is None
                                               and link.get("id") is None)):
        return
    text = text_of(link)
    if not text or SCRIPT_ONLY_LINK_TEXT.match(text):
        report.removed("script-link", "link that only runs a script (print, close, font size ...)")
        link.drop_tree()
    else:
        report.removed("script-link-text", "link that only runs a script, kept as plain text")
        link.drop_tag()


def _is_jump_menu(select: HtmlElement) -> bool:
    options = select.findall(".//option")
    return len(options) >= 2 and sum(bool(re.match(r"https?://|/", o.get("value") or "")) for o in options) >= len(options) - 1


def _jump_menu_to_links(select: HtmlElement, report: _Report) -> None:
    """A "go to" drop-down that needs a script becomes a list of links."""
    listing = select.makeelement("ul", {"class": "a11y-jump-links"})
    for option in select.iter("option"):
        value = (option.get("value") or "").strip()
        if re.match(r"https?://|/", value):
            item = listing.makeelement("li", {})
            link = item.makeelement("a", {"href": value})
            link.text = "".join(option.itertext()).strip() or value
            item.append(link)
            listing.append(item)
    label = select.get("aria-label")
    if label:
        listing.set("aria-label", label)
    listing.tail = select.tail
    select.getparent().replace(select, listing)
    report.removed("jump-menu", "drop-down menu that needed a script, made a list of links")


# -- tables ------------------------------------------------------------------------------

def _tables(scope: HtmlElement, strings: dict, report: _Report) -> None:
    """Layout tables become plain blocks; data tables scroll sideways in their own box."""
    tables = list(scope.iter("table"))
    data = {id(t) for t in tables if is_data_table(t)}
    for table in tables:
        if id(table) in data:
            parent = table.getparent()
            if parent is not None and "a11y-table" in (parent.get("class") or "").split():
                continue
            caption = table.find("caption")
            box = table.makeelement("div", {"class": "a11y-table", "role": "region", "tabindex": "0",
                                             "aria-label": text_of(caption) if caption is not None and text_of(caption) else strings["table"]})
            box.tail, table.tail = table.tail, None
            parent.replace(table, box)
            box.append(table)
            report.tables[1] += 1
        else:
            _linearise(table)
            report.tables[0] += 1


def _linearise(table: HtmlElement) -> None:
    """A layout table's own rows and cells become ``<div>``s (nested tables are judged on
    their own), without the attributes that fixed the layout."""
    own = [element for element in table.iter(*TABLE_PART_TAGS)
           if element is table or (element.tag != "table" and next(element.iterancestors("table"), None) is table)]
    for element in own:  # nested tables, and their parts, are judged on their own
        if element.tag in ("colgroup", "col"):
            element.drop_tree()
            continue
        for name in TABLE_LAYOUT_ATTRIBUTES:
            if name in element.attrib:
                del element.attrib[name]
        element.tag = "div"


# -- paragraphs --------------------------------------------------------------------------

#: Blocks whose text may be split into paragraphs at blank lines (two or more <br>).
BREAK_BLOCKS = frozenset({"p", "div", "td", "th", "li", "dd", "blockquote", "section", "article", "main", "center", "body"})


def _paragraphs(scope: HtmlElement, report: "_Report") -> None:
    """Paragraphs the page made with blank lines (``text<br><br>text``) become ``<p>``s, so
    they are spaced as paragraphs; ``<font>`` (whose size, colour and face the theme sets)
    is unwrapped first, so the breaks it wraps are seen."""
    for font in list(scope.iter("font")):
        font.drop_tag()
    split = 0
    for block in list(scope.iter(*BREAK_BLOCKS)):
        if _has_blank_line(block):
            split += _split_at_blank_lines(block)
    if split:
        report.removed("blank-lines", "blank lines (<br><br>) made into paragraph breaks", count=split)


def _has_blank_line(block: HtmlElement) -> bool:
    previous_br = False
    for child in block:
        if child.tag == "br":
            if previous_br:
                return True
            previous_br = not (child.tail or "").strip()
        else:
            previous_br = False
    return False


def _split_at_blank_lines(block: HtmlElement) -> int:
    """Rebuild ``block``'s content as paragraphs; returns how many blank lines were split."""
    tokens: list = []  # strings and elements, tails detached
    if block.text:
        tokens.append(block.text)
    for child in list(block):
        tail, child.tail = child.tail, None
        block.remove(child)
        tokens.append(child)
        if tail:
            tokens.append(tail)
    block.text = None
    segments: list[list] = [[]]
    pending: list = []  # breaks (and blank text) not yet known to be a blank line
    for token in tokens:
        if isinstance(token, str) and not token.strip() and pending:
            pending.append(token)
        elif not isinstance(token, str) and token.tag == "br":
            pending.append(token)
        else:
            breaks = sum(1 for t in pending if not isinstance(t, str))
            if breaks >= 2:
                segments.append([])
            elif pending:
                segments[-1].extend(pending)
            pending = []
            segments[-1].append(token)
    blank_lines = len(segments) - 1
    paragraphs = [seg for seg in segments if any(isinstance(t, str) and t.strip() or not isinstance(t, str) and t.tag != "br" for t in seg)]
    if block.tag == "p":
        holders = [block] + [block.makeelement("p", {k: v for k, v in block.attrib.items() if k != "id"}) for _ in paragraphs[1:]]
        anchor = block
        for holder in holders[1:]:
            anchor.addnext(holder)
            anchor = holder
        if len(holders) > 1:
            holders[-1].tail, block.tail = block.tail, None
    else:
        # A paragraph holding a block would not survive parsing: such a segment is a <div>.
        holders = [block.makeelement("div" if any(not isinstance(t, str) and t.tag in BLOCK_TAGS for t in seg) else "p", {})
                   for seg in paragraphs]
        for holder in holders:
            block.append(holder)
    for holder, segment in zip(holders, paragraphs):
        while segment and not isinstance(segment[0], str) and segment[0].tag == "br":
            segment.pop(0)
        for token in segment:
            if isinstance(token, str):
                if len(holder):
                    holder[-1].tail = (holder[-1].tail or "") + token
                else:
                    holder.text = (holder.text or "") + token
            else:
                holder.append(token)
    return blank_lines


# -- targets -----------------------------------------------------------------------------

_TARGET_ROLES = frozenset({"button", "link", "checkbox", "radio", "switch", "tab", "menuitem", "option"})


def _mark_targets(scope: HtmlElement) -> None:
    """Links and buttons standing alone (no running text around them in their block) get the
    class that makes them 44 x 44 px; links inside sentences stay as they are (WCAG exempts them)."""
    cache: dict[HtmlElement, bool] = {}  # keyed by the element: ids of lxml proxies are reused
    for element in _LINKS_AND_ROLES(scope):
        if element.tag != "a" and (element.get("role") or "").lower() not in _TARGET_ROLES:
            continue
        if "a11y-large" in (element.get("class") or "") or "a11y-skip" in (element.get("class") or ""):
            continue
        if element.find(".//img") is not None and not (element.text_content() or "").strip():
            # A picture link is never a word in a sentence, whatever text stands beside it.
            _add_class(element, "a11y-target")
            continue
        block = element.getparent()
        while block is not None and block.tag not in BLOCK_TAGS:
            block = block.getparent()
        if block is None:
            continue
        if block not in cache:
            cache[block] = _has_running_text(block)
        if not cache[block]:
            _add_class(element, "a11y-target")


def _is_target(element) -> bool:
    return (element.tag == "a" and element.get("href") is not None) or element.tag in ("button", "input", "select", "textarea") \
        or (element.get("role") or "").lower() in _TARGET_ROLES


def _has_running_text(block: HtmlElement) -> bool:
    """Whether the block holds text outside its links and buttons (separators aside)."""

    def texts(element: HtmlElement):
        text = element.text
        if text:
            yield text
        for child in element:
            tag = child.tag
            if isinstance(tag, str) and tag not in BLOCK_TAGS and tag not in INVISIBLE_TEXT_TAGS and not _is_target(child):
                yield from texts(child)
            tail = child.tail
            if tail:
                yield tail

    return any(text.strip() and not SEPARATORS.match(text) for text in texts(block))


# -- sizes set by the page ---------------------------------------------------------------

def _rewrite_sizes(page: Page, scope: HtmlElement, theme: Theme, report: _Report) -> None:
    """Sizes the page sets are raised to the theme's, where they are set: ``<style>``
    blocks, style attributes (whose ``!important`` is dropped: it would beat the theme)."""
    floor = float(theme.manifest["sizes"]["text_px"])
    line = float(theme.manifest["sizes"]["line_height"])
    rewrite = _SizeRewrite(floor, line)
    memo: dict = {}
    for style in page.root.iter("style"):
        if style.get("id") == STYLE_ID or not style.text:
            continue
        text, changed = css.rewrite_stylesheet(style.text, SIZE_DECLARATIONS, rewrite, memo)
        if changed:
            style.text = text
            report.css[0] += changed
    for element in css.styled_elements(scope):
        value = element.get("style")
        if "important" in value.lower():
            # !important would beat the theme's layer: every declaration is parsed and freed of it.
            text, changed = css.rewrite_style_attribute(value, rewrite.inline)
        elif INLINE_SIZES.search(value):
            # Only the size declarations change: found like those of a stylesheet, others kept as written.
            text, changed = css.rewrite_stylesheet(";" + value, SIZE_DECLARATIONS, rewrite, memo)
            text = text[1:]
        else:
            continue
        if changed:
            report.css[1] += 1
            if text.strip():
                element.set("style", text)
            else:
                del element.attrib["style"]


class _SizeRewrite:
    """The rewrite callback: font sizes below the floor raised to it, relative sizes below
    1 made 1, line heights below the theme's made the theme's, justified text aligned to
    the start. Larger sizes are left alone."""

    def __init__(self, floor_px: float, line_height: float):
        self.floor = floor_px
        self.line = line_height

    def __call__(self, name: str, value: str, important: bool) -> str | None:
        bang = " !important" if important else ""
        if name == "font-size":
            size = self.size(value)
            return None if size is None else f"font-size:{size}{bang}"
        if name == "line-height":
            height = self.line_height(value)
            return None if height is None else f"line-height:{height}{bang}"
        if name == "text-align":
            return f"text-align:start{bang}" if value.strip().lower() == "justify" else None
        if name == "font":
            font = css.split_font_shorthand(value)
            if font is None:
                return None
            size = self.size(font.size)
            # The shorthand resets an unset line height to "normal": give it the theme's.
            height = self.line_height(font.line_height) if font.line_height else _number(self.line)
            if size is None and height is None:
                return None
            return "font:" + font.with_size(size or font.size, height or font.line_height) + bang
        return None

    def inline(self, name: str, value: str, important: bool) -> str | None:
        """Style attributes: as above, and ``!important`` dropped from every declaration."""
        rewritten = self(name, value, False)
        if rewritten is not None:
            return rewritten
        return f"{name}: {value}" if important else None

    def size(self, value: str) -> str | None:
        measured = css.font_size_value(value)
        if measured is None:
            return None
        kind, number = measured
        if kind == "px":
            return None if number >= self.floor else f"{_number(self.floor)}px"
        if kind == "relative":
            return None if number >= 1 else "1em"
        if kind == "root":
            return None if number >= 1 else "1rem"
        if kind == "smaller":
            return "1em"
        if kind == "function":
            return f"max({_number(self.floor)}px, {value.strip()})"
        return None

    def line_height(self, value: str) -> str | None:
        measured = css.line_height_value(value)
        if measured is None:
            return None
        kind, number = measured
        if kind == "number" and number >= self.line:
            return None
        if kind == "relative" and number >= self.line:
            return _number(round(number, 3))  # 160% or 1.6em: inherit the ratio, not the length
        return _number(self.line)
