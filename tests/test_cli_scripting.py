"""A CLI that scripts can rely on (issue 16): data alone on stdout, one error line on stderr and a
non-zero exit code when something is wrong, never a traceback; plain paths for --db; --json lines on
every listing; stdin for ingest; a cut list says so. Run through Typer's CliRunner, which keeps stdout and
stderr apart, on the example articles' store (``examples_store``, ingested once per session)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from dealgraph.cli.main import app
from dealgraph.version import __version__

ARTICLE = (
    "Kirill Dmitriev, head of the Russian Direct Investment Fund, proposed a joint Arctic project to "
    "Steve Witkoff in Riyadh on 18 February 2025.\n"
)


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input, env=env)


def one_error_line(result: Result, code: int) -> str:
    """The error's one line, after checking the exit code, that stdout is empty and there is no traceback."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def db(examples_store: Any) -> str:
    """The example store's file as a plain path."""
    return str(examples_store.engine.url.database)


@pytest.fixture
def fast_ingest(monkeypatch: pytest.MonkeyPatch, extractor: Any) -> None:
    """CLI ingests reuse the session's extractor instead of loading the spaCy model again."""
    monkeypatch.setattr("dealgraph.pipeline.run.Extractor", lambda *args: extractor)


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"dealgraph {__version__}"


def test_a_plain_path_is_a_store(db: str) -> None:
    result = run("--db", db, "entities", "--limit", "0")
    assert result.exit_code == 0, result.stderr
    assert "kirill-dmitriev" in result.stdout


def test_a_plain_path_in_the_environment(db: str) -> None:
    result = run("entities", "--limit", "0", env={"DEALGRAPH_DB": db})
    assert result.exit_code == 0, result.stderr
    assert "kirill-dmitriev" in result.stdout


def test_a_store_in_a_missing_directory_is_one_line(tmp_path: Path) -> None:
    line = one_error_line(run("--db", str(tmp_path / "nowhere" / "x.db"), "summary"), 1)
    assert "no directory" in line and "nowhere" in line


