"""The CMS hook: publish one page in all its versions, as a site build would.

A CMS republishes pages all day; it calls :func:`publish` when a page is saved, with the
page's HTML and its URL. The outputs go where a full build would put them, and the same
manifest is used, so a page published unchanged is not rendered again and a later build of
the whole site knows this page is up to date.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from pathlib import Path
from urllib.parse import urlsplit

from .build import page_key, remove_outputs, up_to_date, variant_config, write_version
from .errors import OptionsError
from .manifest import Entry, Manifest
from .page import Source, read_source
from .versions import Site, variants_for

DEFAULT_MODES = ("elder", "contrast", "traditional")


def publish(html: Source, url: str, out_dir: str | os.PathLike, modes=DEFAULT_MODES, speech: bool = False, *,
            site_url: str | None = None, base_dir: str | os.PathLike | None = None) -> list[Path]:
    """Write every version of the page at ``url`` under ``out_dir``; returns the page's files.

    ``html`` is the page as the CMS renders it (str, bytes, a path or a file). ``url`` is where
    it is published, absolute (``https://www.example.gov.cn/zxft/t1.html``) or site-relative
    (``/zxft/t1.html``); its path decides where the versions go. ``site_url`` is the site's
    root when it is not the URL's host root. ``base_dir`` is where the page's relative
    resources are on disk, if anywhere. Safe to call concurrently for different pages.
    """
    relpath = page_path(url, site_url)
    data = read_source(html)
    if isinstance(data, str):
        data = data.encode("utf-8")
    out = Path(out_dir).resolve()
    variants = variants_for(list(modes), speech)
    parts = urlsplit(url)
    site = Site(site_url or (f"{parts.scheme}://{parts.netloc}/" if parts.netloc else None))
    digest = hashlib.sha256(data).hexdigest()
    manifest = Manifest(out)
    written: list[Path] = []
    entries: list[Entry] = []
    try:
        for variant in variants:
            config = variant_config(variant, variants, site)
            key = page_key(relpath, variant)
            current = up_to_date(manifest, out, key, digest, config)
            if current:
                written.extend(out / o for o in current.outputs)
                continue
            old = manifest.page(key)
            outputs, _ = write_version(data, Path(base_dir) if base_dir else out, relpath, out, variant, variants, site)
            if old:
                remove_outputs(out, set(old.outputs) - set(outputs))
            entries.append(Entry(key, digest, config, tuple(outputs)))
            written.extend(out / o for o in outputs)
        manifest.record_pages(entries, manifest.next_build())
    finally:
        manifest.close()
    return written


def page_path(url: str, site_url: str | None = None) -> str:
    """The site-relative path of the page at ``url`` (``index.html`` for a directory URL)."""
    path = urlsplit(url).path or "/"
    if site_url:
        root = urlsplit(site_url).path.rstrip("/")
        if root and not (path == root or path.startswith(root + "/")):
            raise OptionsError(f"{url} is not under the site {site_url}")
        path = path[len(root):]
    if path.endswith("/"):
        path += "index.html"
    relpath = posixpath.normpath(path.lstrip("/"))
    if relpath in ("", ".") or relpath.startswith("../") or relpath == "..":
        raise OptionsError(f"{url} does not name a page inside the site")
    return relpath
