"""Finding the article on a page, and its parts in reading order.

Elder mode keeps the article and drops the rest; speech reads it aloud. Both need the same
answer, so it is computed here once: the element holding the body, the title, the
source/date line, the body's blocks in reading order, and the prev/next links.

How the body is found, strongest evidence first:

1. Markup that names the body itself: MIIT's ``ergodic="article"`` (the accessibility
   toolbar markup on government sites) and the body containers of the CMSs Chinese
   government sites run (TRS's ``TRS_Editor``, ``id="zoom"``).
2. Markup that names a region holding the article (``<article>``, ``<main>``,
   ``role="main"``): the body is looked for inside it.
3. Text density, readability-style: every block of running text scores by its non-link
   text and its sentence punctuation (Chinese and Latin), the score flows to its parent and,
   decaying, to further ancestors, and the best-scoring element, discounted by its link
   density, holds the body. Class and id words (``sidebar``, ``share``, ``comment``...)
   discount a region; no page or site is known by name.

An article starts at its title: what lies between the title and the body (a lead or
summary, an information table, the source/date line) belongs to it; what follows the body
(related links, comments) does not, unless it continues the body (a sibling block of
comparable running text). Inside what is kept, navigation, link farms, share bars and forms
are left out (:attr:`Article.excluded`).

Everything is measured in one pass over the tree (:class:`_Measure`): real pages have
thousands of elements and this runs on every render.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import lxml.etree
from lxml.html import HtmlElement

from .page import INVISIBLE_TEXT_TAGS, Page, reader_text

#: Markup naming the body element itself, strongest first (XPath tests, evaluated in C).
_HINT_TESTS = {
    "ergodic": '@ergodic="article"',
    "trs-editor": 'contains(concat(" ", normalize-space(@class), " "), " TRS_Editor ")'
                  ' or contains(concat(" ", normalize-space(@class), " "), " TRS_UEDITOR ")',
    "zoom": '@id="zoom"',
}
BODY_HINTS = tuple((name, lxml.etree.XPath(f"//*[{test}]")) for name, test in _HINT_TESTS.items())
_IS_HINT = {name: lxml.etree.XPath(f"boolean(self::node()[{test}])") for name, test in _HINT_TESTS.items()}
#: Markup naming a region that holds the article; the body is looked for inside it.
REGION_HINTS = (
    ("article", "//article"),
    ("main", '//main | //*[@role="main"]'),
)
_IS_REGION = {
    "article": lambda element: element.tag == "article",
    "main": lambda element: element.tag == "main" or element.get("role") == "main",
}

#: Elements that start a block of text (everything else flows inline inside one).
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "html",
})
HEADING_TAGS = ("h1", "h2", "h3")
#: Elements whose text a reader never gets: the invisible ones, and ruby readings.
UNREAD_TAGS = INVISIBLE_TEXT_TAGS | {"rt", "rp"}
#: Tags noted while measuring (links, headings, regions that may hold the article).
NOTED_TAGS = frozenset({"a", "h1", "h2", "h3", "article", "main"})
#: Blocks that are paragraphs of a container, never containers themselves.
PARAGRAPH_TAGS = frozenset({"p", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "figcaption"})
#: Regions that are never article text, whatever their class says.
BOILERPLATE_TAGS = frozenset({"nav", "aside", "footer", "form", "menu", "select", "button", "iframe", "object", "embed"})
#: Embedded content: never article text, but part of an article where the body embeds it.
EMBED_TAGS = frozenset({"iframe", "object", "embed"})
#: Class/id words (whole words of ``class``/``id``, camelCase and -_ split) of regions that
#: are never the article.
BOILERPLATE_WORDS = frozenset({
    "nav", "navbar", "navi", "navigation", "menu", "menubar", "submenu", "footer", "foot", "sidebar", "side",
    "aside", "share", "sharing", "bdshare", "jiathis", "social", "sns", "comment", "comments", "reply",
    "related", "relate", "recommend", "recommended", "recommendations", "breadcrumb", "breadcrumbs", "crumb",
    "crumbs", "toolbar", "banner", "ad", "ads", "adv", "advert", "adverts", "advertisement", "sponsor",
    "copyright", "friendlink", "friendlinks", "links", "hot", "hotnews", "rank", "ranking", "login",
    "search", "qrcode", "erweima", "ewm", "widget_tags", "tags", "tagcloud", "pagination", "pager",
    "topbar", "subnav", "popup", "modal", "print", "rss", "subscribe", "newsletter", "timeline",
})
#: Boilerplate words that win over content words ("comment-text", "related-content").
STRONG_BOILERPLATE_WORDS = frozenset({
    "comment", "comments", "reply", "replies", "guestbook", "pinglun", "liuyan", "related", "recommend",
    "recommended", "sidebar", "footer", "nav", "navbar", "breadcrumb", "share",
})
#: Class/id words of regions that hold article text.
CONTENT_WORDS = frozenset({
    "article", "content", "contents", "text", "body", "post", "entry", "main", "story", "detail", "details",
    "zoom", "news", "paragraph", "para", "con", "cont", "wenzhang", "zhengwen", "summary", "lemma",
})
_WORD_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")

#: Labels of the source/date line of an article.
BYLINE_LABEL = re.compile(
    r"(来源|來源|发布时间|發布時間|发布日期|發布日期|日期|时间|時間|作者|编辑|編輯|責任編輯|责任编辑|撰稿|记者|記者|发稿|信息来源|文章来源)\s*[:：]"
)
#: A date (2025-09-09, 2025年9月9日, 2025/9/9).
DATE = re.compile(r"\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}")
#: Either: what makes a line the source/date line.
BYLINE_TEXT = re.compile(f"{BYLINE_LABEL.pattern}|{DATE.pattern}")
#: The ends of sentences: a line with them is running text, not a date line.
SENTENCE_STOPS = re.compile(r"[。！？；]|[.!?;]\s")
#: Classes of elements that hold the source/date line.
BYLINE_WORDS = frozenset({"info", "date", "time", "source", "author", "byline", "meta", "pubtime", "publish", "laiyuan", "ly", "sj"})
#: A title's label, on forums and in government information tables ("标  题：").
TITLE_LABEL = re.compile(r"^\s*(主\s*题|标\s*题|题\s*目|標\s*題|主\s*題)\s*[:：]\s*")
#: Text of a breadcrumb trail ("当前位置：首页 > 新闻").
BREADCRUMB_TEXT = re.compile(r"^\s*(当前位置|您的位置|您现在的位置|你的位置|你现在的位置|现在位置|所在位置|位置|當前位置|您的位置|現在位置)\s*[:：]")
#: Labels of the links to the previous and next articles (the label may sit in the link or
#: just before it).
PREV_NEXT_LABEL = re.compile(
    r"(上一篇|下一篇|上一条|下一条|上一條|下一條|上篇|下篇|前一篇|后一篇|後一篇|上一则|下一则|上一則|下一則"
    r"|previous article|next article|previous post|next post)\s*[:：]?\s*$",
    re.I,
)
_PREV_NEXT_HINT = re.compile(r"[篇条條则則]|previous|next", re.I)
_PREV_NEXT_START = re.compile(PREV_NEXT_LABEL.pattern.replace(r"\s*$", "").replace("(", "^\\s*[\\[【<(（]?\\s*(", 1), re.I)
#: Sentence punctuation: running text has it, navigation does not.
SENTENCE_PUNCTUATION = re.compile(r"[，。！？；、,.!?;：:]")
#: Separators of the document title's parts ("文章标题_栏目_网站").
TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|—|–|-{1}\s|\s-|·|::)\s*")

#: A candidate needs this much text to be an article at all.
MIN_ARTICLE_CHARS = 40
#: A block counts as running text from this many non-link characters.
MIN_PARAGRAPH_CHARS = 20
#: A block whose link text is more than this share of its text is navigation.
MAX_PARAGRAPH_LINK_DENSITY = 0.5
#: How much of a block's score its ancestors get, nearest first (readability's decay).
ANCESTOR_SHARES = (1.0, 1 / 2, 1 / 6, 1 / 9, 1 / 12)
#: Score factor of a region whose class/id says it is boilerplate / content.
BOILERPLATE_FACTOR = 0.2
CONTENT_FACTOR = 1.25
#: A following sibling joins the body when its score reaches this share of the body's.
SIBLING_SHARE = 0.2
#: Elements never left out as boilerplate (structure and media of the body).
KEPT_TAGS = frozenset({"img", "br", "table", "tbody", "tr", "td", "th", "thead", "tfoot", "p", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "picture", "video", "audio"})
#: How far (in elements) before the body, or after it, a title may be.
TITLE_WINDOW = 600
#: Longest text of a title and of a source/date line.
MAX_TITLE_CHARS = 160
MAX_BYLINE_CHARS = 200


@dataclass
class Article:
    """The article of a page. Elements belong to the page's tree (mutating them mutates it)."""

    container: HtmlElement
    title: HtmlElement | None = None
    byline: HtmlElement | None = None
    #: The body's blocks in reading order (paragraphs, headings, list items, figures, tables).
    blocks: list[HtmlElement] = field(default_factory=list)
    #: Links to the previous and next articles, in page order.
    prev_next: list[HtmlElement] = field(default_factory=list)
    site_name: str | None = None
    #: Which hint found the container ("ergodic", "article", "main", ... or "density").
    found_by: str = "density"
    #: The top-level elements of the article body in reading order: what lies between the
    #: title and the container (a lead, an information table), the container, and sibling
    #: blocks that continue it. The title and byline may be inside one of them.
    parts: list[HtmlElement] = field(default_factory=list)
    #: Elements inside :attr:`parts` that are not article (share bars, navigation, forms,
    #: link lists), outermost only.
    excluded: list[HtmlElement] = field(default_factory=list)

    def text(self) -> str:
        """The body text, blocks joined by newlines (what is :attr:`excluded` left out)."""
        return "\n".join(text for text in (self.block_text(block) for block in self.blocks) if text)

    def block_text(self, block: HtmlElement) -> str:
        """The visible text of one of :attr:`blocks`, without what is :attr:`excluded`."""
        return text_of(block, skip=self._skip)

    @property
    def _skip(self) -> frozenset:
        return frozenset(id(e) for e in self.excluded)


