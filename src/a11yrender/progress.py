"""A progress bar on standard error for long work: done/total, rate and time left.

Made for any long loop of the library's commands (speech synthesis, site builds)::

    with ProgressBar(total=len(items), label="speech", unit="segments") as bar:
        for item in items:
            work(item)
            bar.update(1)            # or bar.set(done), or bar(done, total) as a callback

On a terminal the bar redraws in place at most :data:`REDRAW_INTERVAL` apart; into a file or a
pipe (CI logs) it writes a plain line at most every :data:`LOG_INTERVAL` seconds, and always
the last one, so a log shows progress without thousands of lines.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

#: Seconds between redraws on a terminal, and between lines in a log.
REDRAW_INTERVAL = 0.1
LOG_INTERVAL = 5.0
#: Width of the bar itself, in characters.
BAR_WIDTH = 24


class ProgressBar:
    """Progress of ``total`` units of work, drawn on ``stream`` (standard error by default)."""

    def __init__(self, total: int, label: str = "", unit: str = "", stream: TextIO | None = None,
                 enabled: bool = True, interactive: bool | None = None) -> None:
        self.total = max(0, total)
        self.label = label
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.interactive = _is_terminal(self.stream) if interactive is None else interactive
        self.done = 0
        self._started = time.monotonic()
        self._drawn_at = float("-inf")
        self._last_line = ""
        self._closed = False

    # -- feeding it ------------------------------------------------------------------------

    def update(self, amount: int = 1) -> None:
        self.set(self.done + amount)

    def set(self, done: int, total: int | None = None) -> None:
        if total is not None:
            self.total = max(0, total)
        self.done = max(0, min(done, self.total) if self.total else done)
        self._draw(final=False)

    def __call__(self, done: int, total: int) -> None:
        """Use the bar as a ``progress(done, total)`` callback."""
        self.set(done, total)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._draw(final=True)

    def __enter__(self) -> "ProgressBar":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- what it shows -----------------------------------------------------------------------

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._started

    @property
    def rate(self) -> float:
        """Units a second so far."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the rate so far (None until there is a rate)."""
        if not self.done or not self.total:
            return None
        return (self.total - self.done) / self.rate if self.rate else None

    def line(self) -> str:
        """The progress as one line of text."""
        fraction = self.done / self.total if self.total else 1.0
        filled = round(BAR_WIDTH * fraction)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        unit = f" {self.unit}" if self.unit else ""
        parts = [f"{self.label} " if self.label else "", f"[{bar}] {self.done}/{self.total}{unit}",
                 f" {fraction:4.0%}", f"  {self.rate:.1f}{unit}/s" if self.done else ""]
        if self.done >= self.total:
            parts.append(f"  done in {format_seconds(self.elapsed)}")
        elif self.eta is not None:
            parts.append(f"  ETA {format_seconds(self.eta)}")
        return "".join(parts)

    def _draw(self, final: bool) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        interval = REDRAW_INTERVAL if self.interactive else LOG_INTERVAL
        if not final and now - self._drawn_at < interval:
            return
        line = self.line()
        if final and line == self._last_line and not self.interactive:
            return
        self._drawn_at, self._last_line = now, line
        try:
            if self.interactive:
                self.stream.write("\r\x1b[2K" + line + ("\n" if final else ""))
            else:
                self.stream.write(line + "\n")
            self.stream.flush()
        except (OSError, ValueError):
            self.enabled = False  # the stream went away (a closed pipe): stop drawing


def format_seconds(seconds: float) -> str:
    """``42s``, ``3m05s``, ``1h02m``."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
