"""Claims read back: filtered lists for the CLI and API, and a claim's reports with their articles,
named sources and syndicated copies (the raw material of its provenance chains).

Lists filter and page in SQL on the figures the grouping step keeps on each claim (origins, disputed),
so listing never reads every claim's reports.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, and_, func, select

from dealgraph.exc import NotFound
from dealgraph.store import claim_tables, event_tables, schema
from dealgraph.store.event_reads import CHUNK, evidence_text, in_article_entities, named_by
from dealgraph.store.store import Store

C, CE, CP = claim_tables.claims, claim_tables.claim_events, claim_tables.claim_parties
A, EV, D = schema.articles, event_tables.events, schema.duplicates


@dataclass(frozen=True)
class PartyView:
    entity_id: str
    name: str
    role: str  # party | project | place


@dataclass(frozen=True)
class CopyView:
    """A near-duplicate of a report's article (a syndicated copy): not stored, linked to it."""

    source: str
    doc_id: str | None
    seen_at: datetime


@dataclass(frozen=True)
class ReportView:
    """One event of a claim, with what its provenance needs."""

    event_id: str
    article_id: str
    title: str | None
    url: str | None
    outlet: str | None
    article_source: str
    published: date | None
    event_date: str | None
    modality: str
    source_id: str | None
    source_name: str | None
    evidence: str
    copies: tuple[CopyView, ...]


@dataclass(frozen=True)
class ClaimSummary:
    id: str
    type: str
    polarity: str | None
    date_min: str | None
    date_max: str | None
    reports: int
    origins: int
    disputed: bool
    modalities: tuple[str, ...]
    parties: tuple[PartyView, ...]


def _parties(conn: Connection, ids: list[str]) -> dict[str, list[PartyView]]:
    found: dict[str, list[PartyView]] = defaultdict(list)
    rows = conn.execute(
        select(CP.c.claim_id, CP.c.entity_id, CP.c.role, schema.entities.c.name)
        .select_from(CP.outerjoin(schema.entities, schema.entities.c.id == CP.c.entity_id))
        .where(CP.c.claim_id.in_(ids))
        .order_by(CP.c.claim_id, CP.c.role, CP.c.entity_id)
    )
    for r in rows:
        found[r.claim_id].append(PartyView(r.entity_id, r.name or r.entity_id, r.role))
    return found


def summaries(conn: Connection, rows: list[Any]) -> list[ClaimSummary]:
    parties = _parties(conn, [r.id for r in rows])
    return [
        ClaimSummary(
            r.id,
            r.type,
            r.polarity,
            r.date_min,
            r.date_max,
            r.reports,
            r.origins,
            bool(r.disputed),
            tuple(m for m in r.modalities.split(",") if m),
            tuple(parties[r.id]),
        )
        for r in rows
    ]


def list_claims(
    store: Store,
    entity_id: str | None = None,
    project_id: str | None = None,
    disputed: bool = False,
    single_source: bool = False,
    limit: int | None = 100,
    offset: int = 0,
) -> list[ClaimSummary]:
    """Claims, most reported first (then by id), filtered by a party, a project and their status."""
    conds: list[Any] = [C.c.merged_into.is_(None), C.c.reports > 0]
    if entity_id:
        conds.append(C.c.id.in_(select(CP.c.claim_id).where(CP.c.entity_id == entity_id)))
    if project_id:
        conds.append(
            C.c.id.in_(select(CP.c.claim_id).where(CP.c.entity_id == project_id, CP.c.role == "project"))
        )
    if disputed:
        conds.append(C.c.disputed.is_(True))
    if single_source:
        conds.append(C.c.origins == 1)
    stmt = select(C).where(and_(*conds))
    stmt = stmt.order_by(C.c.origins.desc(), C.c.reports.desc(), C.c.id).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    with store.read() as conn:
        return summaries(conn, list(conn.execute(stmt).all()))


def current_claim(conn: Connection, claim_id: str) -> str:
    """The claim an id stands for now: itself, or the claim it was merged into (NotFound if none)."""
    row = conn.execute(select(C.c.id, C.c.merged_into).where(C.c.id == claim_id)).first()
    if row is None:
        raise NotFound(f"no claim {claim_id!r}")
    return current_claim(conn, row.merged_into) if row.merged_into else str(row.id)


def get_claim(store: Store, claim_id: str) -> tuple[ClaimSummary, list[ReportView]]:
    """A claim (following merges) with its reports."""
    with store.read() as conn:
        claim_id = current_claim(conn, claim_id)
        row = conn.execute(select(C).where(C.c.id == claim_id)).one()
        return summaries(conn, [row])[0], reports_of(conn, [claim_id])[claim_id]


