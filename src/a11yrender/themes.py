"""Loading themes: stylesheets plus a small manifest, kept as data in ``themes/``.

A theme is a directory holding ``theme.json`` and the stylesheet it names. The built-in
themes ship inside the package (``a11yrender/themes/`` in a wheel; the repository's
``themes/`` in a source checkout); callers add their own directories, which are searched
first, so a site can override a built-in theme by name.

Loading a theme validates its colours (see :func:`validate_theme`): a theme's colour roles
are modelled on the CSS forced-colors system colours (CanvasText on Canvas, LinkText,
VisitedText, ButtonText on ButtonFace, GrayText, HighlightText on Highlight), and every
pair a reader meets must reach its WCAG ratio, or the theme is refused with a
:class:`ThemeError` naming the pair and its ratio. A theme is proven once, when loaded, not
page by page.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .colour import AA_TEXT, AAA_TEXT, NON_TEXT, RGBA, contrast_ratio, parse_colour, relative_luminance
from .errors import ThemeError

MANIFEST = "theme.json"
REQUIRED_KEYS = ("name", "kind", "stylesheet")

#: The colour roles of a theme, after the CSS forced-colors system colours.
COLOUR_ROLES = (
    "text", "background", "link", "visited", "focus", "button-text", "button-face", "border",
    "disabled", "selection-text", "selection-background",
)

#: Foreground and background roles that meet as text on a background (WCAG 1.4.3 / 1.4.6):
#: body text, links, disabled text and placeholders on the page; button labels (and a
#: disabled button's label) on the button's face; selected and marked text.
TEXT_PAIRS = (
    ("text", "background"), ("link", "background"), ("visited", "background"), ("disabled", "background"),
    ("button-text", "button-face"), ("disabled", "button-face"), ("selection-text", "selection-background"),
)

#: Non-text colours against what surrounds them (WCAG 1.4.11): the borders of controls, and
#: the focus indicator around a control or on the page.
NON_TEXT_PAIRS = (("border", "background"), ("focus", "background"), ("focus", "button-face"))

#: Minimum text contrast by theme kind: a contrast theme is the AAA scheme (1.4.6); any other
#: kind (an elder theme's palette) at least AA (1.4.3).
TEXT_CONTRAST_BY_KIND = {"contrast": AAA_TEXT}
DEFAULT_TEXT_CONTRAST = AA_TEXT

#: What a role may be called: it becomes part of a CSS custom property name.
_ROLE_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")

#: Kinds whose themes must name every role in COLOUR_ROLES (other kinds are checked on the
#: pairs they do name).
COMPLETE_KINDS = frozenset({"contrast"})

#: Relative luminance below which a background counts as dark (for ``color-scheme``): the
#: luminance where black and white text have equal contrast against it.
DARK_BACKGROUND_LUMINANCE = 0.179


@dataclass(frozen=True, slots=True)
class Theme:
    """A loaded theme: its manifest's fields and its stylesheet's text."""

    name: str
    kind: str
    css: str
    path: Path
    labels: dict[str, str] = field(default_factory=dict)
    colours: dict[str, str] = field(default_factory=dict)
    manifest: dict = field(default_factory=dict)

    def label(self, lang: str | None) -> str:
        """The theme's name for readers of ``lang`` (falls back to English, then the id).

        Labels are keyed by language tag; Chinese ones by script (``zh-Hans``, ``zh-Hant``), so
        a region tag finds its script: ``zh-CN`` and ``zh-SG`` read zh-Hans, ``zh-TW``,
        ``zh-HK`` and ``zh-MO`` zh-Hant.
        """
        if lang:
            tag = lang.lower()
            for key, value in self.labels.items():
                if tag == key.lower() or tag.startswith(key.lower() + "-"):
                    return value
            script = _chinese_script(tag)
            if script is not None:
                for key, value in self.labels.items():
                    if key.lower() == script:
                        return value
        return self.labels.get("en", self.name)

    def colour(self, role: str) -> RGBA:
        """The parsed colour of ``role`` (the theme was validated when loaded)."""
        parsed = parse_colour(self.colours[role])
        if parsed is None:
            raise ThemeError(f"theme {self.name!r}: {role} {self.colours[role]!r} is not a CSS colour")
        return parsed

    @property
    def dark(self) -> bool:
        """True when the background is dark (light text): the page's ``color-scheme``."""
        return "background" in self.colours and relative_luminance(self.colour("background")) < DARK_BACKGROUND_LUMINANCE

    def custom_properties(self, prefix: str) -> str:
        """The theme's colours as CSS custom property declarations: ``--<prefix><role>: <colour>``."""
        return " ".join(f"{prefix}{role}: {self.colour(role)};" for role in self.colours)


