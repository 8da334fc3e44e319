"""An entity's neighbourhood in the graph, read with a few indexed queries per hop.

Same edges as ``export/graph.py`` (an event's agent linked to each other entity in it, labelled by
event type, weighted by the number of articles, with evidence: each cited event's sentence, modality,
named source and dates, read by ``event_reads.events_by_id`` as every other event is), but only around
one entity and only ``depth`` hops out, so it answers in milliseconds on a large store instead of
walking every article. Hub entities would flood a view: each hop keeps the ``max_nodes``
best-connected new nodes, and the next hop expands only from the ``FRONTIER_MAX`` best-connected of
those.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, and_, func, select

from dealgraph.exc import NotFound
from dealgraph.store import event_tables, schema
from dealgraph.store.event_reads import events_by_id
from dealgraph.store.store import Store

A, E, AE = schema.articles, schema.entities, schema.article_entities
EV, ARG = event_tables.events, event_tables.event_args
MAX_EVENTS_PER_HOP = 2000
FRONTIER_MAX = 12  # beyond the first hop, expand from the best-connected nodes only
EVIDENCE_PER_EDGE = 2


@dataclass(frozen=True)
class Evidence:
    """One event behind an edge: where it is said, how (modality), by whom, and when."""

    article_id: str
    event_id: str
    sentence: str
    modality: str = "asserted"
    source_id: str | None = None  # the named source ("according to Reuters"); None: the article itself
    source_name: str | None = None
    event_date: str | None = None  # the event's own date as extracted (may be a month or a year)
    published: date | None = None  # the article's date


@dataclass
class GraphEdge:
    source: str
    target: str
    label: str
    articles: set[str] = field(default_factory=set)
    events: list[tuple[str, str]] = field(default_factory=list)  # (event id, article) cited as evidence
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def weight(self) -> int:
        return len(self.articles)


@dataclass(frozen=True)
class GraphNode:
    id: str
    name: str
    type: str
    hop: int


@dataclass
class Neighbourhood:
    root: str
    nodes: dict[str, GraphNode]
    edges: list[GraphEdge]
    truncated: bool = False


def _hop_events(conn: Connection, frontier: set[str]) -> list[str]:
    """Ids of events in which an entity of the frontier fills a role (most recent articles first)."""
    stmt = (
        select(ARG.c.event_id)
        .select_from(
            AE.join(EV, EV.c.article_id == AE.c.article_id).join(
                ARG, and_(ARG.c.event_id == EV.c.id, ARG.c.entity_key == AE.c.key)
            )
        )
        .where(AE.c.entity_id.in_(sorted(frontier)))
        .distinct()
        .limit(MAX_EVENTS_PER_HOP)
    )
    return [str(i) for i in conn.execute(stmt).scalars()]


def _edges(conn: Connection, event_ids: list[str]) -> dict[tuple[str, str, str], GraphEdge]:
    edges: dict[tuple[str, str, str], GraphEdge] = {}
    by_event: dict[str, list[tuple[str, str]]] = defaultdict(list)  # event -> [(role, entity id)]
    meta: dict[str, tuple[str, str]] = {}
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i : i + 500]
        rows = conn.execute(
            select(
                ARG.c.event_id,
                ARG.c.role,
                AE.c.entity_id,
                EV.c.type,
                EV.c.article_id,
            )
            .select_from(
                ARG.join(EV, EV.c.id == ARG.c.event_id).join(
                    AE, and_(AE.c.article_id == EV.c.article_id, AE.c.key == ARG.c.entity_key)
                )
            )
            .where(ARG.c.event_id.in_(chunk))
            .order_by(ARG.c.event_id, ARG.c.pos)
        ).all()
        for r in rows:
            by_event[r.event_id].append((r.role, r.entity_id))
            meta[r.event_id] = (r.type, r.article_id)
    for event_id, args in by_event.items():
        agent = next((eid for role, eid in args if role == "agent"), None)
        if agent is None:
            continue
        kind, article_id = meta[event_id]
        for role, other in args:
            if role == "agent" or other == agent:
                continue
            key = (agent, other, kind)
            edge = edges.setdefault(key, GraphEdge(agent, other, kind))
            edge.articles.add(article_id)
            if len(edge.events) < EVIDENCE_PER_EDGE and all(a != article_id for _, a in edge.events):
                edge.events.append((event_id, article_id))
    return edges


def _attach_evidence(conn: Connection, edges: list[GraphEdge]) -> None:
    ids = sorted({event_id for edge in edges for event_id, _ in edge.events})
    found = {}
    for i in range(0, len(ids), 500):
        found.update({ev.id: ev for ev in events_by_id(conn, ids[i : i + 500])})
    for edge in edges:
        edge.evidence = [
            Evidence(
                ev.article_id,
                ev.id,
                ev.evidence,
                ev.modality,
                ev.source_id,
                ev.source_name,
                ev.event_date,
                ev.published,
            )
            for ev in (found.get(event_id) for event_id, _ in edge.events)
            if ev is not None
        ]


def neighbourhood(store: Store, entity_id: str, depth: int = 1, max_nodes: int = 60) -> Neighbourhood:
    """Nodes and edges within ``depth`` hops of an entity, at most ``max_nodes`` nodes."""
    with store.read() as conn:
        root = conn.execute(select(E.c.id, E.c.name, E.c.type).where(E.c.id == entity_id)).first()
        if root is None:
            raise NotFound(f"no entity {entity_id!r}")
        hop_of: dict[str, int] = {entity_id: 0}
        frontier = {entity_id}
        edges: dict[tuple[str, str, str], GraphEdge] = {}
        truncated = False
        for hop in range(1, depth + 1):
            if not frontier:
                break
            event_ids = _hop_events(conn, frontier)
            truncated = truncated or len(event_ids) >= MAX_EVENTS_PER_HOP
            found = _edges(conn, event_ids)
            weight: dict[str, int] = defaultdict(int)
            for edge in found.values():
                for end in (edge.source, edge.target):
                    if end not in hop_of:
                        weight[end] += edge.weight
            room = max_nodes - len(hop_of)
            ranked = sorted(weight, key=lambda n: (-weight[n], n))
            truncated = truncated or len(ranked) > room
            new = ranked[: max(room, 0)]
            for node in new:
                hop_of[node] = hop
            for key, edge in found.items():
                if edge.source in hop_of and edge.target in hop_of:
                    edges.setdefault(key, edge)
            frontier = set(new[:FRONTIER_MAX])
            truncated = truncated or (len(new) > FRONTIER_MAX and hop < depth)
        names = {
            str(r.id): (str(r.name), str(r.type))
            for r in conn.execute(select(E.c.id, E.c.name, E.c.type).where(E.c.id.in_(list(hop_of))))
        }
        edge_list = sorted(edges.values(), key=lambda x: (-x.weight, x.source, x.target, x.label))
        _attach_evidence(conn, edge_list)
    nodes = {n: GraphNode(n, *names.get(n, (n, "")), hop) for n, hop in hop_of.items()}
    return Neighbourhood(entity_id, nodes, edge_list, truncated)


@dataclass(frozen=True)
class Hub:
    id: str
    name: str
    type: str
    events: int  # the events it takes part in, any role


def hubs(store: Store, limit: int = 8) -> list[Hub]:
    """The entities in the most events (any role), most first: where a graph is worth starting from."""
    n_events = func.count(func.distinct(ARG.c.event_id))
    stmt = (
        select(E.c.id, E.c.name, E.c.type, n_events)
        .select_from(
            ARG.join(EV, EV.c.id == ARG.c.event_id)
            .join(AE, and_(AE.c.article_id == EV.c.article_id, AE.c.key == ARG.c.entity_key))
            .join(E, E.c.id == AE.c.entity_id)
        )
        .group_by(E.c.id, E.c.name, E.c.type)
        .order_by(n_events.desc(), E.c.id)
        .limit(limit)
    )
    with store.read() as conn:
        return [Hub(str(r[0]), str(r[1]), str(r[2]), int(r[3])) for r in conn.execute(stmt)]


__all__ = ["Evidence", "GraphEdge", "GraphNode", "Hub", "Neighbourhood", "hubs", "neighbourhood"]
