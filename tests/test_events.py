"""Event extraction on sentences written for these tests: one or more per type, covering active and
passive voice, coordination, apposition, nominal triggers, negation, hedges and reported speech."""

from __future__ import annotations

import re
from typing import Any

import pytest

from dealgraph.model import Article


def events_of(extractor: Any, text: str) -> list[tuple[str, dict[str, Any], str, str | None]]:
    article = Article(id="t", source="test", text=text, raw=text, content_hash="t", lang="en")
    ex = extractor.extract(article)
    names = {e.key: {e.name, *(m.text for m in e.mentions)} for e in ex.entities}
    result = []
    for ev in ex.events:
        args: dict[str, Any] = {}
        for a in ev.args:
            if a.entity:
                args.setdefault(a.role, set()).update(names[a.entity])
            elif a.text:
                args[a.role] = a.text
        source = sorted(names[ev.source], key=len)[-1] if ev.source else None
        result.append((ev.type, args, ev.modality, source))
    return result


def find(
    events: list[tuple[str, dict[str, Any], str, str | None]], kind: str, **roles: str
) -> tuple[str, dict[str, Any], str, str | None]:
    for event in events:
        if event[0] == kind and all(v in event[1].get(r, set()) for r, v in roles.items()):
            return event
    raise AssertionError(f"no {kind} {roles} in {events}")


CASES = [
    # (sentence, type, roles, modality, source)
    (
        "Gazprom proposed a new pipeline deal to China last week.",
        "PROPOSE",
        {"agent": "Gazprom", "recipient": "China"},
        "asserted",
        None,
    ),
    (
        "Moscow offered Washington access to rare earth deposits.",
        "PROPOSE",
        {"agent": "Russia", "recipient": "United States"},
        "asserted",
        None,
    ),
    (
        # what someone is asked to do is planned, not done (the dev set's convention: "asked X to lift")
        "Lukoil, Gazprom and Rosneft were asked to prepare proposals for Washington.",
        "PROPOSE",
        {"agent": "Rosneft", "recipient": "United States"},
        "planned",
        None,
    ),
    (
        "India is negotiating with Russia over oil supplies.",
        "NEGOTIATE",
        {"agent": "India", "counterpart": "Russia"},
        "asserted",
        None,
    ),
    (
        "Talks between Turkey and Ukraine resumed on Monday.",
        "NEGOTIATE",
        {"agent": "Turkey", "counterpart": "Ukraine"},
        "asserted",
        None,
    ),
    ("Erdogan met Vladimir Putin in Sochi.", "MEET", {"counterpart": "Vladimir Putin"}, "asserted", None),
    (
        "Germany and France signed an agreement with Poland.",
        "AGREE",
        {"agent": "Germany", "counterpart": "Poland"},
        "asserted",
        None,
    ),
    (
        # a source's "may" is hedged, the source kept (GUIDELINES §5 as the dev set settled it)
        "Exxon may invest in the Sakhalin-1 project, Reuters reported.",
        "INVEST",
        {"agent": "Exxon"},
        "hedged",
        "Reuters",
    ),
    (
        "China and Brazil will cooperate on the new railway.",
        "COOPERATE",
        {"agent": "China", "counterpart": "Brazil"},
        "planned",
        None,
    ),
    (
        "The European Union imposed sanctions on Sberbank.",
        "SANCTION",
        {"agent": "European Union", "target": "Sberbank"},
        "asserted",
        None,
    ),
    (
        "Sberbank was sanctioned by the United Kingdom in 2022.",
        "SANCTION",
        {"agent": "United Kingdom", "target": "Sberbank"},
        "asserted",
        None,
    ),
    ("Belgium froze assets of the Central Bank of Russia.", "FREEZE", {"agent": "Belgium"}, "asserted", None),
    (
        "Naftogaz filed a lawsuit against Gazprom in a Dutch court.",
        "SUE",
        {"agent": "Naftogaz", "target": "Gazprom"},
        "asserted",
        None,
    ),
    (
        "Poland strongly criticized Hungary over the vote.",
        "OPPOSE",
        {"agent": "Poland", "target": "Hungary"},
        "asserted",
        None,
    ),
    ("Renault left Russia in 2022.", "EXIT", {"agent": "Renault", "place": "Russia"}, "asserted", None),
    (
        "Alexey Miller, the chief executive of Gazprom, spoke in Vienna.",
        "ROLE",
        {"agent": "Alexey Miller", "target": "Gazprom"},
        "asserted",
        None,
    ),
    (
        "German Chancellor Olaf Scholz said Germany would keep its embassy in Kyiv.",
        "ROLE",
        {"agent": "Olaf Scholz", "target": "Germany"},
        "asserted",
        None,
    ),
]


@pytest.mark.parametrize("text,kind,roles,modality,source", CASES)
def test_event_cases(
    extractor: Any, text: str, kind: str, roles: dict[str, str], modality: str, source: str | None
) -> None:
    event = find(events_of(extractor, text), kind, **roles)
    assert event[2] == modality
    assert event[3] == source


def test_negated_talks_are_denied(extractor: Any) -> None:
    events = events_of(extractor, "Japan has not negotiated with North Korea, the ministry said.")
    assert find(events, "NEGOTIATE", agent="Japan")[2] == "denied"


def test_hedge_marks_reportedly(extractor: Any) -> None:
    events = events_of(extractor, "Qatar reportedly offered Iran a new gas deal.")
    assert find(events, "PROPOSE", agent="Qatar")[2] == "hedged"


def test_according_to_names_the_source(extractor: Any) -> None:
    events = events_of(extractor, "According to Bloomberg, Saudi Arabia met Russia in Riyadh.")
    event = find(events, "MEET", agent="Saudi Arabia")
    assert (event[2], event[3]) == ("reported", "Bloomberg")


def test_lifting_sanctions_has_lift_polarity(extractor: Any) -> None:
    text = "The United States lifted sanctions on Belarus."
    article = Article(id="t", source="test", text=text, raw=text, content_hash="t", lang="en")
    events = [e for e in extractor.extract(article).events if e.type == "SANCTION"]
    assert events and events[0].polarity == "lift"


def test_no_event_without_two_roles(extractor: Any) -> None:
    assert [e for e in events_of(extractor, "Talks resumed on Monday.") if e[0] == "NEGOTIATE"] == []


