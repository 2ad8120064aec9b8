"""High contrast: every colour of the page replaced by a theme's, so every text reaches 7:1.

A contrast theme (``themes/<name>/``, kind ``contrast``) names the colours of the roles a
reader meets, after the CSS forced-colors system colours: text and background, links and
visited links, the focus indicator, button text and face, borders, disabled text, selection.
Loading the theme proves its pairs reach 7:1 (text) and 3:1 (borders, focus); this mode
then makes the page use nothing else:

- colours are replaced where the page sets them: ``<style>`` blocks and ``style``
  attributes (each colour becomes a ``var()`` of its role, so re-rendering in another theme
  changes only the theme's stylesheet), presentational attributes (``bgcolor``, ``<font
  color>``, ``<body text link vlink alink>``, ``background``), SVG paints (``currentColor``,
  the text colour); background images, gradients, shadows, filters and translucency go;
- the theme's stylesheet goes first in the page, as ``!important`` rules in a cascade layer.
  An important declaration in a layer beats every important declaration outside layers, so
  the rules also win over the stylesheets the library cannot read (linked ones), whatever
  their specificity. Inline ``!important`` would still win, and the mode rewrites those. The
  same rules come first unlayered, for browsers older than cascade layers (2022), where
  they win over everything but the page's own important rules.

The mode never depends on the page's layout, so it composes with whatever ran before it (elder
mode's stylesheet is rewritten like the page's own). Rendering a rendered page again changes
nothing: replaced values are fixed points and the theme's stylesheet is replaced, not added.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import tinycss2
from lxml import etree
from lxml.html import HtmlElement

from .. import css
from ..errors import ThemeError
from ..page import Page, remove_element
from ..themes import Theme, list_themes, load_theme
from . import register
from .elder import STYLE_ID as ELDER_STYLE_ID

#: The theme used when the caller names none (see docs/modes/contrast.md for why).
DEFAULT_THEME = "yellow-on-black"

#: The kind a theme must have to be used by this mode.
THEME_KIND = "contrast"

#: The cascade layer holding the theme's rules.
LAYER = "a11yrender-contrast"

#: Prefix of the custom properties carrying the theme's colours (``--a11yrender-contrast-text``).
PROPERTY_PREFIX = "--a11yrender-contrast-"

#: Where the page paints a background, the rewrite sets this (non-inherited) property to the
#: theme's background, and the theme's rules paint ``background-color`` with it; elsewhere it
#: is transparent. So a box the page made opaque (a menu, a sticky header, a dialog) stays
#: opaque, in the theme's colour, and a transparent one stays transparent: what forced-colors
#: mode does by keeping a background's alpha. Backgrounds set by stylesheets the library
#: cannot read become transparent.
PAGE_BACKGROUND = "--a11yrender-page-background"
_PAGE_BACKGROUND_RULE = f"@property {PAGE_BACKGROUND}{{syntax:\"<color>\";inherits:false;initial-value:transparent}}"

#: How the mode's stylesheet is marked, so a second render replaces it instead of adding one.
MARK_ATTRIBUTE = "data-a11yrender"
MARK_VALUE = "contrast"

#: Placeholders for PROPERTY_PREFIX and PAGE_BACKGROUND in contrast.css (keep it readable).
_CSS_PREFIX_PLACEHOLDER = "--C-"
_CSS_PAGE_BACKGROUND_PLACEHOLDER = "--page-background"


def _role(role: str) -> str:
    return f"var({PROPERTY_PREFIX}{role})"


# -- what is replaced, and by what -------------------------------------------------------

#: Properties whose whole value is colours, and the theme role each colour becomes.
COLOUR_PROPERTIES = {
    "color": "text",
    "background-color": "background",
    "border-color": "border",
    **{f"border-{side}-color": "border" for side in (
        "top", "right", "bottom", "left", "block", "inline", "block-start", "block-end",
        "inline-start", "inline-end")},
    "column-rule-color": "border",
    "outline-color": "focus",
    "accent-color": "text",
}

#: Shorthands holding a colour among other things, and the role their colours become.
SHORTHAND_COLOUR_PROPERTIES = {
    "border": "border",
    **{f"border-{side}": "border" for side in (
        "top", "right", "bottom", "left", "block", "inline", "block-start", "block-end",
        "inline-start", "inline-end")},
    "column-rule": "border",
    "outline": "focus",
}

#: Properties and shorthands whose colours become the text colour (``currentcolor``).
CURRENT_COLOUR_PROPERTIES = frozenset({
    "-webkit-text-fill-color", "-webkit-text-stroke-color", "text-decoration-color",
    "text-emphasis-color", "caret-color", "stop-color", "flood-color", "lighting-color",
})
CURRENT_COLOUR_SHORTHANDS = frozenset({"text-decoration", "text-emphasis", "-webkit-text-stroke"})

#: SVG paints: a glyph's fill and stroke become the text colour; ``none`` stays none.
PAINT_PROPERTIES = frozenset({"fill", "stroke"})
KEPT_PAINTS = frozenset({"none", "context-fill", "context-stroke", "currentcolor"})

#: Properties removed outright (set to the value that means "nothing"), by diagnostic kind.
REMOVED_PROPERTIES = {
    "box-shadow": ("none", "shadow"), "-webkit-box-shadow": ("none", "shadow"), "text-shadow": ("none", "shadow"),
    "filter": ("none", "effect"), "-webkit-filter": ("none", "effect"),
    "backdrop-filter": ("none", "effect"), "-webkit-backdrop-filter": ("none", "effect"),
    "mix-blend-mode": ("normal", "effect"),
    "mask": ("none", "effect"), "-webkit-mask": ("none", "effect"),
    "mask-image": ("none", "effect"), "-webkit-mask-image": ("none", "effect"),
}

#: Values kept whatever the property: they introduce no colour of their own.
KEPT_KEYWORDS = frozenset({"inherit", "initial", "unset", "revert", "revert-layer", "currentcolor"})

#: Custom properties holding a colour get the role their name suggests (text otherwise).
CUSTOM_PROPERTY_ROLES = (
    (re.compile(r"bg|background|surface|canvas|backdrop", re.I), "background"),
    (re.compile(r"border|line|divider|separator|rule|outline|stroke", re.I), "border"),
    (re.compile(r"link", re.I), "link"),
)

#: Every property this mode rewrites (``--*``: every custom property).
REWRITTEN_PROPERTIES = frozenset(
    set(COLOUR_PROPERTIES) | set(SHORTHAND_COLOUR_PROPERTIES) | CURRENT_COLOUR_PROPERTIES
    | CURRENT_COLOUR_SHORTHANDS | PAINT_PROPERTIES | set(REMOVED_PROPERTIES)
    | {"background", "background-image", "opacity", "--*"}
)
_DECLARATIONS = css.declaration_pattern(REWRITTEN_PROPERTIES)

#: Stems of every rewritten property: a style attribute holding none of them (most hold only
#: sizes and positions) is not scanned.
_REWRITTEN_STEMS = re.compile(
    r"colou?r|background|border|outline|shadow|opacity|filter|blend|mask|fill|stroke|column-rule"
    r"|decoration|emphasis|--",
    re.I,
)

# -- presentational attributes -----------------------------------------------------------

#: Colour attributes of HTML elements, by the tags that honour them (None: every element).
COLOUR_ATTRIBUTES = {
    "bgcolor": None,
    "text": frozenset({"body"}), "link": frozenset({"body"}), "vlink": frozenset({"body"}), "alink": frozenset({"body"}),
    "color": frozenset({"font", "basefont", "hr"}),
    "bordercolor": frozenset({"table", "thead", "tbody", "tfoot", "tr", "td", "th"}),
    "bordercolorlight": frozenset({"table", "td", "th"}), "bordercolordark": frozenset({"table", "td", "th"}),
    "background": frozenset({"body", "table", "thead", "tbody", "tfoot", "tr", "td", "th"}),
}
#: Elements with attributes (the rest have nothing to rewrite). Testing for the dozen names
#: in XPath is four times slower than testing the few attributes of each in Python.
_ATTRIBUTED = etree.XPath("descendant-or-self::*[@*]")
_REWRITTEN_ATTRIBUTES = frozenset(COLOUR_ATTRIBUTES) | {"style"}

#: SVG presentation attributes holding colours; all become the text colour.
SVG_PAINT_ATTRIBUTES = ("fill", "stroke", "stop-color", "flood-color", "lighting-color")
_SVG_PATH = etree.XPath("descendant::svg[not(ancestor::svg)]")
#: Elements showing another document, which no stylesheet of this page reaches.
EMBEDDING_TAGS = frozenset({"iframe", "frame", "embed", "object"})
_END_OF_STYLE = re.compile(r"</style", re.I)
_URLS = re.compile(r"url\(\s*(?:\"[^\"]*\"|'[^']*'|[^)]*)\s*\)", re.I)
_UNFILLED = re.compile(r"(?:^|;)\s*fill\s*:\s*none\s*(?:!\s*important\s*)?(?:;|$)", re.I)


# -- the mode ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ContrastOptions:
    """Options of the contrast mode.

    ``theme``: the contrast theme's name (``a11yrender.themes.list_themes("contrast")``).
    ``theme_dirs``: the caller's theme directories, searched before the built-in themes (a
    site can add a theme or replace a built-in one by name). One path or several; a string
    may list several separated by ``os.pathsep``.
    """

    theme: str = field(default=DEFAULT_THEME, metadata={"help": f"contrast theme (default {DEFAULT_THEME})"})
    theme_dirs: tuple[Path, ...] = field(
        default=(), metadata={"help": f"directories of your own themes, searched first (several separated by {os.pathsep!r})"},
    )

    def __post_init__(self):
        object.__setattr__(self, "theme_dirs", _paths(self.theme_dirs))


def _paths(value) -> tuple[Path, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, os.PathLike)):
        return tuple(Path(part) for part in os.fspath(value).split(os.pathsep) if part)
    return tuple(Path(item) for item in value)


@register("contrast", order=200, options=ContrastOptions)
def contrast(page: Page, context) -> Page:
    """High contrast: a theme's colours only, every text at 7:1, links underlined."""
    options = context.of("contrast") or ContrastOptions()
    theme = contrast_theme(options.theme, options.theme_dirs)
    tally: Counter = Counter()
    attributes: Counter = Counter()

    own = _own_stylesheets(page.root)
    for style in page.root.iter("style"):
        if style not in own and style.text:
            if style.get("id") == ELDER_STYLE_ID:
                style.text = _rewrite_elder_stylesheet(style.text, tally)
            else:
                style.text = _rewrite_stylesheet(style.text, tally)
    for element in _ATTRIBUTED(page.root):
        tag = element.tag
        if tag in EMBEDDING_TAGS:
            tally["frame"] += 1
        elif tag == "link" and "stylesheet" in (element.get("rel") or "").lower():
            tally["linked"] += 1
        _rewrite_element(element, tally, attributes)
    for svg in _SVG_PATH(page.root):
        _paint_svg(svg, tally)

    _install_stylesheet(page, own, theme)
    _report(page, theme, tally, attributes)
    return page


