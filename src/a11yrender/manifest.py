"""The build manifest: what each output was made from, so unchanged pages are not rendered again.

Kept in SQLite inside the output directory (``.a11yrender/manifest.sqlite``), not in a JSON
file: a site group has millions of pages, and the manifest must neither be held in memory
nor rewritten whole after each page. SQLite's write-ahead log makes a row visible only once
committed, so a build killed at any moment leaves the manifest describing outputs that are
complete, and concurrent publishers (a CMS calling :func:`a11yrender.publish` from several
workers) can share it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

MANIFEST_DIR = ".a11yrender"
MANIFEST_FILE = "manifest.sqlite"
#: Seconds a writer waits for another to finish before giving up.
BUSY_TIMEOUT = 60

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    relpath TEXT PRIMARY KEY,   -- the page's path in the site (POSIX)
    digest  TEXT NOT NULL,      -- sha256 of its bytes
    config  TEXT NOT NULL,      -- digest of everything else its outputs depend on
    outputs TEXT NOT NULL,      -- JSON list of output paths, relative to the output root
    seen    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS assets (
    relpath TEXT PRIMARY KEY,
    stamp   TEXT NOT NULL,      -- size and modification time of the source file
    outputs TEXT NOT NULL,
    seen    INTEGER NOT NULL DEFAULT 0
);
"""


@dataclass(frozen=True, slots=True)
class Entry:
    relpath: str
    key: str  # digest (pages) or stamp (assets)
    config: str
    outputs: tuple[str, ...]


class Manifest:
    """One output directory's manifest. Thread-safe; one connection per thread."""

    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / MANIFEST_DIR / MANIFEST_FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._connection() as db:
            db.executescript(_SCHEMA)

    def _connection(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
            _use_wal(db)
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
        return db

    def page(self, relpath: str) -> Entry | None:
        row = self._connection().execute(
            "SELECT relpath, digest, config, outputs FROM pages WHERE relpath = ?", (relpath,)).fetchone()
        return Entry(row[0], row[1], row[2], tuple(json.loads(row[3]))) if row else None

    def asset(self, relpath: str) -> Entry | None:
        row = self._connection().execute(
            "SELECT relpath, stamp, '', outputs FROM assets WHERE relpath = ?", (relpath,)).fetchone()
        return Entry(row[0], row[1], row[2], tuple(json.loads(row[3]))) if row else None

    def record_pages(self, entries: list[Entry], build: int) -> None:
        """Record pages whose outputs are all written (one transaction)."""
        self._write("INSERT OR REPLACE INTO pages (relpath, digest, config, outputs, seen) VALUES (?, ?, ?, ?, ?)",
                    [(e.relpath, e.key, e.config, json.dumps(list(e.outputs)), build) for e in entries])

    def record_assets(self, entries: list[Entry], build: int) -> None:
        self._write("INSERT OR REPLACE INTO assets (relpath, stamp, outputs, seen) VALUES (?, ?, ?, ?)",
                    [(e.relpath, e.key, json.dumps(list(e.outputs)), build) for e in entries])

    def mark_seen(self, table: str, relpaths: list[str], build: int) -> None:
        self._write(f"UPDATE {_table(table)} SET seen = ? WHERE relpath = ?", [(build, r) for r in relpaths])

    def unseen(self, table: str, build: int):
        """Rows not seen by build ``build``: sources that were removed."""
        query = f"SELECT relpath, outputs FROM {_table(table)} WHERE seen != ?"
        for relpath, outputs in self._connection().execute(query, (build,)):
            yield relpath, tuple(json.loads(outputs))

    def forget(self, table: str, relpaths: list[str]) -> None:
        self._write(f"DELETE FROM {_table(table)} WHERE relpath = ?", [(r,) for r in relpaths])

    def next_build(self) -> int:
        row = self._connection().execute("SELECT MAX(m) FROM (SELECT MAX(seen) m FROM pages UNION SELECT MAX(seen) FROM assets)").fetchone()
        return (row[0] or 0) + 1

    def _write(self, statement: str, rows: list[tuple]) -> None:
        if not rows:
            return
        db = self._connection()
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany(statement, rows)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None


def _use_wal(db: sqlite3.Connection) -> None:
    """Put the database in write-ahead-log mode (it stays so, in the file, once set).

    Switching the mode needs the database to itself, and SQLite reports "database is
    locked" at once instead of waiting when another connection holds it: publishers
    starting together on a new output directory all try the switch. So the mode is only
    switched when it is not WAL already, and a busy database is tried again until
    :data:`BUSY_TIMEOUT`.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT
    pause = 0.001
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.1)


def _table(name: str) -> str:
    if name not in ("pages", "assets"):
        raise ValueError(name)
    return name
