"""The screening index kept on disk, so that screening a name does not rebuild it.

Building the index analyses every name of every loaded list with rigour (about 20 s and 700 MB for
OFAC, EU and UK together); a query then reads only the postings of its own blocking keys and the few
names and entries they lead to. So the index is built once per set of loaded snapshots and written to
a file under ``DEALGRAPH_CACHE_DIR`` (default ``~/.cache/dealgraph``), named by what it depends on: the
digest of the loaded snapshots (``entities.lists_state``, from their content hashes), this module's
format version and the versions of rigour and nomenklatura, whose analysis and scores it holds. A later
``screen``, ``hits`` or API call opens that file and reads lazily; loading another snapshot changes
the digest, and the next screening builds a new file; the directory keeps the ``KEEP`` most recently
used files (several stores may share it).

The file is SQLite (the standard library's ``sqlite3``: a cache, not the store, and it must work beside
a PostgreSQL store too): postings as packed item numbers, the items' norms in one array, and each
indexed name and listing pickled. Unpickling admits only the screening records and the standard types
they hold (``_Unpickler``), so a file in a shared cache cannot run code. Nomenklatura's own indexes keep
everything in memory or in a search engine (yente); neither fits a command that answers in a second.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import logging
import os
import pickle
import sqlite3
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar, overload

from sqlalchemy import Connection

from dealgraph.exc import NotFound
from dealgraph.screen.blocking import KeyIndex
from dealgraph.screen.history import lists_state
from dealgraph.screen.index import IndexedName, ScreeningIndex, load_index
from dealgraph.screen.records import Listing
from dealgraph.settings import cache_dir

log = logging.getLogger(__name__)

FORMAT = 1  # bump when what the index holds, or how it is built, changes
KEEP = 4  # index files kept in the cache directory, most recently used first
_SUFFIX = ".screening.sqlite"
_ALLOWED = {
    ("builtins", "frozenset"),
    ("builtins", "set"),
    ("datetime", "date"),
    ("dealgraph.screen.records", "ListEntry"),
    ("dealgraph.screen.records", "ListName"),
    ("dealgraph.screen.records", "Listing"),
    ("dealgraph.screen.records", "Interval"),
    ("dealgraph.screen.index", "IndexedName"),
    ("dealgraph.screen.coverage", "WordRoles"),
}
T = TypeVar("T")


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a screening record")
        return super().find_class(module, name)


def _loads(data: bytes) -> Any:
    return _Unpickler(io.BytesIO(data)).load()


def index_path(state: str, directory: Path | None = None) -> Path:
    """The file of the index over the snapshots whose digest is ``state``."""
    libraries = f"rigour{version('rigour')}-nomenklatura{version('nomenklatura')}"
    return (directory or cache_dir()) / f"{state[:32]}-f{FORMAT}-{libraries}{_SUFFIX}"


def write_index(index: ScreeningIndex, path: Path) -> None:
    """Write a built index to ``path`` (atomically: a reader sees the whole file or none)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
    os.close(handle)
    try:
        with sqlite3.connect(tmp) as db:
            db.executescript(
                "CREATE TABLE meta (size INTEGER, threshold REAL, candidates INTEGER, names INTEGER,"
                " listings INTEGER, norms BLOB);"
                "CREATE TABLE postings (key TEXT PRIMARY KEY, items BLOB) WITHOUT ROWID;"
                "CREATE TABLE names (item INTEGER PRIMARY KEY, data BLOB);"
                "CREATE TABLE listings (number INTEGER PRIMARY KEY, data BLOB);"
            )
            keys = index.keys
            db.execute(
                "INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?)",
                (
                    keys.size,
                    index.threshold,
                    index.candidates,
                    len(index.names),
                    len(index.listings),
                    array("d", keys.norms()).tobytes(),
                ),
            )
            db.executemany(
                "INSERT INTO postings VALUES (?, ?)",
                ((key, array("i", items).tobytes()) for key, items in keys.postings.items()),
            )
            db.executemany("INSERT INTO names VALUES (?, ?)", enumerate(map(pickle.dumps, index.names)))
            db.executemany("INSERT INTO listings VALUES (?, ?)", enumerate(map(pickle.dumps, index.listings)))
        db.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    files = sorted(path.parent.glob(f"*{_SUFFIX}"), key=lambda f: f.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:  # least recently used: other stores' lists, or lists since replaced
        old.unlink(missing_ok=True)
        _lock_file(old).unlink(missing_ok=True)
    log.info("screening index written to %s", path)


class _Rows(Sequence[T]):
    """Rows of one table of the file, unpickled when first asked for and kept."""

    def __init__(self, db: sqlite3.Connection, table: str, count: int) -> None:
        self.db, self.size = db, count
        key = "item" if table == "names" else "number"
        self.sql = f"SELECT data FROM {table} WHERE {key} = ?"
        self.rows: dict[int, T] = {}

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, number: int) -> T: ...

    @overload
    def __getitem__(self, number: slice) -> list[T]: ...

    def __getitem__(self, number: int | slice) -> T | list[T]:
        if isinstance(number, slice):
            return [self[i] for i in range(*number.indices(self.size))]
        if number not in self.rows:
            if not 0 <= number < self.size:
                raise IndexError(number)
            (data,) = self.db.execute(self.sql, (number,)).fetchone()
            self.rows[number] = _loads(data)
        return self.rows[number]


