"""Security of the API and pages: writes need the token, bodies are capped, hostile parameters are
harmless, article text is escaped."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from dealgraph.server import create_app
from dealgraph.settings import Settings
from dealgraph.store import reader
from dealgraph.store.store import Store
from tests.desk_store import build

WRITES = [
    ("/v1/ingest", {"documents": [{"text": "Kirill Dmitriev met Steve Witkoff in Riyadh."}]}),
    ("/v1/entities/kirill-dmitriev/merge", {"other": "steve-witkoff"}),
    ("/v1/entities/kirill-dmitriev/split", {"article_id": "desk-1", "key": "e0"}),
    ("/v1/entities/kirill-dmitriev/hits/us_ofac_sdn:1/dismiss", {}),
]
HOSTILE = [
    "../../../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "' OR '1'='1",
    "x'; DROP TABLE articles; --",
    '" OR 1=1 --',
    "%",
    "_",
    "\\",
    "NEAR(a b)",
    'a" OR "b',
    "*",
    "\x00",
    "<script>alert(1)</script>",
]
GET_PARAMS = {
    "/v1/articles": ["since", "outlet", "limit", "offset"],
    "/v1/entities": ["q", "type", "limit", "offset"],
    "/v1/entities/kirill-dmitriev": ["limit", "offset", "events_limit", "events_offset"],
    "/v1/events": ["type", "entity", "modality", "since", "limit", "offset"],
    "/v1/graph": ["entity", "depth", "max_nodes"],
    "/v1/search": ["q", "limit", "offset"],
    "/v1/deals": ["project", "entity", "since", "limit", "offset"],
    "/ui/search": ["q", "type", "offset"],
    "/ui/graph": ["entity", "depth"],
    "/ui/deals": ["project", "entity", "since"],
    "/ui/timeline": ["entity", "type", "modality", "since", "source", "project", "roles", "order", "offset"],
    "/ui/entities/kirill-dmitriev": ["offset", "events_offset"],
}
REQUIRED = {
    "/v1/graph": {"entity": "kirill-dmitriev"},
    "/v1/search": {"q": "Arctic"},
    "/ui/graph": {"entity": "kirill-dmitriev"},
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return build(f"sqlite:///{tmp_path_factory.mktemp('sec') / 'desk.db'}")


def _client(store: Store, token: str | None, max_body: int = 4096) -> TestClient:
    settings = Settings(db="sqlite://", spacy_model="-", max_bytes=1000, http_timeout=1.0, api_token=token)
    return TestClient(create_app(settings, store=store, max_body=max_body))


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with _client(store, "s3cret-token") as c:
        yield c


@pytest.mark.parametrize(("path", "body"), WRITES)
def test_writes_need_the_right_token(client: TestClient, path: str, body: dict[str, object]) -> None:
    missing = client.post(path, json=body)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert client.post(path, json=body, headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert (
        client.post(path, json=body, headers={"Authorization": "Basic czNjcmV0LXRva2Vu"}).status_code == 401
    )


@pytest.mark.parametrize(("path", "body"), WRITES)
def test_writes_are_off_without_a_configured_token(store: Store, path: str, body: dict[str, object]) -> None:
    with _client(store, None) as c:
        for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": "Bearer anything"}):
            r = c.post(path, json=body, headers=headers)
            assert r.status_code == 403 and "no API token" in r.json()["detail"]


def test_oversized_bodies_are_refused(client: TestClient, store: Store) -> None:
    before = reader.summary(store).articles
    big = {"documents": [{"text": "x" * 10_000}]}
    auth = {"Authorization": "Bearer s3cret-token"}
    assert client.post("/v1/ingest", json=big, headers=auth).status_code == 413
    assert client.post("/v1/screen", json={"names": ["a" * 10_000]}).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        yield b'{"documents": [{"text": "'
        for _ in range(20):
            yield b"y" * 1000
        yield b'"}]}'

    r = client.post("/v1/ingest", content=chunks(), headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 413
    assert reader.summary(store).articles == before


@pytest.mark.parametrize("path", sorted(GET_PARAMS))
def test_hostile_query_parameters_are_harmless(client: TestClient, store: Store, path: str) -> None:
    before = reader.summary(store)
    for param in GET_PARAMS[path]:
        for value in HOSTILE:
            params = {**REQUIRED.get(path, {}), param: value}
            r = client.get(path, params=params)
            assert r.status_code in (200, 400, 404, 422), (path, param, value, r.status_code)
            assert "root:x:0:0" not in r.text
            if r.headers["content-type"].startswith("text/html"):
                assert "<script>alert(1)</script>" not in r.text
    after = reader.summary(store)
    assert (after.articles, after.events, after.entities_by_type) == (
        before.articles,
        before.events,
        before.entities_by_type,
    )


def test_hostile_path_segments_are_harmless(client: TestClient) -> None:
    for path in (
        "/v1/articles/..%2F..%2F..%2Fetc%2Fpasswd",
        "/v1/articles/' OR '1'='1",
        "/v1/entities/..%2F..%2Fetc%2Fpasswd",
        "/v1/entities/x' OR 1=1 --",
        "/ui/articles/..%2F..%2Fetc%2Fpasswd",
        "/ui/entities/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/static/../../pages.py",
        "/vendor/cytoscape/..%2F..%2F..%2Fpackage.json",
    ):
        r = client.get(path)
        assert r.status_code == 404, (path, r.status_code)
        assert "root:x:0:0" not in r.text and "<script>alert(1)</script>" not in r.text


def test_article_text_is_escaped_and_pages_forbid_inline_script(client: TestClient) -> None:
    r = client.get("/ui/articles/desk-2")
    assert r.status_code == 200
    assert "&lt;script&gt;window.__pwned" in r.text and "<script>window.__pwned" not in r.text
    policy = r.headers["content-security-policy"]
    assert (
        "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    api = client.get("/v1/articles/desk-2").json()
    assert "<script>window.__pwned" in api["text"]  # the API gives the text as stored, as JSON
