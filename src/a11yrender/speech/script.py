"""The reading script: what is read, in which order, in whose voice, cut into segments.

A page is read as a person would read it aloud: the title, the source/date line, then the
article's blocks in reading order (:func:`a11yrender.article.find_article` decides what the
article is). Each block is a :class:`Paragraph` with a stable id (``title``, ``byline``,
``p1``, ``p2`` ... in reading order) and is cut into :class:`Segment` s: sentences, and
clauses of sentences too long for two caption lines. Segment ids (``p3-2``) are tied to
their paragraph, so the page, the captions and the timing map can refer to each other.

Interviews are recognised by their speaker labels ("主持人：", "记者：", "临港区网站：",
"赵杰："; bold or plain, full- or half-width colon, in its own element or not): when at least
two distinct labels open paragraphs, every paragraph carries the speaker of the turn it is
in, and each speaker is a host (the side asking) or a guest.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from lxml.html import HtmlElement

from ..article import find_article, text_of
from ..chinese_script import guess_language
from ..page import Page, reader_text

Role = Literal["narrator", "host", "guest"]

#: Class of the player the speech mode puts on the page; never part of what is read.
PLAYER_CLASS = "a11y-speech"
#: Width of one caption line, in CJK characters (Latin letters and digits count half).
CAPTION_LINE_WIDTH = 20
#: A segment fills at most two caption lines; espeak-ng reads that length well.
MAX_SEGMENT_WIDTH = 2 * CAPTION_LINE_WIDTH

#: A speaker label opening a paragraph: a short name and a colon, full- or half-width.
SPEAKER_LABEL = re.compile(r"^\s*(?P<label>[^\s:：,，。.!！?？;；、“”\"'()（）【】\d]{1,12}?)\s*[:：]\s*")
#: Labels that open a line of a form or a byline, not a turn of speech.
NOT_SPEAKERS = frozenset(
    "来源 來源 时间 時間 日期 地址 电话 電話 作者 编辑 編輯 责任编辑 責任編輯 附件 注 备注 備註 关键词 關鍵詞 发布时间 "
    "發布時間 发布日期 邮编 网址 邮箱 传真 联系人 联系电话 图 圖 图片 摄影 攝影 字体 一是 二是 三是 首先 其次 其中 例如 "
    "比如 主题 题目 标题 简介 摘要 原标题 点击 下载 上一篇 下一篇 上一条 下一条 分享到 打印 关闭 当前位置 位置".split()
)
#: Labels of the side that asks: the host, the reporter, the site or its readers.
HOST_LABEL = re.compile(r"主持|记者|記者|网站$|網站$|网$|網$|编者|編者|网友|網友|^问$|^問$|^Q$|本报|本台|本网|小编")
#: Sentence ends, with the closing quotes and brackets that belong to the sentence.
SENTENCE_END = re.compile(r"(?:[。！？!?；;…]+|\.(?!\d)|\.$)[”’\"'）)》」』]*")
#: Clause breaks inside a sentence.
CLAUSE_BREAK = re.compile(r"[，,、：:]")
#: Where a clause too long for two caption lines may be cut when it has no punctuation:
#: after a closing title mark or a joining word, before an opening mark; looked for within
#: SOFT_BREAK_REACH characters before the limit.
SOFT_BREAK_AFTER = frozenset("》」』”）)等的和与及并或")
SOFT_BREAK_BEFORE = frozenset("《「『“（(")
SOFT_BREAK_REACH = 12
#: Byline controls that are not information (font size, print, close).
BYLINE_CONTROLS = re.compile(r"【[^】]*(?:字体|字號|字号|打印|关闭|關閉|分享|收藏)[^】]*】|[\[【]\s*[\]】]|(?<!\S)(?:打印|关闭|關閉|收藏|分享)(?!\S)")
#: Elements whose text is program text, never part of a byline read aloud.
_CODE_TAGS = frozenset({"script", "style"})


@dataclass
class Segment:
    """One piece of audio and one caption cue: a sentence or a clause of a paragraph."""

    id: str
    paragraph: str
    text: str
    speaker: str | None = None
    role: Role = "narrator"


@dataclass
class Paragraph:
    """A block of the page that is read, and the element it came from (None: not on the page)."""

    id: str
    element: HtmlElement | None
    text: str
    kind: Literal["title", "byline", "body"] = "body"
    speaker: str | None = None
    role: Role = "narrator"
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Script:
    """What is read from a page, in order."""

    language: str
    paragraphs: list[Paragraph]
    #: Speaker label -> role, in order of first appearance (empty: not an interview).
    speakers: dict[str, Role] = field(default_factory=dict)

    @property
    def segments(self) -> list[Segment]:
        return [segment for paragraph in self.paragraphs for segment in paragraph.segments]

    @property
    def is_interview(self) -> bool:
        return bool(self.speakers)


def reading_script(page: Page, language: str | None = None) -> Script | None:
    """The script of ``page``, or None when it has no article to read."""
    article = find_article(page)
    if article is None:
        return None
    language = language or page.lang or guess_language(article.text())
    paragraphs: list[Paragraph] = []
    if article.title is not None and text_of(article.title):
        paragraphs.append(Paragraph("title", article.title, text_of(article.title), "title"))
    elif (title := _document_title(page)) :
        paragraphs.append(Paragraph("title", None, title, "title"))
    if article.byline is not None and (byline := byline_text(article.byline)):
        paragraphs.append(Paragraph("byline", article.byline, byline, "byline"))
    skip = {id(p.element) for p in paragraphs if p.element is not None}
    number = 0
    for block in article.blocks:
        if id(block) in skip or _in_player(block) or any(id(a) in skip for a in block.iterancestors()):
            continue
        text = _block_text(block)
        if not text:
            continue
        number += 1
        paragraphs.append(Paragraph(f"p{number}", block, text))
    script = Script(language, paragraphs)
    _assign_speakers(script)
    for paragraph in paragraphs:
        paragraph.segments = [
            Segment(f"{paragraph.id}-{index}", paragraph.id, text, paragraph.speaker, paragraph.role)
            for index, text in enumerate(split_segments(paragraph.text), start=1)
        ]
    return script


def byline_text(element: HtmlElement) -> str:
    """The source/date line without its controls (【字体：大 中 小】, 打印)."""
    text = reader_text(element, _CODE_TAGS, _runs_script).replace("\xa0", " ")
    return " ".join(BYLINE_CONTROLS.sub(" ", text).split())


def _runs_script(element: HtmlElement) -> bool:
    """A link that runs script: a byline's font-size and print buttons."""
    return element.tag == "a" and (element.get("href") or "").strip().lower().startswith("javascript:")


