"""The deals view: PROPOSE/NEGOTIATE/AGREE/INVEST events grouped by project, with their amounts in a
common currency (US dollars, from the rounded rates in ``data/usd_rates.yaml``) and each party's
screening status. Read-only, built on ``timeline_reads`` and ``views``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from dealgraph.screen import grades
from dealgraph.store import views
from dealgraph.store.event_reads import EventView
from dealgraph.store.store import Store
from dealgraph.store.timeline_reads import TimelineQuery, events_by_type

DEAL_TYPES = ("PROPOSE", "NEGOTIATE", "AGREE", "INVEST")
NO_PROJECT = "(no named project)"


@lru_cache(maxsize=1)
def usd_rates() -> tuple[str, dict[str, float]]:
    """(what the rates are, USD per unit by ISO code), read once from the package data."""
    data = yaml.safe_load(
        resources.files("dealgraph.store").joinpath("data/usd_rates.yaml").read_text("utf-8")
    )
    return str(data["as_of"]), {str(k): float(v) for k, v in data["usd_per_unit"].items()}


def to_usd(amount: dict[str, Any] | None) -> float | None:
    """An amount in US dollars (its value, else the top of its range), or None when not convertible."""
    if amount is None or amount.get("unit") == "percent":
        return None
    value = amount.get("value")
    if value is None:
        value = amount.get("max") if amount.get("max") is not None else amount.get("min")
    rate = usd_rates()[1].get(str(amount.get("currency") or ""))
    if value is None or rate is None:
        return None
    return float(value) * rate


def money(usd: float | None) -> str:
    """``2164000000.0`` -> ``"$2.2 bn"``: an amount in US dollars rounded for reading, as the web pages and
    the briefs print it beside the amount as the text gave it; ``"—"`` for none."""
    if usd is None:
        return "—"
    for size, unit in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(usd) >= size:
            return f"${usd / size:,.1f} {unit}"
    return f"${usd:,.0f}"


@dataclass(frozen=True)
class Party:
    role: str
    entity_id: str
    name: str
    listed: bool  # on a loaded list on the event's day (its own full date, else the article's)
    hits: tuple[views.HitView, ...]

    @property
    def programmes(self) -> tuple[str, ...]:
        """The programmes of the hits under which the party was listed that day."""
        return tuple(dict.fromkeys(p for h in self.hits if h.status == "listed" for p in h.programs))


@dataclass(frozen=True)
class DealEvent:
    event: EventView
    parties: tuple[Party, ...]
    amount: dict[str, Any] | None
    usd: float | None

    @property
    def day(self) -> date | None:
        return grades.event_day(self.event.event_date, self.event.published)

    @property
    def listed_party(self) -> bool:
        """Whether a party other than the agent was listed on the event's day: a deal with a listed
        counterparty."""
        return any(p.listed and p.role != "agent" for p in self.parties)


@dataclass
class DealGroup:
    project_id: str | None
    project: str
    events: list[DealEvent] = field(default_factory=list)

    @property
    def largest_usd(self) -> float | None:
        values = [e.usd for e in self.events if e.usd is not None]
        return max(values) if values else None

    @property
    def amounts(self) -> list[DealEvent]:
        return [e for e in self.events if e.amount is not None]


def _project_of(ev: EventView) -> tuple[str | None, str]:
    for arg in ev.args:
        if arg.role == "project" and arg.entity_id:
            return arg.entity_id, arg.name or arg.entity_id
    return None, NO_PROJECT


def deal_events(
    store: Store,
    entity_id: str | None = None,
    since: date | None = None,
    limit: int = 500,
    *,
    project: str | None = None,
    type_: str | None = None,
    modality: str | None = None,
    offset: int = 0,
    amounts_first: bool = False,
) -> list[list[EventView]]:
    """For each deal type (``type_`` alone, when given), its newest ``limit`` events after ``offset``
    (those with an amount first when ``amounts_first``) in which the entity fills a role, of the
    project, of the modality, from ``since``: read as the timeline reads them."""
    kinds = (type_,) if type_ in DEAL_TYPES else DEAL_TYPES
    q = TimelineQuery(entity_id=entity_id, modality=modality, since=since, project_id=project)
    return list(events_by_type(store, q, kinds, limit, offset, amounts_first=amounts_first).values())


def group_deals(store: Store, events: Iterable[EventView]) -> list[DealGroup]:
    """Group deal events by project, attach amounts (with USD) and parties (with screening status)."""
    events = [e for e in events if e.type in DEAL_TYPES]
    amounts = views.amounts_for(
        store, [(e.article_id, a.amount_idx) for e in events for a in e.args if a.amount_idx is not None]
    )
    hits = views.hits_for(store, [a.entity_id for e in events for a in e.args if a.entity_id])
    groups: dict[str | None, DealGroup] = {}
    for ev in events:
        project_id, project = _project_of(ev)
        group = groups.setdefault(project_id, DealGroup(project_id, project))
        amount = next(
            (amounts.get((ev.article_id, a.amount_idx)) for a in ev.args if a.amount_idx is not None), None
        )
        parties = []
        day = grades.event_day(ev.event_date, ev.published)
        for arg in ev.args:
            if not arg.entity_id or arg.role == "project":
                continue
            entity_hits = tuple(h for h in hits.get(arg.entity_id, []) if not h.dismissed)
            # as of the event's day: was the party listed when this happened (or was reported)?
            on_day = tuple(h for h in entity_hits if day is not None and h.listed_at(day))
            parties.append(
                Party(arg.role, arg.entity_id, arg.name or arg.entity_id, bool(on_day), on_day or entity_hits)
            )
        group.events.append(DealEvent(ev, tuple(parties), amount, to_usd(amount)))
    for group in groups.values():
        # in reading order within a day (event ids are hashes: store.stable_event_id)
        group.events.sort(key=lambda d: (d.day or date.min, d.event.article_id, d.event.evidence_start))
    return sorted(groups.values(), key=lambda g: (g.project_id is None, -(g.largest_usd or 0.0), g.project))


ORDERS = ("date", "oldest", "amount")


@dataclass(frozen=True)
class DealQuery:
    """What the deals ledger shows: a project's deals, a party's, or all; of one type and modality;
    between two days (the event's own, else the article's); only those with a listed party; in which
    order ("date": newest first, "oldest", "amount": largest in US dollars first, unknown last)."""

    project: str | None = None
    entity_id: str | None = None
    type_: str | None = None
    modality: str | None = None
    since: date | None = None
    until: date | None = None
    listed_only: bool = False
    order: str = "date"

    def keeps(self, deal: DealEvent) -> bool:
        """What the read (``deal_events``: type, modality, party, project, a date floor) cannot tell: the
        deal's full day within the range, a listed party on it."""
        day = deal.day
        return (
            (self.until is None or (day is not None and day <= self.until))
            and (self.since is None or (day is not None and day >= self.since))
            and (not self.listed_only or any(p.listed for p in deal.parties))
        )