def contrast_theme(name: str, theme_dirs=()) -> Theme:
    """Load (and so validate) the contrast theme ``name``; ThemeError if it is another kind."""
    theme = load_theme(name, theme_dirs)
    if theme.kind != THEME_KIND:
        known = ", ".join(list_themes(THEME_KIND, theme_dirs))
        raise ThemeError(f"theme {name!r} is a {theme.kind!r} theme, not a contrast theme (contrast themes: {known})")
    return theme


def stylesheet(theme: Theme) -> str:
    """The text of the mode's ``<style>`` for ``theme``: the theme's colours, then the rules
    unlayered (for browsers without cascade layers), then the same rules in the layer."""
    return _stylesheet(theme.name, theme.css, tuple(theme.colours.items()), theme.dark)


@lru_cache(maxsize=32)
def _stylesheet(name: str, theme_css: str, colours: tuple, dark: bool) -> str:
    properties = "".join(f"{PROPERTY_PREFIX}{role}:{value}!important;" for role, value in colours)
    scheme = "dark" if dark else "light"
    if _END_OF_STYLE.search(theme_css):
        raise ThemeError(f"theme {name!r}: its stylesheet contains '</style', which would end the page's <style>")
    own = _without_comments(name, theme_css)
    name = re.sub(r"[^\w.-]", "", name)  # it goes into a CSS comment
    rules = _base_rules() + ("\n" + own if own else "")
    root = f":root{{color-scheme:{scheme}!important;{properties}}}"
    return (
        f"\n/* a11yrender contrast mode, theme {name} (docs/modes/contrast.md): the theme's colours, the\n"
        f"   rules for browsers without cascade layers, then in the layer that beats the page's !important */\n"
        f"{_PAGE_BACKGROUND_RULE}\n{root}\n{rules}\n@layer {LAYER}{{\n{rules}\n}}\n"
    )


