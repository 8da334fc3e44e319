"""Shared CLI state: the store URL given on the command line, and helpers to open it."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace

import typer
from rich.console import Console
from rich.markup import escape

from dealgraph.exc import DealgraphError
from dealgraph.settings import Settings
from dealgraph.store.store import Store, open_store

console = Console()
err_console = Console(stderr=True)


@dataclass
class State:
    db: str | None = None

    def settings(self) -> Settings:
        settings = Settings.load()
        if self.db:
            settings = replace(settings, db=self.db)
        return settings

    def store(self) -> Store:
        return open_store(self.settings().db)


state = State()


def fail(error: DealgraphError) -> None:
    # one line whatever the terminal's width: rich would wrap a long reason over several
    err_console.print(f"[red]error:[/red] {escape(str(error))}", soft_wrap=True, highlight=False)
    raise typer.Exit(code=1)


def is_tty() -> bool:
    return sys.stdout.isatty()
