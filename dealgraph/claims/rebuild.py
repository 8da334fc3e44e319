"""Regroup every event from scratch, for recovery: ``dealgraph claims --rebuild``.

Grouping is incremental and never regroups a placed event; if the claims ever disagree with the events
and canonical ids (a bug, a crash in an old version, a hand-edited store), this puts them right. All
claims are deleted and every event is grouped again in the grouping order, so the result is the one
a fresh ingest of the same store would give; then the human claim judgements in the log are replayed
in the order they were made, each by the events that founded the claims it named (a claim's id comes
from its founding event, so it is found again), without logging them a second time.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, delete, select

from dealgraph.claims.grouping import GroupingReport, group_in
from dealgraph.claims.judgements import merge_in, split_in
from dealgraph.claims.outlets import Outlets
from dealgraph.store import claim_tables, resolve_tables
from dealgraph.store.store import Store

C, CE, CP, J = (
    claim_tables.claims,
    claim_tables.claim_events,
    claim_tables.claim_parties,
    resolve_tables.judgements,
)


@dataclass(frozen=True)
class Decision:
    kind: str  # claim (a merge) | claim-event (a split)
    events: tuple[str, ...]  # the founding events of the two claims merged, or the event split off
    user: str


def rebuild_claims(store: Store, known: Outlets | None = None) -> GroupingReport:
    """Delete every claim, group every event again and replay the human claim judgements."""
    with store.begin() as conn:
        decisions = _decisions(conn)
        conn.execute(delete(CE))
        conn.execute(delete(CP))
        conn.execute(delete(C))
        report = group_in(conn, known)
        for decision in decisions:
            _replay(conn, decision)
    return report


def _decisions(conn: Connection) -> list[Decision]:
    founders = {str(r.id): str(r.founded_by) for r in conn.execute(select(C.c.id, C.c.founded_by))}
    found: list[Decision] = []
    for j in conn.execute(select(J).where(J.c.kind.in_(["claim", "claim-event"])).order_by(J.c.id)):
        if j.kind == "claim" and j.left_id in founders and j.right_id in founders:
            found.append(Decision("claim", (founders[j.left_id], founders[j.right_id]), j.user))
        elif j.kind == "claim-event" and j.note:
            found.append(Decision("claim-event", (j.note,), j.user))
    return found


def _claim_of(conn: Connection, event_id: str) -> str | None:
    found = conn.execute(select(CE.c.claim_id).where(CE.c.event_id == event_id)).scalar()
    return str(found) if found is not None else None


def _replay(conn: Connection, decision: Decision) -> None:
    claims = [_claim_of(conn, e) for e in decision.events]
    if None in claims:
        return  # an event no longer stored: nothing to decide about
    if decision.kind == "claim":
        a, b = str(claims[0]), str(claims[1])
        types = {tuple(r) for r in conn.execute(select(C.c.type, C.c.polarity).where(C.c.id.in_([a, b])))}
        if a != b and len(types) == 1:
            merge_in(conn, a, b, decision.user, record=False)
        return
    (claim,) = claims
    reports = conn.execute(select(CE.c.event_id).where(CE.c.claim_id == claim)).scalars().all()
    if len(reports) > 1:
        split_in(conn, str(claim), decision.events[0], decision.user, record=False)
