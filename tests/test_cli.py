import json
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args, stdin: bytes | None = None, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "a11yrender", *map(str, args)], input=stdin, capture_output=True, cwd=cwd, timeout=120,
    )


def test_render_to_a_file_writes_utf8_and_reports_on_stderr(tmp_path, sample_path):
    out = tmp_path / "out" / "page.html"
    done = run("render", sample_path, "-o", out)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().decode("utf-8").count('<meta charset="utf-8">') == 1
    assert done.stdout == b""
    assert b"page.charset" in done.stderr


def test_stdin_to_stdout(sample_path):
    done = run("render", "-", "--mode", "original", "-q", stdin=sample_path.read_bytes())
    assert done.returncode == 0 and done.stderr == b""
    assert "赵杰" in done.stdout.decode("utf-8")


def test_json_diagnostics(tmp_path):
    page = tmp_path / "p.html"
    page.write_bytes('<html><head><meta charset="gb2312"></head><body>中文</body></html>'.encode("utf-8"))
    done = run("render", page, "-o", tmp_path / "o.html", "--json")
    report = json.loads(done.stdout)
    assert report["source_encoding"] == "utf-8"
    assert [d["code"] for d in report["diagnostics"]] == ["decoding.mismatch"]
    to_stdout = run("render", page, "--json")
    assert json.loads(to_stdout.stderr)["modes"] == ["original"] and b"<html>" in to_stdout.stdout


@pytest.mark.parametrize("args,reason", [
    (["render", "/nonexistent.html"], "no such file"),
    (["render", "{sample}", "--mode", "bogus"], "unknown mode 'bogus'"),
    (["render", "{sample}", "--encoding", "nope"], "unknown encoding label"),
    (["render", "{sample}", "-o", "{tmp}"], "is a directory"),
])
def test_failures_exit_non_zero_with_one_line(tmp_path, sample_path, args, reason):
    args = [a.format(sample=sample_path, tmp=tmp_path) for a in args]
    done = run(*args)
    assert done.returncode == 1
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("a11yrender: error:") and reason in lines[0]


def test_usage_errors_exit_2():
    assert run("render").returncode == 2
    assert run("frobnicate").returncode == 2


def test_never_overwrites_its_input_unless_asked(tmp_path, sample_path):
    page = tmp_path / "index.html"
    page.write_bytes(sample_path.read_bytes())
    before = page.read_bytes()
    done = run("render", page, "-o", page)
    assert done.returncode == 1 and b"--overwrite" in done.stderr
    assert page.read_bytes() == before
    assert run("render", page, "-o", page, "--overwrite").returncode == 0
    assert page.read_bytes() != before and "赵杰" in page.read_text(encoding="utf-8")


def test_failed_render_leaves_an_existing_output_alone(tmp_path):
    out = tmp_path / "o.html"
    out.write_text("previous")
    assert run("render", "/nonexistent.html", "-o", out).returncode == 1
    assert out.read_text() == "previous" and len(list(tmp_path.iterdir())) == 1


def test_modes_command_lists_original():
    done = run("modes")
    assert done.returncode == 0 and done.stdout.decode().startswith("original")


def test_console_script_is_installed():
    script = Path(sys.executable).with_name("a11yrender")
    done = subprocess.run([script, "--version"], capture_output=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith(b"a11yrender ")
