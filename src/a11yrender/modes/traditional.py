"""The ``traditional`` and ``simplified`` modes: OpenCC phrase conversion through a page's HTML.

The steps: decide whether the page is Chinese and in which script
(:mod:`a11yrender.chinese_script`); collect the text people read, in runs across inline
elements (:mod:`a11yrender.chinese_text`); convert every run of the page in one OpenCC call,
cut back into the text nodes exactly (:mod:`a11yrender.script_conversion`); write it back;
relabel the languages. What is converted and what is left, and why: docs/modes/traditional.md.

The ``lang`` of the document and of the converted passages is set to say the new script
(``zh-Hant-TW``), as are ``content-language`` and ``og:locale``. A page already in the target
script is left as it is: OpenCC's s2t is not the identity on traditional text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from lxml.etree import XPath

from ..chinese_script import (
    EVIDENCE_SAMPLE, LanguageTag, Script, converted_tag, detect_script, foreign_language, has_han, og_locale,
    parse_tag,
)
from ..chinese_text import ChineseText, collect, collect_passages, declared_lang, set_lang
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
    _Conversion(page, "traditional", TRADITIONAL_CONFIGS[region], "Hant", REGION_SUBTAGS[region]).run_conversion()
    return page


@register("simplified", order=300, options=SimplifiedOptions)
def simplified(page: Page, context) -> Page:
    """Simplified script (简体): OpenCC phrase conversion across tags, lang set to zh-Hans."""
    _refuse_both(context)
    region = context.of("simplified").region
    _Conversion(page, "simplified", SIMPLIFIED_CONFIGS[region], "Hans", None).run_conversion()
    return page


class _Conversion:
    """One conversion of one page: collect, decide, convert, write back, relabel."""

    def __init__(self, page: Page, mode: str, config: str, target: Script, region: str | None):
        self.page = page
        self.mode = mode
        self.config = config
        self.target = target
        self.region = region
        self.text = ChineseText()
        self._sample: str | None = None

    # -- the steps ---------------------------------------------------------------------

    def run_conversion(self) -> None:
        root = self.page.root
        tag = declared_lang(root)
        try:
            foreign = tag is not None and not tag.is_chinese
            if tag is None:
                first = self._first_text()
                if first is None:
                    return  # no Han character anywhere: nothing to convert, no need to walk
                foreign = self._is_foreign(first)
            if foreign:
                # Another language: only passages that declare Chinese are looked at.
                self.text = collect_passages(root, self.target)
                self._convert(False)
                return
            self.text = collect(root, self.target)
        except RecursionError:  # elements nested thousands deep: nothing has been changed yet
            self.page.note(f"{self.mode}.too-deep", "elements are nested too deeply to walk: the page was not converted",
                           severity="warning")
            return
        convert_document = (tag is not None or self._reads_as_chinese()) and self._decide_document(tag)
        self._convert(convert_document)
        if convert_document:
            self._relabel_document(tag)

    def _first_text(self) -> str | None:
        """The start of the body's text, scripts included, concatenated by libxml2's XPath
        (C); None when the page has no Han character at all.

        For a page that declares no language, this tells a Japanese or Korean page before
        the walk, at a small part of its cost; the walk's own sample decides the rest.
        (lxml's text iterator, joined or searched in Python, makes a string per text node:
        0.2-0.4 ms on small Chinese pages, as much as the walk, and on a page without Han
        characters, where every node was searched, 4-6 ms for bbc-1's or wikipedia's body;
        the whole text from XPath and one regex search take 0.6-1.4 ms there.)
        """
        text = _TEXT(self.page.body)
        return text[:EVIDENCE_SAMPLE] if has_han(text) else None

    def _is_foreign(self, sample: str) -> bool:
        """Whether undeclared text reads as Japanese or Korean; says so when it does."""
        foreign = foreign_language(sample)
        if foreign is not None:
            self.page.note(f"{self.mode}.not-chinese", f"the page declares no language and reads as {foreign}: left as it is")
        return foreign is not None

    def _reads_as_chinese(self) -> bool:
        """Whether a page that declares no language is Chinese: it has Han characters in the
        text people read, and is not Japanese or Korean."""
        if not any(piece is not None and piece[3] and has_han(piece[2]) for piece in self.text.pieces):
            return False
        return not self._is_foreign(self._document_sample())

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
                set_lang(self.page.root, converted_tag(tag, self.target, None))
            return False
        return True

    def _document_sample(self) -> str:
        """The start of the document-scope text: enough to tell its language and script."""
        if self._sample is not None:
            return self._sample
        parts, total = [], 0
        for piece in self.text.pieces:
            if piece is not None and piece[3]:
                parts.append(piece[2])
                total += len(piece[2])
                if total >= EVIDENCE_SAMPLE:
                    break
        self._sample = "".join(parts)
        return self._sample

    def _convert(self, convert_document: bool) -> None:
        """Convert every run and attribute in one OpenCC call, and write the results back."""
        found = self.text
        pieces = found.pieces if convert_document else [p for p in found.pieces if p is None or not p[3]]
        attributes = found.attributes if convert_document else [a for a in found.attributes if not a[3]]
        # Runs are separated by a newline, a phrase break: no phrase joins two of them.
        texts = ["\n" if piece is None else piece[2] for piece in pieces]
        for attribute in attributes:  # each attribute value is a run of its own
            texts.append("\n")
            texts.append(attribute[2])
        options = [
            (option, " ".join(option.text_content().split()))
            for option, in_document in found.options if convert_document or not in_document
        ]
        converted = converter(self.config).convert_cut(texts)
        changed = unwritable = 0
        for piece, new in zip(pieces, converted):
            if piece is not None and new != piece[2]:
                try:
                    if piece[1]:
                        piece[0].tail = new
                    else:
                        piece[0].text = new
                except ValueError:  # a character lxml cannot store: keep the original
                    unwritable += 1
                    continue
                changed += 1
        for (element, name, value, _), new in zip(attributes, converted[len(pieces) + 1::2]):
            if new != value:
                element.set(name, new)
                changed += 1
        for option, value in options:  # an option without value submits its label: keep it
            if " ".join(option.text_content().split()) != value:
                option.set("value", value)
        for element, old, in_document in found.passages:
            if convert_document or not in_document:
                set_lang(element, converted_tag(old, self.target, self.region))
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
        set_lang(page.root, new)
        for meta in page.head.iter("meta"):
            if (meta.get("http-equiv") or "").strip().lower() == "content-language":
                content = _relabel_list(meta.get("content") or "", self.target, self.region)
                if content is not None:
                    meta.set("content", content)
            elif (meta.get("property") or "").strip().lower() == "og:locale":
                locale = parse_tag(meta.get("content"))
                if locale is not None and locale.is_chinese:
                    meta.set("content", og_locale(self.target, self.region))


_SCRIPT_NAMES = {"Hans": "simplified", "Hant": "traditional"}
#: An element's text: its text nodes in document order, as ``itertext`` gives them.
_TEXT = XPath("string(.)", smart_strings=False)


def _check_region(region: str) -> None:
    if region not in TRADITIONAL_CONFIGS:
        raise OptionsError(f"unknown region {region!r}; choose one of: {', '.join(TRADITIONAL_CONFIGS)}")


def _refuse_both(context) -> None:
    if "traditional" in context.modes and "simplified" in context.modes:
        raise OptionsError("the traditional and simplified modes convert in opposite directions; choose one")


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


