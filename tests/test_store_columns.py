"""The store's shared key columns (``store/columns.py``): every foreign key is exactly as wide as the id it
names, and the ids kept without a foreign key (screening, claims, alerts) are as wide as the ids they copy."""

from __future__ import annotations

import importlib
import pkgutil

import dealgraph.store
from dealgraph.store import columns
from dealgraph.store.schema import metadata

for _info in pkgutil.iter_modules(dealgraph.store.__path__):  # every table module, so metadata has all
    importlib.import_module(f"dealgraph.store.{_info.name}")


def test_every_reference_has_the_type_of_the_id_it_names() -> None:
    references = [(fk.parent, fk.column) for table in metadata.sorted_tables for fk in table.foreign_keys]
    assert len(references) >= 15
    wrong = [
        f"{a.table.name}.{a.name} {a.type!r} -> {b.table.name}.{b.name} {b.type!r}"
        for a, b in references
        if repr(a.type) != repr(b.type)
    ]
    assert wrong == []


def test_entity_ids_without_a_foreign_key_are_as_wide_as_entities_id() -> None:
    copies = {
        "entity_links": "entity_id",
        "entity_hits": "entity_id",
        "screened": "entity_id",
        "claim_parties": "entity_id",
        "watchlist": "item_id",
        "alerts": "item_id",
        "alert_claim_state": "item_id",
    }
    width = metadata.tables["entities"].c.id.type.length
    assert width == columns.ENTITY_ID
    assert {t: metadata.tables[t].c[c].type.length for t, c in copies.items()} == dict.fromkeys(copies, width)
