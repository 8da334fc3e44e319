"""Train the role classifier (``dealgraph/extract/events/learned.py``) from the project's annotations.

    python scripts/train_roles.py [--out dealgraph/extract/data/role_model.json] [--cv 5]

Annotations (``dealgraph/extract/data/annotations/``), all written for this project:
- ``polnear-*.jsonl``: candidate (trigger, party) sets drawn from PolNeAR by ``scripts/role_candidates.py``
  and labelled by hand (``event``: is the trigger an event of that type; ``labels``: party → role);
- ``own-sentences.jsonl``: passages written for this project with their events (trigger word, role →
  surface string); every other trigger the lexicon finds in them, and every party no event names, is
  a negative example.
No development or sample article is used: the model is scored on those (``shared/eval/dev-score.sh``).
Prints cross-validated precision and recall of the role decisions over the annotation items (folds by
article or passage), then fits on everything and writes the weights as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from dealgraph.extract.events.learned import NONE, features, parties
from dealgraph.extract.events.tokens import EntityIndex
from dealgraph.extract.extractor import Extractor

SHARED = Path(os.environ.get("DEALGRAPH_SHARED", "../shared"))
ANNOTATIONS = Path(__file__).resolve().parent.parent / "dealgraph/extract/data/annotations"
Example = tuple[str, list[str], str]  # (group for cross-validation, features, label)


def _token_at(doc: Doc, char: int) -> Token | None:
    for tok in doc:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok
    return None


def polnear_examples(extractor: Extractor, items: list[dict[str, Any]]) -> Iterator[Example]:
    records = {}
    for line in (SHARED / "data/corpus/polnear/polnear-train.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        records[record["id"]] = record
    by_article: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        if item.get("event") is not None:
            by_article.setdefault(item["article"], []).append(item)
    kinds = {k.name: k for k in extractor.events.types}
    for article, group in by_article.items():
        doc = extractor.nlp(records[article]["text"])
        index = EntityIndex(doc, extractor.entities(doc), extractor.events.adjective_refs)
        for item in group:
            trigger = _token_at(doc, item["trigger_char"])
            if trigger is None or item["type"] not in kinds:
                continue
            by_char = {p["char"]: p["id"] for p in item["parties"]}
            for party in parties(trigger, index):
                label = NONE
                if item["event"]:
                    label = item["labels"].get(by_char.get(party.token.idx, ""), NONE)
                yield article, features(trigger, item["type"], bool(item["nominal"]), party, index), label


def own_examples(extractor: Extractor, passages: list[dict[str, Any]]) -> Iterator[Example]:
    events = extractor.events
    for passage in passages:
        text = passage["text"]
        doc = extractor.nlp(text)
        entities = extractor.entities(doc)
        index = EntityIndex(doc, entities, events.adjective_refs)
        surfaces = {e.key: {m.text.lower() for m in e.mentions} | {e.name.lower()} for e in entities}
        annotated: dict[tuple[int, str], dict[str, Any]] = {}
        for event in passage.get("events", []):
            if event["type"] == "ROLE":
                continue  # titles are the RoleFinder's (roles.py), not a trigger's parties
            at = text.find(event["trigger"])
            tok = _token_at(doc, at) if at >= 0 else None
            if tok is not None:
                annotated[(tok.i, event["type"])] = event
        triggers = {
            (tok.i, kind.name): nominal for tok in doc for kind, nominal, _ in events._triggers(tok, index)
        }
        for i, kind_name in annotated:
            triggers.setdefault((i, kind_name), doc[i].pos_ in {"NOUN", "PROPN"})
        for (i, kind_name), nominal in triggers.items():
            trigger = doc[i]
            event = annotated.get((i, kind_name))
            roles: dict[str, str] = {}
            for role, value in (event or {}).get("args", {}).items():
                for name in value if isinstance(value, list) else [value]:
                    roles[str(name).lower()] = role
            for party in parties(trigger, index):
                label = NONE
                for name, role in roles.items():
                    if any(name == s or name in s or s in name for s in surfaces.get(party.key, set())):
                        label = role
                        break
                yield passage["id"], features(trigger, kind_name, nominal, party, index), label


def examples(extractor: Extractor) -> list[Example]:
    result: list[Example] = []
    for path in sorted(ANNOTATIONS.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if path.name.startswith("polnear"):
            result.extend(polnear_examples(extractor, rows))
        else:
            result.extend(own_examples(extractor, rows))
    return result


def fit(rows: list[Example], c: float) -> Any:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(f, 1) for _, f, _ in rows])
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, [label for _, _, label in rows])
    return vectorizer, model


def cross_validate(rows: list[Example], folds: int, c: float, threshold: float) -> dict[str, float]:
    groups = sorted({g for g, _, _ in rows})
    random.Random(7).shuffle(groups)
    fold_of = {g: i % folds for i, g in enumerate(groups)}
    tp = fp = fn = 0
    for k in range(folds):
        train = [r for r in rows if fold_of[r[0]] != k]
        test = [r for r in rows if fold_of[r[0]] == k]
        vectorizer, model = fit(train, c)
        probabilities = model.predict_proba(vectorizer.transform([dict.fromkeys(f, 1) for _, f, _ in test]))
        for (_, _, gold), row in zip(test, probabilities, strict=True):
            best = int(row.argmax())
            guess = model.classes_[best] if row[best] >= threshold else NONE
            if guess != NONE and guess == gold:
                tp += 1
            elif guess != NONE:
                fp += 1
            if gold != NONE and guess != gold:
                fn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ANNOTATIONS.parent / "role_model.json"))
    parser.add_argument("--cv", type=int, default=5)
    parser.add_argument("--c", type=float, default=1.0)
    parser.add_argument("--threshold", type=float, default=0.6)
    args = parser.parse_args()
    extractor = Extractor(learned_roles=False)
    rows = examples(extractor)
    print(f"{len(rows)} (trigger, party) examples from {len({g for g, _, _ in rows})} articles and passages")
    print("labels:", dict(Counter(label for _, _, label in rows).most_common()))
    if args.cv > 1:
        print(f"cross-validated role decisions ({args.cv} folds by article/passage):", end=" ")
        print(cross_validate(rows, args.cv, args.c, args.threshold))
    vectorizer, model = fit(rows, args.c)
    names = vectorizer.get_feature_names_out()
    data = {
        "version": "roles-lr/1",
        "threshold": args.threshold,
        "classes": [str(c) for c in model.classes_],
        "weights": {
            str(n): [round(float(w), 3) for w in model.coef_[:, i]]
            for i, n in enumerate(names)
            if abs(model.coef_[:, i]).max() >= 0.01
        },
        "intercept": [round(float(b), 4) for b in model.intercept_],
    }
    Path(args.out).write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {args.out}: {len(data['weights'])} of {len(names)} features, {len(model.classes_)} classes")


if __name__ == "__main__":
    main()
