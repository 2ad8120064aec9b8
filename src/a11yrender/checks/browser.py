"""Starting Debian's Chromium under Playwright, and opening a page in it offline.

Playwright cannot download its own browsers on a closed network, so the system Chromium is
launched through ``executable_path`` with flags that keep it from phoning home (without
them it opens many connections at start and each is refused). Pages are served from a
made-up origin by request interception: relative URLs resolve against a directory the
caller names, and every other request is aborted, so a measurement never touches the
network and never waits on it.
"""

from __future__ import annotations

import mimetypes
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import A11yRenderError

#: Headless flags that work as root on a machine without internet access.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--font-render-hinting=none",
)

#: Where Chromium is looked for when A11YRENDER_CHROMIUM is not set.
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")

#: The origin rendered pages are served from inside the browser (never resolved by DNS).
ORIGIN = "http://a11yrender.test"

#: Viewport widths the requirements are measured at.
DESKTOP_WIDTH = 1280
NARROW_WIDTH = 320
VIEWPORT_HEIGHT = 900


class BrowserError(A11yRenderError):
    """No usable Chromium, or it could not be started."""


def chromium_path() -> str:
    """The Chromium executable: ``$A11YRENDER_CHROMIUM``, else the first system one found."""
    configured = os.environ.get("A11YRENDER_CHROMIUM")
    if configured:
        if not Path(configured).exists():
            raise BrowserError(f"A11YRENDER_CHROMIUM={configured} does not exist")
        return configured
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    raise BrowserError("no Chromium found; install Debian's chromium package or set A11YRENDER_CHROMIUM")


def launch_options(executable: str | None = None) -> dict:
    """Keyword arguments for Playwright's ``chromium.launch``."""
    return {"executable_path": executable or chromium_path(), "args": list(CHROMIUM_ARGS), "headless": True}


def launch(playwright, executable: str | None = None):
    """Start headless Chromium with :func:`launch_options`."""
    try:
        return playwright.chromium.launch(**launch_options(executable))
    except A11yRenderError:
        raise
    except Exception as error:
        raise BrowserError(f"cannot start Chromium: {str(error).splitlines()[0]}") from error


def open_html(page, html: str | bytes, *, base_dir: str | os.PathLike | None = None,
              name: str = "index.html", width: int | None = None, allow_network: bool = False,
              content_type: str = "text/html; charset=utf-8", url: str | None = None) -> str:
    """Load ``html`` into the Playwright ``page`` as if served at ``ORIGIN/name``.

    Relative URLs are answered from ``base_dir`` (never outside it); everything else is
    aborted unless ``allow_network``. ``content_type`` lets an SVG or XML document be served as
    what it is. With ``url`` (a page fetched from a server), the HTML is served at that very
    URL instead, so its relative URLs and origin are the real ones (requests to the server
    need ``allow_network``). Returns the page's URL.
    """
    body = html.encode("utf-8") if isinstance(html, str) else html
    root = Path(base_dir).resolve() if base_dir is not None else None
    address = url or f"{ORIGIN}/{name}"

    def handle(route):
        request_url = route.request.url
        if request_url == address:
            return route.fulfill(status=200, body=body, headers={"content-type": content_type})
        if url is None and request_url.startswith(ORIGIN + "/"):
            path = unquote(urlsplit(request_url).path).lstrip("/")
            if root is not None:
                candidate = (root / path).resolve()
                if candidate.is_file() and candidate.is_relative_to(root):
                    kind = mimetypes.guess_type(candidate.name)[0] or "application/octet-stream"
                    return _fulfill_file(route, candidate.read_bytes(), kind)
            return route.fulfill(status=404, body=b"")
        return route.continue_() if allow_network else route.abort()

    page.unroute("**/*")
    page.route("**/*", handle)
    if width is not None:
        page.set_viewport_size({"width": width, "height": VIEWPORT_HEIGHT})
    page.goto(address, wait_until="load")
    return address


#: A byte range request (media elements seek with them).
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


def _fulfill_file(route, data: bytes, kind: str):
    """Answer with the file, or the byte range asked for, as a server would (audio seeks need it)."""
    asked = _RANGE.fullmatch((route.request.headers.get("range") or "").strip())
    if asked is None or not data:
        return route.fulfill(status=200, body=data, headers={"content-type": kind, "accept-ranges": "bytes"})
    first, last = asked.groups()
    if first:
        start, end = int(first), min(int(last) if last else len(data) - 1, len(data) - 1)
    else:
        start, end = max(0, len(data) - int(last or 0)), len(data) - 1
    if start > end:
        return route.fulfill(status=416, body=b"", headers={"content-range": f"bytes */{len(data)}"})
    return route.fulfill(status=206, body=data[start:end + 1], headers={
        "content-type": kind, "accept-ranges": "bytes", "content-range": f"bytes {start}-{end}/{len(data)}"})
