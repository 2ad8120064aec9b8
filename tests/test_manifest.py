"""The build manifest shared by concurrent publishers."""

import sqlite3
import threading

from a11yrender.manifest import Entry, Manifest

PUBLISHERS = 8
#: Fresh output directories opened by all publishers at once. Before the journal-mode switch
#: was retried, about one start in fifteen failed with "database is locked", so a hundred
#: starts catch a regression almost surely.
STARTS = 100


def test_publishers_starting_together_on_a_new_output_directory_all_record(tmp_path):
    for start in range(STARTS):
        out = tmp_path / f"out{start}"
        barrier = threading.Barrier(PUBLISHERS)
        errors: list[BaseException] = []

        def publisher(index: int) -> None:
            barrier.wait()
            try:
                manifest = Manifest(out)
                manifest.record_pages([Entry(f"standard:t{index}.html", "digest", "config", (f"t{index}.html",))],
                                      build=1)
                manifest.close()
            except BaseException as error:  # noqa: BLE001 - every failure is reported below
                errors.append(error)

        threads = [threading.Thread(target=publisher, args=(i,)) for i in range(PUBLISHERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == [], f"start {start}: {errors[0]!r}"
        manifest = Manifest(out)
        assert [manifest.page(f"standard:t{i}.html") is not None for i in range(PUBLISHERS)] == [True] * PUBLISHERS
        manifest.close()
        db = sqlite3.connect(manifest.path)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        db.close()
