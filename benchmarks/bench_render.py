"""Render time of a mode set against lxml parse + serialize of the same page, in one run.

    python benchmarks/bench_render.py [--modes elder,contrast] [--repeat 5]

Prints one line per page (baseline ms, render ms, ratio; CPU time, best of ``--repeat``
rounds interleaved with the baseline's) and the geometric mean and worst ratio over all pages.
"""

from __future__ import annotations

import argparse

import a11yrender
from common import best_cpu_times, geometric_mean, lxml_baseline, pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--modes", default="original")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    ratios = []
    print(f"modes: {args.modes}")
    print(f"{'page':<40} {'lxml ms':>9} {'render ms':>10} {'ratio':>7}")
    for name, path in pages():
        data = path.read_bytes()
        baseline, rendered = best_cpu_times([lxml_baseline(data), lambda: a11yrender.render(data, args.modes)], args.repeat)
        ratio = rendered / baseline
        ratios.append(ratio)
        print(f"{name:<40} {baseline * 1000:9.2f} {rendered * 1000:10.2f} {ratio:7.2f}")
    print(f"{'geometric mean':<40} {'':9} {'':10} {geometric_mean(ratios):7.2f}")
    print(f"{'worst':<40} {'':9} {'':10} {max(ratios):7.2f}")


if __name__ == "__main__":
    main()
