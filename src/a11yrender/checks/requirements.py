"""Requirements evaluated on measurements: one implementation for our tests, the pytest plugin
and ``a11yrender check``.

Each function takes what :mod:`a11yrender.checks.measure` measured and returns a
:class:`Check`: what was required, how many things were checked, and a :class:`Finding` for
each that failed, naming the element by its CSS path with the measured and required values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .. import colour
from .measure import Box, Focus, Languages, LineLength, Motion, Overflow, SpacingOverride, Target, TextRun, TextSpacing

# -- thresholds ------------------------------------------------------------------------------

#: WCAG 2.5.5 (AAA) and the MIIT elder specification: 44 x 44 CSS px.
TARGET_SIZE_PX = 44.0
#: WCAG 2.5.8 (AA): 24 x 24 CSS px.
TARGET_SIZE_AA_PX = 24.0
#: WCAG 1.4.10: content reflows at 320 CSS px without horizontal scrolling.
REFLOW_WIDTH_PX = 320
#: MIIT 适老化: main content at least 18 pt (24 CSS px); no visible text below 20 px.
ELDER_MAIN_TEXT_PX = 24.0
ELDER_MIN_TEXT_PX = 20.0
#: WCAG 1.4.8 / MIIT: line height at least 1.5 times the font size.
LINE_HEIGHT_RATIO = 1.5
#: WCAG 1.4.12 text spacing a page must survive, and the ACT rules' minimums for values
#: fixed with !important in style attributes.
TEXT_SPACING = {"line-height": 1.5, "letter-spacing": 0.12, "word-spacing": 0.16, "paragraph": 2.0}
#: MIIT 适老化: about 40 CJK characters a line at most (half a character for rounding).
MAX_LINE_CHARACTERS = 40.5
#: The space between paragraphs at least 1.3 times the line height (the elder issue's reading
#: of WCAG 1.4.8: blank space between the boxes, not counting the lines' own leading).
PARAGRAPH_SPACING_RATIO = 1.3
#: The elder page's own most important links (back to the standard version, prev/next) are
#: larger still than other targets.
LARGE_TARGET_PX = 55.0
ELDER_LARGE_TARGETS = "a.a11y-standard, .a11y-pager a"
#: WCAG 2.4.7/1.4.11: a focus indicator of at least 2 px at 3:1 against what is around it.
FOCUS_MIN_WIDTH_PX = 2.0
#: ACT b4f0c3: a page must allow zooming to at least 200 %.
MIN_MAXIMUM_SCALE = 2.0
#: axe-core impact levels, least to most severe.
AXE_IMPACTS = ("minor", "moderate", "serious", "critical")
#: How many failing elements a failure message lists.
MESSAGE_LIMIT = 10


@dataclass(frozen=True, slots=True)
class Finding:
    """One element that does not meet a requirement."""

    requirement: str
    selector: str | None
    measured: str
    required: str
    text: str = ""

    def __str__(self) -> str:
        where = self.selector or "the page"
        quoted = f" {self.text[:40]!r}" if self.text else ""
        return f"{where}{quoted}: measured {self.measured}, required {self.required}"


@dataclass(slots=True)
class Check:
    """The outcome of one requirement on one page at one viewport width."""

    requirement: str
    required: str
    checked: int
    failures: list[Finding] = field(default_factory=list)
    width: int | None = None
    #: False when nothing on the page is subject to the requirement.
    applicable: bool = True

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def outcome(self) -> str:
        """ACT's vocabulary: passed, failed or inapplicable."""
        if not self.applicable:
            return "inapplicable"
        return "passed" if self.passed else "failed"

    def message(self) -> str:
        """A readable failure message: the requirement, then the first failing elements."""
        at = f" at {self.width} px" if self.width else ""
        lines = [f"{self.requirement}{at}: {len(self.failures)} of {self.checked} fail (required {self.required})"]
        lines += [f"  - {finding}" for finding in self.failures[:MESSAGE_LIMIT]]
        if len(self.failures) > MESSAGE_LIMIT:
            lines.append(f"  ... and {len(self.failures) - MESSAGE_LIMIT} more")
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {
            "requirement": self.requirement, "required": self.required, "checked": self.checked,
            "width": self.width, "outcome": self.outcome,
            "failures": [{"selector": f.selector, "measured": f.measured, "required": f.required, "text": f.text}
                         for f in self.failures],
        }


