"""In-browser measurements of what a reader gets, shipped so QA runs the checks we run.

Give these functions a Playwright page (opened with :func:`open_html`, or any page) and they
return plain data: every visible text run with its font size, line height, colour, effective
background and contrast ratio; the horizontal overflow at a viewport width; the box of every
link, button and control; the languages declared; text cut off under WCAG 1.4.12 spacing;
the focus indicator of each focusable element, the borders of controls, the paint of SVG and
generated glyphs, the images; and the pixels of a part of the screen (:mod:`.pixels`), for
what computed styles cannot show. :mod:`.requirements` turns measurements into pass/fail
:class:`Check` results, :mod:`.audit` runs a whole profile (wcag, elder, contrast),
:mod:`.plugin` is the pytest plugin and :mod:`.act` maps the W3C ACT rules onto the same checks.
"""

from .browser import (
    CHROMIUM_ARGS, DESKTOP_WIDTH, NARROW_WIDTH, BrowserError, chromium_path, launch, launch_options, open_html,
)
from .measure import (
    Languages, LangPart, Offender, Overflow, Rect, Target, TextRun, TextSpacing, effective_background, languages,
    overflow, spacing_overrides, targets, text_runs, text_spacing, viewport_meta,
)
from .requirements import Check, Finding
from .audit import PROFILES, Profile, audit_page, profile_for
from .pixels import PNGError, Pixels, decode_png, screenshot
from .measure import (
    BorderSide, ControlBorder, FocusIndicator, Glyph, Image, control_borders, focus_indicators, glyphs, images,
)
from .measure import Box, Focus, LineLength, Motion, boxes, focus, line_lengths, motion

__all__ = [
    "CHROMIUM_ARGS", "DESKTOP_WIDTH", "NARROW_WIDTH", "BrowserError", "chromium_path", "launch", "launch_options",
    "open_html", "Languages", "LangPart", "Offender", "Overflow", "Rect", "Target", "TextRun",
    "effective_background", "languages", "overflow", "targets", "text_runs", "TextSpacing", "spacing_overrides",
    "text_spacing", "viewport_meta", "Check", "Finding", "PROFILES", "Profile", "audit_page", "profile_for",
    "BorderSide", "ControlBorder", "FocusIndicator", "Glyph", "Image", "control_borders", "focus_indicators",
    "glyphs", "images", "PNGError", "Pixels", "decode_png", "screenshot",
    "Box", "Focus", "LineLength", "Motion", "boxes", "focus", "line_lengths", "motion",
]
