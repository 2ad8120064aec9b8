"""``a11yrender check``: the summary, the reports with screenshots, and the exit status."""

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.browser

CLEAN = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>好页面</title></head>
<body style="margin:0;font-size:20px;line-height:1.6;color:#111;background:#fff">
<main><h1>标题</h1><p>正文清楚，对比度足够。</p><p><a href="#a" style="display:inline-block;padding:12px">一个足够大的链接</a></p></main>
</body></html>"""


def check(*args, cwd):
    return subprocess.run([sys.executable, "-m", "a11yrender", "check", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


def test_the_sample_as_published_fails_with_reports(tmp_path, sample_path):
    done = check(sample_path, "--report", tmp_path / "rep", "--width", "320", cwd=tmp_path)
    assert done.returncode == 1
    assert "contrast" in done.stdout and "FAILED" in done.stdout and "reflow" in done.stdout
    report = json.loads((tmp_path / "rep" / "report.json").read_text(encoding="utf-8"))
    assert report["passed"] is False
    (version,) = report["versions"]
    failing = {c["requirement"] for c in version["checks"] if c["outcome"] == "failed"}
    assert {"contrast", "reflow", "target-size", "lang"} <= failing
    contrast = next(c for c in version["checks"] if c["requirement"] == "contrast")
    assert any(f["selector"] and f["measured"].startswith("2.53:1") for f in contrast["failures"])
    html = (tmp_path / "rep" / "report.html").read_text(encoding="utf-8")
    shots = list((tmp_path / "rep" / "screenshots").glob("*.png"))
    assert "original-320.png" in {s.name for s in shots} and len(shots) > 3  # page + failing elements
    assert all(s.read_bytes().startswith(b"\x89PNG") for s in shots)
    assert "<script" not in html.split("<body>", 1)[1]  # page content is escaped, never copied in


def test_a_clean_page_passes(tmp_path):
    page = tmp_path / "clean.html"
    page.write_text(CLEAN, encoding="utf-8")
    done = check(page, "--report", tmp_path / "rep", cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert "original: passed" in done.stdout


def test_compare_checks_before_and_after_side_by_side(tmp_path, sample_path):
    """The published sample fails; its elder version passes the elder profile (standard link given)."""
    done = check(sample_path, "--mode", "elder", "--compare", "--axe", "off", "--report", tmp_path / "rep",
                 "--elder-standard-url", "index.html", cwd=tmp_path)
    report = json.loads((tmp_path / "rep" / "report.json").read_text(encoding="utf-8"))
    original, elder = report["versions"]
    assert (original["label"], elder["label"]) == ("original", "elder")
    assert original["profile"] == elder["profile"] == "elder"
    assert not original["passed"] and elder["passed"], [c for c in elder["checks"] if c["outcome"] == "failed"]
    assert done.returncode == 1  # one version failed
    assert (tmp_path / "rep" / "report.html").read_text(encoding="utf-8").count("<section>") == 2


def test_page_text_cannot_inject_markup_into_the_report(tmp_path):
    page = tmp_path / "evil.html"
    page.write_text('<html lang="en"><body><p style="color:#bbb">&lt;img src=x onerror=alert(1)&gt;</p></body></html>', encoding="utf-8")
    check(page, "--report", tmp_path / "rep", "--axe", "off", cwd=tmp_path)
    html = (tmp_path / "rep" / "report.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "&lt;img src=x" in html


def test_missing_file_is_one_line_and_exit_1(tmp_path):
    done = check(tmp_path / "nope.html", cwd=tmp_path)
    assert done.returncode == 1 and done.stderr.strip().count("\n") == 0 and "no such file" in done.stderr
