"""Human decisions on resolution, kept as a log and respected on every later ingest.

- ``merge(a, b)``: two canonical entities are one referent. The less reported id redirects to the
  more reported one (``entity_merges``), so ids in use stay stable; mentions, names and blocking keys move.
- ``split(entity, article, key)``: one in-article entity is not that referent; it gets its own canonical
  id, and a negative judgement keeps the matcher from joining them again.
- ``review_hit(entity, hit, "dismiss" | "confirm", reason=...)``: a screening hit is a false positive (shown
  dismissed, never making the party listed) or the listed party (listed whatever its grade);
  ``undo=True`` takes the decision back; the last judgement on a hit wins.
Nothing is deleted: every decision is a row in ``judgements`` with who and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, func, insert, select, update

from dealgraph.exc import DealgraphError, InputError, NotFound
from dealgraph.model import Entity, Mention
from dealgraph.resolve.canonical import create_entity
from dealgraph.screen.hits import forget_merged
from dealgraph.screen.records import entry_key
from dealgraph.store import resolve_tables as rt
from dealgraph.store import schema
from dealgraph.store.resolve_tables import canonical
from dealgraph.store.screening_tables import entity_hits
from dealgraph.store.store import Store, repoint_article_entities


@dataclass(frozen=True)
class Judgement:
    id: int
    left_id: str
    right_id: str
    judgement: str
    kind: str
    user: str
    created_at: str
    note: str | None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def record_judgement(
    conn: Connection, left: str, right: str, judgement: str, kind: str, user: str, note: str | None = None
) -> int:
    """Append one decision to the log (entities here; claims in ``claims/judgements.py``)."""
    result = conn.execute(
        insert(rt.judgements).values(
            left_id=left,
            right_id=right,
            judgement=judgement,
            kind=kind,
            user=user,
            note=note,
            created_at=_now(),
        )
    )
    key = result.inserted_primary_key  # None only when a statement inserted no row
    if key is None:
        raise DealgraphError(f"the judgement on {left} and {right} was not recorded")
    return int(key[0])


def _exists(conn: Connection, entity_id: str) -> None:
    if conn.execute(select(schema.entities.c.id).where(schema.entities.c.id == entity_id)).scalar() is None:
        raise NotFound(f"no entity {entity_id!r}")


def _articles(conn: Connection, entity_id: str) -> int:
    t = schema.article_entities
    return int(conn.execute(select(func.count()).where(t.c.entity_id == entity_id)).scalar() or 0)


def merge(store: Store, a: str, b: str, user: str = "cli") -> str:
    """Merge two canonical entities; return the id that remains."""
    with store.begin() as conn:
        _exists(conn, a)
        _exists(conn, b)
        a, b = canonical(conn, a), canonical(conn, b)
        if a == b:
            return a
        types = (
            conn.execute(select(schema.entities.c.type).where(schema.entities.c.id.in_([a, b])))
            .scalars()
            .all()
        )
        if len(set(types)) > 1:
            raise InputError(f"cannot merge entities of different types: {a} and {b}")
        keep, gone = (a, b) if _articles(conn, a) >= _articles(conn, b) else (b, a)
        judgement = record_judgement(conn, gone, keep, "positive", "entity", user)
        conn.execute(insert(rt.entity_merges).values(from_id=gone, to_id=keep, judgement_id=judgement))
        conn.execute(update(rt.entity_merges).where(rt.entity_merges.c.to_id == gone).values(to_id=keep))
        repoint_article_entities(conn, gone, keep)
        conn.execute(
            update(rt.entity_links)
            .where(rt.entity_links.c.entity_id == gone)
            .values(entity_id=keep, method="judgement")
        )
        _move_names(conn, gone, keep)
        forget_merged(conn, gone)
        return keep


def _move_names(conn: Connection, gone: str, keep: str) -> None:
    names = conn.execute(select(rt.entity_names).where(rt.entity_names.c.entity_id == gone)).all()
    conn.execute(delete(rt.entity_names).where(rt.entity_names.c.entity_id == gone))
    have = set(
        conn.execute(select(rt.entity_names.c.name).where(rt.entity_names.c.entity_id == keep)).scalars()
    )
    new = [{"entity_id": keep, "name": r.name, "count": r.count} for r in names if r.name not in have]
    if new:
        conn.execute(insert(rt.entity_names), new)
    blocks = (
        conn.execute(select(rt.entity_blocks.c.block).where(rt.entity_blocks.c.entity_id == gone))
        .scalars()
        .all()
    )
    conn.execute(delete(rt.entity_blocks).where(rt.entity_blocks.c.entity_id == gone))
    have_blocks = set(
        conn.execute(select(rt.entity_blocks.c.block).where(rt.entity_blocks.c.entity_id == keep)).scalars()
    )
    fresh = [{"block": b, "entity_id": keep} for b in blocks if b not in have_blocks]
    if fresh:
        conn.execute(insert(rt.entity_blocks), fresh)


def split(store: Store, entity_id: str, article_id: str, key: str, user: str = "cli") -> str:
    """Give one in-article entity its own canonical id; return the new id."""
    t = schema.article_entities
    with store.begin() as conn:
        entity_id = canonical(conn, entity_id)
        row = conn.execute(select(t).where(t.c.article_id == article_id, t.c.key == key)).first()
        if row is None or canonical(conn, row.entity_id) != entity_id:
            raise NotFound(f"entity {entity_id!r} has no mention {article_id}:{key}")
        texts = (
            conn.execute(
                select(schema.mentions.c.text).where(
                    schema.mentions.c.article_id == article_id, schema.mentions.c.entity_key == key
                )
            )
            .scalars()
            .all()
        )
        mentions = tuple(Mention(0, 0, str(x), row.type, "judgement") for x in texts)
        local = Entity(key=key, name=row.name, type=row.type, ref=None, mentions=mentions)
        new_id = create_entity(conn, local, f"split:{article_id}:{key}")
        # Imported here: the matcher brings in nomenklatura's matching (seconds), which a dismissal
        # or a read of hits never needs.
        from dealgraph.resolve.matcher import MatchingResolver

        MatchingResolver.remember(conn, new_id, local)
        repoint_article_entities(conn, row.entity_id, new_id, article_id=article_id, key=key)
        conn.execute(
            update(rt.entity_links)
            .where(rt.entity_links.c.article_id == article_id, rt.entity_links.c.key == key)
            .values(entity_id=new_id, method="judgement")
        )
        record_judgement(conn, new_id, entity_id, "negative", "mention", user, note=f"{article_id}:{key}")
        return new_id


def hit_key(conn: Connection, entity_id: str, hit: str) -> str:
    """The stored key ("DATASET:ENTRY_ID") of one hit of the entity, from either form a user copies
    from ``hits``: ``us_ofac_sdn:22113`` or the entry id alone, ``22113``. Hits dismissed earlier
    count (a dismissal can be undone). Raises NotFound for a hit the entity does not have."""
    t = entity_hits
    stored = conn.execute(select(t.c.dataset, t.c.entry_id).where(t.c.entity_id == entity_id)).all()
    keys = {entry_key(dataset, entry) for dataset, entry in stored}
    keys |= {key for owner, key in _hit_log(conn) if owner == entity_id}
    text = hit.strip()
    if text in keys:
        return text
    found = sorted(k for k in keys if k.partition(":")[2] == text)
    if len(found) > 1:
        raise InputError(
            f"{text!r} is an entry of several lists for {entity_id}: give one of {', '.join(found)}"
        )
    if found:
        return found[0]
    known = f"its hits: {', '.join(sorted(keys))}" if keys else "it has no hits"
    raise NotFound(f"entity {entity_id!r} has no hit {text!r} ({known})")


HIT_DECISIONS = ("dismiss", "confirm")  # what a reviewer says of a hit; "undismiss"/"unconfirm" undo them


def review_hit(
    store: Store,
    entity_id: str,
    hit_id: str,
    decision: str,
    user: str = "cli",
    reason: str | None = None,
    *,
    undo: bool = False,
) -> int:
    """Record a reviewer's decision on a screening hit of an entity: ``dismiss`` (a false positive) or
    ``confirm`` (the party is the listed one, whatever the hit's grade), with a reason; ``undo`` takes
    the decision back. Returns the judgement id. Every decision is a row of the log; the last one on a
    hit says its state, so a hit is dismissed or confirmed, never both."""
    if decision not in HIT_DECISIONS:
        raise InputError(f"unknown decision {decision!r}; known: {', '.join(HIT_DECISIONS)}")
    with store.begin() as conn:
        _exists(conn, entity_id)
        entity_id = canonical(conn, entity_id)
        key = hit_key(conn, entity_id, hit_id)
        current = hit_decisions(conn).get((entity_id, key))
        if undo and current != decision:
            raise InputError(f"{key} of {entity_id} is not {decision}ed")
        if not undo and current == decision:
            raise InputError(f"{key} of {entity_id} is already {decision}ed")
        if not undo and current is not None:
            raise InputError(f"{key} of {entity_id} is {current}ed: undo that first")
        judgement = f"un{decision}" if undo else decision
        return record_judgement(conn, entity_id, key, judgement, "hit", user, note=reason)


def _hit_log(conn: Connection) -> dict[tuple[str, str], str]:
    """The last judgement on each (entity id, hit key): a decision or its undoing."""
    t = rt.judgements
    rows = conn.execute(
        select(t.c.left_id, t.c.right_id, t.c.judgement).where(t.c.kind == "hit").order_by(t.c.id)
    )
    return {(str(r[0]), str(r[1])): str(r[2]) for r in rows}


def hit_decisions(conn: Connection) -> dict[tuple[str, str], str]:
    """(entity id, hit key) → "dismiss" or "confirm", for hits whose last judgement is that decision."""
    return {pair: judgement for pair, judgement in _hit_log(conn).items() if judgement in HIT_DECISIONS}


def dismissed_hits(conn: Connection) -> set[tuple[str, str]]:
    """(entity id, hit key) pairs whose last judgement is a dismissal (an undo takes one back)."""
    return {pair for pair, decision in hit_decisions(conn).items() if decision == "dismiss"}


def list_judgements(store: Store, limit: int | None = 1000) -> list[Judgement]:
    t = rt.judgements
    with store.read() as conn:
        rows = conn.execute(select(t).order_by(t.c.id).limit(limit)).all()
    return [
        Judgement(
            r.id,
            r.left_id,
            r.right_id,
            r.judgement,
            r.kind,
            r.user,
            r.created_at.isoformat(timespec="seconds"),
            r.note,
        )
        for r in rows
    ]