def find_article(page: Page) -> Article | None:
    """The article of ``page``, or None when nothing on it looks like one."""
    root = page.body
    measure = _Measure(root)
    container, found_by = _hinted_body(root, measure)
    if container is None:
        region, found_by = _hinted_region(root, measure)
        container = _densest(measure, region)
        if container is None and region is not root:
            container, found_by = _densest(measure, root), "density"
    if container is None or measure.chars(container) < MIN_ARTICLE_CHARS:
        return None
    title = _title(page, container, measure)
    parts = _parts(container, title, measure)
    byline = _byline(container, title, parts, measure)
    excluded = _excluded(parts, container, measure)
    return Article(
        container=container,
        title=title,
        byline=byline,
        blocks=_blocks(parts, {id(e) for e in excluded}, title, byline),
        prev_next=_prev_next(measure.links),
        site_name=site_name(page),
        found_by=found_by,
        parts=parts,
        excluded=excluded,
    )


def text_of(element: HtmlElement, skip: frozenset = frozenset()) -> str:
    """Visible text of an element (ruby readings and scripts left out), whitespace collapsed.

    ``skip`` holds ``id()`` of descendants whose text is left out.
    """
    left_out = (lambda el: id(el) in skip) if skip else None
    return " ".join(reader_text(element, UNREAD_TAGS, left_out, line_break=" ").split())


