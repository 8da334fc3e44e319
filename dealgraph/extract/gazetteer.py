"""The gazetteer: known countries, institutions, projects and places, loaded from YAML data files.

The files live in ``data/gazetteer/`` and are reviewed like code (see the README there). A country is
matched by its names, abbreviations, its capital used as a metonym ("Washington said") and its plural
demonym as a noun ("Americans"); demonym adjectives are not entities (guidelines §1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, cast

import yaml

from dealgraph.model import EntityType


@dataclass(frozen=True)
class GazetteerEntry:
    """One known referent and the surface forms that name it."""

    ref: str  # "country:us", "org:kremlin", "project:nord-stream-2", "place:arctic"
    name: str
    type: EntityType
    forms: tuple[str, ...]  # case-sensitive forms (names, abbreviations, capitals, demonym nouns)
    ambiguous_forms: tuple[str, ...] = ()  # forms that are common words or person names
    kind: str | None = None  # institution kind: "media", "government", ...
    country: str | None = None
    ru: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()  # forms that name the state through its capital city
    ru_capitals: tuple[str, ...] = ()  # the same in Russian (also in ``ru``)
    venue: bool = False  # an institution named after its building, which is also a place ("the Kremlin")
    lowercase_the: bool = True  # "the Times" inside a sentence; not "the Atlantic" (the ocean)


@dataclass(frozen=True)
class Leader:
    """A head of state or government and the head titles they hold or held (leaders.yaml)."""

    forms: tuple[str, ...]  # full-name spellings
    country: str  # "country:ru"
    offices: frozenset[str]  # "president", "prime minister"


@dataclass(frozen=True)
class Gazetteer:
    entries: tuple[GazetteerEntry, ...]
    adjectives: frozenset[str] = field(default=frozenset())  # "American", "Russian": never entities
    adjective_refs: dict[str, str] = field(
        default_factory=dict
    )  # "Russian" -> "country:ru" (for event roles)
    titles: frozenset[str] = field(default=frozenset())  # position words for ROLE and appositions
    vessel_words: dict[str, frozenset[str]] = field(default_factory=dict)  # language -> ship nouns
    leaders: tuple[Leader, ...] = ()  # for the state a bare head title names ("President X")

    @property
    def kinds(self) -> dict[str, str]:
        """Ref → institution kind ("company", "media", "government", ...), where the gazetteer knows it."""
        return {e.ref: e.kind for e in self.entries if e.kind}

    @property
    def venues(self) -> frozenset[str]:
        """Refs of the institutions that are also places: "talks at the Kremlin"."""
        return frozenset(e.ref for e in self.entries if e.venue)

    def by_ref(self) -> dict[str, GazetteerEntry]:
        return {e.ref: e for e in self.entries}


def _items(filename: str) -> list[dict[str, Any]]:
    path = resources.files("dealgraph.extract").joinpath("data", "gazetteer", filename)
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if isinstance(data, dict):  # titles.yaml and vessels.yaml group their words
        return [data]
    return cast(list[dict[str, Any]], data)


def _strs(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v).strip() for v in cast(list[object], value) if v)


def _country(item: dict[str, Any]) -> GazetteerEntry:
    forms = [item["name"], *_strs(item.get("aliases"))]
    ambiguous: list[str] = []
    capitals = [*_strs(item.get("capital")), *_strs(item.get("capital_aliases"))]
    (ambiguous if item.get("capital_ambiguous") else forms).extend(capitals)
    forms.extend(_strs(item.get("people")))
    if item.get("ambiguous"):
        ambiguous.extend(f for f in _strs(item.get("aliases")) if f != item["name"])
    ambiguous.extend(_strs(item.get("ambiguous_aliases")))
    ru = [*_strs(item.get("ru")), *_strs(item.get("ru_capital"))]
    return GazetteerEntry(
        ref=f"country:{item['code']}",
        name=str(item["name"]),
        type="Country",
        forms=tuple(dict.fromkeys(f for f in forms if f not in ambiguous)),
        ambiguous_forms=tuple(dict.fromkeys(ambiguous)),
        country=str(item["code"]),
        ru=tuple(ru),
        capitals=tuple(capitals),
        ru_capitals=_strs(item.get("ru_capital")),
    )


def _named(item: dict[str, Any], prefix: str, default_type: EntityType) -> GazetteerEntry:
    forms = [str(item["name"]), *_strs(item.get("aliases"))]
    ambiguous = list(_strs(item.get("ambiguous_aliases")))
    if item.get("ambiguous"):
        ambiguous.append(str(item["name"]))
    if item.get("the_required"):
        # "The Times": the bare word is too common, only the form with the article counts.
        forms = [f"The {f}" if not f.startswith("The ") else f for f in forms]
    return GazetteerEntry(
        ref=f"{prefix}:{item['id']}",
        name=str(item["name"]),
        type=cast(EntityType, item.get("type") or default_type),
        forms=tuple(dict.fromkeys(f for f in forms if f not in ambiguous)),
        ambiguous_forms=tuple(dict.fromkeys(ambiguous)),
        kind=item.get("kind"),
        country=item.get("country"),
        ru=_strs(item.get("ru")),
        lowercase_the=item.get("lowercase_the", True) is not False,
        venue=bool(item.get("venue")),
    )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    entries: list[GazetteerEntry] = []
    adjective_refs: dict[str, str] = {}
    for item in _items("countries.yaml"):
        entries.append(_country(item))
        for adjective in _strs(item.get("adjective")):
            adjective_refs.setdefault(adjective, f"country:{item['code']}")
    for filename, prefix, kind in (
        ("institutions.yaml", "org", "Organization"),
        ("projects.yaml", "project", "Project"),
        ("places.yaml", "place", "Location"),
    ):
        entries.extend(_named(item, prefix, cast(EntityType, kind)) for item in _items(filename))
    titles: set[str] = set()
    for group in _items("titles.yaml"):
        for words in group.values():
            titles.update(w.lower() for w in _strs(words))
    vessels = {lang: frozenset(w.lower() for w in _strs(words)) for group in _items("vessels.yaml")
               for lang, words in group.items()}  # fmt: skip
    leaders = tuple(
        Leader((str(item["name"]), *_strs(item.get("aliases"))), f"country:{item['country']}",
               frozenset(w.lower() for w in _strs(item.get("offices"))))
        for item in _items("leaders.yaml")
    )  # fmt: skip
    return Gazetteer(
        tuple(entries), frozenset(adjective_refs), adjective_refs, frozenset(titles), vessels, leaders
    )
