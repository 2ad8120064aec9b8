"""Colours: parsing CSS colours, compositing, WCAG luminance and contrast.

One implementation shared by the themes (which must prove their own ratios), the modes
(which pick colours) and the browser checks (which measure what Chromium computed), so the
library and its tests cannot disagree about what 7:1 means.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import tinycss2.color4

#: WCAG 2.2 contrast thresholds.
AA_TEXT = 4.5          # 1.4.3, normal text
AA_LARGE_TEXT = 3.0    # 1.4.3, large text
AAA_TEXT = 7.0         # 1.4.6, normal text
AAA_LARGE_TEXT = 4.5   # 1.4.6, large text
NON_TEXT = 3.0         # 1.4.11, borders, focus indicators, icons

#: WCAG "large text": at least 18 pt, or 14 pt bold (CSS px at 96 dpi).
LARGE_TEXT_PX = 24.0
LARGE_BOLD_TEXT_PX = 18.66
BOLD_WEIGHT = 700

#: sRGB transfer function threshold (IEC 61966-2-1, as WCAG 2.2 now cites it).
SRGB_THRESHOLD = 0.04045


@dataclass(frozen=True, slots=True)
class RGBA:
    """An sRGB colour with channels and alpha in 0..1."""

    r: float
    g: float
    b: float
    a: float = 1.0

    @classmethod
    def from_bytes(cls, r: int, g: int, b: int, a: float = 1.0) -> "RGBA":
        return cls(r / 255, g / 255, b / 255, a)

    @property
    def opaque(self) -> bool:
        return self.a >= 0.999

    @property
    def hex(self) -> str:
        """``#rrggbb`` (alpha dropped)."""
        return "#" + "".join(f"{round(c * 255):02x}" for c in (self.r, self.g, self.b))

    def css(self) -> str:
        channels = ", ".join(str(round(c * 255)) for c in (self.r, self.g, self.b))
        return f"rgb({channels})" if self.opaque else f"rgba({channels}, {self.a:.3g})"

    def __str__(self) -> str:
        return self.hex if self.opaque else self.css()


WHITE = RGBA(1.0, 1.0, 1.0)
BLACK = RGBA(0.0, 0.0, 0.0)
TRANSPARENT = RGBA(0.0, 0.0, 0.0, 0.0)


@lru_cache(maxsize=4096)
def parse_colour(value: str) -> RGBA | None:
    """Parse any CSS Color 4 value into sRGB; None for ``currentcolor`` or anything invalid.

    Cached: a page's measurements and stylesheets repeat the same few colour strings
    thousands of times, and tinycss2's tokenizer is the expensive part.
    """
    try:
        colour = tinycss2.color4.parse_color(value.strip())
    except (TypeError, ValueError, AttributeError, IndexError):
        return None
    if colour is None or isinstance(colour, str):
        return None
    rgb = _to_srgb(colour)
    if rgb is None:
        return None
    r, g, b = (min(1.0, max(0.0, c)) for c in rgb)
    return RGBA(r, g, b, float(colour.alpha))


def composite(top: RGBA, bottom: RGBA) -> RGBA:
    """``top`` painted over ``bottom`` (Porter-Duff source-over, non-premultiplied)."""
    alpha = top.a + bottom.a * (1 - top.a)
    if alpha <= 0:
        return TRANSPARENT

    def mix(t: float, b: float) -> float:
        return (t * top.a + b * bottom.a * (1 - top.a)) / alpha

    return RGBA(mix(top.r, bottom.r), mix(top.g, bottom.g), mix(top.b, bottom.b), alpha)


def relative_luminance(colour: RGBA) -> float:
    """WCAG relative luminance of an (opaque) colour."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= SRGB_THRESHOLD else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.r) + 0.7152 * linear(colour.g) + 0.0722 * linear(colour.b)


def contrast_ratio(foreground: RGBA, background: RGBA) -> float:
    """WCAG contrast ratio, 1 to 21.

    A translucent background is first laid on white (the browser's canvas), then a
    translucent foreground on that background, as they are painted.
    """
    if not background.opaque:
        background = composite(background, WHITE)
    if not foreground.opaque:
        foreground = composite(foreground, background)
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def is_large_text(font_size_px: float, font_weight: int | float = 400) -> bool:
    """WCAG large-scale text: >= 18 pt, or >= 14 pt and bold."""
    return font_size_px >= LARGE_TEXT_PX - 0.01 or (font_weight >= BOLD_WEIGHT and font_size_px >= LARGE_BOLD_TEXT_PX - 0.01)


# -- colour spaces tinycss2 parses but does not convert to sRGB ------------------------------

# XYZ (D65) to linear sRGB, and Bradford D50 -> D65, from CSS Color 4's sample code.
_XYZ_D65_TO_LINEAR_SRGB = (
    (3.2409699419045226, -1.537383177570094, -0.4986107602930034),
    (-0.9692436362808796, 1.8759675015077202, 0.04155505740717559),
    (0.05563007969699366, -0.20397695888897652, 1.0569715142428786),
)
_D50_TO_D65 = (
    (0.955473421488075, -0.02309845494876471, 0.06325924320057072),
    (-0.0283697093338637, 1.0099953980813041, 0.021041441191917323),
    (0.012314014864481998, -0.020507649298898964, 1.330365926242124),
)


def _multiply(matrix, vector):
    return tuple(sum(m * v for m, v in zip(row, vector)) for row in matrix)


def _encode(linear: float) -> float:
    sign = -1 if linear < 0 else 1
    linear = abs(linear)
    return sign * (12.92 * linear if linear <= 0.0031308 else 1.055 * linear ** (1 / 2.4) - 0.055)


def _to_srgb(colour) -> tuple[float, float, float] | None:
    space = colour.space
    if space in ("srgb", "hsl", "hwb"):
        return tuple(colour.to("srgb").coordinates)
    if space == "srgb-linear":
        return tuple(_encode(c) for c in colour.coordinates)
    if space in ("lab", "lch"):
        xyz = _multiply(_D50_TO_D65, colour.to("xyz-d50").coordinates)
    elif space in ("oklab", "oklch"):
        xyz = tuple(colour.to("xyz-d65").coordinates)
    elif space in ("xyz", "xyz-d65"):
        xyz = tuple(colour.coordinates)
    elif space == "xyz-d50":
        xyz = _multiply(_D50_TO_D65, colour.coordinates)
    else:  # display-p3, rec2020 and friends: rare in pages, not worth guessing at
        return None
    return tuple(_encode(c) for c in _multiply(_XYZ_D65_TO_LINEAR_SRGB, xyz))
