"""The matching resolver: one canonical id per real-world referent across articles.

For each in-article entity, in order:
1. its exact key (gazetteer id, or type and folded name) names a stored entity: that one;
2. else the stored entities of the same type that share a blocking key (``blocking.py``) are scored with
   nomenklatura's logic-v2 name matcher (``names.matching``, as screening scores; rigour names:
   transliteration, symbols such as nicknames and name variants, fuzzy parts) over all the forms each
   has been seen with, plus the aliases the articles define ("Russian Direct Investment Fund (RDIF)").
   The best candidate is taken when its score clears the type's threshold and no other candidate comes
   close (these rules, apart from the store, are in ``rules.py``): a bare surname ("Trump") joins a full
   name only when one person of that surname dominates, so Donald Trump and Eric Trump stay apart;
3. else a new canonical entity.
Human judgements win: merged ids redirect, and negative judgements forbid a match. Every decision is
stored with its score and explanation (``entity_links``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from rigour.names import NameTypeTag
from rigour.names.analyze import analyze_names
from sqlalchemy import Connection, bindparam, func, insert, select, update

from dealgraph.model import Entity
from dealgraph.names.matching import NameMatch, NameMatcher
from dealgraph.names.text import fold
from dealgraph.resolve.blocking import block_keys
from dealgraph.resolve.canonical import create_entity
from dealgraph.resolve.keys import entity_key
from dealgraph.resolve.naming import rename_display
from dealgraph.resolve.rename import rename_ids
from dealgraph.resolve.rules import THRESHOLDS, bar, full_names, pick, plausible
from dealgraph.store import resolve_tables as rt
from dealgraph.store import schema
from dealgraph.store.resolve_tables import canonical, canonical_many

# canonical is read from here by resolve/judgements.py
__all__ = ["Decision", "MatchingResolver", "canonical", "canonical_many"]

log = logging.getLogger(__name__)

MAX_CANDIDATES = 12
SCORE_CACHE = 20_000  # remembered logic-v2 scores of name pairs (about 14 MB)


@dataclass(frozen=True)
class Decision:
    entity_id: str
    method: str
    score: float | None = None
    explanation: str | None = None


def _forms(entity: Entity) -> list[str]:
    return list(dict.fromkeys([entity.name, *(m.text for m in entity.mentions), *entity.aliases]))


class MatchingResolver:
    """Callable as the store's resolver: ``resolver(conn, entities) -> {key: canonical id}``."""

    def __init__(self) -> None:
        self.matcher = NameMatcher()
        self._cache: dict[tuple[str, str, str], NameMatch] = {}
        # rigour loads its name data (about 7 s here) on the first analysis: do it now, with the other
        # models, rather than inside the first article's write transaction
        analyze_names(NameTypeTag.PER, ["Warm Up"])

    def __call__(self, conn: Connection, article_id: str, entities: Sequence[Entity]) -> dict[str, str]:
        """Canonical ids for one article's entities, with a handful of statements per article: exact keys
        are looked up together, and names, blocking keys and links are written in bulk."""
        keys = {e.key: entity_key(e) for e in entities}
        found = self._by_keys(conn, set(keys.values()))
        decisions: dict[str, Decision] = {}
        for entity in entities:
            key = keys[entity.key]
            if key in found:
                decisions[entity.key] = Decision(found[key], "exact", 1.0, f"same key {key!r}")
                continue
            decision = self.decide_new(conn, entity, key)
            decisions[entity.key] = decision
            found[key] = decision.entity_id  # a second cluster with the same key in this article
        renamed = self.remember_many(conn, [(decisions[e.key].entity_id, e) for e in entities])
        for key, decision in list(decisions.items()):
            if decision.entity_id in renamed:
                new_id = renamed[decision.entity_id]
                decisions[key] = Decision(new_id, decision.method, decision.score, decision.explanation)
        if entities:
            conn.execute(
                insert(rt.entity_links),
                [
                    {
                        "article_id": article_id,
                        "key": e.key,
                        "entity_id": decisions[e.key].entity_id,
                        "method": decisions[e.key].method,
                        "score": decisions[e.key].score,
                        "explanation": decisions[e.key].explanation,
                    }
                    for e in entities
                ],
            )
        return {k: d.entity_id for k, d in decisions.items()}

    @staticmethod
    def _by_keys(conn: Connection, keys: set[str]) -> dict[str, str]:
        """Stored entities by exact key, through merge redirects."""
        if not keys:
            return {}
        t = schema.entities
        rows = conn.execute(select(t.c.key, t.c.id).where(t.c.key.in_(keys)).order_by(t.c.id)).all()
        first: dict[str, str] = {}
        for key, entity_id in rows:
            first.setdefault(str(key), str(entity_id))
        merges = rt.entity_merges
        redirects = dict(
            conn.execute(
                select(merges.c.from_id, merges.c.to_id).where(merges.c.from_id.in_(first.values()))
            ).all()
        )
        return {k: canonical(conn, v) if v in redirects else v for k, v in first.items()}

    def decide(self, conn: Connection, entity: Entity) -> Decision:
        key = entity_key(entity)
        found = self._by_keys(conn, {key})
        if key in found:
            return Decision(found[key], "exact", 1.0, f"same key {key!r}")
        return self.decide_new(conn, entity, key)

    def decide_new(self, conn: Connection, entity: Entity, key: str) -> Decision:
        """No stored entity has the key: match by name, else create."""
        threshold = THRESHOLDS.get(entity.type)
        if threshold is not None and entity.ref is None:
            match = self.best_match(conn, entity, threshold)
            if match is not None:
                return match
        return Decision(create_entity(conn, entity, key), "new")

    def candidates(self, conn: Connection, entity: Entity) -> list[str]:
        keys = block_keys(entity.type, _forms(entity))
        if not keys:
            return []
        t = rt.entity_blocks
        rows = conn.execute(
            select(t.c.entity_id, func.count())
            .where(t.c.block.in_(keys))
            .group_by(t.c.entity_id)
            .order_by(func.count().desc(), t.c.entity_id)
            .limit(MAX_CANDIDATES)
        ).all()
        return [str(r[0]) for r in rows]

    def best_match(self, conn: Connection, entity: Entity, threshold: float) -> Decision | None:
        scored: list[tuple[float, str, str]] = []
        forms = _forms(entity)[:6]
        found = self.candidates(conn, entity)
        if not found:
            return None
        # a few statements for all candidates: their ids in use, their names, negative judgements
        ids = list(dict.fromkeys(canonical_many(conn, found)))
        names = self._names(conn, ids)
        forbidden = self._forbidden_many(conn, ids, entity)
        for candidate in ids:
            if not names.get(candidate) or candidate in forbidden:
                continue
            best = self._best_pair(entity.type, forms, names[candidate], threshold)
            if best is not None:
                scored.append((best[0], candidate, best[1]))
        # two near-equal candidates ("Trump" against Donald and Eric Trump): the one far more reported
        # wins, else no merge
        chosen = pick(scored, lambda entity_id: self._articles(conn, entity_id))
        if chosen is None:
            return None
        best_score, best_id, detail = chosen
        return Decision(best_id, "match", round(best_score, 4), detail)

    def _best_pair(
        self, type_: str, forms: list[str], names: list[str], threshold: float
    ) -> tuple[float, str] | None:
        """The best (score, explanation) over pairs of one form and one stored name that clears its bar.
        logic-v2 analyses names at some milliseconds a call, so a cheap token test (``plausible``) picks
        the pairs worth scoring."""
        best: tuple[float, str] | None = None
        if type_ == "Person":
            forms, names = full_names(forms, names)
        for form in forms:
            for name in names:
                if not plausible(form, name):
                    continue
                match = self._score(type_, form, name)
                if match.score >= bar(type_, threshold, match) and (best is None or match.score > best[0]):
                    best = (match.score, f"{form!r} ~ {name!r}: {match.detail}")
        return best

    def _score(self, type_: str, form: str, name: str) -> NameMatch:
        """logic-v2's score and name explanation for one pair, remembered: the same names recur."""
        key = (type_, form, name)
        cached = self._cache.get(key)
        if cached is None:
            cached = self.matcher.compare_names(form, name, type_)
            if len(self._cache) >= SCORE_CACHE:
                # forget the oldest tenth: a pair costs about 700 bytes, and a run's memory must not
                # grow with its input (200,000 pairs were 145 MB of a 20,000-article run's driver)
                for old in list(islice(self._cache, SCORE_CACHE // 10)):
                    del self._cache[old]
            self._cache[key] = cached
        return cached

    @staticmethod
    def _articles(conn: Connection, entity_id: str) -> int:
        t = schema.article_entities
        return int(conn.execute(select(func.count()).where(t.c.entity_id == entity_id)).scalar() or 0)

    @staticmethod
    def _names(conn: Connection, ids: list[str], per_entity: int = 8) -> dict[str, list[str]]:
        """Each entity's most frequent names (``per_entity`` of them), in one statement."""
        t = rt.entity_names
        names: dict[str, list[str]] = {}
        rows = conn.execute(
            select(t.c.entity_id, t.c.name)
            .where(t.c.entity_id.in_(ids))
            .order_by(t.c.entity_id, t.c.count.desc(), t.c.name)
        )
        for entity_id, name in rows:
            kept = names.setdefault(str(entity_id), [])
            if len(kept) < per_entity:
                kept.append(str(name))
        return names

    @staticmethod
    def _forbidden_many(conn: Connection, candidates: list[str], entity: Entity) -> set[str]:
        """The candidates with a negative judgement against an entity keyed like this one."""
        t = rt.judgements
        if conn.execute(select(t.c.id).where(t.c.judgement == "negative").limit(1)).first() is None:
            return set()
        key = entity_key(entity)
        other = conn.execute(select(schema.entities.c.id).where(schema.entities.c.key == key)).scalars().all()
        if not other:
            return set()
        rows = conn.execute(
            select(t.c.left_id, t.c.right_id).where(
                t.c.judgement == "negative",
                (t.c.left_id.in_(candidates) & t.c.right_id.in_(other))
                | (t.c.right_id.in_(candidates) & t.c.left_id.in_(other)),
            )
        ).all()
        return {str(x) for row in rows for x in row if x in candidates}

    @staticmethod
    def remember(conn: Connection, entity_id: str, entity: Entity) -> None:
        MatchingResolver.remember_many(conn, [(entity_id, entity)], rename=False)

    @staticmethod
    def remember_many(
        conn: Connection, pairs: Sequence[tuple[str, Entity]], rename: bool = True
    ) -> dict[str, str]:
        """Add entities' forms and blocking keys to their canonical entities, in bulk; an entity whose
        display name changed takes that name's id (``rename.rename_ids``). Returns old id → new id."""
        if not pairs:
            return {}
        ids = {entity_id for entity_id, _ in pairs}
        names = rt.entity_names
        known = {
            (str(r[0]), str(r[1]))
            for r in conn.execute(select(names.c.entity_id, names.c.name).where(names.c.entity_id.in_(ids)))
        }
        counts: dict[tuple[str, str], int] = {}
        for entity_id, entity in pairs:
            for form in _forms(entity):
                if fold(form):
                    counts[(entity_id, form)] = counts.get((entity_id, form), 0) + 1
        seen = [{"eid": e, "form": f, "n": n} for (e, f), n in counts.items() if (e, f) in known]
        if seen:
            conn.execute(
                update(names)
                .where(names.c.entity_id == bindparam("eid"), names.c.name == bindparam("form"))
                .values(count=names.c.count + bindparam("n")),
                seen,
            )
        fresh = [
            {"entity_id": e, "name": f, "count": n} for (e, f), n in counts.items() if (e, f) not in known
        ]
        if fresh:
            conn.execute(insert(names), fresh)
        display = rename_display(conn, ids, pairs)
        blocks = rt.entity_blocks
        have = {
            (str(r[0]), str(r[1]))
            for r in conn.execute(
                select(blocks.c.entity_id, blocks.c.block).where(blocks.c.entity_id.in_(ids))
            )
        }
        new: set[tuple[str, str]] = set()
        for entity_id, entity in pairs:
            new.update((entity_id, b) for b in block_keys(entity.type, _forms(entity)))
        new -= have
        if new:
            conn.execute(insert(blocks), [{"block": b, "entity_id": e} for e, b in sorted(new)])
        return rename_ids(conn, display) if rename else {}


__all__ = ["Decision", "MatchingResolver", "canonical"]
