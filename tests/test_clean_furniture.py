"""Site furniture in plain-text scrapes: the seeds' gold boilerplate goes, body sentences stay.

Real input: the five seed articles and the ``boilerplate`` field of their gold (``shared/eval``), and
840 PolNeAR articles (clean news text, where almost nothing may go). The small scrapes below are
written for these tests in the shape news sites give (menus, tickers, counters, footers).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dealgraph.clean import clean_item
from dealgraph.clean.furniture import strip_furniture
from dealgraph.model import Article, RawItem
from tests.conftest import GOLD, SEEDS, SHARED, need

POLNEAR = SHARED / "data" / "corpus" / "polnear" / "polnear-train.jsonl"
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]?[\"'»”’)]*")


def _gold() -> dict[str, dict[str, object]]:
    need(GOLD)
    return {d["doc"]: d for d in map(json.loads, GOLD.read_text(encoding="utf-8").splitlines()) if d}


def _clean_seed(path: Path) -> Article:
    return clean_item(RawItem(source=str(path), content=path.read_text(encoding="utf-8"), doc_id=path.stem))


def _seed_paths() -> list[Path]:
    return sorted(need(SEEDS).glob("*.txt"))


def test_seed_gold_boilerplate_is_removed_and_nothing_else() -> None:
    gold = _gold()
    for path in _seed_paths():
        article = _clean_seed(path)
        expected = {line.strip() for line in gold[path.stem]["boilerplate"]}  # type: ignore[attr-defined]
        removed = {r.text.strip() for r in article.removed if r.reason != "date-prefix"}
        assert removed == expected, path.stem
        for line in expected:
            assert line not in article.text.splitlines(), (path.stem, line)


def test_seed_body_sentences_are_all_kept_verbatim() -> None:
    gold = _gold()
    for path in _seed_paths():
        raw = path.read_text(encoding="utf-8")
        article = _clean_seed(path)
        boilerplate = {line.strip() for line in gold[path.stem]["boilerplate"]}  # type: ignore[attr-defined]
        prefixes = [r.text for r in article.removed if r.reason == "date-prefix"]
        checked = 0
        for line in raw.splitlines():
            line = line.strip()
            if not line or line in boilerplate:
                continue
            for prefix in prefixes:
                line = line.removeprefix(prefix).strip()
            for sentence in _SENTENCE.findall(line):
                if len(sentence.split()) >= 3:
                    assert sentence.strip() in article.text, (path.stem, sentence)
                    checked += 1
        assert checked > 5, path.stem
        # every line of the cleaned text is a line (or the tail of a line) of the raw text
        for line in article.text.splitlines():
            assert line in raw, (path.stem, line)


def test_removed_lines_point_into_the_raw_text() -> None:
    for path in _seed_paths():
        raw = path.read_text(encoding="utf-8")
        for removed in _clean_seed(path).removed:
            assert raw[removed.offset : removed.offset + len(removed.text)] == removed.text


def test_clean_news_text_loses_no_sentences() -> None:
    """On 840 PolNeAR articles (already clean text) only separators, lone dates and a link footer
    may go: never a sentence of body text."""
    need(POLNEAR)
    articles = [json.loads(line) for line in POLNEAR.read_text(encoding="utf-8").splitlines() if line]
    assert len(articles) == 840
    removed = [r for a in articles for r in strip_furniture(a["text"]).removed]
    long_removed = [r.text for r in removed if len(r.text.split()) >= 6]
    assert long_removed == []
    assert len(removed) < 0.01 * sum(a["text"].count("\n") for a in articles)


RUSSIAN_SCRAPE = """Главная
Новости
Политика
Экономика
Москва +3 °C
USD 92,51 +0,34
EUR 99,80 −0,12

Кремль ответил на предложение Вашингтона о совместных проектах в Арктике
27.02.2025 14:33
1 234 просмотра

Пресс-секретарь президента Дмитрий Песков заявил журналистам, что Москва изучает \
предложения американской стороны.
По его словам, обсуждение экономического сотрудничества находится на раннем этапе.
Читайте также: Глава РФПИ рассказал о возвращении американских компаний

«Пока рано говорить о конкретных сделках», — добавил Песков.

