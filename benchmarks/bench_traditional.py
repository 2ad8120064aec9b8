"""The traditional mode against its floor: OpenCC on the page's text plus lxml parse + serialize.

    python benchmarks/bench_traditional.py [--region none|tw|twp|hk] [--simplified] [--repeat 5]

Whatever a script converter does, it must parse and serialize the page and run OpenCC over
its text; the baseline is exactly that, timed in the same run on the same page: lxml
parse + serialize of the page's bytes, plus one OpenCC call on the page's visible text
(extracted outside the timing). The ratio says what collecting the text across tags,
cutting OpenCC's output back into the text nodes, and relabelling ``lang`` cost on top.
Prints one line per page and the geometric mean and worst ratio over all pages.
"""

from __future__ import annotations

import argparse
import time
from typing import Callable

import a11yrender
from a11yrender.modes.traditional import SIMPLIFIED_CONFIGS, TRADITIONAL_CONFIGS
from a11yrender.script_conversion import converter
from common import geometric_mean, lxml_baseline, pages


def best_cpu_time(function: Callable[[], object], repeat: int = 5, min_seconds: float = 0.05) -> float:
    """Best per-call CPU time of this process over ``repeat`` rounds.

    CPU time rather than wall time: the benchmark machines are shared, and time spent waiting
    for a core that another process holds is not time this code takes.
    """
    calls = 1
    while True:
        started = time.process_time()
        for _ in range(calls):
            function()
        elapsed = time.process_time() - started
        if elapsed >= min_seconds or calls >= 1000:
            break
        calls *= 2
    times = [elapsed / calls]
    for _ in range(repeat - 1):
        started = time.process_time()
        for _ in range(calls):
            function()
        times.append((time.process_time() - started) / calls)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--region", default="none", choices=sorted(TRADITIONAL_CONFIGS))
    parser.add_argument("--simplified", action="store_true", help="measure the simplified mode instead")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    mode = "simplified" if args.simplified else "traditional"
    config = (SIMPLIFIED_CONFIGS if args.simplified else TRADITIONAL_CONFIGS)[args.region]
    opencc = converter(config)
    a11yrender.render("<p>预热</p>", [mode], region=args.region)  # load OpenCC's dictionaries

    ratios = []
    print(f"mode: {mode}, region: {args.region} (OpenCC {config})")
    print(f"{'page':<40} {'chars':>7} {'lxml ms':>8} {'opencc ms':>10} {'render ms':>10} {'ratio':>7}")
    for name, path in pages():
        data = path.read_bytes()
        text = a11yrender.load(data).text()
        parse = best_cpu_time(lxml_baseline(data), args.repeat)
        convert = best_cpu_time(lambda: opencc.convert(text), args.repeat)
        rendered = best_cpu_time(lambda: a11yrender.render(data, [mode], region=args.region), args.repeat)
        ratio = rendered / (parse + convert)
        ratios.append(ratio)
        print(f"{name:<40} {len(text):7d} {parse * 1000:8.2f} {convert * 1000:10.2f} {rendered * 1000:10.2f} {ratio:7.2f}")
    print(f"{'geometric mean':<40} {'':7} {'':8} {'':10} {'':10} {geometric_mean(ratios):7.2f}")
    print(f"{'worst':<40} {'':7} {'':8} {'':10} {'':10} {max(ratios):7.2f}")


if __name__ == "__main__":
    main()
