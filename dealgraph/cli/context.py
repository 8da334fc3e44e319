"""Shared CLI state: the store URL given on the command line, and helpers to open it."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import typer
from rich.console import Console

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
            settings = Settings(
                self.db, settings.spacy_model, settings.max_bytes, settings.http_timeout, settings.api_token
            )
        return settings

    def store(self) -> Store:
        return open_store(self.settings().db)


state = State()


def fail(error: DealgraphError) -> None:
    err_console.print(f"[red]error:[/red] {error}")
    raise typer.Exit(code=1)


def is_tty() -> bool:
    return sys.stdout.isatty()
