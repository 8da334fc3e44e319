"""Listings on stdout, in the form the reader needs: a table on a terminal, tab-separated lines (one
header line, then one line per row, never cut) when piped, JSON lines with ``--json``; and the note on
stderr when a list was cut by ``--limit``."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from dealgraph.cli.context import console, state

JSON_HELP = "JSON lines: one record per line."
LIMIT_HELP = "At most this many (0 for all); a cut list says so on stderr."


def json_option() -> Any:
    return typer.Option(False, "--json", help=JSON_HELP)


def limit_option(default: int) -> Any:
    return typer.Option(default, "--limit", min=0, help=LIMIT_HELP)


def no_limit(limit: int) -> int | None:
    """``--limit 0`` means all."""
    return limit or None


def cell(value: object) -> str:
    """A value as one table or TSV cell: no tabs or line breaks, nothing for None."""
    if value is None:
        return ""
    return " ".join(str(value).replace("\t", " ").splitlines())


def json_lines(records: Sequence[Mapping[str, Any]]) -> None:
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


def emit(
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    as_json: bool,
    records: Sequence[Mapping[str, Any]] | None = None,
) -> None:
    """Print a listing. JSON records default to the row's values under the column names (``listed
    name`` as ``listed_name``); a command may give richer ones."""
    if as_json:
        keys = [c.replace(" ", "_") for c in columns]
        json_lines(records if records is not None else [dict(zip(keys, row, strict=True)) for row in rows])
        return
    if console.is_terminal:
        table = Table(*columns)
        for row in rows:
            table.add_row(*(escape(cell(v)) for v in row))
        console.print(table)
        return
    sys.stdout.write("\t".join(columns) + "\n")
    for row in rows:
        sys.stdout.write("\t".join(cell(v) for v in row) + "\n")


def note_cut(shown: int, total: int, what: str) -> None:
    """Say on stderr that a list is cut, and how to see more."""
    if shown < total:
        state.say(f"showing {shown} of {total} {what} (--limit N for more, --limit 0 for all)")
