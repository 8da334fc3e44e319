"""Raising alerts: for every watched item, what is new since it was watched.

Three kinds, each unique by (kind, subject, item) so a second check adds nothing:
- ``event``: an event naming the item in any role, from an article stored after the item was watched;
- ``claim``: a claim naming the item whose status (independent origins, disputed, modalities) differs
  from the one the last check saw (a claim seen for the first time is recorded silently: its new
  events raise their own alerts);
- ``hit``: a sanctions hit of the watched entity found by a screening after it was watched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, insert, select, update

from dealgraph.alerts.watchlist import now
from dealgraph.screen.grades import CONFIRMED, grade_of
from dealgraph.store import claim_tables, event_tables, schema, screening_tables
from dealgraph.store.alert_tables import alert_claim_state, alerts, watchlist
from dealgraph.store.store import Store

A, AE = schema.articles, schema.article_entities
EV, ARG = event_tables.events, event_tables.event_args
C, CP = claim_tables.claims, claim_tables.claim_parties
H = screening_tables.entity_hits


@dataclass(frozen=True)
class Raised:
    kind: str
    subject: str
    item_id: str
    title: str
    detail: str
    link: str


def _new_events(conn: Connection, watch: Any) -> list[Raised]:
    stmt = (
        select(EV.c.id, EV.c.type, EV.c.modality, EV.c.article_id, A.c.title, A.c.text, EV.c.evidence_start,
               EV.c.evidence_end)
        .select_from(
            AE.join(EV, EV.c.article_id == AE.c.article_id)
            .join(ARG, and_(ARG.c.event_id == EV.c.id, ARG.c.entity_key == AE.c.key))
            .join(A, A.c.id == EV.c.article_id)
        )
        .where(AE.c.entity_id == watch.item_id, A.c.ingested_at >= watch.added_at)
        .distinct()
        .order_by(EV.c.article_id, EV.c.id)
    )  # fmt: skip
    return [
        Raised(
            "event",
            r.id,
            watch.item_id,
            f"{watch.name}: {r.type} ({r.modality}) in “{r.title or r.article_id}”",
            r.text[r.evidence_start : r.evidence_end],
            f"/ui/articles/{r.article_id}#{r.id}",
        )
        for r in conn.execute(stmt)
    ]


def _status(row: Any) -> str:
    disputed = ", disputed" if row.disputed else ""
    return f"{row.origins} independent origin(s){disputed}; modalities {row.modalities}"


def _claim_changes(conn: Connection, watch: Any) -> list[Raised]:
    rows = conn.execute(
        select(C.c.id, C.c.type, C.c.origins, C.c.disputed, C.c.modalities)
        .select_from(C.join(CP, CP.c.claim_id == C.c.id))
        .where(CP.c.entity_id == watch.item_id, C.c.merged_into.is_(None))
        .distinct()
    ).all()
    seen = dict(
        conn.execute(
            select(alert_claim_state.c.claim_id, alert_claim_state.c.status).where(
                alert_claim_state.c.item_id == watch.item_id
            )
        ).all()
    )
    raised = []
    for r in rows:
        status = _status(r)
        before = seen.get(r.id)
        if before is None:
            conn.execute(
                insert(alert_claim_state).values(claim_id=r.id, item_id=watch.item_id, status=status)
            )
        elif before != status:
            conn.execute(
                update(alert_claim_state)
                .where(alert_claim_state.c.claim_id == r.id, alert_claim_state.c.item_id == watch.item_id)
                .values(status=status)
            )
            raised.append(
                Raised(
                    "claim",
                    f"{r.id}@{status}",
                    watch.item_id,
                    f"{watch.name}: {r.type} claim now {status}",
                    f"was {before}",
                    f"/ui/claims/{r.id}",
                )
            )
    return raised


def _hits(conn: Connection, watch: Any) -> list[Raised]:
    rows = conn.execute(
        select(H).where(H.c.entity_id == watch.item_id, H.c.screened_at >= watch.added_at)
    ).all()
    return [
        Raised(
            "hit",
            f"{r.dataset}:{r.entry_id}:{r.relation}",
            watch.item_id,
            f"{watch.name}: {_hit_title(r)} on {r.dataset} ({r.name}, {r.relation})",
            f"matched “{r.matched_name}” ({r.score:.2f}, {grade_of(r)}): {r.explanation}",
            f"/ui/entities/{watch.item_id}",
        )
        for r in rows
    ]


def _hit_title(hit: Any) -> str:
    """A hit's alert says what the badges say: an exact or strong hit is a listing, a possible one a
    match to review (``screen.grades``)."""
    grade = grade_of(hit)
    if grade in CONFIRMED:
        return f"sanctions listing ({grade} match)"
    return "possible sanctions match to review"


def check_alerts(store: Store) -> list[int]:
    """Raise the alerts the store's state calls for; return the ids of the new ones."""
    new: list[int] = []
    with store.begin() as conn:
        have = {
            (r.kind, r.subject, r.item_id)
            for r in conn.execute(select(alerts.c.kind, alerts.c.subject, alerts.c.item_id))
        }
        for watch in conn.execute(select(watchlist).order_by(watchlist.c.added_at)).all():
            for a in _new_events(conn, watch) + _claim_changes(conn, watch) + _hits(conn, watch):
                if (a.kind, a.subject, a.item_id) in have:
                    continue
                have.add((a.kind, a.subject, a.item_id))
                result = conn.execute(
                    insert(alerts).values(
                        kind=a.kind, subject=a.subject[:300], item_id=a.item_id, title=a.title,
                        detail=a.detail, link=a.link, created_at=now(),
                    )
                )  # fmt: skip
                key = result.inserted_primary_key
                if key is not None:
                    new.append(int(key[0]))
    return new
