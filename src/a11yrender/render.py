"""Orchestration: load a page, run the chosen modes in order, serialize. No work of its own."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import modes as mode_registry
from .diagnostics import Diagnostic
from .errors import A11yRenderError
from .options import RenderOptions, resolve_options
from .page import Page, Source, load


class RenderError(A11yRenderError):
    """A mode failed on this page; the cause is chained for debugging."""


@dataclass(slots=True)
class RenderContext:
    """What a mode may know about the render it is part of."""

    options: RenderOptions
    modes: tuple[str, ...]
    #: Files a mode wrote beside the page (audio, captions), by role.
    outputs: dict[str, Path] = field(default_factory=dict)

    def of(self, mode: str):
        """The options of ``mode`` in this render."""
        return self.options.modes.get(mode)


@dataclass(slots=True)
class RenderResult:
    """A rendered page: its HTML text and what the render has to say about it."""

    html: str
    modes: tuple[str, ...]
    diagnostics: list[Diagnostic]
    source_encoding: str
    is_fragment: bool
    outputs: dict[str, Path] = field(default_factory=dict)
    page: Page | None = field(default=None, repr=False)

    def to_bytes(self) -> bytes:
        """The HTML as UTF-8, the encoding the page now declares."""
        return self.html.encode("utf-8")

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


def render(
    source: Source,
    modes: str | Iterable[str] = ("original",),
    *,
    options: RenderOptions | None = None,
    **overrides: Any,
) -> RenderResult:
    """Render ``source`` in ``modes`` and return the result.

    ``modes`` is a list of names or a comma-separated string; they run in their registered
    order whatever order they are given in. Options come as ``options=RenderOptions(...)``
    and/or keywords: a mode's name with its options dataclass (``elder=ElderOptions(...)``),
    a field of :class:`RenderOptions` (``encoding="gbk"``), or a field of one selected mode's
    options (``region="tw"``).
    """
    page, context = transform(source, modes, options=options, **overrides)
    return RenderResult(
        html=page.serialize(),
        modes=context.modes,
        diagnostics=list(page.diagnostics),
        source_encoding=page.encoding,
        is_fragment=page.is_fragment,
        outputs=dict(context.outputs),
        page=page,
    )


def transform(
    source: Source,
    modes: str | Iterable[str] = ("original",),
    *,
    options: RenderOptions | None = None,
    **overrides: Any,
) -> tuple[Page, RenderContext]:
    """:func:`render` without the serialization: the transformed page and the render's context.

    For callers that change the page further before writing it (a site build adds the
    version switcher), so that it is serialized once.
    """
    selected = mode_registry.resolve(modes)
    if isinstance(source, os.PathLike) and "base_dir" not in overrides and not (options and options.base_dir):
        overrides["base_dir"] = Path(source).resolve().parent
    resolved = resolve_options(options, selected, overrides)
    page = load(source, encoding=resolved.encoding)
    context = RenderContext(resolved, tuple(m.name for m in selected))
    for mode in selected:
        try:
            page = mode.apply(page, context)
        except A11yRenderError:
            raise
        except Exception as error:  # a bug or a page we did not foresee: say which mode
            raise RenderError(f"{mode.name} mode failed on this page: {type(error).__name__}: {error}") from error
    return page, context
