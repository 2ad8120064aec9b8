"""A parsed page: sources in (decoded in WHATWG order), UTF-8 HTML out.

Every mode works on a :class:`Page`; nothing else in the library parses or serializes HTML.
A whole document keeps its doctype and comes back as a document; a fragment (a CMS body
field, say) is parsed inside a container element and comes back as a fragment, without a
``<head>`` or a charset declaration.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Union

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from .decoding import decode
from .diagnostics import Diagnostic
from .errors import InputError

Source = Union[str, bytes, bytearray, memoryview, os.PathLike, IO[bytes], IO[str]]

#: Markup that makes an input a whole document rather than a fragment.
_DOCUMENT_MARKERS = re.compile(r"<(?:!doctype|html|head|body)[\s>/]", re.I)

#: The tag of the element a fragment is parsed into; it never reaches the output.
FRAGMENT_CONTAINER = "div"

#: Elements whose text a reader never sees.
INVISIBLE_TEXT_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})

_PARSER = lxml.html.HTMLParser(
    encoding="utf-8", remove_comments=False, remove_pis=False, default_doctype=False,
    no_network=True, huge_tree=True,
)
# Every element is an HtmlElement, chosen in C. lxml.html's own lookup picks a form class
# (InputElement, SelectElement...) by tag in a Python call each time an element is touched
# from Python: 7 % of a traditional render. Nothing here uses those classes' extras.
_PARSER.set_element_class_lookup(lxml.etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
))


@dataclass(eq=False)
class Page:
    """A page being rendered: its tree, what kind of input it was, and the diagnostics so far."""

    root: HtmlElement
    is_fragment: bool = False
    doctype: str | None = None
    encoding: str = "utf-8"
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: Comments and processing instructions before the root element, kept in the output.
    prologue: list = field(default_factory=list)

    # -- structure ---------------------------------------------------------------------

    @property
    def head(self) -> HtmlElement | None:
        """The ``<head>``, created on first use for a document; None for a fragment."""
        if self.is_fragment:
            return None
        head = next(self.root.iterchildren("head"), None)  # a third of find()'s cost; modes ask often
        if head is None:
            head = self.root.makeelement("head", {})
            self.root.insert(0, head)
        return head

    @property
    def body(self) -> HtmlElement:
        """The ``<body>`` of a document, or the fragment's container."""
        if self.is_fragment:
            return self.root
        body = next(self.root.iterchildren("body"), None)
        if body is None:
            body = self.root.makeelement("body", {})
            self.root.append(body)
        return body

    @property
    def lang(self) -> str | None:
        """The page's declared language (the root's ``lang``), if any."""
        value = self.root.get("lang") or self.root.get("{http://www.w3.org/XML/1998/namespace}lang")
        return value.strip() or None if value else None

    def note(self, code: str, message: str, severity="info", count: int = 1, where: str | None = None) -> None:
        """Record a diagnostic."""
        self.diagnostics.append(Diagnostic(code, message, severity, count, where))

    # -- output ------------------------------------------------------------------------

    def serialize(self) -> str:
        """The page as HTML text (encode it as UTF-8: documents declare exactly that)."""
        _close_empty_list_items(self.root)
        if self.is_fragment:
            parts = [_escape_text(self.root.text or "")]
            parts += [lxml.html.tostring(child, encoding="unicode") for child in self.root]
            return "".join(parts)
        # etree's HTML serializer, not lxml.html.tostring: that one also runs a regular
        # expression over the whole output to drop <meta http-equiv="Content-Type">, which
        # a loaded document no longer has (declare_utf8), at up to a fifth of a serialize.
        html = lxml.etree.tostring(self.root, method="html", encoding="unicode")
        if self.doctype is None and not self.prologue:
            return html
        parts = [self.doctype + "\n"] if self.doctype else []
        parts += [lxml.etree.tostring(node, encoding="unicode") for node in self.prologue]
        parts.append(html)
        return "".join(parts)

    def to_bytes(self) -> bytes:
        return self.serialize().encode("utf-8")

    def text(self) -> str:
        """The visible text, whitespace collapsed: what load/save must never change."""
        return visible_text(self.root)


def load(source: Source, *, encoding: str | None = None) -> Page:
    """Parse ``source`` into a :class:`Page`.

    ``source`` is markup as ``str``, bytes, a path (``pathlib.Path`` or any ``os.PathLike``;
    a plain ``str`` is always markup), or an open file. ``encoding`` is the charset the
    caller knows from outside the bytes (an HTTP header); it is ignored for ``str`` input.
    """
    notes: list[Diagnostic] = []
    data = read_source(source)
    utf8: bytes | None = None
    if isinstance(data, str):
        text, used = data, "utf-8"
    else:
        decoded = decode(data, encoding)
        text, used = decoded.text, decoded.encoding
        notes.extend(decoded.diagnostics)
        if decoded.source != "bom" and used == "utf-8":
            utf8 = data  # already what the parser wants: skip re-encoding
    # A NUL in the text can only come from a zero byte (every codec here but UTF-16 keeps
    # U+0000 single-byte), and memchr over the bytes is cheaper than a scan of the text.
    if (data.__class__ is str or b"\x00" in data) and "\x00" in text:
        text, utf8 = text.replace("\x00", "\ufffd"), None

    if is_document(text):
        page = _parse_document(utf8 if utf8 is not None else text.encode("utf-8"))
    else:
        page = _parse_fragment(text)
    page.encoding = used
    page.diagnostics[:0] = notes
    if not page.is_fragment:
        declare_utf8(page)
    return page


