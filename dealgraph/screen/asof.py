"""As-of questions over stored hits: was a party listed on a given day (an article's, an event's)?

``covers`` and ``is_listed`` live in ``screen.grades`` (re-exported here): only exact and strong hits
make a party listed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Connection

from dealgraph.resolve.judgements import hit_decisions
from dealgraph.screen.grades import covers, event_day, is_listed, status
from dealgraph.screen.hits import read_hits
from dealgraph.screen.records import ScreeningHit

__all__ = ["Listed", "ListingLookup", "covers", "event_day", "is_listed", "listed_parties"]


@dataclass(frozen=True)
class Listed:
    """A hit that covers the day asked about."""

    entity_id: str
    hit: ScreeningHit


class ListingLookup:
    """The stored, undismissed hits of the store, by entity, to answer as-of questions in bulk."""

    def __init__(self, conn: Connection) -> None:
        decisions = hit_decisions(conn)
        self.by_entity: dict[str, list[ScreeningHit]] = defaultdict(list)
        for entity_id, hit in read_hits(conn):
            decision = decisions.get((entity_id, hit.key))
            if decision != "dismiss":
                self.by_entity[entity_id].append(replace(hit, confirmed=decision == "confirm"))

    def hits(self, entity_id: str) -> list[ScreeningHit]:
        return self.by_entity.get(entity_id, [])

    def listed_on(self, entity_id: str, day: date | None) -> list[ScreeningHit]:
        """The exact or strong hits under which the entity was listed on ``day`` (None: today)."""
        return [h for h in self.hits(entity_id) if is_listed(h, day)]

    def to_review(self, entity_id: str, day: date | None) -> list[ScreeningHit]:
        """The possible hits not confirmed whose entry was listed on ``day``: shown "to review"."""
        return [h for h in self.hits(entity_id) if status(h) == "to review" and covers(h, day)]


def listed_parties(
    lookup: ListingLookup, args: list[tuple[str, str | None]], day: date | None
) -> list[dict[str, str]]:
    """For an event's (role, entity id) arguments: the parties listed on ``day``, with the list entry."""
    flags = []
    for role, entity_id in args:
        if entity_id is None:
            continue
        for hit in lookup.listed_on(entity_id, day):
            flags.append({"role": role, "entity": entity_id, "list": hit.dataset, "entry": hit.entry_id})
    return flags