def _ordered(events: list[DealEvent], order: str) -> list[DealEvent]:
    reading = sorted(events, key=lambda d: (d.day or date.min, d.event.article_id, d.event.evidence_start))
    if order == "oldest":
        return reading
    if order == "amount":
        return sorted(reading, key=lambda d: (d.usd is None, -(d.usd or 0.0)))
    return sorted(reading, key=lambda d: (d.day is None, -(d.day or date.min).toordinal()))


def deals(
    store: Store,
    project: str | None = None,
    entity_id: str | None = None,
    since: date | None = None,
    query: DealQuery | None = None,
    per_type: int = 500,
) -> list[DealGroup]:
    """Deal groups for a project (an entity id), for an entity's events, or for the whole store; a
    ``DealQuery`` filters and orders them further (the ledger). At most the newest ``per_type`` events
    of each deal type are read."""
    q = query or DealQuery(project=project, entity_id=entity_id, since=since, order="oldest")
    return ledger_page(store, q, per_type)[0]


def ledger_page(store: Store, q: DealQuery, per_type: int, offset: int = 0) -> tuple[list[DealGroup], bool]:
    """One page of the ledger: the deal groups of the next ``per_type`` events of each deal type after
    ``offset`` (in amount order, those with an amount first), and whether any type has more."""
    by_type = deal_events(
        store,
        q.entity_id,
        q.since,
        per_type + 1,
        project=q.project,
        type_=q.type_,
        modality=q.modality,
        offset=offset,
        amounts_first=q.order == "amount",
    )
    groups = group_deals(store, [ev for events in by_type for ev in events[:per_type]])
    for group in groups:
        group.events = _ordered([d for d in group.events if q.keeps(d)], q.order)
    return [g for g in groups if g.events], any(len(events) > per_type for events in by_type)
