"""Text normalisation for listening: what a newsreader would say for what the page prints.

A page prints ``2025-09-09``, ``1.56亿元``, ``9.6%``, ``G518`` and ``（右）``; a listener
needs 二〇二五年九月九日, 一点五六亿元, 百分之九点六, G 五一八 and a pause. The result is a
list of :class:`Piece` rather than a string, because how a piece is pronounced depends on
what it is: the 一 of a cardinal (一千, yì qiān) is not the 一 of a digit string (二〇一八, yī)
nor the 一 of a phone number (幺), and letters are spelled. :mod:`.pronunciation` turns the
pieces into what the engine reads; :func:`spoken_text` gives them back as Chinese text.

Numerals are converted by cn2an (well kept, handles decimals and large units); the patterns
around them (dates, ranges, codes, percentages, units) are named constants here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

PieceKind = Literal["text", "number", "digits", "phone", "letters", "word", "pause"]


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of the text to be read one way: ``text`` is Chinese characters except for
    ``letters`` and ``word`` (Latin), and ``pause`` (``","`` short, ``"."`` long)."""

    text: str
    kind: PieceKind = "text"


#: Symbols NFKC would turn into something unreadable (㎡ → "m2"), replaced before it runs.
SYMBOL_WORDS = {
    "㎡": "平方米", "m²": "平方米", "m³": "立方米", "㎥": "立方米", "㎞": "公里", "km²": "平方公里",
    "㎏": "公斤", "℃": "摄氏度", "°C": "摄氏度", "&": "和", "＆": "和", "＋": "加", "+": "加",
    "×": "乘", "÷": "除以", "≥": "大于等于", "≤": "小于等于", "＞": "大于", "＜": "小于", "№": "第",
}
_SYMBOLS = re.compile("|".join(sorted(map(re.escape, SYMBOL_WORDS), key=len, reverse=True)))

#: Punctuation read as a short pause (after NFKC: fullwidth forms are already ASCII).
SHORT_PAUSE = frozenset(",、;:·—-~()[]【】〔〕{}<>|/\\")
#: Punctuation read as the end of a sentence.
LONG_PAUSE = frozenset("。.!?…")
#: Quotation marks and title marks: read through, without a pause.
SILENT_MARKS = frozenset("\"'“”‘’「」『』《》〈〉«»*#^_`")

#: Words after a lone 2 that make it 两 (两次, 两个, 两年), a measure word or a time unit.
MEASURE_WORDS = frozenset(
    "个次份人户套项家条起名位座栋幢台辆天年周只件张本批所层处种类轮场届部篇期级支把块间头匹艘架门道亿万千"
)
#: A leading 二 read 两 before these units (两千, 两万, 两亿), as newsreaders do.
LEADING_LIANG = frozenset({"二千", "二万", "二亿"})
#: Letter names as Chinese readers say them, in tone-numbered pinyin.
LETTER_PINYIN = {
    "A": "ei1", "B": "bi4", "C": "xi1", "D": "di4", "E": "yi4", "F": "ai2 fu5", "G": "ji4",
    "H": "ai1 qi1", "I": "ai4", "J": "jie4", "K": "kei4", "L": "ai2 le5", "M": "ai2 mu5", "N": "en1",
    "O": "ou1", "P": "pi4", "Q": "kiu1", "R": "a4", "S": "ai2 si1", "T": "ti4", "U": "you1",
    "V": "wei1", "W": "da2 bu5 liu5", "X": "ai2 ke4 si1", "Y": "wai4", "Z": "zei4",
}
#: Longest capitalised run spelled letter by letter (an acronym, GDP); others are words.
MAX_SPELLED_LETTERS = 6
#: Digits as read one by one; 〇 is how years are written and read.
DIGIT_CHARS = dict(zip("0123456789", "〇一二三四五六七八九"))

_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_RANGE_DASH = r"\s*(?:-|~|—|–|至|到)\s*"

