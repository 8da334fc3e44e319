"""Publication dates: metadata first, then a date prefix, a lone date line before the body, a dateline;
never a date from the site footer or from the body's sentences.

The seeds' gold ``published`` values come from ``shared/eval``; the other cases are written for these
tests in the forms news sites and agencies use.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from dealgraph.clean import clean_item
from dealgraph.clean.dates import (
    date_of_line,
    date_prefix,
    dateline_date,
    is_date_line,
    metadata_date,
    read_date,
)
from dealgraph.model import RawItem
from tests.conftest import GOLD, SEEDS, need

BODY = "The two delegations met for four hours and agreed to continue the talks next month."


def test_seed_publication_dates_match_the_gold() -> None:
    need(SEEDS)
    gold = {d["doc"]: d for d in map(json.loads, need(GOLD).read_text(encoding="utf-8").splitlines()) if d}
    for path in sorted(SEEDS.glob("*.txt")):
        article = clean_item(
            RawItem(source=str(path), content=path.read_text(encoding="utf-8"), doc_id=path.stem)
        )
        expected = gold[path.stem]["published"]
        assert (article.published.isoformat() if article.published else None) == expected, path.stem
        assert (article.published_how is None) == (expected is None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("27.02.2025", date(2025, 2, 27)),
        ("03.04.2025", date(2025, 4, 3)),  # day first
        ("03/04/2025", date(2025, 4, 3)),
        ("2025-02-27", date(2025, 2, 27)),
        ("27 February 2025", date(2025, 2, 27)),
        ("Feb. 27, 2025", date(2025, 2, 27)),
        ("27 февраля 2025 года", date(2025, 2, 27)),
        ("Feb 27", None),  # no year: a guess (guidelines §5)
        ("31.02.2025", None),
        ("Ukraine", None),
    ],
)
def test_read_date(value: str, expected: date | None) -> None:
    assert read_date(value) == expected


def test_yearless_date_gives_none() -> None:
    assert read_date("Feb 27") is None
    assert read_date("27 февраля") is None
    assert read_date("Feb 27, 2024") == date(2024, 2, 27)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("MOSCOW, Feb 27, 2025 (Reuters) - The Kremlin said on Thursday ...", date(2025, 2, 27)),
        ("WASHINGTON, Feb. 27, 2025 /PRNewswire/ -- A group of investors ...", date(2025, 2, 27)),
        ("Москва, 27 февраля 2025 г. /ТАСС/. Россия и США договорились ...", date(2025, 2, 27)),
        ("NEW YORK, March 3, 2025 (AP) — Stocks fell ...", date(2025, 3, 3)),
        ("MOSCOW, Feb 27 (Reuters) - The Kremlin said on Thursday ...", None),  # no year
        ("Москва, 27 февраля. /ТАСС/. Россия и США договорились ...", None),
        ("Moscow, 27.02.2025 - Officials said ...", date(2025, 2, 27)),
        ("KYIV, Ukraine (AP) — Officials said ...", None),
        ("However, February was a cold month for talks.", None),
        ("the officials, March 3 - said nothing", None),
    ],
)
def test_dateline(line: str, expected: date | None) -> None:
    assert dateline_date(line) == expected


@pytest.mark.parametrize(
    ("line", "prefix", "expected"),
    [
        (" date 2025-02-27 Special Representative said ...", " date 2025-02-27 ", date(2025, 2, 27)),
        ("Published: 27.02.2025 The talks began ...", "Published: 27.02.2025 ", date(2025, 2, 27)),
        ("27 February 2025 — The talks began ...", "27 February 2025 — ", date(2025, 2, 27)),
        ("On February 27, Putin said ...", None, None),
        ("2025 was a year of talks.", None, None),
    ],
)
def test_date_prefix(line: str, prefix: str | None, expected: date | None) -> None:
    found = date_prefix(line)
    assert found == (None if prefix is None else (len(prefix), expected))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("05.12.2025", True),
        ("Updated: 27 February 2025, 14:33", True),
        ("Published 7:07 PM EST Nov 19, 2019", True),
        ("Friday, December 4, 2015.", True),
        ("27 февраля 2025, 14:33", True),
        ("On February 27 Putin met Trump", False),
        ("2025", False),
    ],
)
def test_date_line(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


def test_metadata_date_forms() -> None:
    assert metadata_date("2025-02-27T10:00:00Z") == date(2025, 2, 27)
    assert metadata_date("Thu, 27 Feb 2025 10:00:00 GMT") == date(2025, 2, 27)
    assert metadata_date("27 February 2025") == date(2025, 2, 27)
    assert metadata_date("") is None
    assert metadata_date("February") is None
    assert metadata_date("soon") is None


@pytest.mark.parametrize("value", ["February", "Feb.", "May", "февраль", "февраля", "март", "лютий"])
def test_metadata_date_rejects_a_bare_month_name(value: str) -> None:
    # a month is not a date; with explicit languages dateparser says so without trying all it knows
    assert metadata_date(value) is None
    assert metadata_date(f"{value} 2025") is None  # no day either


def test_metadata_date_reads_the_project_languages() -> None:
    assert metadata_date("27 февраля 2025") == date(2025, 2, 27)
    assert metadata_date("27 лютого 2025") == date(2025, 2, 27)
    assert metadata_date("February 27, 2025 10:00 AM") == date(2025, 2, 27)


def test_metadata_wins_over_text() -> None:
    item = RawItem(source="a.txt", content=f"27.01.2025\n{BODY}", published="2025-02-01")
    article = clean_item(item)
    assert (article.published, article.published_how) == (date(2025, 2, 1), "metadata")


def test_lone_date_before_the_body() -> None:
    article = clean_item(RawItem(source="a.txt", content=f"Talks continue\n03.04.2025\n\n{BODY}"))
    assert (article.published, article.published_how) == (date(2025, 4, 3), "date-line")
    assert "03.04.2025" not in article.text


def test_date_in_the_footer_is_not_the_publication_date() -> None:
    article = clean_item(RawItem(source="a.txt", content=f"{BODY}\n\nAll news\n05.12.2025\nShow more news\n"))
    assert article.published is None
    assert article.published_how is None
    assert [r.reason for r in article.removed] == ["nav", "date", "nav"]


def test_date_inside_a_sentence_is_not_the_publication_date() -> None:
    text = f"{BODY}\nThe next meeting is planned for 15.03.2025 in Riyadh, officials said."
    assert clean_item(RawItem(source="a.txt", content=text)).published is None


def test_yearless_dateline_gives_no_date_even_when_the_text_names_a_year() -> None:
    # guidelines §5: the year must be the text's own date's; "talks in 2025" does not date the article
    text = "MOSCOW, Feb 27 (Reuters) - Russia said on Thursday that talks in 2025 could bring joint projects."
    article = clean_item(RawItem(source="a.txt", content=text))
    assert (article.published, article.published_how) == (None, None)


@pytest.mark.parametrize(
    ("text", "published", "how"),
    [
        ("МОСКВА, 8 октября. /ТАСС/. Россия и США обсудили совместные проекты в Арктике.", None, None),
        (
            "МОСКВА, 8 октября 2025 года. /ТАСС/. Россия и США обсудили проекты в Арктике.",
            date(2025, 10, 8),
            "dateline",
        ),
        (
            "08.10.2025\nРоссия и США обсудили совместные проекты в Арктике и на Аляске.",
            date(2025, 10, 8),
            "date-line",
        ),
        (
            "8 октября 2025 года\nРоссия и США обсудили совместные проекты в Арктике и на Аляске.",
            date(2025, 10, 8),
            "date-line",
        ),
    ],
)
def test_russian_dates_and_datelines(text: str, published: date | None, how: str | None) -> None:
    article = clean_item(RawItem(source="ru.txt", content=text))
    assert (article.published, article.published_how) == (published, how)


def test_labelled_date_line_below_a_long_caption_dates_the_article() -> None:
    text = (
        "UK sanctions two oil companies\n"
        "Britain on Wednesday targeted two oil companies and dozens of tankers in what it called a fresh bid"
        " to choke off revenues (Reuters/File)\n"
        "Updated 15 October 2025\n"
        "Britain said the measures would take effect at once. Officials gave no details on Wednesday.\n"
    )
    article = clean_item(RawItem(source="a.txt", content=text))
    assert (article.published, article.published_how) == (date(2025, 10, 15), "labelled-date-line")


def test_posted_on_line_is_a_date_line() -> None:
    assert date_of_line("Posted on September 11, 2025") == date(2025, 9, 11)


def test_yearless_dateline_without_a_year_in_the_text_gives_no_date() -> None:
    text = "MOSCOW, Feb 27 (Reuters) - Russia said on Thursday that the talks could bring joint projects."
    assert clean_item(RawItem(source="a.txt", content=text)).published is None
