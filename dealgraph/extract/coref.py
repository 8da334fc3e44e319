"""In-article coreference of names: one entity per referent per article.

General rules, in order:
1. Mentions the gazetteer resolved to the same referent are one entity ("Moscow" and "Russia" as states).
2. An acronym defined in parentheses after a name ("Russian Direct Investment Fund (RDIF)") is an alias of
   that name; an acronym equal to the initials of a name in the article joins it.
3. Names equal after folding (case, accents, leading "the", possessive: ``names.text.fold``) are one entity.
4. A one-word person mention ("Dmitriev") joins the full name whose last word it equals or nearly
   equals (machine-translated spellings: "Dmitriyev", "Whitkof"/"Whitkoff"), the nearest preceding one.
   Single words typed otherwise by NER ("Trump" as ORG) are re-typed when they match a person's surname.
5. An organisation name that is a word-prefix of a longer organisation name ("Goldman Sachs" / "Goldman Sachs
   Group Inc.") joins it, and so does one that differs from an earlier name only by a legal form
   ("Lukoil OAO" / "Lukoil").
The entity's type is a vote of its mentions (gazetteer and full person names weigh most); its name is the
gazetteer's canonical name, or the longest mention of the winning type.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from dealgraph.model import Entity, EntityType, Mention
from dealgraph.names.text import fold

ORG_SUFFIXES = {
    "inc",
    "ltd",
    "llc",
    "plc",
    "corp",
    "co",
    "group",
    "ag",
    "sa",
    "se",
    "jsc",
    "pjsc",
    "oao",
    "ooo",
}
ORIGIN_WEIGHT = {"gazetteer": 5, "acronym": 3, "project-rule": 3, "ner": 1}


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def similar_word(a: str, b: str) -> bool:
    """Two spellings of one surname: equal, or close for their length, sharing the first three letters."""
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5 or a[:3] != b[:3]:
        return False
    return edit_distance(a, b) <= (1 if min(len(a), len(b)) < 7 else 2)


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    ref: str | None = None
    ref_name: str | None = None
    aliases: set[str] = field(default_factory=set)

    def vote(self) -> EntityType:
        score: Counter[EntityType] = Counter()
        surnames = {
            fold(m.text.split()[-1]) for m in self.mentions if m.type == "Person" and len(m.text.split()) > 1
        }
        for m in self.mentions:
            weight = ORIGIN_WEIGHT.get(m.origin, 1)
            kind = m.type
            if kind == "Person" and len(m.text.split()) > 1:
                weight += 1
            elif m.origin == "ner" and len(m.text.split()) == 1 and fold(m.text) in surnames:
                kind = "Person"  # rule 4: "Trump" typed ORG is the surname of "Donald Trump"
            score[kind] += weight
        return score.most_common(1)[0][0]

    def name(self, kind: EntityType) -> str:
        if self.ref_name:
            return self.ref_name
        forms = [m.text for m in self.mentions if m.type == kind] or [m.text for m in self.mentions]
        return max(forms, key=lambda f: (len(f.split()), len(f), -forms.index(f)))


@dataclass
class Item:
    mention: Mention
    ref: str | None
    ref_name: str | None


def initials(text: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", text) if w and w[0].isalpha()]
    return "".join(
        w[0] for w in words if w[0].isupper() or w.lower() not in {"of", "and", "for", "the"}
    ).upper()


def cluster(items: list[Item], text: str) -> list[Entity]:
    clusters: list[Cluster] = []
    by_ref: dict[str, Cluster] = {}
    by_norm: dict[str, Cluster] = {}

    def add(item: Item, target: Cluster) -> None:
        target.mentions.append(item.mention)
        by_norm.setdefault(fold(item.mention.text), target)

    for item in sorted(items, key=lambda i: i.mention.start):
        m = item.mention
        key = fold(m.text)
        if not key:
            continue
        if item.ref:
            target = by_ref.get(item.ref) or by_norm.get(key)
            if target is None:
                target = Cluster(ref=item.ref, ref_name=item.ref_name)
                clusters.append(target)
            if target.ref is None:
                target.ref, target.ref_name = item.ref, item.ref_name
            by_ref[item.ref] = target
            add(item, target)
            _define_acronym(m, text, target)
            for alias in target.aliases:
                by_norm.setdefault(fold(alias), target)
            continue
        target = by_norm.get(key) or by_norm.get(_without_legal_form(key, m.type))
        target = target or _acronym_target(m, clusters) or _surname_target(m, clusters)
        target = target or _prefix_target(m, clusters) or _project_target(m, clusters)
        if target is None:
            target = Cluster()
            clusters.append(target)
        add(item, target)
        _define_acronym(m, text, target)
        for alias in target.aliases:  # a known acronym's later mention finds its name ("ЦРУ")
            by_norm.setdefault(fold(alias), target)
    clusters = _merge_late_surnames(clusters)
    return [_entity(i, c) for i, c in enumerate(clusters)]


def _without_legal_form(key: str, kind: EntityType) -> str:
    """An organisation's folded name without its trailing legal form ("lukoil oao" → "lukoil")."""
    words = key.split()
    while kind == "Organization" and len(words) > 1 and words[-1] in ORG_SUFFIXES:
        words.pop()
    return " ".join(words)


