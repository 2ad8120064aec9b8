"""Our checks against the W3C ACT rules' own test cases: a suite nobody here wrote.

Every case of the rules we implement is opened in Chromium and evaluated by the same
requirement functions QA runs. The outcome must be ACT's expected one, except for the cases
listed in KNOWN_DISAGREEMENTS (each explained, and listed in docs/qa.md); the test also fails
if one of those starts agreeing, so the list and the docs stay true.
"""

import json
from collections import Counter

import pytest

import corpus
from a11yrender import checks
from a11yrender.checks import act

pytestmark = pytest.mark.browser

#: How each kind of test-case file is served (XHTML, so Chromium's XML viewer stays out).
CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".svg": "image/svg+xml", ".xml": "application/xhtml+xml"}

#: testcaseId -> why our outcome differs from ACT's expected one.
KNOWN_DISAGREEMENTS = {
    "eb4bfbbeba4e803fef10ebad17427f32e306ae82": (
        "afw4f7 Passed Example 7: a button showing 'X' (#666 on #000, 3.66:1) named 'Close' by aria-label. "
        "ACT treats the X as an icon, not text in a human language; a static check cannot tell a letter "
        "used as an icon from a letter, so we report it as text below 4.5:1."
    ),
    "5cd71d7ee71bddaed9ff5fbd349ce0809141e425": (
        "09o5cg Passed Example 6: the same 'X' close button (#666 on #fff, 5.74:1 < 7:1), same reason."
    ),
}


def cases():
    root = corpus.require_corpus() / "act-rules"
    data = json.loads((root / "testcases.json").read_text(encoding="utf-8"))
    return [case for case in data["testcases"] if case["ruleId"] in act.RULES]


@pytest.fixture(scope="module")
def act_page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("case", cases(), ids=lambda c: f"{c['ruleId']}-{c['testcaseTitle'].replace(' ', '-')}-{c['testcaseId'][:6]}")
def test_act_case(act_page, case):
    path = corpus.CORPUS / "act-rules" / case["relativePath"]
    checks.open_html(act_page, path.read_bytes(), base_dir=path.parent, name=path.name, content_type=CONTENT_TYPES[path.suffix])
    outcome = act.evaluate(case["ruleId"], act_page)
    if case["testcaseId"] in KNOWN_DISAGREEMENTS:
        assert outcome != case["expected"], "now agrees; remove it from KNOWN_DISAGREEMENTS and docs/qa.md"
    else:
        assert outcome == case["expected"]


def test_every_rule_the_issue_names_is_implemented_and_covered():
    named = {"afw4f7", "09o5cg", "b5c3f8", "bf051a", "de46e4", "24afc2", "9e45ec", "78fd32", "b4f0c3"}
    assert named <= set(act.RULES)
    per_rule = Counter(case["ruleId"] for case in cases())
    assert all(per_rule[rule] >= 7 for rule in named)
    assert set(KNOWN_DISAGREEMENTS) <= {case["testcaseId"] for case in cases()}
