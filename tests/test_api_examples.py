"""The API over a store built from ``examples/articles`` through the whole pipeline (``conftest``'s
``examples_store``): what a user of the desk sees for the running example."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dealgraph.reports.render import report
from dealgraph.server import create_app
from dealgraph.settings import Settings


@pytest.fixture(scope="module")
def client(examples_store: Any) -> Iterator[TestClient]:
    with TestClient(create_app(Settings("sqlite://", "-", 1000, 1.0, None), store=examples_store)) as c:
        yield c


def _entity(client: TestClient, name: str) -> dict[str, Any]:
    found = client.get("/v1/entities", params={"q": name}).json()["items"]
    assert found, f"no entity matching {name!r}"
    return client.get(f"/v1/entities/{found[0]['id']}").json()  # type: ignore[no-any-return]


def test_entity_page_data_for_the_running_example(client: TestClient) -> None:
    e = _entity(client, "Dmitriev")
    assert e["type"] == "Person" and e["article_count"] >= 3
    assert e["events"]["items"], "Dmitriev should take part in events"
    for ev in e["events"]["items"]:
        article = client.get(f"/v1/articles/{ev['article_id']}").json()
        assert article["text"][ev["evidence_start"] : ev["evidence_end"]] == ev["evidence"]


def test_graph_and_search_over_the_examples(client: TestClient) -> None:
    e = _entity(client, "Dmitriev")
    g = client.get("/v1/graph", params={"entity": e["id"], "depth": 2}).json()
    assert len(g["nodes"]) >= 3 and g["edges"]
    for edge in g["edges"]:
        assert edge["weight"] >= 1 and edge["evidence"] and all(x["sentence"] for x in edge["evidence"])
    hits = client.get("/v1/search", params={"q": "Riyadh"}).json()["items"]
    assert hits and all("[Riyadh]" in h["snippet"] for h in hits)


def test_deals_and_pages_render(client: TestClient) -> None:
    groups = client.get("/v1/deals").json()["items"]
    assert groups and all(
        d["event"]["type"] in {"PROPOSE", "NEGOTIATE", "AGREE", "INVEST"} for g in groups for d in g["events"]
    )
    e = _entity(client, "Dmitriev")
    for path in ("/", f"/ui/entities/{e['id']}", "/ui/deals", "/ui/timeline", f"/ui/graph?entity={e['id']}"):
        r = client.get(path)
        assert r.status_code == 200 and "<h1>" in r.text


def test_report_over_the_examples(examples_store: Any, tmp_path: Path) -> None:
    out = report(examples_store, tmp_path / "brief.html", "html", entity="Kirill Dmitriev").path
    html = out.read_text()
    assert "Brief: " in html and 'id="c1"' in html and "data:image/png;base64," in html