# General patterns added for recall; every sentence here is written for these tests.
RECALL_CASES = [
    # a title phrase and a name parsed as two subjects: the name nearest the verb is the agent
    (
        "Head of Saudi Aramco Amin Nasser has offered India a stake in a new refinery.",
        "PROPOSE",
        {"agent": "Amin Nasser", "recipient": "India"},
        "asserted",
        None,
    ),
    # a giving verb with coordinated first objects: each is a recipient
    (
        "Gazprom offered Serbia and Hungary a discount on gas.",
        "PROPOSE",
        {"agent": "Gazprom", "recipient": "Hungary"},
        "asserted",
        None,
    ),
    # "a stake in X from Y": the "from" phrase hangs on X in the parse but names the seller
    (
        "The Tengiz project is Kazakhstan's largest oil field. "
        "Chevron is negotiating to acquire a 5% stake in the project from Lukoil.",
        "INVEST",
        {"agent": "Chevron", "target": "Tengiz project", "seller": "Lukoil"},
        "asserted",
        None,
    ),
    # negotiating to acquire something from Y: Y is the other side of the talks, X what they are about
    (
        "The Tengiz project is Kazakhstan's largest oil field. "
        "Chevron is negotiating to acquire a 5% stake in the project from Lukoil.",
        "NEGOTIATE",
        {"agent": "Chevron", "counterpart": "Lukoil", "project": "Tengiz project"},
        "asserted",
        None,
    ),
    # "an interest in working with Y": a proposal by whoever states it, in the article's own voice
    (
        "Tata Motors has stated an interest in working with Boeing on the new drone programme.",
        "PROPOSE",
        {"agent": "Tata Motors", "recipient": "Boeing"},
        "asserted",
        None,
    ),
    # proxies through proxies and coordinated owners: "Belarusian court rulings", "owners of A and B's ..."
    (
        "Belarus has tightened control over foreign firms. Recent Belarusian court rulings, including the "
        "confiscation of assets from the owners of Carlsberg and Heineken's factories, alarmed investors.",
        "FREEZE",
        {"agent": "Belarus", "target": "Heineken"},
        "asserted",
        None,
    ),
    # "the two countries": the last two states named
    (
        "Talks between Brazil and Argentina have raised hopes for closer cooperation "
        "between the two countries.",
        "COOPERATE",
        {"agent": "Brazil", "counterpart": "Argentina"},
        "planned",
        None,
    ),
    # '"...", said X' parsed as a coordinated clause still names the source
    (
        "China is not negotiating with Japan yet - said Foreign Ministry spokesman Wang Wenbin.",
        "NEGOTIATE",
        {"agent": "China", "counterpart": "Japan"},
        "denied",
        "Wang Wenbin",
    ),
    # a caption run into the next paragraph: the name in apposition on the trigger's line is the subject
    (
        "Photo: Sergei Ilnitsky / EPA\nThe Kremlin wants to interest Chancellor Olaf Scholz in a gas deal.",
        "PROPOSE",
        {"agent": "Kremlin", "recipient": "Olaf Scholz"},
        "planned",
        None,
    ),
    # a caption fragment: names the phrase hangs on meet
    (
        "Angela Merkel and Emmanuel Macron at a meeting in Berlin.",
        "MEET",
        {"agent": "Angela Merkel", "counterpart": "Emmanuel Macron"},
        "asserted",
        None,
    ),
]


@pytest.mark.parametrize("text,kind,roles,modality,source", RECALL_CASES)
def test_recall_cases(
    extractor: Any, text: str, kind: str, roles: dict[str, str], modality: str, source: str | None
) -> None:
    event = find(events_of(extractor, text), kind, **roles)
    assert event[2] == modality
    assert event[3] == source


def test_transfer_in_is_no_target(extractor: Any) -> None:
    # "50 billion euros in frozen Russian assets": what is moved, not where it goes
    text = (
        "Russia protested. The European Union plans to transfer 50 billion euros in frozen Russian assets "
        "to Ukraine."
    )
    event = find(events_of(extractor, text), "INVEST", agent="European Union", target="Ukraine")
    assert "Russia" not in event[1]["target"]


def test_no_argument_across_a_line_break(extractor: Any) -> None:
    # a headline without a full stop run into the next line by the parser: its subject meets no one
    text = "Oil prices slump as Brent falls below 60 dollars\nChina and India at a meeting in Delhi."
    assert not [
        e for e in events_of(extractor, text) if e[0] == "MEET" and "Brent" in e[1].get("agent", set())
    ]


def test_no_source_across_a_line_break(extractor: Any) -> None:
    text = "Exports slow down, said Reuters\nPoland is negotiating with Lithuania over a new power line."
    event = find(events_of(extractor, text), "NEGOTIATE", agent="Poland", counterpart="Lithuania")
    assert (event[2], event[3]) == ("asserted", None)


def test_interest_alone_is_no_proposal(extractor: Any) -> None:
    # only an interest in working with someone is a proposal, not an interest in a market
    text = "Tata Motors has stated an interest in the Brazilian market."
    assert [e for e in events_of(extractor, text) if e[0] == "PROPOSE"] == []


# Precision rules for text outside the deal domain; every sentence here is written for these tests.


def _only(events: list[tuple[str, dict[str, Any], str, str | None]], kind: str) -> list[Any]:
    return [e for e in events if e[0] == kind]


# 1. Attribution: a reporting verb makes an event reported only when the trigger is in what it governs.
ATTRIBUTION_CASES = [
    # an apposition inside reported words is the article's own description ...
    (
        "Helsinki Radio reported that Ingrid Solberg, chairwoman of Ericsson, met Tomas Varga in Oslo.",
        "ROLE",
        {"agent": "Ingrid Solberg", "target": "Ericsson"},
        "asserted",
        None,
    ),
    # ... while the event in the complement clause is reported
    (
        "Helsinki Radio reported that Ingrid Solberg, chairwoman of Ericsson, met Tomas Varga in Oslo.",
        "MEET",
        {"agent": "Ingrid Solberg", "counterpart": "Tomas Varga"},
        "reported",
        "Helsinki Radio",
    ),
    # a title before the name, inside a speaker's clause
    (
        "Tomas Varga said Volvo chairwoman Ingrid Solberg had met Maersk in Oslo.",
        "ROLE",
        {"agent": "Ingrid Solberg", "target": "Volvo"},
        "asserted",
        None,
    ),
    # the speaker's own apposition
    (
        "Ingrid Solberg, chairwoman of Ericsson, said that the company was growing.",
        "ROLE",
        {"agent": "Ingrid Solberg", "target": "Ericsson"},
        "asserted",
        None,
    ),
    # a role that is itself the content of the speech verb's clause is reported
    (
        "Reuters said that Ingrid Solberg is the chief executive of Ericsson.",
        "ROLE",
        {"agent": "Ingrid Solberg", "target": "Ericsson"},
        "reported",
        "Reuters",
    ),
    # a clause coordinated with the reporting verb is the article's narration
    (
        "Ingrid Solberg said profits fell and she criticized Tomas Varga for the merger.",
        "OPPOSE",
        {"agent": "Ingrid Solberg", "target": "Tomas Varga"},
        "asserted",
        None,
    ),
    # a second "that" complement is still governed
    (
        "Reuters said that profits fell and that Volvo had criticized Ericsson.",
        "OPPOSE",
        {"agent": "Volvo", "target": "Ericsson"},
        "reported",
        "Reuters",
    ),
    # "according to" covers its own clause, not a clause beside it
    (
        "Poland criticized Hungary, while Austria, according to Reuters, met Slovakia.",
        "OPPOSE",
        {"agent": "Poland", "target": "Hungary"},
        "asserted",
        None,
    ),
    (
        "Poland criticized Hungary, while Austria, according to Reuters, met Slovakia.",
        "MEET",
        {"agent": "Austria", "counterpart": "Slovakia"},
        "reported",
        "Reuters",
    ),
]


@pytest.mark.parametrize("text,kind,roles,modality,source", ATTRIBUTION_CASES)
def test_attribution_cases(
    extractor: Any, text: str, kind: str, roles: dict[str, str], modality: str, source: str | None
) -> None:
    event = find(events_of(extractor, text), kind, **roles)
    assert (event[2], event[3]) == (modality, source)


def test_abbreviation_is_no_sentence_end(extractor: Any) -> None:
    # "U.S. Secretary" between the trigger and the reporting verb ends no sentence
    events = events_of(extractor, "Norway met U.S. Secretary Ingrid Solberg in Oslo, Reuters said.")
    event = find(events, "MEET", agent="Norway", counterpart="Ingrid Solberg")
    assert (event[2], event[3]) == ("reported", "Reuters")


def test_sentence_end_parts_trigger_and_reporter() -> None:
    from dealgraph.extract.events.modality import SENTENCE_END

    assert SENTENCE_END.search('criticized Volvo in the report." Reuters said')
    assert not SENTENCE_END.search("met U.S. Secretary Solberg and Acme Inc. Chief Varga, Reuters said")


# 2. Trigger senses.
SENSE_POSITIVES = [
    ("Greenpeace challenged Shell in court over the oil spill.", "SUE", {"agent": "Greenpeace"}),
    ("Greenpeace filed a legal challenge against Shell.", "SUE", {"agent": "Greenpeace", "target": "Shell"}),
    ("Canada froze the accounts of Sovcomflot.", "FREEZE", {"agent": "Canada", "target": "Sovcomflot"}),
    ("Ireland suggested a new fishing deal to Portugal.", "PROPOSE", {"agent": "Ireland"}),
    ("Ingrid Solberg visited Lisbon on Monday.", "MEET", {"agent": "Ingrid Solberg"}),
]


