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


def test_classifier_binds_what_the_slots_miss(extractor: Any, rules_only: Any) -> None:
    # "ready to discuss X's presence at P": the project sits two phrases below the trigger
    text = "Norway is ready to discuss Chile's presence at the Atacama Solar Project."
    assert not [e for e in _events(rules_only, text) if e[0] == "NEGOTIATE"]
    learned = [e for e in _events(extractor, text) if e[0] == "NEGOTIATE"]
    assert learned and learned[0][2].endswith("+roles-lr")
    assert learned[0][1]["agent"] == {"Norway"}


def test_classifier_keeps_the_rules_roles(extractor: Any, rules_only: Any) -> None:
    text = "The Bank of Italy has filed a lawsuit against Clearstream in the Milan court."
    assert [e[:2] for e in _events(extractor, text)] == [e[:2] for e in _events(rules_only, text)]