def prev_next_label(link: HtmlElement) -> str | None:
    """The "上一篇"/"下一篇" label of a prev/next link: its own start, or the text before it."""
    own = link.text_content()
    if _PREV_NEXT_HINT.search(own):
        match = _PREV_NEXT_START.match(own)
        if match:
            return match.group(1)
    previous = link.getprevious()
    nearby = (previous.tail if previous is not None else None) or (link.getparent().text if link.getparent() is not None else None) or ""
    if previous is not None and previous.tag not in BLOCK_TAGS:
        nearby += previous.text_content() if isinstance(previous.tag, str) else ""
    if not _PREV_NEXT_HINT.search(nearby) and (previous is not None or link.getparent() is None
                                               or link.getparent().tag in BLOCK_TAGS):
        return None  # nothing like a label just before the link: skip the longer look
    before = _text_before(link)
    match = PREV_NEXT_LABEL.search(before)
    return match.group(1) if match else None


def site_name(page: Page) -> str | None:
    """The site's name: its ``<meta>`` (SiteName, og:site_name), else the title's last part."""
    for meta in _metas(page):
        name = (meta.get("name") or meta.get("property") or "").lower()
        if name in ("sitename", "og:site_name", "application-name", "site_name", "site") and (meta.get("content") or "").strip():
            return meta.get("content").strip()
    title = _document_title(page)
    if title:
        segments = [s for s in TITLE_SEPARATORS.split(title) if s]
        if len(segments) > 1:
            return segments[-1]
    return None


def document_titles(page: Page) -> list[str]:
    """What the page says its article is called: meta ArticleTitle, og:title, ``<title>``
    and its parts but the last (the site's name)."""
    found: list[str] = []
    for meta in _metas(page):
        name = (meta.get("name") or meta.get("property") or "").lower()
        if name in ("articletitle", "og:title", "twitter:title", "title") and (meta.get("content") or "").strip():
            found.append(meta.get("content").strip())
    whole = _document_title(page)
    if whole:
        found.append(whole)
        segments = [s for s in TITLE_SEPARATORS.split(whole) if s]
        if len(segments) > 1:
            found.extend(segments[:-1])
    return found


def _metas(page: Page):
    return page.root.iter("meta")


def _document_title(page: Page) -> str:
    """The ``<title>`` text (wherever a broken page's parser put it; SVG titles aside)."""
    head = page.head
    title = head.find("title") if head is not None else None
    if title is None:
        title = next((t for t in page.root.iter("title") if next(t.iterancestors("svg"), None) is None), None)
    return " ".join(title.text_content().split()) if title is not None else ""


def words_of(element: HtmlElement) -> frozenset[str]:
    """Lower-cased words of an element's class and id (``floatWin`` -> float, win)."""
    return class_words(element.get("class"), element.get("id"))


@lru_cache(maxsize=8192)
def class_words(classes: str | None, identifier: str | None) -> frozenset[str]:
    """:func:`words_of` for a ``class`` and ``id`` value; cached, since pages repeat the same
    class names hundreds of times."""
    marks = f"{classes or ''} {identifier or ''}"
    return frozenset(w.lower() for w in _WORD_SPLIT.split(marks) if w)


# -- measuring ---------------------------------------------------------------------------

