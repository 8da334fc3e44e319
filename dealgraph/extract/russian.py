"""Entities of Russian-language articles: natasha's mentions and the gazetteer's, typed and clustered like
English ones.

Two readers meet here. The gazetteer (``russian_gazetteer.py``) finds known institutions, states, places
and projects in any case and in Latin script too; natasha finds the rest by shape. Where they overlap the
gazetteer wins, unless natasha's name strictly contains the gazetteer's ("European Fund for Ukraine"
holds "Ukraine"). natasha's spans are first made into names: a span never runs over a line break ("ТАСС"
and "МОСКВА" of a dateline are two), a credit's slash or a change of script ("Стив Уиткофф Sefa
Karacan / Anadolu" is three names), an acronym defined in brackets after a name ("(РФПИ)") is not part
of it (coreference keeps it as the name's alias), and a single word the dictionary knows only as a common
word (a rubric "Экономика", a call "Погружайтесь") is not a name.

natasha's normal forms ("Кирилла Дмитриева" → "Кирилл Дмитриев") are what the clustering compares, so
inflected mentions of one referent become one entity. A capital at the head of a dateline ("МОСКВА, 26 дек
-") is the city, not its state; a name after a ship noun ("суда Iris и Voskhod", nouns in the gazetteer's
``vessels.yaml``) is the vessel, a Project. The mention keeps the surface form and its span in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dealgraph.extract.coref import ORG_SUFFIXES, Item, cluster
from dealgraph.extract.gazetteer import Gazetteer, GazetteerEntry
from dealgraph.extract.ner_ru import RuEntity, find_entities_ru
from dealgraph.extract.russian_gazetteer import GazetteerHit, RussianGazetteer, is_common_word, lemmas
from dealgraph.model import Entity, EntityType, Mention
from dealgraph.names.text import LATIN, RUSSIAN, fold

# where one name ends and another begins inside a natasha span: a line break, a credit's slash or
# semicolon, a change of script between two words ("Стив Уиткофф Sefa Karacan / Anadolu")
_RU, _LA = RUSSIAN.pattern, LATIN.pattern
_SEPARATORS = re.compile(rf"(\n+|\s*[/;|]\s*|(?<={_RU})\s+(?={_LA})|(?<={_LA})\s+(?={_RU}))")
_BRACKETED = re.compile(r"\s*\(([^()]{1,12})\)\s*$")
_EDGE_PUNCT = "\"'«»„“”()[]:;,.-–— \t"
_DATELINE_REST = re.compile(r"[,.]?\s*\d{1,2}\s+[а-яё]{3}")


@dataclass(frozen=True)
class RussianIndex:
    """What reading Russian needs from the gazetteer: normal forms → entries, and the phrase finder."""

    normals: dict[str, GazetteerEntry]
    finder: RussianGazetteer
    vessel_words: frozenset[str] = frozenset()  # lemmas of ship nouns ("танкер", "судно")


@dataclass(frozen=True)
class _Name:
    start: int
    end: int
    type: EntityType
    normal: str


def russian_index(gazetteer: Gazetteer) -> RussianIndex:
    """Lower-cased Russian names (nominative) → gazetteer entry, and the gazetteer's phrase finder."""
    index: dict[str, GazetteerEntry] = {}
    for entry in gazetteer.entries:
        for form in entry.ru:
            index.setdefault(form.lower(), entry)
    return RussianIndex(
        index, RussianGazetteer(gazetteer.entries), gazetteer.vessel_words.get("ru", frozenset())
    )


def names(found: RuEntity, text: str) -> list[_Name]:
    """natasha's span as names: cut at line breaks, slashes and changes of script, without a bracketed
    acronym or edge punctuation."""
    result = []
    offset = found.start
    for piece in _SEPARATORS.split(text[found.start : found.end]):
        start, end = offset, offset + len(piece)
        offset = end
        if _SEPARATORS.fullmatch(piece):
            continue
        normal = found.normal if (start, end) == (found.start, found.end) else piece
        bracket = _BRACKETED.search(text, start, end)
        if bracket and bracket.end() == end and bracket.start() > start:
            end = bracket.start()
            normal = _BRACKETED.sub("", normal)
        while start < end and text[start] in _EDGE_PUNCT:
            start += 1
        while end > start and text[end - 1] in _EDGE_PUNCT:
            end -= 1
        if re.search(r"\w", text[start:end]) and re.search(r"[^\W\d_]", text[start:end]):
            result.append(_Name(start, end, found.type, normal.strip(_EDGE_PUNCT) or text[start:end]))
    return result


