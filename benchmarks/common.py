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


def best_cpu_times(functions: list[Callable[[], object]], repeat: int = 5, min_seconds: float = 0.03) -> list[float]:
    """Best per-call CPU time of each function, measured in interleaved rounds.

    CPU time rather than wall time, and rounds interleaved (baseline, render, baseline...)
    rather than one function after the other: the benchmark machines are shared, and a
    burst of load then falls on every function alike instead of on whichever ran during it.
    """
    calls = []
    for function in functions:
        n = 1
        while True:
            started = time.process_time()
            for _ in range(n):
                function()
            if time.process_time() - started >= min_seconds or n >= 1000:
                break
            n *= 2
        calls.append(n)
    best = [float("inf")] * len(functions)
    for _ in range(repeat):
        for index, (function, n) in enumerate(zip(functions, calls)):
            started = time.process_time()
            for _ in range(n):
                function()
            best[index] = min(best[index], (time.process_time() - started) / n)
    return best


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
