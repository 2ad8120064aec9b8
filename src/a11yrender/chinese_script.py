"""Which script a Chinese text or ``lang`` tag is in (简 Hans or 繁 Hant), and the tags that say so.

Script conversion must know what it is looking at: OpenCC's s2t applied to text that is
already traditional is not the identity (it writes 臺 for 台 and 喫 for 吃, which Taiwan does
not), so a page already in the target script must be recognised and left alone; and a page
that is not Chinese at all (Japanese kanji are Han characters too) must not be touched.

Most Chinese pages declare no ``lang`` at all, so the text is looked at. The evidence is taken
from the OpenCC configuration itself: characters it changes but never produces occur only in
the source script (们, 这), characters it produces and leaves alone only in the target script
(們, 這). Counting both over a page's text tells the two apart with a wide margin (a Taiwanese
blog has a few hundred 台/吃 among thousands of traditional-only characters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .script_conversion import converter

Script = Literal["Hans", "Hant"]

#: Primary language subtags of Chinese (zh and the languages of the zh macrolanguage).
CHINESE_LANGUAGES = frozenset({
    "zh", "cmn", "yue", "wuu", "hak", "nan", "gan", "hsn", "lzh", "cjy", "cdo", "cpx", "czh", "czo", "mnp",
})

#: Regions whose Chinese is written in traditional characters by default (BCP 47 practice).
TRADITIONAL_REGIONS = frozenset({"TW", "HK", "MO"})
#: Regions whose Chinese is written in simplified characters by default.
SIMPLIFIED_REGIONS = frozenset({"CN", "SG", "MY"})

#: How many times more evidence one script needs than the other to be decided.
EVIDENCE_MARGIN = 2
#: How much text is looked at to decide a page's language and script.
EVIDENCE_SAMPLE = 5_000
#: How many telling characters decide the script (found in the first few hundred
#: characters of ordinary text).
EVIDENCE_ENOUGH = 100

#: Kana (hiragana, katakana; not the middle dot ・ or the long-vowel mark, which Chinese text
#: uses too) and Hangul syllables: a text with this share of them among its Han characters
#: is Japanese or Korean, not Chinese.
_KANA = re.compile("[\u3041-\u3096\u30a1-\u30fa]")
_HANGUL = re.compile("[\uac00-\ud7a3]")
_KANA_OR_HANGUL = re.compile("[\u3041-\u3096\u30a1-\u30fa\uac00-\ud7a3]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
FOREIGN_SHARE = 0.15

#: The Han characters the evidence is built from (CJK Unified Ideographs, the common block).
_EVIDENCE_CHARACTERS = tuple(chr(c) for c in range(0x4E00, 0xA000))

#: A well-formed BCP 47 language tag (RFC 5646 section 2.1, without the irregular
#: grandfathered tags): language with extended subtags, script, region, variants,
#: extensions, private use.
_TAG = re.compile(
    r"""(?P<prefix>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})
    (?:-(?P<script>[a-z]{4}))?
    (?:-(?P<region>[a-z]{2}|[0-9]{3}))?
    (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*
    (?:-[a-wyz0-9](?:-[a-z0-9]{2,8})+)*
    (?:-x(?:-[a-z0-9]{1,8})+)?\Z""",
    re.I | re.X,
)


@dataclass(frozen=True, slots=True)
class LanguageTag:
    """A ``lang`` value, parsed as far as script conversion needs (BCP 47, leniently)."""

    raw: str
    language: str
    #: The primary language and any extended language subtags (``zh``, ``zh-yue``).
    prefix: str
    script: str | None
    region: str | None

    @property
    def is_chinese(self) -> bool:
        return self.language in CHINESE_LANGUAGES

    @property
    def implied_script(self) -> Script | None:
        """The script the tag says or its region implies (zh-TW: Hant), if any."""
        if self.script in ("Hans", "Hant"):
            return self.script
        if self.region in TRADITIONAL_REGIONS:
            return "Hant"
        if self.region in SIMPLIFIED_REGIONS:
            return "Hans"
        return None


def parse_tag(value: str | None) -> LanguageTag | None:
    """Parse a ``lang`` value (``zh-Hant-TW``; ``zh_CN`` as locales write it); None when empty
    or not a well-formed language tag (``content-language: utf-8`` is seen on real pages)."""
    if not value:
        return None
    match = _TAG.match(value.strip().replace("_", "-"))
    if match is None:
        return None
    prefix = match["prefix"].lower()
    script, region = match["script"], match["region"]
    return LanguageTag(
        value, prefix.split("-")[0], prefix, script.title() if script else None, region.upper() if region else None,
    )


def converted_tag(tag: LanguageTag | None, script: Script, region: str | None) -> str:
    """The tag for a Chinese passage after conversion to ``script`` (for ``region``, if any).

    The old region goes (zh-CN described the simplified variant); the language stays
    (``yue-HK`` → ``yue-Hant-HK``).
    """
    prefix = tag.prefix if tag is not None and tag.is_chinese else "zh"
    return "-".join(part for part in (prefix, script, region) if part)


def og_locale(script: Script, region: str | None) -> str:
    """An Open Graph locale for converted text: language_TERRITORY, without a script.

    Open Graph has no script subtag, so the territory carries it: zh_CN for simplified,
    zh_HK for Hong Kong, zh_TW for Taiwan and for traditional without a region (the locale
    that consumers of Open Graph read as traditional).
    """
    if script == "Hans":
        return "zh_CN"
    return f"zh_{region}" if region else "zh_TW"


def has_han(text: str) -> bool:
    """Whether ``text`` has a Han character (CJK unified or compatibility ideograph)."""
    return _HAN.search(text) is not None


def foreign_language(text: str) -> str | None:
    """``"ja"`` or ``"ko"`` when undeclared text is Japanese or Korean rather than Chinese."""
    sample = text[:EVIDENCE_SAMPLE]
    if _KANA_OR_HANGUL.search(sample) is None:  # the usual case, at the cost of one scan
        return None
    for language, pattern in (("ja", _KANA), ("ko", _HANGUL)):
        found = len(pattern.findall(sample))
        if found and found >= FOREIGN_SHARE * (found + len(_HAN.findall(sample))):
            return language
    return None


#: Scripts a text without a declared language is guessed from, and the language each is taken
#: for (Latin text is taken for English: a guess, which callers report or decline).
SCRIPT_LANGUAGES = (
    (re.compile("[\u3040-\u30ff]"), "ja"), (re.compile("[\uac00-\ud7af]"), "ko"),
    (re.compile("[\u4e00-\u9fff]"), "zh"), (re.compile("[\u0600-\u06ff]"), "ar"),
    (re.compile("[\u0590-\u05ff]"), "he"), (re.compile("[\u0400-\u04ff]"), "ru"),
    (re.compile("[\u0370-\u03ff]"), "el"), (re.compile("[\u0e00-\u0e7f]"), "th"),
    (re.compile("[A-Za-z]"), "en"),
)
_NOT_A_LETTER = re.compile("[^%s]+" % "".join(pattern.pattern[1:-1] for pattern, _ in SCRIPT_LANGUAGES))
_NEITHER_HAN_NOR_LATIN = re.compile("[^\u4e00-\u9fffA-Za-z]")


def script_counts(text: str) -> dict[str, int]:
    """How many letters of ``text`` are in each script of :data:`SCRIPT_LANGUAGES`, by the
    language it is taken for, in that order (a script with none may be left out).

    The letters are picked out in one pass and, in the usual cases (Latin only, or Han and
    Latin only), counted without a pass per script: nine passes of a regular expression
    over the sample cost 0.4-0.9 ms, a tenth of an elder render of a small page.
    """
    letters = _NOT_A_LETTER.sub("", text)
    latin = len(letters.encode("ascii", "ignore"))
    if latin == len(letters):
        return {"en": latin}
    if _NEITHER_HAN_NOR_LATIN.search(letters) is None:
        return {"zh": len(letters) - latin, "en": latin}
    return {language: len(pattern.findall(letters)) for pattern, language in SCRIPT_LANGUAGES}


def guess_language(text: str) -> str:
    """A language tag for text whose page does not declare one ("und" when it has no letters).

    By the script most of its letters are in; kana with at least a fifth of the Han
    characters' count is Japanese (Japanese mixes both); Chinese is ``zh-Hans`` or ``zh-Hant``
    by the characters only one of the two scripts uses.
    """
    sample = text[:EVIDENCE_SAMPLE]
    counts = script_counts(sample)
    if not any(counts.values()):
        return "und"
    if counts.get("ja") and counts["ja"] * 5 >= counts.get("zh", 0):
        return "ja"
    language = max(counts, key=counts.get)
    if language == "zh":
        return "zh-Hant" if detect_script(sample, "s2t") == "target" else "zh-Hans"
    return language


def detect_script(text: str, config: str) -> Literal["source", "target"] | None:
    """Whether ``text`` is in the source or the target script of OpenCC ``config``.

    Counts the characters only one script uses until :data:`EVIDENCE_ENOUGH` are found
    (a few hundred characters of ordinary text). None when the text has too little evidence
    either way (no Han characters, or only ones both scripts share).
    """
    in_source = in_target = 0
    for match in _evidence(config).finditer(text, 0, EVIDENCE_SAMPLE):
        if match.lastindex == 1:
            in_source += 1
        else:
            in_target += 1
        if in_source + in_target >= EVIDENCE_ENOUGH:
            break
    if in_target > EVIDENCE_MARGIN * in_source:
        return "target"
    if in_source > EVIDENCE_MARGIN * in_target:
        return "source"
    return None


@lru_cache(maxsize=None)
def _evidence(config: str) -> re.Pattern:
    """One pattern: group 1 matches a character only the source script uses, group 2 one
    only the target script uses.

    Derived from the installed OpenCC, one character at a time (joined by newlines, which no
    phrase spans), once per configuration and process: characters the configuration
    changes but never produces are the source's; those it produces and leaves alone, the
    target's.
    """
    chars = _EVIDENCE_CHARACTERS
    out = converter(config).convert("\n".join(chars)).split("\n")
    changed = {c for c, o in zip(chars, out) if o != c}
    produced = {o for c, o in zip(chars, out) if o != c and len(o) == 1}
    return re.compile(f"({_char_class(changed - produced)})|({_char_class(produced - changed)})")


def _char_class(chars: set[str]) -> str:
    if not chars:
        return "(?!)"
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"
