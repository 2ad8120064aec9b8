"""Rewriting CSS where a page sets it: ``<style>`` blocks and ``style`` attributes.

Modes change a few properties (sizes for elder, colours for contrast) and leave the rest of
a page's CSS alone. Parsing whole stylesheets with tinycss2 is exact but slow on real pages
(youth.cn inlines 346 KB of CSS: 174 ms to parse, against 7 ms for lxml to parse the whole
page), so ``<style>`` blocks are scanned for the declarations a mode asks for with one
compiled pattern, and only those declarations' values are parsed with tinycss2. Style
attributes are small and are parsed whole.

A rewrite callback receives ``(name, value, important)`` (name lower-cased, value as text
without ``!important``) and returns the replacement declaration text (``"font-size:24px"``,
several joined by ``;``), ``""`` to remove the declaration, or ``None`` to keep it as is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

import tinycss2
import tinycss2.ast
import tinycss2.color4

Rewrite = Callable[[str, str, bool], "str | None"]

_IMPORTANT = re.compile(r"!\s*important\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Found:
    """A declaration located in a stylesheet's text: ``css[start:end]`` is ``name: value``."""

    start: int
    end: int
    name: str
    value: str
    important: bool


class DeclarationPattern:
    """Finds declarations of some properties in stylesheet text (see :func:`declaration_pattern`).

    One pattern finds every ``name:`` that starts a declaration, in any case; the name is
    looked up in a set, and only a wanted declaration has its value matched. (One regex
    alternating seventy property names was ten times slower on real stylesheets, and fifty
    times when made case-insensitive for old portals that write ``COLOR: #fff``.)
    """

    _NAME = re.compile(r"[{;]\s*(--[\w-]+|-?[A-Za-z_][\w-]*)\s*:")
    #: A value: up to the next ``;``, ``{`` or ``}`` outside strings, comments and ``url()``.
    #: A quoted URL may hold ``)`` (``url('data:image/svg+xml,<svg stroke="rgba(0,0,0,.8)">')``).
    _VALUE = re.compile(
        r"(?:[^;{}\"'/u]+|url\(\s*(?:\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|[^)]*)\s*\)"
        r"|\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|/\*.*?\*/|/(?!\*)|u(?!rl\())*",
        re.S,
    )

    def __init__(self, properties: Iterable[str]):
        wanted = {p.lower() for p in properties}
        self._names = frozenset(p for p in wanted if not p.endswith("*"))
        self._prefixes = tuple(p[:-1] for p in wanted if p.endswith("*"))

    def scan(self, css: str) -> Iterator[tuple[int, str, int, int]]:
        """``(name start, name, value start, value end)`` of each wanted declaration.

        A name found inside the value of a declaration already read (in a ``url()`` or a
        string) is not a declaration, and is skipped.
        """
        names, prefixes, match = self._names, self._prefixes, self._VALUE.match
        position = 0
        for found in self._NAME.finditer(css):
            if found.start() < position:
                continue
            name = found.group(1)
            lowered = name.lower()
            if lowered not in names and not (prefixes and lowered.startswith(prefixes)):
                continue
            value = match(css, found.end())
            position = value.end()
            yield found.start(1), name, found.end(), position


def declaration_pattern(properties: Iterable[str]) -> DeclarationPattern:
    """A pattern finding declarations of ``properties`` in stylesheet text.

    A declaration starts right after ``{`` or ``;``; its value runs to the next ``;``, ``}``
    or ``{`` outside strings, comments and ``url()``. Longer names are tried first, so
    ``font-size`` is not read as ``font``. A name ending in ``*`` is a prefix: ``"--*"``
    finds every custom property.
    """
    return DeclarationPattern(properties)


def _declared_name(name: str) -> str:
    """A property name as the cascade compares it: custom properties are case-sensitive."""
    return name if name.startswith("--") else name.lower()


def find_declarations(css: str, pattern: DeclarationPattern) -> Iterator[Found]:
    """The declarations ``pattern`` (from :func:`declaration_pattern`) finds in ``css``."""
    for start, name, value_start, value_end in pattern.scan(css):
        raw = css[value_start:value_end]
        trimmed = raw.rstrip()  # trailing whitespace stays in the text, outside the declaration
        important = bool(_IMPORTANT.search(trimmed))
        value = _IMPORTANT.sub("", trimmed) if important else trimmed
        end = value_end - (len(raw) - len(trimmed))
        yield Found(start, end, _declared_name(name), value.strip(), important)