@pytest.mark.parametrize("text,kind,roles", SENSE_POSITIVES)
def test_deal_sense_is_kept(extractor: Any, text: str, kind: str, roles: dict[str, str]) -> None:
    find(events_of(extractor, text), kind, **roles)


SENSE_NEGATIVES = [
    # a debate challenge is no lawsuit
    ("Senator Ingrid Solberg challenged Tomas Varga on the budget during the debate.", "SUE"),
    # seizing the floor seizes nothing owned
    ("Labour seized the floor from the Conservatives on Tuesday.", "FREEZE"),
    # "suggest that + clause" implies, it proposes nothing
    ("Ireland suggested that Portugal would be too slow to act.", "PROPOSE"),
    # a progressive relative or participial clause describes a bystander
    ("Ingrid Solberg, who was visiting Lisbon from Sweden, told reporters she liked the city.", "MEET"),
    ("Tourists visiting Lisbon praised Portugal.", "MEET"),
]


@pytest.mark.parametrize("text,kind", SENSE_NEGATIVES)
def test_other_sense_is_no_event(extractor: Any, text: str, kind: str) -> None:
    assert _only(events_of(extractor, text), kind) == []


# 3. What did not happen is denied.
@pytest.mark.parametrize(
    "text,kind,roles",
    [
        ("Austria declined to criticize Hungary.", "OPPOSE", {"agent": "Austria", "target": "Hungary"}),
        ("Austria has avoided directly criticizing Hungary.", "OPPOSE", {"agent": "Austria"}),
        ("Portugal refused to meet Spain in Madrid.", "MEET", {"agent": "Portugal", "counterpart": "Spain"}),
        ("Austria has yet to meet Hungary.", "MEET", {"agent": "Austria", "counterpart": "Hungary"}),
    ],
)
def test_withheld_events_are_denied(extractor: Any, text: str, kind: str, roles: dict[str, str]) -> None:
    assert find(events_of(extractor, text), kind, **roles)[2] == "denied"


def test_failing_elsewhere_denies_nothing(extractor: Any) -> None:
    events = events_of(extractor, "Austria criticized Hungary after failing to win the vote.")
    assert find(events, "OPPOSE", agent="Austria", target="Hungary")[2] == "asserted"


# 4. A future the clause states is planned even when reported; the source stays.
@pytest.mark.parametrize(
    "text,modality",
    [
        ("Spain and Portugal will meet next week, Reuters reported.", "planned"),
        ("Reuters reported that Spain plans to meet Portugal.", "planned"),
        ("Reuters reported that Spain met Portugal last week.", "reported"),
        # a wish a source reports stays its report; a plan or an expectation it reports is planned
        ("Reuters reported that Spain wants to meet Portugal.", "reported"),
        ("Reuters reported that Spain expects to meet Portugal.", "planned"),
    ],
)
def test_future_over_report(extractor: Any, text: str, modality: str) -> None:
    event = find(events_of(extractor, text), "MEET", agent="Spain", counterpart="Portugal")
    assert (event[2], event[3]) == (modality, "Reuters")


# 5. Two different roles.
def test_coordinated_agents_alone_are_no_event(extractor: Any) -> None:
    assert _only(events_of(extractor, "Denmark and Finland proposed a new climate fund."), "PROPOSE") == []
    assert _only(events_of(extractor, "Denmark and Finland opposed higher tariffs."), "OPPOSE") == []


def test_coordinated_agents_with_a_recipient_are_kept(extractor: Any) -> None:
    events = events_of(extractor, "Denmark and Finland proposed a climate fund to Norway.")
    find(events, "PROPOSE", agent="Finland", recipient="Norway")


def test_singular_relative_clause_binds_to_its_noun(extractor: Any) -> None:
    events = events_of(extractor, "Norway and Sweden, which has long opposed Finland, signed the treaty.")
    event = find(events, "OPPOSE", agent="Sweden", target="Finland")
    assert "Norway" not in event[1]["agent"]
    plural = events_of(extractor, "Norway and Sweden, which have long opposed Finland, signed the treaty.")
    find(plural, "OPPOSE", agent="Norway", target="Finland")


# Event time: the trigger's own date, not a reference point elsewhere in the sentence.
@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Chevron signed a supply deal with Kazakhstan on March 3, 2021.", "2021-03-03"),
        ("OSLO, Sept 9, 2024 - Equinor signed an agreement with Poland.", "2024-09-09"),
        ("Olaf Scholz met Emmanuel Macron in Paris on Friday, their first meeting since 2019.", None),
        ("Hungary agreed a gas deal with Qatar in 2023, after talks that began before 2020.", "2023"),
    ],
)
def test_event_time_is_the_triggers_own_date(extractor: Any, text: str, when: str | None) -> None:
    from datetime import date

    article = Article(
        id="t", source="test", text=text, raw=text, content_hash="t", lang="en", published=date(2025, 5, 6)
    )
    events = [e for e in extractor.extract(article).events if e.type != "ROLE"]
    assert events, text
    assert events[0].when == when, (text, [(e.type, e.when) for e in events])


def test_role_title_stops_at_a_conjunction(extractor: Any) -> None:
    text = (
        "Officials from Canada and Japan met in Ottawa. Japanese Trade Minister Yoji Muto spoke first, "
        "while Canadian Foreign Minister Melanie Joly answered questions."
    )
    article = Article(id="t", source="test", text=text, raw=text, content_hash="t", lang="en")
    titles = {a.text for e in extractor.extract(article).events if e.type == "ROLE" for a in e.args if a.text}
    assert "Foreign Minister" in titles and not any("while" in t for t in titles), titles


# 6. Agreement in opinion is no deal: AGREE needs a deal-like complement or an infinitive.
@pytest.mark.parametrize(
    "text",
    [
        "The Danish Bakers Federation agrees with Tomas Varga.",
        "Ingrid Solberg agreed with Tomas Varga that the tax was too high.",
        "Portugal and Spain agree on the importance of cleaner rivers.",
    ],
)
def test_opinion_agreement_is_no_deal(extractor: Any, text: str) -> None:
    assert _only(events_of(extractor, text), "AGREE") == []


@pytest.mark.parametrize(
    "text",
    [
        "Portugal agreed with Spain on a new fishing quota deal.",
        "Portugal and Spain agreed to build a bridge over the river.",
        "Portugal agreed a ceasefire with Spain.",
        "Portugal and Spain agreed on the terms of the loan.",
        "A deal was agreed between Portugal and Spain.",
    ],
)
def test_agreeing_a_deal_is_kept(extractor: Any, text: str) -> None:
    event = find(events_of(extractor, text), "AGREE", agent="Portugal", counterpart="Spain")
    assert event[2] == "asserted"


# 7. A conditional or counterfactual clause asserts nothing: hedged, whoever says it.
@pytest.mark.parametrize(
    "text,kind,roles,source",
    [
        (
            "If Ingrid Solberg had met Tomas Varga earlier, the merger would have closed.",
            "MEET",
            {"agent": "Ingrid Solberg", "counterpart": "Tomas Varga"},
            None,
        ),
        (
            "Had Portugal signed the treaty with Spain, tariffs would have fallen.",
            "AGREE",
            {"agent": "Portugal", "counterpart": "Spain"},
            None,
        ),
        (
            "Unless Portugal meets Spain next week, talks will collapse.",
            "MEET",
            {"agent": "Portugal", "counterpart": "Spain"},
            None,
        ),
        (
            '"If Ingrid Solberg had met Tomas Varga sooner, she would have won," says Lars Holm.',
            "MEET",
            {"agent": "Ingrid Solberg", "counterpart": "Tomas Varga"},
            "Lars Holm",
        ),
    ],
)
def test_conditional_events_are_hedged(
    extractor: Any, text: str, kind: str, roles: dict[str, str], source: str | None
) -> None:
    event = find(events_of(extractor, text), kind, **roles)
    assert (event[2], event[3]) == ("hedged", source)


