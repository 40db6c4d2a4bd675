"""Who vouches for an event: asserted, attributed (to whom) or denied (by whom), from the parse.

:func:`status_of` walks the dependency tree up from the event's trigger token. The event is
``attributed`` when it sits in the content of a report or claim - the complement of a speech
verb ("NATO states claim that Russia is behind the crisis"), of a claim noun ("claims by the US
that Russia was moving troops"), the "of" gerund of "accuse" ("the EU accuses Minsk of
weaponizing migrants") - or carries a hearsay adverb ("allegedly flying refugees") or an
"according to X" phrase. It is ``denied`` when the claim (or the event itself) is the object or
complement of a denial ("The Kremlin has rejected claims that it was engaging in hybrid
warfare"). The source is the subject of the speech verb, the "by" agent or possessor of the
claim noun, or the object of "according to".

The trigger itself is never its own source: the speech act ("NATO claimed ...", "The Kremlin
rejected claims ...") is asserted; only what is nested under it is attributed or denied.
Performatives (announce, declare, vow) are not reports: an announced plan stays asserted.

The words are data: ``data/factuality/sources.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Token

from .. import data
from .events_lexicon import gerund_conjunct
from .factuality_modality import governor
from .place_context import past_dateline

STAGE = "factuality"
MAX_DEPTH = 10
#: Relations through which an event is the content of the word above it.


@dataclass
class Status:
    """The status of an event, the source token(s) behind it and the cue that decided it."""

    status: str = "asserted"
    source: list[Token] = field(default_factory=list)  # head tokens of the source phrases
    cue: str | None = None
    via: Token | None = None  # the speech verb or claim noun
    strength: str | None = None  # "claim" (claim, allege, accuse) or "report" (say, report)


@lru_cache(maxsize=1)
def source_words() -> dict[tuple[str, str], str]:
    """(lemma, pos) -> claim | report | deny | hearsay."""
    return {(r["lemma"], r["pos"]): r["kind"] for r in data.tsv(STAGE, "sources.tsv")}


def kind_of(token: Token) -> str | None:
    words = source_words()
    pos = "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN" if token.pos_ in ("NOUN", "PROPN") else token.pos_
    for key in ((token.lemma_.lower(), pos), (token.text.lower(), pos)):
        if key in words:
            return words[key]
    return None


def subject_of(verb: Token) -> list[Token]:
    """The subject of ``verb`` (its "by" agent when passive), climbing to the verb a participle
    or infinitive depends on ("NATO states have been escalating threats while claiming ...")."""
    node = verb
    for _ in range(4):
        # "GOMA, Congo (AP) — M23 rebels said": not GOMA, nor the AP
        subj = [s for c in node.children if c.dep_ in ("nsubj", "csubj") and (s := past_dateline(c)) is not None]
        agent = [g for c in node.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agent:
            return _with_conjuncts(agent[0])
        if subj and not _is_passive(node):
            return _with_conjuncts(subj[0])
        if subj or _is_passive(node):
            return []  # a passive report without its "by" agent names no source
        if node.dep_ in ("advcl", "xcomp", "conj", "acl") and node.head.i != node.i:
            if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN"):
                return [node.head]  # "a statement calling ...": the statement is the source
            node = node.head
            continue
        break
    return []


def _is_passive(verb: Token) -> bool:
    """"was accused", and the bare participle "with Minsk accused of ..." (no "have")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if verb.tag_ != "VBN" or any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return False
    # a finite clause's verb with a subject is a past the tagger took for a participle ("..., RIA
    # news agency reported on Sunday")
    return not (verb.dep_ in ("ROOT", "ccomp", "parataxis") and any(c.dep_ == "nsubj" for c in verb.children))


def _with_conjuncts(token: Token) -> list[Token]:
    return [token] + [c for c in token.conjuncts if c.i > token.i]


def noun_source(noun: Token) -> list[Token]:
    """The source of a claim noun: "claims by the US", "the Kremlin's position", "reports in
    the British press"."""
    for child in noun.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from", "in", "of"):
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs and (child.lower_ in ("by", "from") or objs[0].pos_ in ("PROPN",)
                         or objs[0].lemma_.lower() in PRESS_WORDS):
                return _with_conjuncts(objs[0])
        if child.dep_ == "poss":
            return [child]
    # "the claims ... were initially made by X": the verb the noun is subject of
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        src = subject_of(noun.head) if noun.dep_ == "nsubjpass" else []
        if src and src[0] is not noun:
            return src
    # "X published a statement calling ...", "X made claims that ...": the verb's subject
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        return subject_of(noun.head)
    return []