class _Measure:
    """Text statistics of every element of a tree, computed in one pass.

    Elements are numbered in document order (``order``); an element's subtree is the range
    ``order[e]..last[e]``, so containment and "between" are comparisons of numbers. Text is
    attributed to the nearest block element holding it (inline elements' text flows into
    their block), then summed over subtrees. Links, hidden elements (``hidden``, inline
    ``display:none``) and regions marked as boilerplate are tracked on the way down.
    """

    def __init__(self, root: HtmlElement):
        self.root = root
        self.elements: list[HtmlElement] = []
        self.order: dict[HtmlElement, int] = {}
        self.last: list[int] = []                    # by order: index of the last descendant
        self.total: dict[HtmlElement, int] = {}      # visible chars in the subtree
        self.linked: dict[HtmlElement, int] = {}     # of which inside links
        self.own: dict[HtmlElement, list] = {}       # block -> [chars, link chars, texts]
        self.boiler: set[HtmlElement] = set()        # inside a boilerplate region
        self.hidden: set[HtmlElement] = set()
        elements, order, own = self.elements, self.order, self.own
        block_of: dict[HtmlElement, HtmlElement] = {}
        link_of: dict[HtmlElement, bool] = {}
        hidden_set, boiler_set = self.hidden, self.boiler
        hiding_tags = UNREAD_TAGS
        add = self._add
        self.links: list[HtmlElement] = []      # <a href>, in document order
        self.headings: list[HtmlElement] = []   # h1-h3 and title-classed elements
        self.regions: list[HtmlElement] = []    # <article>, <main>
        self.hints: list[HtmlElement] = []      # ergodic, TRS_*, id="zoom", role="main"
        links, headings, regions, hints = self.links, self.headings, self.regions, self.hints
        for element in root.iter():
            tag = element.tag
            parent = element.getparent() if element is not root else None
            if tag.__class__ is not str:
                # A comment or processing instruction: only its tail is text, of the parent.
                if parent is not None and element.tail and parent in block_of and parent not in hidden_set:
                    add(block_of[parent], link_of[parent], element.tail)
                continue
            order[element] = len(elements)
            elements.append(element)
            if parent is None or parent not in block_of:
                block, in_link, hidden, boiler = element, False, False, False
            else:
                block = element if tag in BLOCK_TAGS else block_of[parent]
                in_link = link_of[parent] or tag == "a"
                hidden = parent in hidden_set
                boiler = parent in boiler_set
            keys = element.keys()  # one call; most elements have no attributes at all
            if keys:
                classes = element.get("class") if "class" in keys else None
                identifier = element.get("id") if "id" in keys else None
                if not hidden and ("hidden" in keys or "style" in keys and _hidden_by_style(element.get("style"))):
                    hidden = True
            else:
                classes = identifier = None
            if not hidden and tag in hiding_tags:
                hidden = True
            if hidden:
                hidden_set.add(element)
            if not boiler and (tag in BOILERPLATE_TAGS or ((classes or identifier) and _marked_boilerplate(classes, identifier))):
                boiler = True
            if boiler:
                boiler_set.add(element)
            # What later steps look for, noted on the way (each XPath over the tree costs more).
            if tag in NOTED_TAGS:
                if tag == "a":
                    if element.get("href") is not None:
                        links.append(element)
                elif tag in HEADING_TAGS:
                    headings.append(element)
                else:
                    regions.append(element)
            elif classes and _title_classed(classes, identifier) or identifier and _title_classed(None, identifier):
                headings.append(element)
            if keys and (identifier == "zoom" or (classes and "TRS_" in classes) or "ergodic" in keys
                         or "role" in keys and element.get("role") == "main"):
                hints.append(element)
            block_of[element] = block
            link_of[element] = in_link
            if block is element:
                own[element] = [0, 0, None]
            text = element.text
            if text and not hidden:  # _add, inlined: a call per element is 5 % of the measure
                n = len(text.strip())
                if n:
                    entry = own[block]
                    entry[0] += n
                    if in_link:
                        entry[1] += n
                    elif entry[2] is None:
                        entry[2] = [text]
                    else:
                        entry[2].append(text)
            tail = element.tail
            if tail and parent is not None and parent not in hidden_set:
                add(block_of[parent], link_of[parent], tail)
        # Subtree sums and extents, children before parents.
        total, linked = self.total, self.linked
        last = list(range(len(elements)))
        own = self.own
        for index in range(len(elements) - 1, -1, -1):
            element = elements[index]
            entry = own.get(element)
            t = total.get(element, 0) + (entry[0] if entry else 0)
            l = linked.get(element, 0) + (entry[1] if entry else 0)
            total[element] = t
            linked[element] = l
            if element is not root:
                parent = element.getparent()
                total[parent] = total.get(parent, 0) + t
                linked[parent] = linked.get(parent, 0) + l
                p = order[parent]
                if last[index] > last[p]:
                    last[p] = last[index]
        self.last = last
        # Paragraph scores of the blocks, and their running sum in document order.
        self.paragraph: dict[HtmlElement, float] = {}
        running = [0.0] * (len(elements) + 1)
        for index, element in enumerate(elements):
            score = self._paragraph_score(element) if element in own else 0.0
            if score:
                self.paragraph[element] = score
            running[index + 1] = running[index] + score
        self._running = running

    def _add(self, block: HtmlElement, in_link: bool, text: str) -> None:
        n = len(text.strip())
        if not n:
            return
        entry = self.own[block]
        entry[0] += n
        if in_link:
            entry[1] += n
        elif entry[2] is None:
            entry[2] = [text]
        else:
            entry[2].append(text)

    def _paragraph_score(self, block: HtmlElement) -> float:
        """Readability's paragraph score: 1 + punctuation + length (capped), for blocks of
        running text (enough non-link characters, not mostly links, visible)."""
        chars, link_chars, texts = self.own[block]
        plain = chars - link_chars
        if plain < MIN_PARAGRAPH_CHARS or not texts or block in self.hidden:
            return 0.0
        if link_chars / chars > MAX_PARAGRAPH_LINK_DENSITY:
            return 0.0
        text = "".join(texts)
        return 1.0 + len(SENTENCE_PUNCTUATION.findall(text)) + min(plain / 100, 3.0)

    def chars(self, element: HtmlElement) -> int:
        return self.total.get(element, 0)

    def plain(self, element: HtmlElement) -> int:
        """Characters not inside links."""
        return self.total.get(element, 0) - self.linked.get(element, 0)

    def link_density(self, element: HtmlElement) -> float:
        total = self.total.get(element, 0)
        return min(1.0, self.linked.get(element, 0) / total) if total else 1.0

    def content(self, element: HtmlElement) -> float:
        """Sum of the paragraph scores in the element's subtree."""
        index = self.order[element]
        return self._running[self.last[index] + 1] - self._running[index]

    def contains(self, outer: HtmlElement, inner: HtmlElement) -> bool:
        i = self.order.get(inner)
        o = self.order[outer]
        return i is not None and o <= i <= self.last[o]

    def before(self, a: HtmlElement, b: HtmlElement) -> bool:
        return self.order[a] < self.order[b]

    def end(self, element: HtmlElement) -> int:
        return self.last[self.order[element]]


