"""Measurements of a page open in Chromium, as plain data.

Each function takes a Playwright ``Page``, runs ``measure.js`` in it, and turns the raw
computed values into dataclasses, doing the arithmetic (compositing the backgrounds behind
a text, its contrast ratio) with :mod:`a11yrender.colour`. Tests and QA reports read the
same objects.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
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
class Shadow:
    """One text-shadow layer."""

    colour: RGBA
    x: float
    y: float
    blur: float

    @property
    def halo(self) -> bool:
        """A shadow whose blur reaches past its offset surrounds the glyphs: the text is read
        against the shadow, not against the box behind it."""
        return self.blur + 1e-6 >= (self.x ** 2 + self.y ** 2) ** 0.5


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
    #: Part of an inactive control (WCAG exempts it from contrast).
    disabled: bool = False
    shadows: tuple[Shadow, ...] = ()
    #: Inside the page's main content (``main``, ``role=main``, ``article``, ``ergodic=article``).
    main: bool = False

    @property
    def backdrop(self) -> RGBA:
        """What the glyphs are read against: a surrounding shadow if any, else the background."""
        halo = next((shadow for shadow in self.shadows if shadow.halo), None)
        return composite(halo.colour, self.background) if halo is not None else self.background
    #: Inside a link (``:any-link``), and drawn underlined (own or propagated decoration).
    link: bool = False
    underlined: bool = False

    @property
    def contrast(self) -> float | None:
        """WCAG contrast of the text against what it is read against (see :attr:`backdrop`)."""
        if self.colour is None:
            return None
        colour = RGBA(self.colour.r, self.colour.g, self.colour.b, self.colour.a * self.opacity)
        return contrast_ratio(colour, self.backdrop)

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


@dataclass(frozen=True, slots=True)
class FocusIndicator:
    """The outline of an element while it has focus, and the background it is drawn on."""

    selector: str
    tag: str
    style: str
    width: float
    colour: RGBA | None
    offset: float
    box_shadow: str
    background: RGBA
    rect: Rect

    @property
    def visible(self) -> bool:
        """An outline is drawn: a style, at least 1 px, and a colour that is not transparent."""
        return (self.style not in ("none", "hidden") and self.width >= 1
                and self.colour is not None and self.colour.a > 0)

    @property
    def contrast(self) -> float | None:
        """The outline's contrast against the background around the element (WCAG 1.4.11)."""
        return None if self.colour is None else contrast_ratio(self.colour, self.background)


@dataclass(frozen=True, slots=True)
class BorderSide:
    style: str
    width: float
    colour: RGBA | None

    @property
    def drawn(self) -> bool:
        return self.style not in ("none", "hidden") and self.width > 0 and self.colour is not None and self.colour.a > 0


@dataclass(frozen=True, slots=True)
class ControlBorder:
    """The border of a form control or button (top, right, bottom, left)."""

    selector: str
    tag: str
    type: str
    sides: tuple[BorderSide, ...]
    #: The background around the control, and the control's own (composited on it).
    outside: RGBA
    inside: RGBA
    rect: Rect

    @property
    def complete(self) -> bool:
        """Every side has a border drawn."""
        return all(side.drawn for side in self.sides)

    @property
    def contrast(self) -> float | None:
        """The lowest contrast of a drawn side against the background around the control."""
        ratios = [contrast_ratio(side.colour, self.outside) for side in self.sides if side.drawn]
        return min(ratios) if ratios else None


@dataclass(frozen=True, slots=True)
class Glyph:
    """A shape of inline SVG (``kind="svg"``) or generated content (``"generated"``)."""

    selector: str
    kind: str
    #: SVG: the computed fill and stroke (``none``, a colour, or a ``url()``).
    fill: str
    stroke: str
    #: The colour the glyph is drawn in (generated content), or the shape's ``color`` (SVG).
    colour: RGBA | None
    background: RGBA
    text: str = ""
    opacity: float = 1.0
    text_shadow: bool = False
    font_size: float = 0.0
    font_weight: int = 400

    def paints(self) -> list[str]:
        """The SVG paints actually drawn (``none`` left out)."""
        return [paint for paint in (self.fill, self.stroke) if paint and paint != "none"]

    @property
    def contrast(self) -> float | None:
        """Generated content: its contrast against the background (with its opacity)."""
        if self.colour is None:
            return None
        colour = RGBA(self.colour.r, self.colour.g, self.colour.b, self.colour.a * self.opacity)
        return contrast_ratio(colour, self.background)


@dataclass(frozen=True, slots=True)
class Image:
    """An ``<img>`` (or image button) as painted."""

    selector: str
    src: str | None
    alt: str | None
    visible: bool
    loaded: bool
    #: The last filter and blend mode found on it or an ancestor (``none``/``normal``: none).
    filter: str
    blend: str
    opacity: float
    rect: Rect


def focus_indicators(page, limit: int | None = None) -> list[FocusIndicator]:
    """Focus each visible link, button and control in turn (by script, without scrolling)
    and read its outline; ``limit`` stops after that many."""
    return [
        FocusIndicator(
            f["selector"], f["tag"], f["outlineStyle"], f["outlineWidth"], parse_colour(f["outlineColor"]),
            f["outlineOffset"], f["boxShadow"], effective_background(f["backgrounds"]), Rect(**f["rect"]),
        )
        for f in _call(page, "focusIndicators", limit or 0)
    ]