@pytest.mark.parametrize(
    "text,kind,modality",
    [
        # the condition is on another clause: the trigger's own clause is what it is
        ("Portugal will sign the deal with Spain if prices fall.", "AGREE", "planned"),
        ("Portugal met Spain because the talks had failed.", "MEET", "asserted"),
    ],
)
def test_condition_elsewhere_hedges_nothing(extractor: Any, text: str, kind: str, modality: str) -> None:
    assert find(events_of(extractor, text), kind, agent="Portugal", counterpart="Spain")[2] == modality


# 8. A ROLE target is where the position is held: not a topic, a birthplace or a comparison.
def test_role_target_is_not_a_topic(extractor: Any) -> None:
    events = events_of(extractor, "Lars Holm, an expert on Chile at Columbia University, spoke.")
    roles = _only(events, "ROLE")
    find(events, "ROLE", agent="Lars Holm", target="Columbia University")
    assert not any("Chile" in r[1].get("target", set()) for r in roles), roles
    assert _only(events_of(extractor, "Lars Holm, an expert on Chile, spoke."), "ROLE") == []


def test_role_target_is_not_a_birthplace(extractor: Any) -> None:
    text = "Chile elected a new leader. Lars Holm, a Chilean-born minister, spoke in Chile."
    assert _only(events_of(extractor, text), "ROLE") == []
    text = "Chile elected a new leader. Lars Holm, a Chilean-born minister at Columbia University, spoke."
    events = events_of(extractor, text)
    find(events, "ROLE", agent="Lars Holm", target="Columbia University")
    assert not any("Chile" in r[1].get("target", set()) for r in _only(events, "ROLE"))


def test_since_a_person_holds_no_position(extractor: Any) -> None:
    text = "Varga is the most corrupt candidate for president of Chile since Karel Novak, Holm said."
    roles = _only(events_of(extractor, text), "ROLE")
    assert not any("Karel Novak" in r[1].get("agent", set()) for r in roles), roles


@pytest.mark.parametrize(
    "text,target",
    [
        ("Lars Holm, Chile's ambassador to Peru, spoke.", "Chile"),
        ("Lars Holm, a professor of economics at Columbia University, spoke.", "Columbia University"),
    ],
)
def test_role_targets_still_found(extractor: Any, text: str, target: str) -> None:
    find(events_of(extractor, text), "ROLE", agent="Lars Holm", target=target)


# 9. Denied only when the negation reaches the trigger, not a predicate about the event.
@pytest.mark.parametrize(
    "text,modality",
    [
        ("Ingrid Solberg's meeting with Tomas Varga was not a success.", "asserted"),
        ("On Monday, Ingrid Solberg said her meeting with Tomas Varga was not political.", "reported"),
        ("Portugal did not object when Ingrid Solberg met Tomas Varga.", "asserted"),
        ("The meeting between Ingrid Solberg and Tomas Varga did not take place.", "denied"),
        ("The meeting between Ingrid Solberg and Tomas Varga never happened.", "denied"),
        ("Ingrid Solberg did not meet Tomas Varga.", "denied"),
    ],
)
def test_negation_scope(extractor: Any, text: str, modality: str) -> None:
    event = find(events_of(extractor, text), "MEET", agent="Ingrid Solberg", counterpart="Tomas Varga")
    assert event[2] == modality


def test_negated_object_trigger_is_denied(extractor: Any) -> None:
    event = find(
        events_of(extractor, "Portugal did not sign the deal with Spain."), "AGREE", agent="Portugal"
    )
    assert event[2] == "denied"


# 10. A future seen from the past, or a scheduled nominal event, is planned.
@pytest.mark.parametrize(
    "text,modality,source",
    [
        ("Ingrid Solberg, who was to travel to Lisbon on Friday, spoke.", "planned", None),
        ("Ingrid Solberg was to visit Lisbon in May.", "planned", None),
        ("Ingrid Solberg's planned visit to Lisbon drew protests.", "planned", None),
        ("Ingrid Solberg's scheduled trip to Lisbon was announced, Reuters reported.", "planned", "Reuters"),
        ("Ingrid Solberg's visit to Lisbon drew protests.", "asserted", None),
        ("Ingrid Solberg traveled to Lisbon on Friday.", "asserted", None),
    ],
)
def test_scheduled_events_are_planned(extractor: Any, text: str, modality: str, source: str | None) -> None:
    event = find(events_of(extractor, text), "MEET", agent="Ingrid Solberg", place="Lisbon")
    assert (event[2], event[3]) == (modality, source)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["MEET"].update(symetric=True), "unknown keys ['symetric']"),
        (lambda d: d["MEET"]["slots"].update({"prep_with": ["counterpart"]}), "unknown slot 'prep_with'"),
        (lambda d: d["MEET"]["slots"].update({"prep:with": ["partner"]}), "names role 'partner'"),
        (lambda d: d["MEET"]["roles"].update(place="places"), "unknown group 'places'"),
        (lambda d: d["MEET"]["verbs"]["meet"].update(objects=["x"]), "unknown keys ['objects']"),
        (lambda d: d["types"].update(actor=["Persons"]), "unknown entity types ['Persons']"),
    ],
)
def test_event_data_is_validated_when_it_loads(change: Any, message: str) -> None:
    from dealgraph.exc import ConfigError
    from dealgraph.extract.events.lexicon import package_data, validate_events

    data = package_data("events.yaml")
    validate_events(data)  # the shipped file is valid
    data["MEET"]["verbs"]["meet"] = data["MEET"]["verbs"]["meet"] or {}
    change(data)
    with pytest.raises(ConfigError, match=re.escape(message)):
        validate_events(data)


def test_modality_data_is_validated_when_it_loads() -> None:
    from dealgraph.exc import ConfigError
    from dealgraph.extract.events.lexicon import package_data, validate_modality

    data = package_data("modality.yaml")
    validate_modality(data)
    data["hedged"]["modal"] = ["may"]
    with pytest.raises(ConfigError, match="hedged has unknown keys"):
        validate_modality(data)


@pytest.fixture(scope="module")
def rules_extractor() -> Any:
    from dealgraph.extract.extractor import Extractor

    return Extractor(learned_roles=False)


# General classes found on real articles outside the sample set (issue 11), each on sentences written for
# these tests: (sentence, type, roles that must be filled)
FRAME_CASES = [
    # a nominal trigger takes the phrases of the verb that holds it, and its by-agents
    (
        "Finland's Prime Minister Anna Lind and Chile's President Pablo Soto will hold their summit "
        "in Geneva.",
        "MEET",
        {"party": "Anna Lind", "other": "Pablo Soto", "place": "Geneva"},
    ),
    (
        "The meeting took place in Vienna and was attended by the envoy Marta Ruiz, the banker Omar Haddad "
        "and Ivan Petrov.",
        "MEET",
        {"party": "Marta Ruiz", "other": "Ivan Petrov", "place": "Vienna"},
    ),
    (
        "Portugal was excluded from the talks led by Tom Berg and Ivan Petrov.",
        "NEGOTIATE",
        {"agent": "Tom Berg"},
    ),
    # names joined by a hyphen are the two parties
    (
        "Progress was made at the Spain-Morocco talks in Rabat.",
        "NEGOTIATE",
        {"agent": "Spain", "counterpart": "Morocco"},
    ),
    # "played a role in the talks": the player is a party
    (
        "Ivan Petrov played a leading role in the negotiations with Portugal.",
        "NEGOTIATE",
        {"agent": "Ivan Petrov", "counterpart": "Portugal"},
    ),
    # the place the parties are hung under
    (
        "The meeting in Lisbon between Ivan Petrov and Tom Berg was short.",
        "MEET",
        {"party": "Ivan Petrov", "other": "Tom Berg", "place": "Lisbon"},
    ),
    # states under sanctions, and who the imposed measures are of
    ("The shipowner Rolf Dahl is under EU sanctions.", "SANCTION", {"agent": "EU", "target": "Rolf Dahl"}),
    ("EU sanctions were imposed on Novatek in 2023.", "SANCTION", {"agent": "EU", "target": "Novatek"}),
    (
        "Brazil slapped tariffs on Argentina for buying Iranian oil.",
        "SANCTION",
        {"agent": "Brazil", "target": "Argentina"},
    ),
    # the holder of frozen assets freezes them when no one else is named
    (
        "Most of Venezuela's frozen reserves are blocked at Clearstream.",
        "FREEZE",
        {"agent": "Clearstream", "target": "Venezuela"},
    ),
    # an all-caps title before a name
    (
        "Siemens CEO Roland Busch denied the report.",
        "ROLE",
        {"agent": "Roland Busch", "target": "Siemens"},
    ),
    # group referents for the two parties named before
    (
        "Spain and Morocco met in Rabat on Monday. The two sides discussed a gas pipeline.",
        "NEGOTIATE",
        {"party": "Spain", "other": "Morocco"},
    ),
]


