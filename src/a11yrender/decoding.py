"""Turning a page's bytes into text, in the order the WHATWG encoding standard gives.

Order: byte-order mark, then the charset the caller passes (the HTTP header's), then the
page's own ``<meta charset>`` / ``http-equiv`` declaration, then detection. Labels are
resolved with the WHATWG label table (``webencodings``, which tinycss2 already depends on);
the gb2312/gbk family decodes as gb18030 and big5 as big5-hkscs, as browsers do.

Real Chinese pages lie about their encoding: some declare gb2312 and hold UTF-8, some hold
GBK under a UTF-8 label. A declaration is therefore checked against the bytes: when it does
not fit and another encoding decodes them cleanly, the one that fits wins and a diagnostic
says so. Bytes that nothing decodes cleanly are replaced (U+FFFD) and counted.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass, field
from typing import Literal

import webencodings

from .diagnostics import Diagnostic
from .errors import OptionsError

Source = Literal["bom", "caller", "meta", "detected"]

#: WHATWG names whose decoder is wider than Python's codec of the same name.
WIDER_CODECS = {"gbk": "gb18030", "gb18030": "gb18030", "big5": "big5hkscs"}

#: Byte-order marks, longest first.
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))

#: How far into the page the ``<meta>`` declaration is looked for. WHATWG's prescan stops at
#: 1024 bytes, but browsers reparse when the tree builder meets a later ``<meta charset>``, and
#: real government pages put 2-10 KiB of scripts and comments before theirs.
META_SCAN_LIMIT = 65536

#: Encodings tried, in order, when nothing is declared or the declaration does not fit.
#: Chinese first (this library's pages), then the other CJK encodings, then Windows-1252.
DETECTION_ORDER = ("utf-8", "gb18030", "big5hkscs", "cp932", "euc_jp", "cp949", "cp1252")

#: A ``lang`` on the root element reorders detection toward its script.
LANG_PREFERENCE = {
    "zh-tw": "big5hkscs", "zh-hk": "big5hkscs", "zh-mo": "big5hkscs", "zh-hant": "big5hkscs",
    "ja": "cp932", "ko": "cp949",
}

#: Comments, script/style bodies (each up to its end, or to the end of the bytes) and metas.
#: The bodies are matched as "no ``<``, or a ``<`` that does not close": a lazy ``.*?`` tries
#: the closing alternatives at every byte and was nine times slower over government heads.
_PRESCAN = re.compile(
    rb"<!--[^-]*(?:-(?!->)[^-]*)*(?:-->)?|<(script|style)\b[^<]*(?:<(?!/\1\s*>)[^<]*)*(?:</\1\s*>)?"
    rb"|<meta\b(?P<meta>[^>]*)>",
    re.S | re.I,
)
_ATTR = re.compile(rb"""([^\s=/>"']+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_CONTENT_CHARSET = re.compile(rb"""charset\s*=\s*["']?([^\s"';]+)""", re.I)
_BODY = re.compile(rb"<body\b", re.I)
_ROOT_LANG = re.compile(rb"""<html\b[^>]*\blang\s*=\s*["']?([A-Za-z-]+)""", re.I)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, and how the encoding was chosen."""

    text: str
    encoding: str
    source: Source
    replaced: int = 0
    diagnostics: tuple[Diagnostic, ...] = field(default_factory=tuple)


def codec_for_label(label: str) -> str | None:
    """The Python codec that decodes what a WHATWG ``label`` names, or None if unknown."""
    found = webencodings.lookup(label.strip())
    if found is None:
        return None
    if found.name in ("utf-16le", "utf-16be"):
        # A page cannot declare UTF-16 in its own bytes and be ASCII-compatible enough to
        # be read; WHATWG says such a declaration means UTF-8.
        return "utf-8"
    if found.name == "x-user-defined":
        return "cp1252"
    return WIDER_CODECS.get(found.name, codecs.lookup(found.codec_info.name).name)


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a page's bytes; ``encoding`` is a charset the caller knows (an HTTP header)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            text, errors = _decode_counting(data[len(bom):], codec)
            return _result(text, codec, "bom", errors, [])

    if encoding is not None:
        codec = codec_for_label(encoding)
        if codec is None:
            raise OptionsError(f"unknown encoding label {encoding!r}")
        declared: tuple[str, Source, str] | None = (codec, "caller", encoding)
    else:
        label = sniff_meta_charset(data)
        codec = codec_for_label(label) if label else None
        declared = (codec, "meta", label) if codec else None

    notes: list[Diagnostic] = []
    as_utf8 = _strict_utf8(data)
    if declared is not None:
        codec, source, label = declared
        if codec == "utf-8" and as_utf8 is not None:
            return _result(as_utf8, codec, source, 0, notes)
        if codec != "utf-8" and as_utf8 is not None and not data.isascii():
            # Legacy CJK text is practically never valid UTF-8 by accident, so such bytes
            # are UTF-8 whatever the page declares (qq.com declares gb2312 and holds UTF-8).
            notes.append(_mismatch(label, "utf-8"))
            return _result(as_utf8, "utf-8", "detected", 0, notes)
        text, errors = _decode_counting(data, codec)
        if errors == 0:
            return _result(text, codec, source, 0, notes)
        fitting = _first_clean(data, _detection_order(data, exclude=codec))
        if fitting is not None:
            notes.append(_mismatch(label, fitting[1]))
            return _result(fitting[0], fitting[1], "detected", 0, notes)
        return _result(text, codec, source, errors, notes)

    if as_utf8 is not None:
        return _result(as_utf8, "utf-8", "detected", 0, notes)
    order = _detection_order(data, exclude="utf-8")
    fitting = _first_clean(data, order)
    if fitting is not None:
        return _result(fitting[0], fitting[1], "detected", 0, notes)
    # Nothing fits: keep the candidate that loses the fewest bytes.
    best = min(((*_decode_counting(data, c), c) for c in order), key=lambda t: t[1])
    text, errors, codec = best
    return _result(text, codec, "detected", errors, notes)


def sniff_meta_charset(data: bytes) -> str | None:
    """The charset label of the first ``<meta>`` that declares one, as WHATWG's prescan finds it.

    Comments and script/style bodies are skipped, so a ``<script charset="utf-8">`` or a
    commented-out declaration does not count.
    """
    head = data[:META_SCAN_LIMIT]
    body = _BODY.search(head)
    if body:
        head = head[: body.start()]
    # One pass over comments, script/style bodies and metas in document order; only the
    # metas are looked at, and the first that declares a known charset ends the scan.
    for token in _PRESCAN.finditer(head):
        attributes = token.group("meta")
        if attributes is None:
            continue
        attrs = {}
        for name, value in _ATTR.findall(attributes):
            attrs.setdefault(name.lower(), value.strip(b"\"'"))
        label = None
        if b"charset" in attrs:
            label = attrs[b"charset"]
        elif attrs.get(b"http-equiv", b"").lower() == b"content-type":
            found = _CONTENT_CHARSET.search(attrs.get(b"content", b""))
            label = found.group(1) if found else None
        if label:
            text = label.decode("ascii", "replace")
            if codec_for_label(text):
                return text
    return None


# -- internals ---------------------------------------------------------------------------

_counter = threading.local()


def _count_and_replace(error: UnicodeDecodeError):
    _counter.n = getattr(_counter, "n", 0) + 1
    return "\ufffd", error.end


codecs.register_error("a11yrender-count", _count_and_replace)


def _decode_counting(data: bytes, codec: str) -> tuple[str, int]:
    """Decode with replacement, returning the text and how many byte runs were replaced."""
    _counter.n = 0
    text = data.decode(codec, "a11yrender-count")
    return text, _counter.n


def _strict_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _detection_order(data: bytes, exclude: str | None = None) -> list[str]:
    order = list(DETECTION_ORDER)
    lang = _ROOT_LANG.search(data[:META_SCAN_LIMIT])
    if lang:
        tag = lang.group(1).decode("ascii").lower()
        preferred = LANG_PREFERENCE.get(tag) or LANG_PREFERENCE.get(tag.split("-")[0])
        if preferred:
            order.remove(preferred)
            order.insert(1, preferred)
    return [c for c in order if c != exclude]


def _first_clean(data: bytes, order: list[str]) -> tuple[str, str] | None:
    for codec in order:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return None


def _mismatch(label: str, used: str) -> Diagnostic:
    return Diagnostic(
        "decoding.mismatch",
        f"the page declares {label!r} but its bytes are {used}; decoded as {used}",
        "warning",
    )


def _result(text: str, codec: str, source: Source, errors: int, notes: list[Diagnostic]) -> Decoded:
    if errors:
        notes.append(Diagnostic(
            "decoding.replaced",
            f"{errors} byte sequence(s) could not be decoded as {codec} and were replaced with U+FFFD",
            "warning",
            count=errors,
        ))
    return Decoded(text, codec, source, errors, tuple(notes))
