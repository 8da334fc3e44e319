"""The screening index on disk answers as the one built in memory, refuses what is not a screening
record, and a damaged file is built again. The list entries are invented for these tests."""

from __future__ import annotations

import pickle
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest

from dealgraph.screen import stored_index
from dealgraph.screen.index import ScreeningIndex
from dealgraph.screen.records import ListEntry
from dealgraph.screen.stored_index import open_index, write_index

ENTRIES = [
    ListEntry("test_list", "P-1", "Person", "BRANNIKOV, Oleg Petrovich", aliases=("Oleg Brannikow",)),
    # Two listed persons of one name, and a person known also by an alias.
    ListEntry("test_list", "P-3", "Person", "SAFAROV, Rustam"),
    ListEntry("test_list", "P-4", "Person", "SAFAROV, Rustam Ilyasovich"),
    ListEntry("test_list", "P-5", "Person", "MIRZOEV, Kamol", aliases=("Kamal TURSUNOV",)),
    ListEntry("test_list", "P-2", "Person", "VOSTRIKOVA, Lidia", programs=("T-EAST",)),
    ListEntry("test_list", "O-1", "Organization", "Northwind Polar Shipping LLC", listed_on=date(2023, 4, 5)),
    ListEntry("test_list", "O-2", "Organization", "Joint Stock Company Kama Rail Leasing"),
]
QUERIES = [
    ("Oleg Brannikov", None),
    ("Oleg Brannikow", "Person"),
    ("Lidia Vostrikova", "Person"),
    ("Northwind Polar Shipping", "Organization"),
    ("Kama Rail Leasing", None),
    ("Nobody Atall", None),
]


@pytest.fixture(scope="module")
def built() -> ScreeningIndex:
    return ScreeningIndex.from_entries(ENTRIES, date(2024, 1, 1))


def test_the_stored_index_answers_as_the_built_one(built: ScreeningIndex, tmp_path: Path) -> None:
    path = tmp_path / "i.screening.sqlite"
    write_index(built, path)
    stored = open_index(path)
    assert stored is not None and stored is not built
    for name, schema in QUERIES:
        assert stored.screen(name, schema) == built.screen(name, schema), name
    assert [h.entry_id for h in stored.screen("Oleg Brannikov")] == ["P-1"]
    assert stored.screen("Kama Rail Leasing", as_of=date(2023, 1, 1)) == []  # before the snapshot


def test_only_screening_records_are_unpickled(built: ScreeningIndex, tmp_path: Path) -> None:
    path = tmp_path / "i.screening.sqlite"
    write_index(built, path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE names SET data = ? WHERE item = 0", (pickle.dumps(Path("/etc/passwd")),))
    db.close()
    stored = open_index(path)
    assert stored is not None
    with pytest.raises(pickle.UnpicklingError, match="not a screening record"):
        stored.names[0]


def test_a_damaged_file_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "i.screening.sqlite"
    path.write_bytes(b"cut short")
    assert open_index(path) is None
    assert open_index(tmp_path / "missing.screening.sqlite") is None


def test_namesakes_and_approximate_aliases_are_to_review(built: ScreeningIndex) -> None:
    """Two entries of one list that the name matches exactly: a namesake is possible, so neither is
    "listed" on the name alone. An alias matched with a variant spelling is possible too; matched word
    for word it is exact."""
    namesakes = built.screen("Rustam Safarov", "Person")
    assert {h.entry_id for h in namesakes} == {"P-3", "P-4"}
    assert {h.grade for h in namesakes} == {"possible"} and "a namesake is possible" in namesakes[
        0
    ].explanation
    (exact,) = built.screen("Kamal Tursunov", "Person")
    assert (exact.entry_id, exact.grade) == ("P-5", "exact")
    (variant,) = built.screen("Kamol Tursunov", "Person")
    assert (variant.entry_id, variant.grade) == ("P-5", "possible")
    (own,) = built.screen("Kamol Mirzoev", "Person")
    assert own.grade == "strong"  # the own name, its words in the list's order: listed


def test_concurrent_requests_build_the_index_once(
    built: ScreeningIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four threads (a server's requests) ask for an index not on disk yet: one builds it, the others
    wait and read the file it wrote."""
    monkeypatch.setenv("DEALGRAPH_CACHE_DIR", str(tmp_path))
    builds: list[int] = []

    def slow_build(conn: object) -> ScreeningIndex:
        builds.append(1)
        time.sleep(0.3)
        return built

    monkeypatch.setattr(stored_index, "load_index", slow_build)

    def request(_: int) -> list[object]:  # a request opens the index and screens in its own thread
        index = stored_index.screening_index(None, "0" * 32)  # type: ignore[arg-type]
        return list(index.screen("Oleg Brannikov"))

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(request, range(4)))
    assert len(builds) == 1
    assert answers == [list(built.screen("Oleg Brannikov"))] * 4 and answers[0]


def test_an_index_file_that_cannot_be_touched_is_still_read(
    built: ScreeningIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "i.screening.sqlite"
    write_index(built, path)

    def read_only(*args: object) -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setattr(stored_index.os, "utime", read_only)
    stored = open_index(path)
    assert stored is not None and stored.screen("Oleg Brannikov") == built.screen("Oleg Brannikov")
