"""Measurements of a page open in Chromium, as plain data.

Each function takes a Playwright ``Page``, runs ``measure.js`` in it, and turns the raw
computed values into dataclasses, doing the arithmetic (compositing the backgrounds behind
a text, its contrast ratio) with :mod:`a11yrender.colour`. Tests and QA reports read the
same objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import json
from functools import lru_cache
from importlib import resources

from ..colour import RGBA, WHITE, composite, contrast_ratio, is_large_text, parse_colour
from .browser import VIEWPORT_HEIGHT


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass(frozen=True, slots=True)
class TextRun:
    """One visible text node (or a form control's value or placeholder) as painted."""

    selector: str
    tag: str
    kind: str  # "text", "control" or "placeholder"
    text: str
    font_size: float
    line_height: float | None  # None when the computed value is "normal"
    font_weight: int
    colour: RGBA | None
    background: RGBA
    #: CSS path of an element painting a background image behind the text, if any.
    background_image: str | None
    opacity: float
    rect: Rect
    lines: int
    text_align: str
    text_shadow: bool
    lang: str

    @property
    def contrast(self) -> float | None:
        """WCAG contrast of the text against the composited background behind it."""
        if self.colour is None:
            return None
        colour = RGBA(self.colour.r, self.colour.g, self.colour.b, self.colour.a * self.opacity)
        return contrast_ratio(colour, self.background)

    @property
    def large(self) -> bool:
        return is_large_text(self.font_size, self.font_weight)

    @property
    def line_height_ratio(self) -> float | None:
        return None if self.line_height is None else self.line_height / self.font_size


@dataclass(frozen=True, slots=True)
class Offender:
    selector: str
    tag: str
    rect: Rect


@dataclass(frozen=True, slots=True)
class Overflow:
    """Horizontal overflow of the page at one viewport width (WCAG 1.4.10)."""

    viewport_width: int
    client_width: int
    scroll_width: int
    offenders: list[Offender] = field(default_factory=list)

    @property
    def scrolls(self) -> bool:
        """True when the page scrolls horizontally."""
        return self.scroll_width > self.client_width


@dataclass(frozen=True, slots=True)
class Target:
    """A link, button or control, with the box a finger or pointer has to hit."""

    selector: str
    tag: str
    role: str
    text: str
    rect: Rect
    lines: int
    #: In a sentence (WCAG 2.5.5/2.5.8 exempt such targets).
    inline: bool


@dataclass(frozen=True, slots=True)
class LangPart:
    selector: str
    tag: str
    lang: str
    text: str


@dataclass(frozen=True, slots=True)
class Languages:
    document: str | None
    xml_lang: str | None
    parts: list[LangPart]


def text_runs(page) -> list[TextRun]:
    """Every visible text run with its computed size, colour and effective background."""
    return [_text_run(raw) for raw in _call(page, "textRuns")]


def overflow(page, width: int | None = None) -> Overflow:
    """Horizontal overflow, after resizing the viewport to ``width`` when given."""
    if width is not None:
        page.set_viewport_size({"width": width, "height": VIEWPORT_HEIGHT})
    raw = _call(page, "overflow")
    offenders = [Offender(o["selector"], o["tag"], Rect(**o["rect"])) for o in raw["offenders"]]
    return Overflow(raw["viewportWidth"], raw["clientWidth"], raw["scrollWidth"], offenders)


def targets(page) -> list[Target]:
    """Every visible link, button and form control with its box."""
    return [
        Target(t["selector"], t["tag"], t["role"], t["text"], Rect(**t["rect"]), t["lines"], t["inline"])
        for t in _call(page, "targets")
    ]


def languages(page) -> Languages:
    """The document's ``lang`` and every element that sets its own."""
    raw = _call(page, "languages")
    parts = [LangPart(p["selector"], p["tag"], p["lang"], p["text"]) for p in raw["parts"]]
    return Languages(raw["document"], raw["xmlLang"], parts)


@dataclass(frozen=True, slots=True)
class Box:
    """An element's box with the type metrics that spacing is judged by."""

    selector: str
    tag: str
    rect: Rect
    visible: bool
    font_size: float
    line_height: float | None
    margin_top: float
    margin_bottom: float
    text: str


@dataclass(frozen=True, slots=True)
class LineLength:
    """The widest line of one visible text node: ``characters`` is its width in ems, which
    for CJK text is the number of characters on the line."""

    selector: str
    text: str
    font_size: float
    width: float
    lines: int

    @property
    def characters(self) -> float:
        return self.width / self.font_size if self.font_size else 0.0


@dataclass(frozen=True, slots=True)
class Focus:
    """The focused element and its focus indicator."""

    selector: str
    tag: str
    text: str
    href: str | None
    rect: Rect
    outline_style: str
    outline_width: float
    outline_colour: RGBA | None
    box_shadow: str
    background: RGBA
    visible: bool

    @property
    def indicator_contrast(self) -> float | None:
        """Contrast of the outline against what is behind the element (WCAG 1.4.11)."""
        if self.outline_style in ("none", "hidden") or not self.outline_width or self.outline_colour is None:
            return None
        return contrast_ratio(self.outline_colour, self.background)


@dataclass(frozen=True, slots=True)
class Motion:
    """What moves, floats, is fixed over the content, or needs scripts."""

    positioned: list[dict]
    animations: int
    scripts: int
    handlers: int
    marquees: int
    frames: int
    autoplay: int
    refresh: int
    compat_mode: str


def boxes(page, selector: str) -> list[Box]:
    """The boxes of the elements matching ``selector``, in document order."""
    return [
        Box(b["selector"], b["tag"], Rect(**b["rect"]), b["visible"], b["fontSize"], b["lineHeight"],
            b["marginTop"], b["marginBottom"], b["text"])
        for b in _call(page, "boxes", selector)
    ]


def line_lengths(page) -> list[LineLength]:
    """The widest line of every visible text node."""
    return [LineLength(r["selector"], r["text"], r["fontSize"], r["width"], r["lines"]) for r in _call(page, "lineLengths")]


def focus(page) -> Focus | None:
    """The focused element (after ``page.keyboard.press("Tab")``, say) and its indicator."""
    raw = _call(page, "focus")
    if raw is None:
        return None
    return Focus(
        raw["selector"], raw["tag"], raw["text"], raw["href"], Rect(**raw["rect"]), raw["outlineStyle"],
        raw["outlineWidth"], parse_colour(raw["outlineColor"]), raw["boxShadow"],
        effective_background(raw["backgrounds"]), raw["visible"],
    )


def motion(page) -> Motion:
    """Positioned, floated and animated elements, scripts and handlers, marquees and frames."""
    raw = _call(page, "motion")
    return Motion(raw["positioned"], raw["animations"], raw["scripts"], raw["handlers"], raw["marquees"],
                  raw["frames"], raw["autoplay"], raw["refresh"], raw["compatMode"])


def effective_background(layers: list[dict]) -> RGBA:
    """Composite background colours, listed from the element outwards, over the white canvas."""
    colour = WHITE
    for layer in reversed(layers):
        parsed = _colour(layer["color"])
        if parsed is not None and parsed.a > 0:
            colour = composite(parsed, colour)
    return colour


# -- internals ---------------------------------------------------------------------------

@lru_cache(maxsize=512)
def _colour(value: str):
    """Computed colours repeat on every run of a page: parse each once."""
    return parse_colour(value)


@lru_cache(maxsize=1)
def _script() -> str:
    return resources.files(__package__).joinpath("measure.js").read_text(encoding="utf-8")


def _call(page, name: str, *args):
    # The result comes back as one JSON string: Playwright checks every value of a structured
    # result in Python, which for a page of 1,000 text runs takes seconds.
    raw = page.evaluate(f"([name, args]) => JSON.stringify(({_script()})[name](...args))", [name, list(args)])
    return json.loads(raw) if raw is not None else None


def _text_run(raw: dict) -> TextRun:
    image = next((layer["selector"] for layer in raw["backgrounds"] if layer["image"]), None)
    return TextRun(
        selector=raw["selector"], tag=raw["tag"], kind=raw["kind"], text=raw["text"],
        font_size=raw["fontSize"], line_height=raw["lineHeight"], font_weight=raw["fontWeight"],
        colour=_colour(raw["color"]), background=effective_background(raw["backgrounds"]),
        background_image=image, opacity=raw["opacity"], rect=Rect(**raw["rect"]), lines=raw["lines"],
        text_align=raw["textAlign"], text_shadow=raw["textShadow"], lang=raw["lang"],
    )
