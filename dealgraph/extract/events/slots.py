"""Syntactic slots around a trigger: who is its subject, object, dative, possessor, prepositional objects.

Subjects are found where English puts them, not only as the trigger's own ``nsubj``: through control
verbs ("X wants to invest": X), passives ("were instructed to prepare proposals": the passive subject of
the governing verb), relative clauses ("companies that have left": companies), and for nominal triggers
by walking up to the nearest verb's subject or to the name the phrase hangs on ("Putin and Trump at a
meeting in Hamburg").
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Token

SUBJ = {"nsubj", "csubj"}
# verbs whose object does what their infinitive says: "asked X to", "would require X to lift sanctions"
OBJECT_CONTROL = {
    "ask", "instruct", "order", "tell", "urge", "allow", "invite", "force", "push", "require", "persuade",
    "convince", "encourage", "compel", "press", "pressure", "permit", "enable", "authorize", "authorise",
}  # fmt: skip
DITRANSITIVE = {"offer", "give", "grant", "promise", "hand", "send", "sell"}
PLAN_NOUNS = {
    "plan",
    "plans",
    "decision",
    "proposal",
    "attempt",
    "intention",
    "offer",
    "bid",
    "effort",
    "move",
}
# prepositions the parser attaches to the object of an object's preposition rather than to the object:
# "acquire a stake in X from Y", "sign a deal on X with Y"
NESTED_PREPS = {"from", "with"}
ADJUNCT_PREPS = {"during", "at", "in", "on", "after", "before", "since", "ahead"}
# frame verbs whose object, with the event as subject, is who takes part: "the talks included X and Y",
# "the summit brought together X and Y"
INCLUDE_VERBS = {"include", "involve", "feature", "bring"}
# verbs whose subject is the event a nominal trigger names, and whose own phrases belong to it: "the
# meeting took place in Miami and was attended by X", "the talks were held in Istanbul", "talks led by X"
FRAME_VERBS = {
    "take", "happen", "occur", "hold", "host", "attend", "lead", "chair", "organize", "organise",
    "conclude", "end", "begin", "start", "open", "continue", "resume", "mediate", "broker", "schedule",
    "plan", "set", "arrange", "accompany", "sign", "reach", "conduct", "finalize", "finalise", "involve",
} | INCLUDE_VERBS  # fmt: skip
# what someone says something in, not an event with the other party: "in an interview with X"
SPEECH_NOUNS = {
    "interview", "speech", "conversation", "call", "statement", "address", "remarks", "podcast", "show",
    "op-ed", "article", "post", "letter", "briefing", "conference",
}  # fmt: skip
# verbs of weighing an action of one's own: "X is exploring a return to Belarus", "X eyes a stake in Y"
# (their modality cue, modality.yaml, makes the event hedged)
WEIGH_VERBS = {"explore", "consider", "weigh", "eye", "mull", "contemplate", "study", "evaluate", "assess"}
# verbs of taking part: their subject is a party to the event named by the object of their "in"
# ("X took part in the talks", "X played a leading role in the negotiations", "X participated in")
PARTAKE_VERBS = {"participate", "partake", "engage", "involve", "play", "take", "join", "lead"}
LIGHT_VERBS = {
    "hold", "have", "conduct", "start", "begin", "resume", "continue", "launch", "make", "sign", "reach",
    "seek", "pursue", "enter", "join", "announce", "restart", "file", "impose", "lift", "ease",
    "finalize", "finalise", "complete", "open", "attend", "lead", "chair", "host", "organize",
    "organise", "co-chair", "broker", "mediate", "arrange", "convene", "schedule", "plan", "set",
    "hammer", "strike", "ink", "secure", "forge", "clinch", "unveil", "present", "submit",
    "put", "table", "offer", "extend", "send", "deliver", "pay", "do", "wrap", "sponsor", "introduce",
    "adopt", "pass", "draft", "take", "approve",
    # stating a stance is holding it: "X voiced its opposition to Y", "X reiterated its offer"
    "voice", "express", "reiterate", "restate", "reaffirm", "signal", "repeat",
    # developing a relation is having it: "X is ready to restore cooperation with Y"
    "restore", "expand", "broaden", "deepen", "develop", "strengthen", "boost", "establish", "build",
    "intensify", "renew", "revive",
}  # fmt: skip


def subject_of(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The subject tokens of a verb and whether they are the passive "by" agent."""
    subjects = [c for c in verb.children if c.dep_ in SUBJ]
    if subjects:
        # "Head of the Fund Ivan Petrov said": the parser splits the title and the name into two
        # subjects; the one nearest the verb is the name
        child = max(subjects, key=lambda c: c.i) if all(c.i < verb.i for c in subjects) else subjects[0]
        if child.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
            return [verb.head], False  # "companies that have left": the companies
        return [child], False
    for child in verb.children:
        if child.dep_ == "agent":
            return [c for c in child.children if c.dep_ == "pobj"], True
    if depth > 3 or any(c.dep_ == "nsubjpass" for c in verb.children):
        # a passive names its doer with "by" or not at all: "X left after sanctions were imposed on Y"
        # is no sanction by X
        return [], False
    if verb.dep_ in {"xcomp", "conj", "advcl", "ccomp", "acomp"} and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "xcomp":
            # object control: "instructed X to", "asked X to"; passive: "X were instructed to"
            for child in head.children:
                if child.dep_ == "nsubjpass":
                    return [child], False
            for child in head.children:
                if child.dep_ in {"dobj", "dative"} and head.lemma_ in OBJECT_CONTROL:
                    return [child], False
        if verb.dep_ != "ccomp" or head.pos_ == "ADJ":
            return subject_of(head, depth + 1)
    if verb.dep_ == "relcl":
        return [verb.head], False
    if verb.dep_ in {"acl", "xcomp"} and verb.head.lower_ in PLAN_NOUNS:
        # "the EU's plan to transfer ...": the planner is the possessor; "X withdrew its offer to buy":
        # "its" is the subject of the clause the plan is the object of
        noun = verb.head
        owners = [c for c in noun.children if c.dep_ == "poss"]
        if [o.lower_ for o in owners] in (["its"], ["their"]) and noun.dep_ == "dobj" and depth <= 3:
            return subject_of(noun.head, depth + 1)
        return owners, False
    if verb.dep_ == "pcomp" and verb.head.head.pos_ == "ADJ" and verb.head.head.dep_ == "acomp":
        # "X is interested in acquiring Y": the adjective's subject
        return subject_of(verb.head.head.head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ in {"VBG", "VBN"}:
        return [verb.head], False
    return [], False


def passive_subject(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "nsubjpass"]


def prep_objects(tok: Token) -> dict[str, list[Token]]:
    """ "with X", "between X and Y": preposition → its objects, also through a trailing "of"."""
    result: dict[str, list[Token]] = defaultdict(list)
    for child in tok.children:
        preposition = child.dep_ in {"prep", "dative"} and child.pos_ == "ADP"
        if preposition or (child.dep_ == "prt" and child.lower_ in {"to", "with"}):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    result[child.lower_].append(obj)
    return result


def nominal_agent(noun: Token, attitude: bool = False) -> list[Token]:
    """Who holds talks, makes an offer: the possessor, else up the tree to a verb's subject or a name.
    With ``attitude`` (a noun of wanting: "interest in working with"), whoever has, states or confirms it
    is the agent: the subject of any verb it is the object of."""
    for child in noun.children:
        # a pronoun possessor stands for whoever holds the event only as the object of a light verb
        # ("they will hold their summit"); elsewhere it is resolved as a pronoun ("their criticism of X")
        held = noun.dep_ == "dobj" and noun.head.lemma_ in LIGHT_VERBS
        if child.dep_ == "poss" and not (child.pos_ == "PRON" and held):
            return [child]
    tok = noun
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            return []
        if head.dep_ == "prep" and head.lower_ in {"including", "like"} and head.head.pos_ == "NOUN":
            return [head.head]  # "including" tagged as a verb: the same as below
        if head.pos_ in {"VERB", "AUX"} and tok.dep_ == "dobj" and head.lemma_ in DITRANSITIVE:
            # "Chile offered Peru a share in X": the share would be the recipient's
            given = [c for c in head.children if c.dep_ == "dative" and c.pos_ != "ADP"]
            if given:
                return given
        if head.pos_ in {"VERB", "AUX"}:
            # "X held talks", "X made an offer" (a light verb), "X spoke during a visit", "X is in talks":
            # the verb's subject is the agent; "X opposed the seizure" is no seizure by X.
            weighed = (
                head.lemma_ in WEIGH_VERBS
                and tok.i == noun.i
                # "considered a deal likely": a forecast about others, not weighing one's own deal
                and not any(c.dep_ in {"oprd", "ccomp", "xcomp", "acomp"} for c in head.children)
            )
            light = (
                head.lemma_ in LIGHT_VERBS or weighed or (attitude and tok.i == noun.i)
            ) and tok.dep_ in {
                "dobj",
                "attr",
                "nsubjpass",
                "acomp",  # "X is ready to cooperate with Y": the subject of "is"
            }
            partake = tok.dep_ in {"prep", "dobj"} and head.lemma_ in PARTAKE_VERBS
            if partake and (tok.lower_ == "in" or tok.lemma_ in {"role", "part"}):
                light = True
            adjunct = tok.dep_ == "prep" and tok.lower_ in ADJUNCT_PREPS
            if light or adjunct or tok.dep_ == "attr":
                subj, _ = subject_of(head)
                return subj
            return []
        if tok.dep_ == "prep" and tok.lower_ == "in" and head.lemma_ in {"role", "part", "participation"}:
            tok = head  # "X played a role in the talks": on to X
            continue
        if tok.dep_ == "prep" and tok.lower_ in {"including", "like"} and head.pos_ == "NOUN":
            return [head]  # "court rulings, including the expropriation of ...": the rulings' author
        if (
            tok.dep_ in {"pobj", "prep"}
            and head.pos_ in {"NOUN", "PROPN"}
            and head.dep_ in {"appos", "conj", "ROOT", "nsubj", "dobj"}
        ):
            if head.pos_ == "PROPN":
                return [head]
            if head.dep_ in {"appos", "conj"}:
                anchor = head
                while anchor.dep_ in {"appos", "conj"} and anchor.head.i != anchor.i:
                    anchor = anchor.head
                return [anchor]
        tok = head
    return []


def slots_for(
    trigger: Token,
    nominal: bool,
    required_object: Token | None,
    object_preps: bool = False,
    attitude: bool = False,
) -> dict[str, list[Token]]:
    """Slot → head tokens. With ``object_preps``, prepositions on the direct object count too
    ("acquire a stake in X from Y")."""
    slots: dict[str, list[Token]] = defaultdict(list)
    if nominal:
        holder = _holder(trigger)
        if holder is None:  # what is under sanctions is not who imposes them
            slots["subj"].extend(nominal_agent(trigger, attitude))
        else:
            # "X is under US sanctions", "the tanker X, under sanctions since 2022", "X has been the target
            # of sanctions from Y", "X is subject to sanctions": X is what is under them
            if holder.pos_ in {"VERB", "AUX"}:
                slots["under"].extend(subject_of(holder)[0])
            elif holder.pos_ in {"NOUN", "PROPN"}:
                slots["under"].append(holder)
        for child in trigger.children:
            if child.dep_ == "poss":
                slots["poss"].append(child)
            elif child.dep_ in {"compound", "amod", "nmod"}:
                partners = _hyphen_partners(child)
                joined = "-" in child.text[1:-1] and not child.text[-1].isdigit()  # "U.S.-Russian"
                slots["hyphen" if partners or joined else "compound"].extend([*partners, child])
    else:
        subj, _ = subject_of(trigger)
        slots["subj"].extend(subj)
        slots["passive_subj"].extend(passive_subject(trigger))
        if trigger.tag_ == "VBN" and trigger.dep_ == "acomp":
            # "the project is majority-owned by X": a participle after "be" is a passive of its subject
            slots["passive_subj"].extend(subject_of(trigger.head)[0])
        for child in trigger.children:
            if child.dep_ == "dobj" and (required_object is None or child.i != required_object.i):
                slots["obj"].append(child)
            elif child.dep_ == "dative" and child.pos_ != "ADP":
                slots["dative"].append(child)
        if trigger.lemma_ in DITRANSITIVE and not slots["dative"]:
            # "offered Washington access to ...": the small parser makes the recipient a compound of
            # the object; a proper noun first in the object phrase of a giving verb is the recipient
            for obj in slots["obj"]:
                first = next(iter(obj.lefts), None)
                if first is not None and first.dep_ in {"compound", "nmod"} and first.tag_ in {"NNP", "NNPS"}:
                    slots["dative"].append(first)
        slots["purpose"].extend(_met_for(trigger))
        slots["topic"].extend(_question_topics(trigger))
        if trigger.tag_ == "VBN" and (trigger.dep_ == "amod" or (trigger.dep_ == "acl" and slots["subj"])):
            # "the frozen assets", "the pipeline, owned by X": what is frozen, what is owned
            slots["obj"].append(trigger.head)
            # "the US-sanctioned project": the name joined by a hyphen is who did it
            slots["hyphen"].extend(
                c
                for c in trigger.children
                if c.i == trigger.i - 2 and trigger.doc[c.i + 1].text == "-" and c.pos_ == "PROPN"
            )
        if required_object is not None:
            # "U.S. sanctions were imposed on X", "lifted EU sanctions": who the sanctions are of
            slots["obj_mod"].extend(
                c for c in required_object.children if c.dep_ in {"compound", "poss", "amod"}
            )
    for prep, objects in prep_objects(trigger).items():
        slots["prep:" + prep].extend(objects)
        if not nominal and prep in {"in", "on"}:
            # "will cooperate in copper supplies with X": the parser hangs the partner on the phrase (not
            # "discussed X in an interview with Y": an interviewer is no party)
            for inner in (o for o in objects if o.lemma_.lower() not in SPEECH_NOUNS):
                for nested, found in prep_objects(inner).items():
                    if nested in NESTED_PREPS and not slots.get("prep:" + nested):
                        slots["prep:" + nested].extend(found)
        if nominal and prep != "between":
            # "the meeting in Alaska between A and B": the parser hangs the parties under the place
            for inner in objects:
                slots["prep:between"].extend(prep_objects(inner).get("between", []))
    if nominal and not slots["prep:between"]:
        # "the agreement on establishing a fund between A and B": under the object of a gerund
        for marker in (c for c in trigger.children if c.dep_ == "prep"):
            for gerund in (c for c in marker.children if c.dep_ == "pcomp" and c.tag_ == "VBG"):
                for obj in (c for c in gerund.children if c.dep_ == "dobj"):
                    slots["prep:between"].extend(prep_objects(obj).get("between", []))
    carrier = _carrier(trigger) if nominal else None
    if carrier is not None:
        # "announced the imposition of (blocking) sanctions on X": the phrases and the agent of the noun
        # that carries the event are the event's
        if not slots["subj"]:
            slots["subj"].extend(nominal_agent(carrier))
        for prep, objects in prep_objects(carrier).items():
            if prep != "of":
                slots["prep:" + prep].extend(objects)
    if nominal and trigger.dep_ == "compound" and trigger.head.pos_ == "NOUN":
        # "the EU sanctions package against Russia", "a peace talks venue in Riyadh": the phrases of the
        # noun the trigger modifies are the trigger's
        for prep, objects in prep_objects(trigger.head).items():
            slots["prep:" + prep].extend(objects)
    if nominal:
        for verb in frame_verbs(trigger):
            for prep, objects in prep_objects(verb).items():
                if prep == "by":
                    continue  # a passive's agent: below
                inside = [o for o in objects if o.i != trigger.i and not o.is_ancestor(trigger)]
                slots["prep:" + prep].extend(inside)
            for child in verb.children:
                if child.dep_ == "agent":  # "was attended by X", "talks led by X"
                    slots["subj"].extend(c for c in child.children if c.dep_ == "pobj")
                elif child.dep_ == "dobj" and verb.lemma_ in INCLUDE_VERBS and trigger.dep_ == "nsubj":
                    together = verb.lemma_ != "bring" or any(c.lower_ == "together" for c in verb.children)
                    # "included, on the Chilean side, X and Y": one side's people are not each other's
                    # counterparts
                    one_side = any(o.lemma_ == "side" for os in prep_objects(verb).values() for o in os)
                    if together and not one_side:
                        slots["subj"].append(child)
    objects = [required_object] if required_object is not None else []
    if not nominal and object_preps:
        objects += [c for c in trigger.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    for obj in objects:
        for prep, found in _object_preps(obj).items():
            slots["prep:" + prep].extend(found)
    clause = complement_clause(trigger)
    if clause is not None:
        # "negotiating to acquire a stake in X from Y", "interest in working with Y on X": the arguments
        # of the complement clause, and of its object
        for prep, found in prep_objects(clause).items():
            slots["clause:" + prep].extend(found)
        for obj in (c for c in clause.children if c.dep_ == "dobj" and c.pos_ == "NOUN"):
            for prep, found in _object_preps(obj).items():
                slots["clause:" + prep].extend(found)
    return slots


# nouns that carry an event named in their "of" phrase: "the imposition of sanctions on X by Y"
CARRIER_NOUNS = {
    "imposition", "introduction", "adoption", "announcement", "lifting", "easing", "removal", "extension",
    "expansion", "tightening", "approval", "start", "launch", "resumption", "conclusion", "signing",
}  # fmt: skip


def _carrier(trigger: Token) -> Token | None:
    """The noun whose "of" phrase holds a nominal trigger, directly or through a gerund the parser made
    of a modifier ("the imposition of blocking sanctions")."""
    tok = trigger
    if tok.dep_ == "dobj" and tok.head.dep_ == "pcomp" and tok.head.tag_ == "VBG":
        tok = tok.head
    if tok.dep_ in {"pobj", "pcomp"} and tok.head.lower_ == "of" and tok.head.head.lemma_ in CARRIER_NOUNS:
        return tok.head.head
    return None


WH_WORDS = {"how", "whether", "what", "which", "when", "where", "why", "who"}


def _question_topics(verb: Token) -> list[Token]:
    """The names inside a question a verb takes as its object: "discussed how to make X operational",
    "talked about whether to sell X" (what the discussion is about)."""
    found: list[Token] = []
    for child in verb.children:
        clause = child
        if child.dep_ == "prep" and child.lower_ in {"about", "on", "over"}:
            clause = next((c for c in child.children if c.dep_ == "pcomp"), child)
        if clause.dep_ not in {"xcomp", "ccomp", "pcomp"}:
            continue
        if any(t.lower_ in WH_WORDS and t.i < clause.i for t in clause.subtree):
            found.extend(t for t in clause.subtree if t.pos_ in {"PROPN", "NOUN"} and t.head.pos_ != "PROPN")
    return found


MEETING_VERBS = {"meet", "hold", "have", "host", "receive"}  # not "visit": "visited NBC's show to discuss"


def _met_for(verb: Token) -> list[Token]:
    """Whom the meeting a verb is the purpose of was with: "held a meeting with X to discuss Y", "met X to
    discuss Y", "hosted X to negotiate": X, with whom the discussion is."""
    purpose = verb.dep_ in {"advcl", "xcomp"} and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )
    head = verb.head
    if not purpose or head.lemma_.lower() not in MEETING_VERBS:
        return []
    found = [o for o in head.children if o.dep_ == "dobj" and o.pos_ == "PROPN"]
    nouns = [
        o
        for o in head.children
        if o.dep_ == "dobj" and o.lemma_.lower() in {"meeting", "talks", "talk", "summit"}
    ]
    for phrase in [head, *nouns]:
        found += prep_objects(phrase).get("with", [])
    return found


def _holder(trigger: Token) -> Token | None:
    """The word whose subject (or which itself) a nominal trigger is held over: "under sanctions", "the
    target of sanctions", "subject to sanctions"."""
    if trigger.dep_ != "pobj":
        return None
    prep = trigger.head
    if prep.lower_ == "under":
        return prep.head
    if (prep.lower_, prep.head.lemma_.lower()) in {("of", "target"), ("to", "subject")}:
        return prep.head.head
    return None


def _hyphen_partners(tok: Token) -> list[Token]:
    """Names joined to a modifier by a hyphen, which the parser hangs under it: "Russia-Ukraine talks"
    (Russia is a compound of Ukraine), "the Trump-Putin summit"."""
    found: list[Token] = []
    for child in tok.children:
        if child.dep_ in {"compound", "amod", "nmod"} and child.i < tok.i:
            between = tok.doc[child.i + 1 : tok.i]
            if len(between) == 1 and between[0].text in {"-", "–", "—"}:
                found.extend([*_hyphen_partners(child), child])
    return found


def frame_verbs(noun: Token) -> list[Token]:
    """Verbs whose phrases belong to the event a nominal trigger names: the verb it is the subject or
    object of when that verb holds, hosts or schedules events ("the meeting took place in Miami and was
    attended by X": took, attended; "held talks in Istanbul": held), and participles or relative clauses
    on it ("talks led by X", "the summit, which will be held in Alaska")."""
    verbs: list[Token] = []
    head = noun.head
    held = head.lemma_ in FRAME_VERBS or head.lemma_ in LIGHT_VERBS
    if noun.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"} and head.pos_ in {"VERB", "AUX"}:
        if held:
            verbs.append(head)
        if noun.dep_ in {"nsubj", "nsubjpass"}:
            # a coordinated verb without a subject of its own shares this one ("the talks kicked off at
            # noon and included X")
            verbs.extend(
                c
                for c in head.children
                if c.dep_ == "conj"
                and c.pos_ in {"VERB", "AUX"}
                and c.lemma_ in FRAME_VERBS
                and not any(g.dep_ in SUBJ for g in c.children)
            )
    for child in noun.children:
        if child.dep_ in {"acl", "relcl"} and child.lemma_ in FRAME_VERBS:
            verbs.append(child)
    return verbs


def _object_preps(obj: Token) -> dict[str, list[Token]]:
    """Prepositional objects of a verb's object, with a source or partner phrase the parser attached
    one level too low: "a stake in X from Y" (from Y is where the stake comes from, not X)."""
    result = prep_objects(obj)
    for prep, found in list(result.items()):
        for inner in found:
            for nested, objects in prep_objects(inner).items():
                if nested in NESTED_PREPS and nested != prep:
                    result.setdefault(nested, []).extend(objects)
    return result


def complement_clause(trigger: Token) -> Token | None:
    """The verb of a trigger's complement clause: an infinitive ("negotiating to buy", "readiness to
    cooperate") or a gerund after "in" ("interest in working with")."""
    for child in trigger.children:
        infinitive = child.pos_ == "VERB" and child.tag_ == "VB"
        if (
            child.dep_ in {"xcomp", "acl", "advcl"}
            and infinitive
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        ):
            return child
        if child.dep_ == "prep" and child.lower_ == "in":
            for obj in child.children:
                if obj.dep_ in {"pcomp", "pobj"} and obj.tag_ == "VBG":
                    return obj
    return None
