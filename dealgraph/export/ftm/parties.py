"""Which FtM schema a canonical entity takes, and what is a value rather than an entity.

As OpenSanctions does, a country is a ``country`` property value (an ISO code), never an entity of its
own, and a place (a city, a region) is an address-typed text (``location``, ``locationMentioned``), not
an ``Address`` entity: a news place is no postal address. People are ``Person``; organisations are
``Company`` or ``PublicBody`` when the gazetteer knows the institution's kind, else ``Organization``;
projects are ``Project``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from followthemoney import registry

from dealgraph.extract.gazetteer import load_gazetteer

PUBLIC_KINDS = {"government", "legislature", "court", "central-bank", "agency", "military", "intl"}
LEGAL = {"Person", "Organization", "Company", "PublicBody"}


@dataclass(frozen=True)
class Known:
    kind: str | None
    country: str | None


@cache
def gazetteer_kinds() -> dict[str, Known]:
    return {e.ref: Known(e.kind, e.country) for e in load_gazetteer().entries}


def schema_for(type_: str, ref: str | None) -> str | None:
    """The FtM schema of an entity of ``type_``; None for countries and places, which are values."""
    if type_ == "Person":
        return "Person"
    if type_ == "Project":
        return "Project"
    if type_ != "Organization":
        return None
    kind = gazetteer_kinds().get(ref or "", Known(None, None)).kind
    if kind == "company":
        return "Company"
    if kind in PUBLIC_KINDS:
        return "PublicBody"
    return "Organization"


def country_code(type_: str, ref: str | None, name: str) -> str | None:
    """The ISO code of a Country entity: from its gazetteer ref, else from its name."""
    if type_ != "Country":
        return None
    if ref and ref.startswith("country:"):
        return registry.country.clean(ref.split(":", 1)[1])
    return registry.country.clean(name, fuzzy=True)


def home_country(ref: str | None) -> str | None:
    """The country the gazetteer gives an institution."""
    known = gazetteer_kinds().get(ref or "")
    return registry.country.clean(known.country) if known and known.country else None


def name_kind(schema: str, form: str, canonical: str) -> str | None:
    """Which name property a surface form or alias goes to: none for the canonical name itself; a
    lone word for a person ("Putin") is a ``weakAlias``; an all-capitals single word for an
    organisation ("RDIF") an ``abbreviation``; any other form an ``alias``."""
    if form.casefold() == canonical.casefold():
        return None
    single = " " not in form.strip()
    if schema == "Person" and single:
        return "weakAlias"
    if schema != "Person" and single and form.isupper() and schema != "Project":
        return "abbreviation"
    return "alias"
