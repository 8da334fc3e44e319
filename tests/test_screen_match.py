"""Screening names against the OFAC SDN list of 2024-05-03: variants, namesakes, types, speed.

Expected entries were looked up in the CSV by hand (``grep``): 34336 is "DMITRIEV, Kirill
Aleksandrovich", 37007 "DMITRIEV, Vladimir Aleksandrovich", 34036 "RUSSIAN DIRECT INVESTMENT FUND"
(a.k.a. RDIF), 17018 "PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA", 17013 "VTB BANK PUBLIC JOINT
STOCK COMPANY", 18721 "VTB BANK BELARUS ...", 35096 "PUTIN, Vladimir Vladimirovich".
"""

from __future__ import annotations

from datetime import date

import pytest

from dealgraph.screen.bench import capitalised_runs, corpus_texts, run_bench, sample_names
from dealgraph.screen.index import ScreeningIndex
from dealgraph.screen.loaders import read_list
from dealgraph.screen.records import ScreeningHit
from tests.conftest import SHARED, need

SDN_2024 = SHARED / "data" / "sanctions" / "us_ofac_sdn" / "sdn-2024-05-03.csv"
POLNEAR = SHARED / "data" / "corpus" / "polnear" / "polnear-train.jsonl"


@pytest.fixture(scope="session")
def sdn() -> ScreeningIndex:
    index = ScreeningIndex.from_entries(read_list(need(SDN_2024), "ofac-sdn"), date(2024, 5, 3))
    index.screen("warm up")
    return index


def ids(hits: list[ScreeningHit]) -> list[str]:
    return [hit.entry_id for hit in hits]


@pytest.mark.parametrize(
    "name", ["Kirill Dmitriyev", "Кирилл Дмитриев", "Kiril Dmitriev", "Dmitriev Kirill", "K. Dmitriev"]
)
def test_spellings_and_scripts_find_the_person(sdn: ScreeningIndex, name: str) -> None:
    hits = sdn.screen(name, "Person")
    assert ids(hits)[:1] == ["34336"], hits
    assert hits[0].score >= 0.75


def test_hit_carries_its_evidence(sdn: ScreeningIndex) -> None:
    (hit,) = sdn.screen("Kirill Dmitriyev", "Person")
    assert hit.matched_name == "Kirill DMITRIEV" and hit.name == "DMITRIEV, Kirill Aleksandrovich"
    assert hit.programs == ("RUSSIA-EO14024",) and hit.listed_from == date(2024, 5, 3)
    assert hit.relation == "listed" and hit.dataset == "us_ofac_sdn"
    text = hit.explanation
    for part in ("us_ofac_sdn entry 34336", "our form of", "dmitriyev ~ dmitriev", "RUSSIA-EO14024"):
        assert part in text, text
    assert "NAME:Q" not in text  # rigour's symbol ids are rewritten for readers


def test_namesakes_sharing_a_surname_are_not_hits(sdn: ScreeningIndex) -> None:
    assert ids(sdn.screen("Vladimir Dmitriev", "Person")) == ["37007"]  # another listed Dmitriev
    assert sdn.screen("Dmitriev", "Person") == []  # a surname alone identifies nobody
    assert "34336" not in ids(sdn.screen("Anton Dmitriev", "Person"))
    assert "35096" not in ids(sdn.screen("Igor Putin", "Person"))


def test_types_are_kept_apart(sdn: ScreeningIndex) -> None:
    assert sdn.screen("Kirill Dmitriev", "Organization") == []
    assert sdn.screen("Russian Direct Investment Fund", "Person") == []
    assert ids(sdn.screen("Kirill Dmitriev", None)) == ["34336"]  # unknown type: both kinds
    assert sdn.screen("Kirill Dmitriev", "Location") == []  # not screened


def test_organisations_by_name_and_acronym(sdn: ScreeningIndex) -> None:
    assert ids(sdn.screen("Russian Direct Investment Fund", "Organization")) == ["34036"]
    (hit,) = sdn.screen("RDIF", "Organization")
    assert hit.entry_id == "34036" and hit.matched_name == "RDIF" and "(an alias)" in hit.explanation