@pytest.mark.parametrize(("text", "kind", "roles"), FRAME_CASES)
def test_general_classes(rules_extractor: Any, text: str, kind: str, roles: dict[str, str]) -> None:
    """One event of the type holds every named filler; "party" and "other" are the two sides of a
    symmetric event, either way round."""
    found = events_of(rules_extractor, text)

    def names(event: Any, role: str) -> set[str]:
        if role in {"party", "other"}:
            return event[1].get("agent", set()) | event[1].get("counterpart", set())
        return set(event[1].get(role, set()))

    assert any(
        event[0] == kind and all(any(n in v for v in names(event, r)) for r, n in roles.items())
        for event in found
    ), found


@pytest.mark.parametrize(
    "text",
    [
        "Ivan Petrov talked about the Spain-Morocco border.",  # a hyphenated name of a place, no talks
        "The two sides of the river flooded.",  # no parties named before
        "Rolf Dahl is under pressure from Canadian voters.",  # "under" without a sanction
    ],
)
def test_general_classes_negatives(rules_extractor: Any, text: str) -> None:
    kinds = {e[0] for e in events_of(rules_extractor, text)}
    assert not kinds & {"NEGOTIATE", "SANCTION", "MEET"}, events_of(rules_extractor, text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # from the PolNeAR hand check of this round: each a reading the guidelines do not allow
        ("Dana Reyes offered her congratulations to Omar Haddad and Ivan Petrov.", "PROPOSE"),
        ("The Atlas Group is hosting a gathering of its own at the Plaza Hotel in Boston.", "MEET"),
        ("Omar Haddad and his wife Sara Haddad had been traveling together.", "MEET"),
        ("Dana Reyes has been unsparing in her criticism of Omar Haddad.", "OPPOSE"),
    ],
)
def test_precision_round_negatives(rules_extractor: Any, text: str, kind: str) -> None:
    assert kind not in {e[0] for e in events_of(rules_extractor, text)}, events_of(rules_extractor, text)


@pytest.mark.parametrize(
    ("text", "kind", "roles"),
    [
        (
            "Dana Reyes offered Omar Haddad a stake in the Atlas pipeline project.",
            "PROPOSE",
            {"agent": "Dana Reyes"},
        ),
        ("Omar Haddad visited Norway in May.", "MEET", {"agent": "Omar Haddad", "place": "Norway"}),
        (
            "Dana Reyes criticized Omar Haddad for the merger.",
            "OPPOSE",
            {"agent": "Dana Reyes", "target": "Omar Haddad"},
        ),
    ],
)
def test_precision_round_keeps(rules_extractor: Any, text: str, kind: str, roles: dict[str, str]) -> None:
    find(events_of(rules_extractor, text), kind, **roles)


def test_talks_held_somewhere_are_a_meeting(rules_extractor: Any) -> None:
    found = events_of(rules_extractor, "Progress was made at the Spain-Morocco talks in Geneva on Thursday.")
    find(found, "MEET", place="Geneva")
    by_phone = events_of(rules_extractor, "Spain held talks with Morocco by phone on Thursday.")
    assert "MEET" not in {e[0] for e in by_phone}, by_phone


def test_a_definite_title_stands_for_the_person_named_with_it(rules_extractor: Any) -> None:
    text = "Atlas Bank CEO Rolf Dahl arrived on Monday. The Atlas Bank CEO met with Omar Haddad in Oslo."
    find(events_of(rules_extractor, text), "MEET", agent="Rolf Dahl", counterpart="Omar Haddad")


def test_a_request_for_a_deal_is_a_proposal(rules_extractor: Any) -> None:
    found = events_of(rules_extractor, "Chile asked Norway to lift its sanctions on Codelco.")
    find(found, "PROPOSE", agent="Chile", recipient="Norway")
    assert "PROPOSE" not in {e[0] for e in events_of(rules_extractor, "Chile asked Norway to pass the bill.")}


@pytest.mark.parametrize(
    ("text", "kind", "roles"),
    [
        (
            "Canada and Norway have frozen $30 billion in reserves of the Central Bank of Chile.",
            "FREEZE",
            {"agent": "Canada", "target": "Central Bank of Chile"},
        ),
        (
            "The EU adopted the 18th EU sanctions package against Belarus.",
            "SANCTION",
            {"agent": "EU", "target": "Belarus"},
        ),
    ],
)
def test_phrases_of_what_the_trigger_is_about(
    rules_extractor: Any, text: str, kind: str, roles: dict[str, str]
) -> None:
    find(events_of(rules_extractor, text), kind, **roles)


def test_it_in_what_an_organisation_says_is_the_organisation(rules_extractor: Any) -> None:
    found = events_of(rules_extractor, "Glencore said it agreed to the deal with Vale.")
    find(found, "AGREE", agent="Glencore", counterpart="Vale")
    # elsewhere "it" is left alone
    assert not events_of(rules_extractor, "It agreed to the deal with Vale.")


@pytest.mark.parametrize(
    ("text", "kind", "modality", "source"),
    [
        # a nominal event in an adjunct is presupposed: its own modality, nobody's claim
        (
            "Lavrov said progress may have been made at the Spain-Morocco talks in Geneva.",
            "NEGOTIATE",
            "asserted",
            None,
        ),
        (
            "Lavrov said nothing would change before the upcoming summit of Spain and Morocco.",
            "MEET",
            "planned",
            None,
        ),
        # withdrawing an offer to buy denies the purchase (GUIDELINES §5)
        ("Glencore said it is withdrawing its offer to acquire Vale.", "INVEST", "denied", "Glencore"),
    ],
)
def test_presupposed_and_withdrawn(
    rules_extractor: Any, text: str, kind: str, modality: str, source: str | None
) -> None:
    event = find(events_of(rules_extractor, text), kind)
    assert (event[2], event[3]) == (modality, source), event


def test_a_title_in_apposition_describes_its_own_person(rules_extractor: Any) -> None:
    # the title anaphora ("the RDIF CEO" for the person named with it) must not read a description
    text = "President Anna Lind met Omar Haddad. Later, Tom Berg, the president of Alcoa, left."
    roles = [e for e in events_of(rules_extractor, text) if e[0] == "ROLE"]
    assert {(next(iter(e[1]["agent"])), e[1]["title"]) for e in roles} >= {("Tom Berg", "president")}, roles


def test_questions_and_absences(rules_extractor: Any) -> None:
    asked = events_of(rules_extractor, "Chile asked Norway whether it would lift its sanctions on Codelco.")
    assert "PROPOSE" not in {e[0] for e in asked}, asked
    absent = events_of(rules_extractor, "Omar Haddad was not at the summit of Spain and Morocco.")
    assert all(e[2] == "denied" for e in absent if e[0] == "MEET"), absent


