"""Grades of screening hits (exact / strong / possible, from what matched) and the one rule that says a
party is listed; the programmes a country's name names. Invented names and alignments: no list needed,
so these stay in the fast suite."""

from __future__ import annotations

from datetime import date

from dealgraph.store.brief_reads import countries_named


def test_is_listed_needs_an_exact_or_strong_grade() -> None:
    from dealgraph.screen.grades import is_listed, status
    from dealgraph.screen.records import ScreeningHit

    hit = ScreeningHit(
        "q", "d", "1", "Person", "N", "N", 0.75, "", listed_from=date(2024, 5, 3), grade="possible"
    )
    assert not is_listed(hit, None) and status(hit) == "to review"
    strong = ScreeningHit(
        "q", "d", "1", "Person", "N", "N", 0.9, "", listed_from=date(2024, 5, 3), grade="strong"
    )
    assert is_listed(strong, None) and not is_listed(strong, date(2024, 5, 2))
    old = ScreeningHit("q", "d", "1", "Person", "N", "N", 0.75, "", listed_from=date(2024, 5, 3))  # no grade
    assert not is_listed(old, None)


def test_grade_from_the_alignment() -> None:
    from dealgraph.names.matching import Step
    from dealgraph.screen.grades import grade_hit

    same = [Step("literalMatch", ("kirill",), ("kirill",), 1.0)]
    assert grade_hit(same, 1.0) == "exact"
    assert grade_hit(same, 1.0, weak=True) == "possible"
    variant = [*same, Step("symbolMatch", ("dmitry",), ("dmitriy",), 0.9)]
    assert grade_hit(variant, 0.95) == "strong"
    loose = [*same, Step("fuzzyMatch", ("yarosh",), ("jarosh",), 0.69)]
    assert grade_hit(loose, 0.9) == "possible"
    extra = [*same, Step("extraQueryPart", ("ivanov",), None, 0.0)]
    assert grade_hit(extra, 0.9) == "possible"
    # Two given names matched by a known variant and an 0.80 spelling: not strong (PolNeAR check).
    korean = [
        Step("symbolMatch", ("sun",), ("chol",), 0.9),
        Step("literalMatch", ("park",), ("park",), 1.0),
        Step("fuzzyMatch", ("yong",), ("pyong",), 0.8),
    ]
    assert grade_hit(korean, 0.91) == "possible"
    # A similar spelling next to a listed word left over: part of a compound name, not strong.
    compound = [
        Step("literalMatch", ("nasser",), ("nasser",), 1.0),
        Step("fuzzyMatch", ("abdullah",), ("abdul",), 0.85),
        Step("extraResultPart", ("karim",), None, 0.0),
    ]
    assert grade_hit(compound, 0.86) == "possible"
    close = [*same, Step("fuzzyMatch", ("khattala",), ("khattalah",), 0.89)]
    assert grade_hit(close, 0.95) == "strong"
    patronymic = [*same, Step("extraResultPart", ("sergeyevich",), None, 0.0)]
    assert grade_hit(patronymic, 0.92) == "strong"


def test_a_programme_names_the_country_of_its_longest_name() -> None:
    assert countries_named("SUDAN-EO14098") == {"sd"}
    assert countries_named("SOUTH SUDAN") == {"ss"}  # not Sudan as well
    assert countries_named("CAATSA - RUSSIA") == {"ru"} == countries_named("Russia")
    assert countries_named("RUSSIA-EO14024") == {"ru"} and countries_named("CYBER2") == set()