def rewrite_stylesheet(css: str, pattern: DeclarationPattern, rewrite: Rewrite, memo: dict | None = None) -> tuple[str, int]:
    """Rewrite the declarations ``pattern`` finds; returns the new text and how many changed.

    ``memo`` caches the callback's answers by ``(name, value, important)`` across the blocks
    of a page: real stylesheets repeat the same few values hundreds of times.
    """
    parts: list[str] = []
    position = changed = 0
    memo = {} if memo is None else memo
    for found in find_declarations(css, pattern):
        key = (found.name, found.value, found.important)
        if key in memo:
            replacement = memo[key]
        else:
            replacement = memo[key] = rewrite(*key)
        if replacement is None:
            continue
        parts.append(css[position:found.start])
        parts.append(replacement)
        position = found.end
        changed += 1
    if not changed:
        return css, 0
    parts.append(css[position:])
    return "".join(parts), changed


def rewrite_style_attribute(style: str, rewrite: Rewrite) -> tuple[str, int]:
    """Rewrite every declaration of a ``style`` attribute; returns the new value and the count."""
    declarations = tinycss2.parse_blocks_contents(style, skip_comments=True, skip_whitespace=True)
    out: list[str] = []
    changed = 0
    for node in declarations:
        if node.type != "declaration":
            continue  # parse errors: the browser drops them too
        value = tinycss2.serialize(node.value).strip()
        replacement = rewrite(_declared_name(node.name), value, node.important)
        if replacement is None:
            out.append(f"{node.name}: {value}{' !important' if node.important else ''}")
        else:
            changed += 1
            if replacement:
                out.append(replacement)
    if not changed:
        return style, 0
    return "; ".join(out), changed


def value_tokens(value: str) -> list:
    """The component values of a declaration value, whitespace and comments dropped."""
    return [
        token for token in tinycss2.parse_component_value_list(value, skip_comments=True)
        if token.type != "whitespace"
    ]


#: Functions whose value is an image (a gradient is an image, not a colour).
IMAGE_FUNCTIONS = frozenset({
    "linear-gradient", "radial-gradient", "conic-gradient", "repeating-linear-gradient",
    "repeating-radial-gradient", "repeating-conic-gradient", "-webkit-linear-gradient",
    "-webkit-radial-gradient", "-webkit-repeating-linear-gradient", "-webkit-repeating-radial-gradient",
    "-webkit-gradient", "-moz-linear-gradient", "-moz-radial-gradient", "-o-linear-gradient",
    "image-set", "-webkit-image-set", "image", "element", "-moz-element", "cross-fade",
    "-webkit-cross-fade", "paint",
})

#: Colour functions tinycss2 does not resolve (they are still colours to replace).
UNRESOLVED_COLOUR_FUNCTIONS = frozenset({"color-mix", "light-dark", "device-cmyk", "contrast-color"})

#: CSS system colours (forced-colors keywords and the deprecated ones browsers still accept).
SYSTEM_COLOURS = frozenset({
    "accentcolor", "accentcolortext", "activetext", "buttonborder", "buttonface", "buttontext", "canvas",
    "canvastext", "field", "fieldtext", "graytext", "highlight", "highlighttext", "linktext", "mark",
    "marktext", "selecteditem", "selecteditemtext", "visitedtext", "activeborder", "activecaption",
    "appworkspace", "background", "buttonhighlight", "buttonshadow", "captiontext", "inactiveborder",
    "inactivecaption", "inactivecaptiontext", "infobackground", "infotext", "menu", "menutext",
    "scrollbar", "threeddarkshadow", "threedface", "threedhighlight", "threedlightshadow",
    "threedshadow", "window", "windowframe", "windowtext", "-webkit-link", "-webkit-focus-ring-color",
})


