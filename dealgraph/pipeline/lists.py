"""`dealgraph lists load`: a list file into the store as dated snapshots, then the store's entities
screened against the lists and the alerts a watched party's new hits call for, as an ingest raises them.

A file holding several datasets (an FtM collection) gives one snapshot of each, all in one transaction:
all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dealgraph.exc import InputError
from dealgraph.pipeline.alerting import raise_alerts
from dealgraph.screen.entities import ScreenReport, screen_entities
from dealgraph.screen.history import save_snapshot
from dealgraph.screen.loaders import read_list, snapshot_day
from dealgraph.screen.records import ListEntry, SnapshotStats
from dealgraph.settings import Settings
from dealgraph.store.store import Store


@dataclass(frozen=True)
class ListLoad:
    snapshots: list[SnapshotStats]  # one per dataset, in dataset order
    screening: ScreenReport
    alerts: int


def load_list(
    store: Store,
    path: Path,
    fmt: str,
    settings: Settings,
    *,
    dataset: str | None = None,
    day: date | None = None,
    allow_shrink: bool = False,
) -> ListLoad:
    """Load the list file at ``path`` as of ``day`` (default: the date in its name, or an FtM file's
    latest ``last_seen``), refusing a snapshot that drops more of a list than the settings allow unless
    ``allow_shrink``; then screen every entity and raise the alerts. ``InputError`` for a file that
    cannot be read or dated."""
    day = day or snapshot_day(path, fmt)
    if day is None:
        raise InputError(f"{path}: no date in the file name or its entities; give --as-of YYYY-MM-DD")
    by_dataset: dict[str, list[ListEntry]] = {}
    for entry in read_list(path, fmt, dataset):
        by_dataset.setdefault(entry.dataset, []).append(entry)
    shrink = None if allow_shrink else settings.max_list_shrink
    with store.begin() as conn:
        saved = [
            save_snapshot(conn, name, day, part, source=str(path), format=fmt, max_shrink=shrink)
            for name, part in sorted(by_dataset.items())
        ]
    report = screen_entities(store, everything=True)
    return ListLoad(saved, report, raise_alerts(store, settings))  # a watched party newly hit
