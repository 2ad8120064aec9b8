"""Site builds: pages per second with 1 and 2 jobs, an incremental rebuild, peak memory.

    python benchmarks/bench_build.py [--pages 2000] [--modes elder,contrast,traditional]
                                     [--memory 2000,10000] [--work DIR]

Generates a site of ``--pages`` pages from the sample and the corpus (each copy made
distinct: its title carries its number), builds it from scratch with ``--jobs 1`` and with
``--jobs 2``, then changes one page and builds again. Peak memory (maximum resident set of
the driver and, separately, of the largest worker) is measured in a fresh process per site
size. Every figure comes from this one run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from common import pages

HERE = Path(__file__).resolve().parent


def make_site(root: Path, count: int) -> None:
    """``count`` pages in nested folders (50 per folder), plus the sample's images."""
    if root.exists():
        shutil.rmtree(root)
    sources = [(name, path.read_bytes()) for name, path in pages()]
    for index in range(count):
        name, data = sources[index % len(sources)]
        marker = f"<!-- page {index} -->".encode()
        folder = root / f"section{index // 500}" / f"list{(index // 50) % 10}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"t{index}.html").write_bytes(marker + data.replace(b"<title>", b"<title>" + str(index).encode() + b" ", 1))
    shutil.copytree(HERE.parent / "examples" / "lingang-interview" / "images", root / "images")


def build(src: Path, out: Path, modes: str, jobs: int) -> dict:
    """One build in a fresh process; returns its summary and peak memory."""
    code = (
        "import json, resource, sys\n"
        "from a11yrender.build import build_site, BuildOptions\n"
        f"s = build_site({str(src)!r}, {str(out)!r}, BuildOptions(modes=tuple({modes!r}.split(',')), jobs={jobs}))\n"
        "print(json.dumps({'pages': s.pages, 'rendered': s.rendered, 'unchanged': s.unchanged, 'failed': len(s.failed),"
        " 'seconds': s.seconds, 'driver_kib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
        " 'worker_kib': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--modes", default="elder,contrast,traditional")
    parser.add_argument("--memory", default="2000,10000")
    parser.add_argument("--work", default="/tmp/a11yrender-bench-build")
    args = parser.parse_args()
    work = Path(args.work)
    src = work / "site"
    make_site(src, args.pages)
    print(f"site: {args.pages} pages, versions: standard + {args.modes}")

    results = {}
    for jobs in (1, 2):
        out = work / f"out-{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        results[jobs] = build(src, out, args.modes, jobs)
        r = results[jobs]
        print(f"--jobs {jobs}: {r['pages']} pages in {r['seconds']:.1f} s = {r['pages'] / r['seconds']:.1f} pages/s "
              f"({r['failed']} failed)")
    print(f"speed-up with 2 jobs: {results[1]['seconds'] / results[2]['seconds']:.2f}x")

    out = work / "out-2"
    changed = src / "section0" / "list0" / "t7.html"
    changed.write_bytes(changed.read_bytes().replace(b"<!-- page 7 -->", b"<!-- page 7, edited -->", 1))
    started = time.perf_counter()
    rebuild = build(src, out, args.modes, 2)
    total = time.perf_counter() - started
    print(f"rebuild after one page changed: {rebuild['seconds']:.2f} s inside the build ({total:.2f} s with interpreter start), "
          f"{rebuild['rendered']} rendered, {rebuild['unchanged']} unchanged")
    one = build_single_page_time(changed, args.modes)
    print(f"  that page's own render (all versions): {one:.2f} s")

    for size in [int(s) for s in args.memory.split(",") if s]:
        site = work / f"site-{size}"
        make_site(site, size)
        out = work / f"out-mem-{size}"
        shutil.rmtree(out, ignore_errors=True)
        r = build(site, out, args.modes, 2)
        print(f"peak memory at {size} pages (--jobs 2): driver {r['driver_kib'] / 1024:.0f} MiB, "
              f"largest worker {r['worker_kib'] / 1024:.0f} MiB ({r['pages'] / r['seconds']:.1f} pages/s)")
        shutil.rmtree(site)
        shutil.rmtree(out)


def build_single_page_time(path: Path, modes: str) -> float:
    import a11yrender
    from a11yrender.versions import variants_for

    variants = variants_for(modes.split(","))
    started = time.perf_counter()
    for variant in variants:
        a11yrender.render(path, list(variant.modes))
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