def token_colour(token):
    """The colour a value token stands for: a tinycss2 Color, ``"system"`` for a colour known
    only by name or function (system colours, ``color-mix()``), ``"currentcolor"``, or None
    when the token is not a colour at all."""
    kind = token.type
    if kind == "ident" and token.lower_value in SYSTEM_COLOURS:
        return "system"
    if kind == "function" and token.lower_name in UNRESOLVED_COLOUR_FUNCTIONS:
        return "system"
    if kind not in ("hash", "ident", "function"):
        return None
    try:
        return tinycss2.color4.parse_color(token)
    except (TypeError, ValueError, AttributeError, IndexError):
        return None


def is_image_token(token) -> bool:
    """True for ``url(...)`` and image functions (gradients, ``image-set()``...)."""
    if token.type == "url":
        return True
    return token.type == "function" and token.lower_name in IMAGE_FUNCTIONS


def is_var_token(token) -> bool:
    return token.type == "function" and token.lower_name in ("var", "env")


def replace_colour_tokens(value: str, replacement: str, *, keep_transparent: bool = True,
                          replace_vars: bool = False) -> tuple[str, int]:
    """Replace each colour in a declaration value with ``replacement``; returns the new value
    and how many were replaced.

    ``currentcolor`` and CSS-wide keywords are kept; so are fully transparent colours when
    ``keep_transparent`` (a transparent border is spacing, not colour). With ``replace_vars``,
    ``var()`` references count as colours (for properties whose every value is a colour),
    except one already equal to ``replacement``. Everything else in the value (widths,
    styles; comments aside) is kept as written.
    """
    tokens = tinycss2.parse_component_value_list(value, skip_comments=True)
    out: list[str] = []
    replaced = 0
    for token in tokens:
        if replace_vars and is_var_token(token):
            text = tinycss2.serialize([token])
            out.append(replacement)
            replaced += text != replacement
            continue
        colour = token_colour(token)
        if colour is None or colour == "currentcolor":
            out.append(tinycss2.serialize([token]))
        elif keep_transparent and colour != "system" and colour.alpha == 0:
            out.append(tinycss2.serialize([token]))
        else:
            out.append(replacement)
            replaced += 1
    if not replaced:
        return value, 0
    return "".join(out).strip(), replaced


def stylesheet_elements(root) -> Iterator:
    """The ``<style>`` elements of a tree (any media), in document order."""
    return root.iter("style")


def styled_elements(root) -> Iterator:
    """Elements with a ``style`` attribute, in document order."""
    return (element for element in root.iter() if isinstance(element.tag, str) and element.get("style"))


# -- sizes: reading font-size, line-height and the font shorthand ---------------------------

#: CSS absolute length units in CSS px (96 per inch).
PX_PER_UNIT = {"px": 1.0, "pt": 96 / 72, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6}
#: Units relative to the parent's font size, as a factor of it (ex and ch taken as half an em).
EM_PER_UNIT = {"em": 1.0, "ex": 0.5, "ch": 0.5, "cap": 0.7, "ic": 1.0, "lh": 1.2}
#: Font-size keywords in px at the browsers' default 16 px ("medium").
SIZE_KEYWORDS_PX = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0, "large": 18.0,
                    "x-large": 24.0, "xx-large": 32.0, "xxx-large": 48.0}
#: ``font`` shorthand values that are system fonts (no size to find in them).
SYSTEM_FONTS = frozenset({"caption", "icon", "menu", "message-box", "small-caption", "status-bar"})


#: A plain ``12px``, ``1.5em``, ``80%`` or ``1.6``: read without tinycss2 (the common case).
_SIMPLE_VALUE = re.compile(r"\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*(%|[a-zA-Z]*)\s*$")


def font_size_value(value: str) -> tuple[str, float] | None:
    """What a ``font-size`` value is: ``("px", n)`` for absolute lengths and keywords,
    ``("relative", factor)`` for em/%/larger, ``("root", factor)`` for rem, ``("smaller", 0)``,
    ``("function", 0)`` for calc()/var()/clamp()/viewport units (not known before layout);
    None for what it cannot be sure of (inherit, initial, a parse error)."""
    simple = _SIMPLE_VALUE.match(value)
    if simple and "\\" not in value:
        number, unit = float(simple.group(1)), simple.group(2).lower()
        if unit in PX_PER_UNIT:
            return "px", number * PX_PER_UNIT[unit]
        if unit in EM_PER_UNIT:
            return "relative", number * EM_PER_UNIT[unit]
        if unit == "%":
            return "relative", number / 100
        if unit == "rem":
            return "root", number
        if not unit:
            return ("px", 0.0) if number == 0 else None
    tokens = value_tokens(value)
    if len(tokens) != 1:
        return ("function", 0.0) if any(t.type == "function" for t in tokens) else None
    return _size_token(tokens[0])


