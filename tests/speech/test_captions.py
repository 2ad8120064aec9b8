"""WebVTT captions and the JSON timing map."""

import json
import re

import pytest

from a11yrender.speech.captions import LINE_SLACK, Cue, caption_lines, timestamp, timing_map, webvtt
from a11yrender.speech.script import CAPTION_LINE_WIDTH, display_width

CUE_TIMING = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> (\d\d):(\d\d):(\d\d)\.(\d\d\d)$")


def parse_vtt(text):
    """A small WebVTT reader: (id, start, end, lines) per cue."""
    blocks = text.strip().split("\n\n")
    assert blocks[0] == "WEBVTT"
    cues = []
    for block in blocks[1:]:
        identifier, timing, *lines = block.split("\n")
        match = CUE_TIMING.match(timing)
        assert match, timing
        h1, m1, s1, ms1, h2, m2, s2, ms2 = map(int, match.groups())
        cues.append((identifier, h1 * 3600 + m1 * 60 + s1 + ms1 / 1000, h2 * 3600 + m2 * 60 + s2 + ms2 / 1000, lines))
    return cues


def test_timestamps():
    assert timestamp(0) == "00:00:00.000"
    assert timestamp(61.2345) == "00:01:01.234" or timestamp(61.2345) == "00:01:01.235"
    assert timestamp(3723.5) == "01:02:03.500"


def test_one_cue_per_segment_with_the_speaker_as_a_voice_span():
    cues = [Cue("p1-1", "p1", 0.0, 2.5, "临港区网站：各位网友大家好！", "临港区网站"),
            Cue("p1-2", "p1", 2.75, 9.0, "今天我们邀请到区建设局局长赵杰参加本期《互动访谈》栏目，赵局长您好。", "临港区网站"),
            Cue("title-1", "title", 9.6, 12.0, "标题", None)]
    parsed = parse_vtt(webvtt(cues))
    assert [c[0] for c in parsed] == ["p1-1", "p1-2", "title-1"]
    assert [(c[1], c[2]) for c in parsed] == [(0.0, 2.5), (2.75, 9.0), (9.6, 12.0)]
    assert parsed[0][3] == ["<v 临港区网站>临港区网站：各位网友大家好！</v>"]
    assert len(parsed[1][3]) == 2 and parsed[1][3][0].startswith("<v 临港区网站>") and parsed[1][3][1].endswith("</v>")
    assert parsed[2][3] == ["标题"]


def test_markup_in_text_is_escaped():
    parsed = parse_vtt(webvtt([Cue("p1-1", "p1", 0, 1, "a<b & c --> d", "A<B>")]))
    assert parsed[0][3] == ["<v A&lt;B&gt;>a&lt;b &amp; c --&gt; d</v>"]


@pytest.mark.parametrize("text", [
    "区建设局局长赵杰访谈: 锚定产城融合目标 全力书写高质量发展新篇章",
    "今天我们邀请到区建设局局长赵杰参加本期《互动访谈》栏目,赵局长您好。",
    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十",
    "短句。",
    "Version 12345678901234567890 of the engine reads this sentence well enough.",
])
def test_captions_are_at_most_two_lines_that_fit(text):
    lines = caption_lines(text)
    assert 1 <= len(lines) <= 2
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    if display_width(text) <= 2 * CAPTION_LINE_WIDTH:
        assert all(display_width(line) <= CAPTION_LINE_WIDTH + LINE_SLACK for line in lines)


def test_lines_break_at_punctuation_or_spaces_when_they_can():
    assert caption_lines("来源:临沂临港经济开发区网站 发布时间:2025-09-09") == ["来源:临沂临港经济开发区网站", "发布时间:2025-09-09"]
    assert caption_lines("今天我们邀请到局长赵杰参加本期栏目,赵局长您好,欢迎您来到这里。")[0].endswith("栏目,")


def test_timing_map_gives_each_segment_its_times():
    cues = [Cue("p1-1", "p1", 0.0, 2.5, "甲", "主持人"), Cue("p2-1", "p2", 3.1, 4.0, "乙", None)]
    data = json.loads(timing_map(cues, 4.0, "speech.mp3", "speech.vtt"))
    assert data["audio"] == "speech.mp3" and data["captions"] == "speech.vtt" and data["duration"] == 4.0
    assert data["segments"]["p1-1"] == {"start": 0.0, "end": 2.5, "paragraph": "p1", "speaker": "主持人", "text": "甲"}
    assert list(data["segments"]) == ["p1-1", "p2-1"]


@pytest.mark.parametrize("text, first_line", [
    ("也感谢大家一直以来对临港区建设工作的关注与支持。", "也感谢大家一直以来"),
    ("请您简要介绍一下今年城区产城融合建设的整体推进情况。", "请您简要介绍一下今年城区产城融合建设的"),
])
def test_without_punctuation_lines_break_at_function_words_not_inside_words(text, first_line):
    assert caption_lines(text)[0] == first_line


def test_a_line_may_be_a_little_wide_rather_than_cut_a_word():
    assert caption_lines("扎实推进厉家寨二路建设工程,目前,1.2公里路段已完成路基施工及第一层沥青铺设;") == [
        "扎实推进厉家寨二路建设工程,目前,", "1.2公里路段已完成路基施工及第一层沥青铺设;"]