Поделиться
ВКонтакте Telegram WhatsApp
Теги: #Кремль #США
Все новости
Реклама
О проекте
Контакты
© 2025 Информационное агентство
"""


def test_russian_scrape_menus_tickers_counters_and_footer() -> None:
    article = clean_item(RawItem(source="ru.txt", content=RUSSIAN_SCRAPE))
    lines = article.text.splitlines()
    assert lines[0] == "Кремль ответил на предложение Вашингтона о совместных проектах в Арктике"
    assert "«Пока рано говорить о конкретных сделках», — добавил Песков." in lines
    assert any(line.startswith("Пресс-секретарь президента Дмитрий Песков") for line in lines)
    for gone in ("Главная", "Москва +3 °C", "USD 92,51 +0,34", "1 234 просмотра", "Поделиться", "Контакты"):
        assert gone not in lines
    assert not any(line.startswith("Читайте также") for line in lines)
    assert article.published is not None and article.published.isoformat() == "2025-02-27"
    assert article.published_how == "date-line"
    assert article.lang == "ru"
    reasons = {r.text.strip(): r.reason for r in article.removed}
    assert reasons["USD 92,51 +0,34"] == "ticker"
    assert reasons["Москва +3 °C"] == "weather"
    assert reasons["1 234 просмотра"] == "counter"


ENGLISH_SCRAPE = """Menu
Search
Home > World > Europe

EU leaders delay decision on frozen Russian assets

By Jane Example

BRUSSELS, Dec 19 (Example) - European Union leaders failed on Thursday to agree on using frozen \
Russian central bank assets to fund a loan to Ukraine.
Belgium, where most of the assets are held, asked for guarantees against legal risks.
* Euroclear declined to comment.
Related
Why Belgium holds the key to Russia's frozen billions

The leaders said they would return to the issue at their next summit in March 2026.

Share this article
Facebook Twitter Email
12 comments
Most popular
Markets close higher as oil prices fall
Privacy policy
"""


@pytest.mark.parametrize("reason", ["menu", "breadcrumb", "related", "share", "counter", "nav"])
def test_english_scrape_furniture_reasons(reason: str) -> None:
    article = clean_item(RawItem(source="en.txt", content=ENGLISH_SCRAPE))
    assert reason in {r.reason for r in article.removed}


def test_english_scrape_keeps_headline_byline_and_body() -> None:
    article = clean_item(RawItem(source="en.txt", content=ENGLISH_SCRAPE))
    lines = article.text.splitlines()
    assert lines[0] == "EU leaders delay decision on frozen Russian assets"
    assert "By Jane Example" in lines
    assert "* Euroclear declined to comment." in lines  # no marker in the text: not a footnote
    assert "The leaders said they would return to the issue at their next summit in March 2026." in lines
    assert "Why Belgium holds the key to Russia's frozen billions" not in lines
    assert "Markets close higher as oil prices fall" not in lines  # a headline in the site footer
    assert article.title == "EU leaders delay decision on frozen Russian assets"
    assert article.published is None  # a dateline without its year (guidelines, §5)


def test_footnote_explaining_a_marker_goes_even_inside_the_body() -> None:
    text = (
        "Officials told Meduza* that the talks had stalled after the second round in Istanbul.\n"
        "*Meduza is designated a foreign agent by the Russian authorities.\n"
        "The next round has not been scheduled, the officials said on condition of anonymity.\n"
    )
    stripped = strip_furniture(text)
    assert [(r.reason, r.text) for r in stripped.removed] == [
        ("footnote", "*Meduza is designated a foreign agent by the Russian authorities.")
    ]
    assert stripped.text.count("\n") == 1


def test_labelled_photo_credit_goes_even_inside_the_body() -> None:
    text = (
        "Россия и США обсудили возобновление прямых авиарейсов между двумя странами, сообщил дипломат.\n"
        "Фото: Иван Петров / Пресс-служба\n"
        "По его словам, решение пока не принято, но переговоры продолжатся в начале следующего года.\n"
    )
    article = clean_item(RawItem(source="ru.txt", content=text))
    assert [(r.reason, r.text) for r in article.removed] == [
        ("photo-credit", "Фото: Иван Петров / Пресс-служба")
    ]
    assert "Иван Петров" not in article.text