def test_subsidiaries_are_other_organisations(sdn: ScreeningIndex) -> None:
    """The parent is found; listed subsidiaries named after it ("SBERBANK CAPITAL", "VTB BANK
    BELARUS") are other organisations and no hits for the parent's name."""
    sber = ids(sdn.screen("Sberbank", "Organization"))
    assert "17018" in sber
    assert not {"18669", "18708", "18709"} & set(sber)  # Sberbank Capital, Investments, Leasing
    vtb = ids(sdn.screen("VTB Bank", "Organization"))
    assert "17013" in vtb and "18721" not in vtb


def test_linked_parties_only_on_request(sdn: ScreeningIndex) -> None:
    assert {h.relation for h in sdn.screen("Vladimir Putin", "Person")} == {"listed"}
    hits = sdn.screen("Vladimir Putin", "Person", include_linked=True, limit=50)
    linked = [h for h in hits if h.relation == "linked"]
    assert "37444" in ids(linked)  # the yacht GRACEFUL, "Linked To: PUTIN, Vladimir Vladimirovich"
    assert all("is linked to" in h.explanation for h in linked)


def test_one_word_aliases_are_weak(sdn: ScreeningIndex) -> None:
    """OFAC gives entry 8150 the one-word a.k.a. 'ROMANA': only that word itself matches it."""
    assert "8150" not in ids(sdn.screen("La Romana"))
    assert "8150" in ids(sdn.screen("Romana", "Person"))


def test_threshold_is_a_parameter(sdn: ScreeningIndex) -> None:
    assert sdn.screen("Kirill Dmitriyev", "Person", threshold=0.99) == []  # a variant spelling: < 1.0
    loose = sdn.screen("Kirill Dmitriyev", "Person", threshold=0.5)
    assert "34336" in ids(loose) and all(hit.score >= 0.5 for hit in loose)


def test_a_relative_sharing_the_surname_is_no_hit_at_any_threshold(sdn: ScreeningIndex) -> None:
    """The surname agrees, the first given name does not: another member of the family."""
    assert "34336" not in ids(sdn.screen("Vladimir Dmitriev", "Person", threshold=0.5))
    assert "35096" not in ids(sdn.screen("Lyudmila Putina", "Person", threshold=0.5))


def test_entity_screening_skips_one_word_person_names(sdn: ScreeningIndex) -> None:
    from dealgraph.screen.entities import screen_names

    assert screen_names(sdn, ["Putin", "Vladimir Putin"], "Person", []) != []
    assert screen_names(sdn, ["Putin"], "Person", []) == []  # "Putin" alone: another Putin for all we know


def test_short_words_are_not_fuzzy_variants() -> None:
    from dealgraph.names.matching import Step
    from dealgraph.screen.coverage import short_fuzzy

    assert short_fuzzy([Step("fuzzyMatch", ("law",), ("lo",), 0.6)])
    assert short_fuzzy([Step("fuzzyMatch", ("jon",), ("yun",), 0.7)])
    assert not short_fuzzy([Step("fuzzyMatch", ("dmitriyev",), ("dmitriev",), 0.9)])
    assert not short_fuzzy([Step("literalMatch", ("kim",), ("kim",), 1.0)])
    assert not short_fuzzy([Step("symbolMatch", ("bob",), ("robert",), 0.9)])


def test_bench_run_on_news_names(sdn: ScreeningIndex) -> None:
    # Speed is measured by scripts/bench_screen.py (BENCHMARKS.md), not asserted here: this checks that
    # the benchmark times both the screening and the bare matcher on the same candidate pairs.
    names = sample_names(sdn, corpus_texts(need(POLNEAR)), 400)
    assert len(set(names)) > 350
    result = run_bench(sdn, names)
    assert result.pairs > len(names) and result.matcher_seconds > 0  # both timings on the same pairs
    assert 0.05 < result.names_with_hits / result.names < 0.3  # 10 % are list names in news form


def test_capitalised_runs() -> None:
    runs = capitalised_runs(["In Moscow, Kirill Dmitriev met The White House envoy.", "As Igor Sechin said"])
    assert runs == ["Kirill Dmitriev", "White House", "Igor Sechin"]