def test_places_that_place_the_place(rules_extractor: Any) -> None:
    # a place's apposition and its "in" object say where it is: all of them are where the event is
    text = "Chile's president Luis Ortega will meet Omar Haddad at Cerro Castillo in Valparaiso, Chile."
    event = find(events_of(rules_extractor, text), "MEET", agent="Luis Ortega")
    assert {"Valparaiso", "Chile"} <= event[1]["place"], event


def test_two_titles_of_one_person(rules_extractor: Any) -> None:
    found = events_of(rules_extractor, "Gazprom chairman and CEO Ivo Marsh met the Norwegian delegation.")
    role = find(found, "ROLE", agent="Ivo Marsh", target="Gazprom")
    assert role[1]["title"] == "chairman and CEO", role


def test_joint_appearances_are_no_joint_project(rules_extractor: Any) -> None:
    text = "After the talks, Luis Ortega and Omar Haddad will hold a joint press conference in Lima."
    assert "COOPERATE" not in {e[0] for e in events_of(rules_extractor, text)}
    found = events_of(rules_extractor, "Chile and Norway launched a joint venture to mine lithium.")
    find(found, "COOPERATE", agent="Chile", counterpart="Norway")


def test_opposition_to_a_project(rules_extractor: Any) -> None:
    text = "Norway restated its firm opposition to the Baltic Pipe project."
    find(events_of(rules_extractor, text), "OPPOSE", agent="Norway", target="Baltic Pipe project")


def test_a_passive_names_its_doer_only_with_by(rules_extractor: Any) -> None:
    text = "Nestle left Belarus in 2022 after Western sanctions were imposed on the country."
    assert not [
        e
        for e in events_of(rules_extractor, text)
        if e[0] == "SANCTION" and "Nestle" in e[1].get("agent", ())
    ]


def test_a_bare_head_title_names_the_office_of_a_known_head_of_state(rules_extractor: Any) -> None:
    text = (
        "Norway welcomed the plan. Germany said Chancellor Olaf Scholz would sign it with Norway on Friday."
    )
    find(events_of(rules_extractor, text), "ROLE", agent="Olaf Scholz", target="Germany")
    # the state must be named; and a head title the person never held names nothing
    alone = events_of(rules_extractor, "Officials said Chancellor Olaf Scholz would sign it on Friday.")
    assert not [e for e in alone if e[0] == "ROLE"], alone
    other = events_of(rules_extractor, "Germany said President Olaf Scholz would sign it.")
    assert not [e for e in other if e[0] == "ROLE"], other


@pytest.mark.parametrize(
    ("text", "agents"),
    [
        ("The US-sanctioned Arctic LNG 2 project shipped a cargo to China.", {"United States"}),
        ("The U.S.-sanctioned Arctic LNG 2 project shipped a cargo to China.", {"United States"}),
        ("Novatek is subject to US sanctions.", {"United States"}),
        (
            "Novatek has been the target of sanctions from Britain, the United States and the EU.",
            {"United Kingdom", "United States", "European Union"},
        ),
    ],
)
def test_what_is_under_sanctions(rules_extractor: Any, text: str, agents: set[str]) -> None:
    events = [e for e in events_of(rules_extractor, text) if e[0] == "SANCTION"]
    assert len(events) == 1, events
    named = {n for names in [events[0][1]["agent"]] for n in names}
    assert all(any(a in n or n in a for n in named) for a in agents), events
    assert "Novatek" in events[0][1]["target"] or "Arctic LNG 2 project" in events[0][1]["target"], events


def test_a_meeting_between_two_titled_people(rules_extractor: Any) -> None:
    text = (
        "The meeting in Lima between Chilean President Luis Ortega and Peruvian President Ana Rios was brief."
    )
    event = find(events_of(rules_extractor, text), "MEET", place="Lima")
    assert {"Luis Ortega", "Ana Rios"} <= event[1]["agent"] | event[1]["counterpart"], event


def test_a_visit_to_meet_someone_is_one_meeting(rules_extractor: Any) -> None:
    text = "Chilean envoy Luis Ortega visited Oslo to meet with Norwegian minister Kari Holm."
    meets = [e for e in events_of(rules_extractor, text) if e[0] == "MEET"]
    assert len(meets) == 1 and "Oslo" in meets[0][1]["place"] and "Kari Holm" in meets[0][1]["counterpart"], (
        meets
    )


def test_a_title_with_prepositions_and_a_posting(rules_extractor: Any) -> None:
    text = (
        "Chile's Ambassador in Oslo Luis Ortega said on Monday that Rosatom chairman and special envoy for"
        " nuclear trade Ivan Sokolov would visit Norway."
    )
    found = events_of(rules_extractor, text)
    role = find(found, "ROLE", agent="Luis Ortega")
    assert (
        "Chile" in role[1]["target"]
        and "Norway" not in role[1]["target"]
        and role[1]["title"] == "Ambassador"
    ), role
    role = find(found, "ROLE", agent="Ivan Sokolov", target="Rosatom")
    assert role[1]["title"] == "chairman and special envoy for nuclear trade", role


def test_a_family_visit_is_no_meeting(rules_extractor: Any) -> None:
    for text in (
        "Norwegian minister Kari Holm was traveling to Lima to visit her daughter Esther, the church said.",
        "One evening, Luis Ortega met his older brother, Pablo Ortega, for dinner in Santiago.",
    ):
        assert "MEET" not in {e[0] for e in events_of(rules_extractor, text)}, text
    find(
        events_of(rules_extractor, "Norwegian minister Kari Holm travelled to Lima to meet Luis Ortega."),
        "MEET",
        place="Lima",
    )


def test_an_institution_named_after_its_building_is_a_place(rules_extractor: Any) -> None:
    text = "Putin held a five-hour meeting in the Kremlin with Norwegian minister Kari Holm."
    find(events_of(rules_extractor, text), "MEET", agent="Putin", place="Kremlin")
    assert not [e for e in events_of(rules_extractor, "Putin met Kari Holm in Gazprom.") if "place" in e[1]]


def test_a_discussion_that_a_meeting_is_for_is_with_whom_it_is_held(rules_extractor: Any) -> None:
    text = "Chilean President Luis Ortega held a meeting with Kari Holm in Lima to discuss the lithium deal."
    find(events_of(rules_extractor, text), "NEGOTIATE", agent="Luis Ortega", counterpart="Kari Holm")
    alone = events_of(rules_extractor, "Luis Ortega traveled to Lima to discuss the lithium deal.")
    assert "NEGOTIATE" not in {e[0] for e in alone}, alone


def test_a_trip_that_meets_no_one_is_a_visit_to_a_state(rules_extractor: Any) -> None:
    for text in (
        "Senator Tom Berg was making early trips to Iowa and Ohio.",
        "Norwegian minister Kari Holm returned to Oslo after a private visit to Lyon, France.",
    ):
        assert "MEET" not in {e[0] for e in events_of(rules_extractor, text)}, text
    text = "Norwegian minister Kari Holm paid her third visit to Chile this year."
    find(events_of(rules_extractor, text), "MEET", agent="Kari Holm", place="Chile")


@pytest.mark.parametrize(
    ("text", "agent", "target"),
    [
        ("The Baltic Pipe project is majority-owned by Equinor.", "Equinor", "Baltic Pipe project"),
        ("Baltic Pipe, owned by Norwegian energy giant Equinor, was damaged.", "Equinor", "Baltic Pipe"),
        (
            "Exxon previously held a 30% operator share in the Baltic Pipe project.",
            "Exxon",
            "Baltic Pipe project",
        ),
    ],
)
def test_owning_and_holding_a_share_is_a_stake(
    rules_extractor: Any, text: str, agent: str, target: str
) -> None:
    find(events_of(rules_extractor, text), "INVEST", agent=agent, target=target)


