"""Reading gold and system files in the scorer's JSON-lines format."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dealgraph.exc import InputError


def load_docs(path: str | Path) -> dict[str, dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    with open(path, encoding="utf-8") as handle:
        docs.update(records_by_doc(handle, str(path)))
    return docs


def records_by_doc(lines: Iterable[str], name: str) -> dict[str, dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            docs[str(record["doc"])] = record
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise InputError(f"{name}:{number}: not a scorer record: {error}") from error
    return docs
