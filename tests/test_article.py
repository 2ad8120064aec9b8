"""Finding the article: the sample's parts, and recall/precision on every corpus page.

Ground truth (tests/corpus.py): cwced's cleaned body text (recall and precision of
character bigrams, the way CJK extraction is usually scored), trafilatura's gold snippets
(recall: the share of "with" snippets found; precision: the share of "without" snippets
left out), and readability's excerpt where it is running text of the page's body (outside
links: a promotional teaser of the same story in a sidebar does not count). Readability's
``expected.html`` is not in this corpus, so its pages have no precision figure.
"""

from __future__ import annotations

import collections

import pytest

import corpus
from a11yrender import load
from a11yrender.article import (
    find_article, is_data_table, prev_next_label, site_name, text_of,
)

#: The issue's floor for the recall of the article text on every page with ground truth.
MIN_RECALL = 0.98


def test_the_sample_article_is_found_with_its_parts(sample_path):
    article = find_article(load(sample_path))
    assert article is not None
    assert text_of(article.title).startswith("区建设局局长赵杰访谈")
    assert "发布时间:2025-09-09" in text_of(article.byline)
    turns = [text_of(b) for b in article.blocks if text_of(b)]
    assert len(turns) == 10 and turns[0].startswith("临港区网站") and turns[-1].startswith("赵杰")
    assert [text_of(a) for a in article.prev_next][0].startswith("区人力资源和社会保障局局长孟祥勇访谈")
    assert prev_next_label(article.prev_next[0]) == "下一条"
    assert article.site_name == "临沂临港经济开发区网站"
    assert article.found_by == "zoom"
    assert "在线访谈" not in article.text()  # the sidebar is not the article


def test_ruby_readings_are_not_article_text():
    page = load("<html><body><article><p><ruby>漢<rt>かん</rt></ruby>字の読み方を説明する長い段落です。" * 3 + "</p></article></body></html>")
    article = find_article(page)
    assert "かん" not in article.text() and "漢字" in article.text()


def test_a_page_without_an_article_gives_none():
    assert find_article(load("<html><body><a href=/>首页</a></body></html>")) is None


def test_text_between_line_breaks_is_kept():
    """Lyrics and old government pages put their lines in one block between <br>s."""
    lines = "<br>".join(f"第{i}行歌词在这里" for i in range(40))
    page = load(f"<html><body><div class='sidebar'><ul>{'<li><a href=/x>链接</a></li>' * 30}</ul></div>"
                f"<div class='post'><h3>歌名</h3><div class='post-body'>{lines}<div></div></div></div></body></html>")
    article = find_article(page)
    assert "第0行歌词在这里 第1行歌词在这里" in article.text() and "第39行" in article.text()
    assert "链接" not in article.text()


def test_the_lead_between_title_and_body_belongs_to_the_article():
    page = load("""<html><head><title>蔡健雅_百度百科</title></head><body>
    <div class="poster"><h1>蔡健雅</h1><div class="summary"><p>蔡健雅，1975年1月28日出生于新加坡，华语流行乐女歌手。</p></div></div>
    <div class="wrap"><div class="main-content">""" + "<p>她的演艺经历很长，发行过许多专辑，获得过多个奖项。</p>" * 8 + """</div>
    <div class="side-content"><a href="/r">人气榜</a><a href="/s">相关人物</a><a href="/t">网友印象</a></div></div></body></html>""")
    article = find_article(page)
    assert text_of(article.title) == "蔡健雅"
    assert article.text().startswith("蔡健雅，1975年1月28日出生于新加坡")
    assert "网友印象" not in article.text()


def test_a_labelled_title_is_found_when_the_page_has_no_heading():
    page = load("<div><p>主题: 【太行山上】</p><p>" + "影片讲述了八路军东渡黄河、挺进抗日前线的历程。" * 5 + "</p></div>")
    assert text_of(find_article(page).title) == "主题: 【太行山上】"


