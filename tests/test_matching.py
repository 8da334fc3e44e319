"""Name matching without a language model: the shared fold and script tests, logic-v2's alignment read
into steps, and the resolver's rules (plausible pairs, full names, the bars, close runners-up) on real
logic-v2 scores of names written for these tests. The first comparison loads rigour's name data (some
seconds); the rest take milliseconds."""

from __future__ import annotations

import pytest

from dealgraph.names.matching import NameMatch, NameMatcher, Step, alignment, fully_aligned, unmatched
from dealgraph.names.text import fold, has_cyrillic, is_latin
from dealgraph.resolve.rules import FULLY_ALIGNED, THRESHOLDS, bar, full_names, pick, plausible


@pytest.fixture(scope="module")
def matcher() -> NameMatcher:
    return NameMatcher()


def clears(matcher: NameMatcher, type_: str, a: str, b: str) -> bool:
    """Whether the resolver would take ``b`` for ``a`` on their score alone (the pair's bar)."""
    match = matcher.compare_names(a, b, type_)
    return match.score >= bar(type_, THRESHOLDS[type_], match)


def test_one_fold_for_in_article_and_cross_article_keys() -> None:
    assert fold("The Kremlin's") == fold("kremlin") == "kremlin"
    assert fold("Müller") == fold("MULLER") == "muller"
    assert fold("Lukoil, OAO") == "lukoil oao"
    assert fold("Theodore Roosevelt") == "theodore roosevelt"  # "the" only as a word


def test_scripts() -> None:
    assert is_latin("Kirill Dmitriev") and not is_latin("Кирилл Dmitriev") and not is_latin("1990")
    assert has_cyrillic("Київ") and not has_cyrillic("Kyiv")


def test_alignment_is_read_into_steps() -> None:
    detail = (
        "['kiril'≈'kirill' symbolMatch [NAME:Q674360]: 0.90, weight 1.00] "
        "[\"o'neill\"≈'oneil' fuzzyMatch: 0.80, weight 1.00] ['vladimir' extraResultPart: 0.00, weight 0.20]"
    )
    assert alignment(detail) == [
        Step("symbolMatch", ("kiril",), ("kirill",), 0.9),
        Step("fuzzyMatch", ("o'neill",), ("oneil",), 0.8),
        Step("extraResultPart", ("vladimir",), None, 0.0),
    ]
    # a literal match of whole names lists its words once
    assert alignment("['kirill dmitriev' literalMatch: 1.00, weight 1.00]") == [
        Step("literalMatch", ("kirill", "dmitriev"), ("kirill", "dmitriev"), 1.0)
    ]
    assert alignment("No name match found.") == []


def test_fully_aligned_names_agree_part_for_part(matcher: NameMatcher) -> None:
    whitkof = matcher.compare_names("Stephen Whitkof", "Steve Witkoff", "Person")
    assert fully_aligned(alignment(whitkof.detail))
    trumps = matcher.compare_names("Donald Trump", "Eric Trump", "Person")
    assert not fully_aligned(alignment(trumps.detail))  # a given name left over on each side
    assert unmatched(alignment(trumps.detail)) == (["donald"], ["eric"])
    # a literal match needs no lower bar: it scores 1.0
    cyrillic = matcher.compare_names("Кирилл Дмитриев", "Kirill Dmitriev", "Person")
    assert cyrillic.score == 1.0 and not fully_aligned(alignment(cyrillic.detail))
    # one aligned part is not enough
    assert not fully_aligned([Step("fuzzyMatch", ("dmitriyev",), ("dmitriev",), 0.89)])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kirill Dmitriyev", "Kirill Dmitriev"),
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("Sergei Shoigu", "Sergey Shoygu"),
        ("Aleksandr Novak", "Alexander Novak"),
        ("Yuri Ushakov", "Yury Ushakov"),
        ("Volodimir Zelenski", "Volodymyr Zelenskyy"),
        ("Кирилл Дмитриев", "Kirill Dmitriev"),
    ],
)
def test_transliteration_variants_are_one_person(matcher: NameMatcher, a: str, b: str) -> None:
    match = matcher.compare_names(a, b, "Person")
    assert match.score >= THRESHOLDS["Person"] and clears(matcher, "Person", a, b)


def test_machine_translated_spellings_clear_the_lower_bar_only(matcher: NameMatcher) -> None:
    match = matcher.compare_names("Stephen Whitkof", "Steve Witkoff", "Person")
    assert FULLY_ALIGNED <= match.score < THRESHOLDS["Person"]
    assert bar("Person", THRESHOLDS["Person"], match) == FULLY_ALIGNED
    assert clears(matcher, "Person", "Stephen Whitkof", "Steve Witkoff")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Donald Trump", "Eric Trump"),
        ("Kirill Dmitriev", "Vladimir Dmitriev"),
        ("Jimmy Carter", "Ash Carter"),
        ("Hillary Clinton", "Bill Clinton"),
    ],
)
def test_another_given_name_is_another_person(matcher: NameMatcher, a: str, b: str) -> None:
    assert not clears(matcher, "Person", a, b)


