"""``clean_item``: HTML and plain text to an ``Article`` (headline, ids, language), or an ``ItemError``.

The pages here are written for these tests; the 181 real pages are scored in
``test_clean_html_benchmark.py``.
"""

from __future__ import annotations

from datetime import date

import pytest

from dealgraph.clean import clean_item
from dealgraph.exc import ItemError
from dealgraph.model import RawItem
from dealgraph.model.article import content_hash

PARAGRAPHS = [
    "Kirill Dmitriev, head of the Russian Direct Investment Fund, said on Sunday that Russian and American "
    "companies could work together on Arctic projects.",
    "He told reporters that talks with US officials in Riyadh had been constructive and that further "
    "meetings were planned for the spring.",
    "The Kremlin has repeatedly said that any economic cooperation depends on a settlement of the conflict "
    "in Ukraine, officials said.",
]
PAGE = f"""<!DOCTYPE html><html><head><title>Envoy offers Arctic deals | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Envoy offers Arctic deals">
<meta property="article:published_time" content="2025-03-02T10:00:00Z"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<main><article><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Markets rally on hopes of a deal</a></li></ul></aside>
<footer><p>© 2025 Example News. All rights reserved.</p></footer></body></html>"""


def test_html_page_to_headline_and_paragraphs() -> None:
    article = clean_item(RawItem(source="page.html", content=PAGE, content_type="html", doc_id="p1"))
    assert article.text == "Envoy offers Arctic deals\n\n" + "\n".join(PARAGRAPHS)
    assert article.title == "Envoy offers Arctic deals"
    assert article.outlet == "Example News"
    assert (article.published, article.published_how) == (date(2025, 3, 2), "html-metadata")
    assert article.lang == "en"
    assert article.raw == PAGE
    assert article.id == "p1"
    assert article.content_hash == content_hash(article.text)


def test_html_item_metadata_wins_over_the_page() -> None:
    item = RawItem(
        source="page.html",
        content=PAGE,
        content_type="html",
        title="Russia offers US Arctic projects",
        outlet="Wire",
        published="2025-03-01",
        url="https://example.org/a/1",
    )
    article = clean_item(item)
    assert article.text.startswith("Russia offers US Arctic projects\n\n" + PARAGRAPHS[0])
    assert (article.outlet, article.url, article.published_how) == (
        "Wire",
        "https://example.org/a/1",
        "metadata",
    )
    assert article.published == date(2025, 3, 1)


def test_title_not_repeated_when_the_body_opens_with_it() -> None:
    page = PAGE.replace("<article>", "<article><h1>Envoy offers Arctic deals</h1>")
    article = clean_item(RawItem(source="page.html", content=page, content_type="html"))
    assert article.text.count("Envoy offers Arctic deals") == 1
    assert article.text.startswith("Envoy offers Arctic deals\n")


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><div><p>unclosed <b>bold <p>" + " ".join(PARAGRAPHS) + "<table><tr><td>cell",
        "<p>" + PARAGRAPHS[0] + "</div></span></p></p>" + PARAGRAPHS[1],
        "<html><body>\x00\x01 broken </html>",
        "<<<<>>>>",
        "<html><body><script>var a = 1;</script></body></html>",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>" + PARAGRAPHS[0] + "</p></body></html>",
    ],
)
def test_malformed_html_gives_text_or_an_item_error(html: str) -> None:
    try:
        article = clean_item(RawItem(source="bad.html", content=html, content_type="html"))
    except ItemError as error:
        assert error.stage == "clean"
        assert error.source == "bad.html"
        assert error.reason
    else:
        assert article.text.strip()


def test_malformed_html_with_text_keeps_the_text() -> None:
    html = "<html><body><div><p>unclosed <b>bold <p>" + "</p><p>".join(PARAGRAPHS) + "<table><tr><td>cell"
    article = clean_item(RawItem(source="bad.html", content=html, content_type="html"))
    assert PARAGRAPHS[1] in article.text


@pytest.mark.parametrize(
    ("content", "content_type", "reason"),
    [
        ("", "text", "empty"),
        ("  \n\t\n", "text", "empty"),
        ("Menu\nAll news\nShow more news\n", "text", "no text left"),
        ("\x00\x01\x02binary\x00" * 20, "text", "not text"),
        ("<html><body><nav>Home</nav></body></html>", "html", "no main text"),
    ],
)
def test_unusable_items_raise_item_error(content: str, content_type: str, reason: str) -> None:
    with pytest.raises(ItemError) as caught:
        clean_item(RawItem(source="x", content=content, content_type=content_type))  # type: ignore[arg-type]
    assert caught.value.stage == "clean"
    assert reason in caught.value.reason


def test_language_of_russian_and_english_text() -> None:
    russian = (
        "Глава РФПИ Кирилл Дмитриев заявил, что американские компании заинтересованы в возвращении на "
        "российский рынок. По его словам, переговоры в Эр-Рияде прошли конструктивно."
    )
    assert clean_item(RawItem(source="ru", content=russian)).lang == "ru"
    assert clean_item(RawItem(source="en", content="\n".join(PARAGRAPHS))).lang == "en"


def test_article_id_is_stable_and_content_derived_without_a_doc_id() -> None:
    text = "\n".join(PARAGRAPHS)
    first = clean_item(RawItem(source="a.txt", content=text))
    again = clean_item(RawItem(source="b.txt", content="Menu\n" + text + "\nAll news\n"))
    assert first.id == again.id  # same cleaned text: same id and hash
    assert first.content_hash == again.content_hash
    assert first.id.startswith("a") and len(first.id) == 17


def test_plain_text_title_is_prepended_when_the_item_has_one() -> None:
    article = clean_item(
        RawItem(source="a.jsonl#1", content="\n".join(PARAGRAPHS), title="Envoy offers deals")
    )
    assert article.text.startswith("Envoy offers deals\n\n" + PARAGRAPHS[0])
    same = clean_item(
        RawItem(
            source="a.jsonl#2", content="Envoy offers deals.\n\n" + PARAGRAPHS[0], title="Envoy offers deals"
        )
    )
    assert same.text.count("Envoy offers deals") == 1
