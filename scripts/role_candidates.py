"""Draw (trigger, party) candidates from PolNeAR for role annotation.

    python scripts/role_candidates.py --n-articles 300 --items 450 --seed 7 --out candidates.jsonl

Each output line is one trigger in one sentence with the parties named in that sentence; an annotator
fills ``labels`` (party id -> role, as GUIDELINES.md §3 defines them; unlisted parties are no role) and
``event`` (whether the word is an event of that type at all). ``scripts/train_roles.py`` reads the
filled files from ``dealgraph/extract/data/annotations/``. Only PolNeAR is drawn from: the development and
sample articles are what the model is scored on. The copies kept under ``annotations/`` hold the
article id, character offsets, types and labels only: the text is read again from ``../shared`` when the
model is trained, so no PolNeAR prose is copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import random
from pathlib import Path

from dealgraph.extract.events.learned import parties
from dealgraph.extract.events.tokens import EntityIndex
from dealgraph.extract.extractor import Extractor

SHARED = Path(os.environ.get("DEALGRAPH_SHARED", "../shared"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n-articles", type=int, default=300)
    parser.add_argument("--items", type=int, default=450)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    lines = (SHARED / "data/corpus/polnear/polnear-train.jsonl").read_text(encoding="utf-8").splitlines()
    rng = random.Random(args.seed)
    records = [json.loads(line) for line in rng.sample(lines, args.n_articles)]
    extractor = Extractor()
    events = extractor.events
    items = []
    for record, doc in zip(records, extractor.nlp.pipe(r["text"] for r in records), strict=True):
        entities = extractor.entities(doc)
        index = EntityIndex(doc, entities, events.adjective_refs)
        names = {e.key: (e.name, e.type) for e in entities}
        for tok in doc:
            if tok.i in index.token_entity:
                continue
            for kind, nominal, _obj in events._triggers(tok, index):
                found = [p for p in parties(tok, index) if p.key in names]
                if len(found) < 2 or len(found) > 8:
                    continue
                sent = tok.sent
                items.append(
                    {
                        "id": f"{record['id']}:{tok.idx}:{kind.name}",
                        "article": record["id"],
                        "sentence": sent.text,
                        "trigger": tok.text,
                        "trigger_start": tok.idx - sent.start_char,
                        "trigger_char": tok.idx,
                        "type": kind.name,
                        "nominal": nominal,
                        "roles": sorted(kind.role_types),
                        "parties": [
                            {
                                "id": f"p{i}",
                                "char": p.token.idx,
                                "text": p.token.text,
                                "name": names[p.key][0],
                                "type": names[p.key][1],
                            }
                            for i, p in enumerate(found)
                        ],
                        "event": None,
                        "labels": {},
                    }
                )
    rng.shuffle(items)
    with open(args.out, "w", encoding="utf-8") as out:
        for item in items[: args.items]:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(items)} candidates, {min(len(items), args.items)} written")


if __name__ == "__main__":
    main()
