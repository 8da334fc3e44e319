"""The claims step: a global step after resolution that puts every new event into one claim.

Incremental: only events in no claim yet are read; each is looked up under its key (type, polarity,
canonical parties; ``keys.py``) among the claims with that key, stored or made earlier in this run, and
joins the nearest compatible one or founds a new claim. The cost is one indexed lookup per distinct new
key, never a comparison with every stored event, and a new article never regroups the old ones.

Deterministic: new events are taken in a fixed order (article date, article id, event id), candidates are
tried nearest first and then by id, and a claim's id comes from the id of the event that founded it; the
stored events and canonical ids are the same on both engines and both stores, so the claims are too.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from dealgraph.claims.follow import follow_entities
from dealgraph.claims.keys import (
    CONTEXT_ROLES,
    ClaimEvent,
    amounts_compatible,
    comparable_span,
    context_compatible,
    date_span,
    dates_compatible,
    merge_span,
    split_roles,
)
from dealgraph.claims.outlets import Outlets, outlets
from dealgraph.claims.provenance import status
from dealgraph.store import claim_tables, event_tables, schema
from dealgraph.store.claim_reads import affiliations, reports_of
from dealgraph.store.store import Store

C, CE, CP = claim_tables.claims, claim_tables.claim_events, claim_tables.claim_parties
EV, ARG, A, AE, AM = (
    event_tables.events,
    event_tables.event_args,
    schema.articles,
    schema.article_entities,
    schema.amounts,
)
CHUNK = 400


@dataclass
class _Claim:
    id: str
    key: str
    type: str
    polarity: str | None
    span: tuple[date, date] | None
    context: set[tuple[str, str]]
    amounts: list[tuple[float, str]]
    parties: tuple[tuple[str, str], ...] = ()
    founded_by: str = ""
    new: bool = False
    joined: list[tuple[str, str]] = field(default_factory=list)  # (event id, method)


@dataclass(frozen=True)
class GroupingReport:
    events: int  # new events placed
    claims: int  # new claims founded
    touched: int  # claims that got reports (new ones included)


def claim_id(event_id: str) -> str:
    """A claim's id, from the event that founded it."""
    return "c" + hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15]


def group_claims(store: Store, known: Outlets | None = None, attempts: int = 3) -> GroupingReport:
    """Put every event that is in no claim yet into one; recompute the status of the claims touched.

    Two ingests into one store may group at once: both read the same unclaimed events, and the second to
    write finds the first's claims under the same ids (a unique-key clash). Its transaction is then rolled
    back and grouping runs again on what is now unclaimed, which is the same as if it had come second."""
    for attempt in range(attempts):
        try:
            with store.begin() as conn:
                return group_in(conn, known)
        except IntegrityError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def group_in(conn: Connection, known: Outlets | None = None) -> GroupingReport:
    """``group_claims`` in a transaction: first the claims follow changed canonical ids
    (``follow.py``), then the unclaimed events are placed."""
    followed = follow_entities(conn)
    pending = unclaimed(conn)
    index = _load(conn, {e.key for e in pending}) if pending else {}
    for event in pending:
        _place(index[event.key], event)
    touched = [c for claims in index.values() for c in claims if c.joined]
    _free_ids(conn, [c for c in touched if c.new])
    _write(conn, touched)
    refresh(conn, sorted({*followed, *(c.id for c in touched)}), known)
    return GroupingReport(len(pending), sum(c.new for c in touched), len(touched))


def _free_ids(conn: Connection, new: list[_Claim]) -> None:
    """A founding event whose id a claim holds already (it founded a claim, then a split took it out,
    ``follow.py``) founds its new claim under the next free id derived from it."""
    taken: set[str] = set()
    for i in range(0, len(new), CHUNK):
        ids = [c.id for c in new[i : i + CHUNK]]
        taken.update(conn.execute(select(C.c.id).where(C.c.id.in_(ids))).scalars())
    for claim in new:
        n = 0
        while claim.id in taken:
            n += 1
            candidate = claim_id(f"{claim.founded_by}#{n}")
            if conn.execute(select(C.c.id).where(C.c.id == candidate)).first() is None:
                claim.id = candidate


def _place(candidates: list[_Claim], event: ClaimEvent) -> None:
    fits = [
        c
        for c in candidates
        if dates_compatible(c.span, event.span)
        and context_compatible(tuple(c.context), event.context)
        and amounts_compatible(tuple(c.amounts), event.amounts)
    ]
    if fits:
        chosen = min(fits, key=lambda c: (_gap(c.span, event.span), c.id))
        chosen.joined.append((event.id, "grouped"))
    else:
        chosen = _Claim(
            claim_id(event.id),
            event.key,
            event.type,
            event.polarity,
            None,
            set(),
            [],
            event.parties,
            event.id,
            True,
        )
        chosen.joined.append((event.id, "founded"))
        candidates.append(chosen)
    chosen.span = merge_span(chosen.span, event.span)
    chosen.context.update(event.context)
    chosen.amounts.extend(a for a in event.amounts if a not in chosen.amounts)


def _gap(a: tuple[date, date] | None, b: tuple[date, date] | None) -> int:
    if a is None or b is None:
        return 0
    return max(0, (max(a[0], b[0]) - min(a[1], b[1])).days)


