from concurrent.futures import ThreadPoolExecutor

import pytest

import corpus
from a11yrender import BuildOptions, OptionsError, build_site, publish
from a11yrender.publish import page_path

MODES = ("elder", "traditional")


def test_publish_writes_every_version_where_a_build_would(tmp_path):
    paths = publish(corpus.SAMPLE.read_bytes(), "https://www.lingang.gov.cn/hdjl/zxft/t1.html", tmp_path, modes=MODES)
    relative = sorted(p.relative_to(tmp_path).as_posix() for p in paths)
    assert relative == ["elder/hdjl/zxft/t1.html", "hdjl/zxft/t1.html", "zh-hant/hdjl/zxft/t1.html"]
    assert all(p.read_text(encoding="utf-8").rstrip().endswith("</html>") for p in paths)


def test_publishing_again_unchanged_writes_nothing(tmp_path):
    first = publish(corpus.SAMPLE, "/hdjl/t1.html", tmp_path, modes=MODES)
    stamps = [p.stat().st_mtime_ns for p in first]
    second = publish(corpus.SAMPLE, "/hdjl/t1.html", tmp_path, modes=MODES)
    assert second == first and [p.stat().st_mtime_ns for p in second] == stamps


def test_concurrent_publishes_of_different_pages(tmp_path):
    """Pages published at once from four threads come out exactly as published one by one."""
    sources = [p.path for p in corpus.pages() if p.chinese][:6] + [corpus.SAMPLE]

    def one(index, out):
        return publish(sources[index], f"/news/t{index}.html", out, modes=MODES)

    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda i: one(i, tmp_path / "together"), range(len(sources))))
    alone = [one(i, tmp_path / "alone") for i in range(len(sources))]
    assert all(len(paths) == 3 for paths in together)
    for concurrent, sequential in zip(together, alone):
        assert [p.read_bytes() for p in concurrent] == [p.read_bytes() for p in sequential]


def test_a_build_shares_the_publish_cache(tmp_path):
    site = tmp_path / "site"
    (site / "news").mkdir(parents=True)
    (site / "news" / "t1.html").write_bytes(corpus.SAMPLE.read_bytes())
    publish(corpus.SAMPLE, "/news/t1.html", tmp_path / "out", modes=MODES)
    summary = build_site(site, tmp_path / "out", BuildOptions(modes=MODES))
    assert summary.unchanged == 1 and summary.rendered == 0


@pytest.mark.parametrize("url,site,expected", [
    ("https://www.example.gov.cn/zxft/t1.html", None, "zxft/t1.html"),
    ("/zxft/", None, "zxft/index.html"),
    ("https://www.example.gov.cn/", None, "index.html"),
    ("https://host/sub/site/a/b.html", "https://host/sub/site/", "a/b.html"),
])
def test_page_path(url, site, expected):
    assert page_path(url, site) == expected


@pytest.mark.parametrize("url,site", [("/../etc/passwd", None), ("https://host/other/a.html", "https://host/site/")])
def test_urls_outside_the_site_are_refused(url, site, tmp_path):
    with pytest.raises(OptionsError):
        page_path(url, site)
    with pytest.raises(OptionsError):
        publish("<p>x</p>", url, tmp_path, modes=MODES, site_url=site)
    assert not any(tmp_path.rglob("*.html"))