@lru_cache(maxsize=1)
def _base_rules() -> str:
    """contrast.css without its comments and spare whitespace (it goes into every page, twice)."""
    text = resources.files(__package__).joinpath("contrast.css").read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s*([{};,])\s*", r"\1", text).replace("}", "}\n")
    text = re.sub(r":\s+", ":", text).replace(" !important", "!important")
    text = text.replace(_CSS_PAGE_BACKGROUND_PLACEHOLDER, PAGE_BACKGROUND)
    return text.replace(_CSS_PREFIX_PLACEHOLDER, PROPERTY_PREFIX).strip()


def _without_comments(name: str, theme_css: str) -> str:
    """A theme's stylesheet as the browser reads it, less its comments; a syntax error in it
    is the theme author's to fix (a browser would silently drop the rule)."""
    rules = tinycss2.parse_stylesheet(theme_css, skip_comments=True)
    for rule in rules:
        if rule.type == "error":
            raise ThemeError(f"theme {name!r}: CSS error in its stylesheet at line {rule.source_line}: {rule.message}")
    return tinycss2.serialize(rules).strip()


# -- rewriting CSS -------------------------------------------------------------------------

def _rewrite_stylesheet(text: str, tally: Counter, inline: bool = False) -> str:
    """Rewrite the colours of a ``<style>`` block, or (``inline``) of a ``style`` attribute.

    In a block, ``!important`` stays: the page's rules keep their order among themselves and
    the theme's layer wins over all of them anyway. In an attribute it goes, from every
    declaration of a rewritten property: an important inline declaration is the one thing
    that beats the layer. Declarations the mode does not touch stay as written.
    """
    parts: list[str] = []
    position = 0
    for found in css.find_declarations(text, _DECLARATIONS):
        replaced = replacement(found.name, found.value)
        if replaced is None:
            if not (inline and found.important):
                continue
            replaced = (f"{found.name}: {found.value}", "colour")
        declaration, kind = replaced
        parts.append(text[position:found.start])
        parts.append(declaration + (" !important" if found.important and not inline else ""))
        position = found.end
        tally[kind] += 1
    if not parts:
        return text
    parts.append(text[position:])
    return "".join(parts)


