"""From tokens to in-article entities: mentions, demonym adjectives, pronouns and proxy nouns.

- A token inside a mention stands for that entity (the longest mention, when nested).
- A demonym adjective stands for its state when the article names that state ("frozen Russian assets").
- "he", "his", "she", "her" stand for the nearest person named before, within two sentences.
- A proxy noun ("officials", "representatives", "companies", "head") stands for the entity that
  modifies it ("US White House officials", "representatives of Rosneft", "American companies").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from dealgraph.extract.gazetteer import Leader
from dealgraph.model import Entity
from dealgraph.names.text import fold

PROXY_NOUNS = {
    "official", "officials", "representative", "representatives", "delegation", "delegations", "side",
    "leadership", "leader", "leaders", "authorities", "government", "administration", "team", "member",
    "members", "company", "companies", "firm", "firms", "business", "businesses", "envoy", "diplomats",
    "diplomat", "spokesman", "spokeswoman", "spokesperson", "executives", "executive", "head",
    "negotiators", "brands", "investors", "banks", "corporations", "corporation", "state", "regime",
    # what a deal is about or what is frozen: "the Sakhalin-1 project", "frozen Russian assets"
    "project", "projects", "deal", "venture", "scheme", "mission", "pipeline", "plant", "field",
    "asset", "assets", "reserve", "reserves", "fund", "funds", "holdings", "property", "money",
    "construction", "development", "building", "exploitation", "owner", "owners", "shareholders",
    # a branch of a state's economy is that state's: "sanctions on Iran's aviation sector"
    "sector", "sectors", "industry", "industries",
    "court", "courts", "ruling", "rulings", "decision", "decisions", "market", "markets", "economy",
    # what someone owns stands for the owner: "assets from the owners of X's logistics centers"
    "center", "centers", "centre", "centres", "facility", "facilities", "factory", "factories", "plants",
    "stores", "offices", "subsidiary", "subsidiaries", "operations", "platform", "platforms", "accounts",
}  # fmt: skip
# Plural nouns for groups of organisations: "these companies" points to a list of them nearby.
GROUP_NOUNS = {
    "companies",
    "firms",
    "brands",
    "businesses",
    "corporations",
    "banks",
    "groups",
    "giants",
    "retailers",
}
# Nouns of relation whose "with" object is the other party: "proposals for cooperation with Washington".
RELATION_NOUNS = {"cooperation", "partnership", "ties", "relations", "deal", "deals", "agreement", "talks"}
# Definite descriptions that point back to the last entity of a type: "the project", "the company".
ANAPHORS = {"project": "Project", "company": "Organization", "fund": "Organization", "country": "Country"}
# head nouns of descriptions of a business ("the fast-food giant", "the Swiss commodity trader", "the
# automaker"): with descriptive modifiers they point back to the last business named
ORG_DESCRIPTIONS = {
    "company", "firm", "giant", "group", "major", "automaker", "carmaker", "manufacturer", "producer",
    "trader", "retailer", "chain", "lender", "insurer", "operator", "depositary", "depository",
    "conglomerate", "corporation", "supplier", "exporter", "importer", "miner", "developer", "maker",
}  # fmt: skip
BUSINESS = {"company", "fund", "exchange", "platform"}  # institution kinds that a business description fits
PRONOUNS = {"he", "his", "him", "she", "her"}
REGION_WORDS = {
    "North",
    "South",
    "Latin",
    "Central",
    "East",
    "West",
    "Eastern",
    "Western",
    "Northern",
    "Southern",
}
MASCULINE = {"he", "his", "him"}
FEMININE = {"she", "her"}
# group nouns that stand for two parties named before, with the entity types to look for, in order
PAIR_NOUNS = {
    "countries": ("Country",),
    "nations": ("Country",),
    "states": ("Country",),
    "sides": ("Country", "Person"),
    "parties": ("Country",),
    "delegations": ("Country",),
    "pair": ("Person", "Country"),
    "leaders": ("Person",),
    "presidents": ("Person",),
}
# A source phrase does not say which project is meant: "a stake in the project from X" is still the project
# named before (X sells the stake).
SOURCE_PREPS = {"from"}


class EntityIndex:
    def __init__(
        self,
        doc: Doc,
        entities: Sequence[Entity],
        adjective_refs: dict[str, str],
        title_heads: frozenset[str] = frozenset(),
        report_verbs: frozenset[str] = frozenset(),
        leaders: Sequence[Leader] = (),
        venues: frozenset[str] = frozenset(),
        kinds: dict[str, str] | None = None,
    ) -> None:
        self.doc = doc
        # verbs of saying (modality.yaml) whose subject an "it" in their complement stands for
        self.report_verbs = report_verbs
        self.types = {e.key: e.type for e in entities}
        by_char: dict[int, tuple[int, str]] = {}
        for e in entities:
            for m in e.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                for tok in span:
                    length = m.end - m.start
                    if tok.i not in by_char or by_char[tok.i][0] < length:
                        by_char[tok.i] = (length, e.key)
        self.token_entity = {i: key for i, (_, key) in by_char.items()}
        ref_keys = {e.ref: e.key for e in entities if e.ref}
        self.adjectives = {adj: ref_keys[ref] for adj, ref in adjective_refs.items() if ref in ref_keys}
        # institutions that are also places ("the talks at the Kremlin"): they may fill a place role
        self.venues = frozenset(ref_keys[ref] for ref in venues if ref in ref_keys)
        # organisations the gazetteer knows are no business (a ministry, a news agency, a court): "the
        # company", "the fast-food giant" never points back to them
        self.not_business = frozenset(
            ref_keys[ref] for ref, kind in (kinds or {}).items() if ref in ref_keys and kind not in BUSINESS
        )
        # person -> (state, head titles) for the known heads of state and government the article names
        # with their state: "President X" then holds that state's office
        self.offices: dict[str, tuple[str, frozenset[str]]] = {}
        by_form = {fold(f): leader for leader in leaders for f in leader.forms}
        surnames: dict[str, list[Leader]] = {}
        for leader in leaders:  # "President Trump": a surname that only one of them has
            for last in {fold(f).split()[-1] for f in leader.forms}:
                surnames.setdefault(last, []).append(leader)
        by_form.update({k: v[0] for k, v in surnames.items() if len(v) == 1 and k not in by_form})
        for e in entities:
            known = next((by_form[fold(m.text)] for m in e.mentions if fold(m.text) in by_form), None)
            if e.type == "Person" and known is not None and known.country in ref_keys:
                self.offices[e.key] = (ref_keys[known.country], known.offices)
        self.person_starts = sorted(
            (m.start, e.key) for e in entities if e.type == "Person" for m in e.mentions
        )
        self.subject_starts = sorted(
            (tok.idx, key)
            for tok in doc
            if tok.dep_ in {"nsubj", "nsubjpass"}
            for key in [self.token_entity.get(tok.i)]
            if key is not None and self.types.get(key) == "Person"
        )
        self.starts_by_type = sorted((m.start, e.type, e.key) for e in entities for m in e.mentions)
        # title word -> (start, person) for each person named right after that title ("RDIF CEO X"),
        # so that "the RDIF CEO" or "the Russian president" later stands for that person
        self.titled: dict[str, list[tuple[int, str]]] = {}
        for e in entities:
            if e.type != "Person":
                continue
            for m in e.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                for t in _title_run(doc, span.start):
                    if t.lower_ in title_heads:
                        self.titled.setdefault(t.lower_, []).append((m.start, e.key))
        # a named project's head noun -> the project, when only one project of the article has it: "the
        # fund", "the infrastructure fund" after "the X Infrastructure Investment Fund"
        heads: dict[str, set[str]] = {}
        for e in entities:
            if e.type == "Project":
                for m in e.mentions:
                    words = fold(m.text).split()
                    if len(words) > 1 and words[-1].isalpha() and words[-1] not in ANAPHORS:
                        heads.setdefault(words[-1], set()).add(e.key)
        self.project_heads = {head: keys.pop() for head, keys in heads.items() if len(keys) == 1}
        self.project_words = {
            e.key: {w for m in e.mentions for w in fold(m.text).split()}
            for e in entities
            if e.type == "Project"
        }
        # person -> the organisation (else state) a ROLE names them with, filled by the event rules: "we" in
        # what they say stands for it
        self.employers: dict[str, str] = {}
        # surface forms of the article's names, for the parts of a hyphenated token ("U.S.-Russian")
        self.surface = {m.text.lower(): e.key for e in entities for m in e.mentions if "-" not in m.text}

    def direct(self, tok: Token, titles: bool = True) -> str | None:
        """The entity one token stands for. ``titles``: a definite title stands for the person named with
        it before ("the RDIF CEO"); reading a title phrase itself wants its words, not that person."""
        key = self.token_entity.get(tok.i)
        if key is not None:
            return key
        if tok.text in self.adjectives:
            if tok.i > 0 and tok.doc[tok.i - 1].text in REGION_WORDS:
                return None  # "North American leaders", "Latin American", "South African": a region
            return self.adjectives[tok.text]
        if tok.lower_ in PRONOUNS:
            return self._antecedent(tok)
        if tok.lower_ in {"its", "their"} and tok.dep_ == "poss":
            bound = self._clause_subject(tok)
            if bound is not None:
                return bound
        if tok.lower_ in {"it", "its"}:
            return self._reporter_antecedent(tok)
        if (
            tok.lower_ in ANAPHORS
            and any(c.lower_ == "the" for c in tok.children)
            and not any(
                c.dep_ in {"compound", "amod", "poss"} or (c.dep_ == "prep" and c.lower_ not in SOURCE_PREPS)
                for c in tok.children
            )
        ):
            return self._last_of_type(tok, ANAPHORS[tok.lower_])
        if tok.lower_ in self.project_heads and tok.pos_ == "NOUN":
            return self._project_description(tok)
        if tok.lower_ in ORG_DESCRIPTIONS and self._description(tok):
            return self._last_business(tok)
        if (
            titles
            and tok.lower_ in self.titled
            and tok.dep_ != "appos"  # "X, the president of Y": a description of X, not someone before
            and any(c.lower_ == "the" and c.dep_ == "det" for c in tok.children)
        ):
            # "the RDIF CEO", "the Russian president": the last person named with that title before
            before = [key for start, key in self.titled[tok.lower_] if start < tok.idx]
            return before[-1] if before else None
        return None

    def _project_description(self, tok: Token) -> str | None:
        """ "the fund", "a joint investment fund", "the infrastructure fund": the article's one named project
        with that head noun, named before; the description's words must be the name's (or "joint",
        "bilateral") and it must not name another owner or place ("Chile's fund", "a fund in Peru")."""
        key = self.project_heads[tok.lower_]
        if tok.dep_ == "poss" and tok.head.lower_ in {"owner", "owners", "operator", "operators"}:
            return None  # "the pipeline's owner" is someone else, whom the text does not name here
        if not any(start < tok.idx and k == key for start, _, k in self.starts_by_type):
            return None
        definite = any(c.lower_ in {"the", "this", "that"} and c.dep_ == "det" for c in tok.children)
        modifiers = [c for c in tok.children if c.dep_ in {"compound", "amod", "nmod", "poss"}]
        if any(c.i in self.token_entity or c.pos_ in {"PROPN", "PRON"} for c in modifiers):
            return None
        if any(c.dep_ in {"prep", "relcl", "acl"} for c in tok.children) and not definite:
            return None
        words = {c.lower_ for c in modifiers} - {"joint", "bilateral"}
        if words - self.project_words[key] or not (definite or modifiers):
            return None
        return key

    def speaking_for(self, speaker: str | None) -> list[str]:
        """Whom "we" stands for in what ``speaker`` says: an organisation or state speaks for itself, a
        person for the organisation (else the state) the article names them with."""
        if speaker is None:
            return []
        if self.types.get(speaker) in {"Organization", "Country"}:
            return [speaker]
        employer = self.employers.get(speaker)
        return [employer] if employer is not None else []

    def _clause_subject(self, tok: Token) -> str | None:
        """ "Vitol was founded by X, its chairman": a possessive "its" or "their" is the organisation or
        state that is the subject of its clause (never a person: "X praised Russia and its leader")."""
        verb = tok.head
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child.i < tok.i:
                key = self.token_entity.get(child.i)
                if key is not None and self.types.get(key) in {"Organization", "Country"}:
                    return key
        return None

    def _description(self, tok: Token) -> bool:
        """ "the Swiss commodity trader", "the fast-food giant": a definite noun whose modifiers are words,
        not names, and that is no title before a name ("the company's CEO X")."""
        if not any(c.lower_ == "the" and c.dep_ == "det" for c in tok.children):
            return False
        if tok.dep_ in {"compound", "appos"} or (
            tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ == "PROPN"
        ):
            return False
        for child in tok.children:
            if child.dep_ in {"compound", "amod", "nmod"} and (
                child.i in self.token_entity or child.pos_ == "PROPN"
            ):
                return False
            # a non-restrictive relative clause adds to the description, a restrictive one says which
            if (child.dep_ in {"poss", "relcl", "acl"} and not aside(child)) or (
                child.dep_ == "prep" and child.lower_ not in SOURCE_PREPS
            ):
                return False
        return True

    def _last_business(self, tok: Token) -> str | None:
        """The business a description points back to, in this sentence or the two before: the last one
        that was a subject, else the last one named; never a known non-business (a ministry, a news agency
        that "reported") nor the subject of a verb of saying."""
        first = tok.sent.start
        for _ in range(2):
            first = tok.doc[first - 1].sent.start if first > 0 else first
        subject = named = None
        for t in tok.doc[first : tok.i]:
            key = self.token_entity.get(t.i)
            if key is None or self.types.get(key) != "Organization" or key in self.not_business:
                continue
            head = t
            while head.dep_ in {"compound", "appos", "flat"} and head.head.i != head.i:
                head = head.head
                if self.token_entity.get(head.i) not in {None, key}:
                    break  # "Nestle chief X said": a modifier of someone else's title, named here
            if self.token_entity.get(head.i) not in {None, key}:
                named = key
                continue
            if head.dep_ in {"nsubj", "nsubjpass"} and head.head.lemma_ in self.report_verbs:
                continue  # "news agency X reported"
            named = key
            if head.dep_ in {"nsubj", "nsubjpass"}:
                subject = key
        return subject or named

    def _last_of_type(self, tok: Token, kind: str) -> str | None:
        """ "the project": the last project named before, in this sentence or the one before."""
        window = tok.doc[max(0, tok.sent.start - 1)].sent.start_char
        best = None
        for start, type_, key in self.starts_by_type:
            if window <= start < tok.idx and type_ == kind:
                best = key
        return best

    def _reporter_antecedent(self, tok: Token) -> str | None:
        """ "it" / "its" in what an organisation or state says stands for the speaker: "Lukoil said it
        agreed to the deal", "X announced that it is withdrawing its offer". Only there: an "it" elsewhere
        is left unresolved."""
        node = tok
        for _ in range(8):
            head = node.head
            if head.i == node.i:
                return None
            if head.lemma_ in self.report_verbs and node.dep_ in {"ccomp", "xcomp", "advcl", "conj", "dobj"}:
                for child in head.children:
                    if child.dep_ == "nsubj":
                        key = self.token_entity.get(child.i)
                        if key is not None and self.types.get(key) in {"Organization", "Country"}:
                            return key
                return None
            node = head
        return None

    def _antecedent(self, tok: Token, depth: int = 0) -> str | None:
        """The most recent person who was a subject, in this sentence or the one before (the salient
        one, as in centering theory); else the most recent person named there; else, when the sentence
        before speaks of the same "he" or "she" as its subject, whom that one stands for (a chain of
        pronouns: "X said ... . He said ... . He added: ...")."""
        sent_start = tok.sent.start
        previous = tok.doc[max(0, sent_start - 1)].sent.start_char if sent_start > 0 else tok.sent.start_char
        for candidates in (self.subject_starts, self.person_starts):
            best = None
            for start, key in candidates:
                if previous <= start < tok.idx:
                    best = key
            if best is not None:
                return best
        if depth < 3 and sent_start > 0 and not in_quotes(tok):
            same = MASCULINE if tok.lower_ in MASCULINE else FEMININE
            before = tok.doc[sent_start - 1].sent
            chained = [t for t in before if t.lower_ in same and t.dep_ in {"nsubj", "nsubjpass"}]
            if chained:
                return self._antecedent(chained[-1], depth + 1)
        return None

    def resolve(self, tok: Token, conjuncts: bool = True) -> list[str]:
        """The entities a slot's head token stands for, with its coordinated siblings (unless not
        ``conjuncts``)."""
        keys: list[str] = []
        for t in [tok, *(_conjuncts(tok) if conjuncts else [])]:
            pair = self._pair(t)
            if pair:
                keys.extend(k for k in pair if k not in keys)
                continue
            key = self.direct(t)
            if key is None:
                parts = self._hyphen_parts(t)  # "U.S.-Russian talks": both states
                keys.extend(k for k in parts if k not in keys)
                if parts:
                    continue
            if key is None:
                listed = self._listed(t)  # "corporations such as X, Y and Z"
                keys.extend(k for k in listed if k not in keys)
                if listed:
                    continue
            if key is None:
                # "the Belgian agency, the European Clearing Center": the apposition names it, with the
                # names coordinated with it ("a special envoy X, Y and Z")
                named = self._appositions(t)
                if named:
                    key = named[0]
                    keys.extend(k for k in named[1:] if k not in keys)
            if key is None and t.pos_ in {"NOUN", "PROPN"}:
                via = self._via_modifiers(t)
                keys.extend(k for k in via[1:] if k not in keys)
                key = via[0] if via else None
            if key is None and t.lower_ in GROUP_NOUNS:
                group = self._group(t)
                keys.extend(k for k in group if k not in keys)
                continue
            if key is not None and key not in keys:
                keys.append(key)
        return keys

    def _appositions(self, tok: Token) -> list[str]:
        """The names in apposition to a noun, through a list the parser chains by appositions and
        conjuncts: "the envoy X, the banker Y and Z" (X is the envoy's apposition, the banker X's, Y the
        banker's, Z a conjunct of Y)."""
        found: list[str] = []
        frontier = [c for c in tok.children if c.dep_ == "appos"]
        for _ in range(6):
            following: list[Token] = []
            for t in frontier:
                key = self.direct(t)
                if key is not None and key not in found:
                    found.append(key)
                following.extend(c for c in t.children if c.dep_ in {"appos", "conj"})
            if not following:
                break
            frontier = following
        return found

    def _hyphen_parts(self, tok: Token) -> list[str]:
        """The entities named by the parts of one hyphenated token: "U.S.-Russian", "EU-China"."""
        if "-" not in tok.text and "–" not in tok.text:
            return []
        keys: list[str] = []
        for part in tok.text.replace("–", "-").split("-"):
            key = self.adjectives.get(part) or self.surface.get(part.lower())
            if key is None:
                return []  # every part must name something: "Russian-speaking" is no pair
            if key not in keys:
                keys.append(key)
        return keys

    def _pair(self, tok: Token) -> list[str]:
        """Group referents for two parties named before, in this sentence or the two before it: "the two
        countries", "both nations" (the last two states); "the two sides", "both sides", "the sides", "the
        delegations", "the pair" (the last two states, else the last two people); "the two leaders", "both
        presidents" (the last two people)."""
        word = tok.lower_
        if word not in PAIR_NOUNS:
            return []
        two = any(c.dep_ == "nummod" and c.lower_ == "two" for c in tok.children) and any(
            c.lower_ in {"the", "these", "those"} for c in tok.children
        )
        both = any(c.lower_ == "both" and c.dep_ in {"det", "predet"} for c in tok.children)
        definite = word in {"sides", "delegations", "pair"} and any(
            c.lower_ == "the" and c.dep_ == "det" for c in tok.children
        )
        if not (two or both or definite):
            return []
        first_sent = tok.sent.start
        for _ in range(2):
            if first_sent > 0:
                first_sent = tok.doc[first_sent - 1].sent.start
        window = tok.doc[first_sent].idx
        for kind in PAIR_NOUNS[word]:
            found: list[str] = []
            for start, type_, key in reversed(self.starts_by_type):
                if window <= start < tok.idx and type_ == kind and key not in found:
                    found.append(key)
                if len(found) == 2:
                    return found[::-1]  # in the order they were named
        return []

    def _group(self, tok: Token) -> list[str]:
        """Set anaphora for groups of organisations. "these brands" / "those companies" stand for the
        organisations listed in the nearest sentence before (or this one) that names two or more; a bare
        plural ("companies that have left") stands for a list the next sentence introduces with "These
        companies ...". Single names are not groups."""
        sents = list(tok.doc.sents)
        here = next(i for i, s in enumerate(sents) if s.start <= tok.i < s.end)
        demonstrative = any(c.lower_ in {"these", "those"} for c in tok.children)
        if demonstrative:
            order = [here, here - 1, here - 2]
        elif (
            here + 1 < len(sents)
            and sents[here + 1][0].lower_ in {"these", "those"}
            and any(t.lower_ in GROUP_NOUNS for t in sents[here + 1][:3])
        ):
            order = [here + 1]
        else:
            return []
        for i in order:
            if not 0 <= i < len(sents):
                continue
            orgs: list[str] = []
            for t in sents[i]:
                key = self.token_entity.get(t.i)
                if (
                    key is not None
                    and self.types.get(key) == "Organization"
                    and key not in orgs
                    and t.i != tok.i
                ):
                    orgs.append(key)
            if len(orgs) >= 2:
                return orgs
        return []

    def _listed(self, tok: Token) -> list[str]:
        if tok.pos_ not in {"NOUN", "PROPN"}:
            return []
        for prep in tok.children:
            if prep.dep_ == "prep" and (
                prep.lower_ == "including"
                or (prep.lower_ == "like" and tok.tag_ in {"NNS", "NNPS"})  # "an opponent like X" compares
                or (prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children))
            ):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return [k for t in [obj, *_conjuncts(obj)] for k in [self.direct(t)] if k]
        return []

    def _via_modifiers(self, tok: Token, depth: int = 0) -> list[str]:
        """The entities a proxy noun stands for through its modifiers: the nearest named modifier with
        its coordinated siblings ("the centers of A and B's firm": A, B), or a proxy modifier in turn
        ("Russian court rulings": the rulings of the Russian court)."""
        if tok.lower_ in ORG_DESCRIPTIONS and tok.lower_ not in PROXY_NOUNS:
            # "the Clearstream depository", "the Vitol trading house": the organisation named before its kind
            named = [self.direct(c) for c in tok.lefts if c.dep_ == "compound"]
            return [k for k in named if k is not None and self.types.get(k) == "Organization"][:1]
        if tok.lower_ not in PROXY_NOUNS | RELATION_NOUNS and tok.lemma_.lower() not in PROXY_NOUNS:
            return []
        if tok.tag_ == "NN" and any(c.lower_ in {"a", "an", "one"} for c in tok.children):
            return []  # "an American official" is one unnamed person, not the state
        modifiers = [c for c in tok.lefts if c.dep_ in {"compound", "amod", "nmod", "poss"}]
        for child in reversed(modifiers):  # the nearest to the head first
            keys = [k for t in [child, *_conjuncts(child)] for k in [self.direct(t)] if k is not None]
            if not keys and depth < 2 and child.pos_ == "NOUN":
                keys = self._via_modifiers(child, depth + 1)
            if keys:
                return list(dict.fromkeys(keys))
        preps = {"of", "from", "at"} | ({"with"} if tok.lower_ in RELATION_NOUNS else set())
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ in preps:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        keys = self.resolve(obj)
                        if keys:
                            return keys
        return []


