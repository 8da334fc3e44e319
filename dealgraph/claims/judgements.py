"""Human decisions on claims, in the judgement log that entity merges and splits use.

- ``merge(a, b)``: two claims report one fact. The claim with fewer reports points to the other
  (``merged_into``) and its events move there; its row stays, so the log and old links still name it.
- ``split(claim, event)``: one report is not that fact. The event founds a claim of its own, and a
  negative judgement records it.
Grouping never regroups an event once placed, so both decisions hold on every later ingest: new events
join the merged claim (a merged one is no candidate) and a split event stays where it was put.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, func, insert, select, update

from dealgraph.claims.grouping import refresh
from dealgraph.exc import InputError, NotFound
from dealgraph.resolve.judgements import record_judgement
from dealgraph.store import claim_tables as ct
from dealgraph.store.claim_reads import current_claim
from dealgraph.store.store import Store

C, CE, CP = ct.claims, ct.claim_events, ct.claim_parties


def _reports(conn: Connection, claim_id: str) -> int:
    return int(conn.execute(select(func.count()).where(CE.c.claim_id == claim_id)).scalar() or 0)


def merge(store: Store, a: str, b: str, user: str = "cli") -> str:
    """Merge two claims of the same type; return the id that remains."""
    with store.begin() as conn:
        return merge_in(conn, a, b, user)


def merge_in(conn: Connection, a: str, b: str, user: str = "cli", record: bool = True) -> str:
    """``merge`` in a transaction; ``record=False`` replays a logged judgement (``rebuild.py``)."""
    a, b = current_claim(conn, a), current_claim(conn, b)
    if a == b:
        return a
    rows = {r.id: r for r in conn.execute(select(C).where(C.c.id.in_([a, b])))}
    if rows[a].type != rows[b].type or rows[a].polarity != rows[b].polarity:
        raise InputError(f"cannot merge claims of different types: {a} and {b}")
    keep, gone = sorted((a, b), key=lambda c: (-_reports(conn, c), c))
    if record:
        record_judgement(conn, gone, keep, "positive", "claim", user)
    conn.execute(update(CE).where(CE.c.claim_id == gone).values(claim_id=keep, method="judgement"))
    conn.execute(update(C).where(C.c.id == gone).values(merged_into=keep, reports=0))
    have = {(r.role, r.entity_id) for r in conn.execute(select(CP).where(CP.c.claim_id == keep))}
    moved = {(r.role, r.entity_id) for r in conn.execute(select(CP).where(CP.c.claim_id == gone))} - have
    if moved:
        conn.execute(insert(CP), [{"claim_id": keep, "role": r, "entity_id": e} for r, e in sorted(moved)])
    dates = [d for c in (a, b) for d in (rows[c].date_min, rows[c].date_max) if d]
    amounts = [*rows[keep].amounts, *(x for x in rows[gone].amounts if x not in rows[keep].amounts)]
    conn.execute(
        update(C)
        .where(C.c.id == keep)
        .values(date_min=min(dates, default=None), date_max=max(dates, default=None), amounts=amounts)
    )
    refresh(conn, [keep])
    return keep


def split(store: Store, claim_id: str, event_id: str, user: str = "cli") -> str:
    """Take one event out of a claim into a claim of its own; return the new claim's id."""
    with store.begin() as conn:
        return split_in(conn, claim_id, event_id, user)


def split_in(conn: Connection, claim_id: str, event_id: str, user: str = "cli", record: bool = True) -> str:
    """``split`` in a transaction; ``record=False`` replays a logged judgement (``rebuild.py``)."""
    claim_id = current_claim(conn, claim_id)
    row = conn.execute(select(CE).where(CE.c.event_id == event_id)).first()
    if row is None or row.claim_id != claim_id:
        raise NotFound(f"claim {claim_id!r} has no event {event_id!r}")
    if _reports(conn, claim_id) == 1:
        raise InputError(f"{event_id} is the only report of {claim_id}: nothing to split")
    old = conn.execute(select(C).where(C.c.id == claim_id)).one()
    new_id = "c" + hashlib.sha1(f"split:{event_id}".encode()).hexdigest()[:15]
    conn.execute(
        insert(C).values(
            id=new_id,
            key=old.key,
            type=old.type,
            polarity=old.polarity,
            date_min=old.date_min,
            date_max=old.date_max,
            founded_by=event_id,
            amounts=old.amounts,
            reports=0,
            origins=0,
            disputed=False,
            modalities="",
        )
    )
    parties = conn.execute(select(CP).where(CP.c.claim_id == claim_id, CP.c.role == "party")).all()
    conn.execute(
        insert(CP), [{"claim_id": new_id, "role": p.role, "entity_id": p.entity_id} for p in parties]
    )
    conn.execute(update(CE).where(CE.c.event_id == event_id).values(claim_id=new_id, method="judgement"))
    if record:
        record_judgement(conn, new_id, claim_id, "negative", "claim-event", user, note=event_id)
    refresh(conn, [claim_id, new_id])
    return new_id
