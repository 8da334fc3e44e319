"""Shared CLI state: the store given on the command line (a URL or a plain path), quiet and verbose,
who is at the terminal (for the judgement log), and the two consoles: data on stdout, progress and
messages on stderr."""

from __future__ import annotations

import getpass
from dataclasses import dataclass, replace
from pathlib import Path

from rich.console import Console

from dealgraph.exc import NotFound
from dealgraph.settings import Settings
from dealgraph.store.db import shown_url, sqlite_file
from dealgraph.store.store import Store, open_store

console = Console()
err_console = Console(stderr=True)

# a width no line reaches: piped output is never cut or wrapped at a terminal's 80 columns
UNLIMITED = 100_000


def store_url(value: str) -> str:
    """A SQLAlchemy URL as given, or a plain path (``data/news.db``) as the SQLite URL for that file."""
    if "://" in value or value.startswith("sqlite:"):
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def check_sqlite_file(url: str, create: bool) -> None:
    """Refuse a SQLite store in a directory that does not exist, and, unless ``create``, one whose file
    does not exist: a mistyped path would otherwise be a new, empty store that answers every query with
    nothing."""
    path = sqlite_file(url)
    if path is None:
        return
    if not path.parent.is_dir():
        raise NotFound(f"no directory {path.parent} for the store {path}")
    if not create and not path.exists():
        raise NotFound(
            f"no store at {path} (`dealgraph ingest` creates one; --db or DEALGRAPH_DB names another)"
        )


@dataclass
class State:
    db: str | None = None
    quiet: bool = False
    verbose: bool = False

    def settings(self) -> Settings:
        settings = Settings.load()
        return replace(settings, db=store_url(self.db or settings.db))

    def shown_url(self) -> str:
        """The store's URL for messages, without its password."""
        return shown_url(self.settings().db)

    def store(self, create: bool = False) -> Store:
        """Open the store; only commands that write (``create``) may start a new SQLite file."""
        url = self.settings().db
        check_sqlite_file(url, create)
        return open_store(url)

    def user(self) -> str:
        """Who decides, for the judgement log: the login name, else "cli"."""
        try:
            return getpass.getuser()
        except OSError:
            return "cli"

    def say(self, message: str) -> None:
        """A message for the person at the terminal: on stderr, and not at all with ``--quiet``."""
        if not self.quiet:
            err_console.print(message, soft_wrap=True, highlight=False)


state = State()


def configure_consoles() -> None:
    """Piped output keeps whole lines: a console that is not a terminal gets no width limit."""
    for each in (console, err_console):
        if not each.is_terminal:
            each.width = UNLIMITED
