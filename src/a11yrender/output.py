"""Writing files so that a reader never sees half of one.

Every file the library writes goes through :func:`write_atomic`: a temporary file in the
same directory, flushed to disk, then renamed over the target. A build or a CMS hook killed
at any moment leaves either the old file or the new one, never a truncated page.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError


def write_atomic(path: str | os.PathLike, data: bytes | str, temp_dir: str | os.PathLike | None = None) -> Path:
    """Write ``data`` to ``path`` atomically, creating its directory; returns the path.

    ``temp_dir`` (on the same file system) holds the temporary file instead of the target's
    directory, so that a process killed mid-write leaves nothing in the published tree
    (see :func:`clear_stale_temporaries`).
    """
    target = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if temp_dir is not None:
            Path(temp_dir).mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=temp_dir, prefix=f"{os.getpid()}.", suffix=".tmp")
        else:
            fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~_UMASK)
        os.replace(temporary, target)
    except BaseException as error:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {target}: {error.strerror or error}") from None
        raise
    return target


def clear_stale_temporaries(temp_dir: str | os.PathLike) -> int:
    """Remove temporary files left in ``temp_dir`` by processes that are no longer running."""
    removed = 0
    directory = Path(temp_dir)
    if not directory.is_dir():
        return 0
    for leftover in directory.glob("*.tmp"):
        pid = leftover.name.split(".", 1)[0]
        if pid.isdigit() and _running(int(pid)):
            continue
        try:
            leftover.unlink()
            removed += 1
        except FileNotFoundError:
            pass
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """True when two paths name the same existing file."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: Read once at import: ``os.umask`` can only be read by setting it, which is not thread-safe.
_UMASK = _read_umask()
