"""Decoding Chromium's screenshots: known colours in, counted pixels out."""

import zlib
import struct

import pytest

from a11yrender import checks
from a11yrender.checks.pixels import PNGError, decode_png
from a11yrender.colour import parse_colour

pytestmark = pytest.mark.browser

BOXES = """<!DOCTYPE html><html><body style="margin:0;background:#fff">
<div style="position:absolute;left:0;top:0;width:10px;height:10px;background:#ff0000"></div>
<div style="position:absolute;left:20px;top:0;width:7px;height:3px;background:rgb(0,128,255)"></div>
<div style="position:absolute;left:0;top:20px;width:40px;height:40px;background:linear-gradient(90deg,#000,#fff)"></div>
</body></html>"""


def test_screenshot_pixels_are_the_colours_painted(page):
    checks.open_html(page, BOXES, width=320)
    pixels = checks.screenshot(page, 0, 0, 30, 10)
    assert (pixels.width, pixels.height) == (30, 10)
    assert pixels.at(0, 0) == (255, 0, 0, 255) and pixels.at(25, 1) == (0, 128, 255, 255)
    assert pixels.count(parse_colour("#ff0000"), tolerance=0) == 100
    assert pixels.count(parse_colour("#0080ff"), tolerance=0) == 21
    assert pixels.count(parse_colour("#ff0000"), tolerance=0, region=lambda x, y: x < 5) == 50


def test_a_gradient_screenshot_decodes_smoothly(page):
    checks.open_html(page, BOXES, width=320)
    pixels = checks.screenshot(page, 0, 20, 40, 40)
    row = [pixels.at(x, 5)[0] for x in range(40)]
    assert row == sorted(row) and row[0] < 10 and row[-1] > 245
    # Skia dithers gradients by a step or two; a wrongly undone filter is off by far more.
    assert max(abs(pixels.at(x, y)[0] - pixels.at(x, 0)[0]) for x in range(40) for y in range(40)) <= 3


def _png(width, height, rows, filters, colour_type=2):
    """Encode RGB rows with the given PNG filter per row (the forward filters of the PNG spec)."""
    bpp = 3
    out = bytearray()
    previous = bytes(width * bpp)
    for row, kind in zip(rows, filters):
        line = bytearray()
        for i, value in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 0:
                predictor = 0
            elif kind == 1:
                predictor = a
            elif kind == 2:
                predictor = b
            elif kind == 3:
                predictor = (a + b) >> 1
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else b if pb <= pc else c
            line.append((value - predictor) & 0xFF)
        out += bytes([kind]) + line
        previous = row

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(out))) + chunk(b"IEND", b"")


def test_every_png_filter_is_undone():
    width, height = 7, 10
    rows = [bytes((x * 37 + y * 11 + c * 5) % 256 for x in range(width) for c in range(3)) for y in range(height)]
    pixels = decode_png(_png(width, height, rows, [0, 1, 2, 3, 4, 4, 3, 2, 1, 0]))
    assert all(pixels.at(x, y) == (*rows[y][x * 3:x * 3 + 3], 255) for x in range(width) for y in range(height))


def test_unsupported_pngs_are_refused():
    with pytest.raises(PNGError):
        decode_png(b"GIF89a")
    header = struct.pack(">IIBBBBB", 1, 1, 16, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(header)) + b"IHDR" + header + b"\0\0\0\0"
    idat = zlib.compress(b"\0" + b"\0" * 6)
    png = b"\x89PNG\r\n\x1a\n" + chunk + struct.pack(">I", len(idat)) + b"IDAT" + idat + b"\0\0\0\0"
    with pytest.raises(PNGError, match="depth 16"):
        decode_png(png)
