"""Publication dates: from metadata strings, from date-only lines, date prefixes and datelines in text.

Numeric forms (``2025-02-27``, ``27.02.2025``, ``27/02/2025``) are read here with a regular expression,
day first, because they are unambiguous in that reading and most frequent; everything with month names
goes to dateparser under explicit settings (day-month-year order, the first day of a month when no day
is given, naive datetimes). dateparser alone would also accept bare numbers and words as dates; the
patterns below decide *where* a date may stand, dateparser only *reads* it.

A year-less date (``MOSCOW, Feb 27 (Reuters) -``, ``МОСКВА, 8 октября. /ТАСС/.``) dates nothing (the
annotation guidelines, §5: a year the text does not give with the date is a guess).
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from typing import Any

import dateparser

log = logging.getLogger(__name__)

LANGUAGES = ["en", "ru", "uk"]

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|октябр[ья]"
    r"|ноябр[ья]|декабр[ья]|янв|фев|мар|апр|июн|июл|авг|сен|сент|окт|ноя|дек"
    r"|січ(?:ня)?|лют(?:ого)?|берез(?:ня)?|квіт(?:ня)?|травн?я?|черв(?:ня)?|лип(?:ня)?|серп(?:ня)?"
    r"|верес(?:ня)?|жовт(?:ня)?|листопада?|груд(?:ня)?)\.?"
)
_WEEKDAY = (
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
    r"|пн|вт|ср|чт|пт|сб|вс"
)
_NUMERIC = r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))"
_YEAR = r"(?:19|20)\d\d"
_TEXTUAL = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s*{_YEAR}(?:\s*(?:г\.|года?|р\.|року))?)?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s*{_YEAR})?)"
)
DATE_EXPR = rf"(?:(?:{_WEEKDAY}),?\s*)?(?:{_NUMERIC}|{_TEXTUAL})"
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?(?:\s*(?-i:[A-ZА-Я]{2,5})(?:[+-]\d+)?)?"
# Words that may stand around a date on a date-only line ("Updated: 27.02.2025, 14:33").
_DATE_LABEL = (
    r"(?:date|dated|published on|published|posted on|posted|updated on|last updated on|updated|last updated"
    r"|modified|created|on|at|as of|"
    r"дата|опубликовано|обновлено|изменено|создано|в|от|дата публікації|оновлено|опубліковано)"
)

_DATE_ONLY = re.compile(
    rf"^[\s•·|]*(?:{_DATE_LABEL}\s*:?\s*)?(?:{_TIME}\s*[,|/•·–—-]?\s*)?(?P<date>{DATE_EXPR})"
    rf"(?:\s*(?:[,|/•·–—-]|{_DATE_LABEL})?\s*{_TIME})?[\s.|•·]*$",
    re.IGNORECASE,
)
_PREFIX_LABEL = r"(?:date|dated|published|posted|updated|дата|опубликовано|обновлено|опубліковано|оновлено)"
_TIME_ONLY = re.compile(rf"^[\s•·|]*(?:{_DATE_LABEL}\s*:?\s*)?{_TIME}[\s.|•·]*$", re.IGNORECASE)
# A date at the very start of an article's first line, labelled or set off by a separator:
# "date 2025-02-27 Special Representative ...", "27.02.2025 — The Kremlin ...".
_PREFIX = re.compile(
    rf"^\s*(?:{_PREFIX_LABEL}\s*:?\s*(?P<d1>{DATE_EXPR})(?:[,\sT]+{_TIME})?\s*(?:[|:–—-]\s*)?"
    rf"|(?P<d2>\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}})(?:[,\sT]+{_TIME})?\s*(?:[|:–—-]\s*)?"
    rf"|(?P<d3>{DATE_EXPR})(?:,?\s+{_TIME})?\s*[|:–—-]\s+)(?=\w|[\"«“‘'])",
    re.IGNORECASE,
)
# "MOSCOW, Feb 27 (Reuters) -", "WASHINGTON, Feb. 27, 2025 /PRNewswire/ --", "Москва, 27 февраля. /ТАСС/."
_DATELINE = re.compile(
    rf"^\s*(?P<place>[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄ][\w.'’ -]{{1,40}}?)\s*,\s*(?P<date>{DATE_EXPR})"
    rf"(?:,?\s*{_TIME})?\s*(?:\([^)\n]{{2,40}}\)|/[^/\n]{{2,40}}/)?\s*(?:[-–—]|\.\s|:|,)",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(
    r"^(?:(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})|(?P<d2>\d{1,2})[./-](?P<m2>\d{1,2})[./-](?P<y2>\d{4}|\d{2}))$"
)
_YEAR_IN_TEXT = re.compile(rf"\b{_YEAR}\b")


def _settings() -> dict[str, Any]:
    return {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "RELATIVE_BASE": datetime(2000, 1, 1),  # fixed: a date read here must give its own year
        "REQUIRE_PARTS": ["day", "month"],
    }


def read_date(value: str) -> date | None:
    """One date expression (numeric day-first, or with a month name); None if it is not one, or if it
    has no year."""
    value = value.strip().rstrip(".")
    numeric = _NUMERIC_DATE.match(value)
    if numeric:
        if numeric["y"]:
            year, month, day = int(numeric["y"]), int(numeric["m"]), int(numeric["d"])
        else:
            year, month, day = int(numeric["y2"]), int(numeric["m2"]), int(numeric["d2"])
            year += 2000 if year < 100 else 0
        try:
            return date(year, month, day)
        except ValueError:
            return None
    if not _YEAR_IN_TEXT.search(value):
        return None
    parsed = dateparser.parse(value, languages=LANGUAGES, settings=_settings())
    return parsed.date() if parsed else None


def metadata_date(value: str | None) -> date | None:
    """A date from a metadata field: ISO (``2025-02-27T10:00:00Z``), RFC 822 or anything dateparser reads."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    settings = _settings() | {"PREFER_DATES_FROM": "current_period"}
    settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    # Explicit languages: without them dateparser tries every language it knows before it gives up
    # on a value like "February" (2.4 s where these take milliseconds).
    parsed = dateparser.parse(value, languages=LANGUAGES, settings=settings)
    if parsed is None:
        log.debug("unreadable metadata date %r", value)
    return parsed.date() if parsed else None