# -- text ------------------------------------------------------------------------------------

def contrast(runs: list[TextRun], minimum: float = colour.AA_TEXT, large_minimum: float = colour.AA_LARGE_TEXT,
             *, requirement: str = "contrast", html_only: bool = False, same_colour_is_hidden: bool = False,
             letters_only: bool = False, images_fail: bool = False) -> Check:
    """Every visible text run against what it is read against (WCAG 1.4.3 / 1.4.6).

    Text of inactive controls is exempt, as WCAG allows. ``html_only`` leaves out SVG text
    and ``same_colour_is_hidden`` treats text in its background's colour as not visible
    and ``letters_only`` leaves out runs without a letter or digit, such as a row of symbols
    (all three as ACT's rules define applicability); a mode's own checks keep all of them,
    because a page that paints text in its background colour is exactly what must not ship.
    ``images_fail`` counts text over a background image as failing: its contrast cannot be
    measured, and a mode that promises a ratio must not leave one behind text.
    """
    check = Check(requirement, f">= {minimum:g}:1 ({large_minimum:g}:1 large)", 0)
    for run in runs:
        ratio = run.contrast
        if ratio is None or run.disabled or (html_only and run.kind == "svg"):
            continue
        if run.colour is not None and run.colour.a == 0 and run.background_image is None:
            continue  # a fully transparent colour paints nothing to read
        if same_colour_is_hidden and ratio < 1.01:
            continue
        check.checked += 1
        if letters_only and not any(ch.isalnum() for ch in run.text):
            continue  # no character of a human language: nothing the requirement can fail
        if images_fail and run.background_image:
            check.failures.append(Finding(requirement, run.selector, f"text over a background image ({run.background_image})",
                                          "a plain background", run.text))
            continue
        needed = large_minimum if run.large else minimum
        if ratio + 1e-9 < needed:
            check.failures.append(Finding(
                requirement, run.selector, f"{ratio:.2f}:1 ({run.colour} on {run.backdrop}, {run.font_size:g}px)",
                f">= {needed:g}:1", run.text,
            ))
    check.applicable = check.checked > 0
    return check


def text_size(runs: list[TextRun], minimum_px: float, *, requirement: str = "text-size") -> Check:
    """Every run at least ``minimum_px`` CSS px."""
    check = Check(requirement, f">= {minimum_px:g}px", len(runs), applicable=bool(runs))
    for run in runs:
        if run.font_size + 0.01 < minimum_px:
            check.failures.append(Finding(requirement, run.selector, f"{run.font_size:g}px", f">= {minimum_px:g}px", run.text))
    return check


def line_height(runs: list[TextRun], minimum_ratio: float = LINE_HEIGHT_RATIO, *, requirement: str = "line-height") -> Check:
    """Line height at least ``minimum_ratio`` times the font size ("normal" counts as failing)."""
    check = Check(requirement, f">= {minimum_ratio:g} x font size", len(runs), applicable=bool(runs))
    for run in runs:
        if run.kind == "placeholder" or (run.kind == "control" and run.tag == "select"):
            continue  # Chromium's own stylesheet fixes their line height with !important
        ratio = run.line_height_ratio
        if ratio is None or ratio + 1e-6 < minimum_ratio:
            measured = "normal" if ratio is None else f"{ratio:.2f} x ({run.line_height:g}px on {run.font_size:g}px)"
            check.failures.append(Finding(requirement, run.selector, measured, f">= {minimum_ratio:g} x", run.text))
    return check


