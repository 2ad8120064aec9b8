"""The Chinese text of a page that people read, collected in runs for conversion.

What a reader reads or hears is collected: text, ``<title>``, ``<option>`` labels, and the
attributes the HTML standard calls translatable (``title``, ``alt``, ``placeholder``, button
labels...) plus the ARIA labels and the page's description for search and sharing. What a
program reads is never collected: scripts, styles, comments, code, form values that are
submitted, URLs, ``data-*``, and anything marked ``translate="no"`` or ``notranslate``. Nor is
text in another language (a Japanese passage keeps its kanji), nor Chinese already in the
script being converted to.

Text comes in *runs*: the text a reader reads continuously, across inline elements
(``<p>据<a>新华社</a>报道</p>`` is one run, in three text nodes). Blocks, line breaks, images,
form controls, and text that is not collected end a run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.etree import Element
from lxml.html import HtmlElement

from .chinese_script import LanguageTag, Script, has_han, parse_tag

#: Elements left exactly as they are, attributes included: program text and code. ``pre`` is
#: one only when it holds code (see :func:`_is_code_block`): a ``pre`` of poetry is prose.
KEPT_TAGS = frozenset({"script", "style", "code", "kbd", "samp", "var", "xmp", "plaintext", "listing", "math"})
#: Elements whose content is left as it is (a ``textarea``'s is submitted; the others' is
#: another document or a fallback for old browsers) but whose ``title``, ``placeholder`` or
#: ``aria-label`` people read or hear.
CONTENT_KEPT_TAGS = frozenset({"textarea", "iframe", "object", "embed", "noembed", "noframes"})

#: Elements that end a run of text: blocks, line breaks, table cells, replaced elements and
#: controls. Every other element (``a``, ``b``, ``span``, ``font``, unknown tags) is inline and
#: its text reads on with its neighbours', as browsers treat unknown elements.
RUN_BREAKING_TAGS = frozenset({
    "html", "head", "body", "title", "meta", "link", "base", "address", "article", "aside", "blockquote",
    "center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
    "legend", "li", "main", "marquee", "menu", "nav", "noscript", "ol", "optgroup", "option", "p", "pre",
    "section", "select", "summary", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot",
    "tr", "td", "th", "ul", "br", "img", "input", "button", "area", "map", "audio", "video", "canvas",
    "picture", "source", "track", "svg", "text", "desc", "rt", "rp", "template", "datalist", "output",
    "progress", "meter",
}) | KEPT_TAGS | CONTENT_KEPT_TAGS

_XML_LANG = "xml:lang"
_XML_LANG_NS = "{http://www.w3.org/XML/1998/namespace}lang"


#: Attributes people read or hear, on every element.
READ_ATTRIBUTES = ("title", "aria-label", "aria-description", "aria-roledescription", "aria-placeholder", "aria-valuetext")
#: Attributes people read, on some elements only (the HTML standard's translatable attributes).
READ_ATTRIBUTES_BY_TAG = {
    "img": ("alt",), "area": ("alt",), "input": ("alt", "placeholder"), "textarea": ("placeholder",),
    "option": ("label",), "optgroup": ("label",), "track": ("label",), "th": ("abbr",),
}
#: Input types whose ``value`` is the label on a button. A submit button's value is also
#: sent to the server when the button has a name, so it is converted only without one.
BUTTON_INPUT_TYPES = frozenset({"button", "reset"})
#: ``<meta name=...>`` and ``<meta property=...>`` whose content people read (search results,
#: share cards). Government-site metadata (SiteName, ArticleTitle...) is matched by
#: monitoring systems against registered values, and is left.
READ_META_NAMES = frozenset({"description", "keywords", "twitter:title", "twitter:description"})
READ_META_PROPERTIES = frozenset({"og:title", "og:description", "og:site_name"})

#: How the walk treats an element, by tag: a run break, kept as is, or a ``pre`` (kept when it
#: holds code). Tags not here are inline.
_BREAK, _KEEP, _PRE, _FIELD = 1, 2, 3, 4
_TAG_KINDS = {tag: _BREAK for tag in RUN_BREAKING_TAGS} | {tag: _KEEP for tag in KEPT_TAGS} | {
    tag: _FIELD for tag in CONTENT_KEPT_TAGS} | {"pre": _PRE}
#: Attributes that make the walk look at an element more closely than by its tag (a
#: language, a translate switch, or text people read); and tags that do (their attributes
#: depend on their type, or their label is their value).
_MARKING_ATTRIBUTES = frozenset({
    "lang", _XML_LANG, _XML_LANG_NS, "translate", "alt", "placeholder", "label", "abbr", *READ_ATTRIBUTES,
})
_MARKING_TAGS = frozenset({"input", "meta", "option"})
_READ_ATTRIBUTE_SET = frozenset(READ_ATTRIBUTES)
_LANG_ATTRIBUTES = frozenset({"lang", _XML_LANG, _XML_LANG_NS})

#: Classes that mark a ``pre`` as code (highlighters' conventions).
_CODE_CLASS = re.compile(r"(?:^|\s)(?:code|sourcecode|highlight|hljs|prettyprint|brush:|language-|lang-)", re.I)


@dataclass(eq=False)
class ChineseText:
    """What :func:`collect` found.

    ``in_document`` says whether a piece is in the page's own language scope (converted or
    not as the page's text decides) rather than in an element with its own Chinese ``lang``.
    """

    #: Text nodes in document order, (owner, is tail, text, in_document), and None where a
    #: run ends: the pieces between two Nones read as one text.
    pieces: list[tuple[HtmlElement, bool, str, bool] | None] = field(default_factory=list)
    #: Attributes people read: (element, name, value, in_document).
    attributes: list[tuple[HtmlElement, str, str, bool]] = field(default_factory=list)
    #: Elements that declare a Chinese ``lang`` and hold Han text collected here:
    #: (element, declared tag, in_document). Their ``lang`` changes with their text.
    passages: list[tuple[HtmlElement, LanguageTag, bool]] = field(default_factory=list)
    #: ``<option>`` elements without ``value``: they submit their label. (option, in_document)
    options: list[tuple[HtmlElement, bool]] = field(default_factory=list)


def collect(root: HtmlElement, target: Script) -> ChineseText:
    """The text under ``root`` (a Chinese document, or one that declares no language) that a
    conversion to ``target`` changes."""
    found = ChineseText()
    walk, _ = _walkers(found, target)
    walk(root, root.text, True, True, True, True)
    return found


def collect_passages(root: HtmlElement, target: Script) -> ChineseText:
    """The same, in a page in another language: only the passages that declare Chinese."""
    found = ChineseText()
    _, marked = _walkers(found, target)
    for passage, translate_on in _chinese_passages(root):
        marked(passage, passage.tag, _BREAK, passage.keys(), False, True, translate_on, False)
    return found


def _walkers(found: ChineseText, target: Script):
    """The walk over the tree, the hot loop of the conversion modes: two closures over locals.

    Most elements are looked at by tag and attribute names only. The state passed down:
    ``chinese``, the language here is Chinese; ``lang_on``, Chinese not already in the target
    script; ``translate_on``, not excluded by ``translate`` or ``notranslate``;
    ``in_document``, in the page's own language scope.
    """
    pieces, attributes, passages = found.pieces, found.attributes, found.passages
    append = pieces.append
    broken = False  # a run ended since the last piece

    def walk(element: HtmlElement, text: str | None, chinese: bool, lang_on: bool, translate_on: bool,
             in_document: bool) -> None:
        """``text`` is ``element.text``, read once by the caller: every read makes a new string."""
        nonlocal broken
        on = lang_on and translate_on
        # A text node joins the run or ends it; written out here and for tails below rather
        # than called, since a call per text node costs 5 % of the walk.
        if text:
            if on and not text.isspace():
                if broken:
                    if pieces:
                        append(None)
                    broken = False
                append((element, False, text, in_document))
            else:
                broken = True
        for child in element:
            tag = child.tag
            if tag.__class__ is str:
                kind = _TAG_KINDS.get(tag)
                if kind == _KEEP or (kind == _PRE and _is_code_block(child)):
                    broken = True
                elif kind == _FIELD:  # content kept; attributes people read are not
                    broken = True
                    names = child.keys()
                    if names and not _MARKING_ATTRIBUTES.isdisjoint(names):
                        marked(child, tag, kind, names, chinese, lang_on, translate_on, in_document)
                else:
                    names = child.keys()
                    if tag in _MARKING_TAGS or (names and (
                        not _MARKING_ATTRIBUTES.isdisjoint(names)
                        or ("class" in names and "notranslate" in child.get("class"))
                    )):
                        marked(child, tag, kind, names, chinese, lang_on, translate_on, in_document)
                    else:
                        if kind:  # a block ends the run before it and after it
                            broken = True
                        text = child.text
                        if len(child):
                            walk(child, text, chinese, lang_on, translate_on, in_document)
                        elif text:  # a leaf, most elements with text: its text, without a call
                            if on and not text.isspace():
                                if broken:
                                    if pieces:
                                        append(None)
                                    broken = False
                                append((child, False, text, in_document))
                            else:
                                broken = True
                        if kind:
                            broken = True
            # else: a comment or processing instruction, transparent: only its tail is text
            text = child.tail
            if text:
                if on and not text.isspace():
                    if broken:
                        if pieces:
                            append(None)
                        broken = False
                    append((child, True, text, in_document))
                else:
                    broken = True

    def marked(child: HtmlElement, tag: str, kind: int | None, names: list[str], chinese: bool, lang_on: bool,
               translate_on: bool, in_document: bool) -> None:
        """An element with a lang, translate or notranslate, or attributes people read."""
        nonlocal broken
        c_chinese, c_lang_on, c_translate_on, c_in_document = chinese, lang_on, translate_on, in_document
        get = child.get
        first_piece, first_attribute = len(pieces), len(attributes)
        declared = declared_lang(child) if not _LANG_ATTRIBUTES.isdisjoint(names) else None
        if declared is not None:
            if not declared.is_chinese:
                c_chinese = c_lang_on = c_in_document = False
            elif declared.implied_script is not None:
                c_chinese, c_lang_on, c_in_document = True, declared.implied_script != target, False
            elif not chinese:  # a bare zh inside another language: Chinese, script undecided
                c_chinese, c_lang_on, c_in_document = True, True, False
        if "translate" in names:
            translate = get("translate").strip().lower()
            if translate == "no":
                c_translate_on = False
            elif translate in ("yes", ""):
                c_translate_on = True
        if c_translate_on and "class" in names and "notranslate" in get("class").split():
            c_translate_on = False
        if c_lang_on and c_translate_on:
            for name in names:
                if name in _READ_ATTRIBUTE_SET:
                    value = get(name)
                    if value and not value.isascii():
                        attributes.append((child, name, value, c_in_document))
            if tag in _MARKING_TAGS or tag in READ_ATTRIBUTES_BY_TAG:
                _collect_tag_attributes(found, child, tag, c_in_document)
        if kind == _FIELD:
            return
        # A block, or a change of language or of translate state, ends a run.
        breaks = kind is not None or declared is not None or c_translate_on != translate_on
        if breaks:
            broken = True
        text = child.text
        if text or len(child):
            walk(child, text, c_chinese, c_lang_on, c_translate_on, c_in_document)
        if breaks:
            broken = True
        if declared is not None and c_lang_on and c_translate_on:
            texts = [p[2] for p in pieces[first_piece:] if p is not None] + [a[2] for a in attributes[first_attribute:]]
            if has_han("".join(texts)):  # a passage in romanised Chinese says nothing about Han script
                passages.append((child, declared, c_in_document))

    return walk, marked


def _collect_tag_attributes(found: ChineseText, element: HtmlElement, tag: str, in_document: bool) -> None:
    """Attributes people read on some elements only, and option labels."""
    attributes = found.attributes
    get = element.get
    for name in READ_ATTRIBUTES_BY_TAG.get(tag, ()):
        value = get(name)
        if value and not value.isascii():
            attributes.append((element, name, value, in_document))
    if tag == "input":
        kind = (get("type") or "").strip().lower()
        if kind in BUTTON_INPUT_TYPES or (kind == "submit" and not get("name")):
            value = get("value")
            if value and not value.isascii():
                attributes.append((element, "value", value, in_document))
    elif tag == "meta":
        name = (get("name") or "").strip().lower()
        prop = (get("property") or "").strip().lower()
        if name in READ_META_NAMES or prop in READ_META_PROPERTIES:
            value = get("content")
            if value and not value.isascii():
                attributes.append((element, "content", value, in_document))
    elif tag == "option" and get("value") is None:
        found.options.append((element, in_document))


def _chinese_passages(root: HtmlElement):
    """Elements of a page in another language that declare Chinese, outermost only, with
    whether ``translate`` allows converting them."""
    # Attribute names tested in Python: XPath's name() test for xml:lang (the HTML parser keeps
    # it as a plain name) builds a string per attribute and took half as long again.
    for element in root.iterdescendants(Element):
        names = element.keys()
        if not names or _LANG_ATTRIBUTES.isdisjoint(names):
            continue
        declared = declared_lang(element)
        if declared is None or not declared.is_chinese:
            continue
        translate_on, inside = True, False
        for ancestor in element.iterancestors():
            tag = ancestor.tag
            if tag in KEPT_TAGS or tag in CONTENT_KEPT_TAGS or (tag == "pre" and _is_code_block(ancestor)):
                translate_on = None
                break
            ancestor_lang = declared_lang(ancestor)
            if ancestor_lang is not None and ancestor_lang.is_chinese:
                inside = True  # walked with its outermost Chinese ancestor
                break
        if translate_on is None or inside:
            continue
        yield element, _translate_state(element.getparent())



def declared_lang(element: HtmlElement) -> LanguageTag | None:
    """The language ``element`` declares; None when it declares none or one that cannot be parsed."""
    for name in ("lang", _XML_LANG, _XML_LANG_NS):
        value = element.get(name)
        if value is not None and value.strip():
            return parse_tag(value)
    return None


def _translate_state(element: HtmlElement | None) -> bool:
    """Whether text inside ``element`` may be translated, by ``translate`` and ``notranslate``."""
    while element is not None:
        translate = element.get("translate")
        translate = translate.strip().lower() if translate is not None else None
        if translate == "no" or "notranslate" in (element.get("class") or "").split():
            return False
        if translate in ("yes", ""):
            return True
        element = element.getparent()
    return True


def set_lang(element: HtmlElement, value: str) -> None:
    """Set ``lang``, and ``xml:lang`` where the element has one (XHTML pages)."""
    element.set("lang", value)
    for name in (_XML_LANG, _XML_LANG_NS):
        if element.get(name) is not None:
            element.set(name, value)


def _is_code_block(pre: HtmlElement) -> bool:
    """A ``pre`` that holds code (a ``code``/``samp``/``kbd`` inside, or a highlighter's class)."""
    if _CODE_CLASS.search(pre.get("class") or ""):
        return True
    return any(True for _ in pre.iter("code", "samp", "kbd"))
