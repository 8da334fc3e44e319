"""The ``gexf`` export: a dynamic GEXF 1.2draft graph (the newest version networkx writes) for Gephi's
timeline.

Nodes are canonical entities under the ids the FtM and table exports give them (``export.ids``), with
their canonical name, type, mention count, a ``sanctioned`` flag (an undismissed screening hit says the
entity is on a loaded list today) and a ``start`` at the first article that names them. Edges go from an
event's agent to each other party (co-agents are not linked), one per event, labelled by event type and
starting on the event's own date, else its article's date.
"""

from __future__ import annotations

from typing import TextIO

from dealgraph.export.graph import build_graph
from dealgraph.export.ids import entity_id
from dealgraph.screen.asof import ListingLookup
from dealgraph.store.reader import list_entities
from dealgraph.store.store import Store

VERSION = "1.2draft"


def write_gexf(store: Store, out: TextIO) -> int:
    import networkx as nx  # type: ignore[import-untyped]  # networkx ships no type information

    graph = build_graph(store)
    names = {e.id: e.name for e in list_entities(store, limit=None)}
    with store.read() as conn:
        lookup = ListingLookup(conn)
    g = nx.MultiDiGraph(mode="dynamic")
    for node_id, (name, type_) in graph.nodes.items():
        attrs = {"label": names.get(node_id, name), "type": type_, "mentions": graph.mentions.get(node_id, 0),
                 "sanctioned": bool(lookup.listed_on(node_id, None)), "store_id": node_id}  # fmt: skip
        if node_id in graph.first_seen:
            attrs["start"] = graph.first_seen[node_id].isoformat()
        g.add_node(entity_id(node_id), **attrs)
    for (source, target, label), edge in graph.edges.items():
        for i, day in enumerate(edge.dates):
            attrs = {"label": label, "weight": 1.0, **({"start": day.isoformat()} if day else {})}
            g.add_edge(entity_id(source), entity_id(target), key=f"{label}-{i}", **attrs)
    for line in nx.generate_gexf(g, version=VERSION):
        out.write(line + "\n")
    return int(g.number_of_nodes())
