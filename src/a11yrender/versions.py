"""The versions of a page on a site, and the links between them.

A site build writes one tree per version: the standard version at the root of the output
and each variant (elder, high contrast, traditional script...) under its own prefix. A reader
who chose the elder version must stay in it as they follow links, must be able to switch to
any other version of the same page without JavaScript, and search engines must know which
page is the simplified and which the traditional twin. This module does all three, on a
rendered :class:`~a11yrender.page.Page`, with nothing but relative URLs so the output can be
deployed under any path.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from lxml.html import HtmlElement

from .page import Page, remove_element

#: File names that are pages (everything else a link points to is an asset, left alone).
PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
#: URL schemes that never point into the site.
FOREIGN_SCHEMES = ("mailto", "tel", "javascript", "data", "ftp", "sms", "weixin")

#: The switcher's marker: a page rendered again gets its switcher replaced, not doubled.
SWITCHER_CLASS = "a11yrender-switcher"
SWITCHER_STYLE_ID = "a11yrender-switcher-style"
#: Targets of at least 44 x 44 px (WCAG 2.5.5, MIIT); colours come from the page or its theme.
SWITCHER_CSS = (
    f".{SWITCHER_CLASS} ul{{list-style:none;display:flex;flex-wrap:wrap;gap:.25em .75em;margin:0;padding:.25em .5em}}"
    f".{SWITCHER_CLASS} li{{margin:0;padding:0}}"
    f".{SWITCHER_CLASS} a{{display:inline-block;box-sizing:border-box;min-width:44px;min-height:44px;"
    f"padding:.5em .75em;line-height:1.5;text-decoration:underline}}"
    f".{SWITCHER_CLASS} a[aria-current=page]{{font-weight:bold;text-decoration:none}}"
)

#: The switcher's accessible name, by page language.
SWITCHER_NAMES = {"zh-hans": "版本切换", "zh-hant": "版本切換", "en": "Versions of this page"}


@dataclass(frozen=True, slots=True)
class Variant:
    """One version of every page: its modes, their options, and where its tree goes."""

    name: str
    modes: tuple[str, ...]
    #: Keyword options for :func:`a11yrender.render` (hashable pairs, so a Variant can key a cache).
    options: tuple[tuple[str, object], ...] = ()
    #: Link text by page language ("zh-hans", "zh-hant", "en"); the variant's name if missing.
    labels: tuple[tuple[str, str], ...] = ()
    #: The language of the variant's text when it differs from the source's (traditional script).
    hreflang: str | None = None

    @property
    def prefix(self) -> str:
        """The variant's directory under the output root ("" for the standard version)."""
        return "" if self.name == STANDARD_NAME else self.name

    def label(self, lang: str | None) -> str:
        labels = dict(self.labels)
        return labels.get(_script_key(lang)) or labels.get("zh-hans") or self.name

    def output_path(self, relpath: str) -> str:
        """Where the version of the page at ``relpath`` (POSIX, relative to the site) goes."""
        return posixpath.join(self.prefix, relpath) if self.prefix else relpath


STANDARD_NAME = "standard"
STANDARD = Variant(STANDARD_NAME, ("original",), labels=(("zh-hans", "标准版"), ("zh-hant", "標準版"), ("en", "Standard")))

#: The variants a build offers for each mode it is asked for.
KNOWN_VARIANTS = {
    "elder": Variant("elder", ("elder",), labels=(("zh-hans", "长者模式"), ("zh-hant", "長者模式"), ("en", "Elder"))),
    "contrast": Variant("contrast", ("contrast",), labels=(("zh-hans", "高对比度"), ("zh-hant", "高對比度"), ("en", "High contrast"))),
    "traditional": Variant("zh-hant", ("traditional",), hreflang="zh-Hant",
                           labels=(("zh-hans", "繁體"), ("zh-hant", "繁體"), ("en", "繁體"))),
}


def variants_for(names: list[str] | tuple[str, ...], speech: bool = False) -> tuple[Variant, ...]:
    """The standard version plus one variant per requested mode (``elder+contrast`` combines)."""
    chosen = [STANDARD]
    for name in names:
        parts = [p.strip() for p in name.split("+") if p.strip()]
        if len(parts) == 1 and parts[0] in KNOWN_VARIANTS:
            chosen.append(KNOWN_VARIANTS[parts[0]])
            continue
        modes: list[str] = []
        labels: dict[str, list[str]] = {}
        hreflang = None
        for part in parts:
            known = KNOWN_VARIANTS.get(part)
            modes.extend(known.modes if known else (part,))
            for key, text in (known.labels if known else (("zh-hans", part),)):
                labels.setdefault(key, []).append(text)
            hreflang = hreflang or (known.hreflang if known else None)
        chosen.append(Variant("-".join(parts), tuple(modes), labels=tuple((k, "·".join(v)) for k, v in labels.items()),
                              hreflang=hreflang))
    if speech:
        chosen = [Variant(v.name, (*v.modes, "speech"), v.options, v.labels, v.hreflang) for v in chosen]
    return tuple(chosen)


@dataclass(frozen=True, slots=True)
class Site:
    """What a build knows about the site: its address (to recognise absolute internal links)."""

    url: str | None = None
    #: Site-relative paths of its pages; when set, only links to these are rewritten.
    pages: frozenset[str] | None = field(default=None, compare=False)

    @property
    def host(self) -> str | None:
        return urlsplit(self.url).netloc.lower() if self.url else None


