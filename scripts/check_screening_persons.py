"""The screening check on news: the N Person entities with the most mentions in a store, screened against
the OFAC SDN (2024-05-03), EU (269/2014) and UK (2025-08-11) lists, every hit printed with its grade for
a hand verdict (true or false; a false one must never be graded exact or strong).

    python scripts/check_screening_persons.py --db STORE.db [--persons 1000] [--json hits.json]

The lists are loaded into the store if it has none (as ``lists load`` would); the store is typically one
of the PolNeAR corpus (``dealgraph ingest ../shared/data/corpus/polnear/polnear-train.jsonl``).
"""

from __future__ import annotations

import argparse
import json
import os
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from dealgraph.screen.entities import _names, screen_names, snapshot_dates
from dealgraph.screen.history import lists_state, save_snapshot
from dealgraph.screen.loaders import read_list
from dealgraph.screen.stored_index import screening_index
from dealgraph.store import schema
from dealgraph.store.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DEALGRAPH_SHARED", ROOT / ".." / "shared"))
LISTS = [
    ("us_ofac_sdn", "us_ofac_sdn/sdn-2024-05-03.csv", "ofac-sdn", date(2024, 5, 3)),
    ("eu_fsf", "eu_fsf/eu-reg-269-2014.csv", "eu-csv", date(2025, 8, 1)),
    ("gb_hmt", "gb_hmt/uk-sanctions-list-2025-08-11.ods", "uk-ods", date(2025, 8, 11)),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--persons", type=int, default=1000)
    parser.add_argument("--json", type=Path)
    options = parser.parse_args()
    store = open_store(f"sqlite:///{options.db}")
    with store.begin() as conn:
        if lists_state(conn) is None:
            for dataset, path, fmt, day in LISTS:
                save_snapshot(conn, dataset, day, read_list(SHARED / "data" / "sanctions" / path, fmt))
    M, E, AE = schema.mentions, schema.entities, schema.article_entities
    mentioned = M.join(AE, (AE.c.article_id == M.c.article_id) & (AE.c.key == M.c.entity_key))
    with store.read() as conn:
        index = screening_index(conn)
        dates = snapshot_dates(conn)
        rows = conn.execute(
            select(E.c.id, E.c.name, func.count())
            .select_from(mentioned.join(E, E.c.id == AE.c.entity_id))
            .where(E.c.type == "Person")
            .group_by(E.c.id, E.c.name)
            .order_by(func.count().desc(), E.c.id)
            .limit(options.persons)
        ).all()
        work = [(r.id, r.name, _names(conn, r.id, r.name)) for r in rows]
    hits = [
        {"entity": entity_id, "name": name, "hit": h.key, "listed": h.name, "score": round(h.score, 3),
         "grade": h.grade, "relation": h.relation, "why": h.explanation}
        for entity_id, name, names in work
        for h in screen_names(index, names, "Person", dates)
    ]  # fmt: skip
    print(f"{len(work)} persons (the least with {rows[-1][2] if rows else 0} mentions); {len(hits)} hits")
    for h in hits:
        print(f"{h['grade']:9} {h['score']:.2f} {h['name'][:30]:30} -> {h['listed'][:42]:42} {h['hit']}")
    if options.json:
        options.json.write_text(json.dumps(hits, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
