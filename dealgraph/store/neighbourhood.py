"""An entity's neighbourhood in the graph, read with a few indexed queries per hop.

Same edges as ``export/graph.py`` (an event's agent linked to each other entity in it, labelled by
event type, weighted by the number of articles, with evidence sentences), but only around one entity
and only ``depth`` hops out, so it answers in milliseconds on a large store instead of walking every
article. Hub entities would flood a view: each hop keeps the ``max_nodes`` best-connected new nodes,
and the next hop expands only from the ``FRONTIER_MAX`` best-connected of those.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Connection, and_, func, literal, select, union_all

from dealgraph.exc import NotFound
from dealgraph.store import event_tables, schema
from dealgraph.store.store import Store

A, E, AE = schema.articles, schema.entities, schema.article_entities
EV, ARG = event_tables.events, event_tables.event_args
MAX_EVENTS_PER_HOP = 2000
FRONTIER_MAX = 12  # beyond the first hop, expand from the best-connected nodes only
EVIDENCE_PER_EDGE = 2


@dataclass(frozen=True)
class Evidence:
    article_id: str
    event_id: str
    sentence: str


@dataclass
class GraphEdge:
    source: str
    target: str
    label: str
    articles: set[str] = field(default_factory=set)
    events: list[tuple[str, str, int, int]] = field(default_factory=list)  # (event id, article, start, end)
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
    meta: dict[str, tuple[str, str, int, int]] = {}
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i : i + 500]
        rows = conn.execute(
            select(
                ARG.c.event_id,
                ARG.c.role,
                AE.c.entity_id,
                EV.c.type,
                EV.c.article_id,
                EV.c.evidence_start,
                EV.c.evidence_end,
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
            meta[r.event_id] = (r.type, r.article_id, r.evidence_start, r.evidence_end)
    for event_id, args in by_event.items():
        agent = next((eid for role, eid in args if role == "agent"), None)
        if agent is None:
            continue
        kind, article_id, start, end = meta[event_id]
        for role, other in args:
            if role == "agent" or other == agent:
                continue
            key = (agent, other, kind)
            edge = edges.setdefault(key, GraphEdge(agent, other, kind))
            edge.articles.add(article_id)
            if len(edge.events) < EVIDENCE_PER_EDGE and all(a != article_id for _, a, _, _ in edge.events):
                edge.events.append((event_id, article_id, start, end))
    return edges


def _attach_evidence(conn: Connection, edges: list[GraphEdge]) -> None:
    spans = {(a, s, e) for edge in edges for _, a, s, e in edge.events}
    if not spans:
        return
    texts: dict[tuple[str, int, int], str] = {}
    items = sorted(spans)
    for i in range(0, len(items), 200):
        chunk = items[i : i + 200]
        pieces = [
            select(literal(n).label("n"), func.substr(A.c.text, s + 1, e - s).label("sentence")).where(
                A.c.id == a
            )
            for n, (a, s, e) in enumerate(chunk)
        ]
        for row in conn.execute(union_all(*pieces)):
            texts[chunk[int(row.n)]] = str(row.sentence or "")
    for edge in edges:
        edge.evidence = [Evidence(a, ev, texts.get((a, s, e), "")) for ev, a, s, e in edge.events]


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


__all__ = ["Evidence", "GraphEdge", "GraphNode", "Neighbourhood", "neighbourhood"]
