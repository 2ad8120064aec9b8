"""The traditional mode against its floor: OpenCC on the page's text plus lxml parse + serialize.

    python benchmarks/bench_traditional.py [--region none|tw|twp|hk] [--simplified] [--repeat 5]

Whatever a script converter does, it must parse and serialize the page and run OpenCC over
its text; the floor is exactly that, timed in the same run on the same page: lxml parse +
serialize of the page's bytes, then one OpenCC call on the page's visible text (extracted
outside the timing), in one call, so that OpenCC's dictionaries compete for the caches with
the parsed page as they do in a render (OpenCC alone in a tight loop, also printed, is up to
twice as fast). The ratio, render / floor, says what collecting the text across tags,
cutting OpenCC's output back into the text nodes, and relabelling ``lang`` cost on top.
Prints one line per page (with the ``original`` render, the load and save every mode pays,
for reference) and the geometric mean and worst ratio over all pages.

``--walk`` also times the walk that collects the text (``chinese_text.collect``) inside the
renders, and prints the ratio the render would have if that walk cost nothing: the bound on
what a faster walk alone can gain.
"""

from __future__ import annotations

import argparse
import time
from functools import wraps
from typing import Callable

import a11yrender
from a11yrender.modes import traditional as traditional_mode
from a11yrender.modes.traditional import SIMPLIFIED_CONFIGS, TRADITIONAL_CONFIGS
from a11yrender.script_conversion import converter
from common import best_cpu_times, geometric_mean, lxml_baseline, pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--region", default="none", choices=sorted(TRADITIONAL_CONFIGS))
    parser.add_argument("--simplified", action="store_true", help="measure the simplified mode instead")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--walk", action="store_true", help="also time the walk inside the renders")
    args = parser.parse_args()

    mode = "simplified" if args.simplified else "traditional"
    config = (SIMPLIFIED_CONFIGS if args.simplified else TRADITIONAL_CONFIGS)[args.region]
    opencc = converter(config)
    a11yrender.render("<p>预热</p>", [mode], region=args.region)  # load OpenCC's dictionaries

    ratios = []
    print(f"mode: {mode}, region: {args.region} (OpenCC {config})")
    print(f"{'page':<36} {'chars':>6} {'lxml ms':>8} {'opencc':>7} {'floor':>7} {'original':>9} {'render':>7} {'ratio':>6}")
    originals, without = [], []
    for name, path in pages():
        data = path.read_bytes()
        text = a11yrender.load(data).text()
        parse_and_serialize = lxml_baseline(data)

        def floor():
            parse_and_serialize()
            opencc.convert(text)

        parse, convert, both, original, rendered = best_cpu_times([
            parse_and_serialize,
            lambda: opencc.convert(text),
            floor,
            lambda: a11yrender.render(data, ["original"]),
            lambda: a11yrender.render(data, [mode], region=args.region),
        ], args.repeat)
        ratio = rendered / both
        ratios.append(ratio)
        originals.append(original / parse)
        line = (f"{name[:36]:<36} {len(text):6d} {parse * 1000:8.2f} {convert * 1000:7.2f} {both * 1000:7.2f} "
                f"{original * 1000:9.2f} {rendered * 1000:7.2f} {ratio:6.2f}")
        if args.walk:
            walked = walk_time(lambda: a11yrender.render(data, [mode], region=args.region))
            without.append(max(rendered - walked, 0.0) / both)
            line += f"  walk {walked * 1000:6.2f} ms, without it {without[-1]:5.2f}"
        print(line)
    print(f"{'geometric mean (original / lxml: ' + format(geometric_mean(originals), '.2f') + ')':<85} {geometric_mean(ratios):6.2f}")
    print(f"{'worst':<85} {max(ratios):6.2f}")
    if args.walk:
        print(f"{'geometric mean if the walk cost nothing':<85} {geometric_mean(without):6.2f}")


def walk_time(render: Callable[[], object], rounds: int = 20) -> float:
    """CPU time per render spent in the walk (``chinese_text.collect``), least of ``rounds``."""
    spent: list[float] = []
    original = traditional_mode.collect

    @wraps(original)
    def timed(*args, **kwargs):
        started = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[-1] += time.process_time() - started

    traditional_mode.collect = timed
    try:
        for _ in range(rounds):
            spent.append(0.0)
            render()
    finally:
        traditional_mode.collect = original
    return min(spent)


if __name__ == "__main__":
    main()