def not_justified(runs: list[TextRun], *, requirement: str = "not-justified") -> Check:
    """No justified text (WCAG 1.4.8: justification opens rivers between words and characters)."""
    check = Check(requirement, "text-align is not justify", len(runs), applicable=bool(runs))
    for run in runs:
        if run.text_align == "justify":
            check.failures.append(Finding(requirement, run.selector, "justify", "not justify", run.text))
    return check


def title_larger(runs: list[TextRun], *, requirement: str = "title-larger") -> Check:
    """The main heading's text is larger than the body text of the main content."""
    main = [r for r in runs if r.main] or runs
    titles = [r for r in main if r.tag == "h1" or " > h1 > " in r.selector or r.selector.endswith(" > h1")]
    body = [r for r in main if r not in titles and r.tag not in ("h2", "h3", "h4", "h5", "h6")]
    check = Check(requirement, "h1 larger than the body text", len(titles), applicable=bool(titles and body))
    if check.applicable:
        smallest, largest = min(t.font_size for t in titles), max(b.font_size for b in body)
        if smallest <= largest:
            check.failures.append(Finding(requirement, titles[0].selector, f"title {smallest:g}px, text up to {largest:g}px",
                                          "title larger", titles[0].text))
    return check


def line_length(lines: list[LineLength], maximum: float = MAX_LINE_CHARACTERS, *, requirement: str = "line-length") -> Check:
    """No line longer than ``maximum`` characters (its width in ems)."""
    check = Check(requirement, f"<= {maximum:g} characters a line", len(lines), applicable=bool(lines))
    for line in lines:
        if line.characters > maximum:
            check.failures.append(Finding(requirement, line.selector, f"{line.characters:.1f} characters", f"<= {maximum:g}", line.text))
    return check


def paragraph_spacing(paragraphs: list[Box], ratio: float = PARAGRAPH_SPACING_RATIO, *,
                      requirement: str = "paragraph-spacing") -> Check:
    """The gap between consecutive paragraphs at least ``ratio`` times the line height."""
    shown = [b for b in paragraphs if b.visible and "> table" not in b.selector]
    check = Check(requirement, f"gap >= {ratio:g} x line height", 0)
    for above, below in zip(shown, shown[1:]):
        gap = below.rect.y - (above.rect.y + above.rect.height)
        if gap < 0 or above.line_height is None:
            continue  # side by side, or not one after the other in the flow
        check.checked += 1
        if gap + 0.1 < ratio * above.line_height:
            check.failures.append(Finding(requirement, below.selector, f"{gap:.1f}px after {above.line_height:g}px lines",
                                          f">= {ratio * above.line_height:.1f}px", below.text))
    check.applicable = check.checked > 0
    return check


def still(motion: Motion, *, standards: bool = True, requirement: str = "still") -> Check:
    """Nothing floating, fixed, moving or scripted (MIIT: no floating windows, marquees,
    pop-ups; WCAG 2.2.2), and, for a page that declares it, standards mode."""
    check = Check(requirement, "nothing positioned, animated or scripted", 1)
    for item in motion.positioned:
        check.failures.append(Finding(requirement, item.get("selector"), item.get("position", ""), "in the flow"))
    for name in ("animations", "scripts", "handlers", "marquees", "frames", "autoplay", "refresh"):
        count = getattr(motion, name)
        if count:
            check.failures.append(Finding(requirement, None, f"{count} {name}", f"no {name}"))
    if standards and motion.compat_mode != "CSS1Compat":
        check.failures.append(Finding(requirement, "html", motion.compat_mode, "standards mode (CSS1Compat)"))
    return check