def test_the_sites_own_markup_names_the_article():
    """MIIT's ergodic="article" wins over a region with more running text."""
    other = "<div class='list'>" + "<p>这是另一篇文章的摘要，内容很长，也有很多标点符号，读起来像正文。</p>" * 12 + "</div>"
    page = load(f"<html><body>{other}<div ergodic='article'><p>真正的正文，篇幅较短，但站点标明了它。</p>"
                "<p>第二段正文，说明事情的经过，以及后来发生了什么。</p></div></body></html>")
    article = find_article(page)
    assert article.found_by == "ergodic" and article.text().startswith("真正的正文")
    main = load("<html><body><div class='side'>" + "<p>侧栏里的一段话，说明了很多事情，标点也很多。</p>" * 3 + "</div>"
                "<main><p>" + "主体区域里的正文，说明了很多事情。" * 6 + "</p></main></body></html>")
    assert find_article(main).found_by == "main" and "侧栏" not in find_article(main).text()


def test_data_and_layout_tables_are_told_apart():
    data = load("<table><caption>统计</caption><tr><td>1</td><td>2</td></tr></table>").body.find(".//table")
    layout = load("<table width=1000><tr><td><div>导航</div></td><td><p>" + "正文" * 200 + "</p></td></tr></table>").body.find(".//table")
    assert is_data_table(data) and not is_data_table(layout)


def test_site_name_from_meta_or_title():
    assert site_name(load('<html><head><meta property="og:site_name" content="光明网"></head><body></body></html>')) == "光明网"
    assert site_name(load("<html><head><title>通知_政务公开_某某市人民政府</title></head><body></body></html>")) == "某某市人民政府"


# -- recall and precision on the corpus --------------------------------------------------

def bigrams(text: str) -> collections.Counter:
    text = corpus.squash(text)
    return collections.Counter(text[i:i + 2] for i in range(len(text) - 1))


def excerpt_is_running_text(body, excerpt: str) -> bool:
    """The excerpt is in the body as running text: the smallest element holding it is not a link."""
    wanted = corpus.squash(excerpt)
    for element in body.iter():
        if not isinstance(element.tag, str) or wanted not in corpus.squash(text_of(element)):
            continue
        if any(isinstance(c.tag, str) and wanted in corpus.squash(text_of(c)) for c in element):
            continue
        if element.tag != "a" and next(element.iterancestors("a"), None) is None:
            return True
    return False


def score(page: corpus.CorpusPage) -> tuple[float | None, float | None, str]:
    """Recall and precision of the article found on ``page`` against its ground truth."""
    loaded = load(page.path)
    article = find_article(loaded)
    assert article is not None, f"{page.id}: no article found"
    found = article.text()
    if article.title is not None:
        found = text_of(article.title) + "\n" + found
    kept = corpus.squash(found)
    if page.cleaned:
        truth, got = bigrams(page.cleaned), bigrams(found)
        shared = sum((truth & got).values())
        return shared / max(1, sum(truth.values())), shared / max(1, sum(got.values())), "cwced cleaned text"
    if page.article:
        recall = sum(corpus.squash(s) in kept for s in page.article) / len(page.article)
        precision = 1 - sum(corpus.squash(s) in kept for s in page.boilerplate) / max(1, len(page.boilerplate))
        return recall, precision, "trafilatura snippets"
    if page.excerpt and excerpt_is_running_text(loaded.body, page.excerpt):
        return float(corpus.squash(page.excerpt) in kept), None, "readability excerpt"
    return None, None, "no ground truth in the body"


@pytest.mark.parametrize("page_id", corpus.page_ids())
def test_article_recall_and_precision(page_id, record_property):
    page = corpus.by_id(page_id)
    recall, precision, truth = score(page)
    record_property("recall", recall)
    record_property("precision", precision)
    print(f"{page_id}: recall {recall} precision {precision} ({truth})")
    if recall is not None:
        assert recall >= MIN_RECALL, f"{page_id}: recall {recall:.3f} < {MIN_RECALL} ({truth}); precision {precision}"


def test_article_quality_report(capsys):
    """The per-page table (run with -s to see it); most pages must have ground truth."""
    rows = [(page.id, *score(page)) for page in corpus.pages()]
    with capsys.disabled():
        print("\narticle finding against the corpus ground truth")
        print(f"{'page':<60} {'recall':>7} {'precision':>9}  ground truth")
        for page_id, recall, precision, truth in rows:
            shown = lambda v: "-" if v is None else f"{v:.3f}"
            print(f"{page_id:<60} {shown(recall):>7} {shown(precision):>9}  {truth}")
    measured = [r for r in rows if r[1] is not None]
    assert len(measured) >= 20
    assert all(recall >= MIN_RECALL for _, recall, _, _ in measured)