def _rewrite_elder_stylesheet(text: str, tally: Counter) -> str:
    """:func:`_rewrite_stylesheet` of the elder theme's ``<style>``, computed once per text.

    Every elder + contrast page carries the same elder stylesheet, and scanning it was a
    fifth of the contrast mode's cost on small pages. Only this block is remembered: caching
    the page's own blocks by their text would make a benchmark that renders one page again
    and again look faster than a render of a new page is.
    """
    rewritten, counts = _rewritten_elder_stylesheet(text)
    tally.update(counts)
    return rewritten


@lru_cache(maxsize=8)
def _rewritten_elder_stylesheet(text: str) -> tuple[str, Counter]:
    counts: Counter = Counter()
    return _rewrite_stylesheet(text, counts), counts


def _rewrite_style_attribute(style: str, tally: Counter) -> str:
    """Rewrite a ``style`` attribute (scanned like a block: tinycss2 only sees the values of
    the declarations rewritten, never a whole attribute holding a data: URL)."""
    return _rewrite_stylesheet(";" + style, tally, inline=True)[1:]


@lru_cache(maxsize=8192)
def replacement(name: str, value: str) -> tuple[str, str] | None:
    """The declaration replacing ``name: value`` and the kind of change (for diagnostics),
    or None to keep it. Pure, and a fixed point: a replaced declaration is kept as it is."""
    lowered = value.strip().lower()
    if lowered in KEPT_KEYWORDS or not lowered:
        return None
    if name.startswith("--"):
        return _custom_property(name, value)
    if name in COLOUR_PROPERTIES:
        return _colour_property(name, value, lowered)
    if name in SHORTHAND_COLOUR_PROPERTIES:
        return _replace_tokens(name, value, _role(SHORTHAND_COLOUR_PROPERTIES[name]))
    if name in CURRENT_COLOUR_PROPERTIES:
        return (f"{name}: currentcolor", "colour")
    if name in CURRENT_COLOUR_SHORTHANDS:
        return _replace_tokens(name, value, "currentcolor")
    if name in PAINT_PROPERTIES:
        return None if lowered in KEPT_PAINTS else (f"{name}: currentcolor", "svg")
    if name in REMOVED_PROPERTIES:
        nothing, kind = REMOVED_PROPERTIES[name]
        return None if lowered == nothing else (f"{name}: {nothing}", kind)
    if name == "opacity":
        return _opacity(value)
    if name == "background":
        return _background(value)
    if name == "background-image":
        return None if lowered == "none" else ("background-image: none", "background-image")
    return None


