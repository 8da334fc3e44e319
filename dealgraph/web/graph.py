"""The graph page: an entity's neighbourhood drawn by ``static/graph.js``, with its legend, or, without
an entity, where to start (a search box and the entities in the most events).

The legend is rendered here, server-side, and is what ``graph.js`` reads its colours and shapes from
(each swatch carries ``data-node``/``data-edge``), so the drawing and its key cannot disagree. Node
colours are the stylesheet's entity-type colours; edge colours are one per event type of
``extract/data/events.yaml`` (and ROLE), assigned below.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from dealgraph.api.deps import StoreDep
from dealgraph.model import ENTITY_TYPES
from dealgraph.store import views
from dealgraph.store.neighbourhood import hubs
from dealgraph.web.rendering import form_entity, page

router = APIRouter(include_in_schema=False)

# Each entity type's shape (cytoscape's names; the legend draws the same with CSS) and its stylesheet
# colour variable (desk.css), so a type reads by shape as well as by colour.
NODE_STYLES: dict[str, tuple[str, str]] = {
    "Person": ("ellipse", "--person-b"),
    "Organization": ("round-rectangle", "--org-b"),
    "Country": ("diamond", "--country-b"),
    "Location": ("triangle", "--location-b"),
    "Project": ("hexagon", "--project-b"),
}
# One colour per event type: talks in blues and greens, money in orange, pressure in reds and browns.
EDGE_COLOURS: dict[str, str] = {
    "PROPOSE": "#4e79a7",
    "NEGOTIATE": "#17a2b8",
    "MEET": "#59a14f",
    "AGREE": "#1b6e3a",
    "INVEST": "#f28e2b",
    "COOPERATE": "#b5a300",
    "SANCTION": "#7b1f3a",
    "FREEZE": "#6baed6",
    "SUE": "#9467bd",
    "OPPOSE": "#e15759",
    "EXIT": "#8c564b",
    "RETURN": "#d37295",
    "ROLE": "#9aa3b5",
}
OTHER_EDGE = "#a9b6cf"  # a type added to events.yaml before it is given a colour here


@dataclass(frozen=True)
class EdgeKey:
    type: str
    colour: str


def edge_legend() -> list[EdgeKey]:
    """Every event type the extractor knows, in ``events.yaml`` order, then ROLE, with its colour."""
    from dealgraph.extract.events.lexicon import event_types  # the types of extract/data/events.yaml

    names = [*(t.name for t in event_types()), "ROLE"]
    return [EdgeKey(name, EDGE_COLOURS.get(name, OTHER_EDGE)) for name in names]


@router.get("/ui/graph", response_class=HTMLResponse)
def graph(
    request: Request,
    store: StoreDep,
    entity: str | None = Query(None, max_length=200, description="an entity id or name"),
    depth: int = Query(1, ge=1, le=3),
) -> HTMLResponse:
    entity_id = form_entity(store, entity)
    names = views.entity_names(store, [entity_id] if entity_id else [])
    if entity_id is None or entity_id not in names:
        starts = hubs(store)
        return page(
            request,
            "graph.html",
            status=404 if entity and entity.strip() else 200,
            entity_id=None,
            asked=(entity or "").strip(),
            hubs=starts,
            screening=views.hits_for(store, [h.id for h in starts]),
        )
    return page(
        request,
        "graph.html",
        entity_id=entity_id,
        name=names[entity_id][0],
        depth=depth,
        node_styles=[(t, *NODE_STYLES[t]) for t in ENTITY_TYPES if t in NODE_STYLES],
        edge_legend=edge_legend(),
    )
