"""Claims follow their parties' canonical ids when resolution changes them.

A claim's key names its parties by canonical id, and grouping looks new events up by that key. When a
merge or a rename redirects an id (``entity_merges``: every redirect there has its final id in
``to_id``), the claims naming the old id are re-keyed to the new one, so the next report of the same
fact joins them instead of founding a claim of its own. When a split gives one article's mention an id
of its own, that article's events naming it leave their claims (which named the old id) and are grouped
again like new events.

Both are read from the store's state, not from a message, so they hold however the change was made
(a judgement, an ingest's rename, a crash between the two) and cost what changed: a claim is re-keyed
once, after which it no longer names a redirected id; a split is looked at while its new entity is in no
claim. Grouping (``grouping.group_in``) calls ``follow_entities`` first, in its transaction.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, delete, exists, insert, select, update

from dealgraph.claims.keys import claim_key
from dealgraph.resolve.matcher import canonical_many
from dealgraph.store import claim_tables, event_tables, resolve_tables, schema

C, CE, CP = claim_tables.claims, claim_tables.claim_events, claim_tables.claim_parties
EV, ARG, AE = event_tables.events, event_tables.event_args, schema.article_entities
M, J = resolve_tables.entity_merges, resolve_tables.judgements


def follow_entities(conn: Connection) -> list[str]:
    """Re-key the claims naming redirected ids and take split mentions' events out of their claims;
    return the ids of the claims changed (to refresh; a claim left with no report is deleted)."""
    return sorted({*rekey_moved(conn), *detach_split(conn)})


def rekey_moved(conn: Connection) -> list[str]:
    """The claims naming an id that now redirects, with their parties and key on the id in use."""
    stale = sorted(
        set(
            conn.execute(
                select(CP.c.claim_id).select_from(CP.join(M, M.c.from_id == CP.c.entity_id))
            ).scalars()
        )
    )
    if not stale:
        return []
    rows = conn.execute(select(CP).where(CP.c.claim_id.in_(stale))).all()
    ids = sorted({r.entity_id for r in rows})
    now = dict(zip(ids, canonical_many(conn, ids), strict=True))
    parties: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in rows:
        parties[r.claim_id].add((r.role, now[r.entity_id]))
    conn.execute(delete(CP).where(CP.c.claim_id.in_(stale)))
    conn.execute(
        insert(CP),
        [{"claim_id": c, "role": r, "entity_id": e} for c in stale for r, e in sorted(parties[c])],
    )
    for claim in conn.execute(select(C.c.id, C.c.key).where(C.c.id.in_(stale))).all():
        conn.execute(update(C).where(C.c.id == claim.id).values(key=rekey(claim.key, now)))
    return stale


def rekey(key: str, now: dict[str, str]) -> str:
    """A claim key (``keys.claim_key``) with its ids replaced by the ids in use, re-sorted."""
    type_, polarity, *parts = key.split("|")
    parties = set()
    for part in parts:
        role, _, entity = part.partition("=")
        parties.add((role, now.get(entity, entity)))
    return claim_key(type_, polarity or None, tuple(sorted(parties)))


def detach_split(conn: Connection) -> list[str]:
    """Events naming a split mention whose claim does not name the mention's id in use leave that
    claim; return the claims they left."""
    splits = conn.execute(
        select(J.c.note).where(
            J.c.kind == "mention",
            J.c.judgement == "negative",
            ~exists().where(CP.c.entity_id == J.c.left_id),
        )
    ).scalars()
    mentions = {tuple(str(n).rsplit(":", 1)) for n in splits if n and ":" in n}
    left: dict[str, list[str]] = defaultdict(list)
    for article_id, key in sorted(mentions):
        rows = conn.execute(
            select(CE.c.event_id, CE.c.claim_id, AE.c.entity_id)
            .select_from(
                CE.join(ARG, ARG.c.event_id == CE.c.event_id)
                .join(EV, EV.c.id == ARG.c.event_id)
                .join(AE, (AE.c.article_id == EV.c.article_id) & (AE.c.key == ARG.c.entity_key))
            )
            .where(EV.c.article_id == article_id, ARG.c.entity_key == key)
        ).all()
        for r in rows:
            named = conn.execute(
                select(CP.c.entity_id).where(CP.c.claim_id == r.claim_id, CP.c.entity_id == r.entity_id)
            ).first()
            if named is None:
                left[r.claim_id].append(r.event_id)
    for claim_id, events in left.items():
        conn.execute(delete(CE).where(CE.c.event_id.in_(events)))
        _drop_if_empty(conn, claim_id)
    return sorted(left)


def _drop_if_empty(conn: Connection, claim_id: str) -> None:
    """Delete a claim left with no report, unless a merged claim points to it."""
    if conn.execute(select(CE.c.event_id).where(CE.c.claim_id == claim_id)).first() is not None:
        return
    if conn.execute(select(C.c.id).where(C.c.merged_into == claim_id)).first() is not None:
        return
    conn.execute(delete(CP).where(CP.c.claim_id == claim_id))
    conn.execute(delete(C).where(C.c.id == claim_id))