def _colour_property(name: str, value: str, lowered: str):
    target = _role(COLOUR_PROPERTIES[name])
    if lowered == target:
        return None
    tokens = _tokens(value)
    if name == "color" or name == "accent-color":
        if lowered == "auto":
            return None
        return (f"{name}: {target}", "colour")
    if all(_transparent(token) for token in tokens):
        return None  # a transparent background or border draws nothing: nothing to replace
    if len(tokens) == 1:
        if name == "background-color":
            return (f"{name}: {target}; {PAGE_BACKGROUND}: {target}", "colour")
        return (f"{name}: {target}", "colour")
    return _replace_tokens(name, value, target, replace_vars=True)  # `border-color: #ccc transparent`


def _replace_tokens(name: str, value: str, target: str, replace_vars: bool = False):
    new, count = css.replace_colour_tokens(value, target, replace_vars=replace_vars)
    if not count or new == value:
        return None
    return (f"{name}: {new}", "colour")


def _background(value: str):
    """``background``: the image goes; a colour becomes the background role."""
    tokens = _tokens(value)
    has_image = any(css.is_image_token(token) for token in tokens)
    colours = [token for token in tokens if css.token_colour(token) is not None or css.is_var_token(token)]
    if not has_image and not colours:
        return None  # `none`, a position, a repeat: nothing painted
    painted = any(not _transparent(token) for token in colours)
    if not has_image and not painted:
        return None  # `transparent`: nothing painted, nothing to replace
    target = _role("background") if painted else "none"
    if value.strip().lower() == target:
        return None
    declaration = f"background: {target}; {PAGE_BACKGROUND}: {target}" if painted else f"background: {target}"
    return (declaration, "background-image" if has_image else "colour")


def _opacity(value: str):
    """Translucency goes; ``opacity: 0`` stays: it hides (an inactive slide, a closed menu),
    it does not dim, and the text it hides is not shown to anyone."""
    number = _number(value)
    if number is not None and (number >= 1 or number <= 0):
        return None
    return ("opacity: 1", "opacity")


def _custom_property(name: str, value: str):
    if name.startswith(PROPERTY_PREFIX) or name == PAGE_BACKGROUND:
        return None
    tokens = _tokens(value)
    if len(tokens) != 1:
        return None
    colour = css.token_colour(tokens[0])
    if colour is None or colour == "currentcolor" or _transparent(tokens[0]):
        return None
    role = next((role for pattern, role in CUSTOM_PROPERTY_ROLES if pattern.search(name)), "text")
    return (f"{name}: {_role(role)}", "colour")


def _tokens(value: str) -> list:
    """A value's tokens, each ``url(...)`` emptied first: a data: URL of 100 KB is one token
    that tinycss2 would read character by character, and only its being a URL matters."""
    if "url(" in value or "URL(" in value:
        value = _URLS.sub("url()", value)
    return css.value_tokens(value)


def _transparent(token) -> bool:
    colour = css.token_colour(token)
    return colour is not None and colour not in ("system", "currentcolor") and colour.alpha == 0


