"""In-browser measurements of what a reader gets, shipped so QA runs the checks we run.

Give these functions a Playwright page (opened with :func:`open_html`, or any page) and they
return plain data: every visible text run with its font size, line height, colour, effective
background and contrast ratio; the horizontal overflow at a viewport width; the box of every
link, button and control; the languages declared.
"""

from .browser import (
    CHROMIUM_ARGS, DESKTOP_WIDTH, NARROW_WIDTH, BrowserError, chromium_path, launch, launch_options, open_html,
)
from .measure import (
    Languages, LangPart, Offender, Overflow, Rect, Target, TextRun, effective_background, languages, overflow,
    targets, text_runs,
)
from .measure import Box, Focus, LineLength, Motion, boxes, focus, line_lengths, motion

__all__ = [
    "CHROMIUM_ARGS", "DESKTOP_WIDTH", "NARROW_WIDTH", "BrowserError", "chromium_path", "launch", "launch_options",
    "open_html", "Languages", "LangPart", "Offender", "Overflow", "Rect", "Target", "TextRun",
    "effective_background", "languages", "overflow", "targets", "text_runs",
    "Box", "Focus", "LineLength", "Motion", "boxes", "focus", "line_lengths", "motion",
]
