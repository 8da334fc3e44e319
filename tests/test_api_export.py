"""``GET /v1/export/ftm`` (issue 16): the FollowTheMoney export as NDJSON, the very lines of ``dealgraph
export --format ftm``, each line an FtM entity, sent one entity at a time; on the seed articles' store
(``seeds_store``, ingested once per session through the whole pipeline)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from followthemoney import model
from typer.testing import CliRunner

from dealgraph.cli.main import app as cli
from dealgraph.server import create_app
from dealgraph.settings import Settings

SETTINGS = Settings(db="sqlite://", spacy_model="-", max_bytes=1000, http_timeout=1.0, api_token=None)


@pytest.fixture(scope="module")
def api(seeds_store: Any) -> FastAPI:
    return create_app(SETTINGS, store=seeds_store)


@pytest.fixture(scope="module")
def client(api: FastAPI) -> Iterator[TestClient]:
    with TestClient(api) as c:
        yield c


def test_the_stream_is_the_cli_export_line_for_line(client: TestClient, seeds_store: Any) -> None:
    result = CliRunner().invoke(
        cli, ["--db", str(seeds_store.engine.url.database), "export", "--format", "ftm"]
    )
    assert result.exit_code == 0, result.stderr
    r = client.get("/v1/export/ftm")
    assert r.status_code == 200 and r.headers["content-type"] == "application/x-ndjson"
    lines = r.text.splitlines()
    proxies = [model.get_proxy(json.loads(line)) for line in lines]
    expected = [model.get_proxy(json.loads(line)) for line in result.stdout.splitlines()]
    assert len(proxies) == len(expected) > 50
    assert [p.to_dict() for p in proxies] == [e.to_dict() for e in expected]
    assert {p.schema.name for p in proxies} >= {"Article", "Person", "Organization", "Event"}
    assert r.content == result.stdout.encode("utf-8")  # the same bytes, in one process (one hash seed)


def test_each_entity_is_sent_as_it_is_made(api: FastAPI, client: TestClient) -> None:
    """One body message per line, not one body holding the whole export (nor an ETag, which would
    need it whole)."""
    expected = client.get("/v1/export/ftm").content.count(b"\n")
    messages = asyncio.run(_call(api, "/v1/export/ftm"))
    start, *bodies = messages
    assert start["status"] == 200 and b"etag" not in dict(start["headers"])
    chunks = [m["body"] for m in bodies if m["body"]]
    assert len(chunks) == expected and all(c.count(b"\n") == 1 for c in chunks)


def test_the_operation_is_named_and_typed_in_the_openapi(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/v1/export/ftm"]["get"]
    assert operation["operationId"] == "exportFtm"
    assert list(operation["responses"]["200"]["content"]) == ["application/x-ndjson"]
    assert client.get("/export/ftm", follow_redirects=False).headers["location"] == "/v1/export/ftm"


async def _call(app: FastAPI, path: str) -> list[dict[str, Any]]:
    """The ASGI messages ``app`` sends for a GET of ``path``."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 1), "server": ("testserver", 80),
    }  # fmt: skip
    sent: list[dict[str, Any]] = []
    requested, done = False, asyncio.Event()

    async def receive() -> dict[str, Any]:
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await done.wait()  # the client stays until the response is complete
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)
        if message["type"] == "http.response.body" and not message.get("more_body", False):
            done.set()

    await app(scope, receive, send)
    return sent
