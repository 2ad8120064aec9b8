"""Themes: loading, the caller's directories, and the contrast each theme must prove."""

import json
from pathlib import Path

import pytest

from a11yrender import ThemeError
from a11yrender.colour import AAA_TEXT, NON_TEXT, contrast_ratio, parse_colour
from a11yrender.themes import (
    COLOUR_ROLES, NON_TEXT_PAIRS, TEXT_PAIRS, Theme, builtin_theme_dir, list_themes, load_theme, validate_theme,
)

CONTRAST_THEMES = list_themes("contrast")

#: A complete contrast palette that passes, for building themes that fail one pair at a time.
GOOD = {
    "text": "#000000", "background": "#ffffff", "link": "#0000c8", "visited": "#6a1b9a", "focus": "#c40000",
    "button-text": "#000000", "button-face": "#ffffff", "border": "#000000", "disabled": "#545454",
    "selection-text": "#ffffff", "selection-background": "#0000c8",
}


def write_theme(directory: Path, name: str, colours: dict, kind: str = "contrast", **extra) -> Path:
    folder = directory / name
    folder.mkdir(parents=True)
    manifest = {"name": name, "kind": kind, "stylesheet": "theme.css", "labels": {"en": name}, "colours": colours, **extra}
    (folder / "theme.json").write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "theme.css").write_text("/* nothing */", encoding="utf-8")
    return folder


def test_the_five_schemes_ship_as_contrast_themes():
    assert {"black-on-white", "white-on-black", "yellow-on-black", "black-on-cream", "yellow-on-blue"} <= set(CONTRAST_THEMES)


@pytest.mark.parametrize("name", CONTRAST_THEMES)
def test_every_shipped_contrast_theme_is_complete_labelled_and_proven(name):
    theme = load_theme(name)
    assert theme.kind == "contrast" and theme.name == name == theme.path.name
    assert set(COLOUR_ROLES) <= set(theme.colours)
    assert {"zh-Hans", "zh-Hant", "en"} <= set(theme.labels) and all(theme.labels.values())
    for foreground, background in TEXT_PAIRS:
        assert contrast_ratio(theme.colour(foreground), theme.colour(background)) >= AAA_TEXT, (foreground, background)
    for foreground, background in NON_TEXT_PAIRS:
        assert contrast_ratio(theme.colour(foreground), theme.colour(background)) >= NON_TEXT, (foreground, background)
    assert (theme.path / theme.manifest["stylesheet"]).is_file() and theme.css.strip()


#: For each pair, colours that make that pair (and no pair checked before it) fail.
FAILING = {
    ("text", "background"): {"text": "#fefefe"},
    ("link", "background"): {"link": "#fefefe"},
    ("visited", "background"): {"visited": "#fefefe"},
    ("disabled", "background"): {"disabled": "#999999"},
    ("button-text", "button-face"): {"button-text": "#999999"},
    ("disabled", "button-face"): {"button-face": "#575757", "button-text": "#ffffff"},
    ("selection-text", "selection-background"): {"selection-text": "#0000c0"},
    ("border", "background"): {"border": "#eeeeee"},
    ("focus", "background"): {"focus": "#eeeeee"},
    ("focus", "button-face"): {"focus": "#767676", "button-face": "#a0a0a0", "disabled": "#000000"},
}


def test_every_pair_has_a_failing_case():
    assert set(FAILING) == set(TEXT_PAIRS) | set(NON_TEXT_PAIRS)


@pytest.mark.parametrize("pair", list(FAILING), ids="/".join)
def test_a_theme_failing_any_pair_is_refused_with_the_pair_and_its_ratio(tmp_path, pair):
    foreground, background = pair
    colours = {**GOOD, **FAILING[pair]}
    write_theme(tmp_path, "weak", colours)
    with pytest.raises(ThemeError) as caught:
        load_theme("weak", [tmp_path])
    message = str(caught.value)
    ratio = contrast_ratio(parse_colour(colours[foreground]), parse_colour(colours[background]))
    shown = f"{int(ratio * 100) / 100:.2f}".rstrip("0").rstrip(".")
    assert f"{foreground} {colours[foreground]} on {background} {colours[background]} is {shown}:1" in message
    assert ("7:1" if pair in TEXT_PAIRS else "3:1") in message and "'weak'" in message


def test_a_ratio_just_under_7_is_not_rounded_up_to_pass(tmp_path):
    """#59595a on white is 6.9968:1, "7.00" when rounded: refused, and shown as 6.99."""
    write_theme(tmp_path, "almost", {**GOOD, "disabled": "#59595a"})
    with pytest.raises(ThemeError, match=r"disabled #59595a on background #ffffff is 6\.99:1"):
        load_theme("almost", [tmp_path])


@pytest.mark.parametrize("colours, message", [
    ({k: v for k, v in GOOD.items() if k != "visited"}, "missing visited"),
    ({**GOOD, "link": "not-a-colour"}, "'not-a-colour' is not a CSS colour"),
    ({**GOOD, "border": "rgba(0, 0, 0, 0.5)"}, "translucent"),
    ({**GOOD, "Text Colour": "#000"}, "not a lower-case name"),
])
def test_malformed_colours_are_refused(tmp_path, colours, message):
    write_theme(tmp_path, "bad", colours)
    with pytest.raises(ThemeError, match=message):
        load_theme("bad", [tmp_path])


def test_colours_cannot_smuggle_css_into_the_stylesheet(tmp_path):
    write_theme(tmp_path, "smuggler", {**GOOD, "text": "#000; } body { display: none"})
    with pytest.raises(ThemeError, match="not a CSS colour"):
        load_theme("smuggler", [tmp_path])


