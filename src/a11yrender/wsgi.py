"""Serving the versions of a site on the fly: a WSGI middleware, and the preview server.

:class:`VersionsMiddleware` wraps any WSGI application (a CMS, a static-file app). A request
under a version's prefix (``/elder/zxft/t1.html``) is passed to the application without the
prefix; when the answer is an HTML page it is rendered in that version, its links kept in the
version, the switcher added, and it is sent as UTF-8 with an ``ETag``. Everything else (assets,
errors, redirects, non-GET requests) passes through. ``?a11y=elder`` switches a reader to a
version (a redirect to the prefixed URL, remembered in a cookie); ``?a11y=standard`` switches
back. Renders are cached by version and by the digest of the application's answer.
"""

from __future__ import annotations

import hashlib
import mimetypes
import posixpath
import threading
from collections import OrderedDict
from email.utils import formatdate
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode

from .render import transform
from .versions import STANDARD, STANDARD_NAME, Site, is_page_path, link_versions, variants_for

QUERY_PARAMETER = "a11y"
COOKIE = "a11yrender"
#: Renders kept per middleware.
CACHE_SIZE = 256
HTML_TYPES = ("text/html", "application/xhtml+xml")


class VersionsMiddleware:
    """Serve ``modes``' versions of the wrapped application's pages under their prefixes."""

    def __init__(self, app, modes=("elder", "contrast", "traditional"), *, site_url: str | None = None,
                 switcher_on_standard: bool = True, cache_size: int = CACHE_SIZE):
        self.app = app
        self.variants = variants_for(list(modes))
        self.by_name = {v.name: v for v in self.variants}
        self.site = Site(site_url)
        self.switcher_on_standard = switcher_on_standard
        self._cache: OrderedDict[tuple, bytes] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "") or "/"
        query = dict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True))
        chosen = query.get(QUERY_PARAMETER)
        if chosen is not None and environ.get("REQUEST_METHOD", "GET") in ("GET", "HEAD"):
            return self._switch(environ, start_response, path, query, chosen)

        variant, inner = self._split(path)
        cookie = _cookies(environ).get(COOKIE)
        if variant is None and cookie in self.by_name and cookie != STANDARD_NAME and is_page_path(path) \
                and environ.get("REQUEST_METHOD", "GET") in ("GET", "HEAD"):
            # The reader chose a version; a link that left it brings them back into it.
            location = "/" + self.by_name[cookie].output_path(path.lstrip("/"))
            return _redirect(start_response, location, environ.get("QUERY_STRING", ""), vary=True)
        if variant is None:
            variant, inner = STANDARD, path
            if not self.switcher_on_standard:
                return self.app(environ, start_response)
        if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
            return self.app(dict(environ, PATH_INFO=inner), start_response)
        return self._render(environ, start_response, variant, inner)

    # -- internals -------------------------------------------------------------------------

    def _split(self, path: str):
        head, _, rest = path.lstrip("/").partition("/")
        variant = self.by_name.get(head)
        if variant is None or not variant.prefix:
            return None, path
        return variant, "/" + rest

    def _switch(self, environ, start_response, path, query, chosen):
        variant, inner = self._split(path)
        inner = inner if variant else path
        rest = urlencode([(k, v) for k, v in query.items() if k != QUERY_PARAMETER])
        target = self.by_name.get(chosen, STANDARD)
        location = "/" + target.output_path(inner.lstrip("/")) if target.prefix else inner
        cookie = f"{COOKIE}={target.name}; Path=/; SameSite=Lax" if target.prefix else \
            f"{COOKIE}=; Path=/; Max-Age=0; SameSite=Lax"
        return _redirect(start_response, location, rest, cookie=cookie, vary=True)

    def _render(self, environ, start_response, variant, inner):
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: captured.setdefault("written", []).append(data)

        upstream = dict(environ, PATH_INFO=inner)
        upstream.pop("HTTP_IF_NONE_MATCH", None)
        upstream.pop("HTTP_IF_MODIFIED_SINCE", None)
        result = self.app(upstream, capture)
        headers = captured.get("headers", [])
        content_type = _header(headers, "content-type") or ""
        is_html = content_type.split(";")[0].strip().lower() in HTML_TYPES
        if not captured.get("status", "").startswith("200") or not is_html or _header(headers, "content-encoding"):
            start_response(captured["status"], headers)
            return _chain(captured.get("written", []), result)
        try:
            body = b"".join(captured.get("written", [])) + b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        charset = _charset(content_type)
        key = (variant.name, inner, charset, hashlib.sha256(body).hexdigest())
        with self._lock:
            rendered = self._cache.get(key)
            if rendered is not None:
                self._cache.move_to_end(key)
        if rendered is None:
            relpath = inner.lstrip("/")
            relpath = relpath + "index.html" if (not relpath or relpath.endswith("/")) else relpath
            page, _ = transform(body, list(variant.modes), encoding=charset)
            link_versions(page, relpath, variant, self.variants, self.site, switch_parameter=QUERY_PARAMETER)
            rendered = page.to_bytes()
            with self._lock:
                self._cache[key] = rendered
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        etag = '"a11y-' + hashlib.sha256(rendered).hexdigest()[:32] + '"'
        out_headers = [(k, v) for k, v in headers if k.lower() not in
                       ("content-type", "content-length", "etag", "last-modified", "vary")]
        out_headers += [("Content-Type", "text/html; charset=utf-8"), ("ETag", etag), ("Vary", "Cookie")]
        if etag in environ.get("HTTP_IF_NONE_MATCH", ""):
            start_response("304 Not Modified", [(k, v) for k, v in out_headers if k.lower() != "content-type"])
            return [b""]
        out_headers.append(("Content-Length", str(len(rendered))))
        start_response("200 OK", out_headers)
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else rendered]


