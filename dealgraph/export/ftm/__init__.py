"""FollowTheMoney export, for Aleph, OpenSanctions and nomenklatura tooling: whole entities (one line
per entity, its values gathered from every article) of the ``dealgraph`` dataset, with statement
provenance, that ``ftm validate``, ``ftm aggregate`` and nomenklatura's stores take as they are.

``documents.py`` maps articles, entities and mentions; ``events.py`` events; ``screening.py`` screening
hits; ``statements.py`` holds the values with their provenance and checks each entity before it is
written; ids come from ``export.ids``, shared with the GEXF and table exports.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dealgraph.claims.keys import symmetric_types
from dealgraph.export.ftm.documents import add_article
from dealgraph.export.ftm.events import EventWriter
from dealgraph.export.ftm.screening import add_hit
from dealgraph.export.ftm.statements import DATASET, Statements
from dealgraph.export.ids import entity_id
from dealgraph.screen.asof import ListingLookup
from dealgraph.store.reader import iter_articles, list_entities
from dealgraph.store.store import Store

__all__ = ["DATASET", "ftm_entities"]


def ftm_entities(store: Store) -> Iterator[dict[str, Any]]:
    """Every entity of the export, each once and whole, checked against its schema."""
    canonical = {e.id: (e.name, e.type) for e in list_entities(store, limit=None)}
    symmetric = symmetric_types()
    out = Statements()
    for article in iter_articles(store):
        parties = add_article(out, article, canonical)
        amounts = {a.idx: a for a in article.amounts}
        writer = EventWriter(out, parties, symmetric)
        for ev in article.events:
            writer.write(ev, amounts)
    with store.read() as conn:
        lookup = ListingLookup(conn)
    for store_id, hits in sorted(lookup.by_entity.items()):
        candidate = entity_id(store_id)
        if candidate in out:
            for hit in hits:
                add_hit(out, candidate, hit)
    yield from out.emit()