def line_height_value(value: str) -> tuple[str, float] | None:
    """What a ``line-height`` value is: ``("number", n)``, ``("relative", factor)`` for % and
    em, ``("length", px)`` for other lengths, ``("normal", 0)``; None otherwise."""
    simple = _SIMPLE_VALUE.match(value)
    if simple and "\\" not in value:
        number, unit = float(simple.group(1)), simple.group(2).lower()
        if not unit:
            return "number", number
        if unit == "%":
            return "relative", number / 100
        if unit == "em":
            return "relative", number
        if unit in PX_PER_UNIT:
            return "length", number * PX_PER_UNIT[unit]
    tokens = value_tokens(value)
    if len(tokens) != 1:
        return ("length", 0.0) if any(t.type == "function" for t in tokens) else None
    token = tokens[0]
    if token.type == "number":
        return "number", float(token.value)
    if token.type == "percentage":
        return "relative", float(token.value) / 100
    if token.type == "dimension":
        unit = token.lower_unit
        if unit == "em":
            return "relative", float(token.value)
        return "length", float(token.value) * PX_PER_UNIT.get(unit, 1.0)
    if token.type == "ident" and token.lower_value == "normal":
        return "normal", 0.0
    return None


@dataclass(frozen=True, slots=True)
class FontShorthand:
    """A ``font`` shorthand split around its size: ``before size[/line_height] after``."""

    before: str
    size: str
    line_height: str | None
    after: str

    def with_size(self, size: str, line_height: str | None) -> str:
        middle = size if not line_height else f"{size}/{line_height}"
        return f"{self.before}{middle}{self.after}"


def split_font_shorthand(value: str) -> FontShorthand | None:
    """The ``font`` shorthand's size and line height, with the text around them kept as it
    is; None for system fonts, ``var()`` values and anything without a size."""
    nodes = tinycss2.parse_component_value_list(value, skip_comments=True)
    pieces = [tinycss2.serialize([node]) for node in nodes]
    significant = [i for i, node in enumerate(nodes) if node.type != "whitespace"]
    if not significant:
        return None
    first = nodes[significant[0]]
    if first.type == "ident" and first.lower_value in SYSTEM_FONTS:
        return None
    for position, index in enumerate(significant):
        node = nodes[index]
        if node.type == "function" and node.lower_name == "var":
            return None
        if _size_token(node) is None or (node.type == "number" and node.value != 0):
            continue
        if node.type == "ident" and node.lower_value not in SIZE_KEYWORDS_PX and node.lower_value not in ("smaller", "larger"):
            continue
        end = index + 1
        line_height = None
        rest = significant[position + 1:]
        if len(rest) >= 2 and nodes[rest[0]].type == "literal" and nodes[rest[0]].value == "/":
            line_height = pieces[rest[1]]
            end = rest[1] + 1
        return FontShorthand("".join(pieces[:index]), pieces[index], line_height, "".join(pieces[end:]))
    return None


def _size_token(token) -> tuple[str, float] | None:
    kind = token.type
    if kind == "dimension":
        unit = token.lower_unit
        if unit in PX_PER_UNIT:
            return "px", float(token.value) * PX_PER_UNIT[unit]
        if unit in EM_PER_UNIT:
            return "relative", float(token.value) * EM_PER_UNIT[unit]
        if unit == "rem":
            return "root", float(token.value)
        return "function", 0.0  # viewport and container units: known only at layout time
    if kind == "percentage":
        return "relative", float(token.value) / 100
    if kind == "number":
        return ("px", 0.0) if token.value == 0 else None
    if kind == "ident":
        name = token.lower_value
        if name in SIZE_KEYWORDS_PX:
            return "px", SIZE_KEYWORDS_PX[name]
        if name == "smaller":
            return "smaller", 0.0
        if name == "larger":
            return "relative", 1.2
        return None
    if kind == "function" and token.lower_name in ("calc", "clamp", "min", "max", "var", "env"):
        return "function", 0.0
    return None
