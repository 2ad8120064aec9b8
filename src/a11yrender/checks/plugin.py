"""The pytest plugin: render a page in a mode, open it in Chromium, assert what a reader gets.

Registered through the ``pytest11`` entry point, so installing ``a11yrender[test]`` is enough::

    def test_published_interview_in_elder_mode(a11y):
        a11y.open(Path("site/interview.html"), mode="elder")
        a11y.assert_profile("elder")          # or the single assertions below
        a11y.assert_contrast(4.5)
        a11y.assert_reflow(320)

A failure names each element by CSS path with what was measured and what was required.
Chromium is Debian's (``/usr/bin/chromium``) unless ``--a11y-chromium`` or
``A11YRENDER_CHROMIUM`` names another; it runs headless with flags that work offline.
"""

from __future__ import annotations

import os
import urllib.request
from pathlib import Path

import pytest

from .. import colour
from . import audit as audit_module
from . import measure, requirements
from .browser import DESKTOP_WIDTH, NARROW_WIDTH, launch, open_html

#: Bytes read from a URL the caller names, at most (a page, not a download).
MAX_URL_BYTES = 20 * 1024 * 1024
URL_TIMEOUT_SECONDS = 30


def pytest_addoption(parser):
    group = parser.getgroup("a11yrender")
    group.addoption("--a11y-chromium", default=None, help="Chromium executable for the a11y fixtures")
    group.addoption("--a11y-axe-impact", default="serious", choices=requirements.AXE_IMPACTS,
                    help="lowest axe-core impact a11y.assert_axe() fails on (default: serious)")


def pytest_configure(config):
    chromium = config.getoption("--a11y-chromium", default=None)
    if chromium:
        os.environ["A11YRENDER_CHROMIUM"] = chromium


@pytest.fixture(scope="session")
def a11y_browser(playwright):
    """Headless system Chromium for the session (built on pytest-playwright's ``playwright``)."""
    browser = launch(playwright)
    yield browser
    browser.close()


@pytest.fixture
def a11y(a11y_browser, request):
    """An :class:`Auditor` with a fresh browser context."""
    context = a11y_browser.new_context()
    auditor = Auditor(context.new_page(), axe_impact=request.config.getoption("--a11y-axe-impact", default="serious"))
    yield auditor
    context.close()


class Auditor:
    """A page open in Chromium, with assertions about what a reader gets."""

    def __init__(self, page, axe_impact: str = "serious"):
        self.page = page
        self.axe_impact = axe_impact
        self.html: str | None = None
        self.result = None  # the RenderResult, when a mode was rendered

    # -- opening ------------------------------------------------------------------------

    def open(self, source, mode: str | list[str] | None = None, *, width: int = DESKTOP_WIDTH,
             base_dir: str | os.PathLike | None = None, **options) -> "Auditor":
        """Open ``source`` (a ``Path``, HTML text, or an ``http(s)://`` URL), rendered in ``mode`` if given."""
        url = source if isinstance(source, str) and source.startswith(("http://", "https://")) else None
        if url is not None and mode is None:
            self.page.set_viewport_size({"width": width, "height": 900})
            self.page.goto(url, wait_until="load")
            return self
        if url is not None:
            source = _fetch(url)
        if isinstance(source, Path) and base_dir is None:
            base_dir = source.parent
        if mode is not None:
            from ..render import render

            self.result = render(source, mode, **options)
            self.html = self.result.html
        else:
            self.html = source.read_bytes() if isinstance(source, Path) else source
        open_html(self.page, self.html, base_dir=base_dir, width=width, allow_network=url is not None, url=url)
        return self

    # -- assertions ---------------------------------------------------------------------

    def assert_contrast(self, ratio: float = colour.AA_TEXT, large_ratio: float | None = None) -> None:
        """Every visible text run reaches ``ratio`` (``large_ratio`` for large text; default the same)."""
        self._assert(requirements.contrast(measure.text_runs(self.page), ratio, large_ratio or ratio))

    def assert_reflow(self, width: int = NARROW_WIDTH) -> None:
        """No horizontal scrolling at ``width`` CSS px."""
        self._assert(requirements.reflow(measure.overflow(self.page, width)))

    def assert_target_size(self, minimum: float = requirements.TARGET_SIZE_PX) -> None:
        """Every standalone link, button and control at least ``minimum`` square CSS px."""
        self._assert(requirements.target_size(measure.targets(self.page), minimum))

    def assert_lang(self, expected: str | None = None) -> None:
        """A valid ``lang`` on the page and its parts (and the page's equals ``expected`` when given)."""
        languages = measure.languages(self.page)
        self._assert(requirements.lang(languages))
        if expected is not None and (languages.document or "").lower() != expected.lower():
            raise AssertionError(f"lang: html has lang={languages.document!r}, required {expected!r}")

    def assert_text_spacing(self) -> None:
        """No text clipped or overlapping with WCAG 1.4.12's spacing forced on."""
        self._assert(requirements.text_spacing(measure.text_spacing(self.page)))

    def assert_text_size(self, minimum_px: float) -> None:
        self._assert(requirements.text_size(measure.text_runs(self.page), minimum_px))

    def assert_axe(self, impact: str | None = None) -> None:
        """No axe-core violations at ``impact`` or worse (axe-core runs offline)."""
        self._assert(requirements.axe(audit_module.run_axe(self.page), impact or self.axe_impact))

    def assert_profile(self, profile: str | audit_module.Profile = "elder", widths=None) -> None:
        """Every requirement of ``profile`` ("wcag", "elder", "contrast" or a Profile) at its widths."""
        chosen = audit_module.PROFILES[profile] if isinstance(profile, str) else profile
        failed = [check for check in self.audit(chosen, widths) if not check.passed]
        if failed:
            raise AssertionError("\n".join(check.message() for check in failed))

    def assert_elder(self, widths=None) -> None:
        """The elder version's requirements (MIIT 适老化 and WCAG 2.2), at 1280 and 320 px."""
        self.assert_profile("elder", widths)

    def audit(self, profile, widths=None):
        return audit_module.audit_page(self.page, profile, widths)

    @staticmethod
    def _assert(check) -> None:
        if not check.passed:
            raise AssertionError(check.message())


def _fetch(url: str) -> bytes:
    """The page at ``url`` (the caller named it, so fetching it is asked for)."""
    with urllib.request.urlopen(url, timeout=URL_TIMEOUT_SECONDS) as response:  # noqa: S310 (caller's URL)
        return response.read(MAX_URL_BYTES)
