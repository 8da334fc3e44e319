"""Russian deal events (dealgraph.extract.events.ru) on sentences written for this project.

Three layers: the data files' checks (no model), the rules on trees built by hand from words, heads and
labels (no model: a parser upgrade cannot change them), and whole sentences through natasha's parse and
the Russian entities (the models ship inside natasha's wheels; about two seconds to load, once).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import pytest

from dealgraph.exc import ConfigError
from dealgraph.extract.events.lexicon import event_types
from dealgraph.extract.events.ru.extract import EXTRACTOR, RussianEventExtractor
from dealgraph.extract.events.ru.lexicon import (
    package_data,
    parse_lexicon,
    parse_modality,
    ru_lexicon,
    ru_modality,
)
from dealgraph.extract.events.ru.tree import Sentence, Tok, repaired
from dealgraph.model import Entity, Event, Mention

# -- the data files --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return package_data("events_ru.yaml")


def test_shipped_files_load_and_share_the_english_types() -> None:
    lexicon, shared = ru_lexicon(), {t.name: t for t in event_types()}
    assert {t.name for t in lexicon.types} <= set(shared)
    for kind in lexicon.types:
        assert kind.kind is shared[kind.name]  # roles, role types, symmetry: defined once
    assert "якобы" in ru_modality().hedge_adverbs


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(triggers=[]), "unknown key"),
        (lambda d: d["events"].update(BRIBE={"slots": {"subj": ["agent"]}}), "unknown key"),
        (lambda d: d["events"]["MEET"].update(frames=[]), "unknown key"),
        (lambda d: d["events"]["MEET"]["slots"].update(genitive=["agent"]), "unknown slot"),
        (lambda d: d["events"]["MEET"]["slots"].update({"prep:with": ["place"]}), "unknown slot"),
        (lambda d: d["events"]["MEET"]["slots"].update(obj=["target"]), "no role 'target'"),
        (lambda d: d["events"]["SANCTION"]["verbs"]["ввести"].update(objects=["санкция"]), "unknown key"),
        (lambda d: d["events"]["MEET"]["verbs"].update(посетить={"slots": {"obj": ["venue"]}}), "no role"),
        (lambda d: d["events"]["MEET"].pop("slots"), "no slots"),
        (lambda d: d["demonyms"].update(русский="Россия"), "gazetteer ref"),
        (lambda d: d.update(titles="глава"), "list of words"),
    ],
)
def test_a_mistake_in_the_lexicon_is_a_config_error(raw: dict[str, Any], change: Any, message: str) -> None:
    data = copy.deepcopy(raw)
    change(data)
    with pytest.raises(ConfigError, match=message):
        parse_lexicon(data, event_types())


def test_a_mistake_in_the_modality_cues_is_a_config_error() -> None:
    data = copy.deepcopy(package_data("modality_ru.yaml"))
    data["hedged"]["particles"] = ["якобы"]
    with pytest.raises(ConfigError, match="unknown key"):
        parse_modality(data)
    with pytest.raises(ConfigError, match="unknown key"):
        parse_modality({**package_data("modality_ru.yaml"), "sourced": {}})


# -- rules on hand-built trees ---------------------------------------------------------------------


def _entities(sent: Sentence, names: Mapping[str, tuple[str, str, str | None]]) -> list[Entity]:
    """Entities over the words of a built sentence: word -> (key, type, gazetteer ref)."""
    found = []
    for tok in sent.toks:
        if tok.text in names:
            key, kind, ref = names[tok.text]
            mention = Mention(tok.start, tok.end, tok.text, kind, "test")  # type: ignore[arg-type]
            found.append(Entity(key, tok.text, kind, (mention,), ref))  # type: ignore[arg-type]
    return found


def _pairs(events: list[Event]) -> set[tuple[str, ...]]:
    return {(e.type, *sorted(f"{a.role}={a.entity}" for a in e.args if a.entity)) for e in events}


def test_coordinated_subjects_of_talks_held_somewhere_negotiate_and_meet() -> None:
    # "Россия и США провели переговоры в Стамбуле."
    sent = Sentence.build(
        [
            ("Россия", "россия", "PROPN|Case=Nom", "nsubj", 4),
            ("и", "и", "CCONJ", "cc", 3),
            ("США", "сша", "PROPN|Case=Nom", "conj", 1),
            ("провели", "провести", "VERB", "root", 0),
            ("переговоры", "переговоры", "NOUN|Case=Acc", "obj", 4),
            ("в", "в", "ADP", "case", 7),
            ("Стамбуле", "стамбул", "PROPN|Case=Loc", "obl", 4),
        ]
    )
    names = {
        "Россия": ("ru", "Country", None),
        "США": ("us", "Country", None),
        "Стамбуле": ("ist", "Location", None),
    }
    events = RussianEventExtractor().from_sentences([sent], _entities(sent, names))
    assert _pairs(events) == {
        ("NEGOTIATE", "agent=ru", "counterpart=us"),
        ("MEET", "agent=ru", "counterpart=us", "place=ist"),
    }
    assert all(e.extractor == EXTRACTOR and e.modality == "asserted" for e in events)
    assert all((e.evidence_start, e.evidence_end) == (sent.start, sent.end) for e in events)


def test_a_proxy_noun_stands_for_its_demonym_and_a_negated_intention_is_denied() -> None:
    # "Российская сторона не намерена вводить санкции против Японии."
    sent = Sentence.build(
        [
            ("Российская", "российский", "ADJ", "amod", 2),
            ("сторона", "сторона", "NOUN|Case=Nom", "nsubj", 4),
            ("не", "не", "PART", "advmod", 4),
            ("намерена", "намеренный", "ADJ", "root", 0),
            ("вводить", "вводить", "VERB", "xcomp", 4),
            ("санкции", "санкция", "NOUN|Case=Acc", "obj", 5),
            ("против", "против", "ADP", "case", 8),
            ("Японии", "япония", "PROPN|Case=Gen", "nmod", 6),
        ]
    )
    names = {"Японии": ("jp", "Country", "country:jp")}
    russia = Entity(
        "ru", "Россия", "Country", (Mention(500, 506, "Россия", "Country", "test"),), "country:ru"
    )
    events = RussianEventExtractor().from_sentences([sent], [*_entities(sent, names), russia])
    assert _pairs(events) == {("SANCTION", "agent=ru", "target=jp")}
    assert events[0].modality == "denied" and events[0].polarity == "impose"


def test_a_verb_without_its_deal_object_is_no_trigger() -> None:
    # "Китай подписал указ о Вьетнаме." — signing a decree is no agreement between them
    sent = Sentence.build(
        [
            ("Китай", "китай", "PROPN|Case=Nom", "nsubj", 2),
            ("подписал", "подписать", "VERB", "root", 0),
            ("указ", "указ", "NOUN|Case=Acc", "obj", 2),
            ("о", "о", "ADP", "case", 5),
            ("Вьетнаме", "вьетнам", "PROPN|Case=Loc", "nmod", 3),
        ]
    )
    names = {"Китай": ("cn", "Country", None), "Вьетнаме": ("vn", "Country", None)}
    assert RussianEventExtractor().from_sentences([sent], _entities(sent, names)) == []


def test_title_before_a_name_is_a_role_held_in_the_genitive() -> None:
    # "Глава Газпрома Алексей Миллер приехал."
    sent = Sentence.build(
        [
            ("Глава", "глава", "NOUN|Case=Nom", "nsubj", 5),
            ("Газпрома", "газпром", "PROPN|Case=Gen", "nmod", 1),
            ("Алексей", "алексей", "PROPN|Case=Nom", "appos", 1),
            ("Миллер", "миллер", "PROPN|Case=Nom", "flat:name", 3),
            ("приехал", "приехать", "VERB", "root", 0),
        ]
    )
    names = {"Газпрома": ("gp", "Organization", None), "Алексей": ("am", "Person", None)}
    (event,) = RussianEventExtractor().from_sentences([sent], _entities(sent, names))
    assert event.type == "ROLE" and _pairs([event]) == {("ROLE", "agent=am", "target=gp")}
    assert [a.text for a in event.args if a.role == "title"] == ["Глава Газпрома"]


def _tok(i: int, text: str, pos: str, rel: str, head: int) -> Tok:
    return Tok(i, text, text.lower(), pos, rel, head, i * 10, i * 10 + len(text))


def test_repair_moves_a_crossing_case_phrase_and_breaks_self_loops() -> None:
    toks = [
        _tok(0, "ведут", "VERB", "root", -1),
        _tok(1, "переговоры", "NOUN", "obj", 0),
        _tok(2, "с", "ADP", "case", 3),
        _tok(3, "Китаем", "PROPN", "nmod", 6),  # crosses 0 -> 5
        _tok(4, ",", "PUNCT", "punct", 5),
        _tok(5, "сказал", "VERB", "parataxis", 0),
        _tok(6, "встрече", "NOUN", "obl", 6),  # attached to itself
    ]
    fixed = repaired(toks)
    assert (fixed[3].head, fixed[3].rel) == (1, "nmod")
    assert fixed[6].head == 5


# -- whole sentences through natasha ---------------------------------------------------------------


@pytest.fixture(scope="module")
def read() -> Any:
    pytest.importorskip("natasha", reason="natasha is not installed")
    from dealgraph.extract.gazetteer import load_gazetteer
    from dealgraph.extract.ner_ru import russian_ner
    from dealgraph.extract.russian import russian_entities, russian_index

    index, extractor = russian_index(load_gazetteer()), RussianEventExtractor()

    def events(text: str) -> list[tuple[str, dict[str, list[str]], str, str | None]]:
        entities = russian_entities(text, index)
        names = {e.key: e.name for e in entities}
        result: list[tuple[str, dict[str, list[str]], str, str | None]] = []
        for event in extractor.extract(russian_ner().parse(text), entities):
            args: dict[str, list[str]] = {}
            for a in event.args:
                if a.entity is not None:
                    args.setdefault(a.role, []).append(names[a.entity])
            result.append((event.type, args, event.modality, names.get(event.source or "")))
        return result

    return events


def test_one_parse_per_text_and_lines_end_sentences(read: Any) -> None:
    from dealgraph.extract.ner_ru import find_entities_ru, russian_ner

    text = "Путин и Трамп встретились\nВстреча прошла на Аляске."
    doc = russian_ner().parse(text)
    find_entities_ru(text)
    assert russian_ner().parse(text) is doc  # the entities and the events share one parse
    assert [s.text for s in doc.sents] == ["Путин и Трамп встретились", "Встреча прошла на Аляске."]
    assert all(t.lemma for t in doc.tokens)


def test_talks_with_a_titled_person_in_a_city(read: Any) -> None:
    found = read(
        "Министр финансов США Скотт Бессент провел переговоры с главой РФПИ Кириллом Дмитриевым в Женеве."
    )
    kinds = {(k, tuple(sorted(a.get("agent", []) + a.get("counterpart", [])))) for k, a, _, _ in found}
    assert ("NEGOTIATE", ("Кирилл Дмитриев", "Скотт Бессент")) in kinds
    assert ("MEET", ("Кирилл Дмитриев", "Скотт Бессент")) in kinds
    roles = {(a["agent"][0], a["target"][0]) for k, a, _, _ in found if k == "ROLE"}
    assert roles == {
        ("Скотт Бессент", "United States"),
        ("Кирилл Дмитриев", "Russian Direct Investment Fund"),
    }


@pytest.mark.parametrize(
    ("text", "kind", "args", "modality"),
    [
        (
            "Евросоюз ввел санкции против Сбербанка и «Газпром нефти».",
            "SANCTION",
            {"agent": ["European Union"], "target": ["Sberbank", "Gazprom Neft"]},
            "asserted",
        ),
        (
            "«Газпром» приобрел долю в компании «Новатэк» у Сбербанка.",
            "INVEST",
            {"agent": ["Gazprom"], "target": ["Novatek"], "seller": ["Sberbank"]},
            "asserted",
        ),
        (
            "McDonald's ушел из России в 2022 году.",
            "EXIT",
            {"agent": ["McDonald's"], "place": ["Russia"]},
            "asserted",
        ),
        (
            "Visa и Mastercard приостановили работу в России.",
            "EXIT",
            {"agent": ["Visa", "Mastercard"], "place": ["Russia"]},
            "asserted",
        ),
        (
            "Компания Hyundai может вернуться в Россию, заявил Денис Мантуров.",
            "RETURN",
            {"agent": ["Hyundai"], "place": ["Russia"]},
            "hedged",
        ),
        (
            "«Роснефть» попала под санкции США в 2022 году.",
            "SANCTION",
            {"agent": ["United States"], "target": ["Rosneft"]},
            "asserted",
        ),
        (
            "Банк России подал иск против Euroclear в Арбитражный суд Москвы.",
            "SUE",
            {"agent": ["Bank of Russia"], "target": ["Euroclear"]},
            "asserted",
        ),
        (
            "Россия якобы предложила США совместную добычу редкоземельных металлов.",
            "PROPOSE",
            {"agent": ["Russia"], "recipient": ["United States"]},
            "hedged",
        ),
        (
            "Франция осудила решение Венгрии заблокировать санкции.",
            "OPPOSE",
            {"agent": ["France"], "target": ["Hungary"]},
            "asserted",
        ),
    ],
)
def test_events_of_each_type(
    read: Any, text: str, kind: str, args: dict[str, list[str]], modality: str
) -> None:
    assert (kind, args, modality) in [(k, a, m) for k, a, m, _ in read(text)]


def test_modality_and_source_cues(read: Any) -> None:
    (freeze,) = read("Евросоюз не намерен конфисковать активы Банка России, заявил Жозеп Боррель.")
    assert freeze[0] == "FREEZE" and freeze[2:] == ("denied", "Жозеп Боррель")
    (sanction,) = read("ЕС может ввести новые санкции против Ирана, пишет Financial Times.")
    assert sanction[2:] == ("hedged", "Financial Times")
    (refusal,) = [
        e
        for e in read("Алексей Миллер, глава «Газпрома», отказался обсуждать с Китаем цену газа.")
        if e[0] != "ROLE"
    ]
    assert refusal[:3] == ("NEGOTIATE", {"agent": ["Алексей Миллер"], "counterpart": ["China"]}, "denied")


def test_plans_decisions_and_back_references(read: Any) -> None:
    (freeze,) = read("Еврокомиссия объявила о планах заморозки активов Банка России.")
    assert freeze[:3] == (
        "FREEZE",
        {"target": ["Bank of Russia"], "agent": ["European Commission"]},
        "planned",
    )
    (talks,) = read("Газпром и Китай продолжают переговоры. Об этом сообщил Алексей Миллер.")
    assert talks[2:] == ("reported", "Алексей Миллер")
    (joint,) = read("Россия и Китай будут работать вместе над новым проектом.")
    assert joint[:3] == ("COOPERATE", {"agent": ["Russia"], "counterpart": ["China"]}, "planned")


def test_cancelled_and_failed_deals_are_denied_lifting_is_not(read: Any) -> None:
    (deal,) = read("Сделка между Роснефтью и Glencore сорвалась.")
    assert deal[:3] == ("AGREE", {"agent": ["Rosneft"], "counterpart": ["Glencore"]}, "denied")
    (lift,) = read("США отменили санкции против Беларуси.")
    assert lift[:3] == ("SANCTION", {"agent": ["United States"], "target": ["Belarus"]}, "asserted")
    (meeting,) = read("В Кремле заявили, что Путин и Трамп могут встретиться в Будапеште.")
    assert meeting[0] == "MEET" and meeting[2:] == ("hedged", "Kremlin")


def test_group_nouns_stand_for_the_two_states_named_before(read: Any) -> None:
    found = read("Россия и Япония провели консультации. Переговоры сторон прошли в Сочи.")
    assert ("MEET", {"agent": ["Russia"], "place": ["Sochi"], "counterpart": ["Japan"]}) in [
        e[:2] for e in found
    ]
    found = read("Индия и Бразилия подписали меморандум. Обе страны договорились о сотрудничестве.")
    assert ("COOPERATE", {"agent": ["India"], "counterpart": ["Brazil"]}) in [e[:2] for e in found]
    # a plural without its numeral is no group: "страны Азии" are not the states named before
    assert read("Танкеры из Китая и Индии прибыли в порт. Страны Азии закупают нефть.") == []


def test_a_minister_works_in_the_ministry_the_article_names(read: Any) -> None:
    text = (
        "Министерство финансов Казахстана сообщило о новых правилах. "
        "Министр финансов Казахстана Мадина Абылкасымова заявила об этом."
    )
    (role,) = [e for e in read(text) if e[0] == "ROLE"]
    assert role[1] == {"agent": ["Мадина Абылкасымова"], "target": ["Министерство финансов"]}


def test_a_headline_speaker_is_the_source_not_a_party(read: Any) -> None:
    found = read("Глава Сбербанка Герман Греф: Россия и Индия обсуждают поставки.")
    (talks,) = [e for e in found if e[0] == "NEGOTIATE"]
    assert talks[1:] == ({"agent": ["Russia"], "counterpart": ["India"]}, "reported", "Герман Греф")


@pytest.mark.parametrize(
    "text",
    [
        "Путин выступил с речью на форуме в Санкт-Петербурге.",  # a speech is no meeting
        "«Аэрофлот» купил у Boeing десять самолетов.",  # buying goods is trade, not investment
        "Китай обсудил с партнерами цены.",  # partners not named: no counterpart
        "Reuters сообщил о переговорах.",  # talks with no one named
        "Дмитрий Песков прокомментировал переговоры с Украиной в Стамбуле.",  # a commentator takes no part
    ],
)
def test_no_event(read: Any, text: str) -> None:
    assert [e for e in read(text) if e[0] != "ROLE"] == []
