"""The segment cache: audio kept by what determines it, so republishing costs nothing.

A segment's audio depends on its normalised text, how it is read (dialect, the pinyin
rules and pypinyin's version), the voice settings, and the engine and its version; the key
is a hash of exactly those. Publishing an unchanged page again synthesizes nothing; editing
one paragraph changes only that paragraph's keys. A whole page's joined audio is kept as
well (keyed by its segments' keys, the pauses and the format), so an unchanged page is not
even re-encoded.

Entries are plain files, written atomically (not flushed: a lost entry is only a miss), so
several builds may share one cache. The
default location is ``$A11YRENDER_CACHE_DIR``, else ``$XDG_CACHE_HOME/a11yrender/speech``,
else ``~/.cache/a11yrender/speech``.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from ..errors import OutputError
from .audio import Audio, read_wav, to_wav

#: Bump when the layout of entries changes.
CACHE_FORMAT = "1"


def default_cache_dir() -> Path:
    """Where audio is cached when the caller does not say."""
    if os.environ.get("A11YRENDER_CACHE_DIR"):
        return Path(os.environ["A11YRENDER_CACHE_DIR"])
    base = Path(os.environ["XDG_CACHE_HOME"]) if os.environ.get("XDG_CACHE_HOME") else Path.home() / ".cache"
    return base / "a11yrender" / "speech"


def key_of(*parts: str) -> str:
    """A cache key: the hash of the parts (with the cache format), as hex."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    for part in parts:
        digest.update(b"\x00" + part.encode("utf-8"))
    return digest.hexdigest()


class SegmentCache:
    """Audio of segments and of whole pages, in ``directory``; ``enabled=False`` keeps nothing."""

    def __init__(self, directory: Path | None = None, enabled: bool = True) -> None:
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        self.enabled = enabled

    def segment(self, key: str) -> Audio | None:
        data = self._read(self._path("segments", key, ".wav"))
        if data is None:
            return None
        try:
            return read_wav(data)
        except Exception:  # a damaged entry is a miss, and is overwritten
            return None

    def put_segment(self, key: str, audio: Audio) -> None:
        if self.enabled:
            _write_entry(self._path("segments", key, ".wav"), to_wav(audio))

    def page(self, key: str, audio_format: str) -> tuple[bytes, dict] | None:
        """A page's encoded audio and its timings, if cached."""
        data = self._read(self._path("pages", key, f".{audio_format}"))
        meta = self._read(self._path("pages", key, ".json"))
        if data is None or meta is None:
            return None
        try:
            return data, json.loads(meta)
        except ValueError:
            return None

    def put_page(self, key: str, audio_format: str, data: bytes, meta: dict) -> None:
        if self.enabled:
            _write_entry(self._path("pages", key, f".{audio_format}"), data)
            _write_entry(self._path("pages", key, ".json"), json.dumps(meta, ensure_ascii=False))

    def _path(self, kind: str, key: str, suffix: str) -> Path:
        return self.directory / kind / key[:2] / f"{key}{suffix}"

    def _read(self, path: Path) -> bytes | None:
        if not self.enabled:
            return None
        try:
            return path.read_bytes()
        except OSError:
            return None


#: Cache directories known to exist (each write would otherwise stat its way up the tree).
_MADE_DIRS: set[Path] = set()


def _write_entry(path: Path, data: bytes | str) -> None:
    """Write a cache entry atomically (temporary file, then rename) but without fsync.

    A cache entry lost in a crash is only a miss, so it is not worth a disk flush per
    segment (which made a first publish a fifth slower).
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        if path.parent not in _MADE_DIRS:
            path.parent.mkdir(parents=True, exist_ok=True)
            _MADE_DIRS.add(path.parent)
        try:
            fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        except FileNotFoundError:  # the directory was removed since: make it again
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as error:
        raise OutputError(f"cannot write to the speech cache {path.parent}: {error.strerror or error}") from None
