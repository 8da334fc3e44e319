"""``-`` as a target: what is piped to standard input. JSON lines when it starts with ``{``, one HTML
document when it starts with ``<``, else one plain-text document. A document piped in has no id of its
own; its article id comes from its content, so piping the same text twice stores it once."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from dealgraph.exc import ItemError
from dealgraph.ingest.base import Item, too_large
from dealgraph.ingest.decode import decode_bytes, meta_charset
from dealgraph.ingest.tabular import JsonlSource
from dealgraph.model import RawItem

STDIN = "-"
NAME = "<stdin>"


def _stdin() -> BinaryIO:
    return sys.stdin.buffer


@dataclass(frozen=True)
class StdinSource:
    """Standard input (or any binary stream), read when its items are asked for."""

    max_bytes: int
    stream: BinaryIO = field(default_factory=_stdin)

    @property
    def name(self) -> str:
        return NAME

    def items(self) -> Iterator[Item]:
        head = self.stream.read(self.max_bytes + 1)
        if head.lstrip().startswith(b"{"):  # JSON lines: the cap is per line, as for a .jsonl file
            data = head + self.stream.read()
            yield from JsonlSource(Path(NAME), self.max_bytes).read_from(io.BytesIO(data))
            return
        if len(head) > self.max_bytes:
            yield too_large(NAME, len(head) + len(self.stream.read()), self.max_bytes, what="input")
            return
        try:
            yield self._document(head)
        except ItemError as error:
            yield error

    @staticmethod
    def _document(data: bytes) -> RawItem:
        html = data.lstrip().startswith(b"<")
        text = decode_bytes(data, NAME, declared=meta_charset(data) if html else None)
        return RawItem(source=NAME, content=text, content_type="html" if html else "text")