class StaticFiles:
    """A minimal WSGI application serving files under ``root`` (and nothing outside it)."""

    def __init__(self, root: str | Path):
        self.root = Path(root).resolve()

    def __call__(self, environ, start_response):
        path = unquote(environ.get("PATH_INFO", "/"))
        target = (self.root / posixpath.normpath("/" + path).lstrip("/")).resolve()
        if not target.is_relative_to(self.root):
            return _plain(start_response, "403 Forbidden", b"forbidden")
        if target.is_dir():
            if not path.endswith("/"):
                return _redirect(start_response, quote(path) + "/", environ.get("QUERY_STRING", ""))
            target = target / "index.html"
        if not target.is_file():
            return _plain(start_response, "404 Not Found", b"not found")
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        data = target.read_bytes()
        start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(data))),
                                  ("Last-Modified", formatdate(target.stat().st_mtime, usegmt=True))])
        return [data]


def serve(directory: str | Path, modes=("elder", "contrast", "traditional"), host: str = "127.0.0.1", port: int = 8000):
    """Preview ``directory`` with every version on the fly (``a11yrender serve``); blocks."""
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    class Server(ThreadingMixIn, WSGIServer):
        daemon_threads = True

    app = VersionsMiddleware(StaticFiles(directory), modes)
    with make_server(host, port, app, server_class=Server, handler_class=WSGIRequestHandler) as server:
        server.serve_forever()


def _cookies(environ) -> dict[str, str]:
    found = {}
    for part in environ.get("HTTP_COOKIE", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name:
            found[name] = value
    return found


def _header(headers, name: str) -> str | None:
    return next((v for k, v in headers if k.lower() == name), None)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip('"')
    return None


def _redirect(start_response, location: str, query: str = "", cookie: str | None = None, vary: bool = False):
    headers = [("Location", location + (f"?{query}" if query else "")), ("Content-Length", "0")]
    if cookie:
        headers.append(("Set-Cookie", cookie))
    if vary:
        headers.append(("Vary", "Cookie"))
    start_response("303 See Other", headers)
    return [b""]


def _plain(start_response, status: str, body: bytes):
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]


def _chain(first, rest):
    yield from first
    try:
        yield from rest
    finally:
        if hasattr(rest, "close"):
            rest.close()