def test_a_missing_store_is_not_created_by_a_read(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    line = one_error_line(run("--db", f"sqlite:///{missing}", "entities"), 1)
    assert "no store at" in line and not missing.exists()


def test_an_unreachable_postgres_is_one_line_without_its_password() -> None:
    pytest.importorskip("psycopg")
    line = one_error_line(run("--db", "postgresql://u:secret@127.0.0.1:1/db", "summary"), 1)
    assert "cannot use the store at" in line and "secret" not in line


def test_an_unknown_backend_is_a_usage_error() -> None:
    assert "not a store URL" in one_error_line(run("--db", "foo://x", "summary"), 2)


def test_a_date_that_is_no_date_is_a_usage_error(db: str) -> None:
    assert "YYYY-MM-DD" in one_error_line(run("--db", db, "events", "--since", "April"), 2)


@pytest.mark.parametrize(
    ("args", "valid"),
    [
        (["entities", "--type", "Foo"], "Person, Organization"),
        (["events", "--type", "OFFER"], "PROPOSE"),
        (["events", "--modality", "sure"], "asserted"),
        (["screen", "Somebody", "--type", "Ship"], "Person, Organization"),
    ],
)
def test_a_filter_value_that_matches_nothing_lists_the_valid_ones(
    db: str, args: list[str], valid: str
) -> None:
    assert valid in one_error_line(run("--db", db, *args), 2)


def test_filter_values_in_any_case(db: str) -> None:
    for args in (["entities", "--type", "person"], ["events", "--type", "role"]):
        result = run("--db", db, *args, "--json")
        assert result.exit_code == 0, result.stderr
        assert result.stdout.strip()


@pytest.mark.parametrize("command", ["hits", "events", "timeline"])
def test_an_entity_that_does_not_exist_is_an_error(db: str, command: str) -> None:
    args = ["--entity", "nobody-at-all"] if command != "timeline" else ["nobody-at-all"]
    assert "no entity 'nobody-at-all'" in one_error_line(run("--db", db, command, *args), 1)


def test_an_empty_but_valid_answer_exits_0(db: str) -> None:
    result = run("--db", db, "entities", "--q", "zzzz no such name")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.splitlines() == ["id\tname\ttype\tarticles\tmentions"]


def test_an_unknown_option_is_one_line() -> None:
    assert "--bogus" in one_error_line(run("entities", "--bogus"), 2)


def test_an_unexpected_error_is_one_line(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("something inside\nover two lines")

    monkeypatch.setattr("dealgraph.store.reader.list_entities", broken)
    line = one_error_line(run("--db", db, "entities"), 1)
    assert "ValueError: something inside" in line


def test_screen_without_a_loaded_list_says_so_rather_than_no_hit(db: str) -> None:
    """A name screened against nothing has not been cleared: the command fails and says why."""
    result = run("--db", db, "screen", "Kirill Dmitriev", "--json")
    assert result.exit_code == 1 and result.stdout == ""
    assert "no sanctions list is loaded" in one_error_line(result, 1)


@pytest.mark.parametrize(
    "args",
    [
        ["entities", "--limit", "0"],
        ["events", "--limit", "0"],
        ["timeline", "kirill-dmitriev"],
        ["errors"],
        ["judgements"],
        ["hits"],
        ["lists", "show"],
        ["summary"],
    ],
)
def test_json_is_one_record_per_line(db: str, args: list[str]) -> None:
    result = run("--db", db, *args, "--json")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(isinstance(record, dict) for record in records)
    if args[0] in ("entities", "events", "timeline", "summary"):
        assert records


def test_a_cut_list_says_so_on_stderr(db: str) -> None:
    cut = run("--db", db, "entities", "--limit", "2")
    assert cut.exit_code == 0 and len(cut.stdout.splitlines()) == 3  # the header and two rows
    total = len(run("--db", db, "entities", "--limit", "0").stdout.splitlines()) - 1
    assert cut.stderr.strip() == f"showing 2 of {total} entities (--limit N for more, --limit 0 for all)"
    events = run("--db", db, "events", "--limit", "1", "--json")
    assert len(events.stdout.splitlines()) == 1 and "showing 1 of" in events.stderr


def test_quiet_keeps_stderr_for_errors_only(db: str) -> None:
    result = run("-q", "--db", db, "entities", "--limit", "2")
    assert result.exit_code == 0 and result.stderr == "" and len(result.stdout.splitlines()) == 3


def test_piped_rows_are_whole_lines(db: str) -> None:
    result = run("--db", db, "events", "--limit", "0")
    header, *rows = result.stdout.splitlines()
    assert header.split("\t") == ["date", "event", "modality", "source", "arguments", "evidence"]
    assert all(len(row.split("\t")) == 6 for row in rows)
    assert max(len(row) for row in rows) > 160  # a whole evidence sentence, not 80 columns of it


def test_ingest_reads_stdin_and_keeps_stdout_for_data(tmp_path: Path, fast_ingest: None) -> None:
    db = str(tmp_path / "new.db")  # a store that does not exist yet: ingest may create it
    result = run("--db", db, "ingest", "-", input=ARTICLE)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and "1 stored" in result.stderr
    again = run("--db", db, "ingest", "-", "--json", input=ARTICLE)
    report = json.loads(again.stdout)
    assert again.exit_code == 0 and report["stored"] == [] and len(report["unchanged"]) == 1
    assert "kirill-dmitriev" in run("--db", db, "entities").stdout


def test_ingest_reads_json_lines_from_stdin(tmp_path: Path, fast_ingest: None) -> None:
    lines = "".join(
        json.dumps({"id": f"doc-{n}", "text": ARTICLE.replace("18", str(n))}) + "\n" for n in (1, 2)
    )
    result = run("--db", str(tmp_path / "lines.db"), "ingest", "-", "--json", input=lines)
    assert result.exit_code == 0, result.stderr
    assert sorted(json.loads(result.stdout)["stored"]) == ["doc-1", "doc-2"]


def test_a_failed_ingest_exits_1(tmp_path: Path, fast_ingest: None) -> None:
    line = one_error_line(
        run("-q", "--db", str(tmp_path / "f.db"), "ingest", str(tmp_path / "absent.txt")), 1
    )
    assert "nothing ingested" in line and "no such file" in line


def test_strict_ingest_fails_on_any_skipped_item(tmp_path: Path, fast_ingest: None) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "bad.pdf").write_bytes(b"%PDF-1.4")
    args = ["--db", str(tmp_path / "s.db"), "ingest", str(tmp_path / "in")]
    assert run(*args).exit_code == 0
    line = one_error_line(run("-q", *args, "--strict"), 1)
    assert "1 items skipped" in line and "bad.pdf" in line
