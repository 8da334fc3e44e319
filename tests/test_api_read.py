"""The REST API's read endpoints over a small hand-made store (see ``desk_store.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dealgraph.export.graph import build_graph
from dealgraph.server import create_app
from dealgraph.settings import Settings
from dealgraph.store.store import Store
from tests.desk_store import build


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return build(f"sqlite:///{tmp_path_factory.mktemp('api') / 'desk.db'}")


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    settings = Settings(db="sqlite://", spacy_model="-", max_bytes=1000, http_timeout=1.0, api_token=None)
    with TestClient(create_app(settings, store=store)) as c:
        yield c


def test_articles_are_paged_newest_first(client: TestClient) -> None:
    first = client.get("/v1/articles", params={"limit": 2}).json()
    assert [a["id"] for a in first["items"]] == ["desk-2", "desk-1"]
    assert first["next_offset"] == 2
    rest = client.get("/v1/articles", params={"limit": 2, "offset": first["next_offset"]}).json()
    assert [a["id"] for a in rest["items"]] == ["desk-3"]
    assert rest["next_offset"] is None


def test_article_has_text_furniture_entities_amounts_and_event_spans(client: TestClient) -> None:
    a = client.get("/v1/articles/desk-1").json()
    assert [r["text"] for r in a["removed"]] == ["Share this article", "USD/RUB 88.1"]
    amount = a["amounts"][0]
    assert a["text"][amount["start"] : amount["end"]] == "$5 billion" and amount["currency"] == "USD"
    propose = next(e for e in a["events"] if e["type"] == "PROPOSE")
    assert a["text"][propose["evidence_start"] : propose["evidence_end"]] == propose["evidence"]
    assert {arg["role"]: arg["entity_id"] for arg in propose["args"] if arg["entity_id"]} == {
        "agent": "kirill-dmitriev",
        "recipient": "US",
        "project": "arctic-lng-2",
    }
    for entity in a["entities"]:
        for m in entity["mentions"]:
            assert a["text"][m["start"] : m["end"]] == m["text"]


def test_entities_filter_by_name_and_type(client: TestClient) -> None:
    found = client.get("/v1/entities", params={"q": "witk"}).json()["items"]
    assert [e["id"] for e in found] == ["steve-witkoff"]
    orgs = client.get("/v1/entities", params={"type": "Organization"}).json()["items"]
    assert {e["type"] for e in orgs} == {"Organization"} and len(orgs) == 3
    assert client.get("/v1/entities", params={"type": "Spaceship"}).status_code == 400


def test_entity_detail_has_names_articles_events_and_timeline(client: TestClient) -> None:
    e = client.get("/v1/entities/kirill-dmitriev", params={"limit": 2, "events_limit": 2}).json()
    assert {n["name"]: n["count"] for n in e["names"]} == {"Kirill Dmitriev": 3, "Dmitriev": 2}
    assert e["article_count"] == 3 and e["mention_count"] == 5
    assert len(e["articles"]["items"]) == 2 and e["articles"]["next_offset"] == 2
    assert len(e["events"]["items"]) == 2 and e["events"]["next_offset"] == 2
    # as any role: the SANCTION where it is the target counts too, and the timeline is in date order
    assert e["timeline"][0]["type"] == "SANCTION"
    dates = [t["date"] for t in e["timeline"]]
    assert dates == sorted(dates) and len(dates) == 5
    assert e["hits"] == []  # no screening results in this store: no badges


def test_events_filters(client: TestClient) -> None:
    reported = client.get("/v1/events", params={"modality": "reported"}).json()["items"]
    assert [(e["type"], e["source_name"]) for e in reported] == [("NEGOTIATE", "Reuters")]
    since = client.get("/v1/events", params={"since": "2025-03-01"}).json()["items"]
    assert {e["article_id"] for e in since} == {"desk-2"}
    rdif = client.get(
        "/v1/events", params={"entity": "russian-direct-investment-fund", "type": "invest"}
    ).json()
    assert [e["type"] for e in rdif["items"]] == ["INVEST"]
    assert client.get("/v1/events", params={"modality": "certain"}).status_code == 400
    assert client.get("/v1/events", params={"entity": "nobody-at-all"}).status_code == 404


def test_graph_matches_the_exported_graph_around_the_entity(client: TestClient, store: Store) -> None:
    g = client.get("/v1/graph", params={"entity": "kirill-dmitriev", "depth": 1}).json()
    got = {(e["source"], e["target"], e["label"]): e["weight"] for e in g["edges"]}
    full = build_graph(store)
    expected = {k: len(e.articles) for k, e in full.edges.items() if "kirill-dmitriev" in k[:2]}
    assert got == expected
    assert {n["id"] for n in g["nodes"] if n["hop"] == 0} == {"kirill-dmitriev"}
    meet = next(e for e in g["edges"] if e["label"] == "MEET" and e["target"] == "steve-witkoff")
    assert meet["evidence"][0]["sentence"] == "Dmitriev met Witkoff in Riyadh on Tuesday."
    deeper = client.get("/v1/graph", params={"entity": "kirill-dmitriev", "depth": 2}).json()
    assert ("russian-direct-investment-fund", "arctic-lng-2", "INVEST") in {
        (e["source"], e["target"], e["label"]) for e in deeper["edges"]
    }
    capped = client.get("/v1/graph", params={"entity": "kirill-dmitriev", "depth": 2, "max_nodes": 3}).json()
    assert len(capped["nodes"]) == 3 and capped["truncated"] is True


def test_search_finds_words_and_pages(client: TestClient) -> None:
    hits = client.get("/v1/search", params={"q": "Arctic"}).json()
    assert {h["article_id"] for h in hits["items"]} == {"desk-1", "desk-2"}
    assert "[Arctic]" in hits["items"][0]["snippet"]
    assert client.get("/v1/search", params={"q": "Arctic", "limit": 1}).json()["next_offset"] == 1
    assert client.get("/v1/search", params={"q": "zeppelin"}).json()["items"] == []


def test_deals_group_by_project_with_usd(client: TestClient) -> None:
    groups = client.get("/v1/deals").json()["items"]
    arctic = next(g for g in groups if g["project_id"] == "arctic-lng-2")
    assert [d["event"]["type"] for d in arctic["events"]] == ["PROPOSE", "NEGOTIATE", "INVEST"]
    invest = arctic["events"][2]
    assert invest["amount"]["currency"] == "EUR" and 2.0e9 < invest["usd"] < 2.4e9
    assert arctic["largest_usd"] == 5e9


def test_unknown_ids_are_404_with_a_problem_body(client: TestClient) -> None:
    for path in ("/v1/articles/nope", "/v1/entities/nope", "/v1/graph?entity=nope"):
        r = client.get(path)
        assert r.status_code == 404 and r.json()["error"] == "NotFound"


def test_openapi_lists_every_resource(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/v1/articles",
        "/v1/entities/{entity_id}",
        "/v1/events",
        "/v1/graph",
        "/v1/search",
        "/v1/screen",
        "/v1/ingest",
        "/v1/deals",
    ):
        assert path in paths
    assert "/v1/entities/{entity_id}/merge" in paths


def test_a_merged_id_redirects_to_the_kept_one(tmp_path: Path) -> None:
    from dealgraph.resolve import judgements

    store = build(f"sqlite:///{tmp_path / 'merge.db'}")
    kept = judgements.merge(store, "steve-witkoff", "kirill-dmitriev", "test")
    gone = "steve-witkoff" if kept == "kirill-dmitriev" else "kirill-dmitriev"
    settings = Settings("sqlite://", "-", 1000, 1.0, None)
    with TestClient(create_app(settings, store=store)) as c:
        r = c.get(f"/v1/entities/{gone}", follow_redirects=False)
        assert r.status_code == 308 and r.headers["location"].endswith(f"/v1/entities/{kept}")
        assert gone in c.get(f"/v1/entities/{gone}").json()["merged_from"]


def test_entity_events_read_the_same_rows_as_the_reader(store: Store) -> None:
    from datetime import date

    from dealgraph.store import reader
    from dealgraph.store.entity_events import entity_events, entity_timeline

    for e in reader.list_entities(store, limit=50):
        assert entity_events(store, e.id, limit=100) == reader.list_events(store, entity_id=e.id, limit=100)
        assert entity_events(store, e.id, limit=1, offset=1) == reader.list_events(
            store, entity_id=e.id, limit=1, offset=1
        )
        timeline = entity_timeline(store, e.id)
        assert [t.event_id for t in timeline] == [
            v.id for v in reader.list_events(store, entity_id=e.id, limit=500)
        ]
    for kwargs in ({"type_": "negotiate"}, {"modality": "asserted"}, {"since": date(2025, 3, 1)}):
        assert entity_events(store, "kirill-dmitriev", **kwargs) == reader.list_events(  # type: ignore[arg-type]
            store,
            entity_id="kirill-dmitriev",
            **kwargs,  # type: ignore[arg-type]
        )
