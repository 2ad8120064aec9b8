"""Diagnostics: what a render changed, removed or could not handle.

Following tinycss2, problems on the page are values, not exceptions: a stage records what it
did and carries on, and the caller decides how strict to be (the CLI prints them as
warnings, a CMS may store them, a test may assert on them).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["info", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One thing a stage wants the caller to know.

    ``code`` is stable and machine-readable (``stage.what``, e.g. ``decoding.replaced``);
    ``message`` is for people; ``count`` aggregates repeats (how many bytes were replaced,
    how many elements were removed); ``where`` is a CSS path or a location when there is one.
    """

    code: str
    message: str
    severity: Severity = "info"
    count: int = 1
    where: str | None = None

    @property
    def stage(self) -> str:
        return self.code.split(".", 1)[0]

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        suffix = f" (x{self.count})" if self.count != 1 else ""
        at = f" at {self.where}" if self.where else ""
        return f"{self.code}: {self.message}{at}{suffix}"
