"""Entities of Russian-language articles: natasha's mentions, typed and clustered like English ones.

natasha's normal forms ("Кирилла Дмитриева" → "Кирилл Дмитриев") are what the gazetteer's Russian names
and the clustering compare, so inflected mentions of one referent become one entity; a place whose normal
form the gazetteer knows as a state's ("России" → "Россия") is that Country, with its gazetteer id.
The mention keeps the surface form and its span in the text.
"""

from __future__ import annotations

from dealgraph.extract.coref import Item, cluster
from dealgraph.extract.gazetteer import Gazetteer, GazetteerEntry
from dealgraph.extract.ner_ru import find_entities_ru
from dealgraph.model import Entity, Mention


def russian_index(gazetteer: Gazetteer) -> dict[str, GazetteerEntry]:
    """Lower-cased Russian names (nominative) → gazetteer entry."""
    index: dict[str, GazetteerEntry] = {}
    for entry in gazetteer.entries:
        for form in entry.ru:
            index.setdefault(form.lower(), entry)
    return index


def russian_entities(text: str, index: dict[str, GazetteerEntry]) -> tuple[Entity, ...]:
    items: list[Item] = []
    normals: dict[int, str] = {}
    for found in find_entities_ru(text):
        entry = index.get(found.normal.lower()) or index.get(found.text.lower())
        kind = entry.type if entry is not None else found.type
        mention = Mention(found.start, found.end, found.text, kind, "natasha")
        normals[found.start] = found.normal
        items.append(Item(mention, entry.ref if entry else None, entry.name if entry else None))
    # cluster on normal forms, then give the mentions back their surface text
    normalised = [
        Item(
            Mention(
                i.mention.start, i.mention.end, normals[i.mention.start], i.mention.type, i.mention.origin
            ),
            i.ref,
            i.ref_name,
        )
        for i in items
    ]
    surface = {i.mention.start: i.mention.text for i in items}
    result = []
    for entity in cluster(normalised, text):
        mentions = tuple(Mention(m.start, m.end, surface[m.start], m.type, m.origin) for m in entity.mentions)
        aliases = tuple(
            sorted({m.text for m in entity.mentions} - {surface[m.start] for m in entity.mentions})
        )
        result.append(Entity(entity.key, entity.name, entity.type, mentions, entity.ref, aliases))
    return tuple(result)
