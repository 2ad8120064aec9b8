"""Finding the article on a page, and its parts in reading order.

Elder mode keeps the article and drops the rest; speech reads it aloud. Both need the same
answer, so it is computed here once: the element holding the body, the title, the
source/date line, the body's blocks in reading order, and the prev/next links.

Strong hints come first, because the site knows its own page: MIIT's ``ergodic="article"``
(the accessibility-toolbar markup on government sites), ``<article>``, ``role="main"`` /
``<main>``, and the content containers of the CMSs Chinese government sites run (TRS's
``TRS_Editor``, ``id="zoom"``). Without a hint, blocks are scored by their text (Chinese
sentence punctuation counts) against their link density, readability-style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from .page import INVISIBLE_TEXT_TAGS, Page

#: Site markup that names the article region, strongest first (XPath, compiled once).
HINT_XPATHS = (
    ("ergodic", '//*[@ergodic="article"]'),
    ("trs-editor", '//*[contains(concat(" ", normalize-space(@class), " "), " TRS_Editor ")]'),
    ("zoom", '//*[@id="zoom"]'),
    ("article", "//article"),
    ("main", '//main | //*[@role="main"]'),
)

#: Elements that hold a block of running text.
BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figure", "table", "dl", "div", "td"})
HEADING_TAGS = frozenset({"h1", "h2", "h3"})

#: Class/id words of regions that are never the article.
BOILERPLATE_WORDS = re.compile(
    r"nav|menu|footer|foot|header|sidebar|side|share|comment|related|recommend|breadcrumb|crumb|toolbar|"
    r"banner|advert|\bad\b|ads|copyright|friend|links?\b|hot|rank|login|search|qrcode|erweima",
    re.I,
)
#: Text that marks the source/date line of a Chinese article.
BYLINE_TEXT = re.compile(r"(来源|來源|发布时间|發布時間|发布日期|日期|时间|作者|编辑|責任編輯|责任编辑)[:：]|\d{4}[-年/.]\d{1,2}[-月/.]\d{1,2}")
#: Text of the links to the previous and next articles.
PREV_NEXT_TEXT = re.compile(r"^\s*(上一篇|下一篇|上一条|下一条|上一篇：|下一篇：|上一條|下一條|上篇|下篇)")
SENTENCE_PUNCTUATION = re.compile(r"[，。！？；、,.!?;]")

#: A candidate needs this much text to be an article at all.
MIN_ARTICLE_CHARS = 40


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

    def text(self) -> str:
        """The body text, blocks joined by newlines."""
        return "\n".join(text_of(block) for block in self.blocks if text_of(block))


def find_article(page: Page) -> Article | None:
    """The article of ``page``, or None when nothing on it looks like one."""
    root = page.body
    container, found_by = _hinted(root)
    if container is None:
        container, found_by = _densest(root), "density"
    if container is None:
        return None
    title = _title(page, container)
    article = Article(
        container=container,
        title=title,
        byline=_byline(container, title),
        blocks=_blocks(container),
        prev_next=[a for a in root.iter("a") if PREV_NEXT_TEXT.match(_own_text(a.getparent()) or text_of(a))],
        site_name=_site_name(page),
        found_by=found_by,
    )
    return article


def text_of(element: HtmlElement) -> str:
    """Visible text of an element (ruby readings and scripts left out), whitespace collapsed."""
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is not None and tag not in INVISIBLE_TEXT_TAGS and tag not in ("rt", "rp"):
            if el.text:
                parts.append(el.text)
            for child in el:
                walk(child)
        if el.tail and el is not element:
            parts.append(el.tail)

    walk(element)
    return " ".join("".join(parts).split())


# -- internals ---------------------------------------------------------------------------

def _hinted(root: HtmlElement) -> tuple[HtmlElement | None, str]:
    for name, xpath in HINT_XPATHS:
        found = [el for el in root.xpath(xpath) if len(text_of(el)) >= MIN_ARTICLE_CHARS]
        if found:
            return max(found, key=lambda el: len(text_of(el))), name
    return None, ""


def _link_density(element: HtmlElement, text_length: int) -> float:
    if not text_length:
        return 1.0
    linked = sum(len(text_of(a)) for a in element.iter("a"))
    return min(1.0, linked / text_length)


def _boilerplate(element: HtmlElement) -> bool:
    marks = f"{element.get('class', '')} {element.get('id', '')}"
    return bool(marks.strip()) and bool(BOILERPLATE_WORDS.search(marks))


def _densest(root: HtmlElement) -> HtmlElement | None:
    """The element whose paragraphs carry the most non-link, punctuated text."""
    scores: dict[HtmlElement, float] = {}
    for block in root.iter("p", "td", "div", "pre", "blockquote", "li"):
        text = text_of(block) if block.tag != "div" else (block.text or "").strip()
        if len(text) < 20:
            continue
        score = 1 + len(SENTENCE_PUNCTUATION.findall(text)) + min(len(text) / 100, 3)
        parent = block.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + score
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + score / 2
    best, best_score = None, 0.0
    for element, score in scores.items():
        if _boilerplate(element):
            score *= 0.2
        length = len(text_of(element))
        adjusted = score * (1 - _link_density(element, length))
        if adjusted > best_score:
            best, best_score = element, adjusted
    if best is None or len(text_of(best)) < MIN_ARTICLE_CHARS:
        return None
    return best


def _title(page: Page, container: HtmlElement) -> HtmlElement | None:
    for heading in container.iter("h1", "h2"):
        if text_of(heading):
            return heading
    # The heading just before the container (CMS templates put the title above the body).
    preceding = [h for h in page.body.iter("h1", "h2", "h3") if _before(h, container) and text_of(h)]
    if preceding:
        return preceding[-1]
    return None


def _before(a: HtmlElement, b: HtmlElement) -> bool:
    for element in b.getroottree().getroot().iter():
        if element is a:
            return True
        if element is b:
            return False
    return False


def _byline(container: HtmlElement, title: HtmlElement | None) -> HtmlElement | None:
    start = title if title is not None else container
    for element in start.itersiblings():
        if isinstance(element.tag, str) and BYLINE_TEXT.search(text_of(element)) and len(text_of(element)) < 200:
            return element
        if len(text_of(element)) > 200:
            break
    return None


def _blocks(container: HtmlElement) -> list[HtmlElement]:
    """The outermost block elements of the container holding text or images, in order."""
    blocks: list[HtmlElement] = []

    def walk(element: HtmlElement) -> None:
        for child in element:
            if not isinstance(child.tag, str) or child.tag in INVISIBLE_TEXT_TAGS:
                continue
            has_block_children = any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in child)
            if child.tag in BLOCK_TAGS and not (child.tag in ("div", "td") and has_block_children):
                if text_of(child) or child.find(".//img") is not None:
                    blocks.append(child)
            elif child.tag in ("img",):
                blocks.append(child)
            else:
                walk(child)

    walk(container)
    if not blocks and text_of(container):
        blocks.append(container)
    return blocks


def _own_text(element: HtmlElement | None) -> str:
    return text_of(element) if element is not None else ""


def _site_name(page: Page) -> str | None:
    head = page.head
    if head is None:
        return None
    for meta in head.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").lower()
        if name in ("sitename", "og:site_name", "application-name") and meta.get("content"):
            return meta.get("content").strip()
    return None
