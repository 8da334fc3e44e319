"""Event time: the article date unless the trigger's sentence gives another ("in 2017", "on February 28",
"next year"). Kept apart from the report date.

A date the trigger's own phrase holds wins over one elsewhere in the sentence, and a date that only
marks a reference point ("their first meeting since 2019", "before 2022") is not the event's time.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Span, Token

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}  # fmt: skip
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
RELATIVE_YEAR = {"next year": 1, "last year": -1, "this year": 0}
REFERENCE_PREPS = {"since", "until", "till", "before", "after", "prior"}


def _month(text: str) -> int | None:
    for word in re.findall(r"[a-z]+", text):
        if word in MONTHS:
            return MONTHS[word]
        if word in MONTH_ABBREVIATIONS:
            return MONTH_ABBREVIATIONS[word]
    return None


def _reference_point(ent: Span) -> bool:
    """ "since 2019", "before March 2022": a date that bounds another time."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return before in REFERENCE_PREPS or ent.root.head.lower_ in REFERENCE_PREPS


def event_time(trigger: Token, published: str | None) -> str | None:
    """An ISO date or year for the event when its sentence states one; else None (the article date)."""
    sent = trigger.sent
    base = date.fromisoformat(published) if published else None
    own = {t.i for t in trigger.subtree}
    dates = [e for e in sent.ents if e.label_ == "DATE" and not _reference_point(e)]
    dates.sort(key=lambda e: e.root.i not in own)  # the trigger's own phrase first, else sentence order
    for ent in dates:
        text = ent.text.lower()
        year = re.search(r"\b(19|20)\d\d\b", text)
        month = _month(text)
        day = re.search(r"\b([0-3]?\d)\b", re.sub(r"\b(19|20)\d\d\b", "", text))
        if year and month and day:
            return f"{year.group(0)}-{month:02d}-{int(day.group(1)):02d}"
        if year and month:
            return f"{year.group(0)}-{month:02d}"
        if year:
            return year.group(0)
        if month and day and base:
            return f"{base.year}-{month:02d}-{int(day.group(1)):02d}"
        for phrase, delta in RELATIVE_YEAR.items():
            if phrase in text and base:
                return str(base.year + delta)
    return None
