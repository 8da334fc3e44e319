"""The progress bar of `ingest` and `backfill`: on stderr, only on a terminal, never with --quiet, so
that nothing of it reaches stdout or a log file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from dealgraph.cli.context import err_console, state


@contextmanager
def ticker(label: str) -> Iterator[Callable[[str], None]]:
    """A callable to call once per item done, with the item's source."""
    with Progress(
        SpinnerColumn(), TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.description}"), TimeElapsedColumn(),
        console=err_console, transient=True, disable=state.quiet or not err_console.is_terminal,
    ) as progress:  # fmt: skip
        task = progress.add_task("", total=None)

        def tick(source: str) -> None:
            progress.update(task, advance=1, description=source[-60:])

        yield tick
