from dataclasses import dataclass
from pathlib import Path

import pytest

import a11yrender
from a11yrender import OptionsError, RenderError, RenderOptions, UnknownModeError, known_modes, render
from a11yrender.modes import register, registry, resolve

DOC = "<!DOCTYPE html><html><head><title>访谈</title></head><body><p>区建设局</p></body></html>"


@dataclass(frozen=True)
class StampOptions:
    text: str = "stamp"
    twice: bool = False


@pytest.fixture
def test_modes():
    """Two throwaway modes that record the order they ran in (real modes, registered for the test)."""
    before = dict(registry())

    @register("stamp-late", order=900, options=StampOptions)
    def late(page, context):
        page.body.append(page.body.makeelement("i", {"class": "late"}))
        page.note("stamp.late", context.of("stamp-late").text)
        return page

    @register("stamp-early", order=50)
    def early(page, context):
        page.body.append(page.body.makeelement("i", {"class": "early"}))
        return page

    @register("stamp-broken", order=60)
    def broken(page, context):
        raise ZeroDivisionError("a bug")

    yield
    registry().clear()
    registry().update(before)


def test_original_is_registered_and_always_first():
    assert known_modes()[0] == "original"
    assert [m.name for m in resolve([])] == ["original"]


def test_original_render_is_the_loaded_page(sample_path):
    result = render(sample_path)
    assert result.modes == ("original",)
    assert result.source_encoding == "gb18030" and not result.is_fragment
    assert result.html == a11yrender.load(sample_path).serialize()
    assert result.to_bytes().decode("utf-8") == result.html


def test_modes_run_in_registered_order_whatever_the_callers_order(test_modes):
    one = render(DOC, ["stamp-late", "stamp-early"])
    two = render(DOC, "stamp-early,stamp-late")
    assert one.html == two.html
    assert one.modes == ("original", "stamp-early", "stamp-late")
    assert one.html.index('class="early"') < one.html.index('class="late"')


def test_duplicate_and_differently_cased_names_run_once(test_modes):
    assert render(DOC, ["STAMP-early", "stamp-early "]).html.count('class="early"') == 1


def test_unknown_mode_lists_the_known_ones():
    with pytest.raises(UnknownModeError) as caught:
        render(DOC, ["eldr"])
    assert "eldr" in str(caught.value) and "original" in str(caught.value)
    assert isinstance(caught.value, a11yrender.A11yRenderError)


def test_options_route_to_their_mode(test_modes):
    assert render(DOC, ["stamp-late"], text="routed").diagnostics[-1].message == "routed"
    assert render(DOC, ["stamp-late"], **{"stamp-late": StampOptions(text="object")}).diagnostics[-1].message == "object"
    assert render(DOC, ["stamp-late"], **{"stamp-late": {"text": "dict"}}).diagnostics[-1].message == "dict"


def test_render_options_object_and_keywords_combine(test_modes):
    options = RenderOptions(encoding="gbk")
    result = render(DOC.encode("gbk"), ["stamp-late"], options=options, text="both")
    assert result.source_encoding == "gb18030" and result.diagnostics[-1].message == "both"


@pytest.mark.parametrize("kwargs,message", [
    ({"colour": "red"}, "unknown option 'colour'"),
    ({"stamp-late": 3}, "must be StampOptions or a dict"),
    ({"stamp-late": {"nope": 1}}, "bad options"),
])
def test_bad_options_are_options_errors(test_modes, kwargs, message):
    with pytest.raises(OptionsError, match=message):
        render(DOC, ["stamp-late"], **kwargs)


def test_a_mode_that_fails_is_reported_by_name_with_its_cause(test_modes):
    with pytest.raises(RenderError, match="stamp-broken mode failed") as caught:
        render(DOC, ["stamp-broken"])
    assert isinstance(caught.value.__cause__, ZeroDivisionError)


def test_diagnostics_carry_decoding_notes():
    result = render(DOC.replace("<title>", '<meta charset="gb2312"><title>').encode("utf-8"))
    assert [d.code for d in result.warnings] == ["decoding.mismatch"]


def test_path_sources_set_base_dir(sample_path, test_modes):
    seen = {}

    @register("stamp-dir", order=70)
    def grab(page, context):
        seen["dir"] = context.options.base_dir
        return page

    render(sample_path, ["stamp-dir"])
    assert seen["dir"] == sample_path.parent.resolve()
    render(DOC, ["stamp-dir"], base_dir="/tmp")
    assert seen["dir"] == Path("/tmp")


def test_public_api_is_small_and_importable():
    for name in a11yrender.__all__:
        assert hasattr(a11yrender, name)
    assert "cli" not in a11yrender.__all__
