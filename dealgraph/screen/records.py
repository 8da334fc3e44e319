"""The screen stage's neutral records: a list entry as any loader produces it, and a screening hit.

Every loader (OFAC SDN CSV, EU CSV, UK ODS, FollowTheMoney JSON) turns its format into ``ListEntry``
values; everything downstream (history, index, matching) knows only these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

# FollowTheMoney schema names used for list entries. Loaders map their own types onto these.
ListSchema = Literal["Person", "Organization", "Vessel", "Airplane", "Thing"]
LIST_SCHEMAS: tuple[str, ...] = ("Person", "Organization", "Vessel", "Airplane", "Thing")

NameKind = Literal["primary", "alias", "derived"]


def entry_key(dataset: str, entry_id: str) -> str:
    """The key a list entry goes by in hits, reviews and the judgement log: "DATASET:ENTRY_ID"
    (``us_ofac_sdn:22113``)."""
    return f"{dataset}:{entry_id}"


@dataclass(frozen=True)
class ListName:
    """One name of a list entry.

    ``primary`` and ``alias`` names are printed on the list; ``derived`` ones are forms we build from
    them (``"First LAST"`` from ``"LAST, First"``, a Slavic name without its patronymic). ``source``
    is the printed name a derived form comes from.
    """

    name: str
    kind: NameKind = "alias"
    source: str | None = None
    # Name parts when the form tells them apart ("LAST, First", "First LAST"): they tag the name
    # parts for the matcher, which then weighs a family-name match higher.
    given: str | None = None
    family: str | None = None


@dataclass(frozen=True)
class ListEntry:
    """One designated party as a sanctions list prints it."""

    dataset: str
    entry_id: str
    schema: str
    name: str
    aliases: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    listed_on: date | None = None  # designation date, when the list says it
    remarks: str | None = None
    linked_to: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    birth_dates: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return entry_key(self.dataset, self.entry_id)


@dataclass(frozen=True)
class SnapshotStats:
    """What ``save_snapshot`` did with one snapshot of a list."""

    dataset: str
    as_of: date
    entries: int  # entries in this snapshot
    added: int  # entries not in the previous snapshot of the dataset (by date)
    removed: int  # entries of the previous snapshot missing from this one
    replaced: bool  # a snapshot of this dataset and date was already stored and has been replaced


@dataclass(frozen=True)
class LoadedSnapshot:
    """A list snapshot as the store keeps it (``lists show``)."""

    dataset: str
    as_of: date
    entries: int
    format: str | None
    source: str
    loaded_at: datetime


@dataclass(frozen=True)
class ScreeningHit:
    """A name found on a sanctions list, with why we think so.

    ``listed_from`` is the date of the first loaded snapshot that has the entry (or the designation
    date when the list prints one that is earlier); ``listed_until`` the date of the first later
    snapshot that lacks it, if any. ``listed_on`` is the designation date the list itself prints.
    """

    query: str
    dataset: str
    entry_id: str
    schema: str
    name: str  # the entry's primary name
    matched_name: str  # which of its names matched
    score: float
    explanation: str
    programs: tuple[str, ...] = ()
    listed_on: date | None = None
    listed_from: date | None = None
    listed_until: date | None = None
    linked_to: tuple[str, ...] = ()
    # "listed": the name is the entry's own; "linked": it is a party the entry is "Linked To",
    # which the list names but does not itself designate.
    relation: Literal["listed", "linked"] = "listed"
    grade: str | None = None  # exact | strong | possible (``screen.grades``); None: stored before grades
    confirmed: bool = False  # a reviewer said the party is the listed one (the judgement log)

    @property
    def key(self) -> str:
        return entry_key(self.dataset, self.entry_id)


@dataclass(frozen=True)
class Interval:
    """An entry is listed from ``listed_from`` (inclusive) until ``listed_until`` (exclusive, None: still)."""

    listed_from: date
    listed_until: date | None = None

    def covers(self, day: date) -> bool:
        return self.listed_from <= day and (self.listed_until is None or day < self.listed_until)


@dataclass(frozen=True)
class Listing:
    """A list entry with its listing history, as the loaded snapshots show it."""

    entry: ListEntry
    intervals: tuple[Interval, ...]
    history_starts: date | None = None  # the date of the dataset's first loaded snapshot

    def interval_on(self, day: date | None) -> Interval | None:
        """The interval the entry was listed in on ``day`` (None: in the latest snapshot), else None.

        Before the dataset's first loaded snapshot we rely on the designation date the list prints,
        when there is one: an entry designated on 2014-03-17 and in the first loaded snapshot, of
        2025, was listed in 2020. An entry missing from an earlier snapshot was not.
        """
        intervals = list(self.intervals)
        if not intervals:
            return None
        first, designated = intervals[0], self.entry.listed_on
        if designated is not None and designated < first.listed_from == self.history_starts:
            intervals[0] = Interval(designated, first.listed_until)
        if day is None:
            return intervals[-1] if intervals[-1].listed_until is None else None
        for interval in intervals:
            if interval.covers(day):
                return interval
        return None