def split_segments(text: str, max_width: float = MAX_SEGMENT_WIDTH) -> list[str]:
    """Cut ``text`` into sentences, and sentences wider than ``max_width`` into clauses.

    Joining the segments gives back ``text`` (spaces between segments aside).
    """
    segments: list[str] = []
    for sentence in _split_after(text, SENTENCE_END):
        if display_width(sentence) <= max_width:
            segments.append(sentence)
            continue
        current = ""
        for clause in _split_after(sentence, CLAUSE_BREAK):
            if current and display_width(current + clause) > max_width:
                segments.append(current)
                current = ""
            current += clause
            while display_width(current) > max_width:
                head, current = _hard_split(current, max_width)
                segments.append(head)
        if current:
            segments.append(current)
    return [s.strip() for s in segments if s.strip()]


def display_width(text: str) -> float:
    """Width in CJK characters: wide and fullwidth characters count 1, others half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def speaker_label(text: str) -> str | None:
    """The speaker label opening ``text``, if it looks like one."""
    match = SPEAKER_LABEL.match(text)
    if match is None:
        return None
    label = match.group("label").strip()
    if label in NOT_SPEAKERS or not any(unicodedata.east_asian_width(c) == "W" or c.isalpha() for c in label):
        return None
    return label


# -- internals -------------------------------------------------------------------------------

def _assign_speakers(script: Script) -> None:
    body = [p for p in script.paragraphs if p.kind == "body"]
    labels = [speaker_label(p.text) for p in body]
    found = [label for label in labels if label]
    distinct = list(dict.fromkeys(found))
    recurring = len(found) > len(distinct)
    if len(distinct) < 2 or not (recurring or any(HOST_LABEL.search(label) for label in distinct)):
        return
    roles: dict[str, Role] = {label: "host" if HOST_LABEL.search(label) else "guest" for label in distinct}
    if "host" not in roles.values():
        roles[distinct[0]] = "host"  # nobody is named as asking: the first to speak hosts
    script.speakers = roles
    current: str | None = None
    for paragraph, label in zip(body, labels):
        current = label or current
        if current is not None:
            paragraph.speaker, paragraph.role = current, roles[current]


def _split_after(text: str, pattern: re.Pattern) -> list[str]:
    pieces, start = [], 0
    for match in pattern.finditer(text):
        pieces.append(text[start:match.end()])
        start = match.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def _hard_split(text: str, max_width: float) -> tuple[str, str]:
    """Split a run without punctuation at ``max_width``, never inside a number or a word."""
    width, cut = 0.0, len(text)
    for index, char in enumerate(text):
        width += display_width(char)
        if width > max_width:
            cut = index
            break
    for back in range(cut, max(0, cut - SOFT_BREAK_REACH), -1):
        if text[back - 1] in SOFT_BREAK_AFTER or (back < len(text) and text[back] in SOFT_BREAK_BEFORE):
            return text[:back], text[back:]
    while 0 < cut < len(text) and text[cut].isascii() and text[cut].isalnum() and text[cut - 1].isascii() and text[cut - 1].isalnum():
        cut -= 1
    if cut == 0:
        cut = max(1, int(max_width))
    return text[:cut], text[cut:]


def _block_text(block: HtmlElement) -> str:
    if block.tag == "table":
        rows = []
        for row in block.iter("tr"):
            cells = [text_of(cell) for cell in row if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
            cells = [c for c in cells if c]
            if cells:
                rows.append("，".join(cells))
        return "。".join(rows) if rows else text_of(block)
    return text_of(block)


def _in_player(element: HtmlElement) -> bool:
    for el in (element, *element.iterancestors()):
        if PLAYER_CLASS in (el.get("class") or "").split():
            return True
    return False


def _document_title(page: Page) -> str | None:
    head = page.head
    title = head.find("title") if head is not None else None
    if title is None or not (title.text or "").strip():
        return None
    return re.split(r"\s*(?:_|\||-{1,2}|——)\s*", title.text.strip())[0] or None
