"""The API's conventions (issue 16): every error a problem (RFC 9457), named operations in a valid
OpenAPI document, filters checked as the CLI checks them, ETags, opt-in CORS, ``/health``, ``/lists``
and ``/hits``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from dealgraph.server import create_app
from dealgraph.settings import Settings
from dealgraph.store.store import Store
from tests.desk_store import build

SETTINGS = Settings(db="sqlite://", spacy_model="-", max_bytes=1000, http_timeout=1.0, api_token="t0ken")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return build(f"sqlite:///{tmp_path_factory.mktemp('conventions') / 'desk.db'}")


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(SETTINGS, store=store, max_body=2000)) as c:
        yield c


ERRORS = [
    ("GET", "/no-such-route", {}, 404),
    ("GET", "/entities/nobody", {}, 404),
    ("GET", "/events?entity=nobody", {}, 404),
    ("GET", "/deals?entity=nobody", {}, 404),
    ("GET", "/claims?entity=nobody", {}, 404),
    ("GET", "/hits?entity=nobody", {}, 404),
    ("GET", "/events?type=FOO", {}, 400),
    ("GET", "/events?modality=maybe", {}, 400),
    ("GET", "/entities?type=ALIEN", {}, 400),
    ("GET", "/articles?limit=0", {}, 422),
    ("GET", "/search", {}, 422),
    ("DELETE", "/articles", {}, 405),
    ("POST", "/ingest", {}, 401),
    ("POST", "/ingest", {"authorization": "Bearer wrong"}, 403),
    ("POST", "/screen", {"content-type": "application/json"}, 422),
    ("POST", "/screen", {"content-length": "99999"}, 413),
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
    assert "PROPOSE" in client.get("/events", params={"type": "FOO"}).json()["detail"]
    assert "reported" in client.get("/events", params={"modality": "maybe"}).json()["detail"]
    assert client.get("/events", params={"type": "propose"}).status_code == 200  # any case, as the CLI
    invalid = client.get("/articles", params={"limit": 0}).json()
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
    r = client.get("/entities")
    tag = r.headers["etag"]
    assert r.status_code == 200 and r.headers["cache-control"] == "no-cache"
    again = client.get("/entities", headers={"if-none-match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    other = client.get("/entities", params={"limit": 1}, headers={"if-none-match": tag})
    assert other.status_code == 200 and other.headers["etag"] != tag
    assert "etag" not in client.get("/entities/nobody").headers


def test_cors_is_off_unless_configured(store: Store) -> None:
    preflight = {"origin": "https://desk.example", "access-control-request-method": "GET"}
    with TestClient(create_app(SETTINGS, store=store)) as c:
        r = c.get("/entities", headers={"origin": "https://desk.example"})
        assert "access-control-allow-origin" not in r.headers
    allowed = replace(SETTINGS, cors_origins=("https://desk.example",))
    with TestClient(create_app(allowed, store=store)) as c:
        r = c.get("/entities", headers={"origin": "https://desk.example"})
        assert r.headers["access-control-allow-origin"] == "https://desk.example"
        assert c.options("/entities", headers=preflight).status_code == 200
        other = c.get("/entities", headers={"origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_health_lists_and_hits(client: TestClient) -> None:
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["schema_version"] >= 1
    assert isinstance(client.get("/lists").json(), list)
    hits = client.get("/hits").json()
    assert set(hits) == {"items", "limit", "offset", "next_offset"}
