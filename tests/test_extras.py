"""The optional features without their extras: each stops with one line naming the extra to install,
never an ImportError, and the rest of dealgraph imports and runs without them. A missing package is
simulated as Python does for a module it must not import: ``sys.modules[name] = None``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dealgraph.cli.main import app
from dealgraph.exc import MissingExtra
from dealgraph.reports import render
from dealgraph.store.db import make_engine
from tests.desk_store import build

ROOT = Path(__file__).resolve().parents[1]
DASK_ENGINE = (
    "dealgraph.pipeline.distributed",
    "dealgraph.pipeline.dask_driver",
    "dealgraph.pipeline.dask_tasks",
)


def one_line_error(output: str, extra: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert lines[0].startswith("error: ") and f"install dealgraph[{extra}]" in lines[0], output
    assert "Traceback" not in output and "ImportError" not in output
    return lines[0]


def test_a_pdf_brief_without_weasyprint_or_chromium_names_the_pdf_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = build(f"sqlite:///{tmp_path / 'desk.db'}")
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    monkeypatch.setattr(render, "CHROMIUM", ("dealgraph-test-no-such-browser",))
    out = tmp_path / "brief.pdf"
    result = CliRunner().invoke(
        app,
        ["--db", store.url, "report", "--entity", "Kirill Dmitriev", "--format", "pdf", "--out", str(out)],
    )
    assert result.exit_code == 1
    line = one_line_error(result.output, "pdf")
    assert "WeasyPrint" in line and "apt-get install chromium" in line  # both ways to a PDF are named
    assert not out.exists()
    # the HTML brief, which needs neither, is still written
    html = CliRunner().invoke(
        app, ["--db", store.url, "report", "--entity", "Kirill Dmitriev", "--out", str(tmp_path / "b.html")]
    )
    assert html.exit_code == 0, html.output


def test_a_postgres_store_without_psycopg_names_the_postgres_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    url = "postgresql://dealgraph@127.0.0.1:9/dealgraph"  # never reached: the driver is missing first
    with pytest.raises(MissingExtra, match=r"a PostgreSQL store needs psycopg"):
        make_engine(url)
    result = CliRunner().invoke(app, ["--db", url, "summary"])
    assert result.exit_code == 1
    one_line_error(result.output, "postgres")
    # SQLite, the default store, needs no extra
    make_engine("sqlite://").dispose()


def test_the_dask_engine_without_dask_names_the_dask_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    for name in DASK_ENGINE:  # imported by an earlier test: make the next import run the module again
        monkeypatch.delitem(sys.modules, name, raising=False)
    article = tmp_path / "a.txt"
    article.write_text("Rosatom signed a deal with the Government of Hungary on 3 March 2024.\n")
    db = f"sqlite:///{tmp_path / 'd.db'}"
    for command in (["ingest", str(article)], ["backfill", str(tmp_path / "none.jsonl")]):
        result = CliRunner().invoke(app, ["--db", db, *command, "--engine", "dask", "--workers", "1"])
        assert result.exit_code == 1, result.output
        assert "the Dask engine needs distributed" in one_line_error(result.output, "dask")


BLOCKED = ("dask", "distributed", "psycopg", "weasyprint")
IMPORT_ALL = f"""
import importlib, json, pkgutil, sys
for name in {BLOCKED!r}:
    sys.modules[name] = None
import dealgraph
failed = {{}}
for module in pkgutil.walk_packages(dealgraph.__path__, "dealgraph."):
    if module.name.endswith(".__main__"):  # runs the CLI
        continue
    try:
        importlib.import_module(module.name)
    except Exception as error:
        failed[module.name] = type(error).__name__
from dealgraph.server import create_app
create_app()
print(json.dumps(failed))
"""


@pytest.mark.slow
def test_the_core_imports_without_any_extra() -> None:
    """Every module of dealgraph (but ``cli/__main__``) imports with dask, distributed, psycopg and
    WeasyPrint absent, and the server's app is built; only the Dask engine refuses, with the one error
    that names its extra (its two helpers are imported only through it)."""
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL], cwd=ROOT, capture_output=True, text=True, check=True, timeout=300
    )
    failed = json.loads(done.stdout.splitlines()[-1])
    assert failed == {
        "dealgraph.pipeline.distributed": "MissingExtra",
        "dealgraph.pipeline.dask_driver": "ModuleNotFoundError",
        "dealgraph.pipeline.dask_tasks": "ModuleNotFoundError",
    }
