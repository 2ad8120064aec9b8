"""The reading script: order, segments and their ids, interview speaker turns."""


import pytest

import corpus
from a11yrender.article import text_of
from a11yrender.page import load
from a11yrender.speech.script import (
    MAX_SEGMENT_WIDTH, display_width, reading_script, speaker_label, split_segments,
)


def page(body: str, lang: str = "zh-CN"):
    return load(f'<!DOCTYPE html><html lang="{lang}"><head><title>t</title></head><body>{body}</body></html>')


@pytest.fixture(scope="module")
def sample_script():
    return reading_script(load(corpus.SAMPLE))


def test_sample_is_read_title_byline_then_body(sample_script):
    kinds = [p.kind for p in sample_script.paragraphs]
    assert kinds[:2] == ["title", "byline"] and set(kinds[2:]) == {"body"}
    assert sample_script.paragraphs[0].text.startswith("区建设局局长赵杰访谈")
    byline = sample_script.paragraphs[1].text
    assert "来源" in byline and "2025-09-09" in byline
    assert "字体" not in byline and "打印" not in byline  # controls are not read
    body = " ".join(p.text for p in sample_script.paragraphs[2:])
    assert "各位网友大家好" in body and "贡献更大力量" in body
    for boilerplate in ("首页", "友情链接", "下一条", "分享到", "欢迎访问"):
        assert boilerplate not in body


def test_sample_turns_alternate_between_host_and_guest(sample_script):
    turns = [p for p in sample_script.paragraphs if p.kind == "body"]
    assert len(turns) == 10
    assert [p.speaker for p in turns] == ["临港区网站", "赵杰"] * 5
    assert [p.role for p in turns] == ["host", "guest"] * 5
    assert sample_script.speakers == {"临港区网站": "host", "赵杰": "guest"}
    for turn in turns:
        assert all(segment.speaker == turn.speaker for segment in turn.segments)


def test_segment_ids_are_unique_stable_and_tied_to_their_paragraph(sample_script):
    ids = [s.id for s in sample_script.segments]
    assert len(ids) == len(set(ids))
    for paragraph in sample_script.paragraphs:
        assert [s.id for s in paragraph.segments] == [f"{paragraph.id}-{n}" for n in range(1, len(paragraph.segments) + 1)]
        assert all(s.paragraph == paragraph.id for s in paragraph.segments)
    assert [s.id for s in reading_script(load(corpus.SAMPLE)).segments] == ids


def test_segments_rebuild_their_paragraph_and_fit_two_caption_lines(sample_script):
    for paragraph in sample_script.paragraphs:
        assert "".join(s.text for s in paragraph.segments).replace(" ", "") == paragraph.text.replace(" ", "")
        assert all(display_width(s.text) <= MAX_SEGMENT_WIDTH for s in paragraph.segments)
        if paragraph.element is not None and paragraph.kind == "body":
            assert paragraph.text == text_of(paragraph.element)


@pytest.mark.parametrize("markup, label", [
    ("<p><strong>主持人：</strong>各位网友大家好。</p>", "主持人"),
    ("<p><b>记者:</b>请问今年的工作重点是什么？</p>", "记者"),
    ("<p><span style='font-weight:bold'>赵杰</span>：好的。</p>", "赵杰"),
    ("<p>临港区网站：各位网友大家好。</p>", "临港区网站"),
    ("<p>赵杰: 谢谢主持人。</p>", "赵杰"),
])
def test_speaker_labels_in_any_form(markup, label):
    assert speaker_label(text_of(page(markup).body[0])) == label


@pytest.mark.parametrize("text", ["来源：新华网", "发布时间：2025-09-09", "一是：加强监管", "今年以来，我们主要从四方面发力：",
                                  "2025年：新的开始"])
def test_form_lines_and_clauses_are_not_speakers(text):
    assert speaker_label(text) is None


def test_label_in_its_own_element_sets_the_speaker_of_what_follows():
    script = reading_script(page("""<div id="zoom"><h1>访谈</h1>
        <p><strong>主持人：</strong></p><p>各位网友大家好，今天我们请到了局长。</p><p>这是第二段，仍是主持人。</p>
        <p><strong>局长：</strong></p><p>主持人好，各位网友好，很高兴来到这里。</p></div>"""))
    body = [(p.text, p.speaker, p.role) for p in script.paragraphs if p.kind == "body"]
    assert [speaker for _, speaker, _ in body] == ["主持人", "主持人", "主持人", "局长", "局长"]
    assert [role for _, _, role in body] == ["host", "host", "host", "guest", "guest"]


def test_questions_and_answers_are_an_interview():
    script = reading_script(page("""<article><h1>答记者问</h1><p>问：今年的重点是什么？</p>
        <p>答：重点是民生项目，确保早日惠及群众。</p><p>问：进度如何？</p><p>答：已完成百分之八十。</p></article>"""))
    assert script.speakers == {"问": "host", "答": "guest"}


def test_an_article_with_form_lines_is_not_an_interview():
    script = reading_script(page("""<article><h1>通知</h1><p>来源：市政府网站</p>
        <p>各有关单位：现将有关事项通知如下，请认真贯彻执行。</p><p>联系人：张三</p><p>电话：12345</p></article>"""))
    assert not script.is_interview
    assert all(p.speaker is None and p.role == "narrator" for p in script.paragraphs)


def test_first_speaker_hosts_when_no_label_says_so():
    script = reading_script(page("""<article><h1>对话</h1><p>张三：你好，今天谈谈城市建设。</p>
        <p>李四：好的，我们先说道路。</p><p>张三：请展开讲讲。</p><p>李四：今年修了三条路。</p></article>"""))
    assert script.speakers == {"张三": "host", "李四": "guest"}


@pytest.mark.parametrize("text, expected", [
    ("好的。今年以来,工作取得成效。", ["好的。", "今年以来,工作取得成效。"]),
    ("他说：“好。”然后走了。", ["他说：“好。”", "然后走了。"]),
    ("增长1.56亿元。完成9.6%。", ["增长1.56亿元。", "完成9.6%。"]),
])
def test_sentences_split_after_their_end_and_closing_marks(text, expected):
    assert split_segments(text) == expected


def test_long_sentences_split_at_clauses_and_long_clauses_softly():
    text = "制定印发《2025年临港区建筑施工领域安全生产重点攻坚行动实施方案》等5份建设领域安全生产专项制度文件,为安全工作提供坚实制度支撑。"
    segments = split_segments(text)
    assert "".join(segments) == text
    assert all(display_width(s) <= MAX_SEGMENT_WIDTH for s in segments)
    assert segments[0].endswith("》等")  # not in the middle of a word


def test_a_page_without_an_article_has_no_script():
    assert reading_script(page("<nav><a href='/'>首页</a></nav>")) is None


def test_every_corpus_page_gets_a_script_within_bounds():
    for item in corpus.pages():
        script = reading_script(load(item.path))
        if script is None:
            continue
        ids = [s.id for s in script.segments]
        assert len(ids) == len(set(ids)), item.id
        assert all(display_width(s.text) <= MAX_SEGMENT_WIDTH for s in script.segments), item.id
        assert all(s.text.strip() for s in script.segments), item.id
