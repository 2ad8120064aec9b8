"""The wheel carries what the package needs at run time: themes and the measurement script."""

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_wheel_ships_themes_and_browser_script(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", tmp_path, REPO],
        check=True, capture_output=True, timeout=300,
    )
    wheel = next(tmp_path.glob("a11yrender-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "a11yrender/checks/measure.js" in names
    assert "a11yrender/modes/contrast.css" in names
    theme_files = {p.relative_to(REPO / "themes").as_posix() for p in (REPO / "themes").rglob("*") if p.is_file()}
    assert theme_files and {f"a11yrender/themes/{f}" for f in theme_files} <= names
    assert any(n.endswith("entry_points.txt") for n in names)


def test_builtin_themes_are_found_from_a_source_checkout():
    from a11yrender.themes import builtin_theme_dir

    assert builtin_theme_dir() == REPO / "themes"
