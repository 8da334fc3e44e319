"""The learned role classifier (extract/events/learned.py): its arithmetic, its features, the shipped
weights, and what it adds to the rules on sentences written for these tests."""

from __future__ import annotations

import json
import math
from importlib import resources
from typing import Any

import pytest

from dealgraph.extract.events.learned import NONE, RoleModel, features, parties
from dealgraph.model import Article


def test_prediction_is_a_softmax_over_summed_weights() -> None:
    model = RoleModel(
        {
            "classes": ["agent", "none"],
            "weights": {"a": [2.0, 0.0], "b": [0.0, 1.0]},
            "intercept": [0.0, 0.5],
            "threshold": 0.4,
        }
    )
    role, p = model.predict(["a", "b", "unknown"])
    assert role == "agent"
    assert p == pytest.approx(math.exp(2.0) / (math.exp(2.0) + math.exp(1.5)))
    assert model.predict(["b"])[0] == "none"


def test_shipped_model_is_small_and_consistent() -> None:
    path = resources.files("dealgraph.extract").joinpath("data", "role_model.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(path.read_bytes()) < 600_000
    assert NONE in data["classes"] and "agent" in data["classes"]
    assert all(len(w) == len(data["classes"]) for w in data["weights"].values())
    assert RoleModel.shipped() is not None


def _events(extractor: Any, text: str) -> list[tuple[str, dict[str, set[str]], str]]:
    article = Article(id="t", source="test", text=text, raw=text, content_hash="t", lang="en")
    ex = extractor.extract(article)
    names = {e.key: e.name for e in ex.entities}
    result = []
    for ev in ex.events:
        args: dict[str, set[str]] = {}
        for a in ev.args:
            if a.entity:
                args.setdefault(a.role, set()).add(names[a.entity])
        result.append((ev.type, args, ev.extractor))
    return result


@pytest.fixture(scope="module")
def rules_only() -> Any:
    from dealgraph.extract.extractor import Extractor

    return Extractor(learned_roles=False)


def test_features_read_the_path_and_the_preposition(extractor: Any) -> None:
    text = "Norway held talks with Chile in Geneva."
    doc = extractor.nlp(text)
    index = extractor.events.index(doc, extractor.entities(doc))
    trigger = next(t for t in doc if t.lower_ == "talks")
    found = {p.token.text: features(trigger, "NEGOTIATE", True, p, index) for p in parties(trigger, index)}
    assert set(found) == {"Norway", "Chile", "Geneva"}
    assert "prep=with" in found["Chile"] and "side=after" in found["Chile"]
    assert "side=before" in found["Norway"]
    assert found == {
        p.token.text: features(trigger, "NEGOTIATE", True, p, index) for p in parties(trigger, index)
    }


def _with_model(extractor: Any, model: RoleModel) -> Any:
    from dealgraph.extract.events.extract import EventExtractor
    from dealgraph.extract.extractor import Extractor

    copy = Extractor.__new__(Extractor)
    copy.__dict__.update(extractor.__dict__)
    copy.events = EventExtractor(extractor.gazetteer.adjective_refs, extractor.gazetteer.titles, model)
    return copy


# a model that calls every named place in a sentence the event's place
PLACES = RoleModel(
    {"classes": ["none", "place"], "weights": {"etype=Location": [0.0, 5.0]}, "intercept": [0.0, 0.0]}
)


def test_classifier_completes_what_the_rules_found(rules_only: Any) -> None:
    text = "Gabriel Boric met Mark Carney on Monday, a day after arriving from Patagonia."
    plain = find_kind(_events(rules_only, text), "MEET")
    assert "place" not in plain[1]
    completed = find_kind(_events(_with_model(rules_only, PLACES), text), "MEET")
    assert completed[1]["place"] == {"Patagonia"} and completed[2].endswith("+roles-lr")


def test_classifier_makes_no_event_alone(rules_only: Any) -> None:
    # no event by the rules (a speech), so the classifier has nothing to complete
    text = "Gabriel Boric spoke about the meeting at a forum in Santiago."
    assert not _events(_with_model(rules_only, PLACES), text)


def find_kind(
    events: list[tuple[str, dict[str, set[str]], str]], kind: str
) -> tuple[str, dict[str, set[str]], str]:
    return next(e for e in events if e[0] == kind)


def test_classifier_keeps_the_rules_roles(rules_only: Any) -> None:
    shipped = RoleModel.shipped()
    assert shipped is not None
    text = "The Bank of Italy has filed a lawsuit against Clearstream in the Milan court."
    learned = _events(_with_model(rules_only, shipped), text)
    assert [e[:2] for e in learned] == [e[:2] for e in _events(rules_only, text)]


def test_classifier_is_opt_in(monkeypatch: pytest.MonkeyPatch) -> None:
    from dealgraph.extract.extractor import Extractor

    monkeypatch.delenv("DEALGRAPH_LEARNED_ROLES", raising=False)
    assert Extractor().events.role_model is None
    monkeypatch.setenv("DEALGRAPH_LEARNED_ROLES", "1")
    assert Extractor().events.role_model is not None
