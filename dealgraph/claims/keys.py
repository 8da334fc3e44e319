"""What makes two reported events the same fact: pure functions over ``ClaimEvent``s.

Two events report one fact when they have the same type and polarity, the same canonical parties in
compatible roles (agent and counterpart either way round for symmetric types) and the same places, no
conflicting project or amount, and dates within a window. The first three make the claim's ``key``, an
exact string a new event is looked up by (so grouping reads only the claims that could take it); the
last three are checked against the few claims under that key. Modality is not part of the fact: an
assertion and a denial of the same deal are reports of one claim, which is what makes it disputed.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from dealgraph.extract.events.lexicon import event_types

# Event types whose agent and counterpart may swap (events.yaml ``symmetric``).
SYMMETRIC_ROLES = frozenset({"agent", "counterpart"})
# Roles that say what a fact is about rather than who takes part in it: a report that leaves one out is
# compatible with one that names it, two that name different ones are different facts. A place is part of
# the fact (the dev gold's claims are events with the same participants, places included: grouping a
# meeting named with its place and one named without it cost 12 of 15 wrong pairs, P 0.88 → 0.96).
CONTEXT_ROLES = frozenset({"project"})
# Types that state a standing relation rather than something that happens: "Dmitriev, head of RDIF"
# in March and in December is one fact, so their dates are no reason to keep reports apart.
STANDING_TYPES = frozenset({"ROLE"})
# Two reports' dates (as intervals, see ``date_span``) may be at most this far apart.
WINDOW = timedelta(days=14)
# An article's own date stands for an event it does not date: the event is taken to lie within this
# much before or after it (reports lag facts; plans precede them).
REPORT_LAG = timedelta(days=14)
# Amounts differing by more than this share are different facts.
AMOUNT_TOLERANCE = 0.1


@lru_cache(maxsize=1)
def symmetric_types() -> frozenset[str]:
    return frozenset(kind.name for kind in event_types() if kind.symmetric)


@dataclass(frozen=True)
class ClaimEvent:
    """An event as grouping sees it: canonical ids, its date span and its amounts."""

    id: str
    article_id: str
    type: str
    polarity: str | None
    parties: tuple[tuple[str, str], ...]  # (role, canonical id), sorted; "party" for symmetric roles
    context: tuple[tuple[str, str], ...]  # (role, canonical id) of the project, sorted
    span: tuple[date, date] | None  # the interval the event lies in, None when nothing dates it
    amounts: tuple[tuple[float, str], ...] = ()  # (value, currency or unit)

    @property
    def key(self) -> str:
        return claim_key(self.type, self.polarity, self.parties)


def comparable_span(type_: str, span: tuple[date, date] | None) -> tuple[date, date] | None:
    """The span grouping compares: none for a standing relation (``STANDING_TYPES``)."""
    return None if type_ in STANDING_TYPES else span


def claim_key(type_: str, polarity: str | None, parties: tuple[tuple[str, str], ...]) -> str:
    return "|".join([type_, polarity or "", *(f"{role}={entity}" for role, entity in parties)])


def split_roles(type_: str, args: list[tuple[str, str]]) -> tuple[tuple[tuple[str, str], ...], ...]:
    """(role, canonical id) arguments → (parties, context), each sorted and without repeats."""
    symmetric = type_ in symmetric_types()
    parties: set[tuple[str, str]] = set()
    context: set[tuple[str, str]] = set()
    for role, entity in args:
        if role in CONTEXT_ROLES:
            context.add((role, entity))
        else:
            parties.add(("party" if symmetric and role in SYMMETRIC_ROLES else role, entity))
    return tuple(sorted(parties)), tuple(sorted(context))


def date_span(when: str | None, published: date | None) -> tuple[date, date] | None:
    """The interval an event lies in: its own date as precise as the text gives it (a day, a month, a
    year), else its article's date widened by ``REPORT_LAG``, else None."""
    if when:
        try:
            parts = [int(p) for p in when.split("-")]
        except ValueError:
            parts = []
        if len(parts) == 3:
            day = date(*parts)
            return day, day
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
        if len(parts) == 1 and 1000 <= parts[0] <= 9999:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if published is not None:
        return published - REPORT_LAG, published + REPORT_LAG
    return None


def dates_compatible(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    """Within ``WINDOW`` of each other; an undated side is compatible with anything."""
    if a is None or b is None:
        return True
    gap = max(a[0], b[0]) - min(a[1], b[1])
    return gap <= WINDOW


def context_compatible(a: tuple[tuple[str, str], ...], b: tuple[tuple[str, str], ...]) -> bool:
    """No role names different things on the two sides (a side that leaves a role out agrees)."""
    left: dict[str, set[str]] = {}
    for role, entity in a:
        left.setdefault(role, set()).add(entity)
    right: dict[str, set[str]] = {}
    for role, entity in b:
        right.setdefault(role, set()).add(entity)
    return all(not (left[r] and right[r]) or left[r] & right[r] for r in left.keys() & right.keys())


def amounts_compatible(a: tuple[tuple[float, str], ...], b: tuple[tuple[float, str], ...]) -> bool:
    """Amounts in the same currency or unit agree within ``AMOUNT_TOLERANCE``; missing agrees."""
    for value_a, unit_a in a:
        same_unit = [value_b for value_b, unit_b in b if unit_b == unit_a]
        if same_unit and not any(_close(value_a, v) for v in same_unit):
            return False
    return True


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= AMOUNT_TOLERANCE * max(abs(a), abs(b), 1e-9)


def merge_span(a: tuple[date, date] | None, b: tuple[date, date] | None) -> tuple[date, date] | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a[0], b[0]), max(a[1], b[1])
