"""Event time: the article date unless the trigger's sentence gives another ("in 2017", "on February 28",
"next year"). Kept apart from the report date."""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Token

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}  # fmt: skip
RELATIVE_YEAR = {"next year": 1, "last year": -1, "this year": 0}


def event_time(trigger: Token, published: str | None) -> str | None:
    """An ISO date or year for the event when its sentence states one; else None (the article date)."""
    sent = trigger.sent
    base = date.fromisoformat(published) if published else None
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        text = ent.text.lower()
        year = re.search(r"\b(19|20)\d\d\b", text)
        month = next((n for m, n in MONTHS.items() if m in text), None)
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