def is_document(text: str) -> bool:
    """True when the markup has a doctype or an html/head/body tag outside comments."""
    for match in _DOCUMENT_MARKERS.finditer(text):
        opened = text.rfind("<!--", 0, match.start())
        if opened == -1 or text.find("-->", opened + 4, match.start()) != -1:
            return True
    return False


def declare_utf8(page: Page) -> None:
    """Make ``<meta charset="utf-8">`` the first child of ``<head>`` and the only declaration.

    Every declaration is removed and one written fresh, so running this twice gives the
    same tree (the whitespace that led the head stays first).
    """
    head = page.head
    declarations = [
        meta for meta in page.root.iter("meta")
        if meta.get("charset") is not None
        or (meta.get("http-equiv") or "").strip().lower() == "content-type"
    ]
    for meta in declarations:
        remove_element(meta)
    meta = head.makeelement("meta", {"charset": "utf-8"})
    meta.tail, head.text = head.text, None
    head.insert(0, meta)
    if page.encoding != "utf-8":
        page.note("page.charset", f"re-declared as UTF-8 (decoded from {page.encoding})")


def reader_text(
    element: HtmlElement,
    unread_tags: frozenset[str],
    left_out: Callable[[HtmlElement], bool] | None = None,
    line_break: str = "",
) -> str:
    """The text of ``element`` as the tree holds it (whitespace as is): every text and tail,
    except inside elements whose tag is in ``unread_tags`` or that ``left_out`` rejects. A
    ``<br>`` gives ``line_break``.

    The one walk behind every "text a reader gets" in the library; its callers differ only
    in what they leave out and in how they tidy the result. Tags are tested before the
    predicate is called: the article finder calls this for every block it weighs.
    """
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag
        if tag.__class__ is str and tag not in unread_tags and not (left_out and left_out(el)):
            if line_break and tag == "br":
                parts.append(line_break)
            text = el.text  # read once: every read of text or tail decodes a new string
            if text:
                parts.append(text)
            for child in el:
                walk(child)
        tail = el.tail
        if tail and el is not element:
            parts.append(tail)

    walk(element)
    return "".join(parts)


def visible_text(element: HtmlElement) -> str:
    """Text content without script/style/head text, whitespace collapsed to single spaces."""
    return " ".join(reader_text(element, INVISIBLE_TEXT_TAGS).split())


def remove_element(element: HtmlElement) -> None:
    """Remove an element but keep the text that follows it (its ``tail``); a root stays."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def read_source(source: Source) -> str | bytes:
    """The markup or bytes of any kind of source (InputError when it cannot be read)."""
    if isinstance(source, str):
        return source
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if isinstance(source, os.PathLike):
        path = Path(source)
        try:
            return path.read_bytes()
        except IsADirectoryError:
            raise InputError(f"{path} is a directory, not a page") from None
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except OSError as error:
            raise InputError(f"{path}: {error.strerror or error}") from None
    read = getattr(source, "read", None)
    if callable(read):
        try:
            data = read()
        except (OSError, ValueError, io.UnsupportedOperation) as error:
            raise InputError(f"cannot read the source: {error}") from None
        if isinstance(data, (str, bytes)):
            return data
    raise InputError(
        f"cannot make a page from {type(source).__name__}; pass str markup, bytes, a path or a file"
    )


def _parse_document(data: bytes) -> Page:
    try:
        root = lxml.html.document_fromstring(data, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as error:
        raise InputError(f"cannot parse the page: {error}") from None
    tree = root.getroottree()
    prologue = list(reversed(list(root.itersiblings(preceding=True))))
    return Page(root=root, is_fragment=False, doctype=tree.docinfo.doctype or None, prologue=prologue)


def _parse_fragment(text: str) -> Page:
    if not text.strip():
        return Page(root=lxml.html.Element(FRAGMENT_CONTAINER), is_fragment=True)
    wrapped = f"<html><body><{FRAGMENT_CONTAINER}>{text}</{FRAGMENT_CONTAINER}></body></html>"
    try:
        root = lxml.html.document_fromstring(wrapped.encode("utf-8"), parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as error:
        raise InputError(f"cannot parse the fragment: {error}") from None
    body = root.find("body")
    container = body[0] if len(body) == 1 and body[0].tag == FRAGMENT_CONTAINER and not body.text else None
    if container is None:
        # The parser moved things out of the wrapper (a stray </div>): use the body itself.
        container = body
        container.tag = FRAGMENT_CONTAINER
    container.getparent().remove(container) if container.getparent() is not None else None
    return Page(root=container, is_fragment=True)


def _close_empty_list_items(root: HtmlElement) -> None:
    """Give empty ``<li>`` an explicit end tag.

    libxml2 writes an empty ``<li>`` without its end tag, and re-parsing then moves the
    following whitespace into it: the output would not be a fixed point of load/save, and
    modes could not be idempotent. An empty text node makes the serializer close it.
    """
    for item in root.iter("li"):
        if item.text is None and not len(item):
            item.text = ""


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
