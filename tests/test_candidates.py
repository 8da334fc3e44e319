"""Candidate mentions on Docs built from words and labels (spaCy's habit), so that a model upgrade tells
a rule change from a parse change: titles swallowed by a name, names cut at a particle."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc, Span

from dealgraph.extract.candidates import _join_particles, _portfolios, _title_tail

TITLES = frozenset({"minister", "secretary", "spokesman", "ceo", "president"})
PHRASES = TITLES | {"foreign minister", "energy minister", "secretary of state", "deputy minister"}


VOCAB = English().vocab  # with English lexical attributes (is_title, is_lower)


def doc_of(text: str) -> Doc:
    return Doc(VOCAB, words=text.split())


def test_portfolio_words_come_from_multiword_titles() -> None:
    assert _portfolios(frozenset(PHRASES), TITLES) == {"foreign", "energy"}  # "deputy" is no portfolio


def test_a_name_gives_back_the_title_it_swallowed() -> None:
    portfolios = _portfolios(frozenset(PHRASES), TITLES)

    def cut(text: str, start: int, end: int) -> str:
        doc = doc_of(text)
        s, e = _title_tail(doc, start, end, TITLES, frozenset(PHRASES), portfolios)
        return doc[s:e].text

    assert cut("Kremlin Spokesman Ivan Rudin said", 0, 2) == "Kremlin"
    assert cut("U.S. Energy Secretary Kai Lund said", 0, 2) == "U.S."
    assert cut("Foreign Minister Kai Lund said", 0, 1) == ""
    assert cut("the Secretary of State Kai Lund said", 3, 4) == ""
    # a name that ends in a title word and names no one after it keeps it
    assert cut("the Office of the President said", 1, 5) == "Office of the President"
    assert cut("Acme Energy said", 0, 2) == "Acme Energy"


def test_a_name_cut_at_a_particle_runs_on() -> None:
    doc = doc_of("President Anna von der Berg said")
    ents = _join_particles(doc, [Span(doc, 1, 4, label="PERSON"), Span(doc, 4, 5, label="GPE")])
    assert [(e.text, e.label_) for e in ents] == [("Anna von der Berg", "PERSON")]


def test_the_modifier_letter_apostrophe_is_a_possessive(extractor: object) -> None:
    nlp = extractor.nlp  # type: ignore[attr-defined]
    doc = nlp("Hans Brandt\u02bcs plan was rejected.")
    assert [t.text for t in doc][:3] == ["Hans", "Brandt", "\u02bcs"]
    assert doc[2].norm_ == "'s"


WRAPPED = """OSLO, March 3 - Norway's sovereign wealth fund said on Monday
it would sell its stakes in two Chilean miners after a review
of their lithium projects in the Atacama desert found breaches
of its ethical guidelines.
The fund, which owns about 1.5% of all listed shares in the
world, said the sale would be completed by the end of the
quarter and that Codelco had been told of the decision
in a letter.
Chile's government did not reply to a request for
comment on the sale, which follows a year of talks.
"""


def test_hard_wrapped_text_keeps_its_sentences_whole(extractor: object) -> None:
    from dealgraph.extract.nlp import hard_wrapped

    assert hard_wrapped(WRAPPED)
    assert not hard_wrapped("Headline of a story\nA paragraph that ends.\nAnother one that ends.\n" * 3)
    doc = extractor.nlp(WRAPPED)  # type: ignore[attr-defined]
    starts = [s.text.split()[0] for s in doc.sents]
    assert starts == ["OSLO,", "The", "Chile's"], starts


def test_a_committee_is_no_portfolio() -> None:
    titles = frozenset({*TITLES, "chairman"})
    phrases = frozenset({*PHRASES, "committee chairman"})
    doc = doc_of("Republican National Committee Chairman Reince Priebus said")
    start, end = _title_tail(doc, 0, 4, titles, phrases, _portfolios(phrases, titles))
    assert doc[start:end].text == "Republican National Committee"


def test_a_hyphen_after_an_abbreviation_splits_from_a_word(extractor: object) -> None:
    nlp = extractor.nlp  # type: ignore[attr-defined]
    assert [t.text for t in nlp("the U.S.-sanctioned tanker")] == ["the", "U.S.", "-", "sanctioned", "tanker"]
    assert [t.text for t in nlp("the U.S.-Russian talks")][
        1
    ] == "U.S.-Russian"  # a name: one token, as before


EXIT_WRAPPED = """OSLO, March 3 - Nestle took an impairment charge of $1.2 billion
on Monday to exit its Chilean business after a review of its
lithium projects in the Atacama desert found breaches of its
ethical guidelines, the company said in a statement.
Nestle had held stakes in two lithium miners in Chile since
2019 and had planned to expand them before the review began.
The company said the sale of the stakes would be completed by
the end of the quarter and that both buyers had been told.
"""


def test_in_wrapped_text_a_wrap_is_no_paragraph_break(extractor: object) -> None:
    from dealgraph.model import Article

    article = Article(id="w", source="test", text=EXIT_WRAPPED, raw=EXIT_WRAPPED, content_hash="w", lang="en")
    extraction = extractor.extract(article)  # type: ignore[attr-defined]
    names = {e.key: e.name for e in extraction.entities}
    exits = [
        {a.role: names.get(a.entity or "") for a in ev.args} for ev in extraction.events if ev.type == "EXIT"
    ]
    # the object of "exit" sits on the next line of the wrap, in the same paragraph
    assert {"agent": "Nestlé", "place": "Chile"} in exits, exits


NAME_WRAPPED = """LIMA, May 4 - Peruvian President Ana Lucia
Gonzalez on Monday signed a decree that could let foreign miners,
including Canada's First Quantum, return to the Tia Maria copper
project after a review of its water use in the Arequipa region.
The decree follows talks in Lima last month, and Gonzalez said her
government wanted investment back within a year of the review,
which found no breach of the rules that had stopped the project.
First Quantum did not immediately reply to a request for comment.
"""


def test_a_name_wrapped_over_two_lines_is_one_name(extractor: object) -> None:
    from dealgraph.model import Article

    article = Article(id="n", source="test", text=NAME_WRAPPED, raw=NAME_WRAPPED, content_hash="n", lang="en")
    extraction = extractor.extract(article)  # type: ignore[attr-defined]
    people = {e.name for e in extraction.entities if e.type == "Person"}
    assert "Ana Lucia Gonzalez" in people, people
    doc = extractor.nlp(NAME_WRAPPED)  # type: ignore[attr-defined]
    assert len(doc.text) == len(NAME_WRAPPED) and doc.user_data["wrapped_text"] == NAME_WRAPPED


def test_a_footnote_mark_is_no_part_of_a_name(extractor: object) -> None:
    nlp = extractor.nlp  # type: ignore[attr-defined]
    doc = nlp("The team will include CIF chief Ana Holm.[2] Officials confirmed it.[3]")
    assert [t.text for t in doc][7:11] == ["Holm", ".", "[2]", "Officials"]
    assert "Ana Holm" in [e.text for e in doc.ents]


def test_a_plan_named_by_its_number_of_points_is_a_project(extractor: object) -> None:
    from dealgraph.model import Article

    text = "The talks resulted in a 12-point peace plan. Chile rejected the 12-point peace plan on Monday."
    article = Article(id="p", source="test", text=text, raw=text, content_hash="p", lang="en")
    projects = {e.name for e in extractor.extract(article).entities if e.type == "Project"}  # type: ignore[attr-defined]
    assert projects == {"12-point peace plan"}, projects
