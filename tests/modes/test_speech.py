"""The speech mode on the sample, on traditional pages, on fragments and on the whole corpus."""

import json
import re

import lxml.html
import opencc
import pytest

import a11yrender
import corpus
from a11yrender import OptionsError
from a11yrender.modes.speech import SpeechOptions, read_aloud
from a11yrender.page import load


def tree(result):
    return lxml.html.document_fromstring(result.html.encode("utf-8"))


def test_render_writes_audio_captions_and_timings(sample_speech):
    outputs = sample_speech.outputs
    assert set(outputs) == {"audio", "captions", "timings"}
    assert [p.name for p in outputs.values()] == ["speech.wav", "speech.vtt", "speech.json"]
    assert all(p.stat().st_size > 0 for p in outputs.values())
    assert any(d.code == "speech.audio" for d in sample_speech.diagnostics)


def test_the_player_is_accessible_and_never_autoplays(sample_speech):
    page = tree(sample_speech)
    [region] = page.find_class("a11y-speech")
    assert region.get("role") == "region" and region.get("aria-label") == "语音朗读"
    [audio] = region.iter("audio")
    assert audio.get("controls") is not None and audio.get("preload") == "none"
    assert audio.get("autoplay") is None and audio.get("src") == "speech.wav"
    heading = page.get_element_by_id(audio.get("aria-labelledby"))
    assert heading.text_content().startswith("语音朗读（全文约 12 分钟）")
    [track] = audio.iter("track")
    assert track.attrib == {"kind": "captions", "src": "speech.vtt", "srclang": "zh-Hans", "label": "中文字幕",
                            "default": "default"}
    assert [a.get("href") for a in region.iter("a")] == ["speech.wav", "speech.wav", "speech.vtt"]
    # after the source/date line, before the article body
    byline = page.find_class("info")[0]
    assert byline.getnext() is region and region.getnext().get("id") == "zoom"
    assert len(page.xpath("//style[@data-a11y-speech]")) == 1 and page.xpath("//style[@data-a11y-speech]")[0].getparent().tag == "head"


def test_each_read_block_carries_its_segments_and_times(sample_speech):
    page = tree(sample_speech)
    timings = json.loads(sample_speech.outputs["timings"].read_text(encoding="utf-8"))["segments"]
    marked = page.xpath("//*[@data-speech-segments]")
    assert [el.get("data-speech-paragraph") for el in marked] == ["title", "byline"] + [f"p{n}" for n in range(1, 11)]
    seen = []
    for element in marked:
        ids = element.get("data-speech-segments").split()
        assert all(timings[i]["paragraph"] == element.get("data-speech-paragraph") for i in ids)
        assert float(element.get("data-speech-start")) == pytest.approx(timings[ids[0]]["start"], abs=0.001)
        assert float(element.get("data-speech-end")) == pytest.approx(timings[ids[-1]]["end"], abs=0.001)
        seen += ids
    assert seen == list(timings)
    assert page.get_element_by_id("zoom").xpath("./p[2]")[0].get("data-speech-segments") == "p1-1 p1-2"


def test_rendering_a_rendered_page_changes_nothing(sample_speech, speech_cache_dir):
    audio_dir = sample_speech.outputs["audio"].parent
    again = a11yrender.render(sample_speech.html, ["speech"], audio_dir=audio_dir, audio_format="wav",
                              cache_dir=speech_cache_dir)
    assert again.html == sample_speech.html
    assert again.outputs["captions"].read_text(encoding="utf-8").count("-->") == 99


def test_audio_dir_is_required_and_options_route_by_keyword(tmp_path):
    with pytest.raises(OptionsError, match="audio_dir"):
        a11yrender.render(corpus.SAMPLE, ["speech"])
    with pytest.raises(OptionsError):
        a11yrender.render(corpus.SAMPLE, ["speech"], audio_dir=tmp_path, rate=10)
    with pytest.raises(OptionsError):
        a11yrender.render(corpus.SAMPLE, ["speech"], audio_dir=tmp_path, host="pitch=500")
    assert not list(tmp_path.iterdir())  # nothing half-written


SHORT = """<!DOCTYPE html><html lang="{lang}"><head><title>访谈</title></head><body><div class="article">
<h1>区建设局局长赵杰访谈</h1><div class="info">来源：临港区网站 发布时间：2025-09-09</div><div id="zoom">
<p><strong>临港区网站：</strong>各位网友大家好！今天我们邀请到区建设局局长赵杰参加本期栏目。</p>
<p><strong>赵杰：</strong>主持人好，各位网友朋友们好！新增管道及明渠1200余米，落实1.56亿元奖补资金。</p>
</div></div></body></html>"""


