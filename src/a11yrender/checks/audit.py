"""Auditing an open page against a profile of requirements, at one or more widths.

A profile is the set of thresholds a version of a page promises: WCAG 2.2 AA for any page,
the MIIT elder requirements for the elder version, 7:1 for the high-contrast version. The
pytest plugin, ``a11yrender check`` and this project's own tests all audit through here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Iterable

from .. import colour
from . import measure, requirements
from .browser import DESKTOP_WIDTH, NARROW_WIDTH, VIEWPORT_HEIGHT
from .requirements import Check


@dataclass(frozen=True, slots=True)
class Profile:
    """The requirements one version of a page must meet."""

    name: str
    contrast: float = colour.AA_TEXT
    large_contrast: float = colour.AA_LARGE_TEXT
    target_size: float = requirements.TARGET_SIZE_AA_PX
    #: No visible text below this (px), and main content at least ``main_text_px``.
    min_text_px: float | None = None
    main_text_px: float | None = None
    line_height: float | None = None
    no_justify: bool = False
    reflow: bool = True
    lang: bool = True
    text_spacing: bool = True
    zoom: bool = True
    #: Run axe-core and fail on violations of this impact or worse; None to skip.
    axe_impact: str | None = None
    widths: tuple[int, ...] = (DESKTOP_WIDTH, NARROW_WIDTH)


PROFILES = {
    "wcag": Profile("wcag"),
    "elder": Profile(
        "elder", contrast=colour.AA_TEXT, large_contrast=colour.AA_TEXT, target_size=requirements.TARGET_SIZE_PX,
        min_text_px=requirements.ELDER_MIN_TEXT_PX, main_text_px=requirements.ELDER_MAIN_TEXT_PX,
        line_height=requirements.LINE_HEIGHT_RATIO, no_justify=True,
    ),
    "contrast": Profile("contrast", contrast=colour.AAA_TEXT, large_contrast=colour.AAA_TEXT),
}

#: The profile each mode's output promises; several modes combine their profiles.
MODE_PROFILES = {"original": "wcag", "elder": "elder", "contrast": "contrast"}


def profile_for(modes: Iterable[str]) -> Profile:
    """The strictest combination of the profiles of ``modes`` (unknown modes promise WCAG AA)."""
    chosen = [PROFILES[MODE_PROFILES.get(m, "wcag")] for m in modes] or [PROFILES["wcag"]]
    combined = chosen[0]
    for other in chosen[1:]:
        combined = combine(combined, other)
    return combined


def combine(a: Profile, b: Profile) -> Profile:
    """Each threshold at the stricter of the two."""

    def strict(x, y):
        if x is None or y is None:
            return x if y is None else y
        return max(x, y)

    return dataclasses.replace(
        a, name=f"{a.name}+{b.name}" if a.name != b.name else a.name,
        contrast=max(a.contrast, b.contrast), large_contrast=max(a.large_contrast, b.large_contrast),
        target_size=max(a.target_size, b.target_size), min_text_px=strict(a.min_text_px, b.min_text_px),
        main_text_px=strict(a.main_text_px, b.main_text_px), line_height=strict(a.line_height, b.line_height),
        no_justify=a.no_justify or b.no_justify, reflow=a.reflow or b.reflow, lang=a.lang or b.lang,
        text_spacing=a.text_spacing or b.text_spacing, zoom=a.zoom or b.zoom,
        axe_impact=a.axe_impact or b.axe_impact, widths=tuple(sorted(set(a.widths) | set(b.widths), reverse=True)),
    )


def audit_page(page, profile: Profile, widths: Iterable[int] | None = None) -> list[Check]:
    """Measure the open ``page`` at each width and evaluate ``profile``'s requirements."""
    results: list[Check] = []
    for index, width in enumerate(widths or profile.widths):
        page.set_viewport_size({"width": width, "height": VIEWPORT_HEIGHT})
        runs = measure.text_runs(page)
        per_width = [requirements.contrast(runs, profile.contrast, profile.large_contrast)]
        if profile.min_text_px is not None:
            per_width.append(requirements.text_size(runs, profile.min_text_px, requirement="text-size"))
        if profile.main_text_px is not None:
            main = [run for run in runs if run.main]
            per_width.append(requirements.text_size(main, profile.main_text_px, requirement="main-text-size"))
        if profile.line_height is not None:
            per_width.append(requirements.line_height(runs, profile.line_height))
        if profile.no_justify:
            per_width.append(requirements.not_justified(runs))
        if profile.reflow:
            per_width.append(requirements.reflow(measure.overflow(page)))
        per_width.append(requirements.target_size(measure.targets(page), profile.target_size))
        if index == 0:
            if profile.lang:
                per_width.append(requirements.lang(measure.languages(page)))
            if profile.zoom:
                per_width.append(requirements.viewport_zoom(measure.viewport_meta(page)))
            if profile.text_spacing:
                per_width.append(requirements.text_spacing(measure.text_spacing(page)))
            if profile.axe_impact:
                per_width.append(requirements.axe(run_axe(page), profile.axe_impact))
        for check in per_width:
            check.width = width
        results.extend(per_width)
    return results


def run_axe(page) -> list[dict]:
    """axe-core's violations on the open page, offline (the script ships in axe-playwright-python)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page).response.get("violations", [])