class _StoredKeys(KeyIndex):
    """The blocking index read from the file: postings by key on demand, the norms at once."""

    def __init__(self, db: sqlite3.Connection, size: int, norms: bytes) -> None:
        super().__init__()
        self.db = db
        self._size = size
        self._stored_norms = array("d")
        self._stored_norms.frombytes(norms)

    @property
    def size(self) -> int:
        return self._size

    def postings_of(self, keys: Iterable[str]) -> dict[str, Sequence[int]]:
        wanted = list(keys)
        found: dict[str, Sequence[int]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            sql = f"SELECT key, items FROM postings WHERE key IN ({','.join('?' * len(chunk))})"
            for key, blob in self.db.execute(sql, chunk):
                items = array("i")
                items.frombytes(blob)
                found[key] = items
        return found

    def norms(self) -> Sequence[float]:
        return self._stored_norms


def open_index(path: Path) -> ScreeningIndex | None:
    """The index written at ``path``, read lazily; None when there is no such file (or it is unreadable,
    say cut short by a full disk: it is then built again)."""
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        size, threshold, candidates, names, listings, norms = db.execute("SELECT * FROM meta").fetchone()
    except (sqlite3.Error, TypeError) as err:
        log.warning("screening index %s unreadable (%s); it will be built again", path, err)
        return None
    with contextlib.suppress(OSError):  # used now: kept before files not used for longer
        os.utime(path)
    return ScreeningIndex.from_parts(
        listings=_Rows[Listing](db, "listings", listings),
        names=_Rows[IndexedName](db, "names", names),
        keys=_StoredKeys(db, size, norms),
        threshold=threshold,
        candidates=candidates,
    )


def screening_index(conn: Connection, state: str | None = None) -> ScreeningIndex:
    """The index over the lists loaded in the store: read from its file when one was written for these
    snapshots, else built (and written for the next call). ``state`` is ``history.lists_state(conn)``
    when the caller has it. Raises ``NotFound`` when no list is loaded."""
    state = state or lists_state(conn)
    if state is None:
        raise NotFound("no sanctions list is loaded: run `dealgraph lists load PATH --format ...` first")
    path = index_path(state)
    stored = open_index(path)
    if stored is not None:
        return stored
    with _building(path):  # one build of a file at a time (~20 s and ~700 MB each), across processes
        stored = open_index(path)  # written by whoever held the lock before
        if stored is not None:
            return stored
        index = load_index(conn)
        try:
            write_index(index, path)
        except OSError as err:  # a read-only or full cache directory costs speed, not the answer
            log.warning("screening index not written to %s: %s", path, err)
        return index


def _lock_file(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def _building(path: Path) -> Iterator[None]:
    """Hold the build lock of an index file (``flock`` on a file beside it), so that concurrent requests
    of a server, or a server and a CLI, build it once and the others read it; without a writable cache
    directory, no lock (each builds, as it cannot write the file anyway)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(_lock_file(path), "a")  # noqa: SIM115 (held across the yield)
    except OSError:
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
