"""What every ingest source shares: the ``Source`` protocol, the item type, and the size-cap message.

A source turns one user target into ``RawItem``s. A bad item (an unreadable file, a 404, a broken JSONL
line) is *yielded* as an ``ItemError`` value rather than raised, so one bad item never ends the batch and
none is silently dropped: the pipeline records each error with its reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeAlias

from dealgraph.exc import ItemError
from dealgraph.model import RawItem

Item: TypeAlias = RawItem | ItemError


class Source(Protocol):
    """Something that delivers raw items, reporting each bad one as an ``ItemError`` value."""

    @property
    def name(self) -> str:
        """Where the items come from (a path or URL), for logs and error records."""
        ...

    def items(self) -> Iterator[Item]:
        """The items, in a deterministic order; never raises for a single bad item."""
        ...


@dataclass(frozen=True)
class Failed:
    """A source that could not even start (a missing path, an unsupported scheme): its one error."""

    error: ItemError

    @property
    def name(self) -> str:
        return self.error.source

    def items(self) -> Iterator[Item]:
        yield self.error


@dataclass(frozen=True)
class PathSource:
    """What a source that reads one file holds: the path (its name) and the size cap it applies."""

    path: Path
    max_bytes: int

    @property
    def name(self) -> str:
        return str(self.path)


def cannot_read(source: str, error: OSError) -> ItemError:
    return ItemError(source, f"cannot read: {error.strerror or error}")


def human_size(size: int) -> str:
    """``52428800`` -> ``"50.0 MB (52428800 bytes)"``: readable, and exact for setting a cap."""
    if size < 1024:
        return f"{size} bytes"
    value = size / 1024
    unit = "KB"
    for bigger in ("MB", "GB"):
        if value < 1024:
            break
        value, unit = value / 1024, bigger
    return f"{value:.1f} {unit} ({size} bytes)"


def too_large(source: str, size: int, cap: int, *, what: str = "file") -> ItemError:
    """The error for an item over the size cap, naming both sizes so the user can raise the cap."""
    return ItemError(source, f"{what} is {human_size(size)}, over the size cap of {human_size(cap)}")
