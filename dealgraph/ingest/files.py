"""Local files: walking targets into files, and reading one ``.txt``/``.html`` file as a ``RawItem``.

The size cap is checked on the file's size before reading, so an oversized file costs one ``stat``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from dealgraph.exc import ItemError
from dealgraph.ingest.base import Item, PathSource, cannot_read, too_large
from dealgraph.ingest.decode import decode_bytes, meta_charset
from dealgraph.model import RawItem

log = logging.getLogger(__name__)

FileKind = Literal["text", "html", "jsonl", "csv", "feed"]
KINDS: dict[str, FileKind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}


def file_kind(path: Path) -> FileKind | None:
    """What a file holds, by its extension (case-insensitive); None when dealgraph cannot read it."""
    return KINDS.get(path.suffix.lower())


def _hidden(name: str) -> bool:
    return name.startswith(".")


def walk(root: Path) -> Iterator[Path]:
    """``root`` itself if it is a file, else every non-hidden file below it, sorted, recursively.

    Hidden files and directories (``.git``, ``.DS_Store``) are skipped; symlinked directories are not
    followed (a link cycle would never end).
    """
    if not root.is_dir():
        yield root
        return
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [name for name in dirs if not _hidden(name)]
        found.extend(Path(folder) / name for name in files if not _hidden(name))
    yield from sorted(found, key=lambda path: path.relative_to(root).parts)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, or ``ItemError`` when it is unreadable or over ``max_bytes`` (checked first)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise too_large(str(path), size, max_bytes)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise cannot_read(str(path), error) from None
    if len(data) > max_bytes:  # grew since stat
        raise too_large(str(path), len(data), max_bytes)
    return data


@dataclass(frozen=True)
class FileSource(PathSource):
    """One ``.txt`` (content type "text") or ``.html`` (content type "html") file; doc_id is its stem."""

    def items(self) -> Iterator[Item]:
        try:
            yield self.read()
        except ItemError as error:
            yield error

    def read(self) -> RawItem:
        data = read_bytes(self.path, self.max_bytes)
        html = file_kind(self.path) == "html"
        text = decode_bytes(data, self.name, declared=meta_charset(data) if html else None)
        return RawItem(
            source=self.name,
            content=text,
            content_type="html" if html else "text",
            doc_id=self.path.stem,
        )