def _hidden_by_style(style: str | None) -> bool:
    if not style or "none" not in style and "hidden" not in style:
        return False
    compact = style.replace(" ", "").lower()
    return "display:none" in compact or "visibility:hidden" in compact


def _boilerplate_marked(element: HtmlElement) -> bool:
    classes, identifier = element.get("class"), element.get("id")
    return (classes is not None or identifier is not None) and _marked_boilerplate(classes, identifier)


@lru_cache(maxsize=8192)
def _marked_boilerplate(classes: str | None, identifier: str | None) -> bool:
    words = class_words(classes, identifier)
    return bool(STRONG_BOILERPLATE_WORDS & words) or bool(BOILERPLATE_WORDS & words) and not (CONTENT_WORDS & words)


def _content_marked(element: HtmlElement) -> bool:
    return bool(CONTENT_WORDS & words_of(element)) or element.get("ergodic") == "article"


# -- the body ----------------------------------------------------------------------------

def _hinted_body(root: HtmlElement, measure: _Measure) -> tuple[HtmlElement | None, str]:
    candidates = measure.hints  # noted while measuring; the exact tests run on these few
    if not candidates:
        return None, ""
    for name, xpath in BODY_HINTS:
        found = [el for el in candidates if _IS_HINT[name](el)
                 and el in measure.order and el not in measure.hidden and measure.plain(el) >= MIN_ARTICLE_CHARS]
        if found:
            return max(found, key=measure.chars), name
    return None, ""


def _hinted_region(root: HtmlElement, measure: _Measure) -> tuple[HtmlElement, str]:
    """The marked region holding most of the page's running text, or the whole body."""
    whole = measure.content(root)
    for name, xpath in REGION_HINTS:
        found = [el for el in measure.regions + measure.hints if _IS_REGION[name](el) and el not in measure.hidden]
        if not found:
            continue
        best = max(found, key=lambda el: (measure.content(el), measure.plain(el)))
        if measure.content(best) >= 0.5 * whole and measure.plain(best) >= MIN_ARTICLE_CHARS:
            return best, name
    return root, "density"


def _densest(measure: _Measure, region: HtmlElement) -> HtmlElement | None:
    """The element of ``region`` whose blocks carry the most running text, links discounted."""
    scores: dict[HtmlElement, float] = {}
    first = measure.order[region]
    end = measure.last[first]
    for block, score in measure.paragraph.items():
        if not first <= measure.order[block] <= end:
            continue
        if block in measure.boiler:
            score *= BOILERPLATE_FACTOR
        if block.tag not in PARAGRAPH_TAGS:
            # A div/td holding text directly is itself a container of paragraphs.
            scores[block] = scores.get(block, 0.0) + score
        ancestor = block.getparent() if block is not region else None
        for share in ANCESTOR_SHARES:
            if ancestor is None:
                break
            scores[ancestor] = scores.get(ancestor, 0.0) + score * share
            if ancestor is region:
                break
            ancestor = ancestor.getparent()
    best, best_score = None, 0.0
    for element, score in scores.items():
        position = measure.order.get(element, -1)
        if element.tag == "html" or not first <= position <= end:
            continue
        if element in measure.boiler and not _content_marked(element):
            score *= BOILERPLATE_FACTOR
        elif CONTENT_WORDS & words_of(element):
            score *= CONTENT_FACTOR
        score *= 1 - measure.link_density(element)
        if score > best_score:
            best, best_score = element, score
    if best is None and region is not measure.root and measure.plain(region) >= MIN_ARTICLE_CHARS:
        return region  # a marked region of short paragraphs: the site says it is the article
    if best is None or measure.chars(best) < MIN_ARTICLE_CHARS:
        return None
    # Blocks of the body often sit in one wrapper with nothing else: take the wrapper.
    while best is not region:
        parent = best.getparent()
        if parent is None or measure.chars(parent) > measure.chars(best) or parent.tag in ("body", "html", "td", "tr", "tbody", "table"):
            break
        best = parent
    return best