#: One alternation, tried left to right at every position: the first rule that matches wins.
_RULES = re.compile(
    "|".join([
        # 2025-09-09, 2025/9/9, 2025.09.09, 2025年9月9日
        r"(?P<date>(?P<y>\d{4})\s*(?P<s1>[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})(?!\d)\s*(?P<dd>[日号])?)",
        # 2025年9月, 2025-09 followed by a Chinese character or end is too ambiguous: only with 年
        r"(?P<yearmonth>(?P<ym_y>\d{4})年(?P<ym_m>\d{1,2})月)",
        # 2023-2025年: a range of years
        rf"(?P<yearrange>(?P<yr1>\d{{4}}){_RANGE_DASH}(?P<yr2>\d{{4}})(?=年))",
        # 2025年, 2025年度
        r"(?P<year>\d{4})(?=年)",
        # 10:30
        r"(?P<time>(?<![\d.])(?P<hh>[01]?\d|2[0-3]):(?P<mm>[0-5]\d)(?![\d:]))",
        # 0539-2388888, 13812345678, 12345 hotlines
        r"(?P<phone>(?<!\d)(?:0\d{2,3}-\d{7,8}|1[3-9]\d{9}|12345|110|119|120|122)(?!\d))",
        # 5%-10%, 5-10%
        rf"(?P<pctrange>(?P<pr1>{_NUMBER})%?{_RANGE_DASH}(?P<pr2>{_NUMBER})%)",
        rf"(?P<percent>(?P<pct>{_NUMBER})%)",
        rf"(?P<permille>(?P<pml>{_NUMBER})‰)",
        # 10-20, 5~8 (not dates or phones, matched above)
        rf"(?P<range>(?P<r1>{_NUMBER}){_RANGE_DASH}(?P<r2>{_NUMBER})(?![\d-]))",
        # G518, S10, 5G, 3D, IPv6: codes are read digit by digit
        r"(?P<code>[A-Za-z]+\d+[A-Za-z\d]*|\d+[A-Za-z]+[A-Za-z\d]*)",
        # 第3, 第12: ordinals are plain cardinals after 第
        rf"(?P<number>{_NUMBER})",
        r"(?P<latin>[A-Za-z]+)",
        # 一是, 二是 ... at the start of a clause: keep, and pause after the marker
        r"(?P<marker>(?:^|(?<=[,;:。.!?、]))\s*(?P<mk>[一二三四五六七八九十]{1,2})是)",
    ])
)
#: A closing quotation or title mark followed by an opening one: two items, read apart.
_ADJACENT_QUOTES = re.compile(r"(?<=[”’」』》])\s*(?=[“‘「『《])")
_SPACES_AROUND_PAUSES = re.compile(r"\s*([，。])\s*")
#: A list marker at the start of a block: (一) 1. 1、 一、
_LEADING_MARKER = re.compile(r"^\s*[(]?(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})(?:[)]|、|\.(?!\d))\s*")


def normalise(text: str) -> list[Piece]:
    """The pieces a listener should hear for ``text`` (one segment of a page)."""
    text = _SYMBOLS.sub(lambda m: SYMBOL_WORDS[m.group()], text)
    text = _ADJACENT_QUOTES.sub("、", text)  # “开工第一课”“安全生产月”: a pause between them
    text = unicodedata.normalize("NFKC", text)
    pieces: list[Piece] = []
    marker = _LEADING_MARKER.match(text)
    if marker:
        pieces += [_cardinal_or_digits(marker.group("n")), Piece(",", "pause")]
        text = text[marker.end():]
    position = 0
    for match in _RULES.finditer(text):
        _add_plain(pieces, text[position:match.start()])
        pieces += _expand(match, text[match.start() - 1:match.start()] if match.start() else "",
                          text[match.end():match.end() + 1])
        position = match.end()
    _add_plain(pieces, text[position:])
    return _tidy(pieces)


def spoken_text(pieces: list[Piece]) -> str:
    """The pieces as one Chinese string (what a Cantonese voice reads, and the cache key)."""
    out = []
    for piece in pieces:
        if piece.kind == "pause":
            out.append("，" if piece.text == "," else "。")
        elif piece.kind in ("letters", "word"):
            out.append(f" {piece.text} ")
        elif piece.kind == "phone":
            out.append(piece.text)
        else:
            out.append(piece.text)
    return _SPACES_AROUND_PAUSES.sub(r"\1", " ".join("".join(out).split()))


# -- rules -----------------------------------------------------------------------------------