def test_a_market_share_is_no_stake(rules_extractor: Any) -> None:
    found = events_of(rules_extractor, "Equinor's market share in Europe fell last year.")
    assert "INVEST" not in {e[0] for e in found}, found


def test_assets_blocked_on_a_platform_are_frozen_by_its_owner(rules_extractor: Any) -> None:
    text = "Most of Chile's reserves frozen abroad are blocked on Clearstream's platform in Luxembourg."
    find(events_of(rules_extractor, text), "FREEZE", agent="Clearstream", target="Chile")


def test_a_possessor_in_a_list_stands_for_what_it_possesses(rules_extractor: Any) -> None:
    text = "Luis Ortega held a meeting with Norwegian minister Kari Holm and Tom Berg's adviser Ana Lind."
    event = find(events_of(rules_extractor, text), "MEET", agent="Luis Ortega", counterpart="Kari Holm")
    assert "Tom Berg" not in event[1]["counterpart"], event


def test_a_description_of_a_business_points_back_to_it(rules_extractor: Any) -> None:
    text = (
        "Prime Minister Kari Holm spoke about McDonald's at the Kremlin, news agency TASS reported.\n\n"
        "The fast food giant exited Belarus in 2022."
    )
    find(events_of(rules_extractor, text), "EXIT", agent="McDonald's", place="Belarus")


def test_a_surname_typed_as_an_organisation_is_the_person(rules_extractor: Any) -> None:
    # the small model types most of these bare "Trump"s ORG (the Trump Organization); the full name decides
    text = (
        "US President Donald Trump backed a bill on copper levies. Trump has given his nod to the plan. "
        "Trump wants a vote. Trump's aides agreed. Trump has given nod to the bill. "
        "Trump has backed the plan."
    )
    find(events_of(rules_extractor, text), "ROLE", agent="Donald Trump", target="United States")


@pytest.mark.parametrize(
    "text",
    [
        "The deal would require Canada to lift sanctions against Belarus.",
        "Chile pressed Canada to lift sanctions against Belarus.",
    ],
)
def test_the_object_of_a_control_verb_does_its_infinitive(rules_extractor: Any, text: str) -> None:
    event = find(events_of(rules_extractor, text), "SANCTION", agent="Canada", target="Belarus")
    assert event[2] in {"hedged", "planned"}, event


def test_a_modifier_named_as_the_target_is_not_the_agent(rules_extractor: Any) -> None:
    text = "Senator Ann Holt wrote a Belarusian sanctions bill against Belarus, Cuba and Laos."
    for event in events_of(rules_extractor, text):
        assert "Belarus" not in event[1].get("agent", set()), event


def test_its_offer_is_the_subjects_offer(rules_extractor: Any) -> None:
    text = "Vitol withdrew its offer to buy Petrobras's foreign assets."
    event = find(events_of(rules_extractor, text), "INVEST", agent="Vitol", target="Petrobras")
    assert event[2] == "denied", event


def test_an_interest_in_buying_is_a_planned_purchase(rules_extractor: Any) -> None:
    text = "Vitol is interested in acquiring Petrobras's foreign assets."
    event = find(events_of(rules_extractor, text), "INVEST", agent="Vitol", target="Petrobras")
    assert event[2] == "planned", event


def test_talks_that_included_people_were_held_by_them(rules_extractor: Any) -> None:
    events = events_of(rules_extractor, "The talks in Oslo included Kari Holm and Luis Ortega.")
    find(events, "MEET", agent="Kari Holm", counterpart="Luis Ortega", place="Oslo")
    text = "The talks began at noon and included, on the Chilean side, Kari Holm and Luis Ortega."
    one_side = events_of(rules_extractor, text)
    assert not [e for e in one_side if e[0] in {"MEET", "NEGOTIATE"}], one_side


def test_a_description_with_a_named_projects_head_noun_is_that_project(rules_extractor: Any) -> None:
    text = (
        "Chile and Peru plan to build the Andes Gas Pipeline. Officials from Chile and Peru signed an "
        "agreement on the pipeline on Monday."
    )
    find(events_of(rules_extractor, text), "AGREE", agent="Peru", project="Andes Gas Pipeline")
    owner = "Chile and Peru plan to build the Andes Gas Pipeline. Canada sanctioned the pipeline's owner."
    assert not [e for e in events_of(rules_extractor, owner) if e[0] == "SANCTION"]


def test_a_government_named_after_its_leader_is_an_organisation(rules_extractor: Any) -> None:
    text = "The tariffs on Peru have been imposed by the Trump administration. Donald Trump said so."
    event = find(events_of(rules_extractor, text), "SANCTION", agent="Trump administration", target="Peru")
    assert "Donald Trump" not in event[1]["agent"], event


def test_weighing_an_action_of_ones_own_is_hedged(rules_extractor: Any) -> None:
    event = find(
        events_of(rules_extractor, "Hyundai is exploring a return to Belarus."), "RETURN", agent="Hyundai"
    )
    assert event[2] == "hedged" and "Belarus" in event[1]["place"], event


def test_neither_nor_denies_the_verb_not_the_talks_attended(rules_extractor: Any) -> None:
    signed = find(
        events_of(rules_extractor, "Neither Gazprom nor Rosneft signed the deal with China."),
        "AGREE",
        counterpart="China",
    )
    assert signed[2] == "denied", signed
    talks = "Neither Ana Holm nor Luis Ortega attended the Chile-Peru talks in Lima."
    held = find(events_of(rules_extractor, talks), "NEGOTIATE", agent="Chile", counterpart="Peru")
    assert held[2] != "denied", held


def test_selling_goods_is_trade_and_selling_a_business_in_a_country_is_an_exit(rules_extractor: Any) -> None:
    assert not [e for e in events_of(rules_extractor, "Chile sold copper to Peru.") if e[0] == "INVEST"]
    text = "Vitol has distanced itself from Belarus and sold off Belarusian assets."
    find(events_of(rules_extractor, text), "EXIT", agent="Vitol", place="Belarus")


def test_the_noun_carrying_a_sanction_lends_it_its_phrases(rules_extractor: Any) -> None:
    text = "Canada announced the imposition of blocking sanctions on Peru's largest miners, Cerro and Andina."
    events = events_of(rules_extractor, text)
    find(events, "SANCTION", agent="Canada", target="Cerro")
    lifted = "Canada approved the lifting of sanctions on Belarus."
    find(events_of(rules_extractor, lifted), "SANCTION", agent="Canada", target="Belarus")
    article = Article(id="t", source="test", text=lifted, raw=lifted, content_hash="t", lang="en")
    assert [e.polarity for e in rules_extractor.extract(article).events if e.type == "SANCTION"] == ["lift"]


def test_a_founder_holds_a_role_in_what_he_founded(rules_extractor: Any) -> None:
    text = "Vitol was founded by Dutch trader Henk Vietor, its chairman, and Jacques Detiger, a banker."
    events = events_of(rules_extractor, text)
    find(events, "ROLE", agent="Henk Vietor", target="Vitol")
    find(events, "ROLE", agent="Jacques Detiger", target="Vitol")
    assert not [e for e in events_of(rules_extractor, "Chile set a deadline for Codelco.") if e[0] == "ROLE"]


def test_its_in_a_clause_is_the_organisation_that_is_its_subject(rules_extractor: Any) -> None:
    text = "Vitol sold its Chilean operations to Ana Holm."
    find(events_of(rules_extractor, text), "INVEST", agent="Ana Holm", seller="Vitol", target="Vitol")


def test_a_sale_in_a_non_restrictive_relative_clause_is_the_articles_voice(rules_extractor: Any) -> None:
    text = (
        "Renault chief Luca de Meo spoke on Monday. He said that if the chance arose, the automaker — which "
        "sold its stake in Avtoframos Holdings for a symbolic sum in 2022 — would try to grasp it."
    )
    event = find(events_of(rules_extractor, text), "INVEST", seller="Renault", target="Avtoframos Holdings")
    assert event[2] == "asserted" and event[3] is None, event


