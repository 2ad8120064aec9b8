"""How long a QA check takes: one page with and without the browser start, and a batch.

    python benchmarks/bench_check.py [--modes original] [--axe serious|off] [--limit N]

Checks the sample and every corpus page (as published, or rendered in ``--modes``) with the
profile the modes promise, at 1280 and 320 px, in one Chromium, as ``a11yrender check``
does (screenshots aside).
"""

from __future__ import annotations

import argparse
import statistics
import time

from playwright.sync_api import sync_playwright

import a11yrender
from a11yrender.checks import audit_page, launch, open_html, profile_for
from common import pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--modes", default="original")
    parser.add_argument("--axe", default="serious")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    modes = args.modes.split(",")
    profile = profile_for(modes)
    if args.axe != "off":
        from dataclasses import replace

        profile = replace(profile, axe_impact=args.axe)
    chosen = pages()[: args.limit or None]

    with sync_playwright() as playwright:
        started = time.perf_counter()
        browser = launch(playwright)
        launch_seconds = time.perf_counter() - started
        times = []
        batch_started = time.perf_counter()
        for name, path in chosen:
            t0 = time.perf_counter()
            html = a11yrender.render(path, modes).html
            context = browser.new_context()
            page = context.new_page()
            open_html(page, html, base_dir=path.parent)
            results = audit_page(page, profile)
            context.close()
            times.append(time.perf_counter() - t0)
            failed = sum(not c.passed for c in results)
            print(f"{name:<40} {times[-1]:6.2f} s  {failed:>2} of {len(results)} checks failed")
        batch = time.perf_counter() - batch_started
        browser.close()

    print(f"browser start:                     {launch_seconds:6.2f} s")
    print(f"one page, browser start excluded:  {statistics.median(times):6.2f} s (median; min {min(times):.2f}, max {max(times):.2f})")
    print(f"one page, browser start included:  {launch_seconds + times[0]:6.2f} s (first page)")
    print(f"batch in one browser:              {len(times)} pages in {batch:.1f} s = {60 * len(times) / batch:.1f} pages/minute")


if __name__ == "__main__":
    main()
