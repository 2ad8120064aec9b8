"""The ``traditional`` and ``simplified`` modes: OpenCC phrase conversion through a page's HTML.

What a reader reads or hears is converted: text, ``<title>``, ``<option>`` labels, and the
attributes the HTML standard calls translatable (``title``, ``alt``, ``placeholder``, button
labels...) plus the ARIA labels and the page's description for search and sharing. What a
program reads is left byte for byte: scripts, styles, comments, code, form values that are
submitted, URLs, ``data-*``, and anything marked ``translate="no"`` or ``notranslate``.
Passages in another language keep their characters (a Japanese page keeps its kanji).

Text is collected in *runs*: the text a reader reads continuously, across inline elements
(``<p>据<a>新华社</a>报道</p>`` is one run). Every run of the page goes to OpenCC in one call
and comes back cut at the same places (:mod:`a11yrender.script_conversion`), so phrases
that cross a tag convert as phrases. Blocks, line breaks, images, form controls, and text
that is not converted end a run.

The ``lang`` of the document and of the converted passages is set to say the new script
(``zh-Hant-TW``), as are ``content-language`` and ``og:locale``. A page already in the target
script is left as it is: OpenCC's s2t is not the identity on traditional text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from lxml.etree import XPath
from lxml.html import HtmlElement

from ..chinese_script import (
    EVIDENCE_SAMPLE, LanguageTag, Script, converted_tag, detect_script, foreign_language, has_han, og_locale,
    parse_tag,
)
from ..errors import OptionsError
from ..page import Page
from ..script_conversion import converter
from . import register

Region = Literal["none", "tw", "twp", "hk"]

#: OpenCC configuration for each region, in each direction.
TRADITIONAL_CONFIGS = {"none": "s2t", "tw": "s2tw", "twp": "s2twp", "hk": "s2hk"}
SIMPLIFIED_CONFIGS = {"none": "t2s", "tw": "tw2s", "twp": "tw2sp", "hk": "hk2s"}
#: The region subtag the converted text is written for.
REGION_SUBTAGS = {"none": None, "tw": "TW", "twp": "TW", "hk": "HK"}

_REGION_HELP = "none (OpenCC standard), tw (Taiwan), twp (Taiwan, with Taiwanese phrases), hk (Hong Kong)"


@dataclass(frozen=True, slots=True)
class TraditionalOptions:
    """Options of the ``traditional`` mode (simplified → traditional)."""

    region: Region = field(default="none", metadata={"help": f"the traditional standard to write: {_REGION_HELP}"})

    def __post_init__(self):
        _check_region(self.region)


@dataclass(frozen=True, slots=True)
class SimplifiedOptions:
    """Options of the ``simplified`` mode (traditional → simplified)."""

    region: Region = field(default="none", metadata={"help": f"the traditional standard the page is in: {_REGION_HELP}"})

    def __post_init__(self):
        _check_region(self.region)


@register("traditional", order=300, options=TraditionalOptions)
def traditional(page: Page, context) -> Page:
    """Traditional script (繁體): OpenCC phrase conversion across tags, lang set to zh-Hant."""
    _refuse_both(context)
    region = context.of("traditional").region
    _Conversion(page, "traditional", TRADITIONAL_CONFIGS[region], "Hans", "Hant", REGION_SUBTAGS[region]).run_conversion()
    return page


@register("simplified", order=300, options=SimplifiedOptions)
def simplified(page: Page, context) -> Page:
    """Simplified script (简体): OpenCC phrase conversion across tags, lang set to zh-Hans."""
    _refuse_both(context)
    region = context.of("simplified").region
    _Conversion(page, "simplified", SIMPLIFIED_CONFIGS[region], "Hant", "Hans", None).run_conversion()
    return page


# -- what is converted ----------------------------------------------------------------------

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

#: Elements that declare a language (to find Chinese passages in a page in another language).
_LANG_DECLARED = XPath("descendant::*[@lang or @*[name()='xml:lang']]")
#: The text of a subtree, concatenated in C (scripts included): enough to tell whether a page
#: that declares no language has Chinese text at all before walking it.
_STRING_VALUE = XPath("string()")

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


class _Conversion:
    """One conversion of one page: collect, decide, convert, write back, relabel."""

    def __init__(self, page: Page, mode: str, config: str, source: Script, target: Script, region: str | None):
        self.page = page
        self.mode = mode
        self.config = config
        self.source = source
        self.target = target
        self.region = region
        #: Text to convert, in document order: (owner, is tail, text, run number, in the
        #: document's language scope). Pieces with the same run number read as one text.
        self.pieces: list[tuple[HtmlElement, bool, str, int, bool]] = []
        #: Attributes to convert: (element, name, value, in the document's scope).
        self.attributes: list[tuple[HtmlElement, str, str, bool]] = []
        #: Elements that declare a Chinese lang and are converted: relabelled afterwards.
        self.relabel: list[tuple[HtmlElement, LanguageTag, bool]] = []
        #: Options without a value attribute (they submit their label).
        self.options: list[tuple[HtmlElement, bool]] = []

    # -- the steps ---------------------------------------------------------------------

    def run_conversion(self) -> None:
        root = self.page.root
        tag = _declared_lang(root)
        if tag is not None and not tag.is_chinese:
            # Another language: only passages that declare Chinese are looked at.
            self._collect(None, self._chinese_passages())
            self._convert(False)
            return
        if tag is None and not self._reads_as_chinese():
            return
        self._collect(root)
        convert_document = self._decide_document(tag)
        self._convert(convert_document)
        if convert_document:
            self._relabel_document(tag)

    def _reads_as_chinese(self) -> bool:
        """Whether a page that declares no language has Chinese text (not none, not Japanese)."""
        text = _STRING_VALUE(self.page.body)[:EVIDENCE_SAMPLE]
        if not has_han(text):
            return False
        foreign = foreign_language(text)
        if foreign is not None:
            self.page.note(f"{self.mode}.not-chinese", f"the page declares no language and reads as {foreign}: left as it is")
            return False
        return True

    def _chinese_passages(self):
        """Elements of a non-Chinese page that declare Chinese, outermost only, with their state."""
        for element in _LANG_DECLARED(self.page.root):
            declared = _declared_lang(element)
            if declared is None or not declared.is_chinese or element.tag.__class__ is not str:
                continue
            translate_on, inside = True, False
            for ancestor in element.iterancestors():
                tag = ancestor.tag
                if tag in KEPT_TAGS or tag in CONTENT_KEPT_TAGS or (tag == "pre" and _is_code_block(ancestor)):
                    translate_on = None
                    break
                ancestor_lang = _declared_lang(ancestor)
                if ancestor_lang is not None and ancestor_lang.is_chinese:
                    inside = True  # walked with its outermost Chinese ancestor
                    break
            if translate_on is None or inside:
                continue
            yield element, _translate_state(element.getparent())

    def _decide_document(self, tag: LanguageTag | None) -> bool:
        """Whether the document's own text is converted: it is Chinese, not in the target script."""
        script = detect_script(self._document_sample(), self.config)
        if script is None and tag is not None:
            declared = tag.implied_script
            script = None if declared is None else ("target" if declared == self.target else "source")
        if script == "target":
            self.page.note(f"{self.mode}.already", f"the page is already in {_SCRIPT_NAMES[self.target]} script: its text is left as it is")
            if (tag is None or tag.implied_script != self.target) and not self.page.is_fragment:
                # Undeclared, or declared wrong (a template's zh-CN): say what the text is.
                _set_lang(self.page.root, converted_tag(tag, self.target, None))
            return False
        return True

    def _document_sample(self) -> str:
        """The start of the document-scope text: enough to tell its language and script."""
        parts, total = [], 0
        for _, _, text, _, in_document in self.pieces:
            if in_document:
                parts.append(text)
                total += len(text)
                if total >= EVIDENCE_SAMPLE:
                    break
        return "".join(parts)

    def _convert(self, convert_document: bool) -> None:
        """Convert every run and attribute in one OpenCC call, and write the results back."""
        pieces = self.pieces if convert_document else [p for p in self.pieces if not p[4]]
        attributes = self.attributes if convert_document else [a for a in self.attributes if not a[3]]
        texts = [piece[2] for piece in pieces]
        ends: list[int] = []
        previous = None
        for index, piece in enumerate(pieces):
            if piece[3] != previous:
                if index:
                    ends.append(index)
                previous = piece[3]
        if pieces:
            ends.append(len(pieces))
        for attribute in attributes:  # each attribute value is a run of its own
            texts.append(attribute[2])
            ends.append(len(texts))
        options = [
            (option, " ".join(option.text_content().split()))
            for option, in_document in self.options if convert_document or not in_document
        ]
        converted = converter(self.config).convert_runs(texts, ends)
        changed = unwritable = 0
        for (owner, is_tail, text, _, _), new in zip(pieces, converted):
            if new != text:
                try:
                    if is_tail:
                        owner.tail = new
                    else:
                        owner.text = new
                except ValueError:  # a character lxml cannot store: keep the original
                    unwritable += 1
                    continue
                changed += 1
        for (element, name, value, _), new in zip(attributes, converted[len(pieces):]):
            if new != value:
                element.set(name, new)
                changed += 1
        for option, value in options:  # an option without value submits its label: keep it
            if " ".join(option.text_content().split()) != value:
                option.set("value", value)
        for element, old, in_document in self.relabel:
            if convert_document or not in_document:
                _set_lang(element, converted_tag(old, self.target, self.region))
        if unwritable:
            self.page.note(f"{self.mode}.unwritable", "text with characters lxml cannot store was left unconverted",
                           severity="warning", count=unwritable)
        if changed:
            self.page.note(f"{self.mode}.converted", f"converted with OpenCC {self.config}", count=changed)

    def _relabel_document(self, tag: LanguageTag | None) -> None:
        page = self.page
        new = converted_tag(tag, self.target, self.region)
        if page.is_fragment:
            page.note(f"{self.mode}.fragment-lang", f"a fragment has no document lang: declare lang=\"{new}\" where it is embedded")
            return
        _set_lang(page.root, new)
        for meta in page.head.iter("meta"):
            if (meta.get("http-equiv") or "").strip().lower() == "content-language":
                content = _relabel_list(meta.get("content") or "", self.target, self.region)
                if content is not None:
                    meta.set("content", content)
            elif (meta.get("property") or "").strip().lower() == "og:locale":
                locale = parse_tag(meta.get("content"))
                if locale is not None and locale.is_chinese:
                    meta.set("content", og_locale(self.target, self.region))

    # -- collecting the text -------------------------------------------------------------

    def _collect(self, root: HtmlElement | None, passages=()) -> None:
        """Collect the text and attributes to convert: all of ``root``, or only ``passages``.

        The state passed down: ``chinese``, the language here is Chinese; ``lang_on``,
        Chinese in the source script; ``translate_on``, not excluded by ``translate`` or
        ``notranslate``; ``in_document``, in the page's own language scope (converted or
        not as the page's text decides). This is the hot loop of the mode: most elements are
        looked at by tag and attribute names only, and the helpers are closures over locals.
        """
        append = self.pieces.append
        pieces, attributes, relabel = self.pieces, self.attributes, self.relabel
        target = self.target
        run = 0

        def walk(element: HtmlElement, chinese: bool, lang_on: bool, translate_on: bool, in_document: bool) -> None:
            nonlocal run
            on = lang_on and translate_on
            text = element.text
            if text:
                if on and not text.isspace():
                    append((element, False, text, run, in_document))
                else:
                    run += 1
            for child in element:
                tag = child.tag
                if tag.__class__ is str:
                    kind = _TAG_KINDS.get(tag)
                    if kind == _KEEP or (kind == _PRE and _is_code_block(child)):
                        run += 1
                    elif kind == _FIELD:  # content kept; attributes people read are not
                        run += 1
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
                        elif kind:
                            run += 1
                            if child.text or len(child):
                                walk(child, chinese, lang_on, translate_on, in_document)
                            run += 1
                        elif child.text or len(child):
                            walk(child, chinese, lang_on, translate_on, in_document)
                # else: a comment or processing instruction, transparent: only its tail is text
                text = child.tail
                if text:
                    if on and not text.isspace():
                        append((child, True, text, run, in_document))
                    else:
                        run += 1

        def marked(child: HtmlElement, tag: str, kind: int | None, names: list[str], chinese: bool, lang_on: bool,
                   translate_on: bool, in_document: bool) -> None:
            """An element with a lang, translate or notranslate, or attributes people read."""
            nonlocal run
            c_chinese, c_lang_on, c_translate_on, c_in_document = chinese, lang_on, translate_on, in_document
            get = child.get
            first_piece, first_attribute = len(pieces), len(attributes)
            declared = _declared_lang(child) if not _LANG_ATTRIBUTES.isdisjoint(names) else None
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
                    self._collect_tag_attributes(child, tag, c_in_document)
            if kind == _FIELD:
                return
            # A block, or a change of language or of translate state, ends a run.
            breaks = kind is not None or declared is not None or c_translate_on != translate_on
            if breaks:
                run += 1
            if child.text or len(child):
                walk(child, c_chinese, c_lang_on, c_translate_on, c_in_document)
            if breaks:
                run += 1
            if declared is not None and c_lang_on and c_translate_on:
                texts = [p[2] for p in pieces[first_piece:]] + [a[2] for a in attributes[first_attribute:]]
                if has_han("".join(texts)):  # a passage in romanised Chinese says nothing about Han script
                    relabel.append((child, declared, c_in_document))

        if root is not None:
            walk(root, True, True, True, True)
        for passage, translate_on in passages:
            run += 1
            marked(passage, passage.tag, _BREAK, passage.keys(), False, True, translate_on, False)

    def _collect_tag_attributes(self, element: HtmlElement, tag: str, in_document: bool) -> None:
        """Attributes people read on some elements only, and option labels."""
        found = self.attributes
        get = element.get
        for name in READ_ATTRIBUTES_BY_TAG.get(tag, ()):
            value = get(name)
            if value and not value.isascii():
                found.append((element, name, value, in_document))
        if tag == "input":
            kind = (get("type") or "").strip().lower()
            if kind in BUTTON_INPUT_TYPES or (kind == "submit" and not get("name")):
                value = get("value")
                if value and not value.isascii():
                    found.append((element, "value", value, in_document))
        elif tag == "meta":
            name = (get("name") or "").strip().lower()
            prop = (get("property") or "").strip().lower()
            if name in READ_META_NAMES or prop in READ_META_PROPERTIES:
                value = get("content")
                if value and not value.isascii():
                    found.append((element, "content", value, in_document))
        elif tag == "option" and get("value") is None:
            self.options.append((element, in_document))


