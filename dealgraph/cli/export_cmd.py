"""`dealgraph export` and `dealgraph eval`."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from dealgraph.cli.context import console, state
from dealgraph.cli.errors import fail
from dealgraph.exc import DealgraphError


def export(
    fmt: str = typer.Option(
        "jsonl", "--format", "-f", help="eval | jsonl | ftm | gexf | csv | claims | claims-csv | tables"
    ),
    out: str = typer.Option(
        "-", "--out", "-o", help="Output file, or - for standard output; a folder for --format tables."
    ),
) -> None:
    """Export the store: the scorer's eval format, JSON lines, FollowTheMoney, GEXF (Gephi), CSV, the
    claims (JSON lines or CSV), or tables (one Parquet and one CSV file per record kind, into a folder)."""
    from dealgraph.export import FORMATS
    from dealgraph.export import export as run_export

    if fmt not in {*FORMATS, "tables"}:
        choices = ", ".join([*FORMATS, "tables"])
        raise typer.BadParameter(f"{fmt!r} is not one of: {choices}", param_hint="--format")
    store = state.store()
    if fmt == "tables":
        from dealgraph.export.tables import write_tables

        if out == "-":
            raise typer.BadParameter("tables are written into a folder: give --out DIR", param_hint="--out")
        rows = write_tables(store, Path(out))
        state.say(f"wrote {rows} rows into the tables in {out}")
        return
    if out == "-":
        run_export(store, fmt, sys.stdout)
        return
    with open(out, "w", encoding="utf-8", newline="") as handle:
        n = run_export(store, fmt, handle)
    state.say(f"wrote {n} records to {out}")


def evaluate(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold file in the scorer's format."),
    as_json: bool = typer.Option(False, "--json", help="The whole result as one JSON line."),
) -> None:
    """Score the store against a gold file (entities, amounts, events, resolution, lang, dates)."""
    from dealgraph.evaluate import score
    from dealgraph.evaluate.io import load_docs, records_by_doc
    from dealgraph.export import export as run_export

    try:
        buffer = io.StringIO()
        run_export(state.store(), "eval", buffer)
        result = score(load_docs(gold), records_by_doc(buffer.getvalue().splitlines(), "store"))
    except DealgraphError as error:
        fail(error)
        return
    if as_json:
        print(json.dumps(result))
        return
    table = Table("metric", "P", "R", "F1", "tp", "sys", "gold")
    for name in ("entities", "entities_untyped", "amounts", "events"):
        s = result[name]
        table.add_row(
            name,
            f"{s['p']:.3f}",
            f"{s['r']:.3f}",
            f"{s['f1']:.3f}",
            str(s["tp"]),
            str(s["sys"]),
            str(s["gold"]),
        )
    b3 = result["resolution_b3"]
    table.add_row("resolution_b3", f"{b3['p']:.3f}", f"{b3['r']:.3f}", f"{b3['f1']:.3f}", "", "", "")
    console.print(table)
    for name in ("event_modality_acc", "event_source_acc", "lang_acc", "published_acc"):
        console.print(f"{name}: {result.get(name)}")
    console.print(f"docs scored: {result['docs']['system']} of {result['docs']['gold']}")


def register(app: typer.Typer) -> None:
    app.command()(export)
    app.command(name="eval")(evaluate)