def reports_of(conn: Connection, claim_ids: list[str]) -> dict[str, list[ReportView]]:
    """Each claim's reports, earliest first (undated first, then by article and event id)."""
    rows = list(
        conn.execute(
            select(
                CE.c.claim_id,
                EV.c.id,
                EV.c.article_id,
                EV.c.modality,
                EV.c.source_key,
                EV.c.event_date,
                A.c.title,
                A.c.url,
                A.c.outlet,
                A.c.source,
                A.c.published,
                evidence_text().label("evidence"),
            )
            .select_from(CE.join(EV, EV.c.id == CE.c.event_id).join(A, A.c.id == EV.c.article_id))
            .where(CE.c.claim_id.in_(claim_ids))
        )
    )
    sources = in_article_entities(conn, {(r.article_id, r.source_key) for r in rows if r.source_key})
    articles = sorted({r.article_id for r in rows})
    copies: dict[str, list[CopyView]] = defaultdict(list)
    for i in range(0, len(articles), CHUNK):
        chunk = articles[i : i + CHUNK]
        for d in conn.execute(select(D).where(D.c.duplicate_of.in_(chunk)).order_by(D.c.seen_at, D.c.source)):
            copies[d.duplicate_of].append(CopyView(d.source, d.doc_id, d.seen_at))
    found: dict[str, list[ReportView]] = {c: [] for c in claim_ids}
    for r in rows:
        found[r.claim_id].append(
            ReportView(
                r.id,
                r.article_id,
                r.title,
                r.url,
                r.outlet,
                r.source,
                r.published,
                r.event_date,
                r.modality,
                *named_by(sources, r.article_id, r.source_key),
                str(r.evidence or ""),
                tuple(copies[r.article_id]),
            )
        )
    for reports in found.values():
        reports.sort(key=lambda v: (v.published or date.min, v.article_id, v.event_id))
    return found


def affiliations(conn: Connection, people: list[str]) -> dict[str, set[str]]:
    """The organisations and countries each of these entities holds a position in, from ROLE claims."""
    found: dict[str, set[str]] = defaultdict(set)
    for person in people:
        prefix = f"ROLE||agent={person}|"  # the key of a ROLE claim (claims/keys.claim_key)
        for key in conn.execute(
            select(C.c.key).where(C.c.type == "ROLE", C.c.key.startswith(prefix, autoescape=True))
        ).scalars():
            found[person].update(
                part.split("=", 1)[1] for part in key.split("|") if part.startswith("target=")
            )
    return found


def claim_of_event(store: Store, event_id: str) -> str | None:
    with store.read() as conn:
        found = conn.execute(select(CE.c.claim_id).where(CE.c.event_id == event_id)).scalar()
    return str(found) if found is not None else None


def event_claims(store: Store) -> dict[str, str]:
    """Every grouped event's claim id (for exports and the claims evaluation)."""
    with store.read() as conn:
        return {str(r.event_id): str(r.claim_id) for r in conn.execute(select(CE.c.event_id, CE.c.claim_id))}


def claims_of_events(store: Store, event_ids: list[str]) -> dict[str, str]:
    """The claim of each of these events that is in one (for pages that link events to their claim)."""
    found: dict[str, str] = {}
    with store.read() as conn:
        for i in range(0, len(event_ids), CHUNK):
            chunk = event_ids[i : i + CHUNK]
            rows = conn.execute(select(CE.c.event_id, CE.c.claim_id).where(CE.c.event_id.in_(chunk)))
            found.update({str(r.event_id): str(r.claim_id) for r in rows})
    return found


@dataclass(frozen=True)
class ClaimRecord:
    """A claim for the exports: its summary and the dates of its first and last stored report."""

    claim: ClaimSummary
    first_report: date | None
    last_report: date | None


def iter_claim_records(store: Store, chunk: int = CHUNK) -> list[ClaimRecord]:
    """Every claim that has reports (merged ones point elsewhere and are left out), by id."""
    records: list[ClaimRecord] = []
    with store.read() as conn:
        rows = list(
            conn.execute(select(C).where(C.c.merged_into.is_(None), C.c.reports > 0).order_by(C.c.id))
        )
        for i in range(0, len(rows), chunk):
            part = rows[i : i + chunk]
            dates = {
                r.claim_id: (r.first, r.last)
                for r in conn.execute(
                    select(
                        CE.c.claim_id,
                        func.min(A.c.published).label("first"),
                        func.max(A.c.published).label("last"),
                    )
                    .select_from(CE.join(EV, EV.c.id == CE.c.event_id).join(A, A.c.id == EV.c.article_id))
                    .where(CE.c.claim_id.in_([r.id for r in part]))
                    .group_by(CE.c.claim_id)
                )
            }
            for summary in summaries(conn, part):
                first, last = dates.get(summary.id, (None, None))
                records.append(ClaimRecord(summary, first, last))
    return records


def modality_histories(store: Store, claim_ids: list[str]) -> dict[str, list[tuple[str | None, str]]]:
    """Each claim's modality as its reports gave it over time: (day, modality) at each change, earliest
    first (undated reports first), for the ledger's "proposed, then agreed" beside a deal."""
    found: dict[str, list[tuple[str | None, str]]] = defaultdict(list)
    ordered = (CE.c.claim_id, EV.c.day.asc().nulls_first(), EV.c.article_id, EV.c.idx)
    with store.read() as conn:
        for i in range(0, len(claim_ids), CHUNK):
            rows = conn.execute(
                select(CE.c.claim_id, EV.c.day, EV.c.modality)
                .select_from(CE.join(EV, EV.c.id == CE.c.event_id))
                .where(CE.c.claim_id.in_(claim_ids[i : i + CHUNK]))
                .order_by(*ordered)
            )
            for r in rows:
                history = found[str(r.claim_id)]
                if not history or history[-1][1] != r.modality:
                    history.append((r.day, str(r.modality)))
    return dict(found)
