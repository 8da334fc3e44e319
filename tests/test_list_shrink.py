"""A truncated sanctions list never delists (issue 13, defect 4): a file cut at a line end is caught by
its format's end marker where it has one, and a snapshot that would remove more than 5 % of the list
before it is refused, with the counts, unless the caller allows it; the loaded snapshots stay as they
were. A deeply nested FtM file is an input error."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, select
from typer.testing import CliRunner

from dealgraph.exc import InputError
from dealgraph.screen.history import save_snapshot
from dealgraph.screen.loaders import read_list
from dealgraph.store import screening_tables
from dealgraph.store.schema import metadata
from tests.conftest import SHARED, need

SDN = SHARED / "data" / "sanctions" / "us_ofac_sdn" / "sdn-2022-03-01.csv"
EU = SHARED / "data" / "sanctions" / "eu_fsf" / "eu-reg-269-2014.csv"


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        tables = screening_tables.TABLES
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tables}


def head(source: Path, target: Path, lines: int) -> Path:
    """What ``head -n LINES`` makes of a file."""
    with source.open("rb") as handle:
        target.write_bytes(b"".join(handle.readline() for _ in range(lines)))
    return target


def test_an_sdn_file_cut_at_a_line_end_is_refused_for_its_missing_eof_byte(tmp_path: Path) -> None:
    assert need(SDN).read_bytes().endswith(b"\x1a")  # the real file's completeness marker
    for lines in (2000, 1):
        with pytest.raises(InputError, match=r"0x1A.*truncated"):
            read_list(head(SDN, tmp_path / "sdn-2023-01-01.csv", lines), "ofac-sdn")


def test_a_snapshot_that_removes_most_of_the_list_is_refused_unless_allowed(tmp_path: Path) -> None:
    engine = create_engine("sqlite://")
    metadata.create_all(engine, tables=list(screening_tables.TABLES))
    full = read_list(need(SDN), "ofac-sdn")
    with engine.begin() as conn:
        save_snapshot(conn, "us_ofac_sdn", date(2022, 3, 1), full)
    before = counts(engine)
    cut = full[:2000]  # a truncated file that still has its end marker (a careful cut)
    for day in (date(2023, 1, 1), date(2022, 3, 1)):  # a newer snapshot, or one replacing the same day
        with engine.begin() as conn, pytest.raises(InputError) as caught:
            save_snapshot(conn, "us_ofac_sdn", day, cut)
        assert f"remove {len(full) - 2000} of the {len(full)} entries" in str(caught.value)
        assert "--allow-shrink" in str(caught.value)
        assert counts(engine) == before
    with engine.begin() as conn:  # a list that shrank a little (a few delistings) is fine
        stats = save_snapshot(conn, "us_ofac_sdn", date(2022, 6, 1), full[: len(full) - 100])
    assert stats.removed == 100
    with engine.begin() as conn:
        stats = save_snapshot(conn, "us_ofac_sdn", date(2023, 1, 1), cut, max_shrink=None)
    assert stats.removed == len(full) - 100 - 2000


def test_the_cli_refuses_a_cut_eu_list_in_one_line_and_loads_it_with_allow_shrink(tmp_path: Path) -> None:
    from dealgraph.cli.main import app

    db = f"sqlite:///{tmp_path / 'lists.db'}"
    runner = CliRunner()
    full = ["--db", db, "lists", "load", str(need(EU)), "--format", "eu-csv", "--as-of", "2025-01-01"]
    ok = runner.invoke(app, full)
    assert ok.exit_code == 0, ok.output
    cut = head(EU, tmp_path / "eu-cut.csv", 300)
    args = ["--db", db, "lists", "load", str(cut), "--format", "eu-csv", "--as-of", "2025-06-01"]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 1
    message = refused.stderr.strip()
    assert "\n" not in message and "refused" in message and "--allow-shrink" in message
    from dealgraph.screen.history import read_listings
    from dealgraph.store.store import open_store

    with open_store(db).read() as conn:
        assert all(i.listed_until is None for listing in read_listings(conn) for i in listing.intervals)
    allowed = runner.invoke(app, [*args, "--allow-shrink"])
    assert allowed.exit_code == 0, allowed.output
    assert "removed" in allowed.stderr  # a message, not data: stdout is for data


def test_a_deeply_nested_ftm_file_is_an_input_error(tmp_path: Path) -> None:
    nested = tmp_path / "nested.json"
    deep = "[" * 100_000 + "]" * 100_000
    nested.write_text('{"schema": "Person", "id": "x", "properties": ' + deep + "}\n")
    with pytest.raises(InputError, match=r"line 1: .*nested"):
        read_list(nested, "ftm")
