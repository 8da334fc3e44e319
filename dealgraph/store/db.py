"""Engines for the two backends: SQLite (embedded default) and PostgreSQL (for teams), and what the
interfaces need to know about a store URL and a store's errors without using SQLAlchemy themselves."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from dealgraph.extras import require


def make_engine(url: str) -> Engine:
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith("postgresql+psycopg://"):
        require("postgres", "a PostgreSQL store", "psycopg")  # else SQLAlchemy's ImportError
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names; None for another backend, an in-memory database or a ``file:`` URI.
    An unparsable URL raises SQLAlchemy's ``ArgumentError`` (``store_failure`` reads it)."""
    parsed = make_url(url)
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def shown_url(url: str) -> str:
    """A store URL for messages, without its password; an unparsable URL has none to hide: as given."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


def store_failure(error: BaseException) -> tuple[Literal["unusable", "url"], str] | None:
    """What an error says about the store: ``("unusable", the driver's reason)`` for an error of the
    database (``DBAPIError``: OperationalError and its kin), ``("url", SQLAlchemy's message)`` for a URL
    it cannot parse or an unknown backend; None for any other error."""
    if isinstance(error, DBAPIError):
        return "unusable", str(error.orig) if error.orig is not None else str(error)
    if isinstance(error, ArgumentError):
        return "url", str(error)
    return None
