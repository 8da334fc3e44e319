"""The screening index: every name of every loaded list entry, blocked and ready to score.

``ScreeningIndex.screen(name, schema, as_of)`` finds candidates by blocking keys (``blocking``), keeps
those of a compatible type that were listed on ``as_of``, scores the best few with nomenklatura's
logic-v2 (``names.matching``) and returns the hits above the threshold, each with its explanation.

Rules of ours sit on top of logic-v2's score:

- types: a person is only screened against persons, an organisation against organisations; a name of
  unknown type against both. logic-v2 already refuses Person against Organization.
- a single word does not identify a person: logic-v2 scores a bare surname ("Dmitriev") 0.7-0.8
  against every listed person of that surname, so a one-word person name is never a hit against a
  listed name of several words; a one-word alias of a listed person ("ROMANA") is matched as a weak
  alias, only by that very word.
- the listed surname must match, and organisations with words the query lacks are other ones
  (``coverage``).

The default threshold, 0.7, was set on two samples: 2,754 names of 930 persons on the EU list that
are on the OFAC SDN list too (same birth date and surname; their EU Latin, Cyrillic and
patronymic-less forms) are found under the right SDN entry at 0.65/0.7/0.75 in 98.7/98.3/95.8 % of
cases, while 39/34/30 of 7,181 capitalised word runs from PolNeAR news hit something (at 0.7 mostly
real: Putin, Yanukovych, Deripaska, Qadhafi, Boko Haram...; false: CJK syllable names such as
"Lee Wang", namesakes such as the boxer "Muhammad Ali"). Going to 0.75 loses a transliterated
surname in forty. Another listed person of the same surname scores 0.45-0.6 ("Vladimir Dmitriev"
against Kirill).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from rigour.names import NamePartTag, NameTypeTag, analyze_names
from sqlalchemy import Connection

from dealgraph.names.matching import (
    NameMatcher,
    alignment,
    candidate_entity,
    query_entity,
    readable_alignment,
)
from dealgraph.screen.blocking import KeyIndex, key_groups
from dealgraph.screen.coverage import WordRoles, other_organisation, short_fuzzy, surname_matched, word_roles
from dealgraph.screen.grades import CONFIRMED, grade_hit, listed_since
from dealgraph.screen.history import read_listings
from dealgraph.screen.names import name_forms, split_person
from dealgraph.screen.records import Interval, ListEntry, Listing, ListName, ScreeningHit

log = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.7
Relation = Literal["listed", "linked"]
_TYPE_TAGS = {"Person": NameTypeTag.PER, "Organization": NameTypeTag.ORG}
_WORD_TAGS_IGNORED = {NamePartTag.STOP, NamePartTag.LEGAL, NamePartTag.HONORIFIC, NamePartTag.TITLE}


def allowed_schemas(schema: str | None) -> frozenset[str]:
    """Which list entry schemas a query of this type is screened against."""
    if schema is None or schema == "LegalEntity":
        return frozenset({"Person", "Organization"})
    if schema == "Person":
        return frozenset({"Person"})
    if schema in ("Organization", "Company", "PublicBody"):
        return frozenset({"Organization"})
    if schema in ("Vessel", "Airplane"):
        return frozenset({schema})
    return frozenset()


@dataclass
class IndexedName:
    """One distinct name in the index, and the entries it belongs to (several for a "Linked To" name)."""

    form: ListName
    schema: str
    relation: Relation
    words: int  # name parts that count (no stopwords, legal forms, titles)
    roles: WordRoles | None  # for organisation names: words that may go unmatched
    family: frozenset[str]  # for person names: the surname's words, when the form tells them
    given: frozenset[str] = frozenset()  # for person names: the first given name's words, likewise
    listings: list[int] = field(default_factory=list)

    @property
    def weak(self) -> bool:
        """A weak alias: a one-word alias of a listed person ("ROMANA"), matched only by that word."""
        return self.schema == "Person" and self.form.kind == "alias" and self.words < 2


@dataclass(frozen=True)
class Query:
    name: str
    schema: str | None
    entity: Any
    keys: list[frozenset[str]]
    words: int
    roles: WordRoles


def _analyse(text: str, schema: str | None) -> set[Any]:
    tag = _TYPE_TAGS.get(schema or "", NameTypeTag.ENT)
    return set(analyze_names(tag, [text], {}, consolidate=False))


def _words(names: set[Any]) -> int:
    return max((sum(1 for p in n.parts if p.tag not in _WORD_TAGS_IGNORED) for n in names), default=0)


def _linked_schema(name: str) -> str:
    """A "Linked To" party's type, guessed from the list's conventions: ``"LAST, First"`` is a person."""
    person = "," in name and split_person(name) is not None and not name.isupper()
    return "Person" if person else "Organization"


class ScreeningIndex:
    """Screen names against the loaded lists; build with ``load_index(conn)`` or ``from_entries``."""

    def __init__(
        self, listings: Sequence[Listing], threshold: float = DEFAULT_THRESHOLD, candidates: int = 10
    ) -> None:
        self.listings: Sequence[Listing] = list(listings)
        self.threshold = threshold
        self.candidates = candidates
        self._built: list[IndexedName] = []
        self.names: Sequence[IndexedName] = self._built
        self.keys = KeyIndex()
        self.matcher = NameMatcher()
        self._entities: dict[int, Any] = {}
        self._by_tokens: dict[tuple[str, ...], int] = {}
        for number, listing in enumerate(self.listings):
            self._add_listing(number, listing)
        if self.listings:  # not for the empty shell ``from_parts`` fills (each request that opens a file)
            log.info("screening index: %d entries, %d names", len(self.listings), len(self.names))

    @classmethod
    def from_parts(
        cls,
        listings: Sequence[Listing],
        names: Sequence[IndexedName],
        keys: KeyIndex,
        threshold: float = DEFAULT_THRESHOLD,
        candidates: int = 10,
    ) -> ScreeningIndex:
        """An index made of parts built before (``stored_index.open_index`` reads them from disk)."""
        index = cls([], threshold, candidates)
        index.listings, index.names, index.keys = listings, names, keys
        return index

    @classmethod
    def from_entries(cls, entries: Sequence[ListEntry], as_of: date, **options: Any) -> ScreeningIndex:
        """An index of one snapshot, without a store: every entry listed from ``as_of`` on."""
        return cls([Listing(e, (Interval(as_of),), as_of) for e in entries], **options)

    def _add_listing(self, number: int, listing: Listing) -> None:
        entry = listing.entry
        names: list[tuple[ListName, str, Relation]] = [(f, entry.schema, "listed") for f in name_forms(entry)]
        names += [(ListName(n, "alias"), _linked_schema(n), "linked") for n in entry.linked_to]
        for form, schema, relation in names:
            analysed = _analyse(form.name, schema)
            tokens = tuple(sorted(p.comparable for n in analysed for p in n.parts))
            if not tokens:
                continue
            # One entry's forms with the same words are one name; a linked party is one name for all
            # the entries linked to it.
            scope = (relation, schema, *tokens) if relation == "linked" else (str(number), *tokens)
            item = self._by_tokens.get(scope)
            if item is None:
                item = self.keys.add(key_groups(analysed))
                roles = word_roles(analysed) if schema == "Organization" else None
                family: frozenset[str] = frozenset()
                given: frozenset[str] = frozenset()
                if schema == "Person" and form.family:
                    family = frozenset(p.comparable for n in _analyse(form.family, schema) for p in n.parts)
                if schema == "Person" and form.given and form.family:
                    first = form.given.split()[0]
                    given = frozenset(p.comparable for n in _analyse(first, schema) for p in n.parts)
                words = _words(analysed)
                self._built.append(IndexedName(form, schema, relation, words, roles, family, given))
                self._by_tokens[scope] = item
            if number not in self.names[item].listings:
                self.names[item].listings.append(number)

    def entity(self, item: int) -> Any:
        """The FtM entity logic-v2 scores for an indexed name (built once)."""
        if item not in self._entities:
            named = self.names[item]
            owner = self.listings[named.listings[0]].entry.key if named.relation == "listed" else "linked"
            form = named.form
            self._entities[item] = candidate_entity(
                owner, named.schema, form.name, form.given, form.family, named.weak
            )
        return self._entities[item]

    def query(self, name: str, schema: str | None = None) -> Query:
        """Analyse a name to screen (once; ``candidates`` and ``screen`` take the result)."""
        analysed = _analyse(name, schema if schema in _TYPE_TAGS else None)
        entity = query_entity(name, schema)
        return Query(name, schema, entity, key_groups(analysed), _words(analysed), word_roles(analysed))

    def candidates_for(
        self, query: Query, as_of: date | None = None, include_linked: bool = False
    ) -> list[tuple[int, list[tuple[int, Interval]]]]:
        """The names worth scoring for a query, best blocked first, each with its entries of a fitting
        type that were listed on ``as_of`` (None: in the latest snapshot) and their intervals."""
        allowed = allowed_schemas(query.schema)
        if not allowed:
            return []
        found: list[tuple[int, list[tuple[int, Interval]]]] = []
        status: dict[int, Interval | None] = {}
        for item, _rank in self.keys.lookup(query.keys):
            named = self.names[item]
            if named.schema not in allowed or (named.relation == "linked" and not include_linked):
                continue
            listed: list[tuple[int, Interval]] = []
            for number in named.listings:
                if number not in status:
                    status[number] = self.listings[number].interval_on(as_of)
                interval = status[number]
                if interval is not None:
                    listed.append((number, interval))
            if listed:
                found.append((item, listed))
                if len(found) >= self.candidates:
                    break
        return found

    def screen(
        self,
        name: str,
        schema: str | None = None,
        as_of: date | None = None,
        *,
        threshold: float | None = None,
        include_linked: bool = False,
        limit: int = 10,
    ) -> list[ScreeningHit]:
        """Hits for a name on the lists as they stood on ``as_of`` (None: the latest snapshots).

        ``schema`` is "Person", "Organization" (or "Company"), None when unknown; other types are not
        screened. ``include_linked`` adds hits on parties an entry is "Linked To" (relation "linked").
        """
        cutoff = self.threshold if threshold is None else threshold
        query = self.query(name, schema)
        best: dict[tuple[int, str], ScreeningHit] = {}
        for item, listed in self.scored_candidates(query, as_of, include_linked):
            named = self.names[item]
            match = self.matcher.compare(query.entity, self.entity(item))
            score, detail = match.score, match.detail
            if score < cutoff:
                continue
            steps = alignment(detail)
            if named.roles is not None and other_organisation(steps, named.roles, query.roles):
                continue
            if named.family and not surname_matched(steps, named.family):
                continue
            if named.given and not surname_matched(steps, named.given):
                continue  # a relative sharing the surname: "Hamza bin Laden" is not "Usama bin Laden"
            if short_fuzzy(steps):
                continue
            for number, interval in listed:
                key = (number, named.relation)
                if key not in best or score > best[key].score:
                    best[key] = self._hit(name, named, number, interval, score, detail)
        hits = sorted(
            ambiguous(best.values()), key=lambda h: (h.relation != "listed", -h.score, h.dataset, h.entry_id)
        )
        return hits[:limit]

    def scored_candidates(
        self, query: Query, as_of: date | None = None, include_linked: bool = False
    ) -> list[tuple[int, list[tuple[int, Interval]]]]:
        """The candidates ``screen`` scores with logic-v2: those of ``candidates_for`` except persons
        named with several words when the query has one (see the module docstring)."""
        return [
            (item, listed)
            for item, listed in self.candidates_for(query, as_of, include_linked)
            if not (self.names[item].schema == "Person" and query.words < 2 <= self.names[item].words)
        ]

    def _hit(
        self, query: str, named: IndexedName, number: int, interval: Interval, score: float, detail: str
    ) -> ScreeningHit:
        entry = self.listings[number].entry
        form = named.form
        on_alias = form.kind == "alias" or (form.kind == "derived" and form.source != entry.name)
        linked = named.relation == "linked"
        grade = grade_hit(alignment(detail), score, weak=named.weak, linked=linked, alias=on_alias)
        return ScreeningHit(
            query=query,
            dataset=entry.dataset,
            entry_id=entry.entry_id,
            schema=entry.schema,
            name=entry.name,
            matched_name=named.form.name,
            score=round(score, 3),
            explanation=explain(query, named, entry, interval, score, detail),
            programs=entry.programs,
            listed_on=entry.listed_on,
            listed_from=interval.listed_from,
            listed_until=interval.listed_until,
            linked_to=entry.linked_to,
            relation=named.relation,
            grade=grade,
        )


def ambiguous(hits: Iterable[ScreeningHit]) -> list[ScreeningHit]:
    """Hits on two or more entries of one list at exact or strong grade name different listed parties
    of one name ("Muhammad Ali" is two OFAC entries): the name alone cannot tell which, if any, the
    screened party is, so each is a possible match to review."""
    hits = list(hits)
    sure: dict[str, set[str]] = {}
    for hit in hits:
        if hit.relation == "listed" and hit.grade in CONFIRMED:
            sure.setdefault(hit.dataset, set()).add(hit.entry_id)
    crowded = {dataset: len(ids) for dataset, ids in sure.items() if len(ids) > 1}
    return [
        replace(
            hit,
            grade="possible",
            explanation=f"{hit.explanation} One of {crowded[hit.dataset]} {hit.dataset} entries of this "
            "name: a namesake is possible.",
        )
        if hit.dataset in crowded and hit.relation == "listed" and hit.grade in CONFIRMED
        else hit
        for hit in hits
    ]


def explain(
    query: str, named: IndexedName, entry: ListEntry, interval: Interval, score: float, detail: str
) -> str:
    """One readable sentence: what matched, how, on which entry, since when."""
    form = named.form
    if named.relation == "linked":
        what = f"{form.name!r}, a party {entry.dataset} entry {entry.entry_id} ({entry.name!r}) is linked to"
    else:
        what = f"{form.name!r}"
        if form.kind == "derived":
            what += f" (our form of {form.source!r})"
        elif form.kind == "alias":
            what += " (an alias)"
        what += f" of {entry.dataset} entry {entry.entry_id}"
        if form.name != entry.name:
            what += f" ({entry.name!r})"
    since = listed_since(entry.listed_on, interval.listed_from, interval.listed_until)
    programs = f", programs {', '.join(entry.programs)}" if entry.programs else ""
    return (
        f"{query!r} matches {what}: {readable_alignment(detail)}; logic-v2 score {score:.2f}; "
        f"{since}{programs}."
    )


def load_index(conn: Connection, datasets: Sequence[str] | None = None, **options: Any) -> ScreeningIndex:
    """A screening index over the lists in the store (all datasets, or the given ones)."""
    return ScreeningIndex(read_listings(conn, datasets), **options)