QUOTE_MARKS = {'"', "“", "”", "«", "»"}
ASIDE_MARKS = {",", "—", "–", "(", "-"}


def in_quotes(tok: Token) -> bool:
    """Whether a token stands inside a quotation opened earlier in its sentence: someone's words."""
    before = tok.doc.text[tok.sent.start_char : tok.idx]
    return sum(before.count(q) for q in QUOTE_MARKS) % 2 == 1


def aside(tok: Token) -> bool:
    """A verb of a non-restrictive relative clause ("the automaker, which sold its stake in X, would ..."):
    it adds to what its noun describes, in the article's own voice; a restrictive one ("the company that
    makes X") says which one is meant."""
    return tok.dep_ == "relcl" and tok.left_edge.i > 0 and tok.doc[tok.left_edge.i - 1].text in ASIDE_MARKS


def _title_run(doc: Doc, start: int) -> list[Token]:
    """The words right before a name that may hold its titles: back to a verb or a clause's punctuation,
    at most 12 ("RDIF CEO and special presidential envoy for economic cooperation X")."""
    words: list[Token] = []
    for t in reversed(doc[max(0, start - 12) : start]):
        if t.pos_ in {"VERB", "AUX"} or t.text in {",", ".", ";", ":", '"', "“", "”"} or t.is_space:
            break
        words.append(t)
    return words


def _conjuncts(tok: Token) -> list[Token]:
    result = []
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        t = stack.pop(0)
        result.append(_possessed(t))
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return result


def _possessed(tok: Token) -> Token:
    """A conjunct that is a possessor ("A and Donald Trump's son-in-law Jared Kushner", where the parser
    makes "Trump" the conjunct) stands for the name it possesses: the next proper noun after its "'s"
    within a few words, else itself."""
    if not any(c.tag_ == "POS" for c in tok.children):
        return tok
    for t in tok.doc[tok.i + 2 : tok.i + 10]:
        if (t.is_punct and t.text not in {"-", "–"}) or t.pos_ in {"VERB", "AUX", "CCONJ"}:
            break
        if t.pos_ == "PROPN" and (t.i + 1 == len(t.doc) or t.doc[t.i + 1].pos_ != "PROPN"):
            return t  # the last word of the name
    return tok
