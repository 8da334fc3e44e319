"""What a brief reads besides events: each cited article's bibliographic line, and the list snapshots.

A citation a reader can send on names the outlet, title, date and URL of its article, so the brief
reads those columns for the cited articles in one query; "Sanctions status" names the list snapshots
the parties were checked against (dataset and date), or says that none is loaded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import String, cast, func, inspect, select

from dealgraph.store import schema, screening_tables
from dealgraph.store.store import Store

A = schema.articles
S = screening_tables.list_snapshots


@dataclass(frozen=True)
class ArticleSource:
    article_id: str
    title: str | None
    published: date | None
    outlet: str | None
    url: str | None
    source: str  # where ingest read it: a URL, a file path, ``file.jsonl#3``


@dataclass(frozen=True)
class SnapshotView:
    dataset: str
    as_of: date
    entries: int


def article_sources(store: Store, article_ids: Iterable[str]) -> dict[str, ArticleSource]:
    """Title, date, outlet, URL and source of each known article id."""
    ids = sorted(set(article_ids))
    result: dict[str, ArticleSource] = {}
    with store.read() as conn:
        for i in range(0, len(ids), 500):
            rows = conn.execute(
                select(A.c.id, A.c.title, A.c.published, A.c.outlet, A.c.url, A.c.source).where(
                    A.c.id.in_(ids[i : i + 500])
                )
            )
            for r in rows:
                result[r.id] = ArticleSource(r.id, r.title, r.published, r.outlet, r.url, r.source)
    return result


def loaded_snapshots(store: Store) -> list[SnapshotView]:
    """Every loaded sanctions list snapshot, by dataset then date; empty when none is loaded."""
    with store.read() as conn:
        if not inspect(conn).has_table(S.name):
            return []
        rows = conn.execute(select(S.c.dataset, S.c.as_of, S.c.entries).order_by(S.c.dataset, S.c.as_of))
        return [SnapshotView(r.dataset, r.as_of, r.entries) for r in rows]


@lru_cache(maxsize=4096)
def countries_named(program: str) -> frozenset[str]:
    """The countries (ISO codes) a programme's name names as whole words, the longest name winning where
    names overlap: "SUDAN-EO14098" names Sudan, "SOUTH SUDAN" South Sudan and not Sudan, "CAATSA -
    RUSSIA" Russia."""
    codes, pattern = _country_names()
    return frozenset(codes[m.group(0)] for m in pattern.finditer(program.upper()))


@lru_cache(maxsize=1)
def _country_names() -> tuple[dict[str, str], re.Pattern[str]]:
    """Country name (upper case) → ISO code, and one pattern of every name, longest first."""
    from followthemoney.types import registry  # here: only a country's page and briefs need it

    codes = {str(label).upper(): code for code, label in registry.country.names.items() if label}
    names = sorted(codes, key=len, reverse=True)
    return codes, re.compile(r"(?<![A-Z])(?:" + "|".join(map(re.escape, names)) + r")(?![A-Z])")


@dataclass(frozen=True)
class CountryProgramme:
    """A sanctions programme of a loaded list that concerns a country, and how many entries it has."""

    dataset: str
    program: str
    entries: int


def country_programmes(store: Store, country: str) -> list[CountryProgramme]:
    """The programmes of the loaded lists that concern a country (a name in any script, or an ISO code),
    most entries first: those named after it ("RUSSIA-EO14024", the UK's "Russia") and those of the
    entries the list ties to it (FtM files carry each entry's countries). A country is never screened as
    a party: these are what the lists say about it instead."""
    from followthemoney.types import registry  # here: only the entity page of a country needs it

    code = registry.country.clean(country)
    if code is None:
        return []
    E = screening_tables.list_entries
    programs, countries = cast(E.c.programs, String), cast(E.c.countries, String)
    counts: dict[tuple[str, str], int] = {}
    with store.read() as conn:
        if not inspect(conn).has_table(E.name):
            return []
        # Grouped by the stored lists of programmes and countries: a few hundred rows, not every entry.
        grouped = select(E.c.dataset, programs, countries, func.count()).group_by(
            E.c.dataset, programs, countries
        )
        for dataset, programs_json, countries_json, n in conn.execute(grouped):
            tied = code in json.loads(countries_json or "[]")
            for program in json.loads(programs_json or "[]"):
                if tied or code in countries_named(str(program)):
                    counts[(dataset, program)] = counts.get((dataset, program), 0) + int(n)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [CountryProgramme(dataset, program, n) for (dataset, program), n in ranked]
