"""``export --format tables``: every table loads in DuckDB and pandas, and the ids join."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dealgraph.export.tables import SCHEMAS


@pytest.fixture(scope="module")
def tables(seeds_store: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dealgraph.export.tables import write_tables

    folder = tmp_path_factory.mktemp("tables")
    assert write_tables(seeds_store, folder) > 0
    return folder


def test_duckdb_reads_every_table_in_both_formats(tables: Path) -> None:
    import duckdb

    con = duckdb.connect()
    for name in SCHEMAS:
        parquet = con.sql(f"select * from read_parquet('{tables / name}.parquet')")
        assert parquet.columns == [c for c, _ in SCHEMAS[name]], name
        n = con.sql(f"select count(*) from read_parquet('{tables / name}.parquet')").fetchone()
        m = con.sql(f"select count(*) from read_csv('{tables / name}.csv', header = true)").fetchone()
        assert n == m, name
        if name != "screening_hits":  # the seeds store has no list loaded
            assert n is not None and n[0] > 0, name


def test_events_join_entities_and_amounts(tables: Path) -> None:
    import duckdb

    con = duckdb.connect()
    for name in SCHEMAS:
        con.sql(f"create view {name} as select * from read_parquet('{tables / name}.parquet')")
    rows = con.sql("""
        select ev.type, e.name, am.value, am.currency, am.unit
        from events ev
        join event_args g on g.event_id = ev.id and g.role = 'agent'
        join entities e on e.id = g.entity_id
        join event_args ga on ga.event_id = ev.id and ga.amount_idx is not null
        join amounts am on am.article_id = ev.article_id and am.idx = ga.amount_idx
    """).fetchall()
    assert any(t == "INVEST" and cur == "EUR" and value >= 1e9 for t, _, value, cur, _ in rows)
    assert any(unit == "percent" for *_, unit in rows)
    orphans = con.sql("""
        select count(*) from event_args g left join entities e on e.id = g.entity_id
        where g.entity_id is not null and e.id is null
    """).fetchone()
    assert orphans == (0,)
    parties = con.sql("select count(*) from claim_parties p join entities e on e.id = p.entity_id").fetchone()
    assert parties is not None and parties[0] > 0


def test_pandas_reads_them_as_they_are(tables: Path) -> None:
    import pandas as pd  # a dev dependency: read the tables as a user with pandas would

    events = pd.read_parquet(tables / "events.parquet")
    articles = pd.read_csv(tables / "articles.csv")
    assert set(events["article_id"]) <= set(articles["id"])
    assert events["claim_id"].notna().any()
