"""Russian NER (dealgraph.extract.ner_ru) on news-style sentences written for this project.

The models ship inside natasha's wheels; the extractor is built once for the module (about a second).
"""

from __future__ import annotations

import pytest

pytest.importorskip("natasha", reason="natasha is not installed")

from dealgraph.extract.ner_ru import RuEntity, find_entities_ru, russian_ner

TEXT = (
    "Глава Российского фонда прямых инвестиций Кирилл Дмитриев заявил в пятницу, что Москва готова "
    "обсуждать с американскими компаниями совместные проекты в Арктике. "
    "По данным агентства Reuters, министр финансов США Скотт Бессент провел встречу с Кириллом Дмитриевым "
    "в Женеве. "
    "Евросоюз продлил санкции против Сбербанка и «Газпром нефти» еще на полгода. "
    "Председатель Банка России Эльвира Набиуллина назвала изъятие активов в Бельгии незаконным."
)


@pytest.fixture(scope="module")
def entities() -> list[RuEntity]:
    return find_entities_ru(TEXT)


def _find(entities: list[RuEntity], surface: str) -> RuEntity:
    hits = [e for e in entities if e.text == surface]
    assert hits, f"{surface!r} not found in {[e.text for e in entities]}"
    return hits[0]


@pytest.mark.parametrize(
    ("surface", "kind", "normal"),
    [
        ("Кирилл Дмитриев", "Person", "Кирилл Дмитриев"),
        ("Кириллом Дмитриевым", "Person", "Кирилл Дмитриев"),  # instrumental case
        ("Эльвира Набиуллина", "Person", "Эльвира Набиуллина"),
        ("Скотт Бессент", "Person", "Скотт Бессент"),
        ("Сбербанка", "Organization", "Сбербанк"),
        ("Банка России", "Organization", "Банк России"),  # head inflected, dependent kept
        ("Reuters", "Organization", "Reuters"),
        ("Москва", "Location", "Москва"),
        ("Женеве", "Location", "Женева"),
        ("Бельгии", "Location", "Бельгия"),
    ],
)
def test_entity_type_and_normal_form(entities: list[RuEntity], surface: str, kind: str, normal: str) -> None:
    entity = _find(entities, surface)
    assert entity.type == kind
    assert entity.normal == normal


def test_person_name_parts(entities: list[RuEntity]) -> None:
    dmitriev = _find(entities, "Кириллом Дмитриевым")
    assert (dmitriev.first, dmitriev.last) == ("Кирилл", "Дмитриев")
    sberbank = _find(entities, "Сбербанка")
    assert (sberbank.first, sberbank.last) == (None, None)


def test_spans_index_the_text(entities: list[RuEntity]) -> None:
    assert len(entities) >= 10
    for entity in entities:
        assert TEXT[entity.start : entity.end] == entity.text
        assert entity.type in {"Person", "Organization", "Location"}
    starts = [e.start for e in entities]
    assert starts == sorted(starts)


def test_genitive_form_from_an_oblique_sentence() -> None:
    found = find_entities_ru("Решение было принято после визита Кирилла Дмитриева в Вашингтон.")
    people = [e for e in found if e.type == "Person"]
    assert [(p.text, p.normal) for p in people] == [("Кирилла Дмитриева", "Кирилл Дмитриев")]
    assert any(e.type == "Location" and e.normal == "Вашингтон" for e in found)


def test_text_without_names_and_empty_text() -> None:
    assert find_entities_ru("") == []
    assert find_entities_ru("Цены на нефть снизились на фоне слабого спроса.") == []


def test_extractor_is_built_once() -> None:
    assert russian_ner() is russian_ner()
