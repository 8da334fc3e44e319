"""The API's conventions (issue 16): every error a problem (RFC 9457), named operations in a valid
OpenAPI document, filters checked as the CLI checks them, ETags, opt-in CORS, ``/health``, ``/lists``
and ``/hits``; and the version in the paths: the OpenAPI document lists only ``/v1`` paths, and every
path the API had before answers 308 to the same path and query under ``/v1``, for reads and writes
alike, without getting round the write token, the body-size cap or the ``Host`` check, while the web
UI's routes, ``/docs`` and ``/openapi.json`` are not redirected."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dealgraph.resolve.judgements import list_judgements
from dealgraph.server import create_app
from dealgraph.settings import Settings
from dealgraph.store.store import Store
from tests.desk_store import build

SETTINGS = Settings(db="sqlite://", spacy_model="-", max_bytes=1000, http_timeout=1.0, api_token="t0ken")
AUTH = {"Authorization": "Bearer t0ken"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return build(f"sqlite:///{tmp_path_factory.mktemp('conventions') / 'desk.db'}")


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(SETTINGS, store=store, max_body=2000)) as c:
        yield c


ERRORS = [
    ("GET", "/no-such-route", {}, 404),
    ("GET", "/v1/entities/nobody", {}, 404),
    ("GET", "/v1/events?entity=nobody", {}, 404),
    ("GET", "/v1/deals?entity=nobody", {}, 404),
    ("GET", "/v1/claims?entity=nobody", {}, 404),
    ("GET", "/v1/hits?entity=nobody", {}, 404),
    ("GET", "/v1/events?type=FOO", {}, 400),
    ("GET", "/v1/events?modality=maybe", {}, 400),
    ("GET", "/v1/entities?type=ALIEN", {}, 400),
    ("GET", "/v1/articles?limit=0", {}, 422),
    ("GET", "/v1/search", {}, 422),
    ("DELETE", "/v1/articles", {}, 405),
    ("POST", "/v1/ingest", {}, 401),
    ("POST", "/v1/ingest", {"authorization": "Bearer wrong"}, 403),
    ("POST", "/v1/screen", {"content-type": "application/json"}, 422),
    ("POST", "/v1/screen", {"content-length": "99999"}, 413),
]


@pytest.mark.parametrize(("method", "path", "headers", "status"), ERRORS)
def test_every_error_is_a_problem(
    client: TestClient, method: str, path: str, headers: dict[str, str], status: int
) -> None:
    r = client.request(method, path, headers=headers, content=b"{}" if method == "POST" else None)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == status and body["type"] == "about:blank"
    assert body["title"] and isinstance(body["detail"], str) and body["error"]


def test_invalid_filters_name_the_valid_values(client: TestClient) -> None:
    assert "PROPOSE" in client.get("/v1/events", params={"type": "FOO"}).json()["detail"]
    assert "reported" in client.get("/v1/events", params={"modality": "maybe"}).json()["detail"]
    assert client.get("/v1/events", params={"type": "propose"}).status_code == 200  # any case, as the CLI
    invalid = client.get("/v1/articles", params={"limit": 0}).json()
    assert invalid["error"] == "ValidationError" and invalid["errors"][0]["loc"] == ["query", "limit"]


def test_openapi_is_valid_with_named_operations_and_problems(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    try:
        from openapi_spec_validator import validate
    except ImportError:
        pytest.skip("openapi-spec-validator is not installed (pip install -e '.[dev]')")
    validate(spec)
    ids = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert {"listEntities", "getEntity", "mergeEntities", "listEvents", "getHealth", "listHits"} <= ids
    for path in spec["paths"].values():
        for op in path.values():
            for status, response in op["responses"].items():
                if status == "default" or int(status) >= 400:
                    assert list(response["content"]) == ["application/problem+json"], (op, status)
    assert "HTTPValidationError" not in spec["components"]["schemas"]


def test_reads_carry_an_etag_and_answer_304(client: TestClient) -> None:
    r = client.get("/v1/entities")
    tag = r.headers["etag"]
    assert r.status_code == 200 and r.headers["cache-control"] == "no-cache"
    again = client.get("/v1/entities", headers={"if-none-match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    other = client.get("/v1/entities", params={"limit": 1}, headers={"if-none-match": tag})
    assert other.status_code == 200 and other.headers["etag"] != tag
    assert "etag" not in client.get("/v1/entities/nobody").headers


def test_cors_is_off_unless_configured(store: Store) -> None:
    preflight = {"origin": "https://desk.example", "access-control-request-method": "GET"}
    with TestClient(create_app(SETTINGS, store=store)) as c:
        r = c.get("/v1/entities", headers={"origin": "https://desk.example"})
        assert "access-control-allow-origin" not in r.headers
    allowed = replace(SETTINGS, cors_origins=("https://desk.example",))
    with TestClient(create_app(allowed, store=store)) as c:
        r = c.get("/v1/entities", headers={"origin": "https://desk.example"})
        assert r.headers["access-control-allow-origin"] == "https://desk.example"
        assert c.options("/v1/entities", headers=preflight).status_code == 200
        other = c.get("/v1/entities", headers={"origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_health_lists_and_hits(client: TestClient) -> None:
    health = client.get("/v1/health").json()
    assert health["status"] == "ok" and health["schema_version"] >= 1
    assert isinstance(client.get("/v1/lists").json(), list)
    hits = client.get("/v1/hits").json()
    assert set(hits) == {"items", "limit", "offset", "next_offset"}


def operations(client: TestClient) -> list[tuple[str, str]]:
    spec = client.get("/openapi.json").json()
    return [(method.upper(), path) for path, ops in spec["paths"].items() for method in ops]


def test_the_openapi_document_lists_only_v1_paths(client: TestClient) -> None:
    paths = {path for _, path in operations(client)}
    assert "/v1/entities/{entity_id}/merge" in paths and "/v1/health" in paths
    assert all(path.startswith("/v1/") for path in paths), sorted(paths)


def test_every_old_path_answers_308_to_the_same_path_under_v1(client: TestClient) -> None:
    checked = 0
    for method, path in operations(client):
        old = re.sub(r"\{[^}]+\}", "some-id", path.removeprefix("/v1"))
        r = client.request(method, old + "?limit=3&q=a%20b", follow_redirects=False)
        assert r.status_code == 308, (method, old, r.status_code)
        assert r.headers["location"] == "/v1" + old + "?limit=3&q=a%20b"
        checked += 1
    assert checked >= 18


def test_an_old_read_ends_where_the_v1_read_does(client: TestClient) -> None:
    old = client.get("/entities", params={"q": "witk", "limit": 1})
    assert [r.status_code for r in old.history] == [308]
    assert old.json() == client.get("/v1/entities", params={"q": "witk", "limit": 1}).json()
    assert old.json()["items"][0]["id"] == "steve-witkoff"


def test_an_id_keeps_its_encoding_through_the_redirect(client: TestClient) -> None:
    r = client.get("/articles/desk%2F1", follow_redirects=False)
    assert r.headers["location"] == "/v1/articles/desk%2F1"


def test_an_old_write_without_token_ends_in_401_at_v1(client: TestClient) -> None:
    """Refused from its headers at ``/v1`` (a 422 would mean the body was parsed first)."""
    headers = {"Content-Type": "application/json"}
    r = client.post("/entities/kirill-dmitriev/merge", content="{not json", headers=headers)
    assert [h.status_code for h in r.history] == [308]
    assert r.url.path == "/v1/entities/kirill-dmitriev/merge"
    assert r.status_code == 401 and r.headers["content-type"] == "application/problem+json"
    assert r.json()["error"] == "Unauthorized"


def test_an_old_write_with_token_is_done_with_its_body(tmp_path: Path) -> None:
    store = build(f"sqlite:///{tmp_path / 'desk.db'}")
    with TestClient(create_app(SETTINGS, store=store)) as c:
        body = {"other": "reuters", "user": "ana"}
        r = c.post("/entities/united-states-treasury/merge", json=body, headers=AUTH)
    assert [h.status_code for h in r.history] == [308]
    assert r.status_code == 200 and r.json()["action"] == "merge"
    assert [j.user for j in list_judgements(store)] == ["ana"]


def test_the_body_cap_and_host_check_come_before_the_redirect(client: TestClient, store: Store) -> None:
    big = {"names": ["a" * 5000]}
    r = client.post("/screen", json=big, follow_redirects=False)
    assert r.status_code == 413 and r.json()["error"] == "RequestTooLarge"
    with TestClient(create_app(SETTINGS, store=store, allowed_hosts=["desk.example"])) as c:
        assert c.get("http://rebound.example/entities", follow_redirects=False).status_code == 400
        assert c.get("http://desk.example/entities", follow_redirects=False).status_code == 308


def test_another_method_on_an_old_path_is_still_a_405_problem(client: TestClient) -> None:
    r = client.delete("/articles", follow_redirects=False)
    assert r.status_code == 405 and r.json()["error"] == "MethodNotAllowed"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/ui/search?q=Arctic",
        "/ui/entities/kirill-dmitriev",
        "/alerts.atom",
        "/static/desk.css",
        "/docs",
        "/openapi.json",
    ],
)
def test_the_web_ui_docs_and_openapi_are_not_redirected(client: TestClient, path: str) -> None:
    r = client.get(path, follow_redirects=False)
    assert r.status_code == 200, (path, r.status_code)
