"""What is on the screen, pixel by pixel: for the checks computed styles cannot make.

A computed outline says a focus ring is specified; only the pixels say it is drawn and not
clipped away. Playwright returns screenshots as PNG; this module decodes the PNG Chromium
writes (8-bit RGB or RGBA, not interlaced) with :mod:`zlib`, so the checks need no imaging
library.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from ..colour import RGBA

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Bytes per pixel by PNG colour type (8-bit channels): grey, RGB, grey+alpha, RGBA.
_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


class PNGError(ValueError):
    """A PNG this decoder does not read (palette, 16-bit or interlaced images)."""


@dataclass(frozen=True, slots=True)
class Pixels:
    """An image as rows of RGBA bytes."""

    width: int
    height: int
    rgba: bytes

    def at(self, x: int, y: int) -> tuple[int, int, int, int]:
        i = (y * self.width + x) * 4
        return tuple(self.rgba[i:i + 4])

    def count(self, colour: RGBA, tolerance: int = 24, region=None) -> int:
        """How many pixels are within ``tolerance`` (per channel, 0-255) of ``colour``;
        ``region`` is a predicate ``(x, y) -> bool`` limiting where to look."""
        target = tuple(round(c * 255) for c in (colour.r, colour.g, colour.b))
        found = 0
        data = self.rgba
        for y in range(self.height):
            row = y * self.width * 4
            for x in range(self.width):
                if region is not None and not region(x, y):
                    continue
                i = row + x * 4
                if (abs(data[i] - target[0]) <= tolerance and abs(data[i + 1] - target[1]) <= tolerance
                        and abs(data[i + 2] - target[2]) <= tolerance):
                    found += 1
        return found


def decode_png(data: bytes) -> Pixels:
    """Decode an 8-bit, non-interlaced PNG (what Chromium's screenshots are) to RGBA."""
    if not data.startswith(_SIGNATURE):
        raise PNGError("not a PNG")
    position = len(_SIGNATURE)
    header = None
    compressed = bytearray()
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed += body
        elif kind == b"IEND":
            break
    if header is None:
        raise PNGError("PNG without a header")
    width, height, depth, colour_type, _, _, interlace = header
    if depth != 8 or colour_type not in _CHANNELS or interlace:
        raise PNGError(f"unsupported PNG: depth {depth}, colour type {colour_type}, interlace {interlace}")
    channels = _CHANNELS[colour_type]
    raw = zlib.decompress(bytes(compressed))
    stride = width * channels
    rows = _unfilter(raw, height, stride, channels)
    return Pixels(width, height, _to_rgba(rows, channels))


def screenshot(page, x: float, y: float, width: float, height: float) -> Pixels:
    """The pixels of a rectangle of the viewport (CSS px at scale 1)."""
    clip = {"x": max(0.0, x), "y": max(0.0, y), "width": max(1.0, width), "height": max(1.0, height)}
    return decode_png(page.screenshot(clip=clip, type="png", animations="disabled", caret="hide"))


def _unfilter(raw: bytes, height: int, stride: int, bpp: int) -> bytearray:
    out = bytearray(height * stride)
    previous = bytearray(stride)
    position = 0
    for y in range(height):
        kind = raw[position]
        line = bytearray(raw[position + 1:position + 1 + stride])
        position += 1 + stride
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + previous[i]) & 0xFF
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = previous[i]
                c = previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + predictor) & 0xFF
        elif kind != 0:
            raise PNGError(f"unknown PNG filter {kind}")
        out[y * stride:(y + 1) * stride] = line
        previous = line
    return out


def _to_rgba(rows: bytearray, channels: int) -> bytes:
    if channels == 4:
        return bytes(rows)
    pixels = len(rows) // channels
    out = bytearray(pixels * 4)
    for i in range(pixels):
        if channels == 3:
            out[i * 4:i * 4 + 3] = rows[i * 3:i * 3 + 3]
            out[i * 4 + 3] = 255
        elif channels == 1:
            out[i * 4:i * 4 + 3] = bytes((rows[i],)) * 3
            out[i * 4 + 3] = 255
        else:  # grey + alpha
            out[i * 4:i * 4 + 3] = bytes((rows[i * 2],)) * 3
            out[i * 4 + 3] = rows[i * 2 + 1]
    return bytes(out)