def _merge_late_surnames(clusters: list[Cluster]) -> list[Cluster]:
    """A surname used before the full name ("Trump ... Donald Trump"): merge the one-word cluster into
    the only full-name person cluster whose last word it matches."""
    kept: list[Cluster] = []
    for c in clusters:
        words = {fold(m.text) for m in c.mentions}
        if c.ref is None and all(len(w.split()) == 1 for w in words):
            targets = [
                o
                for o in clusters
                if o is not c
                and o.ref is None
                and any(
                    x.type == "Person"
                    and len(x.text.split()) > 1
                    and any(similar_word(fold(x.text.split()[-1]), w) for w in words)
                    for x in o.mentions
                )
            ]
            if len(targets) == 1:
                targets[0].mentions.extend(c.mentions)
                continue
        kept.append(c)
    return kept


def _define_acronym(m: Mention, text: str, target: Cluster) -> None:
    after = text[m.end : m.end + 16]
    match = re.match(r"\s*\(([A-ZА-Я][A-ZА-Я0-9&]{1,9})\)", after)
    if match and len(m.text.split()) > 1:
        target.aliases.add(match.group(1))


def _acronym_target(m: Mention, clusters: list[Cluster]) -> Cluster | None:
    if not re.fullmatch(r"[A-ZА-Я][A-ZА-Я0-9&]{1,9}", m.text):
        return None
    for c in clusters:
        if m.text in c.aliases:
            return c
    for c in clusters:
        if any(len(x.text.split()) > 1 and initials(x.text) == m.text for x in c.mentions):
            return c
    return None


def _surname_target(m: Mention, clusters: list[Cluster]) -> Cluster | None:
    words = m.text.split()
    if len(words) != 1 or not words[0][:1].isupper():
        return None
    word = fold(words[0])
    for c in reversed(clusters):  # nearest preceding first
        if c.ref is None and any(
            x.type == "Person" and len(x.text.split()) > 1 and similar_word(fold(x.text.split()[-1]), word)
            for x in c.mentions
        ):
            return c
    if m.type == "Person":  # a spelling variant of an earlier one-word person mention
        for c in reversed(clusters):
            if c.ref is None and any(
                x.type == "Person" and len(x.text.split()) == 1 and similar_word(fold(x.text), word)
                for x in c.mentions
            ):
                return c
    return None


def _prefix_target(m: Mention, clusters: list[Cluster]) -> Cluster | None:
    if m.type != "Organization":
        return None
    words = fold(m.text).split()
    core = [w for w in words if w not in ORG_SUFFIXES]
    if len(core) < 2:
        return None
    for c in clusters:
        for x in c.mentions:
            other = [w for w in fold(x.text).split() if w not in ORG_SUFFIXES]
            prefix = other[: len(core)] == core or core[: len(other)] == other
            if x.type == "Organization" and other and prefix and min(len(other), len(core)) >= 2:
                return c
    return None


def _project_target(m: Mention, clusters: list[Cluster]) -> Cluster | None:
    """Two phrases for one project: the same head noun and a shared name in their modifiers that is
    not a state's ("US-Russia Joint Mars Mission", "the US-Russia joint Mars exploration mission")."""
    if m.type != "Project":
        return None
    states = {fold(x.text) for c in clusters if c.ref and c.ref.startswith("country:") for x in c.mentions}
    words = fold(m.text).split()
    names = {fold(w) for w in re.findall(r"[A-Z][\w]+", m.text)} - states
    for c in clusters:
        for x in c.mentions:
            if x.type == "Project" and x.origin == m.origin and fold(x.text).split()[-1:] == words[-1:]:
                shared = names & {fold(w) for w in re.findall(r"[A-Z][\w]+", x.text)}
                if any(w not in words[:1] or len(shared) > 1 for w in shared):
                    return c
    return None


def _entity(index: int, c: Cluster) -> Entity:
    kind = c.vote()
    mentions = tuple(
        Mention(m.start, m.end, m.text, kind, m.origin) for m in sorted(c.mentions, key=lambda m: m.start)
    )
    return Entity(
        key=f"e{index}",
        name=c.name(kind),
        type=kind,
        mentions=mentions,
        ref=c.ref,
        aliases=tuple(sorted(c.aliases)),
    )
