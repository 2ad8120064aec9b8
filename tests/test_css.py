import pytest

from a11yrender.css import (
    declaration_pattern, find_declarations, rewrite_style_attribute, rewrite_stylesheet, value_tokens,
)

SIZES = declaration_pattern(["font-size", "font", "line-height"])


def found(css, pattern=SIZES):
    return [(f.name, f.value, f.important) for f in find_declarations(css, pattern)]


def test_finds_declarations_in_rules_at_rules_and_nesting():
    css = """
    body{font-size:12px;color:#666}
    @media (max-width:600px){ .a { FONT : bold 12px/1.2 "宋体", serif !important } }
    .b{ color:red; line-height : 18px }
    .c { .d { font-size: .8em } }
    """
    assert found(css) == [
        ("font-size", "12px", False), ("font", 'bold 12px/1.2 "宋体", serif', True),
        ("line-height", "18px", False), ("font-size", ".8em", False),
    ]


def test_longer_names_win_and_other_properties_are_ignored():
    assert found("a{font-family:x;font-size-adjust:1;font-size:1px}") == [("font-size", "1px", False)]


def test_values_with_urls_strings_and_comments_are_whole():
    pattern = declaration_pattern(["background"])
    css = 'a{background:url(data:image/png;base64,AAA;BBB) no-repeat /* ; */ "x;y"}b{background:#fff}'
    assert found(css, pattern) == [
        ("background", 'url(data:image/png;base64,AAA;BBB) no-repeat /* ; */ "x;y"', False),
        ("background", "#fff", False),
    ]


def test_a_quoted_url_may_hold_parentheses():
    """An SVG data URL with rgba() inside quotes: the value ends after the URL, not inside it."""
    pattern = declaration_pattern(["background-image", "opacity"])
    css = """.he{background-image:url('data:image/svg+xml;utf8,<svg><line stroke="rgba(0, 0, 0, 0.84)" /></svg>')}.hw{opacity:0}"""
    assert found(css, pattern) == [
        ("background-image", """url('data:image/svg+xml;utf8,<svg><line stroke="rgba(0, 0, 0, 0.84)" /></svg>')""", False),
        ("opacity", "0", False),
    ]


def test_selectors_and_media_queries_are_not_declarations():
    assert found("@media (font-size:1px) {} font-size:2px {} a{}") == []


def test_rewrite_keeps_everything_else_byte_for_byte():
    css = "/* head */ body { color:#666; font-size:12px } .x{font-size:9pt!important;margin:0}"
    out, n = rewrite_stylesheet(css, SIZES, lambda name, value, imp: f"{name}:24px" if value != "24px" else None)
    assert n == 2
    assert out == "/* head */ body { color:#666; font-size:24px } .x{font-size:24px;margin:0}"


def test_rewrite_can_remove_and_memoises():
    calls = []

    def rewrite(name, value, important):
        calls.append(value)
        return ""

    out, n = rewrite_stylesheet("a{font-size:1px}b{font-size:1px}c{font-size:2px}", SIZES, rewrite)
    assert out == "a{}b{}c{}" and n == 3 and calls == ["1px", "2px"]


def test_unchanged_stylesheet_is_the_same_object():
    css = "a{font-size:30px}"
    out, n = rewrite_stylesheet(css, SIZES, lambda *a: None)
    assert out is css and n == 0


def test_style_attribute_rewrite():
    out, n = rewrite_style_attribute(
        "font-size:12px; color: #999 !important; bogus", lambda name, v, imp: "font-size:24px" if name == "font-size" else None,
    )
    assert n == 1 and out == "font-size:24px; color: #999 !important"


def test_value_tokens():
    assert [t.type for t in value_tokens("bold 12px/1.5 'a b', serif")] == [
        "ident", "dimension", "literal", "number", "string", "literal", "ident",
    ]


@pytest.mark.parametrize("css", ["", "}", "{", "a{font-size:", "a{font-size:1px", "a{b{c{font-size:1px}}}}}}"])
def test_broken_css_does_not_raise(css):
    rewrite_stylesheet(css, SIZES, lambda *a: "font-size:24px")


def _reference_declarations(css, properties):
    """The plain reading of the rule, as one regex alternating the names (slow, but obvious)."""
    import re

    names = "|".join(
        re.escape(p[:-1].lower()) + r"[\w-]+" if p.endswith("*") else re.escape(p.lower())
        for p in sorted(set(properties), key=len, reverse=True)
    )
    string = r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'"
    value = (r"(?P<value>(?:[^;{}\"'/u]+|url\(\s*(?:" + string + r"|[^)]*)\s*\)|" + string
             + r"|/\*.*?\*/|/(?!\*)|u(?!rl\())*)")
    pattern = re.compile(r"[{;]\s*(?P<name>" + names + r")\s*:" + value, re.S | re.I)
    return [(m.start("name"), m.end("value") - (len(m.group("value")) - len(m.group("value").rstrip())))
            for m in pattern.finditer(css)]


def test_finding_declarations_agrees_with_the_plain_regex_on_every_corpus_stylesheet():
    """The fast scan (one name pattern and a set) finds exactly what the obvious regex finds."""
    import corpus
    from a11yrender.page import load

    properties = ["color", "background", "background-color", "border", "font-size", "font", "line-height",
                  "opacity", "-webkit-text-fill-color", "--*"]
    pattern = declaration_pattern(properties)
    checked = 0
    for path in [corpus.SAMPLE] + [p.path for p in corpus.pages()]:
        for style in load(path).root.iter("style"):
            css = style.text or ""
            fast = [(found.start, found.end) for found in find_declarations(css, pattern)]
            assert fast == _reference_declarations(css, properties)
            checked += len(fast)
    assert checked > 2000
