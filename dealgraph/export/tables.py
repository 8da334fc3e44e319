"""The ``tables`` export: one Parquet file and one CSV file per record kind, with ids everywhere, for
DuckDB, pandas or any dataframe tool to load as they are.

Tables and their keys: ``articles`` (id), ``entities`` (id), ``names`` (entity_id, name),
``mentions`` (article_id, entity_key, start), ``amounts`` (article_id, idx), ``events`` (id),
``event_args`` (event_id, pos; ``entity_id`` → entities, ``amount_idx`` → amounts of the event's
article), ``claims`` (id), ``claim_parties`` (claim_id, entity_id, role), ``screening_hits``
(entity_id, dataset, entry_id). ``ftm_id`` columns hold the ids the FtM and GEXF exports give the same
records. The column types are fixed here, so an empty table has them too.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type information
import pyarrow.csv as pa_csv  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from dealgraph.export.ids import article_id, entity_id
from dealgraph.store.claim_reads import event_claims, iter_claim_records
from dealgraph.store.reader import iter_articles, list_entities
from dealgraph.store.store import Store
from dealgraph.store.views import hits_for

S, N, F, D, B = pa.string(), pa.int64(), pa.float64(), pa.date32(), pa.bool_()
SCHEMAS: dict[str, list[tuple[str, pa.DataType]]] = {
    "articles": [("id", S), ("ftm_id", S), ("source", S), ("title", S), ("url", S), ("outlet", S),
                 ("published", D), ("published_how", S), ("lang", S), ("chars", N)],
    "entities": [("id", S), ("ftm_id", S), ("name", S), ("type", S), ("articles", N), ("mentions", N)],
    "names": [("entity_id", S), ("name", S), ("count", N)],
    "mentions": [("article_id", S), ("entity_key", S), ("entity_id", S), ("start", N), ("end", N),
                 ("text", S), ("origin", S)],
    "amounts": [("article_id", S), ("idx", N), ("start", N), ("end", N), ("text", S), ("value", F),
                ("min", F), ("max", F), ("currency", S), ("unit", S), ("qualifier", S)],
    "events": [("id", S), ("article_id", S), ("claim_id", S), ("type", S), ("modality", S),
               ("polarity", S), ("source_id", S), ("trigger", S), ("event_date", S), ("published", D),
               ("evidence", S), ("evidence_start", N), ("evidence_end", N), ("extractor", S),
               ("confidence", F)],
    "event_args": [("event_id", S), ("pos", N), ("role", S), ("entity_key", S), ("entity_id", S),
                   ("amount_idx", N), ("text", S)],
    "claims": [("id", S), ("type", S), ("polarity", S), ("reports", N), ("origins", N), ("disputed", B),
               ("single_source", B), ("modalities", S), ("date_min", S), ("date_max", S), ("first_report", D),
               ("last_report", D)],
    "claim_parties": [("claim_id", S), ("entity_id", S), ("role", S)],
    "screening_hits": [("entity_id", S), ("dataset", S), ("entry_id", S), ("name", S), ("matched_name", S),
                       ("score", F), ("relation", S), ("programs", S), ("listed_on", D), ("listed_from", D),
                       ("listed_until", D), ("dismissed", B), ("explanation", S)],
}  # fmt: skip


def table_rows(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows, read through the store's read interface."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMAS}
    claims = event_claims(store)
    names: Counter[tuple[str, str]] = Counter()
    for article in iter_articles(store):
        rows["articles"].append({**_pick(article, SCHEMAS["articles"]), "ftm_id": article_id(article.id),
                                 "chars": len(article.text)})  # fmt: skip
        for e in article.entities:
            for m in e.mentions:
                names[(e.entity_id, m.text)] += 1
                where = {"article_id": article.id, "entity_key": e.key, "entity_id": e.entity_id}
                rows["mentions"].append({**where, **_pick(m, SCHEMAS["mentions"][3:])})
            for alias in e.aliases:
                names[(e.entity_id, alias)] += 0
        rows["amounts"] += [
            {**_pick(a, SCHEMAS["amounts"]), "article_id": article.id} for a in article.amounts
        ]
        for ev in article.events:
            rows["events"].append({**_pick(ev, SCHEMAS["events"]), "claim_id": claims.get(ev.id)})
            rows["event_args"] += [{**_pick(a, SCHEMAS["event_args"]), "event_id": ev.id, "pos": i}
                                   for i, a in enumerate(ev.args)]  # fmt: skip
    entities = list_entities(store, limit=None)
    rows["entities"] = [{**_pick(e, SCHEMAS["entities"]), "ftm_id": entity_id(e.id)} for e in entities]
    rows["names"] = [{"entity_id": i, "name": n, "count": c} for (i, n), c in sorted(names.items())]
    for record in iter_claim_records(store):
        c = record.claim
        rows["claims"].append({**_pick(c, SCHEMAS["claims"]), "single_source": c.origins == 1,
                               "modalities": ",".join(c.modalities), "first_report": record.first_report,
                               "last_report": record.last_report})  # fmt: skip
        rows["claim_parties"] += [
            {"claim_id": c.id, "entity_id": p.entity_id, "role": p.role} for p in c.parties
        ]
    for hits in hits_for(store, [e.id for e in entities]).values():
        rows["screening_hits"] += [{**_pick(h, SCHEMAS["screening_hits"]), "programs": ";".join(h.programs)}
                                   for h in hits]  # fmt: skip
    return rows


def _pick(record: object, columns: list[tuple[str, pa.DataType]]) -> dict[str, Any]:
    return {name: getattr(record, name, None) for name, _ in columns}


def write_tables(store: Store, folder: Path) -> int:
    """Write ``<table>.parquet`` and ``<table>.csv`` for every table into ``folder``; the number of rows."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for name, rows in table_rows(store).items():
        schema = pa.schema(SCHEMAS[name])
        table = pa.Table.from_pylist([{k: _plain(v) for k, v in r.items()} for r in rows], schema=schema)
        pq.write_table(table, folder / f"{name}.parquet")
        pa_csv.write_csv(table, folder / f"{name}.csv")
        n += table.num_rows
    return n


def _plain(value: Any) -> Any:
    """Dates and numbers as they are; anything else that is no plain value as text."""
    if value is None or isinstance(value, (str, int, float, bool)) or hasattr(value, "isoformat"):
        return value
    return str(value)
