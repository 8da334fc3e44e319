"""Reading Russian text: the gazetteer found by lemma, and the rules that make natasha's spans names.

The rules are tested on spans built by hand (``RuEntity``), apart from natasha's model, so that a model
upgrade tells a rule change from a parse change; the gazetteer matcher needs only the dictionary. The
sentences were written for this project.
"""

from __future__ import annotations

import pytest

pytest.importorskip("natasha", reason="natasha is not installed")

from dealgraph.extract.gazetteer import load_gazetteer
from dealgraph.extract.ner_ru import RuEntity
from dealgraph.extract.russian import names
from dealgraph.extract.russian_gazetteer import RussianGazetteer, is_common_word


@pytest.fixture(scope="module")
def finder() -> RussianGazetteer:
    return RussianGazetteer(load_gazetteer().entries)


@pytest.mark.parametrize(
    ("text", "surface", "ref"),
    [
        ("Об этом узнали в министерстве финансов США.", "министерстве финансов США", "org:us-treasury"),
        ("Иск в Арбитражный суд города Москвы", "Арбитражный суд города Москвы",
         "org:moscow-arbitration-court"),
        ("Решение Банка России вызвало споры.", "Банка России", "org:bank-of-russia"),
        ("Он возглавляет Российский фонд прямых инвестиций (РФПИ).", "РФПИ", "org:rdif"),
        ("Танкеры загрузились на заводе Arctic LNG 2 в июле.", "Arctic LNG 2", "project:arctic-lng-2"),
        ("Доля Exxon в проекте «Сахалин-1» будет продана.", "Сахалин-1", "project:sakhalin-1"),
        ("Компанию внесли в SDN-лист в октябре.", "SDN-лист", "project:sdn-list"),
        ("Доля в «Сахалине-1» продана.", "Сахалине-1", "project:sakhalin-1"),  # hyphenated, inflected
        ("Об этом сообщает INTERFAX.RU со ссылкой на источник.", "INTERFAX", "org:interfax"),
    ],
)  # fmt: skip
def test_gazetteer_forms_are_found_in_any_case_and_script(
    finder: RussianGazetteer, text: str, surface: str, ref: str
) -> None:
    assert (surface, ref) in {(h.text, h.entry.ref) for h in finder.find(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Тем временем переговоры продолжились.",  # "Тем" is a form of "тот", as "Того" (Togo) is
        "Кремль в этом городе построен в XVI веке, а кремль в Казани позже.",  # a lower-case common noun
        "Компании из сша не ответили.",  # an abbreviation only in capitals
    ],
)
def test_common_words_and_pronouns_are_not_gazetteer_names(finder: RussianGazetteer, text: str) -> None:
    found = {h.text for h in finder.find(text)}
    assert "Тем" not in found and "кремль" not in found and "сша" not in found


def _span(text: str, surface: str, kind: str = "Organization", normal: str | None = None) -> RuEntity:
    start = text.index(surface)
    return RuEntity(start, start + len(surface), surface, kind, normal or surface)  # type: ignore[arg-type]


def test_a_bracketed_acronym_is_cut_from_the_name() -> None:
    text = "Глава Фонда развития регионов (ФРР) заявил об этом."
    span = _span(text, "Фонда развития регионов (ФРР)", normal="Фонд развития регионов (ФРР)")
    (name,) = names(span, text)
    assert (text[name.start : name.end], name.normal) == ("Фонда развития регионов", "Фонд развития регионов")


def test_a_span_is_cut_at_line_breaks_slashes_and_script_changes() -> None:
    text = "ТАСС\n\nМОСКВА\nСтив Уиткофф Sefa Karacan / Anadolu / Getty Images"
    cut = [text[n.start : n.end] for n in names(_span(text, "ТАСС\n\nМОСКВА"), text)]
    assert cut == ["ТАСС", "МОСКВА"]
    credit = "Стив Уиткофф Sefa Karacan / Anadolu / Getty Images"
    cut = [text[n.start : n.end] for n in names(_span(text, credit, "Person"), text)]
    assert cut == ["Стив Уиткофф", "Sefa Karacan", "Anadolu", "Getty Images"]


@pytest.mark.parametrize(
    ("word", "common"),
    [("Экономика", True), ("Погружайтесь", True), ("Инвестиции", True), ("Путин", False), ("Роснефть", False),
     ("Азии", False), ("Уиткофф", False)],
)  # fmt: skip
def test_single_common_words_are_not_names(word: str, common: bool) -> None:
    assert is_common_word(word) is common


def test_names_after_a_ship_noun_are_vessels() -> None:
    from dealgraph.extract.russian import _is_vessel, _Name

    words = load_gazetteer().vessel_words["ru"]
    text = "По данным издания, суда Zarya и Buran вышли из порта, а Novatek не ответил."
    zarya, buran, novatek = (_Name(text.index(w), text.index(w) + len(w), "Organization", w) for w in
                             ("Zarya", "Buran", "Novatek"))  # fmt: skip
    assert _is_vessel(zarya, text, words, None)
    assert _is_vessel(buran, text, words, zarya.end)  # joined by "и" to the vessel before it
    assert not _is_vessel(novatek, text, words, buran.end)
