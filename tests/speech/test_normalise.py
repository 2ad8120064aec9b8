"""Normalisation for listening: what a newsreader says for what the page prints."""

import pytest

from a11yrender.speech.normalise import Piece, normalise, spoken_text


def said(text: str) -> str:
    return spoken_text(normalise(text))


@pytest.mark.parametrize("printed, spoken", [
    # dates: years digit by digit, months and days as numbers, no leading zeros
    ("发布时间:2025-09-09", "发布时间，二〇二五年九月九日"),
    ("2025/9/9", "二〇二五年九月九日"),
    ("2025年9月9日", "二〇二五年九月九日"),
    ("2025年度城建统计年报", "二〇二五年度城建统计年报"),
    ("2023-2025年", "二〇二三至二〇二五年"),
    ("2025年10月底", "二〇二五年十月底"),
    ("10:30开会", "十点三十分开会"),
    # amounts and units
    ("落实1.56亿元奖补资金", "落实一点五六亿元奖补资金"),
    ("燃气管网409公里", "燃气管网四百零九公里"),
    ("同比增长9.6%", "同比增长百分之九点六"),
    ("整改完成率达100%", "整改完成率达百分之百"),
    ("新增管道及明渠1200余米", "新增管道及明渠一千二百余米"),
    ("销售面积3558平方米", "销售面积三千五百五十八平方米"),
    ("绿化改造5400㎡", "绿化改造五千四百平方米"),
    ("投资1750万元", "投资一千七百五十万元"),
    ("房源6397套", "房源六千三百九十七套"),
    ("共计12,000元", "共计一万二千元"),
    ("降低3‰", "降低千分之三"),
    # 两 before a measure word, and for leading thousands
    ("组织开展2次专题培训", "组织开展两次专题培训"),
    ("2000元", "两千元"),
    ("第2次", "第二次"),
    ("2月", "二月"),
    # codes are read digit by digit, letters spelled
    ("协调完成G518项目", "协调完成 G 五一八项目"),
    ("S10高速", " S 一〇高速".strip()),
    # ranges
    ("5-10人", "五至十人"),
    ("20%-30%", "百分之二十至百分之三十"),
    ("3~5天", "三至五天"),
    # phone numbers: digit by digit, area code apart
    ("联系电话：0539-2388888", "联系电话，〇五三九，二三八八八八八"),
    # list markers keep their words and get a pause
    ("一是市政设施提质增效。二是公用事业安全升级", "一是，市政设施提质增效。二是，公用事业安全升级"),
    ("(一)深化改革", "一，深化改革"),
    ("1.深化改革", "一，深化改革"),
    ("3、加强监管", "三，加强监管"),
    # brackets are pauses, quotation and title marks are read through
    ("区建设局局长赵杰（右）做客《互动访谈》栏目", "区建设局局长赵杰，右，做客互动访谈栏目"),
    ("以“开工第一课”“安全生产月”为载体", "以开工第一课，安全生产月为载体"),
    ("开展住房“群团购”活动", "开展住房群团购活动"),
])
def test_printed_text_is_said_as_a_newsreader_would(printed, spoken):
    assert said(printed) == spoken


def test_numbers_are_marked_for_their_reading():
    pieces = normalise("2025年完成1200米，电话12345")
    kinds = [(p.text, p.kind) for p in pieces]
    assert ("二〇二五", "digits") in kinds
    assert ("一千二百", "number") in kinds
    assert ("一二三四五", "phone") in kinds


def test_sentence_ends_are_long_pauses_and_clause_breaks_short():
    pieces = normalise("好的。今年以来，各项工作")
    assert Piece(".", "pause") in pieces and Piece(",", "pause") in pieces
    assert pieces[-1].kind == "text"


def test_latin_words_are_spelled_when_short_and_kept_when_long():
    assert [p for p in normalise("网站支持IPv6") if p.kind == "letters"] == [Piece("IPV", "letters")]
    assert Piece("Linyi", "word") in normalise("Linyi 临港")


@pytest.mark.parametrize("text", ["", "   ", "。。！", "（）", "“”"])
def test_text_without_words_says_nothing(text):
    assert said(text) == ""


def test_huge_numbers_do_not_fail():
    assert said("编号123456789012345678901") != ""
