"""The real-page corpus in ../shared/corpus (see its README), and its ground truth.

Tests never skip when the corpus is missing: a missing corpus fails loudly, because a test
that silently stops covering real pages is worse than a red one.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("A11YRENDER_CORPUS", REPO.parent / "shared" / "corpus"))
SAMPLE = REPO / "examples" / "lingang-interview" / "index.html"

#: The codec each page's bytes really are in (checked by hand against the ground truth).
EXPECTED_CODECS = {
    "cwced/455de1c0": "gb18030", "cwced/6dc2d508": "gb18030", "cwced/b26fbb82": "gb18030",
    "cwced/ebe9df29": "gb18030", "trafilatura/archive.org.he.xinhuanet.com.25340717": "gb18030",
}


@dataclass(frozen=True)
class CorpusPage:
    """One saved page and what is known to be true of it."""

    id: str
    path: Path
    lang: str | None = None
    #: Strings the article body contains (ground truth from the source projects).
    article: tuple[str, ...] = ()
    #: Strings that are boilerplate, not article.
    boilerplate: tuple[str, ...] = ()
    #: The whole cleaned body text, where the source project provides it (cwced).
    cleaned: str | None = None
    title: str | None = None
    #: Readability's excerpt: the first words of the article, or the page's meta description.
    excerpt: str | None = None
    meta: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def expected_codec(self) -> str:
        for prefix, codec in EXPECTED_CODECS.items():
            if self.id.startswith(prefix):
                return codec
        return "utf-8"

    @property
    def chinese(self) -> bool:
        return self.lang is not None and self.lang.startswith("zh")


def require_corpus() -> Path:
    if not (CORPUS / "README.md").is_file():
        raise RuntimeError(f"the test corpus is missing: expected it at {CORPUS} (set A11YRENDER_CORPUS)")
    return CORPUS


#: Languages of the pages, from the corpus README and PROVENANCE files.
LANGS = {
    "readability/gmw": "zh-CN", "readability/qq": "zh-CN", "readability/youth": "zh-CN",
    "readability/pixnet": "zh-TW", "readability/hukumusume": "ja", "readability/yahoo-4": "ja",
    "readability/aktualne": "cs", "readability/heise": "de", "readability/lemonde-1": "fr",
    "readability/folha": "pt-BR", "readability/rtl-1": None, "readability/wikipedia": "en",
    "readability/bbc-1": "en", "readability/lazy-image-1": "en", "readability/replace-font-tags": "en",
    "readability/table-style-attributes": "en",
    "trafilatura/nhk.or.jp.k100": "ja", "trafilatura/chineselyrics4u.com.zhineng": "zh-CN",
}


@lru_cache(maxsize=1)
def pages() -> tuple[CorpusPage, ...]:
    """Every page in the corpus except the ACT test cases, with its ground truth."""
    root = require_corpus()
    found: list[CorpusPage] = []
    for folder in sorted((root / "cwced").iterdir()):
        if folder.is_dir():
            cleaned = (folder / "cleaned.txt").read_text(encoding="utf-8", errors="replace") if (folder / "cleaned.txt").exists() else None
            found.append(CorpusPage(f"cwced/{folder.name[:8]}", folder / "source.html", "zh-CN", cleaned=cleaned))
    evaldata = json.loads((root / "trafilatura" / "evaldata-subset.json").read_text(encoding="utf-8"))
    by_file = {entry["file"].removesuffix(".html"): entry for entry in evaldata.values()}
    for folder in sorted((root / "trafilatura").iterdir()):
        if folder.is_dir():
            entry = by_file.get(folder.name, {})
            page_id = f"trafilatura/{folder.name}"
            found.append(CorpusPage(
                page_id, folder / "source.html", LANGS.get(page_id, "zh-CN"),
                article=tuple(entry.get("with", ())), boilerplate=tuple(entry.get("without", ())),
                title=entry.get("title"), meta=entry,
            ))
    for folder in sorted((root / "readability").iterdir()):
        if folder.is_dir():
            meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
            page_id = f"readability/{folder.name}"
            found.append(CorpusPage(
                page_id, folder / "source.html", meta.get("lang") or LANGS.get(page_id),
                title=meta.get("title"), excerpt=meta.get("excerpt"), meta=meta,
            ))
    return tuple(found)


def page_ids() -> list[str]:
    return [p.id for p in pages()]


def by_id(page_id: str) -> CorpusPage:
    return next(p for p in pages() if p.id == page_id)


def squash(text: str) -> str:
    """Text with all whitespace removed: how CJK ground truth is compared."""
    return re.sub(r"\s+", "", text)
