"""What the engine is given to read: tone-numbered pinyin for Mandarin, characters for Cantonese.

espeak-ng's Mandarin voices cannot be trusted with characters: ``cmn`` reads its own pinyin's
tone numbers in English, and ``cmn-latn-pinyin`` picks one reading per character (银行 as
yín xíng, 头发 as tóu fā). Both read tone-numbered pinyin right, so for Mandarin the text
is converted here, a phrase at a time, by pypinyin (银行 yín háng, 头发 tóu fà, 长者 zhǎng
zhě, 长度 cháng dù), and 一 and 不 change tone as spoken. Traditional text is first converted
to simplified by OpenCC, because pypinyin's phrase dictionary is simplified. The few phrases
pypinyin gets wrong are in :data:`PHRASE_READINGS`. Numbers are
read by rule, not by dictionary: the 一 of 一千 is yì, of 一万 yí, of 一点五 and 二〇一八 yī.

espeak-ng's ``yue`` voice reads characters in Cantonese itself; it gets the normalised text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from importlib.metadata import version

from .normalise import LETTER_PINYIN, Piece, normalise, spoken_text

Dialect = Literal["cmn", "yue"]

#: Bump when the readings this module produces change, so cached audio is redone.
RULES_VERSION = "2"
#: What the engine's input depends on besides the text: part of every cache key.
READING_VERSION = f"pypinyin-{version('pypinyin')}/rules-{RULES_VERSION}"

#: Phrases pypinyin (0.55) reads wrong, with their dictionary readings (现代汉语词典). Kept
#: here rather than loaded into pypinyin, whose phrase dictionary is global to the process.
PHRASE_READINGS = {
    "还款": "huan2 kuan3", "还贷": "huan2 dai4", "流血": "liu2 xue4", "中肯": "zhong4 ken3",
    "转动": "zhuan4 dong4", "转速": "zhuan4 su4",
}
_PHRASES = re.compile("|".join(sorted(map(re.escape, PHRASE_READINGS), key=len, reverse=True)))

#: Characters that make a neighbouring 一 a number (十一, 一一, 一百) rather than a word.
NUMERAL_CHARS = frozenset("零〇一二两三四五六七八九十百千万亿")

#: Readings of the characters of a cardinal that are not their dictionary reading.
NUMBER_CHAR_PINYIN = {
    "零": "ling2", "〇": "ling2", "一": "yi1", "二": "er4", "两": "liang3", "三": "san1", "四": "si4",
    "五": "wu3", "六": "liu4", "七": "qi1", "八": "ba1", "九": "jiu3", "十": "shi2", "百": "bai3",
    "千": "qian1", "万": "wan4", "亿": "yi4", "点": "dian3", "负": "fu4",
}
#: 一 in a cardinal: yì before 千 and 百, yí before 万 and 亿, yī elsewhere (一点五, 十一).
YI_BEFORE = {"千": "yi4", "百": "yi4", "万": "yi2", "亿": "yi2"}
#: One in phone numbers is yāo, so that 1 and 7 cannot be confused.
PHONE_ONE = "yao1"
#: How a pause is written for espeak-ng (its punctuation pauses).
PAUSE_MARKS = {",": ",", ".": "."}


def reading(pieces: list[Piece], dialect: Dialect = "cmn", traditional: bool = False) -> str:
    """The engine input for ``pieces``: pinyin with tone numbers (cmn) or characters (yue)."""
    if dialect == "yue":
        return _cantonese(pieces)
    words: list[str] = []
    for piece in pieces:
        if piece.kind == "text":
            words += pinyin(piece.text, traditional)
        elif piece.kind == "number":
            words += _number_pinyin(piece.text)
        elif piece.kind in ("digits", "phone"):
            words += [PHONE_ONE if c == "一" and piece.kind == "phone" else NUMBER_CHAR_PINYIN.get(c, c) for c in piece.text]
        elif piece.kind == "letters":
            words += [LETTER_PINYIN.get(c, c) for c in piece.text]
        elif piece.kind == "word":
            words.append(piece.text)
        elif piece.kind == "pause":
            if words:
                words[-1] += PAUSE_MARKS[piece.text]
    return " ".join(words)


def read_text(text: str, dialect: Dialect = "cmn", traditional: bool = False) -> str:
    """Normalise and convert ``text`` in one step (what a segment's audio is made from)."""
    return reading(normalise(text), dialect, traditional)


def pinyin(text: str, traditional: bool = False) -> list[str]:
    """Tone-numbered pinyin of Chinese ``text``, a phrase at a time (neutral tone as 5).

    Characters pypinyin has no reading for (kana, symbols) are passed through unchanged.
    """
    if traditional:
        text = _to_simplified(text)
    syllables: list[str] = []
    position = 0
    for match in _PHRASES.finditer(text):
        syllables += _pypinyin(text[position:match.start()])
        syllables += PHRASE_READINGS[match.group()].split()
        position = match.end()
    syllables += _pypinyin(text[position:])
    return syllables


def _pypinyin(text: str) -> list[str]:
    if not text:
        return []
    from pypinyin import Style, lazy_pinyin  # on first use: importing it takes most of a second

    syllables = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda chars: [chars])
    syllables = [s.replace("ü", "v") for s in syllables]
    _bu_yi_sandhi(text, syllables)
    return [s for s in syllables if s and not s.isspace()]


def _bu_yi_sandhi(text: str, syllables: list[str]) -> None:
    """不 and 一 change tone before other syllables (不要 bú yào, 一起 yì qǐ, 一样 yí yàng).

    pypinyin's phrase dictionary has most such words; this covers the rest. Third-tone
    sandhi (你好 ní hǎo) is left to espeak-ng, which applies it. 一 keeps its first tone as
    a number (第一, 十一, 一一) and as a list marker (一是).
    """
    if len(syllables) != len(text):
        return  # a non-Chinese run was kept whole: positions do not line up
    for index in range(len(text) - 1):
        char, following = text[index], syllables[index + 1]
        tone = following[-1] if following[-1:].isdigit() else ""
        if char == "不" and syllables[index] == "bu4" and tone == "4":
            syllables[index] = "bu2"
        elif char == "一" and syllables[index] == "yi1" and tone in ("1", "2", "3", "4"):
            before = text[index - 1] if index else ""
            if before in NUMERAL_CHARS or before == "第" or text[index + 1] in NUMERAL_CHARS or text[index + 1] == "是":
                continue
            syllables[index] = "yi2" if tone == "4" else "yi4"


def _number_pinyin(words: str) -> list[str]:
    out = []
    for index, char in enumerate(words):
        if char == "一":
            following = words[index + 1] if index + 1 < len(words) else ""
            out.append(YI_BEFORE.get(following, "yi1"))
        else:
            out.append(NUMBER_CHAR_PINYIN.get(char) or pinyin(char)[0])
    return out


def _cantonese(pieces: list[Piece]) -> str:
    spelled = [
        Piece(" ".join(p.text), p.kind) if p.kind == "letters" else p
        for p in pieces
    ]
    return spoken_text(spelled)


@lru_cache(maxsize=1)
def _simplifier():
    import opencc

    return opencc.OpenCC("t2s.json")


def _to_simplified(text: str) -> str:
    return _simplifier().convert(text)