def _is_name(name: _Name, text: str) -> bool:
    words = text[name.start : name.end].split()
    return not (len(words) == 1 and is_common_word(words[0]))


def _dateline_city(hit: GazetteerHit, text: str) -> str | None:
    """The capital's English name when ``hit`` is the city heading a dateline ("Москва. 16 января.")."""
    if not hit.entry.ru_capitals or not hit.entry.capitals or (hit.start and text[hit.start - 1] != "\n"):
        return None
    if not _DATELINE_REST.match(text, hit.end):
        return None
    if any(lemmas(c) & lemmas(hit.text) for c in hit.entry.ru_capitals):
        return hit.entry.capitals[0]
    return None


_WORD_BEFORE = re.compile(r"(\w+)[ \t\u00a0«\"]*$")
_JOINED = re.compile(r"[ \t\u00a0»\"]*(?:,|\s+и)[ \t\u00a0«\"]*$")


def _is_vessel(name: _Name, text: str, words: frozenset[str], previous_vessel: int | None) -> bool:
    """A name right after a ship noun ("суда Iris", "танкер «Восход»"), or joined by "и" or a comma to
    the vessel named just before it ("Iris и Voskhod")."""
    line_start = text.rfind("\n", 0, name.start) + 1
    before = text[line_start : name.start]
    joined = (
        previous_vessel is not None
        and previous_vessel >= line_start
        and _JOINED.fullmatch(text, previous_vessel, name.start) is not None
    )
    return joined or _after_ship_noun(before, words)


def _after_ship_noun(before: str, words: frozenset[str]) -> bool:
    word = _WORD_BEFORE.search(before)
    return word is not None and bool(lemmas(word.group(1)) & words)


def _overlapping(name: _Name, hits: list[GazetteerHit]) -> list[GazetteerHit]:
    return [h for h in hits if h.start < name.end and name.start < h.end]


def _contains(name: _Name, hits: list[GazetteerHit], text: str) -> bool:
    """Whether natasha's name is a longer name around the gazetteer's: it holds every hit, and either
    starts before them ("European Fund for Ukraine") or goes on with a capitalised word ("Exxon
    Neftegaz"; not "Управление по контролю ... министерства финансов", a description)."""
    if any(h.start < name.start or h.end > name.end for h in hits) or (
        len(hits) == 1 and (hits[0].start, hits[0].end) == (name.start, name.end)
    ):
        return False
    if min(h.start for h in hits) > name.start:
        return True
    rest = [w for w in text[max(h.end for h in hits) : name.end].split() if fold(w) not in ORG_SUFFIXES]
    return bool(rest) and all(w[:1].isupper() for w in rest)


def _items(text: str, index: RussianIndex) -> list[Item]:
    hits = index.finder.find(text)
    dropped: set[int] = set()
    items: list[Item] = []
    vessel_end: int | None = None
    for found in find_entities_ru(text):
        for name in names(found, text):
            over = _overlapping(name, hits)
            if over and not _contains(name, over, text):
                continue  # the gazetteer's reading wins
            dropped.update(h.start for h in over)
            if not over and not _is_name(name, text):
                continue
            entry = index.normals.get(name.normal.lower()) or index.normals.get(
                text[name.start : name.end].lower()
            )
            kind: EntityType = entry.type if entry is not None else name.type
            if entry is None and _is_vessel(name, text, index.vessel_words, vessel_end):
                kind, vessel_end = "Project", name.end
            mention = Mention(name.start, name.end, name.normal, kind, "natasha")
            items.append(Item(mention, entry.ref if entry else None, entry.name if entry else None))
    for hit in hits:
        if hit.start in dropped:
            continue
        city = _dateline_city(hit, text)
        if city is not None:
            items.append(Item(Mention(hit.start, hit.end, city, "Location", "gazetteer"), None, None))
            continue
        mention = Mention(hit.start, hit.end, hit.text, hit.entry.type, "gazetteer")
        items.append(Item(mention, hit.entry.ref, hit.entry.name))
    return items


def russian_entities(text: str, index: RussianIndex) -> tuple[Entity, ...]:
    # mentions carry their normal forms while clustering, then get their surface text back
    items = _items(text, index)
    result = []
    for entity in cluster(items, text):
        mentions = tuple(
            Mention(m.start, m.end, text[m.start : m.end], m.type, m.origin) for m in entity.mentions
        )
        surfaces = {m.text for m in mentions}
        aliases = tuple(sorted(({m.text for m in entity.mentions} | set(entity.aliases)) - surfaces))
        result.append(Entity(entity.key, entity.name, entity.type, mentions, entity.ref, aliases))
    return tuple(result)
