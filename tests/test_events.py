"""Event extraction on sentences written for these tests: one or more per type, covering active and
passive voice, coordination, apposition, nominal triggers, negation, hedges and reported speech."""

from __future__ import annotations

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
        "Lukoil, Gazprom and Rosneft were asked to prepare proposals for Washington.",
        "PROPOSE",
        {"agent": "Rosneft", "recipient": "United States"},
        "asserted",
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
        "Exxon may invest in the Sakhalin-1 project, Reuters reported.",
        "INVEST",
        {"agent": "Exxon"},
        "reported",
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
