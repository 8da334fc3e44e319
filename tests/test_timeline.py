"""Timelines (issue 17): newest first or oldest first, the undated in their own group at the end,
filters (type, modality, source, project, ROLE hidden), and a month chart over the whole range while
paging; on the web page and in `dealgraph timeline`."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, inspect, select, text
from typer.testing import CliRunner

from dealgraph.server import create_app
from dealgraph.settings import Settings
from dealgraph.store import timeline_reads
from dealgraph.store.event_tables import events, sort_keys
from dealgraph.store.migrations import current_version
from dealgraph.store.schema import schema_version
from dealgraph.store.store import Store, open_store
from dealgraph.store.timeline_reads import Order, TimelineQuery, timeline_events, timeline_months
from tests.desk_store import build, undated_draft


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = build(f"sqlite:///{tmp_path_factory.mktemp('timeline') / 'desk.db'}")
    undated_draft().save(store)
    return store


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(Settings("sqlite://", "-", 1000, 1.0, None), store=store)) as c:
        yield c


def _days(store: Store, q: TimelineQuery, order: Order = "newest") -> list[str | None]:
    return [
        ev.event_date or (str(ev.published) if ev.published else None)
        for ev in timeline_events(store, q, order)
    ]


def test_newest_first_undated_last_in_either_order(store: Store) -> None:
    q = TimelineQuery(entity_id="kirill-dmitriev")
    newest, oldest = _days(store, q), _days(store, q, "oldest")
    assert newest[-1] is None and oldest[-1] is None
    assert newest[:-1] == sorted(newest[:-1], reverse=True)  # type: ignore[type-var]
    assert oldest[:-1] == sorted(oldest[:-1])  # type: ignore[type-var]


def test_filters(store: Store) -> None:
    types = {ev.type for ev in timeline_events(store, TimelineQuery(hide_roles=True))}
    assert "ROLE" not in types and "MEET" in types
    said = timeline_events(store, TimelineQuery(source_id="reuters"))
    assert [ev.type for ev in said] == ["NEGOTIATE"]
    project = {ev.type for ev in timeline_events(store, TimelineQuery(project_id="arctic-lng-2"))}
    assert project == {"PROPOSE", "NEGOTIATE", "INVEST"}
    assert [ev.type for ev in timeline_events(store, TimelineQuery(modality="planned"))] == ["MEET"]
    assert min(timeline_months(store, TimelineQuery())) == "2022-03"


def test_page_order_groups_and_filters(client: TestClient) -> None:
    html = client.get("/ui/timeline", params={"entity": "kirill-dmitriev"}).text
    dated = html.split('id="timeline"')[1].split("</ol>")[0]
    days = re.findall(r'<span class="when">([^<]+)</span>', dated)
    assert days == sorted(days, reverse=True) and days[0] == "2025-03-03"
    assert 'id="undated"' in html and "will meet Steve Witkoff again" in html.split('id="undated"')[1]
    oldest = client.get("/ui/timeline", params={"entity": "kirill-dmitriev", "order": "oldest"}).text
    assert re.findall(r'<span class="when">([^<]+)</span>', oldest)[0] == "2022-03-01"
    hidden = client.get("/ui/timeline", params={"roles": "hide", "project": "Arctic LNG 2"}).text
    assert 'data-type="ROLE"' not in hidden and 'data-type="PROPOSE"' in hidden
    assert 'data-type="MEET"' not in hidden and 'value="Arctic LNG 2"' in hidden


def test_paging_keeps_the_chart_for_the_whole_range(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("dealgraph.web.timeline.ROWS", 2)
    first = client.get("/ui/timeline").text
    last = client.get("/ui/timeline", params={"offset": 6}).text
    bars = re.compile(r"<title>(\d{4}-\d\d): (\d+) event")
    assert bars.findall(first) == bars.findall(last) and bars.findall(first)[0][0] == "2022-03"
    assert "next →" in first and "order=newest" in first


def test_cli_timeline_order_and_filters(store: Store) -> None:
    from dealgraph.cli.context import state
    from dealgraph.cli.main import app

    try:
        result = CliRunner().invoke(
            app,
            ["--db", store.url, "timeline", "kirill-dmitriev", "--hide-roles", "--order", "oldest", "--json"],
        )
        assert result.exit_code == 0, result.output
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert records[0]["type"] == "SANCTION" and "ROLE" not in {r["type"] for r in records}
        assert records[-1]["evidence"].startswith("Kirill Dmitriev will meet")
        said = CliRunner().invoke(
            app, ["--db", store.url, "timeline", "Steve Witkoff", "--source", "Reuters"]
        )
        assert said.exit_code == 0 and "NEGOTIATE" in said.stdout and "MEET" not in said.stdout
        bad = CliRunner().invoke(
            app, ["--db", store.url, "timeline", "kirill-dmitriev", "--order", "sideways"]
        )
        assert bad.exit_code == 2
    finally:
        state.db = None


def test_the_search_box_stays_empty(client: TestClient) -> None:
    html = client.get("/ui/timeline").text
    assert "TimelineQuery" not in html


def test_sort_keys_take_the_article_date_where_the_event_gives_none_or_only_a_year() -> None:
    assert sort_keys("2025-03-14", date(2025, 4, 1)) == ("2025-03-14", "2025-03")
    assert sort_keys("2025-03", date(2025, 4, 1)) == ("2025-03", "2025-03")
    assert sort_keys("2025", date(2025, 4, 1)) == ("2025", "2025-04")  # a year orders, the article dates
    assert sort_keys(None, date(2025, 4, 1)) == ("2025-04-01", "2025-04")
    assert sort_keys(None, None) == (None, None)


def test_a_store_from_before_the_day_columns_is_migrated_to_the_same_order(tmp_path: Path) -> None:
    """Migration 12 on a store whose events have no ``day``/``month`` (dropped here, as version 11 had
    them): the columns come back with the values a new write gives, and the timeline reads the same."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    store = build(url)
    undated_draft().save(store)
    q = TimelineQuery()
    before = ([e.id for e in timeline_events(store, q, o)] for o in ("newest", "oldest"))
    expected = list(before), timeline_months(store, q)
    with store.begin() as conn:
        keys = {r.id: (r.day, r.month) for r in conn.execute(select(events))}
        for index in ("ix_events_day", "ix_events_type_day", "ix_events_month"):
            conn.execute(text(f"DROP INDEX {index}"))
        conn.execute(text("ALTER TABLE events DROP COLUMN day"))
        conn.execute(text("ALTER TABLE events DROP COLUMN month"))
        conn.execute(delete(schema_version).where(schema_version.c.version == 12))
    store = open_store(url)
    with store.read() as conn:
        assert current_version(conn) == 12
        again = {r.id: (r.day, r.month) for r in conn.execute(select(events))}
        indexes = {i["name"] for i in inspect(conn).get_indexes("events")}
    assert again == keys and any(day for day, _ in keys.values())
    assert {"ix_events_day", "ix_events_type_day", "ix_events_month"} <= indexes
    after = [[e.id for e in timeline_events(store, q, o)] for o in ("newest", "oldest")]
    assert (after, timeline_months(store, q)) == expected


def test_an_entity_with_more_events_than_a_list_holds_is_asked_by_subquery(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    q = TimelineQuery(entity_id="kirill-dmitriev")
    listed = [e.id for e in timeline_events(store, q)], timeline_months(store, q)
    assert len(listed[0]) > 1
    monkeypatch.setattr(timeline_reads, "INLINE", 1)
    assert ([e.id for e in timeline_events(store, q)], timeline_months(store, q)) == listed
    events, months = timeline_reads.timeline_page(store, q)
    assert ([e.id for e in events], months) == listed
