"""What an ingest did, item by item: the report both engines return (``run.ingest``, ``distributed``).

Its own module because the admission step (``admission.py``) fills it as the engines do, and both
engines import that step.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from dealgraph.exc import ItemError


@dataclass
class IngestReport:
    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    errors: list[ItemError] = field(default_factory=list)
    timings: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    screened: int = 0
    claimed: int = 0  # new events placed in claims by the claims step
    alerts: int = 0  # new alerts about watched items

    def summary(self) -> str:
        return (
            f"{len(self.stored)} stored, {len(self.unchanged)} already stored, "
            f"{len(self.duplicates)} near-duplicates linked, {len(self.errors)} errors"
            + (f", {self.claimed} events placed in claims" if self.claimed else "")
            + (f", {self.screened} entities screened" if self.screened else "")
            + (f", {self.alerts} new alerts" if self.alerts else "")
        )