def unclaimed(conn: Connection) -> list[ClaimEvent]:
    """The events in no claim, as ``ClaimEvent``s with canonical ids, in grouping order."""
    rows = conn.execute(
        select(EV.c.id, EV.c.article_id, EV.c.type, EV.c.polarity, EV.c.event_date, A.c.published)
        .select_from(EV.join(A, A.c.id == EV.c.article_id).outerjoin(CE, CE.c.event_id == EV.c.id))
        .where(CE.c.event_id.is_(None))
    ).all()
    args: dict[str, list[tuple[str, str]]] = defaultdict(list)
    amounts: dict[str, list[tuple[float, str]]] = defaultdict(list)
    ids = [r.id for r in rows]
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        for a in conn.execute(
            select(ARG.c.event_id, ARG.c.role, AE.c.entity_id)
            .select_from(
                ARG.join(EV, EV.c.id == ARG.c.event_id).join(
                    AE, (AE.c.article_id == EV.c.article_id) & (AE.c.key == ARG.c.entity_key)
                )
            )
            .where(ARG.c.event_id.in_(chunk))
        ):
            args[a.event_id].append((a.role, a.entity_id))
        for m in conn.execute(
            select(ARG.c.event_id, AM.c.value, AM.c.min, AM.c.max, AM.c.currency, AM.c.unit)
            .select_from(
                ARG.join(EV, EV.c.id == ARG.c.event_id).join(
                    AM, (AM.c.article_id == EV.c.article_id) & (AM.c.idx == ARG.c.amount_idx)
                )
            )
            .where(ARG.c.event_id.in_(chunk))
        ):
            value = m.value if m.value is not None else (m.max if m.max is not None else m.min)
            if value is not None:
                amounts[m.event_id].append((float(value), str(m.currency or m.unit or "")))
    events = [_event(r, args[r.id], amounts[r.id]) for r in rows]
    events.sort(key=lambda e: (e.span is None, e.span[0] if e.span else date.min, e.article_id, e.id))
    return events


def _event(row: Any, args: list[tuple[str, str]], amounts: list[tuple[float, str]]) -> ClaimEvent:
    parties, context = split_roles(row.type, args)
    if not parties:  # only a project named: that is what the fact is about
        parties, context = context, ()
    return ClaimEvent(
        row.id,
        row.article_id,
        row.type,
        row.polarity,
        parties,
        context,
        comparable_span(row.type, date_span(row.event_date, row.published)),
        tuple(sorted(set(amounts))),
    )


def _load(conn: Connection, keys: Iterable[str]) -> dict[str, list[_Claim]]:
    """The stored claims under these keys, each with its date span, context and amounts."""
    index: dict[str, list[_Claim]] = defaultdict(list)
    wanted = sorted(keys)
    for i in range(0, len(wanted), CHUNK):
        rows = conn.execute(
            select(C).where(C.c.key.in_(wanted[i : i + CHUNK]), C.c.merged_into.is_(None)).order_by(C.c.id)
        ).all()
        context: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for p in conn.execute(
            select(CP).where(CP.c.claim_id.in_([r.id for r in rows]), CP.c.role.in_(sorted(CONTEXT_ROLES)))
        ):
            context[p.claim_id].add((p.role, p.entity_id))
        for r in rows:
            span = (date.fromisoformat(r.date_min), date.fromisoformat(r.date_max)) if r.date_min else None
            amounts = [(float(v), str(u)) for v, u in r.amounts]
            index[r.key].append(_Claim(r.id, r.key, r.type, r.polarity, span, context[r.id], amounts))
    return index


def _write(conn: Connection, touched: list[_Claim]) -> None:
    for claim in touched:
        values = {
            "date_min": claim.span[0].isoformat() if claim.span else None,
            "date_max": claim.span[1].isoformat() if claim.span else None,
            "amounts": [list(a) for a in claim.amounts],
        }
        if claim.new:
            conn.execute(
                insert(C).values(
                    id=claim.id,
                    key=claim.key,
                    type=claim.type,
                    polarity=claim.polarity,
                    founded_by=claim.founded_by,
                    reports=0,
                    origins=0,
                    disputed=False,
                    modalities="",
                    **values,
                )
            )
        else:
            conn.execute(update(C).where(C.c.id == claim.id).values(**values))
        conn.execute(
            insert(CE), [{"event_id": e, "claim_id": claim.id, "method": m} for e, m in claim.joined]
        )
        have = set()
        if not claim.new:
            have = {(r.role, r.entity_id) for r in conn.execute(select(CP).where(CP.c.claim_id == claim.id))}
        wanted = {("party", entity) for _, entity in claim.parties} | claim.context
        fresh = sorted(wanted - have)
        if fresh:
            conn.execute(insert(CP), [{"claim_id": claim.id, "role": r, "entity_id": e} for r, e in fresh])


def refresh(conn: Connection, claim_ids: list[str], known: Outlets | None = None) -> None:
    """Recompute the stored figures (reports, origins, disputed, modalities) of these claims."""
    known = known or outlets()
    for i in range(0, len(claim_ids), CHUNK):
        chunk = claim_ids[i : i + CHUNK]
        parties: dict[str, set[str]] = defaultdict(set)
        for p in conn.execute(select(CP).where(CP.c.claim_id.in_(chunk), CP.c.role == "party")):
            parties[p.claim_id].add(p.entity_id)
        found_reports = reports_of(conn, chunk)
        denying = {
            r.source_id for reports in found_reports.values() for r in reports if r.modality == "denied"
        }
        roles = affiliations(conn, sorted(s for s in denying if s))
        for claim, reports in found_reports.items():
            found = status(reports, parties[claim], known, roles)
            conn.execute(
                update(C)
                .where(C.c.id == claim)
                .values(
                    reports=len(reports),
                    origins=len(found.origins),
                    disputed=found.disputed,
                    modalities=",".join(h.modality for h in found.history),
                )
            )
