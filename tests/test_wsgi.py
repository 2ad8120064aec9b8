"""The WSGI middleware over a real static-file application, and the preview server."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from wsgiref.util import setup_testing_defaults

import pytest

import corpus
from a11yrender.wsgi import StaticFiles, VersionsMiddleware


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    (root / "news").mkdir()
    shutil.copy(corpus.SAMPLE, root / "news" / "t1.html")
    shutil.copytree(corpus.SAMPLE.parent / "images", root / "news" / "images")
    (root / "secret.txt").write_text("not for the web")
    return root


class GbkApp:
    """A CMS that answers in GBK and says so in its header (no <meta>)."""

    def __call__(self, environ, start_response):
        body = corpus.SAMPLE.read_bytes().replace(b"charset=gb2312", b"x")
        start_response("200 OK", [("Content-Type", "text/html; charset=gbk"), ("ETag", '"cms-1"')])
        return [body]


def call(app, path, query="", method="GET", cookie=None, if_none_match=None):
    environ = {}
    setup_testing_defaults(environ)
    environ.update(PATH_INFO=path, QUERY_STRING=query, REQUEST_METHOD=method)
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    if if_none_match:
        environ["HTTP_IF_NONE_MATCH"] = if_none_match
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, headers

    body = b"".join(app(environ, start_response))
    return answer["status"], dict(answer["headers"]), body


@pytest.fixture(scope="module")
def app(site):
    return VersionsMiddleware(StaticFiles(site), modes=("elder", "contrast", "traditional"))


def test_a_version_is_rendered_with_an_etag_and_vary(app):
    status, headers, body = call(app, "/elder/news/t1.html")
    assert status == "200 OK" and headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Vary"] == "Cookie" and headers["ETag"].startswith('"a11y-')
    html = body.decode("utf-8")
    assert "a11yrender-switcher" in html and "赵杰" in html and "<script" not in html
    assert call(app, "/elder/news/t1.html", if_none_match=headers["ETag"])[0] == "304 Not Modified"


def test_renders_are_cached(app):
    call(app, "/contrast/news/t1.html")
    started = time.perf_counter()
    status, _, _ = call(app, "/contrast/news/t1.html")
    assert status == "200 OK" and time.perf_counter() - started < 0.2


def test_everything_else_passes_through(app, site):
    status, headers, body = call(app, "/elder/news/images/banner.png")
    assert status == "200 OK" and headers["Content-Type"] == "image/png"
    assert body == (site / "news/images/banner.png").read_bytes()
    assert call(app, "/elder/news/missing.html")[0] == "404 Not Found"
    assert call(app, "/news/t1.html", method="POST")[0] == "200 OK"


def test_the_standard_version_gets_the_switcher_and_keeps_its_text(app):
    status, headers, body = call(app, "/news/t1.html")
    assert status == "200 OK" and "a11yrender-switcher" in body.decode("utf-8")


def test_choosing_a_version_is_remembered(app):
    status, headers, _ = call(app, "/news/t1.html", query="a11y=elder&page=2")
    assert status == "303 See Other" and headers["Location"] == "/elder/news/t1.html?page=2"
    assert headers["Set-Cookie"].startswith("a11yrender=elder;")
    status, headers, _ = call(app, "/news/t1.html", cookie="a11yrender=elder")
    assert status == "303 See Other" and headers["Location"] == "/elder/news/t1.html"
    status, headers, _ = call(app, "/elder/news/t1.html", query="a11y=standard", cookie="a11yrender=elder")
    assert headers["Location"] == "/news/t1.html" and "Max-Age=0" in headers["Set-Cookie"]


def test_the_charset_of_the_application_is_honoured():
    app = VersionsMiddleware(GbkApp(), modes=("elder",))
    status, headers, body = call(app, "/elder/a.html")
    assert headers["Content-Type"] == "text/html; charset=utf-8" and "赵杰" in body.decode("utf-8")
    assert headers["ETag"] != '"cms-1"'


@pytest.mark.parametrize("path", ["/../secret.txt", "/elder/../../secret.txt", "/%2e%2e/%2e%2e/etc/passwd",
                                  "/elder/..%2f..%2f..%2fetc/passwd", "/../../../../etc/passwd"])
def test_no_path_escapes_the_served_root(tmp_path, site, path):
    inner = VersionsMiddleware(StaticFiles(site / "news"), modes=("elder",))
    status, _, body = call(inner, path)
    assert status in ("403 Forbidden", "404 Not Found") and b"not for the web" not in body and b"root:" not in body


def test_the_serve_command_previews_a_site(site):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "a11yrender", "serve", str(site / "news"), "--port", str(port)],
                              stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/elder/t1.html", timeout=30) as response:
                    body = response.read().decode("utf-8")
                    break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        assert "a11yrender-switcher" in body and "长者模式" in body
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/../secret.txt", timeout=10)
    finally:
        server.terminate()
        server.wait(timeout=10)
