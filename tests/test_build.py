"""Site builds: the trees, links between versions, incremental rebuilds, failures, kills, Dask."""

import shutil
import signal
import subprocess
import sys
import time

import lxml.html
import pytest

import corpus
from a11yrender import BuildOptions, OptionsError, UnknownModeError, build_site
from a11yrender.manifest import Manifest
from a11yrender.versions import SWITCHER_CLASS

MODES = ("elder", "contrast", "traditional")
VERSIONS = ("", "elder/", "contrast/", "zh-hant/")
INDEX = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>临港首页</title></head><body>
<h1>临沂临港经济开发区</h1><p>欢迎访问本网站。本期在线访谈<a href="/news/t1.html">区建设局局长赵杰访谈</a>已经发布，
请同时阅读<a href="news/t2.html">江苏新闻</a>，更多政策请访问<a href="https://www.gov.cn/">中国政府网</a>。</p>
<p>临港区建设局始终立足全区发展大局，以园区建设为抓手，精准发力、务实推进，各项工作取得阶段性成效。</p>
<img src="news/images/banner.png" alt="横幅"></body></html>"""


def make_site(root):
    (root / "news" / "images").mkdir(parents=True)
    shutil.copy(corpus.SAMPLE, root / "news" / "t1.html")
    for image in (corpus.SAMPLE.parent / "images").iterdir():
        shutil.copy(image, root / "news" / "images" / image.name)
    shutil.copy(corpus.by_id("cwced/b26fbb82").path, root / "news" / "t2.html")
    (root / "zh").mkdir()
    shutil.copy(corpus.by_id("readability/gmw").path, root / "zh" / "t3.html")
    (root / "index.html").write_text(INDEX, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    src = make_site(tmp_path_factory.mktemp("site"))
    out = tmp_path_factory.mktemp("out")
    seen = []
    summary = build_site(src, out, BuildOptions(modes=MODES), progress=lambda done, total: seen.append((done, total)))
    return src, out, summary, seen


def parse(path):
    return lxml.html.document_fromstring(path.read_bytes())


def test_every_page_in_every_version_with_its_assets(built):
    src, out, summary, _ = built
    assert summary.ok and summary.pages == 4 and summary.rendered == 4
    pages = ["index.html", "news/t1.html", "news/t2.html", "zh/t3.html"]
    for prefix in VERSIONS:
        for page in pages:
            html = (out / prefix / page).read_text(encoding="utf-8")
            assert html.rstrip().endswith("</html>") and '<meta charset="utf-8">' in html
        assert (out / prefix / "news" / "images" / "banner.png").read_bytes() == (src / "news/images/banner.png").read_bytes()
    assert (out / "zh-hant/news/t1.html").read_text(encoding="utf-8").count("臨港") > 5   # converted
    assert "长者模式" in (out / "elder/news/t1.html").read_text(encoding="utf-8")


def test_the_source_is_never_changed(built, tmp_path):
    src, *_ = built
    assert (src / "news" / "t1.html").read_bytes() == corpus.SAMPLE.read_bytes()


def test_internal_links_stay_in_the_version_external_ones_do_not(built):
    _, out, *_ = built
    for prefix in VERSIONS[1:]:
        index = parse(out / prefix / "index.html")
        body = index.find("body")
        links = {a.text_content(): a.get("href") for a in body.iter("a") if "访谈" in a.text_content()
                 or "訪談" in a.text_content() or "新闻" in a.text_content() or "新聞" in a.text_content()
                 or "中国政府网" in a.text_content() or "中國政府網" in a.text_content()}
        assert sorted(links.values()) == ["https://www.gov.cn/", "news/t1.html", "news/t2.html"], prefix


def test_every_page_carries_the_switcher_to_every_version(built):
    _, out, *_ = built
    for prefix in VERSIONS:
        here = out / prefix / "news" / "t2.html"
        tree = parse(here)
        navs = [n for n in tree.iter("nav") if SWITCHER_CLASS in (n.get("class") or "")]
        assert len(navs) == 1
        targets = [(here.parent / a.get("href")).resolve() for a in navs[0].iter("a")]
        assert targets == [(out / p / "news" / "t2.html").resolve() for p in VERSIONS]
        assert all(t.exists() for t in targets)
        alternates = {l.get("hreflang"): (here.parent / l.get("href")).resolve()
                      for l in tree.iter("link") if l.get("rel") == "alternate"}
        assert alternates == {"zh-Hans": (out / "news/t2.html").resolve(), "zh-Hant": (out / "zh-hant/news/t2.html").resolve()}


def test_the_elder_version_links_back_to_its_standard_page(built):
    _, out, *_ = built
    elder = (out / "elder/news/t1.html").read_text(encoding="utf-8")
    assert 'href="../../news/t1.html"' in elder


def test_progress_counts_every_page(built):
    *_, seen = built
    assert seen[-1] == (4, 4) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_second_build_renders_nothing_and_an_edit_renders_one_page(built, tmp_path):
    src, out, *_ = built
    work_src, work_out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(src, work_src)
    shutil.copytree(out, work_out)
    again = build_site(work_src, work_out, BuildOptions(modes=MODES))
    assert again.rendered == 0 and again.unchanged == 4 and again.assets_copied == 0
    edited = work_src / "zh" / "t3.html"
    edited.write_bytes(edited.read_bytes().replace(b"<title>", b"<title>2 ", 1))
    stamp = (work_out / "news/t1.html").stat().st_mtime_ns
    third = build_site(work_src, work_out, BuildOptions(modes=MODES))
    assert third.rendered == 1 and third.unchanged == 3
    assert (work_out / "news/t1.html").stat().st_mtime_ns == stamp
    assert "<title>2 " in (work_out / "elder/zh/t3.html").read_text(encoding="utf-8") or \
           "2 " in parse(work_out / "zh/t3.html").findtext(".//title")


def test_a_removed_page_loses_its_versions(built, tmp_path):
    src, out, *_ = built
    work_src, work_out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(src, work_src)
    shutil.copytree(out, work_out)
    (work_src / "zh" / "t3.html").unlink()
    summary = build_site(work_src, work_out, BuildOptions(modes=MODES))
    assert summary.removed == 1
    assert not any((work_out / p / "zh" / "t3.html").exists() for p in VERSIONS)
    assert not (work_out / "elder" / "zh").exists()  # emptied directories go too
    assert (work_out / "elder/news/t1.html").exists()


def test_a_changed_theme_rerenders_only_what_uses_it(built, tmp_path, monkeypatch):
    from a11yrender import themes

    src, out, *_ = built
    work_out = tmp_path / "out"
    shutil.copytree(out, work_out)
    theme_copy = tmp_path / "themes"
    shutil.copytree(themes.builtin_theme_dir(), theme_copy)
    monkeypatch.setattr(themes, "builtin_theme_dir", lambda: theme_copy)
    baseline = build_site(src, work_out, BuildOptions(modes=MODES))  # the copy is the same theme data
    assert baseline.rendered == 0
    stamps = {p: (work_out / p / "news/t1.html").stat().st_mtime_ns for p in VERSIONS}
    css = next(theme_copy.glob("yellow-on-black/*.css"))
    css.write_text(css.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
    after = build_site(src, work_out, BuildOptions(modes=MODES))
    assert after.rendered == 4
    changed = {p for p in VERSIONS if (work_out / p / "news/t1.html").stat().st_mtime_ns != stamps[p]}
    assert changed == {"contrast/"}


def test_a_page_that_fails_is_reported_and_the_build_goes_on(tmp_path):
    src = make_site(tmp_path / "src")
    (src / "news" / "broken.html").symlink_to(tmp_path / "nowhere.html")
    summary = build_site(src, tmp_path / "out", BuildOptions(modes=("elder",)))
    assert [relpath for relpath, _ in summary.failed] == ["news/broken.html"]
    assert summary.rendered == 4 and (tmp_path / "out" / "elder" / "zh" / "t3.html").exists()


def test_bad_options_fail_before_any_work(tmp_path):
    src = make_site(tmp_path / "src")
    with pytest.raises(UnknownModeError):
        build_site(src, tmp_path / "out", BuildOptions(modes=("eldr",)))
    (src / "elder").mkdir()
    with pytest.raises(OptionsError, match="collide"):
        build_site(src, tmp_path / "out", BuildOptions(modes=("elder",)))
    with pytest.raises(OptionsError):
        build_site(src, src, BuildOptions(modes=("contrast",)))
    assert not (tmp_path / "out" / "elder").exists()


def test_two_jobs_build_what_one_job_builds(built, tmp_path):
    src, out, *_ = built
    summary = build_site(src, tmp_path / "out2", BuildOptions(modes=MODES, jobs=2))
    assert summary.rendered == 4
    for prefix in VERSIONS:
        for page in ("news/t1.html", "zh/t3.html"):
            assert (tmp_path / "out2" / prefix / page).read_bytes() == (out / prefix / page).read_bytes()


def test_dask_builds_what_local_processes_build(built, tmp_path):
    from distributed import LocalCluster

    src, out, *_ = built
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        summary = build_site(src, tmp_path / "out", BuildOptions(modes=MODES, executor="dask",
                                                                 scheduler=cluster.scheduler_address))
    assert summary.ok and summary.rendered == 4
    for prefix in VERSIONS:
        assert (tmp_path / "out" / prefix / "news/t2.html").read_bytes() == (out / prefix / "news/t2.html").read_bytes()


def test_a_build_killed_at_any_moment_completes_when_run_again(tmp_path):
    src = tmp_path / "src"
    make_site(src)
    for index in range(12):  # enough pages that the kill lands mid-build
        shutil.copy(src / "news" / "t1.html", src / "news" / f"copy{index}.html")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "a11yrender", "build", str(src), "-o", str(out), "--modes", "elder,traditional", "-q"]
    process = subprocess.Popen(command)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.rglob("*.html"))) < 8:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    pages = sorted(p.relative_to(src).as_posix() for p in src.rglob("*.html"))
    for prefix in ("", "elder/", "zh-hant/"):
        for page in pages:
            html = (out / prefix / page).read_text(encoding="utf-8")
            assert html.rstrip().endswith("</html>")
    leftovers = [p for p in out.rglob("*.tmp") if ".a11yrender" not in p.parts]
    assert leftovers == []
    manifest = Manifest(out)
    assert all(manifest.page(f"{v}:{p}") for v in ("standard", "elder", "zh-hant") for p in pages)
    manifest.close()
    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0


def test_the_build_command_reports_and_fails_on_a_broken_page(tmp_path):
    src = make_site(tmp_path / "src")
    (src / "broken.html").symlink_to(tmp_path / "nowhere.html")
    done = subprocess.run([sys.executable, "-m", "a11yrender", "build", str(src), "-o", str(tmp_path / "out"),
                           "--modes", "elder", "--progress"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines[-1] == "a11yrender: error: 1 of 5 pages failed"
    assert any(l.startswith("a11yrender: failed: broken.html:") for l in lines)
    assert any("pages/s" in l for l in lines) and any("build [" in l for l in lines)


def test_speech_puts_audio_beside_each_page_in_each_version(tmp_path):
    src = tmp_path / "src"
    (src / "news").mkdir(parents=True)
    turns = "".join(f"<p>主持人：第{i}个问题是什么？</p><p>赵杰：这是第{i}个回答，说得很清楚。</p>" for i in range(1, 3))
    (src / "news" / "t1.html").write_text(
        f'<!DOCTYPE html><html lang="zh-CN"><head><title>访谈</title></head><body><article><h1>区建设局访谈</h1>{turns}'
        "</article></body></html>", encoding="utf-8")
    out = tmp_path / "out"
    summary = build_site(src, out, BuildOptions(modes=("elder",), speech=True))
    assert summary.ok
    for prefix in ("", "elder/"):
        data = (out / prefix / "news" / "t1.mp3").read_bytes()
        assert data[:3] == b"ID3" or (data[0] == 0xFF and data[1] & 0xE0 == 0xE0)  # an MP3 frame
        assert (out / prefix / "news" / "t1.vtt").read_text(encoding="utf-8").startswith("WEBVTT")
        player = parse(out / prefix / "news" / "t1.html").find(".//audio")
        assert player is not None and player.get("src") == "t1.mp3"
    (src / "news" / "t1.html").unlink()
    build_site(src, out, BuildOptions(modes=("elder",), speech=True))
    assert not list(out.glob("**/t1.*"))