def link_versions(page: Page, relpath: str, variant: Variant, variants: tuple[Variant, ...], site: Site,
                  switch_parameter: str | None = None) -> None:
    """Make ``page`` (the ``variant`` version of ``relpath``) link within its own version,
    carry the switcher, and declare its simplified/traditional twins.

    ``switch_parameter`` (a server that remembers the reader's choice) adds
    ``?<parameter>=<version>`` to the switcher's links, so choosing one is remembered.
    """
    if variant.prefix:
        _keep_links_in_variant(page, relpath, variant, site)
    if page.is_fragment:
        return
    _add_alternates(page, relpath, variant, variants)
    _add_switcher(page, relpath, variant, variants, switch_parameter)


def relative_url(from_output: str, to_output: str) -> str:
    """A relative URL from one output file to another (both relative to the output root)."""
    return posixpath.relpath(to_output, posixpath.dirname(from_output) or ".")


def is_page_path(path: str) -> bool:
    return path.endswith("/") or path.lower().endswith(PAGE_SUFFIXES) or "." not in posixpath.basename(path)


# -- internals ---------------------------------------------------------------------------

def _script_key(lang: str | None) -> str:
    tag = (lang or "").lower()
    if tag.startswith("zh"):
        return "zh-hant" if any(part in tag for part in ("hant", "-tw", "-hk", "-mo")) else "zh-hans"
    return "en" if tag else "zh-hans"


def _site_path(href: str, relpath: str, site: Site) -> tuple[str, object] | None:
    """The site-relative path an internal link points to (and its parsed URL), else None."""
    url = urlsplit(href)
    if url.scheme and url.scheme.lower() in FOREIGN_SCHEMES:
        return None
    if url.scheme or url.netloc:
        if not site.host or url.netloc.lower() != site.host or url.scheme.lower() not in ("http", "https", ""):
            return None  # another site
        base = urlsplit(site.url).path.rstrip("/")
        path = url.path
        if base and not path.startswith(base + "/"):
            return None
        path = path[len(base):].lstrip("/")
    elif url.path.startswith("/"):
        path = url.path.lstrip("/")
    else:
        return None  # relative: the variant tree mirrors the site, so it already stays inside
    path = posixpath.normpath(path) + ("/" if url.path.endswith("/") and path else "")
    if path in (".", "./"):
        path = ""
    return path, url


def _keep_links_in_variant(page: Page, relpath: str, variant: Variant, site: Site) -> None:
    here = variant.output_path(relpath)
    rewritten = 0
    for element in page.root.iter("a", "area"):
        href = (element.get("href") or "").strip()
        if not href or href.startswith("#"):
            continue
        found = _site_path(href, relpath, site)
        if found is None:
            continue
        path, url = found
        if not is_page_path(path or "/"):
            continue
        target = path + "index.html" if (path.endswith("/") or not path) else path
        if site.pages is not None and target not in site.pages:
            continue
        new = relative_url(here, variant.output_path(target))
        element.set("href", urlunsplit(("", "", new, url.query, url.fragment)))
        rewritten += 1
    if rewritten:
        page.note("versions.links", f"{rewritten} internal link(s) now stay in the {variant.name} version", count=rewritten)


def _add_alternates(page: Page, relpath: str, variant: Variant, variants: tuple[Variant, ...]) -> None:
    """``<link rel="alternate" hreflang>`` to the simplified page and its traditional twins."""
    head = page.head
    for old in head.findall("link"):
        if old.get("data-a11yrender") == "alternate":
            head.remove(old)
    twins = [v for v in variants if v.hreflang and set(v.modes) <= {"traditional", "speech"}]
    if not twins:
        return
    here = variant.output_path(relpath)
    for hreflang, target in [("zh-Hans", STANDARD), *((v.hreflang, v) for v in twins)]:
        head.append(head.makeelement("link", {
            "rel": "alternate", "hreflang": hreflang, "href": relative_url(here, target.output_path(relpath)),
            "data-a11yrender": "alternate",
        }))


def _add_switcher(page: Page, relpath: str, variant: Variant, variants: tuple[Variant, ...],
                  switch_parameter: str | None) -> None:
    body = page.body
    for old in list(body.iter("nav")):
        if SWITCHER_CLASS in (old.get("class") or "").split():
            remove_element(old)
    lang = page.lang
    here = variant.output_path(relpath)
    nav = body.makeelement("nav", {"class": SWITCHER_CLASS, "aria-label": SWITCHER_NAMES[_script_key(lang)]})
    items = nav.makeelement("ul", {})
    nav.append(items)
    for other in variants:
        item = items.makeelement("li", {})
        href = relative_url(here, other.output_path(relpath))
        if switch_parameter:
            href += f"?{switch_parameter}={other.name}"
        link = item.makeelement("a", {"href": href})
        link.text = other.label(lang)
        if other.hreflang:
            link.set("lang", other.hreflang)
            link.set("hreflang", other.hreflang)
        if other is variant or other.name == variant.name:
            link.set("aria-current", "page")
        item.append(link)
        items.append(item)
    position = _after_skip_link(body)
    nav.tail = body.text if position == 0 else None
    if position == 0:
        body.text = None
    body.insert(position, nav)
    head = page.head
    if head.find(f"style[@id='{SWITCHER_STYLE_ID}']") is None:
        style = head.makeelement("style", {"id": SWITCHER_STYLE_ID})
        style.text = SWITCHER_CSS
        head.append(style)


def _after_skip_link(body: HtmlElement) -> int:
    """Insert after a leading skip link, so "skip to content" stays the first thing focused."""
    for index, child in enumerate(body):
        if not isinstance(child.tag, str):
            continue
        if child.tag == "a" and (child.get("href") or "").startswith("#"):
            return index + 1
        return index
    return len(body)
