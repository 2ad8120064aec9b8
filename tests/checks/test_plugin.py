"""The pytest plugin as a QA team uses it: installed, auto-registered, run in a separate pytest."""

import pytest

pytestmark = pytest.mark.browser

pytest_plugins = ("pytester",)

QA_TESTS = '''
from pathlib import Path

GREY = """<!DOCTYPE html><html lang="zh-CN"><head><title>t</title></head><body>
<p id="intro" style="color:#999;background:#fff;font-size:12px">浅灰色的小字</p>
<a id="tiny" href="#x" style="font-size:10px">小链接</a>
<div style="width:900px">很宽的盒子</div></body></html>"""

GOOD = """<!DOCTYPE html><html lang="zh-CN"><head><title>t</title></head><body style="margin:0;font-size:24px;line-height:1.6">
<main><p style="color:#222;background:#fff">清楚的大字</p>
<a href="#x" style="display:inline-block;min-width:48px;min-height:48px">大链接</a></main></body></html>"""


def test_good_page_passes(a11y):
    a11y.open(GOOD)
    a11y.assert_contrast(7)
    a11y.assert_reflow(320)
    a11y.assert_target_size(44)
    a11y.assert_lang("zh-CN")
    a11y.assert_text_spacing()
    a11y.assert_axe("critical")


def test_contrast_fails(a11y):
    a11y.open(GREY).assert_contrast(4.5)


def test_reflow_fails(a11y):
    a11y.open(GREY).assert_reflow(320)


def test_target_fails(a11y):
    a11y.open(GREY).assert_target_size(44)


def test_rendered_file(a11y, tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(GOOD.replace("<title>", '<meta charset="gbk"><title>').encode("gbk"))
    a11y.open(page, mode="original")
    assert a11y.result.source_encoding == "gb18030"
    a11y.assert_lang("zh-CN")
'''


def test_plugin_fixtures_and_readable_failures(pytester):
    pytester.makepyfile(test_qa=QA_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=2, failed=3)
    output = result.stdout.str()
    # A failure names the element, what was measured and what was required.
    assert "#intro '浅灰色的小字': measured 2.85:1" in output and "required >= 4.5:1" in output
    assert "reflow at 320 px" in output and "body > div" in output and "required <= 320px" in output
    assert "#tiny '小链接': measured" in output and "required >= 44 x 44px" in output


def test_plugin_is_registered_through_its_entry_point():
    from importlib.metadata import entry_points

    assert [ep.value for ep in entry_points(group="pytest11") if ep.name == "a11yrender"] == ["a11yrender.checks.plugin"]


@pytest.fixture
def local_site(sample_dir):
    """The sample folder on a local HTTP server, as a CMS's preview would serve it."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(sample_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_url_on_a_local_server_as_is_and_rendered(a11y, local_site):
    a11y.open(f"{local_site}/index.html")
    assert a11y.page.evaluate("document.images[0].naturalWidth") == 1000  # its own images load
    with pytest.raises(AssertionError, match="12px"):
        a11y.assert_text_size(20)
    a11y.open(f"{local_site}/index.html", mode="original")
    assert a11y.result.source_encoding == "gb18030"
    assert a11y.page.evaluate("document.characterSet") == "UTF-8"
    assert a11y.page.evaluate("document.images[0].naturalWidth") == 1000  # resolved against the server