@pytest.mark.parametrize("lang, config, voice, label", [
    ("zh-CN", None, "cmn-latn-pinyin", "语音朗读"),
    ("zh-Hant", "s2t.json", "cmn-latn-pinyin", "語音朗讀"),
    ("zh-TW", "s2twp.json", "cmn-latn-pinyin", "語音朗讀"),
    ("zh-HK", "s2hk.json", "yue", "語音朗讀"),
])
def test_traditional_pages_read_in_mandarin_and_hong_kong_in_cantonese(tmp_path, speech_cache_dir, lang, config,
                                                                      voice, label):
    html = SHORT.format(lang=lang)
    if config:
        html = opencc.OpenCC(config).convert(html)
    result = read_aloud(load(html), SpeechOptions(audio_format="wav", cache_dir=speech_cache_dir))
    assert result.reading.voice == voice
    assert result.reading.traditional == (config is not None)
    assert {v.voice for v in result.voices.values()} == {voice}
    assert result.narration.duration > 10
    rendered = a11yrender.render(html, ["speech"], audio_dir=tmp_path, audio_format="wav", cache_dir=speech_cache_dir)
    assert tree(rendered).find_class("a11y-speech")[0].get("aria-label") == label


def test_a_fragment_gets_its_stylesheet_inside_and_stays_a_fragment(tmp_path, speech_cache_dir):
    fragment = ("<p>各位网友大家好，今天我们邀请到区建设局局长参加本期栏目，介绍城区建设的整体推进情况。</p>"
                "<p>今年以来，区建设局始终立足全区发展大局，各项工作取得阶段性成效。</p>")
    result = a11yrender.render(fragment, ["speech"], audio_dir=tmp_path, audio_format="wav", cache_dir=speech_cache_dir)
    assert result.is_fragment and result.html.startswith("<style data-a11y-speech")
    assert "<html" not in result.html and result.html.count("<audio") == 1
    again = a11yrender.render(result.html, ["speech"], audio_dir=tmp_path, audio_format="wav", cache_dir=speech_cache_dir)
    assert again.html == result.html


def test_options_shape_the_player(tmp_path, speech_cache_dir):
    html = SHORT.format(lang="zh-CN")
    result = a11yrender.render(html, ["speech"], audio_dir=tmp_path, audio_url="/media/audio/", name="interview",
                               player_script=False, cache_dir=speech_cache_dir)
    [audio] = tree(result).iter("audio")
    assert audio.get("src") == "/media/audio/interview.mp3"
    assert "<script" not in result.html
    assert sorted(p.name for p in tmp_path.iterdir()) == ["interview.json", "interview.mp3", "interview.vtt"]


def test_a_page_without_an_article_is_left_alone_with_a_warning(tmp_path):
    html = "<!DOCTYPE html><html lang='zh-CN'><body><nav><a href='/'>首页</a></nav></body></html>"
    result = a11yrender.render(html, ["speech"], audio_dir=tmp_path)
    assert "<audio" not in result.html
    assert [d.code for d in result.warnings] == ["speech.no-article"]
    assert not list(tmp_path.iterdir())


def test_every_corpus_page(tmp_path):
    """Every real page renders: audio and a player, or a warning saying why not.

    Read fast (rate 400) and without the cache (tested elsewhere) to keep the test short: the
    corpus holds more than two hours of text.
    """
    for item in corpus.pages():
        out = tmp_path / re.sub(r"\W", "_", item.id)
        result = a11yrender.render(item.path, ["speech"], audio_dir=out, audio_format="wav", rate=400, cache=False)
        if result.outputs:
            assert result.html.count('class="a11y-speech"') == 1, item.id
            assert (out / "speech.vtt").read_text(encoding="utf-8").startswith("WEBVTT"), item.id
        else:
            assert {d.code for d in result.warnings} & {"speech.no-article", "speech.no-voice"}, item.id
        assert item.path.read_bytes() == item.path.read_bytes()  # the source is never touched


# -- in the browser: what a reader gets ---------------------------------------------------------

@pytest.fixture(scope="module")
def sample_mp3(sample_speech, speech_cache_dir, tmp_path_factory):
    """The sample as the mode writes it by default (MP3), from the session's warm cache."""
    out = tmp_path_factory.mktemp("sample-mp3")
    return a11yrender.render(corpus.SAMPLE, ["speech"], audio_dir=out, cache_dir=speech_cache_dir)


@pytest.fixture
def player_page(page, sample_mp3):
    from a11yrender.checks import open_html

    open_html(page, sample_mp3.html, base_dir=sample_mp3.outputs["audio"].parent)
    return page


