"""The entity graph: canonical entities as nodes (with mention counts and first article dates), event
participation as labelled, weighted edges (with each event's day)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from dealgraph.screen.asof import event_day
from dealgraph.store.reader import iter_articles
from dealgraph.store.store import Store


@dataclass
class Edge:
    source: str
    target: str
    label: str  # event type
    articles: set[str] = field(default_factory=set)
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (article id, sentence)
    dates: list[date | None] = field(default_factory=list)  # each event's day (its own, else its article's)


@dataclass
class Graph:
    nodes: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (name, type)
    edges: dict[tuple[str, str, str], Edge] = field(default_factory=dict)
    mentions: dict[str, int] = field(default_factory=dict)  # id -> mentions across articles
    first_seen: dict[str, date] = field(default_factory=dict)  # id -> first article date


def build_graph(store: Store) -> Graph:
    graph = Graph()
    mentions: dict[str, int] = defaultdict(int)
    for article in iter_articles(store):
        ids = {e.key: e.entity_id for e in article.entities}
        for e in article.entities:
            graph.nodes.setdefault(e.entity_id, (e.name, e.type))
            mentions[e.entity_id] += len(e.mentions)
            if article.published and article.published < graph.first_seen.get(e.entity_id, date.max):
                graph.first_seen[e.entity_id] = article.published
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
                edge.dates.append(event_day(ev.event_date, ev.published))
                if len(edge.evidence) < 5:
                    edge.evidence.append((article.id, ev.evidence))
    graph.mentions = dict(mentions)
    return graph
