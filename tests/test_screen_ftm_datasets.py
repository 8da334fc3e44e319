"""FtM list files keep their own datasets: two unrelated files both stay listed, a collection's entities
are entries of the lists that sanction them, and a file without a date in its name is dated by its
entities' ``last_seen``. The entities are invented for these tests."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from dealgraph.cli.main import app
from dealgraph.screen.loaders import read_list, snapshot_day


def _person(pid: str, name: str, datasets: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "id": pid,
        "schema": "Person",
        "caption": name,
        "properties": {"name": [name]},
        "datasets": datasets,
        "target": True,
        "last_seen": "2025-06-01T08:00:00",
        **extra,
    }


def _sanction(sid: str, target: str, dataset: str, program: str, listed: str) -> dict[str, Any]:
    return {
        "id": sid,
        "schema": "Sanction",
        "caption": program,
        "properties": {"entity": [target], "program": [program], "listingDate": [listed]},
        "datasets": [dataset],
        "target": False,
        "last_seen": "2025-06-01T08:00:00",
    }


def _write(path: Path, entities: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(e) + "\n" for e in entities), encoding="utf-8")
    return path


def test_a_collection_lists_each_party_under_the_lists_that_sanction_it(tmp_path: Path) -> None:
    collection = _write(
        tmp_path / "collection.ftm.json",
        [
            # A registry (ext_*) and two lists know him; only the two lists sanction him.
            _person("p-1", "Oleg Brannikov", ["ext_registry", "aa_list", "bb_list"]),
            _sanction("s-1", "p-1", "aa_list", "AA-EAST", "2023-04-05"),
            _sanction("s-2", "p-1", "bb_list", "BB-7", "2024-01-09"),
            # A target with no Sanction entity: an entry of its own lists, not of the registry.
            _person("p-2", "Lidia Vostrikova", ["ext_registry", "cc_list"]),
        ],
    )
    entries = {(e.dataset, e.entry_id): e for e in read_list(collection, "ftm")}
    assert set(entries) == {("aa_list", "p-1"), ("bb_list", "p-1"), ("cc_list", "p-2")}
    assert entries["aa_list", "p-1"].programs == ("AA-EAST",)
    assert entries["bb_list", "p-1"].listed_on == date(2024, 1, 9)
    assert snapshot_day(collection, "ftm") == date(2025, 6, 1)  # the entities' last_seen
    # A dataset named by the user takes every entry, as before.
    assert {e.dataset for e in read_list(collection, "ftm", "mine")} == {"mine"}


def test_two_ftm_files_with_different_datasets_both_stay_listed(tmp_path: Path) -> None:
    first = _write(
        tmp_path / "east.json",
        [
            _person("e-1", "Oleg Brannikov", ["east_list"]),
            _sanction("s-e", "e-1", "east_list", "E-1", "2022-03-02"),
        ],
    )
    second = _write(
        tmp_path / "west.json",
        [
            _person("w-1", "Lidia Vostrikova", ["west_list"]),
            _sanction("s-w", "w-1", "west_list", "W-1", "2024-02-02"),
        ],
    )
    env = {"DEALGRAPH_DB": str(tmp_path / "lists.db")}

    def run(*args: str) -> Result:
        return CliRunner().invoke(app, list(args), env=env)

    for path in (first, second):
        loaded = run("lists", "load", str(path), "--format", "ftm")  # no date in the names: last_seen
        assert loaded.exit_code == 0, loaded.output
    shown = [json.loads(line) for line in run("lists", "show", "--json").stdout.splitlines()]
    assert {(s["dataset"], s["as_of"]) for s in shown} == {
        ("east_list", "2025-06-01"),
        ("west_list", "2025-06-01"),
    }
    for name, dataset in (("Oleg Brannikov", "east_list"), ("Lidia Vostrikova", "west_list")):
        hits = run("screen", name, "--json")
        assert hits.exit_code == 0 and f'"{dataset}"' in hits.stdout, hits.output


def test_loading_a_list_alerts_on_a_watched_party_it_lists(tmp_path: Path) -> None:
    """Watch a party, then load a list that names it: the load raises the alert (not only an ingest)."""
    from tests.desk_store import build

    db = tmp_path / "desk.db"
    build(f"sqlite:///{db}")
    env = {"DEALGRAPH_DB": str(db)}

    def run(*args: str) -> Result:
        return CliRunner().invoke(app, list(args), env=env)

    assert run("watchlist", "add", "kirill-dmitriev").exit_code == 0
    listing = _write(
        tmp_path / "north.json",
        [
            _person("n-1", "Kirill Dmitriev", ["north_list"]),
            _sanction("s-n", "n-1", "north_list", "N-1", "2022-03-01"),
        ],
    )
    loaded = run("lists", "load", str(listing), "--format", "ftm")
    assert loaded.exit_code == 0 and "1 new alerts" in loaded.output, loaded.output
    alerts = [json.loads(line) for line in run("alerts", "--json").stdout.splitlines()]
    assert [a["kind"] for a in alerts] == ["hit"] and "sanctions listing (exact match)" in alerts[0]["title"]
