"""``/claims``: reported deal facts across outlets, filtered by party, project and status, and one
claim with every report's provenance chain."""

from __future__ import annotations

from fastapi import APIRouter, Query

from dealgraph.api import claim_models as cm
from dealgraph.api import filters
from dealgraph.api import models as m
from dealgraph.api.deps import PagingDep, StoreDep
from dealgraph.claims.provenance import ClaimDetail, claim_detail
from dealgraph.store.claim_reads import ClaimSummary
from dealgraph.store.claim_reads import list_claims as read_claims

router = APIRouter(prefix="/claims", tags=["claims"])


def _item(claim: ClaimSummary) -> cm.ClaimItem:
    return cm.ClaimItem(
        id=claim.id,
        type=claim.type,
        polarity=claim.polarity,
        parties=[cm.ClaimPartyOut.model_validate(p) for p in claim.parties],
        date_min=claim.date_min,
        date_max=claim.date_max,
        reports=claim.reports,
        origins=claim.origins,
        single_source=claim.origins == 1,
        disputed=claim.disputed,
        modalities=list(claim.modalities),
    )


def _detail(detail: ClaimDetail) -> cm.ClaimOut:
    status = detail.status
    return cm.ClaimOut(
        **_item(detail.claim).model_dump(),
        independent_origins=list(status.origins),
        why_disputed=status.why_disputed,
        history=[cm.FirstSeenOut.model_validate(h) for h in status.history],
        links=[cm.ClaimReportOut.model_validate(link) for link in detail.links],
    )


@router.get(
    "",
    response_model=m.Page[cm.ClaimItem],
    responses={404: {"model": m.Problem}},
    summary="Claims, most independently reported first",
)
def list_claims(
    store: StoreDep,
    page: PagingDep,
    entity: str | None = filters.entity_query("an entity id: claims it is a party to"),
    project: str | None = filters.entity_query("a project id: claims about it"),
    disputed: bool = Query(False, description="only claims some reports (or a party) deny"),
    single_source: bool = Query(False, description="only claims with one independent origin"),
) -> m.Page[cm.ClaimItem]:
    found = read_claims(
        store,
        filters.entity(store, entity),
        filters.entity(store, project),
        disputed,
        single_source,
        page.limit + 1,
        page.offset,
    )
    return m.Page.of(found, page, _item)


@router.get(
    "/{claim_id}",
    response_model=cm.ClaimOut,
    responses={404: {"model": m.Problem}},
    summary="A claim with every report's provenance chain",
)
def get_claim(claim_id: str, store: StoreDep) -> cm.ClaimOut:
    return _detail(claim_detail(store, claim_id))