def _parts(container: HtmlElement, title: HtmlElement | None, measure: _Measure) -> list[HtmlElement]:
    """The body's top-level elements: what lies between the title and the container, the
    container, and following siblings that continue its running text."""
    parts: list[HtmlElement] = []
    if title is not None and measure.before(title, container) and not measure.contains(container, title):
        parts.extend(_between(title, container, measure))
    parts.append(container)
    body_score = measure.content(container)
    for sibling in container.itersiblings():
        if not isinstance(sibling.tag, str) or sibling in measure.hidden:
            continue
        if sibling in measure.boiler or _has_prev_next(sibling):
            break
        score = measure.content(sibling)
        if score >= max(SIBLING_SHARE * body_score, 1.0) and measure.link_density(sibling) < 0.25:
            parts.append(sibling)
        elif measure.chars(sibling) > MIN_ARTICLE_CHARS:
            break
    return parts


def _between(title: HtmlElement, container: HtmlElement, measure: _Measure) -> list[HtmlElement]:
    """Outermost elements after ``title`` and before ``container`` that hold text or images,
    when together they are a lead, not a page (no more running text than the body)."""
    start = measure.end(title) + 1
    stop = measure.order[container]
    found: list[HtmlElement] = []
    index = start
    elements, last = measure.elements, measure.last
    while index < stop:
        element = elements[index]
        if last[index] < stop:
            found.append(element)
            index = last[index] + 1
        else:
            index += 1  # an ancestor of the container: look inside it
    kept = [el for el in found if el not in measure.hidden
            and (measure.chars(el) and measure.link_density(el) <= MAX_PARAGRAPH_LINK_DENSITY and not _boilerplate_marked(el)
                 or not measure.chars(el) and (el.tag == "img" or el.find(".//img") is not None))]
    lead = sum(measure.content(el) for el in kept)
    if lead > measure.content(container) or sum(measure.chars(el) for el in kept) > 2 * measure.chars(container):
        return []
    return kept


def _has_prev_next(element: HtmlElement) -> bool:
    return any(prev_next_label(a) for a in element.iter("a"))


# -- what is left out inside the body ----------------------------------------------------

def _excluded(parts: list[HtmlElement], container: HtmlElement, measure: _Measure) -> list[HtmlElement]:
    """Outermost elements inside the parts that are navigation, share bars, forms, link lists."""
    excluded: list[HtmlElement] = []
    body_chars = max(1, sum(measure.chars(p) for p in parts))

    def visit(element: HtmlElement) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if _is_boilerplate(child, measure, body_chars):
                excluded.append(child)
            elif len(child):
                visit(child)

    for part in parts:
        if part is not container and _is_boilerplate(part, measure, body_chars):
            excluded.append(part)
        else:
            visit(part)
    return excluded


def _is_boilerplate(element: HtmlElement, measure: _Measure, body_chars: int) -> bool:
    tag = element.tag
    if tag in KEPT_TAGS or element not in measure.order:
        return False
    chars = measure.chars(element)
    plain = chars - measure.linked.get(element, 0)
    if tag in BOILERPLATE_TAGS:
        if tag in EMBED_TAGS:
            return False  # an embedded video or map in the body is the body's; what shows it is the caller's choice
        return tag != "form" or plain < 0.5 * body_chars
    if _boilerplate_marked(element) and plain < 0.3 * body_chars:
        return True
    if chars <= 120 and BREADCRUMB_TEXT.match(element.text_content()) and element.find(".//a") is not None:
        return True
    # A list of links: mostly link text, several links, little running text of its own.
    if chars >= 10 and measure.link_density(element) > 0.6 and plain < 0.2 * body_chars:
        links = 0
        for _ in element.iter("a"):
            links += 1
            if links >= 3:
                return True
    return False


# -- the parts of the article ------------------------------------------------------------

#: Class/id words of elements that may show an article's title.
TITLE_CLASS = re.compile(r"tit|headline|biaoti", re.I)


@lru_cache(maxsize=8192)
def _title_classed(classes: str | None, identifier: str | None) -> bool:
    return bool(TITLE_CLASS.search(f"{classes or ''} {identifier or ''}"))


def _title(page: Page, container: HtmlElement, measure: _Measure) -> HtmlElement | None:
    """The element showing the article's title: the heading (or title-classed element)
    matching what the page calls itself, nearest before the body."""
    references = [r for r in (_squash(t) for t in document_titles(page)) if len(r) >= 2]
    start = measure.order[container]
    best, best_score = None, 0.0
    window = (start - TITLE_WINDOW, measure.last[start] + TITLE_WINDOW)
    for element in _title_candidates(measure, container, references):
        position = measure.order.get(element)
        if position is None or element in measure.hidden or not window[0] <= position <= window[1]:
            continue
        chars = measure.chars(element)
        if not 2 <= chars <= MAX_TITLE_CHARS:
            continue
        tag = element.tag
        score = _title_match(_squash(text_of(element)), references)
        if tag in HEADING_TAGS:
            score += {"h1": 6, "h2": 4, "h3": 2}[tag]
        if element in measure.boiler and not measure.contains(element, container):
            score -= 20
        if measure.contains(container, element):
            score += 8 if position - start < 30 else 0
        elif position < start:
            score += 10 - min(10, (start - position) / 20)
        else:
            score -= 15
        if score > best_score:
            best, best_score = element, score
    if best is None or best_score < 8:
        labelled = _labelled_title(container, measure)
        return labelled if labelled is not None else _emphasised_first_line(container, measure)
    # A title-classed wrapper holding a heading: the heading is the title.
    inner = next((h for h in best.iter(*HEADING_TAGS) if h is not best and text_of(h)), None)
    return inner if inner is not None and measure.chars(inner) >= 0.8 * measure.chars(best) else best