def _expand(match: re.Match, preceding: str, following: str) -> list[Piece]:
    group = match.lastgroup
    g = match.group
    if group == "date":
        day_word = g("dd") or "日"
        return [_digits(g("y")), Piece("年"), _cardinal(str(int(g("m")))), Piece("月"), _cardinal(str(int(g("d")))), Piece(day_word)]
    if group == "yearmonth":
        return [_digits(g("ym_y")), Piece("年"), _cardinal(str(int(g("ym_m")))), Piece("月")]
    if group == "yearrange":
        return [_digits(g("yr1")), Piece("至"), _digits(g("yr2"))]
    if group == "year":
        return [_digits(g("year"))]
    if group == "time":
        minutes = int(g("mm"))
        spoken = [_cardinal(str(int(g("hh")))), Piece("点")]
        if minutes:
            spoken += [_cardinal(str(minutes)), Piece("分")]
        return spoken
    if group == "phone":
        parts = [Piece("".join(DIGIT_CHARS[c] for c in part), "phone") for part in g("phone").split("-")]
        return [item for part in parts for item in (part, Piece(",", "pause"))][:-1]
    if group == "pctrange":
        return [Piece("百分之"), _cardinal(g("pr1")), Piece("至"), Piece("百分之"), _cardinal(g("pr2"))]
    if group == "percent":
        return [Piece("百分之"), Piece("百", "number") if g("pct") == "100" else _cardinal(g("pct"))]
    if group == "permille":
        return [Piece("千分之"), _cardinal(g("pml"))]
    if group == "range":
        return [_cardinal(g("r1")), Piece("至"), _cardinal(g("r2"), following)]
    if group == "code":
        return _code(g("code"))
    if group == "number":
        return [_cardinal(g("number"), "" if preceding == "第" else following)]
    if group == "latin":
        return [_latin(g("latin"))]
    if group == "marker":
        return [Piece(g("mk") + "是"), Piece(",", "pause")]
    raise AssertionError(group)


def _cardinal(number: str, following: str = "") -> Piece:
    """A quantity as a newsreader says it: 1200 一千二百, 1.56 一点五六, 2次 两次."""
    plain = number.replace(",", "")
    if plain == "2" and following and following in MEASURE_WORDS:
        return Piece("两", "number")
    if len(plain.split(".")[0]) > 1 and plain.startswith("0"):
        return _digits(plain)  # 007, 0539: an identifier, not a quantity
    try:
        words = _an2cn(plain)
    except (ValueError, KeyError):
        return _digits(plain)  # beyond cn2an's range: read it digit by digit
    if words[:2] in LEADING_LIANG:
        words = "两" + words[1:]  # 2000 两千, 20000 两万
    return Piece(words, "number")


def _an2cn(number: str) -> str:
    """cn2an's reading of an Arabic number; imported on first use (it takes half a second)."""
    import cn2an

    return cn2an.an2cn(number, "low")


def _cardinal_or_digits(number: str) -> Piece:
    return _cardinal(number) if number.isdigit() else Piece(number, "number")


def _digits(number: str) -> Piece:
    return Piece("".join(DIGIT_CHARS.get(c, "点" if c == "." else "") for c in number), "digits")


def _code(code: str) -> list[Piece]:
    pieces = []
    for run in re.findall(r"[A-Za-z]+|\d+", code):
        pieces.append(_digits(run) if run.isdigit() else _latin(run, spell=True))
    return pieces


def _latin(run: str, spell: bool = False) -> Piece:
    """Letters of a code or an acronym (G518, GDP) are spelled; a word (Linyi, Arial) is kept."""
    if spell or len(run) <= 2 or (run.isupper() and len(run) <= MAX_SPELLED_LETTERS):
        return Piece(run.upper(), "letters")
    return Piece(run, "word")


def _add_plain(pieces: list[Piece], text: str) -> None:
    """Plain text between the rules' matches: characters stay, punctuation becomes pauses."""
    run: list[str] = []
    for char in text:
        if char in LONG_PAUSE or char in SHORT_PAUSE:
            _flush(pieces, run)
            pieces.append(Piece("." if char in LONG_PAUSE else ",", "pause"))
        elif char in SILENT_MARKS or char.isspace() or unicodedata.category(char)[0] in "PS":
            _flush(pieces, run)
        else:
            run.append(char)
    _flush(pieces, run)


def _flush(pieces: list[Piece], run: list[str]) -> None:
    if run:
        pieces.append(Piece("".join(run)))
        run.clear()


def _tidy(pieces: list[Piece]) -> list[Piece]:
    """Merge neighbouring text, collapse runs of pauses (the longest wins), trim the ends."""
    out: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        previous = out[-1] if out else None
        if previous is not None and piece.kind == previous.kind == "text":
            out[-1] = Piece(previous.text + piece.text)
        elif previous is not None and piece.kind == previous.kind == "pause":
            out[-1] = Piece("." if "." in (piece.text, previous.text) else ",", "pause")
        elif piece.kind == "pause" and previous is None:
            continue
        else:
            out.append(piece)
    while out and out[-1].kind == "pause" and out[-1].text == ",":
        out.pop()
    return out
