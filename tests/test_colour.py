import pytest

from a11yrender.colour import (
    BLACK, WHITE, RGBA, composite, contrast_ratio, is_large_text, parse_colour, relative_luminance,
)

# Pairs with ratios published by WebAIM's contrast checker and the WCAG understanding docs.
KNOWN_PAIRS = [
    ("#000000", "#ffffff", 21.0),
    ("#ffffff", "#ffffff", 1.0),
    ("#777777", "#ffffff", 4.48),
    ("#767676", "#ffffff", 4.54),
    ("#595959", "#ffffff", 7.0),
    ("#ff0000", "#ffffff", 4.0),
    ("#0000ff", "#ffffff", 8.59),
    ("#999999", "#ffffff", 2.85),
    ("#ffff00", "#000000", 19.56),
    ("#ffff00", "#0000ff", 8.0),
]


@pytest.mark.parametrize("fg,bg,expected", KNOWN_PAIRS)
def test_contrast_of_known_pairs(fg, bg, expected):
    assert contrast_ratio(parse_colour(fg), parse_colour(bg)) == pytest.approx(expected, abs=0.01)


def test_contrast_is_symmetric():
    a, b = parse_colour("#336699"), parse_colour("#ffcc00")
    assert contrast_ratio(a, b) == pytest.approx(contrast_ratio(b, a))


def test_luminance_uses_the_0_04045_threshold():
    # 10/255 = 0.0392 is below the threshold (linear segment), 11/255 = 0.0431 above it.
    assert relative_luminance(RGBA.from_bytes(10, 10, 10)) == pytest.approx((10 / 255) / 12.92)
    assert relative_luminance(RGBA.from_bytes(11, 11, 11)) == pytest.approx(((11 / 255 + 0.055) / 1.055) ** 2.4)
    assert relative_luminance(WHITE) == pytest.approx(1.0)
    assert relative_luminance(BLACK) == 0.0


@pytest.mark.parametrize("text,hex_", [
    ("red", "#ff0000"), ("#f00", "#ff0000"), ("rgb(255 0 0)", "#ff0000"), ("hsl(0 100% 50%)", "#ff0000"),
    ("oklch(0.628 0.2577 29.23)", "#ff0000"), ("lab(54.29 80.8 69.89)", "#ff0000"), ("#1D4F91", "#1d4f91"),
])
def test_parse_any_css_colour_to_srgb(text, hex_):
    assert parse_colour(text).hex == hex_


@pytest.mark.parametrize("text", ["currentcolor", "not-a-colour", "", "rgb(", "color(display-p3 1 0 0)"])
def test_unknown_colours_are_none(text):
    assert parse_colour(text) is None


def test_translucent_text_is_composited_on_its_background():
    half_black = RGBA(0, 0, 0, 0.5)
    mid = composite(half_black, WHITE)
    assert mid.opaque and mid.r == pytest.approx(0.5)
    assert contrast_ratio(half_black, WHITE) == pytest.approx(contrast_ratio(mid, WHITE))


def test_transparent_background_counts_as_the_white_canvas():
    assert contrast_ratio(BLACK, RGBA(0, 0, 0, 0)) == pytest.approx(21.0)


@pytest.mark.parametrize("size,weight,large", [(24, 400, True), (23.9, 400, False), (18.67, 700, True), (18.67, 400, False)])
def test_large_text(size, weight, large):
    assert is_large_text(size, weight) is large
