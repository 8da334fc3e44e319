"""List snapshots in the store: intervals, as-of screening on the real OFAC snapshots, atomic saves."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, inspect, select

from dealgraph.exc import InputError
from dealgraph.screen import history
from dealgraph.screen.history import compute_intervals, read_listings, save_snapshot
from dealgraph.screen.hits import read_hits, save_hits
from dealgraph.screen.index import ScreeningIndex, load_index
from dealgraph.screen.loaders import read_list
from dealgraph.screen.records import Interval, ListEntry
from dealgraph.store import screening_tables
from dealgraph.store.migrations import migrate
from dealgraph.store.schema import metadata
from tests.conftest import SHARED, need

SDN = SHARED / "data" / "sanctions" / "us_ofac_sdn"
EU = SHARED / "data" / "sanctions" / "eu_fsf" / "eu-reg-269-2014.csv"
FEB_26, MAR_1 = date(2022, 2, 26), date(2022, 3, 1)


def new_engine() -> Engine:
    engine = create_engine("sqlite://")
    metadata.create_all(engine, tables=list(screening_tables.TABLES))
    return engine


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        tables = screening_tables.TABLES
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tables}


@pytest.fixture(scope="module")
def ofac_2022() -> Iterator[tuple[Engine, ScreeningIndex]]:
    """The two 2022 SDN snapshots, loaded newest first to show that order does not matter."""
    engine = new_engine()
    with engine.connect() as conn:
        for day in (MAR_1, FEB_26):
            entries = read_list(need(SDN / f"sdn-{day.isoformat()}.csv"), "ofac-sdn")
            save_snapshot(conn, "us_ofac_sdn", day, entries, source=f"sdn-{day}.csv", format="ofac-sdn")
        conn.commit()
    with engine.connect() as conn:
        yield engine, load_index(conn)


def test_intervals_from_membership() -> None:
    feb, mar, apr = date(2022, 2, 1), date(2022, 3, 1), date(2022, 4, 1)
    snaps = [(mar, {"a", "b", "c"}), (feb, {"a", "b"}), (apr, {"a", "c"})]
    found = compute_intervals(snaps)
    assert found["a"] == [Interval(feb)]
    assert found["b"] == [Interval(feb, apr)]
    assert found["c"] == [Interval(mar)]
    relisted = compute_intervals([(feb, {"x"}), (mar, set()), (apr, {"x"})])
    assert relisted["x"] == [Interval(feb, mar), Interval(apr)]


@pytest.mark.slow  # whole OFAC snapshots
def test_rdif_and_dmitriev_listed_from_march_2022(ofac_2022: tuple[Engine, ScreeningIndex]) -> None:
    engine, index = ofac_2022
    with engine.connect() as conn:
        listings = {lst.entry.entry_id: lst for lst in read_listings(conn)}
    assert listings["34336"].intervals == (Interval(MAR_1),)  # DMITRIEV, Kirill Aleksandrovich
    assert listings["34036"].intervals == (Interval(MAR_1),)  # RUSSIAN DIRECT INVESTMENT FUND
    assert listings["16683"].intervals == (Interval(FEB_26),)  # in both snapshots
    for name, schema in (("Kirill Dmitriev", "Person"), ("Russian Direct Investment Fund", "Organization")):
        assert index.screen(name, schema, as_of=FEB_26) == []
        assert index.screen(name, schema, as_of=date(2021, 6, 1)) == []
        (hit,) = index.screen(name, schema, as_of=MAR_1)
        assert hit.listed_from == MAR_1 and hit.listed_until is None
        assert (
            "first seen in the snapshot of 2022-03-01 (the list gives no designation date)" in hit.explanation
        )
        assert [h.entry_id for h in index.screen(name, schema)] == [hit.entry_id]  # latest snapshot


@pytest.mark.slow  # whole OFAC snapshots
def test_snapshot_stats_and_replacement(ofac_2022: tuple[Engine, ScreeningIndex]) -> None:
    engine, _ = ofac_2022
    before = counts(engine)
    assert before["list_snapshots"] == 2 and before["list_members"] == 9218 + 9226
    entries = read_list(need(SDN / "sdn-2022-03-01.csv"), "ofac-sdn")
    with engine.connect() as conn:
        stats = save_snapshot(conn, "us_ofac_sdn", MAR_1, entries)
        conn.rollback()  # the caller's transaction decides: nothing stays
    assert stats.replaced and stats.entries == 9226 and stats.removed == 0
    assert stats.added == 8  # entries designated between the two days
    assert counts(engine) == before


@pytest.mark.slow  # whole OFAC snapshots
def test_failed_save_leaves_the_store_intact(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    engine = new_engine()
    entries = read_list(need(SDN / "sdn-2022-02-26.csv"), "ofac-sdn")
    with engine.connect() as conn:
        save_snapshot(conn, "us_ofac_sdn", FEB_26, entries)
    before = counts(engine)
    assert before["list_entries"] == 9218  # committed by save_snapshot's own transaction

    def broken(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(history, "_rebuild_intervals", broken)
    later = read_list(need(SDN / "sdn-2022-03-01.csv"), "ofac-sdn")
    with engine.connect() as conn, pytest.raises(RuntimeError):
        save_snapshot(conn, "us_ofac_sdn", MAR_1, later)  # fails after writing members and entries
    with pytest.raises(RuntimeError), engine.begin() as conn:
        save_snapshot(conn, "us_ofac_sdn", MAR_1, later)  # the same inside the caller's transaction
    assert counts(engine) == before
    # A truncated file fails while it is read, before anything is written.
    data = need(SDN / "sdn-2022-03-01.csv").read_bytes()
    cut = tmp_path / "sdn-2022-03-01.csv"
    cut.write_bytes(data[: len(data) * 2 // 3])
    with engine.connect() as conn, pytest.raises(InputError, match="truncated"):
        save_snapshot(conn, "us_ofac_sdn", MAR_1, read_list(cut, "ofac-sdn"))
    assert counts(engine) == before


def test_invalid_snapshots_are_refused_before_writing() -> None:
    engine = new_engine()
    entry = ListEntry("x", "1", "Person", "A B")
    with engine.connect() as conn:
        with pytest.raises(InputError, match="without entries"):
            save_snapshot(conn, "x", FEB_26, [])
        with pytest.raises(InputError, match="appears twice"):
            save_snapshot(conn, "x", FEB_26, [entry, entry])
    assert counts(engine)["list_snapshots"] == 0


def test_designation_date_before_the_first_snapshot() -> None:
    """The EU list prints designation dates: a party designated in 2014 and in the only loaded snapshot
    (2025) was listed in 2020; a party designated in 2025 was not."""
    engine = new_engine()
    with engine.connect() as conn:
        save_snapshot(conn, "eu_fsf", date(2025, 8, 1), read_list(need(EU), "eu-csv"))
        index = load_index(conn, datasets=["eu_fsf"])
    (hit,) = index.screen("Сергей Аксёнов", "Person", as_of=date(2020, 1, 1))
    designated = date(2014, 3, 17)
    assert (hit.entry_id, hit.listed_on, hit.listed_from) == ("I.PERSONS:1", designated, designated)
    listing = next(lst for lst in index.listings if lst.entry.listed_on == date(2025, 5, 20))
    assert listing.interval_on(date(2024, 1, 1)) is None
    assert listing.interval_on(date(2025, 6, 1)) is not None


@pytest.mark.slow  # whole OFAC snapshots
def test_entity_hits_round_trip(ofac_2022: tuple[Engine, ScreeningIndex]) -> None:
    engine, index = ofac_2022
    hits = index.screen("Кирилл Дмитриев", "Person", as_of=MAR_1)
    with engine.begin() as conn:
        assert save_hits(conn, "person:kirill-dmitriev", hits, as_of=MAR_1) == 1
        ((entity, stored),) = read_hits(conn, "person:kirill-dmitriev")
        assert entity == "person:kirill-dmitriev" and stored == hits[0]
        save_hits(conn, "person:kirill-dmitriev", [])  # a re-run without hits replaces them
        assert read_hits(conn) == []
        conn.rollback()


def test_migrations_create_the_screening_tables() -> None:
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        migrate(conn)
        names = set(inspect(conn).get_table_names())
    assert {t.name for t in screening_tables.TABLES} <= names
