"""Screening through the API and the pages: POST /screen as of a date, hits shown as badges with
the list and the listed-from date, dismissed hits marked. Lists here are two hand-made snapshots."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dealgraph.screen import history
from dealgraph.screen import hits as hits_module
from dealgraph.screen import index as index_module
from dealgraph.screen import records as screen_records
from dealgraph.server import create_app
from dealgraph.settings import Settings
from dealgraph.store.store import Store
from tests.desk_store import build

FUND = screen_records.ListEntry(
    "test_list", "T-2", "Organization", "RUSSIAN DIRECT INVESTMENT FUND", ("RDIF",), ("RU-1",)
)
PERSON = screen_records.ListEntry(
    "test_list", "T-1", "Person", "DMITRIEV, Kirill Aleksandrovich", (), ("RU-1",)
)
OTHER = screen_records.ListEntry("test_list", "T-9", "Person", "PETROV, Ivan", (), ("RU-1",))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = build(f"sqlite:///{tmp_path_factory.mktemp('screen') / 'desk.db'}")
    with store.begin() as conn:
        history.save_snapshot(conn, "test_list", date(2022, 2, 26), [OTHER])
        history.save_snapshot(conn, "test_list", date(2022, 3, 1), [OTHER, PERSON, FUND])
        index = index_module.load_index(conn)
        for entity_id, name, schema in (
            ("kirill-dmitriev", "Kirill Dmitriev", "Person"),
            ("russian-direct-investment-fund", "Russian Direct Investment Fund", "Organization"),
        ):
            hits_module.save_hits(conn, entity_id, index.screen(name, schema))
    return store


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(Settings("sqlite://", "-", 1000, 1.0, "tok"), store=store)) as c:
        yield c


def test_screen_names_as_of_a_date(client: TestClient) -> None:
    before = client.post("/v1/screen", json={"names": ["Kirill Dmitriev"], "as_of": "2022-02-26"}).json()
    after = client.post(
        "/v1/screen", json={"names": ["Kirill Dmitriev", "Maria Nobody"], "as_of": "2022-03-02"}
    )
    assert before == [{"name": "Kirill Dmitriev", "hits": []}]
    found = after.json()
    assert [h["entry_id"] for h in found[0]["hits"]] == ["T-1"]
    assert found[0]["hits"][0]["listed_from"] == "2022-03-01"
    assert found[1]["hits"] == []


def test_entity_shows_its_hits_and_a_dismissal(client: TestClient) -> None:
    hit = client.get("/v1/entities/kirill-dmitriev").json()["hits"]
    assert [(h["id"], h["listed_from"], h["dismissed"]) for h in hit] == [
        ("test_list:T-1", "2022-03-01", False)
    ]
    page = client.get("/ui/entities/kirill-dmitriev").text
    assert "test_list T-1 · first seen in the snapshot of 2022-03-01" in page
    r = client.post(
        "/v1/entities/kirill-dmitriev/hits/test_list:T-1/dismiss",
        json={},
        headers={"Authorization": "Bearer tok"},
    )
    assert r.status_code == 200
    assert client.get("/v1/entities/kirill-dmitriev").json()["hits"][0]["dismissed"] is True
    assert "badge dismissed" in client.get("/ui/entities/kirill-dmitriev").text
    unknown = client.post(
        "/v1/entities/kirill-dmitriev/hits/test_list:T-9/dismiss",
        json={},
        headers={"Authorization": "Bearer tok"},
    )
    assert unknown.status_code == 404 and "no hit 'test_list:T-9'" in unknown.text
    # A dismissed hit cannot be confirmed before the dismissal is undone; then it can, with a reason.
    auth = {"Authorization": "Bearer tok"}
    path = "/v1/entities/kirill-dmitriev/hits/T-1"
    refused = client.post(f"{path}/confirm", json={"reason": "it is him"}, headers=auth)
    assert refused.status_code == 400 and "is dismissed: undo that first" in refused.json()["detail"]
    assert client.post(f"{path}/dismiss", json={"undo": True}, headers=auth).json()["action"] == "undismiss"
    confirmed = client.post(f"{path}/confirm", json={"reason": "it is him", "user": "ana"}, headers=auth)
    assert confirmed.status_code == 200 and confirmed.json()["action"] == "confirm"
    (shown,) = client.get("/v1/entities/kirill-dmitriev").json()["hits"]
    assert shown["confirmed"] is True and shown["status"] == "listed"
    assert client.post(f"{path}/confirm", json={"undo": True}, headers=auth).json()["action"] == "unconfirm"
    assert client.get("/v1/entities/kirill-dmitriev").json()["hits"][0]["confirmed"] is False


def test_deals_flag_parties_listed_on_the_article_date(client: TestClient) -> None:
    groups = client.get("/v1/deals").json()["items"]
    invest = next(d for g in groups for d in g["events"] if d["event"]["type"] == "INVEST")
    fund = next(p for p in invest["parties"] if p["entity_id"] == "russian-direct-investment-fund")
    assert fund["listed"] is True  # listed from 2022-03-01; the article is of 2025-03-03
    assert fund["programmes"] == next(h["programs"] for h in fund["hits"]) and fund["programmes"]
    # the fund is the agent, the deal's only party: no listed counterparty
    assert fund["role"] == "agent" and [p["entity_id"] for p in invest["parties"]] == [fund["entity_id"]]
    assert invest["listed_party"] is False


def test_no_lists_loaded_answers_503(tmp_path: Path) -> None:
    store = build(f"sqlite:///{tmp_path / 'empty.db'}")
    with TestClient(create_app(Settings("sqlite://", "-", 1000, 1.0, None), store=store)) as c:
        r = c.post("/v1/screen", json={"names": ["Kirill Dmitriev"]})
        assert r.status_code == 503 and "no sanctions list is loaded" in r.json()["detail"]
        assert c.get("/v1/entities/kirill-dmitriev").json()["hits"] == []
        assert "no sanctions-list hit" in c.get("/ui/entities/kirill-dmitriev").text


def test_cli_screen_asks_a_running_server(store: Store) -> None:
    """`screen --api URL` gets the same hits from a running server as the CLI finds itself; a server
    that does not answer is one line and exit 1."""
    import json
    import socket

    from typer.testing import CliRunner

    from dealgraph.cli.main import app
    from tests.browser import serve

    def run(*args: str) -> list[tuple[str, str]]:
        result = CliRunner().invoke(app, ["screen", *args, "--json"], env={"DEALGRAPH_DB": store.url})
        assert result.exit_code == 0, result.output
        return [(row["list"], row["entry"]) for row in map(json.loads, result.stdout.splitlines())]

    with serve(create_app(Settings("sqlite://", "-", 1000, 1.0, None), store=store)) as url:
        remote = run("Kirill Dmitriev", "--as-of", "2022-03-02", "--api", url)
        assert remote == [("test_list", "T-1")]
        assert run("Kirill Dmitriev", "--as-of", "2022-03-02") == remote
        assert run("Kirill Dmitriev", "--as-of", "2022-02-26", "--api", url) == []
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
    gone = CliRunner().invoke(
        app, ["screen", "Kirill Dmitriev", "--api", dead], env={"DEALGRAPH_DB": store.url}
    )
    assert gone.exit_code == 1 and "no answer from the dealgraph server" in gone.output
    assert len(gone.output.strip().splitlines()) == 1
