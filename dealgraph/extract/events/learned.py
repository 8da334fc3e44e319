"""A learned role classifier: for a trigger and a party named in its sentence, which role (or none).

The hand-written slots (``slots.py``) bind the parties the grammar links to a trigger in a few known
ways; a party linked in another way is lost. This component sees every (trigger, party) pair of a
sentence that the rules left unbound and predicts its role from features of the parse: the dependency
path between them, the preposition that governs the party, its entity type, its side of the trigger,
the trigger's lemma and type. It only adds roles; the rules' roles stand.

The model is a multinomial logistic regression trained by ``scripts/train_roles.py`` from annotations
written for this project (``extract/data/annotations/``: our own sentences and spans of PolNeAR
articles, never the development or sample articles). It ships as a small JSON file of weights
(``extract/data/role_model.json``), so prediction needs neither scikit-learn nor pickle: a dot product
over the sparse features, then a softmax. Features are computed here, in one place, for training and
for prediction alike.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from spacy.tokens import Token

from dealgraph.extract.events.tokens import EntityIndex

MAX_PATH = 4  # dependency steps kept from each side of the path
NONE = "none"


@dataclass(frozen=True)
class PartyToken:
    """A party named in a trigger's sentence: its entity key and the token that stands for it there."""

    key: str
    token: Token


def parties(trigger: Token, index: EntityIndex) -> Iterator[PartyToken]:
    """The entities named in the trigger's sentence, each once, by its syntactic head token there (the
    token of the mention whose head lies outside it), the nearest to the trigger when named twice."""
    best: dict[str, Token] = {}
    for tok in trigger.sent:
        if tok.i == trigger.i:
            continue
        key = index.direct(tok)
        if key is None or (index.direct(tok.head) == key and tok.head.i != tok.i):
            continue
        if key not in best or abs(tok.i - trigger.i) < abs(best[key].i - trigger.i):
            best[key] = tok
    for key, tok in best.items():
        yield PartyToken(key, tok)


def _path(a: Token, b: Token) -> tuple[list[str], list[str]]:
    """Dependency labels up from ``a`` to the lowest common ancestor, and from there down to ``b``."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    ids_b = {t.i for t in up_b}
    common = next((t for t in up_a if t.i in ids_b), None)
    if common is None:
        return [t.dep_ for t in up_a][:MAX_PATH], [t.dep_ for t in up_b][:MAX_PATH]
    rise = [t.dep_ for t in up_a[: next(i for i, t in enumerate(up_a) if t.i == common.i)]]
    fall = [t.dep_ for t in up_b[: next(i for i, t in enumerate(up_b) if t.i == common.i)]]
    return rise[:MAX_PATH], list(reversed(fall))[-MAX_PATH:]


def _governing_prep(tok: Token) -> str:
    """The preposition a party hangs on ("with X", "talks between A and B": between), through
    conjuncts, appositions and compounds."""
    node = tok
    for _ in range(4):
        if node.dep_ in {"conj", "appos", "compound", "flat", "amod", "poss"} and node.head.i != node.i:
            node = node.head
            continue
        break
    if node.dep_ == "pobj" and node.head.pos_ == "ADP":
        return node.head.lower_
    if node.dep_ == "pobj" and node.head.dep_ == "agent":
        return "by"
    return ""


def features(trigger: Token, kind: str, nominal: bool, party: PartyToken, index: EntityIndex) -> list[str]:
    """The sparse binary features of one (trigger, party) pair."""
    tok = party.token
    etype = index.types.get(party.key, "?")
    rise, fall = _path(trigger, tok)
    path = "^".join(rise) + "|" + "_".join(fall)
    prep = _governing_prep(tok)
    side = "before" if tok.i < trigger.i else "after"
    distance = abs(tok.i - trigger.i)
    bucket = (
        "1"
        if distance <= 1
        else "3"
        if distance <= 3
        else "6"
        if distance <= 6
        else "12"
        if distance <= 12
        else "far"
    )
    verbs_between = sum(
        1 for t in trigger.doc[min(tok.i, trigger.i) + 1 : max(tok.i, trigger.i)] if t.pos_ == "VERB"
    )
    broken = "\n" in trigger.doc.text[min(tok.idx, trigger.idx) : max(tok.idx, trigger.idx)]
    lemma = trigger.lemma_.lower()
    form = "noun" if nominal else "verb"
    dep = tok.dep_
    return [
        "bias",
        f"type={kind}",
        f"form={form}",
        f"etype={etype}",
        f"type_etype={kind}|{etype}",
        f"lemma={lemma}",
        f"lemma_etype={lemma}|{etype}",
        f"path={path}",
        f"type_path={kind}|{path}",
        f"form_path={form}|{path}",
        f"rise={'^'.join(rise[:2])}",
        f"fall={'_'.join(fall[-2:])}",
        f"prep={prep}",
        f"type_prep={kind}|{prep}",
        f"type_prep_etype={kind}|{prep}|{etype}",
        f"lemma_prep={lemma}|{prep}",
        f"side={side}",
        f"type_side={kind}|{side}",
        f"type_side_etype={kind}|{side}|{etype}",
        f"distance={bucket}",
        f"verbs_between={min(verbs_between, 2)}",
        f"dep={dep}",
        f"type_dep={kind}|{dep}",
        f"line_break={'y' if broken else 'n'}",
    ]


class RoleModel:
    """Weights of a trained multinomial logistic regression over ``features``."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.classes: list[str] = list(data["classes"])
        # feature -> its weight for each class; features whose weights are all near zero are left out
        self.weights: dict[str, list[float]] = data["weights"]
        self.intercept: list[float] = data["intercept"]
        self.threshold: float = float(data.get("threshold", 0.5))
        self.version: str = str(data.get("version", "?"))

    @classmethod
    def shipped(cls) -> RoleModel | None:
        """The model shipped in the package, or None where none was trained."""
        path = resources.files("dealgraph.extract").joinpath("data", "role_model.json")
        if not path.is_file():
            return None
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def predict(self, feats: list[str]) -> tuple[str, float]:
        """The most probable role and its probability."""
        scores = list(self.intercept)
        for f in feats:
            for k, w in enumerate(self.weights.get(f, ())):
                scores[k] += w
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        best = max(range(len(scores)), key=lambda i: scores[i])
        return self.classes[best], exps[best] / total