def is_date_line(line: str) -> bool:
    """A line that holds only a date (and maybe a time and a label), like ``05.12.2025`` or
    ``Updated: 27 February 2025, 14:33``."""
    return bool(_DATE_ONLY.match(line))


def is_time_line(line: str) -> bool:
    """A line that holds only a clock time (``14:33``), as news feeds print beside headlines."""
    return bool(_TIME_ONLY.match(line))


def date_of_line(line: str) -> date | None:
    """The date on a date-only line."""
    found = _DATE_ONLY.match(line)
    return read_date(found["date"]) if found else None


_LABELLED = re.compile(rf"^[\s•·|]*{_PREFIX_LABEL}(?:\s+on)?\b", re.IGNORECASE)


def labelled_date(line: str) -> date | None:
    """The date of a date-only line that says what the date is ("Updated 15 October 2025", "Posted on
    September 11, 2025", "Опубликовано: 08.10.2025"), with its year."""
    if not _LABELLED.match(line):
        return None
    return date_of_line(line)


def date_prefix(line: str) -> tuple[int, date] | None:
    """A date opening ``line`` before the text proper: (length of the prefix, the date)."""
    found = _PREFIX.match(line)
    if not found:
        return None
    when = read_date(found["d1"] or found["d2"] or found["d3"])
    return (found.end(), when) if when else None


def dateline_date(line: str) -> date | None:
    """The date of a news-agency dateline opening ``line`` (``MOSCOW, Feb 27 (Reuters) -``)."""
    found = _DATELINE.match(line)
    if not found:
        return None
    place = found["place"].strip()
    words = place.split()
    if not (place.isupper() or (len(words) <= 3 and all(w[:1].isupper() for w in words))):
        return None
    return read_date(found["date"])
