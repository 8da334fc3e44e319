"""The entity graph: canonical entities as nodes, event participation as labelled, weighted edges."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from dealgraph.store.reader import iter_articles
from dealgraph.store.store import Store


@dataclass
class Edge:
    source: str
    target: str
    label: str  # event type
    articles: set[str] = field(default_factory=set)
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (article id, sentence)


@dataclass
class Graph:
    nodes: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (name, type)
    edges: dict[tuple[str, str, str], Edge] = field(default_factory=dict)


def build_graph(store: Store) -> Graph:
    graph = Graph()
    mentions: dict[str, int] = defaultdict(int)
    for article in iter_articles(store):
        ids = {e.key: e.entity_id for e in article.entities}
        for e in article.entities:
            graph.nodes.setdefault(e.entity_id, (e.name, e.type))
            mentions[e.entity_id] += len(e.mentions)
        for ev in article.events:
            agent = next((a.entity_key for a in ev.args if a.role == "agent" and a.entity_key), None)
            if agent is None:
                continue
            for arg in ev.args:
                if arg.role == "agent" or not arg.entity_key or arg.entity_key not in ids:
                    continue
                key = (ids[agent], ids[arg.entity_key], ev.type)
                edge = graph.edges.setdefault(key, Edge(key[0], key[1], ev.type))
                edge.articles.add(article.id)
                if len(edge.evidence) < 5:
                    edge.evidence.append((article.id, ev.evidence))
    return graph