_SCRIPT_NAMES = {"Hans": "simplified", "Hant": "traditional"}


def _check_region(region: str) -> None:
    if region not in TRADITIONAL_CONFIGS:
        raise OptionsError(f"unknown region {region!r}; choose one of: {', '.join(TRADITIONAL_CONFIGS)}")


def _refuse_both(context) -> None:
    if "traditional" in context.modes and "simplified" in context.modes:
        raise OptionsError("the traditional and simplified modes convert in opposite directions; choose one")


def _declared_lang(element: HtmlElement) -> LanguageTag | None:
    """The language ``element`` declares; None when it declares none or one that cannot be parsed."""
    for name in ("lang", _XML_LANG, _XML_LANG_NS):
        value = element.get(name)
        if value is not None and value.strip():
            return parse_tag(value)
    return None


def _translate_state(element: HtmlElement | None) -> bool:
    """Whether text inside ``element`` may be translated, by ``translate`` and ``notranslate``."""
    while element is not None:
        translate = (element.get("translate") or "x").strip().lower()
        if translate == "no" or "notranslate" in (element.get("class") or "").split():
            return False
        if translate in ("yes", ""):
            return True
        element = element.getparent()
    return True


def _set_lang(element: HtmlElement, value: str) -> None:
    element.set("lang", value)
    for name in (_XML_LANG, _XML_LANG_NS):
        if element.get(name) is not None:
            element.set(name, value)


def _relabel_list(content: str, script: Script, region: str | None) -> str | None:
    """A ``content-language`` list with its Chinese entries relabelled; None if it has none."""
    entries = [entry.strip() for entry in content.split(",") if entry.strip()]
    tags = [parse_tag(entry) for entry in entries]
    if not any(tag is not None and tag.is_chinese for tag in tags):
        return None
    return ", ".join(
        converted_tag(tag, script, region) if tag is not None and tag.is_chinese else entry
        for entry, tag in zip(entries, tags)
    )


def _is_code_block(pre: HtmlElement) -> bool:
    """A ``pre`` that holds code (a ``code``/``samp``/``kbd`` inside, or a highlighter's class)."""
    if _CODE_CLASS.search(pre.get("class") or ""):
        return True
    return any(True for _ in pre.iter("code", "samp", "kbd"))
