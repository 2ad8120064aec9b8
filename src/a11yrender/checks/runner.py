"""``a11yrender check``'s work: open a page (as published, and/or rendered in modes) in
Chromium, audit it, and take the screenshots its report shows."""

from __future__ import annotations

import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .audit import Profile, audit_page, profile_for
from .browser import launch, open_html
from .requirements import Check

#: Screenshots stop at this height (Chromium cannot capture arbitrarily tall pages).
MAX_SCREENSHOT_HEIGHT = 8000
#: Failing elements photographed per check, at most.
ELEMENT_SHOTS_PER_CHECK = 5
ELEMENT_SHOT_TIMEOUT_MS = 2000


@dataclass
class PageAudit:
    """One version of a page, audited."""

    label: str
    source: str
    modes: tuple[str, ...]
    profile: str
    checks: list[Check]
    screenshots: dict[int, str] = field(default_factory=dict)
    #: (requirement, width, selector) -> screenshot file, relative to the report directory.
    element_shots: dict[tuple[str, int | None, str], str] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)


def check_page(target: str, modes: list[str], *, widths: list[int] | None = None, profile: Profile | None = None,
               compare: bool = False, report_dir: Path | None = None, encoding: str | None = None,
               axe_impact: str | None = "serious", browser=None, options: dict | None = None) -> list[PageAudit]:
    """Audit ``target`` (a file path or an http(s) URL) as is, rendered in ``modes``, or both.

    Compared side by side, both versions are held to what the modes promise: the report
    shows what the original page lacks that its rendered version provides. ``options`` go to
    :func:`a11yrender.render` (per-mode options).
    """
    from dataclasses import replace

    from ..page import load
    from ..render import render

    is_url = target.startswith(("http://", "https://"))
    data = _read_url(target) if is_url else Path(target).read_bytes()
    base_dir = None if is_url else Path(target).resolve().parent
    variants: list[tuple[str, tuple[str, ...]]] = []
    if compare or not modes:
        variants.append(("original", ("original",)))
    if modes:
        variants.append((",".join(modes), tuple(modes)))

    audits: list[PageAudit] = []
    with _browser(browser) as (chromium, owned):
        for label, chosen in variants:
            started = time.perf_counter()
            if chosen == ("original",):
                html = load(data, encoding=encoding).serialize()
            else:
                html = render(data, list(chosen), encoding=encoding, base_dir=base_dir, **(options or {})).html
            chosen_profile = profile or profile_for(tuple(modes) or chosen)
            if axe_impact != chosen_profile.axe_impact:
                chosen_profile = replace(chosen_profile, axe_impact=axe_impact)
            context = chromium.new_context()
            page = context.new_page()
            try:
                open_html(page, html, base_dir=base_dir, allow_network=is_url, url=target if is_url else None)
                results = audit_page(page, chosen_profile, widths)
                result = PageAudit(label, target, chosen, chosen_profile.name, results)
                if report_dir is not None:
                    _screenshots(page, result, report_dir, widths or list(chosen_profile.widths))
                result.seconds = time.perf_counter() - started
                audits.append(result)
            finally:
                context.close()
    return audits


class _browser:
    """Use the caller's browser, or start (and stop) one."""

    def __init__(self, browser):
        self.browser = browser
        self.playwright = None

    def __enter__(self):
        if self.browser is not None:
            return self.browser, False
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.browser = launch(self.playwright)
        return self.browser, True

    def __exit__(self, *exc):
        if self.playwright is not None:
            self.browser.close()
            self.playwright.stop()


def _screenshots(page, result: PageAudit, report_dir: Path, widths: list[int]) -> None:
    shots = report_dir / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    slug = "".join(c if c.isalnum() else "-" for c in result.label)
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_SCREENSHOT_HEIGHT)
        name = f"{slug}-{width}.png"
        page.screenshot(path=str(shots / name), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": max(height, 1)})
        result.screenshots[width] = f"screenshots/{name}"
        for check in result.checks:
            if check.width != width:
                continue
            for index, finding in enumerate([f for f in check.failures if f.selector][:ELEMENT_SHOTS_PER_CHECK]):
                name = f"{slug}-{width}-{check.requirement}-{index}.png".replace(":", "-")
                try:
                    page.locator(finding.selector).first.screenshot(path=str(shots / name), timeout=ELEMENT_SHOT_TIMEOUT_MS)
                except Exception:  # the element may be off-screen, zero-sized or gone: no picture
                    continue
                result.element_shots[(check.requirement, width, finding.selector)] = f"screenshots/{name}"


def _read_url(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (the caller named it)
        return response.read(20 * 1024 * 1024)