def test_a_scheme_named_in_quotes_is_a_project_and_its_means_no_investor(rules_extractor: Any) -> None:
    text = (
        'The Commission proposed a "solidarity loan" funded by frozen Chilean assets. Chile opposed the '
        '"solidarity loan," officials said.'
    )
    events = events_of(rules_extractor, text)
    find(events, "PROPOSE", agent="Commission", project="solidarity loan")
    find(events, "OPPOSE", agent="Chile", target="solidarity loan")
    assert not [e for e in events if e[0] == "INVEST"], events


def test_readiness_for_something_else_is_no_offer(rules_extractor: Any) -> None:
    events = events_of(rules_extractor, "Chile is ready to restore order with Peru's help.")
    assert not [e for e in events if e[0] == "PROPOSE"], events


def test_we_in_what_a_person_says_is_the_organisation_named_with_them(rules_extractor: Any) -> None:
    text = (
        "Andes Copper Corp head Maria Lopez spoke in Santiago on Monday. She said the year was hard. She "
        'added: "We will cooperate in copper supplies with Peru, unless another decision is made."'
    )
    event = find(events_of(rules_extractor, text), "COOPERATE", agent="Andes Copper Corp", counterpart="Peru")
    assert event[2] == "planned" and event[3] == "Maria Lopez", event


# readings the seventh PolNeAR check found wrong (sentences written for the test, same shapes)
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Holm and Ortega agreed to meet again in the coming weeks.", "AGREE"),
        ("In an interview with Ana Holm, Luis Ortega discussed his plans for Chile.", "NEGOTIATE"),
        ("Analyst Luis Ortega has long considered a Codelco deal likely.", "AGREE"),
        ("Ana Holm has never met an opponent like Luis Ortega.", "MEET"),
        ('Chile\'s claim that Luis Ortega "founded Andes Copper Corp" was false.', "ROLE"),
        ("His wife offered a preview of his thinking in an interview with The Washington Post.", "PROPOSE"),
        ("In 2009, Luis Ortega decided to sell his Boeing 727.", "INVEST"),
        ("Luis Ortega received an apology from a Codelco executive.", "MEET"),
    ],
)
def test_no_event_in_these_shapes(rules_extractor: Any, text: str, kind: str) -> None:
    assert not [e for e in events_of(rules_extractor, text) if e[0] == kind], events_of(rules_extractor, text)


def test_a_region_adjective_is_no_state(rules_extractor: Any) -> None:
    text = "The United States met Mexico. Donald Trump was not at the summit of North American leaders."
    for event in events_of(rules_extractor, text):
        assert not ({"Donald Trump"} <= event[1].get("agent", set()) and event[0] == "MEET"), event


def test_a_title_ends_where_a_clause_or_the_employer_phrase_starts(rules_extractor: Any) -> None:
    text = (
        "Maria Lopez, a former senior White House adviser who backed the tax, spoke. Luis Ortega, co-founder "
        "of the polling firm Andes Research Corp, agreed."
    )
    events = events_of(rules_extractor, text)
    role = find(events, "ROLE", agent="Maria Lopez", target="White House")
    assert role[1]["title"] == "former senior adviser", role
    assert "polling" not in find(events, "ROLE", agent="Luis Ortega")[1]["title"]
    chief = events_of(rules_extractor, "Maria Lopez, the former White House chief of staff, spoke.")
    assert find(chief, "ROLE", agent="Maria Lopez")[1]["title"] == "former chief of staff", chief


def test_a_relative_clause_on_the_required_object_has_its_own_modality(rules_extractor: Any) -> None:
    text = "The lawsuit the Bank of Chile filed against Clearstream seeks 2 billion dollars."
    event = find(events_of(rules_extractor, text), "SUE", agent="Bank of Chile", target="Clearstream")
    assert event[2] == "asserted", event


def test_a_stake_offered_to_someone_would_be_theirs(rules_extractor: Any) -> None:
    text = "Chile offered Peru a stake in the Andes Gas Pipeline."
    events = events_of(rules_extractor, text)
    find(events, "PROPOSE", agent="Chile", recipient="Peru")
    stake = find(events, "INVEST", agent="Peru", target="Andes Gas Pipeline")
    assert stake[2] == "planned", stake


# Stop 12's classes, each on a sentence written for the test: (sentence, type, roles the one event fills)
FIND_CASES = [
    # a state's economic sectors stand for it
    (
        "Canada lifted sanctions on Belarus's aviation sector.",
        "SANCTION",
        {"agent": "Canada", "target": "Belarus"},
    ),
    # the names in a discussed question, or in "the future of X", are what is discussed
    (
        "Chile and Peru discussed how to make the Altamar LNG project profitable.",
        "NEGOTIATE",
        {"agent": "Chile", "project": "Altamar LNG project"},
    ),
    (
        "Chile and Peru discussed the future of the Altamar LNG project.",
        "NEGOTIATE",
        {"agent": "Chile", "project": "Altamar LNG project"},
    ),
    # parties under the object of an agreement's gerund
    (
        "Congress ratified the agreement on creating a joint fund between Chile and Peru.",
        "AGREE",
        {"agent": "Chile", "counterpart": "Peru"},
    ),
    # an organisation named before its kind
    (
        "The Bank of Chile has filed a lawsuit against the Clearstream depository in a Santiago court.",
        "SUE",
        {"agent": "Bank of Chile", "target": "Clearstream"},
    ),
    # titles: a list in a portfolio, a gloss in parentheses, a business named after its kind, a campaign
    (
        "Chile Investment Fund (CIF) CEO and special presidential envoy for investment and economic "
        "cooperation Ana Holm spoke on Monday.",
        "ROLE",
        {"agent": "Ana Holm", "target": "Chile Investment Fund"},
    ),
    (
        "The head of Andes Copper Corp (Chile's state miner) Maria Lopez said the mine would reopen.",
        "ROLE",
        {"agent": "Maria Lopez", "target": "Andes Copper Corp"},
    ),
    (
        "In a conversation with Ana Holm, the CEO of the Chilean fast-food chain Andes Burger Corp, "
        "Luis Ortega said so.",
        "ROLE",
        {"agent": "Ana Holm", "target": "Andes Burger Corp"},
    ),
    (
        "Ana Holm spoke in Lima. Holm campaign spokeswoman Maria Lopez did not respond to requests.",
        "ROLE",
        {"agent": "Maria Lopez", "target": "Holm campaign"},
    ),
    # a sale of a stake or a business is an investment with a seller
    (
        "Nestle sold its stake in Andina Holdings for one euro.",
        "INVEST",
        {"seller": "Nestle", "target": "Andina Holdings"},
    ),
    (
        "Vitol sold its restaurants to Alexander Holm.",
        "INVEST",
        {"seller": "Vitol", "agent": "Alexander Holm", "target": "Vitol"},
    ),
    # a stated readiness to work with someone is an offer to them
    ("Chile is ready to restore cooperation with Peru.", "PROPOSE", {"agent": "Chile", "recipient": "Peru"}),
    (
        "Chile is willing to cooperate with Peru on lithium.",
        "PROPOSE",
        {"agent": "Chile", "recipient": "Peru"},
    ),
    # a headline's recipient; a named project offered to a state keeps its name
    ("Macron offers US rare earths deal", "PROPOSE", {"agent": "Macron", "recipient": "United States"}),
    (
        "Ana Holm proposed a joint Mars mission to the United States.",
        "PROPOSE",
        {"project": "Mars mission", "recipient": "United States"},
    ),
]


@pytest.mark.parametrize(("text", "kind", "roles"), FIND_CASES)
def test_stop_12_classes(rules_extractor: Any, text: str, kind: str, roles: dict[str, str]) -> None:
    find(events_of(rules_extractor, text), kind, **roles)
