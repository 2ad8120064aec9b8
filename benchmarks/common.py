"""Shared by the benchmarks: the pages, a timer, and the baseline every render is compared to.

Speed is measured, never asserted in tests. Every figure is a ratio against a baseline timed
in the same run on the same page (lxml parse + serialize of the page's bytes), so the ratios
hold across machines even though the absolute times do not.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path
from typing import Callable

import lxml.html

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "lingang-interview" / "index.html"
CORPUS = Path(os.environ.get("A11YRENDER_CORPUS", REPO.parent / "shared" / "corpus"))


def pages() -> list[tuple[str, Path]]:
    """The sample, then every corpus page (ACT test cases aside)."""
    found = [("sample", SAMPLE)]
    for group in ("cwced", "readability", "trafilatura"):
        for source in sorted((CORPUS / group).glob("*/source.html")):
            found.append((f"{group}/{source.parent.name[:24]}", source))
    return found


def best_time(function: Callable[[], object], repeat: int = 5, min_seconds: float = 0.05) -> float:
    """Best per-call time over ``repeat`` rounds, each long enough to be measured."""
    calls = 1
    while True:
        started = time.perf_counter()
        for _ in range(calls):
            function()
        elapsed = time.perf_counter() - started
        if elapsed >= min_seconds or calls >= 1000:
            break
        calls *= 2
    times = [elapsed / calls]
    for _ in range(repeat - 1):
        started = time.perf_counter()
        for _ in range(calls):
            function()
        times.append((time.perf_counter() - started) / calls)
    return min(times)


def lxml_baseline(data: bytes) -> Callable[[], object]:
    """lxml parse + serialize of the page's bytes: the least any HTML transform must do.

    The parser is told the page's real encoding (found outside the timing), so that the
    baseline parses the whole page: libxml2 left to trust a wrong ``<meta>`` stops early.
    """
    from a11yrender.decoding import decode

    parser = lxml.html.HTMLParser(encoding=decode(data).encoding)

    def run():
        return lxml.html.tostring(lxml.html.document_fromstring(data, parser=parser), encoding="unicode")

    return run


def geometric_mean(values: list[float]) -> float:
    return statistics.geometric_mean(values) if values else float("nan")