def _number(value: str) -> float | None:
    text = value.strip()
    try:
        return float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        return None


# -- rewriting elements ----------------------------------------------------------------------

def _rewrite_element(element: HtmlElement, tally: Counter, attributes: Counter) -> None:
    names = element.keys()
    if _REWRITTEN_ATTRIBUTES.isdisjoint(names):
        return
    tag = element.tag if isinstance(element.tag, str) else ""
    for name in names:
        if name in COLOUR_ATTRIBUTES:
            tags = COLOUR_ATTRIBUTES[name]
            if tags is None or tag in tags:
                del element.attrib[name]
                attributes[f"<{tag} {name}>"] += 1
    style = element.get("style")
    if style and _REWRITTEN_STEMS.search(style):
        rewritten = _rewrite_style_attribute(style, tally)
        if rewritten != style:
            if rewritten.strip():
                element.set("style", rewritten)
            else:
                del element.attrib["style"]


def _paint_svg(svg: HtmlElement, tally: Counter) -> None:
    """Inline SVG is drawn in the text colour: its paints become ``currentColor`` (``none``
    stays none), and an SVG that paints with the default black is given ``currentColor``."""
    for element in svg.iter():
        if not isinstance(element.tag, str):
            continue
        if element.get("color") is not None:
            del element.attrib["color"]
            tally["svg"] += 1
        for name in SVG_PAINT_ATTRIBUTES:
            value = element.get(name)
            if value is None or value.strip().lower() in KEPT_PAINTS:
                continue
            element.set(name, "currentColor")
            tally["svg"] += 1
        style = element.get("style")
        if style and _UNFILLED.search(style) and element.get("fill") != "none":
            element.set("fill", "none")  # the theme's fill rule leaves shapes marked unfilled alone
    if svg.get("fill") is None and "fill" not in (svg.get("style") or ""):
        svg.set("fill", "currentColor")
        tally["svg"] += 1


# -- the stylesheet --------------------------------------------------------------------------

def _own_stylesheets(root: HtmlElement) -> list[HtmlElement]:
    return [style for style in root.iter("style") if style.get(MARK_ATTRIBUTE) == MARK_VALUE]


def _install_stylesheet(page: Page, previous: list[HtmlElement], theme: Theme) -> None:
    """Put the theme's stylesheet first in the page (first, so its layer is the first layer
    declared: among important declarations in layers, the first layer wins)."""
    for style in previous:
        remove_element(style)
    style = page.root.makeelement("style", {MARK_ATTRIBUTE: MARK_VALUE})
    style.text = stylesheet(theme)
    if page.is_fragment:
        style.tail, page.root.text = page.root.text, None
        page.root.insert(0, style)
        return
    head = page.head
    charset = next((i for i, child in enumerate(head) if child.tag == "meta" and child.get("charset")), -1)
    head.insert(charset + 1, style)


# -- diagnostics -----------------------------------------------------------------------------

#: What each kind of change is called in the diagnostics.
CHANGE_MESSAGES = {
    "colour": "colour declarations replaced by the theme's roles",
    "background-image": "background images and gradients removed",
    "shadow": "text and box shadows removed",
    "effect": "filters, blend modes and masks removed",
    "opacity": "translucent elements made opaque",
    "svg": "SVG paints set to the text colour",
}


def _report(page: Page, theme: Theme, tally: Counter, attributes: Counter) -> None:
    page.note("contrast.theme", f"theme {theme.name} ({theme.label(page.lang)})")
    for kind, message in CHANGE_MESSAGES.items():
        if tally[kind]:
            page.note(f"contrast.{kind}", message, count=tally[kind])
    if attributes:
        listed = ", ".join(f"{name} x{count}" for name, count in sorted(attributes.items()))
        page.note("contrast.attributes", f"colour attributes removed: {listed}", count=sum(attributes.values()))
    if tally["linked"]:
        page.note(
            "contrast.linked-stylesheets",
            "linked stylesheets are not read; the theme's stylesheet overrides their colours", count=tally["linked"],
        )
    if tally["frame"]:
        page.note(
            "contrast.frames", "embedded documents keep their own colours (the theme cannot reach inside them)",
            severity="warning", count=tally["frame"],
        )