@lru_cache(maxsize=1)
def builtin_theme_dir() -> Path:
    """Where the built-in themes are in this installation."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "themes", here.parents[1] / "themes"):
        if (candidate / "README.md").is_file():
            return candidate
    raise ThemeError("the built-in themes are missing from this installation")


def theme_dirs(extra: Iterable[str | os.PathLike] = ()) -> list[Path]:
    """Directories searched for themes: the caller's first, then the built-in one.

    A directory the caller names that does not exist is a ThemeError (a typo in a site's
    configuration should not silently fall back to the built-in themes).
    """
    if isinstance(extra, (str, os.PathLike)):
        extra = [extra]
    dirs = [Path(d) for d in extra]
    for directory in dirs:
        if not directory.is_dir():
            raise ThemeError(f"theme directory {directory} does not exist or is not a directory")
    return dirs + [builtin_theme_dir()]


def list_themes(kind: str | None = None, extra: Iterable[str | os.PathLike] = ()) -> list[str]:
    """Names of the themes found (of one ``kind`` when given), without duplicates."""
    names: dict[str, None] = {}
    for directory in theme_dirs(extra):
        if not directory.is_dir():
            continue
        for manifest in sorted(directory.glob(f"*/{MANIFEST}")):
            if kind is None or _read_manifest(manifest).get("kind") == kind:
                names.setdefault(manifest.parent.name, None)
    return list(names)


def load_theme(name: str, extra: Iterable[str | os.PathLike] = ()) -> Theme:
    """Load the theme ``name`` from the first directory that has it, validated.

    Loaded themes are kept (and re-read when their files change), so the Theme returned may
    be shared between calls: treat it as read-only.
    """
    if not name or "/" in name or "\\" in name or name in (".", ".."):
        raise ThemeError(f"{name!r} is not a theme name")
    searched = theme_dirs(extra)
    for directory in searched:
        manifest_path = directory / name / MANIFEST
        if manifest_path.is_file():
            return _load_unless_unchanged(manifest_path)
    known = ", ".join(list_themes(extra=extra)) or "none"
    raise ThemeError(f"no theme {name!r} (known themes: {known})")


def validate_theme(theme: Theme) -> None:
    """Refuse a theme whose colours fail their contrast requirements.

    Every role must be an opaque CSS colour; a theme of a kind in ``COMPLETE_KINDS`` must name
    every role; each pair of ``TEXT_PAIRS`` it names must reach the text contrast of its kind
    and each of ``NON_TEXT_PAIRS`` 3:1. The error names the first failing pair and its ratio.
    """
    where = f"theme {theme.name!r} ({theme.path})"
    if not isinstance(theme.colours, dict) or not all(isinstance(v, str) for v in theme.colours.values()):
        raise ThemeError(f"{where}: 'colours' must map role names to CSS colour strings")
    if theme.kind in COMPLETE_KINDS:
        missing = [role for role in COLOUR_ROLES if role not in theme.colours]
        if missing:
            raise ThemeError(f"{where}: a {theme.kind} theme must name every colour role; missing {', '.join(missing)}")
    parsed: dict[str, RGBA] = {}
    for role, value in theme.colours.items():
        if not _ROLE_NAME.fullmatch(role):
            raise ThemeError(f"{where}: colour role {role!r} is not a lower-case name like 'button-text'")
        colour = parse_colour(value)
        if colour is None:
            raise ThemeError(f"{where}: {role} {value!r} is not a CSS colour")
        if not colour.opaque:
            raise ThemeError(f"{where}: {role} {value!r} is translucent; theme colours must be opaque")
        parsed[role] = colour
    text_minimum = TEXT_CONTRAST_BY_KIND.get(theme.kind, DEFAULT_TEXT_CONTRAST)
    checks = [(pair, text_minimum, "text") for pair in TEXT_PAIRS] + [(pair, NON_TEXT, "non-text") for pair in NON_TEXT_PAIRS]
    for (foreground, background), minimum, what in checks:
        if foreground not in parsed or background not in parsed:
            continue
        ratio = contrast_ratio(parsed[foreground], parsed[background])
        if ratio < minimum:
            raise ThemeError(
                f"{where}: {foreground} {theme.colours[foreground]} on {background} {theme.colours[background]} "
                f"is {_ratio(ratio)}:1; {what} in a {theme.kind} theme needs at least {_ratio(minimum)}:1"
            )


#: Chinese regions written in traditional characters.
TRADITIONAL_REGIONS = frozenset({"tw", "hk", "mo"})


def _chinese_script(tag: str) -> str | None:
    """``zh-hans`` or ``zh-hant`` for a lower-case Chinese language tag, else None."""
    parts = tag.replace("_", "-").split("-")
    if parts[0] != "zh":
        return None
    if "hant" in parts[1:] or TRADITIONAL_REGIONS & set(parts[1:]):
        return "zh-hant"
    return "zh-hans"


def _ratio(value: float) -> str:
    """A ratio as people write it: never rounded up across a threshold (6.996 is not 7)."""
    text = f"{int(value * 100) / 100:.2f}"
    return text.rstrip("0").rstrip(".")


#: Themes loaded (and validated) so far, by manifest path, with the files' stat stamps: a
#: site build renders thousands of pages in one theme and need not re-read it for each.
_loaded: dict[Path, tuple[tuple, Theme]] = {}


def _stamp(path: Path) -> tuple | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)


def _load_unless_unchanged(manifest_path: Path) -> Theme:
    """The theme at ``manifest_path``, re-read only when its manifest or stylesheet changed."""
    cached = _loaded.get(manifest_path)
    if cached is not None:
        stamps, theme = cached
        if stamps == (_stamp(manifest_path), _stamp(theme.path / theme.manifest["stylesheet"])):
            return theme
    theme = _load(manifest_path)
    _loaded[manifest_path] = ((_stamp(manifest_path), _stamp(theme.path / theme.manifest["stylesheet"])), theme)
    return theme


def _load(manifest_path: Path) -> Theme:
    manifest = _read_manifest(manifest_path)
    missing = [key for key in REQUIRED_KEYS if key not in manifest]
    if missing:
        raise ThemeError(f"{manifest_path}: missing {', '.join(missing)}")
    stylesheet = manifest_path.parent / manifest["stylesheet"]
    try:
        css = stylesheet.read_text(encoding="utf-8")
    except OSError as error:
        raise ThemeError(f"{manifest_path}: cannot read its stylesheet {stylesheet.name}: {error.strerror}") from None
    labels, colours = manifest.get("labels", {}), manifest.get("colours", {})
    if not isinstance(labels, dict) or not isinstance(colours, dict):
        raise ThemeError(f"{manifest_path}: 'labels' and 'colours' must be JSON objects")
    theme = Theme(
        name=manifest["name"], kind=manifest["kind"], css=css, path=manifest_path.parent,
        labels=dict(labels), colours=dict(colours), manifest=manifest,
    )
    validate_theme(theme)
    return theme


def _read_manifest(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ThemeError(f"{path}: not a readable JSON manifest: {error}") from None
    if not isinstance(data, dict):
        raise ThemeError(f"{path}: the manifest must be a JSON object")
    return data
