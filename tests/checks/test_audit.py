import pytest

from a11yrender import checks, render
from a11yrender.checks.audit import PROFILES, audit_page, combine, profile_for


def test_profiles_combine_to_the_stricter_threshold():
    both = profile_for(["elder", "contrast"])
    assert both.contrast == 7 and both.large_contrast == 7 and both.target_size == 44
    assert both.main_text_px == 24 and both.min_text_px == 20 and both.no_justify
    assert profile_for(["original"]) == PROFILES["wcag"]
    assert profile_for(["traditional"]).contrast == 4.5
    assert combine(PROFILES["wcag"], PROFILES["wcag"]) == PROFILES["wcag"]


@pytest.mark.browser
def test_the_elder_profile_catches_the_original_samples_small_text(page, sample_path, sample_dir):
    checks.open_html(page, render(sample_path).html, base_dir=sample_dir)
    results = audit_page(page, PROFILES["elder"], widths=[320])
    failed = {c.requirement for c in results if not c.passed}
    assert {"text-size", "line-height", "not-justified", "reflow", "target-size", "contrast"} <= failed
    assert all(c.width == 320 for c in results)
    sizes = next(c for c in results if c.requirement == "text-size")
    assert any(f.measured == "12px" for f in sizes.failures)
