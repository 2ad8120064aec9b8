"""Loading themes: stylesheets plus a small manifest, kept as data in ``themes/``.

A theme is a directory holding ``theme.json`` and the stylesheet it names. The built-in
themes ship inside the package (``a11yrender/themes/`` in a wheel; the repository's
``themes/`` in a source checkout); callers add their own directories, which are searched
first, so a site can override a built-in theme by name.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .errors import ThemeError

MANIFEST = "theme.json"
REQUIRED_KEYS = ("name", "kind", "stylesheet")


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
        """The theme's name for readers of ``lang`` (falls back to English, then the id)."""
        if lang:
            tag = lang.lower()
            for key, value in self.labels.items():
                if tag == key.lower() or tag.startswith(key.lower() + "-"):
                    return value
        return self.labels.get("en", self.name)


def builtin_theme_dir() -> Path:
    """Where the built-in themes are in this installation."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "themes", here.parents[1] / "themes"):
        if (candidate / "README.md").is_file():
            return candidate
    raise ThemeError("the built-in themes are missing from this installation")


def theme_dirs(extra: Iterable[str | os.PathLike] = ()) -> list[Path]:
    """Directories searched for themes: the caller's first, then the built-in one."""
    return [Path(d) for d in extra] + [builtin_theme_dir()]


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
    """Load the theme ``name`` from the first directory that has it."""
    searched = theme_dirs(extra)
    for directory in searched:
        manifest_path = directory / name / MANIFEST
        if manifest_path.is_file():
            return _load(manifest_path)
    known = ", ".join(list_themes(extra=extra)) or "none"
    raise ThemeError(f"no theme {name!r} (known themes: {known})")


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
    return Theme(
        name=manifest["name"], kind=manifest["kind"], css=css, path=manifest_path.parent,
        labels=dict(manifest.get("labels", {})), colours=dict(manifest.get("colours", {})), manifest=manifest,
    )


def _read_manifest(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ThemeError(f"{path}: not a readable JSON manifest: {error}") from None
    if not isinstance(data, dict):
        raise ThemeError(f"{path}: the manifest must be a JSON object")
    return data