def test_hillary_and_bill_align_part_for_part_but_score_below_the_lower_bar(matcher: NameMatcher) -> None:
    # logic-v2 pairs the two given names as a fuzzy match scoring 0.00: the alignment is "full", the
    # lower bar applies, and the score (0.5) stays under it
    match = matcher.compare_names("Hillary Clinton", "Bill Clinton", "Person")
    assert bar("Person", THRESHOLDS["Person"], match) == FULLY_ALIGNED
    assert match.score < FULLY_ALIGNED


def test_a_bare_surname_clears_the_bar_against_a_full_name(matcher: NameMatcher) -> None:
    # which is why full names meet only full names (full_names) and near-equal candidates need a
    # far more reported winner (pick)
    assert clears(matcher, "Person", "Trump", "Donald Trump")
    assert clears(matcher, "Person", "Dmitriev", "Kirill Dmitriev")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Rosneft", "Rosneft Oil Company"),
        ("Sberbank", "Sberbank of Russia"),
        ("Gazprom PJSC", "Gazprom"),
        ("VTB Bank", "VTB"),
    ],
)
def test_an_organisation_with_a_word_more_stays_apart(matcher: NameMatcher, a: str, b: str) -> None:
    # the organisation bar (0.85) is above logic-v2's score for a name with a legal form, a generic
    # word or a country more: the exact key (a folded name) or an alias joins those
    assert not clears(matcher, "Organization", a, b)


def test_the_lower_bar_is_for_persons_only() -> None:
    aligned = NameMatch(
        0.7,
        "['gaz'≈'gas' fuzzyMatch: 0.70, weight 1.00] ['prom'≈'prom' symbolMatch [X:Y]: 1.00, weight 1.00]",
    )
    assert bar("Person", THRESHOLDS["Person"], aligned) == FULLY_ALIGNED
    assert bar("Organization", THRESHOLDS["Organization"], aligned) == THRESHOLDS["Organization"]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Dmitriyev", "Kirill Dmitriev", True),  # one edit in nine letters
        ("Stephen Whitkof", "Steve Witkoff", True),
        ("Кирилл Дмитриев", "Kirill Dmitriev", True),  # compared in Latin letters
        ("RDIF", "Russian Direct Investment Fund", True),  # initials
        ("Ash Carter", "Bruce Ash", True),  # a shared word: logic-v2 decides
        ("The Times", "The Sun", False),  # only a stop word shared
        # a stop word of four letters or more is no shared word, but still within no edits of itself
        ("Bank of Russia", "Bank of China", True),
        ("Putin", "Peskov", False),
        ("Li", "Lee", False),  # short words are not fuzzy variants
        ("", "Putin", False),
    ],
)
def test_plausible_pairs(a: str, b: str, expected: bool) -> None:
    assert plausible(a, b) is expected
    assert plausible(b, a) is expected


def test_full_names_meet_only_full_names() -> None:
    assert full_names(["Hillary Clinton", "Clinton"], ["Bill Clinton", "Clinton"]) == (
        ["Hillary Clinton"],
        ["Bill Clinton"],
    )
    # a person known by one word keeps it, and meets the full name through it
    assert full_names(["Putin"], ["Vladimir Putin", "Putin"]) == (["Putin"], ["Vladimir Putin", "Putin"])
    assert full_names(["Vladimir Putin"], ["Putin"]) == (["Vladimir Putin"], ["Putin"])


def test_a_close_runner_up_needs_a_far_more_reported_winner() -> None:
    donald = (0.8333, "donald-trump", "'Trump' ~ 'Donald Trump'")
    eric = (0.8, "eric-trump", "'Trump' ~ 'Eric Trump'")
    assert pick([eric, donald], {"donald-trump": 9, "eric-trump": 3}.__getitem__) == donald  # 9 to 3
    assert pick([eric, donald], {"donald-trump": 8, "eric-trump": 3}.__getitem__) is None  # not 3 times
    assert pick([donald], {}.__getitem__) == donald  # alone: nothing to ask
    assert pick([], {}.__getitem__) is None


def test_a_runner_up_further_than_close_is_not_asked_about() -> None:
    asked: list[str] = []

    def articles(entity_id: str) -> int:
        asked.append(entity_id)
        return 0

    kirill, vladimir = (0.95, "kirill-dmitriev", ""), (0.89, "vladimir-dmitriev", "")
    assert pick([vladimir, kirill], articles) == kirill and asked == []


def test_on_equal_scores_only_the_later_id_can_win_by_its_articles() -> None:
    # equal scores rank by id, the later first, and only the first ranked is asked to dominate: a far
    # more reported Donald Trump does not take a bare "Trump" from an Eric Trump who ranks first
    donald, eric = (1.0, "donald-trump", ""), (1.0, "eric-trump", "")
    assert pick([donald, eric], {"donald-trump": 30, "eric-trump": 2}.__getitem__) is None
    assert pick([donald, eric], {"donald-trump": 3, "eric-trump": 9}.__getitem__) == eric