def test_other_kinds_need_AA_on_the_pairs_they_name(tmp_path):
    """An elder theme's palette: only the roles it names are checked, against 4.5:1."""
    write_theme(tmp_path, "soft", {"text": "#595959", "background": "#ffffff"}, kind="elder")  # 7.0:1
    write_theme(tmp_path, "grey", {"text": "#777777", "background": "#ffffff"}, kind="elder")  # 4.48:1
    assert load_theme("soft", [tmp_path]).kind == "elder"
    with pytest.raises(ThemeError, match=r"text #777777 on background #ffffff is 4\.4\d:1; .*4\.5:1"):
        load_theme("grey", [tmp_path])


def test_the_callers_directory_adds_themes_and_wins_over_builtin_names(tmp_path):
    write_theme(tmp_path, "site-blue", GOOD)
    write_theme(tmp_path, "black-on-white", {**GOOD, "link": "#000080"})
    assert "site-blue" in list_themes("contrast", [tmp_path])
    assert list_themes("contrast", [tmp_path]).count("black-on-white") == 1
    assert load_theme("black-on-white", [tmp_path]).colours["link"] == "#000080"
    assert load_theme("black-on-white").colours["link"] != "#000080"
    assert "site-blue" not in list_themes("contrast")


def test_unknown_theme_names_the_known_ones():
    with pytest.raises(ThemeError, match="no theme 'purple'.*yellow-on-black"):
        load_theme("purple")


def test_unreadable_manifests_are_theme_errors(tmp_path):
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "theme.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ThemeError, match="not a readable JSON manifest"):
        load_theme("broken", [tmp_path])
    write_theme(tmp_path, "nosheet", GOOD)
    (tmp_path / "nosheet" / "theme.css").unlink()
    with pytest.raises(ThemeError, match="cannot read its stylesheet"):
        load_theme("nosheet", [tmp_path])
    write_theme(tmp_path, "listy", GOOD, labels=["en"])
    with pytest.raises(ThemeError, match="must be JSON objects"):
        load_theme("listy", [tmp_path])


@pytest.mark.parametrize("lang, expected", [
    ("zh-CN", "黑底黄字"), ("zh", "黑底黄字"), ("zh-Hans-SG", "黑底黄字"), ("zh-TW", "黑底黃字"),
    ("zh-HK", "黑底黃字"), ("zh-Hant", "黑底黃字"), ("en-GB", "Yellow on black"), ("fr", "Yellow on black"),
    (None, "Yellow on black"),
])
def test_labels_follow_the_readers_script(lang, expected):
    assert load_theme("yellow-on-black").label(lang) == expected


def test_dark_backgrounds_and_custom_properties():
    dark, light = load_theme("yellow-on-black"), load_theme("black-on-cream")
    assert dark.dark and not light.dark and load_theme("yellow-on-blue").dark
    declared = light.custom_properties("--x-")
    assert declared.startswith("--x-text: #000000; --x-background: #fff5cc;")
    assert declared.count(";") == len(light.colours)


def test_validate_theme_checks_a_theme_built_in_code(tmp_path):
    theme = Theme(name="inline", kind="contrast", css="", path=tmp_path, colours={**GOOD, "link": "#8080ff"})
    with pytest.raises(ThemeError, match="link #8080ff on background #ffffff"):
        validate_theme(theme)
    validate_theme(Theme(name="ok", kind="contrast", css="", path=tmp_path, colours=GOOD))


def test_builtin_directory_holds_every_listed_theme():
    for name in list_themes():
        assert (builtin_theme_dir() / name / "theme.json").is_file()


def test_a_missing_theme_directory_or_a_path_for_a_name_is_refused(tmp_path):
    with pytest.raises(ThemeError, match="does not exist"):
        load_theme("black-on-white", [tmp_path / "typo"])
    for name in ("../black-on-white", "", ".."):
        with pytest.raises(ThemeError, match="is not a theme name"):
            load_theme(name)


def test_a_changed_theme_is_read_again(tmp_path):
    folder = write_theme(tmp_path, "edited", GOOD)
    assert load_theme("edited", [tmp_path]).colours["link"] == GOOD["link"]
    manifest = json.loads((folder / "theme.json").read_text(encoding="utf-8"))
    manifest["colours"]["link"] = "#000080"
    (folder / "theme.json").write_text(json.dumps(manifest) + "\n", encoding="utf-8")
    assert load_theme("edited", [tmp_path]).colours["link"] == "#000080"
    (folder / "theme.css").write_text("mark { outline: 1px solid; }", encoding="utf-8")
    assert load_theme("edited", [tmp_path]).css == "mark { outline: 1px solid; }"


def test_the_themes_command_lists_and_validates(tmp_path, capsys):
    from a11yrender.cli import main

    assert main(["themes", "--kind", "contrast"]) == 0
    listed = capsys.readouterr().out
    assert "yellow-on-black" in listed and "黑底黄字 / 黑底黃字 / Yellow on black" in listed
    write_theme(tmp_path, "site-ok", GOOD)
    write_theme(tmp_path, "site-weak", {**GOOD, "link": "#8080ff"})
    assert main(["themes", "--dir", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert "site-ok" in out and "site-weak" not in out
    assert "invalid theme: theme 'site-weak'" in err and "link #8080ff on background #ffffff" in err
    assert main(["themes", "--dir", str(tmp_path / "typo")]) == 1
    assert "does not exist" in capsys.readouterr().err
