"""Readings: polyphones in context, numbers by rule, traditional text, Cantonese."""

import pytest

from a11yrender.speech.pronunciation import pinyin, read_text, reading
from a11yrender.speech.normalise import normalise

#: Polyphonic words and their dictionary readings (现代汉语词典), tone numbers, 5 neutral.
POLYPHONES = {
    "头发": "tou2 fa4", "发展": "fa1 zhan3", "干部": "gan4 bu4", "干净": "gan1 jing4",
    "银行": "yin2 hang2", "重要": "zhong4 yao4", "长者": "zhang3 zhe3", "长度": "chang2 du4",
    "重新": "chong2 xin1", "行业": "hang2 ye4", "行为": "xing2 wei2", "行长": "hang2 zhang3",
    "长大": "zhang3 da4", "长期": "chang2 qi1", "还是": "hai2 shi4", "还款": "huan2 kuan3",
    "归还": "gui1 huan2", "调查": "diao4 cha2", "调整": "tiao2 zheng3", "数量": "shu4 liang4",
    "便宜": "pian2 yi5", "方便": "fang1 bian4", "音乐": "yin1 yue4", "快乐": "kuai4 le4",
    "的确": "di2 que4", "目的": "mu4 di4", "爱好": "ai4 hao4", "好像": "hao3 xiang4",
    "差别": "cha1 bie2", "出差": "chu1 chai1", "人参": "ren2 shen1", "参加": "can1 jia1",
    "处长": "chu4 zhang3", "处置": "chu3 zhi4", "传记": "zhuan4 ji4", "传统": "chuan2 tong3",
    "弹琴": "tan2 qin2", "子弹": "zi3 dan4", "都市": "du1 shi4", "都是": "dou1 shi4",
    "投降": "tou2 xiang2", "降落": "jiang4 luo4", "角色": "jue2 se4", "角度": "jiao3 du4",
    "中奖": "zhong4 jiang3", "中肯": "zhong4 ken3", "空闲": "kong4 xian2", "空气": "kong1 qi4",
    "着急": "zhao2 ji2", "着力": "zhuo2 li4", "睡着": "shui4 zhao2", "模样": "mu2 yang4",
    "模型": "mo2 xing2", "薄弱": "bo2 ruo4", "会计": "kuai4 ji4", "率领": "shuai4 ling3",
    "效率": "xiao4 lv4", "种子": "zhong3 zi5", "种植": "zhong4 zhi2", "几乎": "ji1 hu1",
    "曾经": "ceng2 jing1", "厦门": "xia4 men2", "大厦": "da4 sha4", "供给": "gong1 ji3",
    "将来": "jiang1 lai2", "尽力": "jin4 li4", "剥削": "bo1 xue1", "暴露": "bao4 lu4",
    "露面": "lou4 mian4", "呕吐": "ou3 tu4", "高兴": "gao1 xing4", "兴旺": "xing1 wang4",
    "流血": "liu2 xue4", "转动": "zhuan4 dong4", "转变": "zhuan3 bian4", "召开": "zhao4 kai1",
    "重庆": "chong2 qing4", "宿舍": "su4 she4", "星宿": "xing1 xiu4", "散文": "san3 wen2",
    "散步": "san4 bu4", "教授": "jiao4 shou4", "校对": "jiao4 dui4", "学校": "xue2 xiao4",
    "朝代": "chao2 dai4", "供应": "gong1 ying4", "应急": "ying4 ji2", "强调": "qiang2 diao4",
    "倔强": "jue2 jiang4", "调试": "tiao2 shi4", "担当": "dan1 dang1", "积累": "ji1 lei3",
    "劳累": "lao2 lei4", "看守": "kan1 shou3", "恶劣": "e4 lie4", "可恶": "ke3 wu4",
}


def test_at_least_forty_polyphones_are_tested():
    assert len(POLYPHONES) >= 40


@pytest.mark.parametrize("word, expected", POLYPHONES.items())
def test_polyphones_read_as_the_dictionary_says(word, expected):
    assert " ".join(pinyin(word)) == expected


@pytest.mark.parametrize("sentence, word, expected", [
    ("他的头发很长，发展很快", "头发", "tou2 fa4"),
    ("他的头发很长，发展很快", "发展", "fa1 zhan3"),
    ("增强干部职工廉洁自律意识", "干部", "gan4 bu4"),
    ("全力打造忠诚干净担当的建设铁军", "干净", "gan1 jing4"),
    ("向长期以来关心支持的各级领导", "长期", "chang2 qi1"),
    ("重点推进六项工作", "重点", "zhong4 dian3"),
    ("银行行长到银行了", "行长", "hang2 zhang3"),
    ("尊敬长者，测量长度", "长者", "zhang3 zhe3"),
    ("尊敬长者，测量长度", "长度", "chang2 du4"),
])
def test_polyphones_read_right_in_sentences(sentence, word, expected):
    words = pinyin(sentence)
    offset = len(pinyin(sentence[:sentence.index(word)]))
    assert " ".join(words[offset:offset + len(word)]) == expected


@pytest.mark.parametrize("printed, engine_input", [
    ("1200余米", "yi4 qian1 er4 bai3 yu2 mi3"),           # 一 before 千: yì
    ("1.56亿元", "yi1 dian3 wu3 liu4 yi4 yuan2"),         # decimal 一: yī (not the yì of 一点 'a bit')
    ("10000人", "yi2 wan4 ren2"),                        # 一 before 万: yí
    ("11人", "shi2 yi1 ren2"),
    ("2018年", "er4 ling2 yi1 ba1 nian2"),                # years digit by digit
    ("热线12345", "re4 xian4 yao1 er4 san1 si4 wu3"),      # phone numbers: 幺
    ("G518", "ji4 wu3 yi1 ba1"),
    ("2次", "liang3 ci4"),
    ("一是健全制度体系", "yi1 shi4, jian4 quan2 zhi4 du4 ti3 xi4"),
    ("不要", "bu2 yao4"),                                # 不 before a fourth tone: bú
    ("不是不对", "bu2 shi4 bu2 dui4"),
    ("一致", "yi2 zhi4"),                                # 一 before a fourth tone: yí
    ("一批", "yi4 pi1"),                                 # before the others: yì
    ("第一课", "di4 yi1 ke4"),                            # an ordinal keeps yī
])
def test_numbers_and_codes_are_read_by_rule(printed, engine_input):
    assert read_text(printed) == engine_input


def test_pauses_reach_the_engine_as_punctuation():
    assert read_text("好的。今年以来，区建设局") == "hao3 de5. jin1 nian2 yi3 lai2, qu1 jian4 she4 ju2"


def test_traditional_text_reads_like_simplified():
    assert pinyin("頭髮與發展、銀行、長者", traditional=True) == pinyin("头发与发展、银行、长者")
    assert read_text("區建設局局長趙傑", traditional=True) == read_text("区建设局局长赵杰")


def test_cantonese_reading_is_normalised_characters():
    assert reading(normalise("完成1.56亿元，G518项目"), "yue") == "完成一点五六亿元，G 五一八项目"


def test_unknown_characters_pass_through():
    assert pinyin("あ") == ["あ"]
