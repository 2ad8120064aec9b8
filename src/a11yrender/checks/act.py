"""The W3C ACT rules our checks implement, mapped onto them.

Used to validate the checks against test cases nobody on this project wrote
(``tests/checks/test_act.py``, ``docs/qa.md``): each rule is evaluated by the same
requirement functions QA runs, on a page open in Chromium, and gives ACT's outcome
(passed, failed or inapplicable).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .. import colour
from . import measure, requirements
from .requirements import Check


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    name: str
    evaluate: Callable[[object], Check]
    #: Only HTML documents are subject to these rules; an SVG or MathML document is not.
    html_only: bool = True


def _contrast(minimum: float, large: float):
    return lambda page: requirements.contrast(
        measure.text_runs(page), minimum, large, html_only=True, same_colour_is_hidden=True, letters_only=True,
    )


RULES = {rule.id: rule for rule in (
    Rule("afw4f7", "Text has minimum contrast", _contrast(colour.AA_TEXT, colour.AA_LARGE_TEXT)),
    Rule("09o5cg", "Text has enhanced contrast", _contrast(colour.AAA_TEXT, colour.AAA_LARGE_TEXT)),
    Rule("b5c3f8", "HTML page has lang attribute", lambda page: requirements.lang_present(measure.languages(page))),
    Rule("bf051a", "HTML page lang attribute has valid language tag", lambda page: requirements.lang_valid(measure.languages(page))),
    Rule("de46e4", "Element with lang attribute has valid language tag",
         lambda page: requirements.part_langs_valid(measure.languages(page))),
    Rule("24afc2", "Letter spacing in style attributes is not !important",
         lambda page: requirements.spacing_override(measure.spacing_overrides(page), "letter-spacing")),
    Rule("9e45ec", "Word spacing in style attributes is not !important",
         lambda page: requirements.spacing_override(measure.spacing_overrides(page), "word-spacing")),
    Rule("78fd32", "Line height in style attributes is not !important",
         lambda page: requirements.spacing_override(measure.spacing_overrides(page), "line-height")),
    Rule("b4f0c3", "Meta viewport allows for zoom", lambda page: requirements.viewport_zoom(measure.viewport_meta(page)),
         html_only=False),
)}


def evaluate(rule_id: str, page) -> str:
    """ACT's outcome of ``rule_id`` on the open page: "passed", "failed" or "inapplicable"."""
    rule = RULES[rule_id]
    if rule.html_only and not measure.document_kind(page).html:
        return "inapplicable"
    return rule.evaluate(page).outcome
