"""Screening the store's canonical entities: the global step after ingest and after a list load.

Every Person, Organization and Project entity is screened under each of its most used names, on the lists as
they stood at each loaded snapshot date and today, so that the stored hits carry every listing interval;
whether a party was listed on an article's date is then a lookup (``screen.asof``). An entity is
screened again only when the loaded lists change (a digest of the snapshots) or it is new. Dismissed
hits (judgements) are stored, and kept out of the report and of ``asof.ListingLookup``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import Connection, delete, insert, select

from dealgraph.resolve.judgements import dismissed_hits
from dealgraph.screen.grades import SCREENED_TYPES
from dealgraph.screen.history import lists_state
from dealgraph.screen.hits import save_hits
from dealgraph.screen.index import ScreeningIndex
from dealgraph.screen.records import ScreeningHit
from dealgraph.screen.stored_index import screening_index
from dealgraph.store import resolve_tables as rt
from dealgraph.store import schema
from dealgraph.store.screened_tables import screened
from dealgraph.store.screening_tables import list_snapshots
from dealgraph.store.store import Store

log = logging.getLogger(__name__)
# Which list entries each entity type is screened against (``index.allowed_schemas``): a project is
# named after the company that carries it ("Arctic LNG 2", listed as "LIMITED LIABILITY COMPANY ARCTIC
# LNG 2"), so against organisations. The extractor has no vessel type yet; a "Vessel" entity would be
# screened against the lists' vessels (``index.allowed_schemas``).
LIST_SCHEMA = {"Person": "Person", "Organization": "Organization", "Project": "Organization"}
NAMES_PER_ENTITY = 3


@dataclass
class ScreenReport:
    screened: int = 0
    with_hits: int = 0
    hits: list[tuple[str, ScreeningHit]] = field(default_factory=list)


def snapshot_dates(conn: Connection) -> list[date]:
    return sorted(set(conn.execute(select(list_snapshots.c.as_of)).scalars()))


def _names(conn: Connection, entity_id: str, name: str) -> list[str]:
    t = rt.entity_names
    forms = (
        conn.execute(
            select(t.c.name)
            .where(t.c.entity_id == entity_id)
            .order_by(t.c.count.desc())
            .limit(NAMES_PER_ENTITY)
        )
        .scalars()
        .all()
    )
    return list(dict.fromkeys([name, *forms]))


def screen_names(
    index: ScreeningIndex, names: Sequence[str], schema_: str, dates: Sequence[date]
) -> list[ScreeningHit]:
    """Hits of any name at any of the dates (and in the latest lists), one per entry and interval."""
    found: dict[tuple[str, str, str, date | None], ScreeningHit] = {}
    for name in names:
        if len(name.replace(" ", "")) < 3:
            continue
        if schema_ == "Person" and len(name.split()) < 2:
            continue  # "Hassan", "Martin": a bare name in an article is no ground for a person hit
        for day in [None, *dates]:
            for hit in index.screen(name, schema_, day):
                key = (hit.dataset, hit.entry_id, hit.relation, hit.listed_from)
                if key not in found or hit.score > found[key].score:
                    found[key] = hit
    return list(found.values())


def screen_again(store: Store, entity_ids: Sequence[str]) -> ScreenReport:
    """Screen these entities again against the current lists (their names changed: a merge gave one
    the other's names, a split made a new one), and any other entity not screened yet."""
    with store.begin() as conn:
        conn.execute(delete(screened).where(screened.c.entity_id.in_(list(entity_ids))))
    return screen_entities(store)


def screen_entities(
    store: Store,
    *,
    everything: bool = False,
    index: ScreeningIndex | None = None,
    progress: Callable[[str], None] | None = None,
) -> ScreenReport:
    """Screen the entities of ``SCREENED_TYPES`` not yet screened against the current lists (all of
    them with ``everything``). Does nothing when no list is loaded."""
    report = ScreenReport()
    with store.read() as conn:
        state = lists_state(conn)
        if state is None:
            return report
        current = select(screened.c.entity_id).where(screened.c.lists_state == state)
        done = set(conn.execute(current).scalars())
        rows = conn.execute(
            select(schema.entities.c.id, schema.entities.c.name, schema.entities.c.type)
            .where(schema.entities.c.type.in_(SCREENED_TYPES))
            .where(schema.entities.c.id.in_(select(schema.article_entities.c.entity_id)))
            .order_by(schema.entities.c.id)
        ).all()
        todo = [r for r in rows if everything or r.id not in done]
        if not todo:
            return report
        index = index or screening_index(conn, state)
        dates = snapshot_dates(conn)
        dismissed = dismissed_hits(conn)
        work = [(r.id, r.type, _names(conn, r.id, r.name)) for r in todo]
    now = datetime.now(UTC).replace(tzinfo=None)
    for entity_id, type_, names in work:
        hits = screen_names(index, names, LIST_SCHEMA[type_], dates)
        with store.begin() as conn:
            save_hits(conn, entity_id, hits)  # dismissed ones too: shown dismissed, and an undo needs them
            conn.execute(delete(screened).where(screened.c.entity_id == entity_id))
            conn.execute(insert(screened).values(entity_id=entity_id, lists_state=state, screened_at=now))
        hits = [h for h in hits if (entity_id, h.key) not in dismissed]
        report.screened += 1
        report.with_hits += bool(hits)
        report.hits.extend((entity_id, h) for h in hits)
        if progress:
            progress(entity_id)
    return report