def according_to(token: Token) -> list[Token]:
    """The object of an "according to" attached to ``token``."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "according":
            for to in child.children:
                objs = [g for g in to.children if g.dep_ == "pobj"]
                if objs:
                    return _with_conjuncts(objs[0])
    return []


#: Relations through which an event is the content of a report verb / claim noun above it.
VERB_CONTENT = frozenset({"ccomp", "xcomp", "csubj", "parataxis", "oprd"})
NOUN_CONTENT = frozenset({"acl", "ccomp", "appos"})
#: Relations the walk climbs through when the word above is no report or denial.
CLIMB = frozenset({"conj", "xcomp", "ccomp", "advcl", "acl", "pcomp", "prep", "pobj", "advmod",
                   "acomp", "dobj", "nsubjpass", "csubj", "oprd"})
EVIDENTIAL_PREPS = frozenset({"of", "for", "about", "over", "on"})
#: Denial verbs that deny an event named as their object ("denied the attack"); "reject" and
#: "dismiss" do not: "rejected the threats" refuses them, it does not say they were not made.
TRUTH_DENIALS = data.words(STAGE, "truth_denials.txt")
#: Claim verbs whose object is the act claimed ("claimed the bombing").
CLAIMED_OBJECTS = data.words(STAGE, "claim_object_verbs.txt")
#: Common nouns that name a source after "in"/"of": "reports in the British press".
PRESS_WORDS = data.words(STAGE, "press_words.txt")


def _is_likelihood(token: Token) -> bool:
    return token.pos_ in ("ADJ", "ADV") and governor(token, "complement") == "hypothetical"


def _claim_noun_before(clause: Token, window: int = 8) -> Token | None:
    """A report noun a few words before the "that" opening ``clause``, with no verb between."""
    marks = [c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"]
    if not marks:
        return None
    doc = clause.doc
    start = max(clause.sent.start, marks[0].i - window)
    for left in reversed(doc[start:marks[0].i]):
        if left.pos_ in ("VERB", "AUX"):
            return None
        if left.pos_ == "NOUN" and kind_of(left) in ("report", "claim"):
            return left
    return None


def _closing_report(verb: Token) -> bool:
    """A report clause after a comma that reports what comes before it, which the parser hung as a
    content clause ("Putin said that Russia was ready to help, RIA news agency reported on
    Sunday"): no "that", no content of its own."""
    comma = verb.left_edge.text == "," or verb.left_edge.i > 0 and verb.doc[verb.left_edge.i - 1].text == ","
    return verb.dep_ == "ccomp" and comma and not any(c.dep_ in ("mark", "ccomp", "xcomp", "dobj") for c in verb.children)


def status_of(token: Token) -> Status:
    """Who vouches for the event whose trigger is ``token`` (see the module docstring)."""
    # a hearsay adverb or adjective on the event itself: "allegedly flying refugees"
    hearsay = Status()
    for child in token.children:
        if child.dep_ in ("advmod", "amod") and kind_of(child) == "hearsay":
            hearsay = Status("attributed", [], child.lower_, None, "claim")
            break
    for child in token.children:  # the act claimed by someone: "an ambush claimed by JNIM"
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in CLAIMED_OBJECTS:
            by = [p for c in child.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            if by:
                return Status("attributed", _with_conjuncts(by[0]), child.lower_, child, "claim")
    node = token
    for _ in range(MAX_DEPTH):
        src = according_to(node)
        if src:
            return Status("attributed", src, "according to", node, "report")
        for tail in node.children:  # "Gunmen kidnapped 200 pupils on Thursday, a teacher and parents said":
            # the parser may hang the closing report on the clause it reports
            if (tail.dep_ == "parataxis" or _closing_report(tail)) and tail.i > token.i \
                    and kind_of(tail) in ("report", "claim") and tail.pos_ in ("VERB", "AUX"):
                return _denied_claim(tail) or Status("attributed", subject_of(tail), tail.lower_, tail, kind_of(tail))
        head, dep = node.head, node.dep_
        if head.i == node.i:
            break
        if gerund_conjunct(node) and head.head.i != head.i:
            node = head.head  # "denied supporting the rebels and blamed Congo": the denier's own act
            continue
        kind = kind_of(head)
        strength = kind
        if kind == "claim":
            kind = "report"
        is_noun = head.pos_ in ("NOUN", "PROPN")
        if dep == "dobj" and not is_noun and head.lemma_.lower() in CLAIMED_OBJECTS:
            # the act claimed: "claimed the bombing", "claimed responsibility for the attack"
            return Status("attributed", subject_of(head), head.lower_, head, "claim")
        if kind == "report":
            content = dep in VERB_CONTENT or (dep in ("advmod", "acomp") and node.pos_ in ("ADJ", "ADV"))
            if (not is_noun and content) or (is_noun and dep in NOUN_CONTENT):
                src = noun_source(head) if is_noun else subject_of(head)
                return _denied_claim(head) or Status("attributed", src, head.lower_, head, strength)
            if not is_noun and dep not in ("conj",):
                break  # the event is part of the report's frame, not its content
        if dep in ("advmod", "acomp", "oprd") and kind is None and node is not token \
                and _is_likelihood(node) and head.pos_ in ("VERB", "AUX"):
            # "Several articles in the Russian press have discussed it as likely that ...",
            # "Analysts saw it as possible that ...": whoever holds it likely is the source
            src = [c for c in head.children if c.dep_ == "nsubj" and c.lower_ not in ("it", "there")]
            if src:
                return Status("attributed", _with_conjuncts(src[0]), node.lower_, head, "claim")
        if dep == "ccomp" and kind is None:
            noun = _claim_noun_before(node)
            if noun is not None:  # the parser hung "claims by X in October that ..." on the verb
                return _denied_claim(noun) or Status("attributed", noun_source(noun), noun.lower_, noun, kind_of(noun))
        # "denied any involvement" denies the event; "denying entry to refugees" refuses it
        truth_denial = dep == "dobj" and head.lemma_.lower() in TRUTH_DENIALS and not any(
            c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ == "to")
            for c in (*head.children, *node.children))
        if kind == "deny" and node is token and _charge_denied(token) is not None:
            break  # "X blamed Y for ..., a charge Y denies": the charge is made; what it charges is denied
        if kind == "deny" and (dep in VERB_CONTENT or dep == "pcomp" or truth_denial or (is_noun and dep in NOUN_CONTENT)):
            src = noun_source(head) if is_noun else subject_of(head)
            return Status("denied", src, head.lower_, head)
        if dep in ("pcomp", "pobj") and head.lower_ in EVIDENTIAL_PREPS and head.dep_ == "prep":
            # "accuses Minsk of weaponizing", "reports of attacks", "concerns about an attack"
            gov = head.head
            if gov.dep_ == "dobj" and gov.pos_ in ("NOUN", "PROPN") and kind_of(gov.head) == "claim":
                gov = gov.head  # "accused the rebels of attacking": the parser hung "of" on the accused
            if kind_of(gov) in ("report", "claim"):
                src = noun_source(gov) if gov.pos_ in ("NOUN", "PROPN") else subject_of(gov)
                return _denied_claim(gov) or Status("attributed", src, gov.lower_, gov, kind_of(gov))
        own_noun = node is token and dep == "nsubj" and token.pos_ == "NOUN"
        participle = node is token and dep == "amod" and token.tag_ in ("VBG", "VBN")
        if dep not in CLIMB and not own_noun and not participle:
            # a nominal event climbs to its own verb ("an invasion is not likely, experts
            # said"), a participle to its noun ("accuses Minsk of weaponizing migrants")
            break
        if dep in ("dobj", "nsubjpass") and token.pos_ in ("VERB", "AUX") and node is not token \
                and node.lemma_.lower() not in _intentions():
            # a verb's event does not climb out through a noun's role in a higher clause, except
            # through a plan: "Moscow denies that it has any plans to attack Ukraine"
            break
        node = head
    return hearsay


@lru_cache(maxsize=1)
def _intentions() -> frozenset[str]:
    """Intention words ("plans", "intention"): ``data/factuality/plan_triggers.txt``."""
    return data.words(STAGE, "plan_triggers.txt")


def _charge_denied(claim: Token) -> Status | None:
    """A claim verb the parser hangs under "a charge X denies" ("The government blamed Rwanda for
    backing the rebels, a charge Kigali denies"): X denies what the claim charges."""
    if claim.pos_ not in ("VERB", "AUX") or kind_of(claim) != "claim" or claim.dep_ != "ccomp":
        return None
    verb = claim.head
    if kind_of(verb) != "deny":
        return None
    for subj in (c for c in verb.children if c.dep_ == "nsubj"):
        if any(kind_of(w) == "claim" and w.pos_ in ("NOUN", "PROPN") for w in subj.subtree if w.i < subj.i):
            return Status("denied", [subj], verb.lemma_.lower(), verb)
    return None


def _denied_claim(claim: Token) -> Status | None:
    """A claim noun that is the object of a denial: "The Kremlin has rejected claims that ..."; a
    claim verb under "a charge X denies" (:func:`_charge_denied`)."""
    if claim.pos_ not in ("NOUN", "PROPN"):
        return _charge_denied(claim)
    node = claim
    if node.dep_ in ("dobj", "nsubjpass") and kind_of(node.head) == "deny":
        verb = node.head
        return Status("denied", subject_of(verb), verb.lemma_.lower(), verb)
    return None