def _title_candidates(measure: _Measure, container: HtmlElement, references: list[str]) -> list[HtmlElement]:
    """Headings and title-classed elements, and any element near the body whose text is
    what the page says the title is (a centred paragraph with line breaks, a table cell)."""
    found = list(measure.headings)
    if references:
        lengths = [len(r) for r in references]
        shortest, longest = 0.8 * min(lengths), 1.2 * max(lengths)
        start = measure.order[container]
        seen = set(found)
        for index in range(max(0, start - 200), min(len(measure.elements), measure.last[start] + 1, start + 300)):
            element = measure.elements[index]
            if shortest <= measure.chars(element) <= longest and element not in seen and element.tag not in ("a", "html", "body"):
                text = _squash(text_of(element))
                if text in references and not any(_squash(text_of(c)) == text for c in element if isinstance(c.tag, str)):
                    found.append(element)
    return found


def _labelled_title(container: HtmlElement, measure: _Measure) -> HtmlElement | None:
    """A title given after a label ("主题：", "标题："), as forums and information tables do,
    shortly before the body or at its start."""
    start = measure.order[container]
    for index in range(max(0, start - 150), min(len(measure.elements), start + 30)):
        element = measure.elements[index]
        chars = measure.chars(element)
        if not 4 <= chars <= MAX_TITLE_CHARS or element in measure.hidden:
            continue
        text = text_of(element)
        if TITLE_LABEL.match(text) and len(TITLE_LABEL.sub("", text).strip()) >= 2:
            # The smallest element holding the label and the title.
            while True:
                inner = [c for c in element if isinstance(c.tag, str) and TITLE_LABEL.match(text_of(c))
                         and len(TITLE_LABEL.sub("", text_of(c)).strip()) >= 2]
                if not inner:
                    return element
                element = inner[0]
    return None


def _emphasised_first_line(container: HtmlElement, measure: _Measure) -> HtmlElement | None:
    """A page that names no title (no ``<title>``, no heading): the first short line of the
    body set apart (centred, big or bold) before its running text."""
    for block in container.iter(*PARAGRAPH_TAGS, "div", "td", "center"):
        if block is container or block in measure.hidden:
            continue
        chars = measure.chars(block)
        if not chars:
            continue
        if chars > MAX_TITLE_CHARS or measure.paragraph.get(block, 0) > 3:
            return None  # running text came first
        text = text_of(block)
        if BREADCRUMB_TEXT.match(text) or BYLINE_TEXT.search(text) or measure.link_density(block) > 0.5:
            continue
        centred = (block.get("align") or "").lower() == "center" or block.tag == "center" or "center" in (block.get("style") or "")
        emphasised = block.find(".//big") is not None or block.find(".//b") is not None or block.find(".//strong") is not None \
            or any((f.get("size") or "").lstrip("+").isdigit() and int(f.get("size").lstrip("+")) >= 4 for f in block.iter("font"))
        if centred or emphasised:
            return block
    return None


def _title_match(text: str, references: list[str]) -> float:
    best = 0.0
    for ref in references:
        if not text:
            continue
        if text == ref:
            best = max(best, 60)
        elif len(text) >= 4 and text in ref:
            best = max(best, 30 + 30 * len(text) / len(ref))
        elif len(ref) >= 4 and ref in text:
            best = max(best, 30 + 30 * len(ref) / len(text))
    return best


def _byline(container: HtmlElement, title: HtmlElement | None, parts: list[HtmlElement], measure: _Measure) -> HtmlElement | None:
    """The source/date line: the first short element after the title saying 来源/发布时间/a date."""
    begin = measure.end(title) + 1 if title is not None else measure.order[container]
    end = min(len(measure.elements), max(begin, measure.order[container]) + 60)
    for index in range(begin, end):
        element = measure.elements[index]
        if element in measure.hidden or element.tag in ("a", "html", "body", "script", "style"):
            continue
        chars = measure.chars(element)
        if not chars or chars > MAX_BYLINE_CHARS:
            continue
        text = text_of(element)
        labelled = BYLINE_LABEL.search(text)
        # A bare date makes a source/date line only on a short line that is not a sentence.
        dated = DATE.search(text) and chars <= 60 and not SENTENCE_STOPS.search(text)
        if not (labelled or dated or BYLINE_WORDS & words_of(element) and chars <= 80):
            continue
        if measure.link_density(element) > 0.5 and not labelled:
            continue
        # The whole line: climb while the parent is still a short line without the title.
        line = element
        while True:
            parent = line.getparent()
            if (parent is None or parent is container or parent in parts or parent.tag in ("body", "html", "table", "tbody", "tr", "td")
                    or measure.chars(parent) > MAX_BYLINE_CHARS
                    or (title is not None and measure.contains(parent, title))
                    or measure.contains(parent, container)):
                break
            line = parent
        return line
    return None


