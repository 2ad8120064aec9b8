"""Options that apply to a whole render, whatever the modes.

Each mode owns a dataclass of its own options (``ElderOptions`` in ``modes/elder.py`` and so
on) and registers it with the mode; :func:`a11yrender.render` routes keyword arguments to the
right one (see :func:`resolve_options`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import OptionsError


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """Options of a render as a whole.

    ``encoding``: the charset known from outside the bytes (an HTTP ``Content-Type``), tried
    before the page's own declaration, as browsers do.
    ``base_dir``: where the page's relative URLs point on disk (set automatically when the
    source is a path); modes that need files beside the page (speech audio) use it.
    """

    encoding: str | None = None
    base_dir: Path | None = None
    #: Per-mode option objects, by mode name; filled by :func:`resolve_options`.
    modes: dict[str, Any] = field(default_factory=dict)

    def of(self, mode: str, default_type: type | None = None):
        """The options of ``mode`` (its defaults when the caller gave none)."""
        found = self.modes.get(mode)
        if found is None and default_type is not None:
            return default_type()
        return found


def resolve_options(base: RenderOptions | None, selected: list, overrides: dict[str, Any]) -> RenderOptions:
    """Build the options of one render from ``options=`` and keyword arguments.

    A keyword is, in this order: the name of a mode (its value is that mode's options
    dataclass, or a dict of its fields); a field of :class:`RenderOptions`; or a field of
    exactly one selected mode's options (``region="tw"`` for ``traditional``). Anything else
    is an :class:`OptionsError` listing what is accepted.
    """
    base = base or RenderOptions()
    general: dict[str, Any] = {}
    per_mode: dict[str, Any] = {mode.name: base.modes.get(mode.name) or _default(mode) for mode in selected}
    general_fields = {f.name for f in dataclasses.fields(RenderOptions)} - {"modes"}
    by_name = {mode.name: mode for mode in selected}

    for key, value in overrides.items():
        if key in by_name:
            per_mode[key] = _coerce(by_name[key], value)
        elif key in general_fields:
            general[key] = value
        else:
            owners = [m for m in selected if m.options is not None and key in _field_names(m.options)]
            if len(owners) == 1:
                owner = owners[0]
                per_mode[owner.name] = dataclasses.replace(per_mode[owner.name], **{key: value})
            elif len(owners) > 1:
                names = ", ".join(m.name for m in owners)
                raise OptionsError(f"option {key!r} is ambiguous between modes {names}; pass {owners[0].name}=...")
            else:
                accepted = sorted(general_fields | set(by_name) | {
                    f for m in selected if m.options is not None for f in _field_names(m.options)
                })
                raise OptionsError(f"unknown option {key!r} for modes {', '.join(by_name)}; accepted: {', '.join(accepted)}")
    if general.get("base_dir") is not None:
        general["base_dir"] = Path(general["base_dir"])
    return dataclasses.replace(base, modes={**base.modes, **per_mode}, **general)


def _default(mode):
    return mode.options() if mode.options is not None else None


def _field_names(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def _coerce(mode, value):
    if mode.options is None:
        raise OptionsError(f"mode {mode.name!r} takes no options")
    if isinstance(value, mode.options):
        return value
    if isinstance(value, dict):
        try:
            return mode.options(**value)
        except TypeError as error:
            raise OptionsError(f"bad options for mode {mode.name!r}: {error}") from None
    raise OptionsError(f"options for mode {mode.name!r} must be {mode.options.__name__} or a dict, not {type(value).__name__}")