def focus_visible(focused: list[Focus | None], contrast_minimum: float = colour.NON_TEXT, *,
                  requirement: str = "focus-visible") -> Check:
    """Each focused element shows an outline of at least 2 px at ``contrast_minimum``.

    ``None`` (focus left the page: it has fewer focusable elements than were tried) is not
    counted.
    """
    shown = [f for f in focused if f is not None]
    check = Check(requirement, f"outline >= {FOCUS_MIN_WIDTH_PX:g}px at {contrast_minimum:g}:1", len(shown),
                  applicable=bool(shown))
    for focus in shown:
        ratio = focus.indicator_contrast
        if ratio is None or focus.outline_width < FOCUS_MIN_WIDTH_PX or ratio < contrast_minimum:
            measured = f"{focus.outline_style} {focus.outline_width:g}px" + (f" at {ratio:.2f}:1" if ratio else "")
            check.failures.append(Finding(requirement, focus.selector, measured,
                                          f">= {FOCUS_MIN_WIDTH_PX:g}px at {contrast_minimum:g}:1", focus.text))
    return check


def skip_link(first: Focus | None, target_exists: bool, minimum: float = TARGET_SIZE_PX, *,
              requirement: str = "skip-link") -> Check:
    """The first Tab reaches a visible "skip to content" link whose target exists (WCAG 2.4.1)."""
    check = Check(requirement, "first Tab: a visible skip link to the content", 1)
    if first is None or not (first.href or "").startswith("#"):
        check.failures.append(Finding(requirement, first.selector if first else None,
                                      f"first focus {first.href if first else None!r}", "a link to #content"))
    elif not target_exists:
        check.failures.append(Finding(requirement, first.selector, f"{first.href} has no target", "an existing target"))
    elif not first.visible or first.rect.height + 0.5 < minimum:
        check.failures.append(Finding(requirement, first.selector, f"{first.rect.height:.0f}px high when focused",
                                      f">= {minimum:g}px"))
    return check


def large_targets(heights: list[tuple[str, float]], minimum: float = LARGE_TARGET_PX, *,
                  requirement: str = "large-targets") -> Check:
    """The most important links (back to the standard version, prev/next) at least ``minimum`` high."""
    check = Check(requirement, f">= {minimum:g}px high", len(heights), applicable=bool(heights))
    for selector, height in heights:
        if height + 0.5 < minimum:
            check.failures.append(Finding(requirement, selector, f"{height:.0f}px high", f">= {minimum:g}px"))
    return check


# -- layout and targets ---------------------------------------------------------------------

def reflow(measured: Overflow, *, requirement: str = "reflow") -> Check:
    """No horizontal scrolling of the page at the measured width (WCAG 1.4.10)."""
    check = Check(requirement, f"scroll width <= viewport ({measured.client_width}px)", 1, width=measured.viewport_width)
    if measured.scrolls:
        offenders = measured.offenders or []
        if not offenders:
            check.failures.append(Finding(requirement, None, f"scroll width {measured.scroll_width}px", f"<= {measured.client_width}px"))
        for offender in offenders:
            check.failures.append(Finding(
                requirement, offender.selector, f"right edge at {offender.rect.right:.0f}px (page {measured.scroll_width}px)",
                f"<= {measured.client_width}px",
            ))
    return check


def target_size(targets: list[Target], minimum: float = TARGET_SIZE_PX, *, requirement: str = "target-size") -> Check:
    """Every standalone link, button and control at least ``minimum`` x ``minimum`` CSS px.

    Links inside running text are exempt, as WCAG 2.5.5 and 2.5.8 allow.
    """
    standalone = [t for t in targets if not t.inline]
    check = Check(requirement, f">= {minimum:g} x {minimum:g}px (inline links exempt)", len(standalone), applicable=bool(standalone))
    for target in standalone:
        if target.rect.width + 0.5 < minimum or target.rect.height + 0.5 < minimum:
            check.failures.append(Finding(
                requirement, target.selector, f"{target.rect.width:.0f} x {target.rect.height:.0f}px",
                f">= {minimum:g} x {minimum:g}px", target.text,
            ))
    return check