def block(page, paragraph):
    return page.locator(f'[data-speech-paragraph="{paragraph}"]')


@pytest.mark.browser
def test_player_loads_the_captions_and_does_not_play_by_itself(player_page):
    page = player_page
    state = page.evaluate("""() => { const a = document.querySelector('.a11y-speech audio');
        return {paused: a.paused, controls: a.controls, autoplay: a.autoplay, preload: a.preload,
                name: document.getElementById(a.getAttribute('aria-labelledby')).textContent}; }""")
    assert state == {"paused": True, "controls": True, "autoplay": False, "preload": "none",
                     "name": "语音朗读（全文约 12 分钟）"}
    page.wait_for_function("() => { const t = document.querySelector('audio').textTracks[0];"
                           " return t && t.cues && t.cues.length === 99; }", timeout=10000)
    first = page.evaluate("() => { const c = document.querySelector('audio').textTracks[0].cues[2];"
                          " return [c.id, c.startTime, c.text]; }")
    assert first[0] == "p1-1" and first[2] == "<v 临港区网站>临港区网站:各位网友大家好!</v>"
    assert page.locator(".a11y-speech-hint").is_visible()  # the script ran


@pytest.mark.browser
def test_clicking_a_paragraph_plays_from_it_and_highlights_it(player_page):
    page = player_page
    target = block(page, "p4")
    start = float(target.get_attribute("data-speech-start"))
    target.click(position={"x": 40, "y": 10})
    page.wait_for_function("(start) => { const a = document.querySelector('audio');"
                           " return !a.paused && a.currentTime >= start && a.currentTime < start + 5; }",
                           arg=start, timeout=10000)
    assert "a11y-speech-current" in target.get_attribute("class")
    assert page.locator(".a11y-speech-current").count() == 1
    # 连读: while it plays on, the highlight follows the audio
    next_start = float(block(page, "p5").get_attribute("data-speech-start"))
    page.evaluate("(t) => { document.querySelector('audio').currentTime = t; }", next_start + 0.5)
    page.wait_for_function("() => document.querySelector('[data-speech-paragraph=\"p5\"]')"
                           ".classList.contains('a11y-speech-current')", timeout=10000)
    assert "a11y-speech-current" not in target.get_attribute("class")
    page.wait_for_function("() => document.querySelector('.a11y-speech-caption').textContent.length > 0", timeout=10000)
    caption = page.locator(".a11y-speech-caption").text_content()
    assert caption in block(page, "p5").text_content()


@pytest.mark.browser
def test_a_paragraph_can_be_focused_and_activated_from_the_keyboard(player_page):
    page = player_page
    target = block(page, "p2")
    assert target.get_attribute("tabindex") == "0"
    target.focus()
    page.keyboard.press("Enter")
    start = float(target.get_attribute("data-speech-start"))
    page.wait_for_function("(start) => { const a = document.querySelector('audio');"
                           " return !a.paused && a.currentTime >= start && a.currentTime < start + 5"
                           " && document.querySelector('[data-speech-paragraph=\"p2\"]')"
                           ".classList.contains('a11y-speech-current'); }", arg=start, timeout=10000)
    assert page.locator(".a11y-speech-current").count() == 1


@pytest.mark.browser
def test_the_audio_decodes_to_the_timing_maps_duration(player_page, sample_mp3):
    duration = player_page.evaluate("""() => new Promise((done) => { const a = document.querySelector('audio');
        a.addEventListener('loadedmetadata', () => done(a.duration)); a.preload = 'metadata'; a.load(); })""")
    timings = json.loads(sample_mp3.outputs["timings"].read_text(encoding="utf-8"))
    assert duration == pytest.approx(timings["duration"], abs=0.15)  # MP3 frames pad the end


@pytest.mark.browser
def test_without_javascript_the_player_is_all_there(browser, sample_mp3):
    from a11yrender.checks import open_html

    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        open_html(page, sample_mp3.html, base_dir=sample_mp3.outputs["audio"].parent)
        audio = page.locator(".a11y-speech audio")
        assert audio.is_visible() and audio.get_attribute("controls") is not None
        assert audio.bounding_box()["width"] >= 250  # a usable control, not a collapsed one
        assert (sample_mp3.outputs["audio"].parent / audio.get_attribute("src")).is_file()
        assert page.locator(".a11y-speech-links a").count() == 2
        assert not page.locator(".a11y-speech-hint").is_visible()  # the script's hint needs the script
        assert page.locator("[data-speech-paragraph]").first.get_attribute("tabindex") is None
    finally:
        context.close()
