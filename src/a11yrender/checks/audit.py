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
    #: Text over a background image fails (its contrast cannot be measured).
    images_fail: bool = False
    #: The elder page's layout: title larger than the text, lines at most this many
    #: characters, paragraphs this far apart (x line height), nothing moving or scripted.
    title_larger: bool = False
    line_length: float | None = None
    paragraph_spacing: float | None = None
    still: bool = False
    #: The first Tab reaches a skip link, and focus is visible on the next elements.
    keyboard: bool = False
    #: Links matching this selector must be at least requirements.LARGE_TARGET_PX high.
    large_targets: str | None = None


PROFILES = {
    "wcag": Profile("wcag"),
    "elder": Profile(
        "elder", contrast=colour.AA_TEXT, large_contrast=colour.AA_TEXT, target_size=requirements.TARGET_SIZE_PX,
        min_text_px=requirements.ELDER_MIN_TEXT_PX, main_text_px=requirements.ELDER_MAIN_TEXT_PX,
        line_height=requirements.LINE_HEIGHT_RATIO, no_justify=True, images_fail=True, title_larger=True,
        line_length=requirements.MAX_LINE_CHARACTERS, paragraph_spacing=requirements.PARAGRAPH_SPACING_RATIO,
        still=True, keyboard=True, large_targets=requirements.ELDER_LARGE_TARGETS,
    ),
    "contrast": Profile("contrast", contrast=colour.AAA_TEXT, large_contrast=colour.AAA_TEXT, images_fail=True),
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
        images_fail=a.images_fail or b.images_fail, title_larger=a.title_larger or b.title_larger,
        line_length=min((x for x in (a.line_length, b.line_length) if x is not None), default=None),
        paragraph_spacing=strict(a.paragraph_spacing, b.paragraph_spacing), still=a.still or b.still,
        keyboard=a.keyboard or b.keyboard, large_targets=a.large_targets or b.large_targets,
    )


#: Paragraphs of the main content, whose spacing is measured.
PARAGRAPHS = "main p, [role=main] p, article p"
#: Elements the keyboard checks focus after the skip link.
FOCUS_SAMPLES = 3


def audit_page(page, profile: Profile, widths: Iterable[int] | None = None, *, standards: bool = True) -> list[Check]:
    """Measure the open ``page`` at each width and evaluate ``profile``'s requirements.

    ``standards``: the page declares a standards-mode doctype, so it must render in it.
    """
    results: list[Check] = []
    for index, width in enumerate(widths or profile.widths):
        page.set_viewport_size({"width": width, "height": VIEWPORT_HEIGHT})
        runs = measure.text_runs(page)
        per_width = [requirements.contrast(runs, profile.contrast, profile.large_contrast, images_fail=profile.images_fail)]
        if profile.min_text_px is not None:
            per_width.append(requirements.text_size(runs, profile.min_text_px, requirement="text-size"))
        if profile.main_text_px is not None:
            main = [run for run in runs if run.main] or runs  # no main region: the whole page is content
            per_width.append(requirements.text_size(main, profile.main_text_px, requirement="main-text-size"))
        if profile.title_larger:
            per_width.append(requirements.title_larger(runs))
        if profile.line_height is not None:
            per_width.append(requirements.line_height(runs, profile.line_height))
        if profile.no_justify:
            per_width.append(requirements.not_justified(runs))
        if profile.line_length is not None:
            per_width.append(requirements.line_length(measure.line_lengths(page), profile.line_length))
        if profile.paragraph_spacing is not None:
            paragraphs = measure.boxes(page, PARAGRAPHS) or measure.boxes(page, "p")
            per_width.append(requirements.paragraph_spacing(paragraphs, profile.paragraph_spacing))
        if profile.large_targets:
            heights = [(box.selector, box.rect.height) for box in measure.boxes(page, profile.large_targets) if box.visible]
            per_width.append(requirements.large_targets(heights))
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
            if profile.still:
                per_width.append(requirements.still(measure.motion(page), standards=standards))
            if profile.axe_impact:
                per_width.append(requirements.axe(run_axe(page), profile.axe_impact))
            if profile.keyboard:
                per_width.extend(keyboard_checks(page))
        for check in per_width:
            check.width = width
        results.extend(per_width)
    return results


def keyboard_checks(page, samples: int = FOCUS_SAMPLES) -> list[Check]:
    """Tab from the top: the first stop is a skip link, and the next stops show their focus."""
    page.evaluate("document.activeElement && document.activeElement.blur && document.activeElement.blur()")
    page.keyboard.press("Tab")
    first = measure.focus(page)
    target = bool(first and (first.href or "").startswith("#") and page.evaluate(
        "(id) => !!document.getElementById(decodeURIComponent(id))", first.href[1:]))
    checks = [requirements.skip_link(first, target)]
    seen = [first]
    for _ in range(samples):
        page.keyboard.press("Tab")
        seen.append(measure.focus(page))
    checks.append(requirements.focus_visible(seen))
    return checks


def run_axe(page) -> list[dict]:
    """axe-core's violations on the open page, offline (the script ships in axe-playwright-python)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page).response.get("violations", [])
