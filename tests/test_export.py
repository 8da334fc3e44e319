"""Exports of a store built from the seed articles: each format parses with its own tooling."""

from __future__ import annotations

import csv
import io
import json
from typing import Any


def exported(store: Any, fmt: str) -> str:
    from dealgraph.export import export

    out = io.StringIO()
    export(store, fmt, out)
    return out.getvalue()


def test_gexf_opens_as_a_graph(seeds_store: Any) -> None:
    import networkx as nx

    graph = nx.read_gexf(io.BytesIO(exported(seeds_store, "gexf").encode("utf-8")))
    assert graph.number_of_nodes() > 20 and graph.number_of_edges() > 5
    labels = {data.get("label") for _, _, data in graph.edges(data=True)}
    assert "ROLE" in labels


def test_jsonl_spans_point_into_the_text(seeds_store: Any) -> None:
    for line in exported(seeds_store, "jsonl").splitlines():
        article = json.loads(line)
        text = article["text"]
        for entity in article["entities"]:
            for m in entity["mentions"]:
                assert text[m["start"] : m["end"]] == m["text"]
        for amount in article["amounts"]:
            assert text[amount["start"] : amount["end"]] == amount["text"]
        for event in article["events"]:
            evidence = event["evidence"]
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]


def test_csv_has_one_row_per_event_argument(seeds_store: Any) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(seeds_store, "csv"))))
    assert rows and {"article", "event", "type", "modality", "agent", "role", "other", "evidence"} <= set(
        rows[0]
    )
    assert any(r["type"] == "ROLE" and r["role"] == "target" for r in rows)


def test_eval_export_is_the_scorer_format(seeds_store: Any) -> None:
    records = [json.loads(line) for line in exported(seeds_store, "eval").splitlines()]
    assert {r["doc"] for r in records} == {
        "000_152e16d5c3715fa4", "001_eedc58d754fa7f2a", "002_5d07a7fcc0fe4e21",
        "003_7444955aec7a0be3", "004_c7187ed2ce087740",
    }  # fmt: skip
    for record in records:
        ids = {e["id"] for e in record["entities"]}
        for event in record["events"]:
            for role, value in event["args"].items():
                if role == "amount":
                    assert 0 <= value < len(record["amounts"])
                elif role != "title":
                    assert set(value if isinstance(value, list) else [value]) <= ids


def test_each_format_counts_what_it_writes(seeds_store: Any) -> None:
    from dealgraph.export import export

    for fmt in ("eval", "jsonl", "ftm", "csv"):
        out = io.StringIO()
        count = export(seeds_store, fmt, out)
        lines = (
            len(list(csv.reader(io.StringIO(out.getvalue())))) - 1
            if fmt == "csv"
            else out.getvalue().count("\n")
        )
        assert count == lines > 0, fmt


def test_csv_keeps_every_agent_the_first_amount_and_ids(seeds_store: Any) -> None:
    from dealgraph.store.reader import iter_articles

    rows = list(csv.DictReader(io.StringIO(exported(seeds_store, "csv"))))
    for article in iter_articles(seeds_store):
        for ev in article.events:
            agents = {a.entity_id for a in ev.args if a.role == "agent" and a.entity_id}
            mine = [r for r in rows if r["event"] == ev.id]
            assert {r["agent_id"] for r in mine} >= agents, ev.id  # every agent, not the first only
            amount = next((a.amount_idx for a in ev.args if a.amount_idx is not None), None)
            if amount == 0:  # the article's first amount was read as missing
                assert all(r["amount"] == article.amounts[0].text for r in mine)
                assert all(r["amount_currency"] or r["amount_unit"] for r in mine)
    exits = [r for r in rows if r["type"] == "EXIT"]
    assert len({r["agent_id"] for r in exits}) > 1
    assert any(r["when"] for r in rows) and any(r["amount_value"] for r in rows)
    assert all(r["other_id"] or r["role"] in {"", "title"} for r in rows)


def test_gexf_is_dynamic_with_ftm_ids_sanction_flags_and_mention_counts(seeds_store: Any) -> None:
    import networkx as nx

    text = exported(seeds_store, "gexf")
    assert 'version="1.2"' in text and "1.2draft" in text
    graph = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    assert graph.graph["mode"] == "dynamic"
    ftm_ids = {json.loads(line)["id"] for line in exported(seeds_store, "ftm").splitlines()}
    people = [n for n, d in graph.nodes(data=True) if d["type"] in {"Person", "Organization", "Project"}]
    assert people and set(people) <= ftm_ids
    assert all(isinstance(d["sanctioned"], bool) and d["mentions"] > 0 for _, d in graph.nodes(data=True))
    dated = [d["start"] for _, _, d in graph.edges(data=True) if "start" in d]
    assert dated and all(len(day) == 10 and day[4] == "-" for day in dated)
    assert graph.nodes["dg-vladimir-putin"]["label"] == "Vladimir Putin"