def control_borders(page) -> list[ControlBorder]:
    """The borders of every visible text field, select, textarea and button."""
    out = []
    for raw in _call(page, "controlBorders"):
        outside = effective_background(raw["outside"])
        inside = effective_background(raw["inside"])
        sides = tuple(BorderSide(s["style"], s["width"], parse_colour(s["color"])) for s in raw["sides"])
        out.append(ControlBorder(raw["selector"], raw["tag"], raw["type"], sides, outside, inside, Rect(**raw["rect"])))
    return out


def glyphs(page) -> list[Glyph]:
    """The shapes of visible inline SVG and the visible generated content (icon fonts)."""
    return [
        Glyph(
            g["selector"], g["kind"], g["fill"], g["stroke"], parse_colour(g["color"]),
            effective_background(g["backgrounds"]), g["text"], g.get("opacity", 1.0), g.get("textShadow", False),
            g.get("fontSize", 0.0), g.get("fontWeight", 400),
        )
        for g in _call(page, "glyphs")
    ]


def images(page) -> list[Image]:
    """Every ``<img>`` and image button, visible or not."""
    return [
        Image(i["selector"], i["src"], i["alt"], i["visible"], i["loaded"], i["filter"], i["blend"], i["opacity"],
              Rect(**i["rect"]))
        for i in _call(page, "images")
    ]


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
class ClippedText:
    selector: str
    clipped_by: str
    text: str


@dataclass(frozen=True, slots=True)
class OverlappingText:
    selector: str
    other: str
    text: str
    other_text: str


@dataclass(frozen=True, slots=True)
class TextSpacing:
    """Text cut off or overlapping once WCAG 1.4.12's spacings are forced on the page."""

    clipped: list[ClippedText]
    overlaps: list[OverlappingText]
    texts: int


@dataclass(frozen=True, slots=True)
class SpacedText:
    selector: str
    font_size: float
    computed: float | None  # px; None for "normal"
    lines: int
    text: str


@dataclass(frozen=True, slots=True)
class SpacingOverride:
    """A spacing property declared ``!important`` in a style attribute, and the text it reaches."""

    selector: str
    property: str
    declared: str
    affected: list[SpacedText]


@dataclass(frozen=True, slots=True)
class DocumentKind:
    html: bool
    namespace: str | None
    tag: str


def text_spacing(page) -> TextSpacing:
    """Force line-height 1.5, letter-spacing 0.12em, word-spacing 0.16em and paragraph spacing
    2em on every element (WCAG 1.4.12), report clipped and overlapping text, then undo it."""
    raw = _call(page, "textSpacing")
    return TextSpacing(
        [ClippedText(c["selector"], c["clippedBy"], c["text"]) for c in raw["clipped"]],
        [OverlappingText(o["selector"], o["other"], o["text"], o["otherText"]) for o in raw["overlaps"]],
        raw["texts"],
    )


def spacing_overrides(page) -> list[SpacingOverride]:
    """Letter/word spacing and line height set ``!important`` in style attributes."""
    return [
        SpacingOverride(o["selector"], o["property"], o["declared"], [
            SpacedText(a["selector"], a["fontSize"], a["computed"], a["lines"], a["text"]) for a in o["affected"]
        ])
        for o in _call(page, "spacingOverrides")
    ]


def viewport_meta(page) -> list[str | None]:
    """The ``content`` of every ``<meta name="viewport">``."""
    return _call(page, "viewportMeta")


def document_kind(page) -> DocumentKind:
    raw = _call(page, "documentKind")
    return DocumentKind(raw["html"], raw["namespace"], raw["tag"])


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
    return _composite_layers(tuple(layer["color"] for layer in layers))


@lru_cache(maxsize=4096)
def _composite_layers(colours: tuple[str, ...]) -> RGBA:
    colour = WHITE
    for value in reversed(colours):
        parsed = parse_colour(value)
        if parsed is not None and parsed.a > 0:
            colour = composite(parsed, colour)
    return colour


# -- internals ---------------------------------------------------------------------------

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
        colour=parse_colour(raw["color"]), background=effective_background(raw["backgrounds"]),
        background_image=image, opacity=raw["opacity"], rect=Rect(**raw["rect"]), lines=raw["lines"],
        text_align=raw["textAlign"], text_shadow=raw["textShadow"], lang=raw["lang"],
        disabled=raw.get("disabled", False), shadows=parse_shadows(raw.get("shadows", "")), main=raw.get("main", False),
        link=raw.get("link", False), underlined=raw.get("underlined", False),
    )


_SHADOW_LAYERS = re.compile(r",(?![^(]*\))")
_LENGTH = re.compile(r"(-?[\d.]+)px")


def parse_shadows(computed: str) -> tuple[Shadow, ...]:
    """Parse a computed ``text-shadow`` (``rgb(...) 2px 2px 4px, ...``)."""
    shadows = []
    for layer in _SHADOW_LAYERS.split(computed or ""):
        layer = layer.strip()
        if not layer or layer == "none":
            continue
        colour_end = layer.find(")") + 1 if layer.startswith(("rgb", "color", "hsl", "lab", "lch", "ok")) else 0
        colour = parse_colour(layer[:colour_end]) if colour_end else None
        lengths = [float(v) for v in _LENGTH.findall(layer[colour_end:])] + [0.0, 0.0, 0.0]
        if colour is not None:
            shadows.append(Shadow(colour, lengths[0], lengths[1], lengths[2]))
    return tuple(shadows)