def _blocks(parts: list[HtmlElement], excluded: set[int], title: HtmlElement | None,
            byline: HtmlElement | None) -> list[HtmlElement]:
    """Blocks covering all the parts' text in reading order.

    An element holding text outside its block children (``text<br>text<p>..``) is one
    block, so no text is lost; otherwise its block children are visited. Data tables are
    one block each; images outside text blocks are blocks of their own.
    """
    skip = set(excluded)
    if title is not None:
        skip.add(id(title))
    if byline is not None:
        skip.add(id(byline))
    blocks: list[HtmlElement] = []

    def loose_text(element: HtmlElement) -> bool:
        if (element.text or "").strip():
            return True
        for child in element:
            if (child.tail or "").strip():
                return True
            if isinstance(child.tag, str) and child.tag not in BLOCK_TAGS and child.tag not in INVISIBLE_TEXT_TAGS:
                if id(child) not in skip and (text_of(child) or child.tag == "img" or child.find(".//img") is not None):
                    return True
        return False

    def visit(element: HtmlElement) -> None:
        if id(element) in skip or not isinstance(element.tag, str) or element.tag in INVISIBLE_TEXT_TAGS:
            return
        if element.tag == "img":
            blocks.append(element)
            return
        has_blocks = any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in element)
        whole = not has_blocks or loose_text(element) or (element.tag == "table" and is_data_table(element))
        if whole and not (has_blocks and _contains_skipped(element, skip) and not loose_text(element)):
            if text_of(element) or element.find(".//img") is not None:
                blocks.append(element)
            return
        for child in element:
            visit(child)

    for part in parts:
        visit(part)
    return blocks


def _contains_skipped(element: HtmlElement, skip: set[int]) -> bool:
    return any(id(d) in skip for d in element.iterdescendants())


_TABLE_ROWS = lxml.etree.XPath("./tr | ./tbody/tr | ./thead/tr | ./tfoot/tr")
_ROW_CELLS = lxml.etree.XPath("./td | ./th")


def is_data_table(table: HtmlElement) -> bool:
    """True for a table of data (headers, a caption, a grid of short cells); False for a
    table used for layout (one column, nested tables, cells holding whole blocks).

    Firefox's layout-table heuristics, simplified.
    """
    role = (table.get("role") or "").lower()
    if role in ("presentation", "none"):
        return False
    if role in ("table", "grid", "treegrid"):
        return True
    if table.find(".//table") is not None:
        return False
    if table.find("caption") is not None or table.get("summary") or table.find(".//th") is not None \
            or table.find("thead") is not None or table.find(".//col") is not None:
        return True
    rows = _TABLE_ROWS(table)
    if len(rows) < 2:
        return False
    widths = [len(_ROW_CELLS(row)) for row in rows]
    if max(widths) < 2:
        return False
    border = (table.get("border") or "0").strip()
    if border not in ("", "0"):
        return True
    if len(rows) >= 20:
        return True
    # Cells holding blocks or long text are layout.
    for cell in table.iter("td"):
        if cell.find(".//div") is not None or cell.find(".//p") is not None or len(text_of(cell)) > 200:
            return False
    return len(rows) >= 3 and max(widths) >= 2


def _prev_next(links: list[HtmlElement]) -> list[HtmlElement]:
    """Links to the previous and next articles (``rel=prev/next`` or labelled 上一篇/下一篇)."""
    found: list[HtmlElement] = []
    kinds: set[str] = set()
    for link in links:
        href = (link.get("href") or "").strip()
        if not href or href.lower().startswith("javascript:") or href.startswith("#"):
            continue
        rel = (link.get("rel") or "").lower().split()
        label = prev_next_label(link)
        kind = None
        if label:
            kind = "prev" if label[0] in "上前Pp" else "next"
        elif "prev" in rel or "next" in rel:
            kind = "prev" if "prev" in rel else "next"
        if kind and kind not in kinds and text_of(link):
            kinds.add(kind)
            found.append(link)
    return found


def _text_before(element: HtmlElement, limit: int = 24) -> str:
    """Up to ``limit`` characters of the text just before ``element`` in its block."""
    collected = ""
    node = element
    while len(collected.strip()) < limit and node is not None:
        previous = node.getprevious()
        while previous is not None and len(collected.strip()) < limit:
            if previous.tail:
                collected = previous.tail + collected
            if isinstance(previous.tag, str):
                if previous.tag in BLOCK_TAGS or previous.tag == "br":
                    return collected
                collected = text_of(previous) + collected
            previous = previous.getprevious()
        parent = node.getparent()
        if parent is None:
            break
        if parent.text:
            collected = parent.text + collected
        if parent.tag in BLOCK_TAGS:
            break
        node = parent
    return collected[-limit:]


def _squash(text: str) -> str:
    return "".join(text.split())
