"""The brief's claims: each fact its events report, once, with how independently it was told.

For the events a brief covers, their claims (``dealgraph/claims``) with report count, independent
origins, the disputed and single-source flags, and the earliest stored report of each modality; every
such report is a citation like the brief's other lines (reusing the number when the events section
already cites that event).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from dealgraph.claims.provenance import ClaimDetail, claim_detail
from dealgraph.store import views
from dealgraph.store.claim_reads import claims_of_events
from dealgraph.store.store import Store


class CiteFn(Protocol):
    """Numbers a report as a citation of the brief: (event, article, title, published, sentence) → n."""

    def __call__(
        self, event_id: str, article_id: str, title: str | None, published: date | None, sentence: str
    ) -> int: ...


@dataclass(frozen=True)
class FirstReport:
    modality: str
    published: date | None
    cite: int


@dataclass(frozen=True)
class ClaimRow:
    claim_id: str
    type: str
    parties: tuple[tuple[str, str], ...]  # (role, name)
    reports: int
    origins: int
    disputed: bool
    why_disputed: str | None
    firsts: tuple[FirstReport, ...]  # in order of appearance

    @property
    def single_source(self) -> bool:
        return self.origins == 1

    @property
    def cite(self) -> int:
        return self.firsts[0].cite


def claim_rows(store: Store, event_ids: list[str], cite: CiteFn) -> list[ClaimRow]:
    """The claims of these events, most independently reported first; ``cite`` numbers a report."""
    ids = sorted(set(claims_of_events(store, event_ids).values()))
    details = [claim_detail(store, claim_id) for claim_id in ids]
    details.sort(key=lambda d: (-len(d.status.origins), -d.claim.reports, d.claim.id))
    titles = views.article_titles(store, {link.article_id for d in details for link in d.links})
    return [_row(d, cite, titles) for d in details if d.links]


def _row(detail: ClaimDetail, cite: CiteFn, titles: dict[str, tuple[str | None, date | None]]) -> ClaimRow:
    stored = {link.event_id: link for link in detail.links if link.copy_of is None}
    firsts = []
    for seen in detail.status.history:  # each modality's earliest report, as ``claims.provenance`` finds it
        link = stored[seen.event_id]
        title, _ = titles.get(link.article_id, (None, None))
        n = cite(link.event_id, link.article_id, title, link.published, link.evidence)
        firsts.append(FirstReport(seen.modality, seen.published, n))
    claim, status = detail.claim, detail.status
    return ClaimRow(
        claim.id,
        claim.type,
        tuple((p.role, p.name) for p in claim.parties),
        claim.reports,
        len(status.origins),
        status.disputed,
        status.why_disputed,
        tuple(firsts),
    )
