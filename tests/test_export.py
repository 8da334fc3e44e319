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
