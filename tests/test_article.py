from a11yrender import load
from a11yrender.article import find_article, text_of


def test_the_sample_article_is_found_with_its_parts(sample_path):
    article = find_article(load(sample_path))
    assert article is not None
    assert text_of(article.title).startswith("区建设局局长赵杰访谈")
    assert "发布时间:2025-09-09" in text_of(article.byline)
    turns = [text_of(b) for b in article.blocks if text_of(b)]
    assert len(turns) == 10 and turns[0].startswith("临港区网站") and turns[-1].startswith("赵杰")
    assert [text_of(a) for a in article.prev_next][0].startswith("区人力资源和社会保障局局长孟祥勇访谈")
    assert article.site_name == "临沂临港经济开发区网站"
    assert "在线访谈" not in article.text()  # the sidebar is not the article


def test_ruby_readings_are_not_article_text():
    page = load("<html><body><article><p><ruby>漢<rt>かん</rt></ruby>字の読み方を説明する長い段落です。" * 3 + "</p></article></body></html>")
    article = find_article(page)
    assert "かん" not in article.text() and "漢字" in article.text()


def test_a_page_without_an_article_gives_none():
    assert find_article(load("<html><body><a href=/>首页</a></body></html>")) is None
