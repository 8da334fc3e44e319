"""``/graph``: an entity's neighbourhood, edges labelled by event type and weighted by article count."""

from __future__ import annotations

from fastapi import APIRouter, Query

from dealgraph.api import models as m
from dealgraph.api.deps import StoreDep
from dealgraph.store import views
from dealgraph.store.neighbourhood import neighbourhood

router = APIRouter(prefix="/graph", tags=["graph"])


@router.get(
    "", response_model=m.GraphOut, responses={404: {"model": m.Problem}}, summary="An entity's neighbourhood"
)
def get_graph(
    store: StoreDep,
    entity: str = Query(..., max_length=200, description="entity id at the centre"),
    depth: int = Query(1, ge=1, le=3, description="hops out from the entity"),
    max_nodes: int = Query(60, ge=2, le=300, description="the graph's page size: best-connected nodes kept"),
) -> m.GraphOut:
    hood = neighbourhood(store, views.canonical_id(store, entity), depth=depth, max_nodes=max_nodes)
    hits = views.hits_for(store, hood.nodes)
    return m.GraphOut(
        root=hood.root,
        depth=depth,
        truncated=hood.truncated,
        nodes=[
            m.NodeOut(
                id=n.id,
                name=n.name,
                type=n.type,
                hop=n.hop,
                hits=[m.HitOut.model_validate(h) for h in hits.get(n.id, [])],
            )
            for n in hood.nodes.values()
        ],
        edges=[m.EdgeOut.model_validate(e) for e in hood.edges],
    )
