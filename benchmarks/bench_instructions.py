"""Instructions, not seconds: a mode set against lxml parse + serialize, counted by callgrind.

    python benchmarks/bench_instructions.py [--modes elder] [--pages sample,gmw] [--passes 10]

The timing benchmarks move by ±5 % (single pages by ±30 %) with the load of the shared VM,
which hides the 2-10 % changes that most optimisations are. valgrind's callgrind counts
the instructions a process executes, the same count on every run of the same code whatever
else the machine does, so two versions of the library can be compared exactly (run this
once with each on ``PYTHONPATH``). Instructions are not time: cache misses (OpenCC's
dictionaries evicted by a walk) do not show, so a gain found here is confirmed in CPU time.

Each count runs in its own process under valgrind: once with one pass over the pages and
once with ``1 + passes``, and the difference divided by ``passes`` is one pass, without
Python's start-up, the imports and the first render's warm-up (themes, OpenCC's
dictionaries). The baseline is counted the same way. Needs valgrind (Debian: valgrind);
about a minute per count.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

import a11yrender
from common import lxml_baseline, pages

_COLLECTED = re.compile(r"Collected : (\d+)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--modes", default="original")
    parser.add_argument("--pages", default="", help="comma-separated parts of page names (default: all)")
    parser.add_argument("--passes", type=int, default=10)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PASSES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _run_passes(args.child[0], int(args.child[1]), args.modes, args.pages)
        return
    if shutil.which("valgrind") is None:
        sys.exit("bench_instructions: valgrind is not installed (apt-get install valgrind)")
    counts = {kind: _per_pass(kind, args) for kind in ("baseline", "render")}
    print(f"modes: {args.modes}; pages: {args.pages or 'all'}; library: {Path(a11yrender.__file__).parent}")
    print(f"lxml parse + serialize: {counts['baseline'] / 1e6:10.2f} M instructions a pass")
    print(f"render:                 {counts['render'] / 1e6:10.2f} M instructions a pass")
    print(f"ratio:                  {counts['render'] / counts['baseline']:10.3f}")


def _per_pass(kind: str, args: argparse.Namespace) -> float:
    one, more = (_count(kind, n, args) for n in (1, 1 + args.passes))
    return (more - one) / args.passes


def _count(kind: str, passes: int, args: argparse.Namespace) -> int:
    command = [
        "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, str(Path(__file__).resolve()),
        "--child", kind, str(passes), "--modes", args.modes, "--pages", args.pages,
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    found = _COLLECTED.search(done.stderr)
    if done.returncode != 0 or found is None:
        sys.exit(f"bench_instructions: the {kind} run failed: {done.stderr.strip().splitlines()[-1:]}")
    return int(found.group(1))


def _run_passes(kind: str, passes: int, modes: str, selection: str) -> None:
    wanted = [part for part in selection.split(",") if part]
    datas = [path.read_bytes() for name, path in pages() if not wanted or any(part in name for part in wanted)]
    if kind == "baseline":
        functions = [lxml_baseline(data) for data in datas]
    else:
        functions = [lambda data=data: a11yrender.render(data, modes) for data in datas]
    for _ in range(passes):
        for function in functions:
            function()


if __name__ == "__main__":
    main()
