"""The registry of modes: named transforms of a page, composed in a fixed order.

A mode is a function ``(page, context) -> page`` registered under a name with an ``order``.
Whatever order a caller lists modes in, they run by ``order`` (smallest first), so
``traditional,elder`` and ``elder,traditional`` give the same page. The built-in order:

====  ============  ===========================================================
 0    original      decode, declare UTF-8, serialize (every render does this)
100   elder         large text, one column, nothing moving (before recolouring)
200   contrast      high-contrast colours (after elder, so its colours win)
300   traditional   script conversion (after layout, so it converts what is kept)
400   speech        audio of the final text, and its player
====  ============  ===========================================================
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from ..errors import UnknownModeError

#: Modules that register the built-in modes when first needed.
BUILTIN_MODULES = ("original", "elder", "contrast", "traditional", "speech")


@dataclass(frozen=True, slots=True)
class Mode:
    name: str
    order: int
    apply: Callable[..., Any]
    options: type | None = None
    summary: str = ""


_registry: dict[str, Mode] = {}
_loaded = False


def register(name: str, *, order: int, options: type | None = None):
    """Register the decorated function as the mode ``name``.

    The function's docstring's first line becomes the mode's summary (``a11yrender modes``).
    """

    def decorate(function):
        summary = (function.__doc__ or "").strip().splitlines()[0] if function.__doc__ else ""
        _registry[name] = Mode(name, order, function, options, summary)
        return function

    return decorate


def registry() -> dict[str, Mode]:
    """All registered modes by name, loading the built-in ones on first use."""
    global _loaded
    if not _loaded:
        for module in BUILTIN_MODULES:
            importlib.import_module(f"{__name__}.{module}")
        _loaded = True
    return _registry


def known_modes() -> list[str]:
    """Names of the registered modes, in the order they run."""
    return [m.name for m in sorted(registry().values(), key=lambda m: m.order)]


def resolve(names: str | Iterable[str]) -> list[Mode]:
    """The modes named, deduplicated and sorted into their running order.

    ``names`` may be a comma-separated string. An unknown name raises
    :class:`UnknownModeError` listing the known ones. ``original`` is always included.
    """
    if isinstance(names, str):
        names = names.split(",")
    modes = registry()
    chosen = {"original": modes["original"]}
    for raw in names:
        name = raw.strip().lower()
        if not name:
            continue
        if name not in modes:
            raise UnknownModeError(name, known_modes())
        chosen[name] = modes[name]
    return sorted(chosen.values(), key=lambda m: m.order)