# -- language --------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def language_subtags() -> frozenset[str]:
    """Primary language subtags of the IANA Language Subtag Registry (the copy langcodes ships)."""
    text = resources.files("langcodes").joinpath("data/language-subtag-registry.txt").read_text(encoding="utf-8")
    subtags = set()
    for record in text.split("\n%%\n"):
        fields = dict(re.findall(r"^(Type|Subtag): (.+)$", record, re.M))
        if fields.get("Type") == "language" and "Subtag" in fields and ".." not in fields["Subtag"]:
            subtags.add(fields["Subtag"].lower())
    return frozenset(subtags)


def valid_language_tag(tag: str | None) -> bool:
    """True when the tag's primary subtag is a registered language (what ACT bf051a/de46e4 ask)."""
    if not tag or not tag.strip():
        return False
    primary = tag.strip().split("-")[0].lower()
    return primary.isalpha() and primary in language_subtags()


def lang_present(languages: Languages, *, requirement: str = "lang-present") -> Check:
    """``<html>`` has a non-empty ``lang`` (WCAG 3.1.1, ACT b5c3f8)."""
    check = Check(requirement, "lang on <html>", 1)
    document = languages.document
    if not document or not document.strip():
        measured = "no lang" if document is None else f"lang={document!r}"
        check.failures.append(Finding(requirement, "html", measured, "a language tag"))
    return check


def lang_valid(languages: Languages, *, requirement: str = "lang-valid") -> Check:
    """The ``lang`` of ``<html>``, when there is one, names a registered language (ACT bf051a)."""
    document = languages.document
    check = Check(requirement, "a registered language on <html>", 1, applicable=bool(document and document.strip()))
    if check.applicable and not valid_language_tag(document):
        check.failures.append(Finding(requirement, "html", f"lang={document!r}", "a registered language"))
    return check


def part_langs_valid(languages: Languages, *, requirement: str = "lang-parts") -> Check:
    """Every element with text that sets its own ``lang`` names a registered language (3.1.2, ACT de46e4)."""
    # An empty lang means "language unknown", which is allowed; whitespace is not a tag.
    parts = [p for p in languages.parts if p.text and p.lang is not None and p.lang != ""]
    check = Check(requirement, "a registered language on every element that sets lang", len(parts), applicable=bool(parts))
    for part in parts:
        if not valid_language_tag(part.lang):
            check.failures.append(Finding(requirement, part.selector, f"lang={part.lang!r}", "a registered language", part.text))
    return check


def lang(languages: Languages, *, requirement: str = "lang") -> Check:
    """The page declares a valid language, and so does every part that declares its own."""
    parts = [lang_present(languages), lang_valid(languages), part_langs_valid(languages)]
    combined = Check(requirement, "valid lang on <html> and on every element that sets one", 1 + parts[2].checked)
    for part in parts:
        combined.failures.extend(part.failures)
    return combined


# -- text spacing and zoom -------------------------------------------------------------------

def text_spacing(measured: TextSpacing, *, requirement: str = "text-spacing") -> Check:
    """No text clipped or overlapping under WCAG 1.4.12's spacings."""
    check = Check(requirement, "no clipped or overlapping text with 1.4.12 spacing", measured.texts, applicable=measured.texts > 0)
    for clipped in measured.clipped:
        check.failures.append(Finding(requirement, clipped.selector, f"clipped by {clipped.clipped_by}", "not clipped", clipped.text))
    for overlap in measured.overlaps:
        check.failures.append(Finding(requirement, overlap.selector, f"overlaps {overlap.other} ({overlap.other_text[:20]!r})", "no overlap", overlap.text))
    return check


#: Keywords that make a style attribute's value come from the parent, not from the attribute.
_INHERITING = {"inherit", "unset", "revert", "revert-layer"}


