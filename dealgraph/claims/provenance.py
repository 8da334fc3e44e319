"""Who says a claim, who repeats it, who denies it: provenance chains, independence and status.

Each report (an event of the claim) has a chain from the outlet that published it to the source it
names ("UNN ← Bloomberg"); a syndicated copy of its article adds the copying site in front. Reports
are independent only when their origins differ, and an origin is, in order: the outlet a named source
is ("according to Bloomberg" is Bloomberg), else the named source itself ("Peskov said"), else the
publishing outlet when it is known, else the article alone. So syndicated copies (near-duplicates, not
stored again), several articles of one outlet, and reports naming one original source all count once.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date

from dealgraph.claims.outlets import Outlet, Outlets, outlets
from dealgraph.store.claim_reads import ClaimSummary, ReportView, affiliations, get_claim
from dealgraph.store.store import Store

ARROW = " ← "


@dataclass(frozen=True)
class Link:
    """One published report of a claim: a stored article's event, or a syndicated copy of it."""

    event_id: str
    article_id: str
    outlet: Outlet
    source_id: str | None
    source_name: str | None
    published: date | None
    modality: str
    origin: str
    chain: str
    copy_of: str | None = None  # the article a syndicated copy repeats
    evidence: str = ""  # the sentence of the stored article that reports it


@dataclass(frozen=True)
class FirstSeen:
    modality: str
    published: date | None
    article_id: str
    event_id: str  # the report itself (a brief cites its sentence)


@dataclass(frozen=True)
class Status:
    origins: tuple[str, ...]
    disputed: bool
    why_disputed: str | None
    history: tuple[FirstSeen, ...]  # each modality with its earliest report, in order of appearance

    @property
    def single_source(self) -> bool:
        return len(self.origins) == 1


def origin_of(report: ReportView, outlet: Outlet, outlets: Outlets) -> str:
    named = outlets.named(report.source_name)
    if named is not None:
        return f"outlet:{named.id}"
    if report.source_id:
        return f"source:{report.source_id}"
    if outlet.id != "unknown":
        return f"outlet:{outlet.id}"
    return f"article:{report.article_id}"


def links(reports: list[ReportView], outlets: Outlets) -> list[Link]:
    """Every published report, stored articles first and each followed by its copies."""
    result: list[Link] = []
    for r in reports:
        outlet = outlets.of_article(r.outlet, r.url, r.article_source)
        origin = origin_of(r, outlet, outlets)
        chain = ARROW.join(n for n in (outlet.name, r.source_name) if n)
        result.append(
            Link(
                r.event_id,
                r.article_id,
                outlet,
                r.source_id,
                r.source_name,
                r.published,
                r.modality,
                origin,
                chain,
                evidence=r.evidence,
            )
        )
        for c in r.copies:
            site = outlets.of_article(None, c.source, c.source)
            result.append(
                Link(
                    r.event_id,
                    c.doc_id or c.source,
                    site,
                    r.source_id,
                    r.source_name,
                    c.seen_at.date() if r.published is None else r.published,
                    r.modality,
                    origin,
                    ARROW.join((site.name, chain)),
                    copy_of=r.article_id,
                    evidence=r.evidence,
                )
            )
    return result


def status(
    reports: list[ReportView],
    parties: Collection[str],
    outlets: Outlets,
    affiliations: Mapping[str, Collection[str]] | None = None,
) -> Status:
    """Independent origins, whether the claim is disputed (and why), and its modality history.

    A denial is a party's when its named source is a party, or holds a position in one
    (``affiliations``: source id → the ids its ROLE claims name, "Lavrov, Russia's foreign minister").
    """
    affiliations = affiliations or {}
    origins = sorted(
        {origin_of(r, outlets.of_article(r.outlet, r.url, r.article_source), outlets) for r in reports}
    )
    denied = [r for r in reports if r.modality == "denied"]
    why: str | None = None
    by_party = next(
        (
            r
            for r in denied
            if r.source_id
            and (r.source_id in parties or set(affiliations.get(r.source_id, ())) & set(parties))
        ),
        None,
    )
    if by_party is not None:
        why = f"denied by a party, {by_party.source_name or by_party.source_id} ({by_party.article_id})"
    elif denied and len(denied) < len(reports):
        why = f"{len(reports) - len(denied)} report(s) assert it, {len(denied)} deny it"
    dated = sorted(reports, key=lambda r: (r.published is None, r.published or date.min, r.article_id))
    history: dict[str, FirstSeen] = {}
    for r in dated:
        history.setdefault(r.modality, FirstSeen(r.modality, r.published, r.article_id, r.event_id))
    return Status(tuple(origins), why is not None, why, tuple(history.values()))


@dataclass(frozen=True)
class ClaimDetail:
    claim: ClaimSummary
    links: tuple[Link, ...]
    status: Status


def claim_detail(store: Store, claim_id: str, known: Outlets | None = None) -> ClaimDetail:
    """A claim with every published report's chain, its independent origins and its status."""
    known = known or outlets()
    claim, reports = get_claim(store, claim_id)
    parties = [p.entity_id for p in claim.parties if p.role == "party"]
    denying = sorted({r.source_id for r in reports if r.modality == "denied" and r.source_id})
    with store.read() as conn:
        roles = affiliations(conn, denying)
    return ClaimDetail(claim, tuple(links(reports, known)), status(reports, parties, known, roles))
