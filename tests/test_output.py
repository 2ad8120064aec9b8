import os
import threading

import pytest

from a11yrender import OutputError
from a11yrender.output import same_file, write_atomic


def test_writes_and_replaces_whole_files(tmp_path):
    target = tmp_path / "deep" / "dir" / "page.html"
    write_atomic(target, "第一版")
    write_atomic(target, "第二版".encode("utf-8"))
    assert target.read_text(encoding="utf-8") == "第二版"
    assert [p.name for p in target.parent.iterdir()] == ["page.html"]


def test_permissions_follow_the_umask(tmp_path):
    target = write_atomic(tmp_path / "p.html", "x")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_failure_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "p.html"
    target.write_text("old")

    with pytest.raises(TypeError):
        write_atomic(target, 12345)  # not bytes: the write fails midway
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["p.html"]


def test_unwritable_place_is_an_output_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic(blocker / "under-a-file.html", "x")


def test_concurrent_writers_never_leave_a_mixed_file(tmp_path):
    target = tmp_path / "p.html"
    versions = [str(i) * 100_000 for i in range(8)]
    threads = [threading.Thread(target=write_atomic, args=(target, v)) for v in versions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert target.read_text() in versions


def test_same_file(tmp_path):
    a = tmp_path / "a"
    a.write_text("x")
    assert same_file(a, tmp_path / "." / "a") and not same_file(a, tmp_path / "b")