def spacing_override(overrides: list[SpacingOverride], prop: str, *, requirement: str | None = None) -> Check:
    """``prop`` fixed with ``!important`` in a style attribute is at least WCAG 1.4.12's value.

    A reader cannot override such a value with their own stylesheet, so it must already be
    large enough: letter-spacing 0.12em, word-spacing 0.16em, line-height 1.5 (the latter only
    where the text wraps onto several lines, as line height has no effect otherwise).
    """
    factor = TEXT_SPACING[prop]
    name = requirement or f"{prop}-override"
    check = Check(name, f"{prop} >= {factor:g} x font size when set !important", 0)
    for override in overrides:
        if override.property != prop or override.declared.lower() in _INHERITING:
            continue
        for text in override.affected:
            if prop == "line-height" and text.lines < 2:
                continue
            check.checked += 1
            needed = factor * text.font_size
            value = text.computed if text.computed is not None else (0.0 if prop != "line-height" else None)
            if value is None or value + 0.01 < needed:
                measured = "normal" if value is None else f"{value:g}px ({override.declared})"
                check.failures.append(Finding(name, override.selector, measured, f">= {needed:g}px", text.text))
    check.applicable = check.checked > 0
    return check


def viewport_zoom(contents: list[str | None], *, requirement: str = "zoom") -> Check:
    """A viewport ``<meta>`` does not stop zooming to 200 % (WCAG 1.4.4, ACT b4f0c3)."""
    check = Check(requirement, f"user-scalable not no, maximum-scale >= {MIN_MAXIMUM_SCALE:g}", 0)
    for content in contents:
        properties = _viewport_properties(content or "")
        if "user-scalable" not in properties and "maximum-scale" not in properties:
            continue
        check.checked += 1
        if "user-scalable" in properties:
            value = _viewport_number(properties["user-scalable"])
            if abs(value) < 1:
                check.failures.append(Finding(requirement, "meta[name=viewport]", f"user-scalable={properties['user-scalable']}", "zoom allowed"))
                continue
        if "maximum-scale" in properties:
            value = _viewport_number(properties["maximum-scale"])
            if 0 <= value < MIN_MAXIMUM_SCALE:
                check.failures.append(Finding(requirement, "meta[name=viewport]", f"maximum-scale={properties['maximum-scale']}", f">= {MIN_MAXIMUM_SCALE:g}"))
    check.applicable = check.checked > 0
    return check


def _viewport_properties(content: str) -> dict[str, str]:
    pairs = re.findall(r"([a-zA-Z-]+)\s*=\s*([^,;\s]*)", content)
    return {name.lower(): value for name, value in pairs}


def _viewport_number(value: str) -> float:
    """The viewport spec's translation of a property value to a number."""
    keyword = value.strip().lower()
    if keyword == "yes":
        return 1.0
    if keyword == "no":
        return 0.0
    if keyword in ("device-width", "device-height"):
        return 10.0
    try:
        return float(keyword)
    except ValueError:
        return 0.0


# -- axe-core --------------------------------------------------------------------------------

def axe(violations: list[dict], impact: str = "serious", *, requirement: str = "axe") -> Check:
    """axe-core violations at ``impact`` or worse."""
    floor = AXE_IMPACTS.index(impact)
    nodes = sum(len(v.get("nodes", [])) for v in violations)
    check = Check(requirement, f"no axe-core violations of impact >= {impact}", nodes)
    for violation in violations:
        level = violation.get("impact") or "minor"
        if AXE_IMPACTS.index(level) < floor:
            continue
        for node in violation.get("nodes", []):
            target = node.get("target") or [None]
            check.failures.append(Finding(
                f"{requirement}:{violation['id']}", " ".join(map(str, target)) if target[0] else None,
                f"{level}: {violation.get('help', '')}", f"impact < {impact}",
                (node.get("html") or "")[:80],
            ))
    return check
