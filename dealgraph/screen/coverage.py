"""Name coverage rules on top of logic-v2's score: which unmatched words mean "another party".

Persons: when the list form tells the surname apart ("LAST, First", "First LAST"), the surname must be
matched: logic-v2 gives 0.8 to "So Long" against "RI, Su Yong" and to "Elena Sadovskaya" against
"Elena RADOMSKAYA", where only the given name really agrees. logic-v2's fuzzy score does not tell a
transliteration from another name ("yarosh"/"jarosh" 0.69, "gurulyov"/"gurulev" 0.64, but
"sadovskaya"/"radomskaya" 0.64), so a fuzzy surname match counts when it scores 0.8 or when both
words have the same consonant skeleton (``blocking.skeleton``: "yrs"... "rs" for both Yarosh and
Jarosh).

Organisations: a listed organisation whose name has words the query lacks is another organisation.

logic-v2 weighs words of the list name that the query lacks at 0.2, tuned for persons, whose lists add
patronymics and middle names. For organisations such a word usually names another body sharing the
query's name: "Rosneft" scores 0.78 against the listed subsidiary "ROSNEFT TRADING S.A.", "VTB Bank"
0.85 against "VTB BANK ARMENIA", "Russian Direct Investment Fund" 0.85 against its management company,
while neither Rosneft nor the fund's management company is the party asked about. Raising that weight
does not help: "Sberbank" against the listed "PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA" (0.73)
then falls below the subsidiaries. So we keep logic-v2's score and refuse an organisation hit when either
name has a word the other lacks, other than a legal form, a stopword, a generic word ("company",
"group", "holding", "state") or a country, and a country only when the other side has no country of
its own left unmatched ("Central Bank of Russia" is not "CENTRAL BANK OF SYRIA"), and a country only
as in "X of Russia": a country added to a name marks a branch ("VTB BANK BELARUS"). A word matched only
by a loose fuzzy score (below 0.75: "American" and "Mexican") counts as unmatched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rigour.names import NamePartTag, Symbol

from dealgraph.names.matching import Step, unmatched
from dealgraph.screen.blocking import skeleton

ORG_FUZZY = 0.75  # a fuzzy word match below this is no match for organisation names
SURNAME_FUZZY = 0.8  # nor, below this, for a surname, unless the skeletons agree
_IGNORED_TAGS = {NamePartTag.STOP, NamePartTag.LEGAL}
_GENERIC_SYMBOLS = {"CO", "CORP", "GRP", "HOLDING", "GOV"}
_PSEUDO_COUNTRIES = {"ip", "zz"}  # followthemoney's "Cyberspace" and "Global"


@dataclass(frozen=True)
class WordRoles:
    """Which words of an organisation name may go unmatched: generic ones, and its own country."""

    generic: frozenset[str]
    places: frozenset[str]


def _is_country(code: str) -> bool:
    """Country-level place symbols only: "Novatek Murmansk" or "Novatek Moscow" is a branch."""
    return len(code) == 2 and code not in _PSEUDO_COUNTRIES


def word_roles(names: Iterable[Any]) -> WordRoles:
    """Generic words and own-country words of analysed organisation names. A country is the
    organisation's own after a stopword ("SBERBANK OF RUSSIA"); otherwise it marks a branch
    ("VTB BANK BELARUS") and counts like any other word."""
    generic: set[str] = set()
    places: set[str] = set()
    for name in names:
        generic.update(p.comparable for p in name.parts if p.tag in _IGNORED_TAGS)
        pairs = zip(name.parts, name.parts[1:], strict=False)
        after_stop = {id(part) for before, part in pairs if before.tag == NamePartTag.STOP}
        for span in name.spans:
            words = {p.comparable for p in span.parts}
            category = span.symbol.category
            if category == Symbol.Category.ORG_CLASS or (
                category == Symbol.Category.SYMBOL and span.symbol.id in _GENERIC_SYMBOLS
            ):
                generic.update(words)
            elif (
                category == Symbol.Category.LOCATION
                and _is_country(str(span.symbol.id))
                and id(span.parts[0]) in after_stop
            ):
                places.update(words)
    return WordRoles(frozenset(generic), frozenset(places))


def other_organisation(steps: list[Step], listed: WordRoles, query: WordRoles) -> str | None:
    """The word that makes the listed organisation another one than the query's, or None: a word of
    either side left unmatched, unless generic, or a country when the other side has none unmatched."""
    query_extra, listed_extra = unmatched(steps, weak=ORG_FUZZY)
    query_place = any(w in query.places for w in query_extra)
    listed_place = any(w in listed.places for w in listed_extra)
    sides = ((listed_extra, listed, query_place), (query_extra, query, listed_place))
    for words, roles, other_place in sides:
        for word in words:
            if word in roles.generic or (word in roles.places and not other_place):
                continue
            return word
    return None


def surname_matched(steps: list[Step], family: frozenset[str]) -> bool:
    """Whether a word of the listed surname was matched (see the module docstring). The same test
    serves the first given name of a list form that tells it apart: a person whose surname agrees but
    whose given name does not is another member of the family ("Hamza bin Laden")."""
    for step in steps:
        if step.result is None or not family.intersection(step.result):
            continue
        if step.kind != "fuzzyMatch" or step.score >= SURNAME_FUZZY:
            return True
        if skeleton("".join(step.query)) == skeleton("".join(step.result)):
            return True
    return False


SHORT_WORD = 3


def short_fuzzy(steps: list[Step]) -> bool:
    """A fuzzy match between different words when one has three letters or fewer: "law" and "lo", "jon"
    and "yun" are one or two edits apart but are not spellings of each other. Known variants (symbol
    matches) are kept."""
    for step in steps:
        if step.kind != "fuzzyMatch" or step.result is None or step.query == step.result:
            continue
        if min(len("".join(step.query)), len("".join(step.result))) <= SHORT_WORD:
            return True
    return False
