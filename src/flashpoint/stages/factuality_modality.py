"""Modality of an event from the dependency parse: actual, planned, hypothetical, negated, generic.

:func:`modality_of` takes the spaCy token of an event's trigger and walks the tree from it
upwards, collecting the cues that *govern* it, not every cue of the sentence:

- its own modifiers: negation ("has not sent"), modal and future auxiliaries ("will hold",
  "could be sent"), habitual adverbs ("regularly march"), adjectives and determiners of a
  nominal event ("periodic buildups", "any attempts", "a planned attack"), conditional markers
  ("if Russia invades");
- its governors, through complement relations (xcomp, ccomp, acl, to-infinitives, "of" +
  gerund) and, for a nominal event, through the verb whose object it is: "intended to evoke"
  (planned), "is planning to back" (planned), "it is likely that ..." (hypothetical),
  "refused to meet" (negated), "announced a new strategy" (planned);
- a coordinated event shares its head's governors ("would move troops ... and build
  fortifications"); a temporal clause shares its main clause's time ("will step down when the
  proceedings are finalized"); a purpose clause is not asserted ("sent troops to pressure
  Ukraine": hypothetical), a result clause is ("fell 2 % to close at 7,162");
- a negative subject negates ("No shots were fired"); "not ruled out" makes possible.

Negation counts only where it governs the event (its own clause, or a verb it is the xcomp or
conjunct of). Hypothetical outranks planned ("speculated that the Pentagon is planning to back
Ukraine" is hypothetical), planned outranks generic. "would" is planned under a past reporting
or announcing verb ("Ukraine announced it would move 8,500 soldiers"), hypothetical otherwise.

A yes/no question asserts nothing ("Did Russian troops cross the border?": hypothetical); a
command is a demand ("Stop the bombing!": planned). A verb's cues do not reach the object of a
preposition of time or circumstance ("announced during a forum") nor the object of a verb of
ending, which is under way ("would end the blockade of Gaza": the blockade is actual).

The words are data: ``data/factuality/{modals,governors,modifiers,negation,not_negation,
contrasts,conditionals,temporal_marks,result_verbs,negating_preps,causal_phrases,
circumstantial_preps,ending_verbs}``. ``flashpoint eval factuality`` scores this function on
MEANTIME and UW.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from .. import data

STAGE = "factuality"
#: The order in which cues outrank one another (left wins), negation aside.
RANK = ("hypothetical", "planned", "generic")

#: Relations through which a nominal event is the object (or subject) of a verb.
OBJECT_DEPS = frozenset({"dobj", "pobj", "nsubjpass", "attr", "nsubj", "appos", "compound"})
MAX_DEPTH = 8
#: Prepositions through which a governing noun governs a nominal event ("plans for a wall").
NOUN_PREPS = frozenset({"of", "for", "about", "over", "on"})


@dataclass(frozen=True)
class Lexicon:
    modals: dict[str, str]
    governors: dict[tuple[str, str], tuple[str, str]]  # (lemma, pos) -> (modality, relation)
    modifiers: dict[str, str]
    negation: frozenset[str]
    not_negation: frozenset[str]  # "not only", "not just": a negation word that negates nothing
    contrasts: frozenset[str]  # "but", "yet": a conjunct they join keeps its own polarity
    circumstantial: frozenset[str]  # "during", "after": their object is no object of the verb
    ending: frozenset[str]  # "cut", "end", "lift": their object exists already
    conditionals: frozenset[str]
    reporting: frozenset[str]  # verbs under which "would" is a reported future (planned)
    negating_preps: frozenset[str]  # "without", "instead of": their object did not happen
    causal: frozenset[tuple[str, str]]  # ("due", "to"): a cause, not a governor


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    governors = {}
    for row in data.tsv(STAGE, "governors.tsv"):
        governors[(row["lemma"], row["pos"])] = (row["modality"], row["relation"])
    reporting = {r["lemma"] for r in data.tsv(STAGE, "sources.tsv") if r["pos"] == "VERB"}
    reporting |= set(data.lines(STAGE, "announce_verbs.txt"))
    return Lexicon(
        modals={r["word"]: r["modality"] for r in data.tsv(STAGE, "modals.tsv")},
        governors=governors,
        modifiers={r["word"]: r["modality"] for r in data.tsv(STAGE, "modifiers.tsv")},
        negation=data.words(STAGE, "negation.txt"),
        not_negation=data.words(STAGE, "not_negation.txt"),
        contrasts=data.words(STAGE, "contrasts.txt"),
        circumstantial=data.words(STAGE, "circumstantial_preps.txt"),
        ending=data.words(STAGE, "ending_verbs.txt"),
        conditionals=data.words(STAGE, "conditionals.txt"),
        reporting=frozenset(reporting),
        negating_preps=data.words(STAGE, "negating_preps.txt"),
        causal=frozenset(tuple(p.split(" ", 1)) for p in data.lines(STAGE, "causal_phrases.txt")),
    )


def _pos(token: Token) -> str:
    if token.pos_ in ("VERB", "AUX"):
        return "VERB"
    if token.pos_ in ("NOUN", "PROPN"):
        return "NOUN"
    return "ADJ"  # adjectives and adverbs ("likely", "as likely")


def governor(token: Token, relation: str) -> str | None:
    """The modality ``token`` gives what it governs through ``relation`` (complement/object)."""
    lex = lexicon()
    if any(c.dep_ == "prep" and (token.lower_, c.lower_) in lex.causal for c in token.children):
        return None  # "delayed due to an accident": a cause, not a schedule
    keys = [(token.lemma_.lower(), _pos(token)), (token.text.lower(), _pos(token))]
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    if particles:  # "rule out", "call off": the phrasal verb first, never the bare verb
        keys = [(f"{token.lemma_.lower()} {particles[0]}", _pos(token))]
    for key in keys:
        hit = lex.governors.get(key)
        if hit and (hit[1] == "both" or hit[1] == relation):
            return hit[0]
    return None


def _acomp(children: list[Token]) -> list[tuple[str | None, Token]]:
    return [(governor(c, "complement"), c) for c in children if c.dep_ == "acomp"]


def _phrase(token: Token) -> str:
    """A short modifier phrase as written, lower-cased: "every year", "twice a week"."""
    words = [t.lower_ for t in token.subtree]
    return " ".join(words) if len(words) <= 4 else ""


def _is_past_reporting(token: Token) -> bool:
    lex = lexicon()
    return token.lemma_.lower() in lex.reporting and token.tag_ in ("VBD", "VBN")


def local_cues(token: Token) -> list[tuple[str, str]]:
    """Cues on the token itself: (modality, cue word), nearest first."""
    lex = lexicon()
    cues: list[tuple[str, str]] = []
    children = list(token.children)
    for child in children:
        word = child.text.lower()
        if _phrase(child) in lex.not_negation:
            continue  # "not only Russian banks have violated the sanctions"
        if child.dep_ == "neg" or (child.dep_ in ("det", "advmod", "preconj") and word in lex.negation):
            cues.append(("negated", child.text))
        elif child.dep_ == "advmod" and _phrase(child) in lex.negation:
            cues.append(("negated", _phrase(child)))  # "could no longer meet"
        elif child.dep_ == "aux" and (word in lex.modals or child.lemma_.lower() in lex.modals):
            cues.append((lex.modals.get(word) or lex.modals[child.lemma_.lower()], child.text))
        elif child.dep_ in ("advmod", "amod", "det", "npadvmod") and word in lex.modifiers:
            cues.append((lex.modifiers[word], child.text))
        elif child.dep_ in ("npadvmod", "advmod") and _phrase(child) in lex.modifiers:
            cues.append((lex.modifiers[_phrase(child)], _phrase(child)))  # "march every year"
        elif child.dep_ == "mark" and word in lex.conditionals:
            cues.append(("hypothetical", child.text))
        elif child.dep_ == "advcl" and any(g.dep_ == "mark" and g.text.lower() in lex.conditionals
                                           for g in child.children):
            # the main clause of a conditional: "if X, Russia would/will Y"
            if any(c.dep_ == "aux" and c.text.lower() in lex.modals for c in children):
                cues.append(("hypothetical", "if"))
        elif child.dep_ == "acomp" and governor(child, "complement") == "hypothetical":
            cues.append(("hypothetical", child.text))  # "an invasion is not likely"
        elif child.dep_ == "dobj" and token.pos_ == "VERB":
            # the habit of the act a verb carries out: "launched frequent attacks", "carry out
            # repeated raids" (only a habit: "launched a possible attack" is no construction)
            cues += [("generic", g.text) for g in child.children
                     if g.dep_ == "amod" and lex.modifiers.get(g.text.lower()) == "generic"]
    if _is_polar_question(token):
        cues.append(("hypothetical", "?"))  # "Did Russian troops cross the border?"
    elif _is_imperative(token):
        cues.append(("planned", token.text))  # a command is a demand: "Leave Ukraine now"
    if any(m == "hypothetical" and c.dep_ == "acomp" for m, c in _acomp(children)):
        # "an invasion is not likely": the negation is the adjective's, not the event's
        cues = [c for c in cues if c[0] != "negated"]
    if token.dep_ == "pobj" and _negating_prep(token.head):
        # "without passengers", "without firing a shot", "instead of attacking"
        cues.append(("negated", token.head.text))
    for child in children:
        # a negative subject: "No shots were fired", "Neither side has claimed ...", "Nobody
        # was hurt"
        if child.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("VERB", "AUX"):
            if child.lower_ in lex.negation or any(
                    g.dep_ in ("det", "preconj") and g.lower_ in lex.negation for g in child.children):
                cues.append(("negated", child.text))
    return cues


def _is_polar_question(token: Token) -> bool:
    """A yes/no question asks whether its clause holds: "Did Russian troops cross the border?",
    "Is Russia preparing an invasion?" (the auxiliary or copula before the subject, the
    sentence ending in a question mark). A wh-question ("Why were these people killed?")
    takes its clause for granted, so it is no cue."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ not in ("ROOT", "ccomp", "conj"):
        return False
    words = [t for t in token.sent if not t.is_space]
    if not words or words[-1].text != "?":
        return False
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None:
        return False
    inverted = [c for c in token.children if c.dep_ in ("aux", "auxpass") and c.i < subject.i]
    if not inverted and not (token.lemma_ == "be" and token.i < subject.i):
        return False
    first = min([subject.i, *(c.i for c in inverted), token.i])
    return not any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in token.doc[token.sent.start:first])


def _is_imperative(token: Token) -> bool:
    """A command: a bare verb that opens a sentence ending in "." or "!", with no subject and
    no auxiliary ("Stop the bombing of Gaza!", "Let it be done."); a headline, with no final
    stop, is no command ("Automaker GM to cut 10,000 jobs at Opel")."""
    if token.dep_ != "ROOT" or token.tag_ != "VB":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") for c in token.children):
        return False
    words = [t for t in token.sent if not (t.is_space or t.is_quote)]
    first = next((t for t in words if not t.is_punct), None)
    return first is not None and first.i == token.i and words[-1].text in (".", "!")


def _negating_prep(prep: Token) -> bool:
    """"without", and the two-word "instead of", "rather than" (the first word heads the second)."""
    negating = lexicon().negating_preps
    return prep.lower_ in negating or f"{prep.head.lower_} {prep.lower_}" in negating


def _resolve_would(cue: tuple[str, str], token: Token) -> tuple[str, str]:
    """'would' is a reported future under a past reporting verb, else a conditional."""
    if cue[0] != "would":
        return cue
    node = token
    for _ in range(MAX_DEPTH):
        if node.dep_ in ("acl", "relcl") and _pos(node.head) == "NOUN":
            # "the government's announcement that it would send troops", "a plan which would
            # double the force"
            noun = node.head
            if noun.lemma_.lower() in lexicon().reporting or governor(noun, "complement") == "planned":
                return ("planned", cue[1])
            if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and _is_past_reporting(noun.head.head):
                # "The ministry announced in a statement that it would close the border": the
                # parser hangs the reported clause on the noun of the prepositional phrase
                return ("planned", cue[1])
            break
        if node.dep_ in ("ccomp", "conj", "xcomp", "advcl") and node.head.i != node.i:
            node = node.head
            if _is_past_reporting(node):
                return ("planned", cue[1])
            if node.dep_ not in ("conj", "ccomp"):
                continue
        else:
            break
    return ("hypothetical", cue[1])


def modality_cues(token: Token) -> list[tuple[str, str, int]]:
    """Every cue that governs ``token``: (modality, cue, depth), nearest first."""
    found: list[tuple[str, str, int]] = []
    node, depth = token, 0
    seen = {token.i}
    own_clause = True  # still in the event's own clause (negation counts here only)
    if token.dep_ == "ROOT" and _is_to_infinitive(token) and token.i - token.sent.start > 1:
        found.append(("planned", "to", 0))  # a headline's future: "Apple to give free cases"
    while depth < MAX_DEPTH:
        for modality, cue in local_cues(node):
            modality, cue = _resolve_would((modality, cue), node)
            if modality == "negated" and not own_clause:
                continue
            found.append((modality, cue, depth))
        head, dep = node.head, node.dep_
        if head.i == node.i or head.i in seen:
            break
        seen.add(head.i)
        depth += 1
        if dep == "conj":
            # a coordinated event shares its head's auxiliaries and governors, unless it has
            # its own subject and auxiliaries ("Russia denied it, but Ukraine will ...")
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)
            if own_subject and any(c.dep_ == "aux" for c in node.children):
                break
            if own_subject or any(c.dep_ == "cc" and c.lower_ in lexicon().contrasts
                                  and head.i < c.i < node.i for c in head.children):
                own_clause = False  # "did not attack the convoy but shelled the town": a contrast
            node = head
            continue
        if dep == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in temporal_marks()
                                  for c in node.children):
            if node.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in node.children):
                break  # told in the past, it happened: "ordered the army to act after gunmen stormed a station"
            own_clause = False  # "will step down when the proceedings are finalized"
            node = head
            continue
        if dep in ("xcomp", "acl", "pcomp", "oprd") or (dep in ("advcl", "relcl") and _is_to_infinitive(node)):
            if dep == "acl" and not _is_to_infinitive(node) and node.tag_ in ("VBN", "VBG") and \
                    not any(c.dep_ == "mark" for c in node.children):
                break  # a participle modifier is its own event: "refugees fleeing to Europe", "the
                # agreement reached in Minsk in 2015", "plans announced in January" (no complement)
            if dep == "pcomp" and head.dep_ == "prep" and head.head.i not in seen and \
                    (_pos(head.head) != "NOUN" or head.lower_ in NOUN_PREPS):
                # a gerund after a preposition is the complement of what the preposition hangs
                # on: "no intention of withdrawing", "the possibility of taking", "thought
                # about leaving"
                head = head.head
                seen.add(head.i)
            hit = governor(head, "complement")
            if dep == "relcl":
                dep = "acl"  # "a strategy to retake Crimea": an infinitival relative is a complement
            if dep == "advcl" and hit is None and head.pos_ in ("VERB", "AUX") and \
                    node.lemma_.lower() not in result_verbs():
                # a purpose clause: "sent troops to assist" - the purpose is not asserted; a
                # passive one is a schedule: "air defence systems, to be delivered next year"
                if any(c.dep_ == "auxpass" for c in node.children):
                    found.append(("planned", "to be " + node.text, depth))
                else:
                    found.append(("hypothetical", "to " + node.text, depth))
                break
            if hit:
                found.append((hit, head.text, depth))
            if _pos(head) == "NOUN" and not any(c.dep_ == "mark" and c.lower_ in lexicon().conditionals
                                                for c in node.children):
                # a noun denied by its determiner denies its complement: "no plans to invade",
                # "no intention of withdrawing", "no reason to believe"; so does a noun called
                # off: "the now-cancelled deal to buy fighter jets" (an open question stays open:
                # "no word on whether the two armies would resume the joint exercises")
                found.extend(("negated", c.text, depth) for c in head.children
                             if (c.dep_ in ("det", "neg") and c.lower_ in lexicon().negation)
                             or (c.dep_ == "amod" and lexicon().modifiers.get(c.lower_) == "negated"))
            if dep == "xcomp" and head.lemma_ == "be" and _is_to_infinitive(node):
                found.append(("planned", "is to", depth))  # "is to be replaced"
            own_clause = dep == "xcomp" and hit is None  # "did not manage to" governs its xcomp
            node = head
            continue
        if dep == "ccomp" or dep == "csubj":
            hit = governor(head, "complement")
            if hit == "hypothetical":
                found.append((hit, head.text, depth))
            elif hit == "planned" and not _is_past_reporting(head):
                found.append((hit, head.text, depth))
            if head.lemma_.lower() in lexicon().reporting:
                break  # the content of a report keeps its own modality
            own_clause = False
            node = head
            continue
        if dep in ("advmod", "acomp") and _pos(node) == "ADJ":
            # "discussed it as likely that ...": the adverb carries the complement up; a
            # predicate adjective shares its copula's clause ("the blockade is not effective")
            own_clause = dep == "acomp" and head.lemma_ == "be"
            node = head
            continue
        if dep in OBJECT_DEPS and _pos(node) == "NOUN":
            verb = head
            if dep == "pobj":
                verb = head.head if head.dep_ in ("prep", "agent") else head
                if _pos(verb) == "NOUN" and verb.i not in seen and head.lower_ in NOUN_PREPS:
                    # "fears of a recession", "plans for a wall": the noun governs its "of" object
                    hit = governor(verb, "complement")
                    if hit:
                        found.append((hit, verb.text, depth))
                    break
                if verb.i in seen and verb is not head:
                    break
                if head.lower_ in lexicon().circumstantial:
                    break  # "announced during a summit in Tehran": a circumstance, not an object
            if _pos(verb) != "VERB":
                break
            if node is token and dep in ("dobj", "nsubjpass") and verb.lemma_.lower() in lexicon().ending:
                break  # "would end the blockade", "will lift the siege": the object is under way
                # (not what the object governs: "reduced the army's ability to resupply")
            seen.add(verb.i)
            # "considered the exercises (as) a serious challenge": an opinion about the event
            small_clause = any(c.dep_ in ("oprd", "ccomp", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as")
                               for c in verb.children)
            if (dep not in ("nsubj", "nsubjpass", "attr") or verb.lemma_ != "be") and not small_clause:
                hit = governor(verb, "object")
                negated_verb = any(m == "negated" for m, _ in local_cues(verb))
                if hit == "negated" and negated_verb and dep == "dobj":
                    # "has not ruled out a ground offensive": not excluded, so possible
                    found.append(("hypothetical", f"not {verb.text}", depth))
                    break
                if hit:
                    found.append((hit, verb.text, depth))
            for modality, cue in local_cues(verb):
                modality, cue = _resolve_would((modality, cue), verb)
                if modality == "negated" and dep not in ("dobj", "nsubjpass") and \
                        not (dep == "attr" and verb.lemma_ == "be"):
                    continue  # (but "this is not an invasion": the predicate's own copula)
                acomps = {c.text for c in verb.children if c.dep_ == "acomp"}
                indefinite = node is token and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
                if dep == "nsubj" and modality != "planned" and cue not in acomps \
                        and not (indefinite and modality == "hypothetical"):
                    # (but an act no text has told yet is what the modal is about: "a Chinese invasion
                    # of Taiwan would be costly", "an Israeli attack could trigger a regional war")
                    continue  # "the movement of our forces should not worry anyone": the
                    # verb's modal is about the predicate; a future ("will take place") and a
                    # predicate of likelihood ("is not likely") are about the subject
                found.append((modality, cue, depth))
            conj = verb
            while dep == "dobj" and conj.dep_ == "conj" and conj.head.i != conj.i:
                # the auxiliaries a coordinated verb shares: "would move troops ... and build
                # fortifications" (not its governors: "sought to walk back a threat" keeps
                # the threat actual)
                conj = conj.head
                found.extend((m, c, depth + 1) for m, c in
                             (_resolve_would(cue, conj) for cue in local_cues(conj)) if m != "negated")
            break
        break
    return found


def _is_to_infinitive(token: Token) -> bool:
    """"to send", "to be held"."""
    return token.tag_ in ("VB", "VBN") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


@lru_cache(maxsize=1)
def result_verbs() -> frozenset[str]:
    return data.words(STAGE, "result_verbs.txt")


@lru_cache(maxsize=1)
def temporal_marks() -> frozenset[str]:
    return data.words(STAGE, "temporal_marks.txt")


def modality_of(token: Token) -> tuple[str, str | None]:
    """The modality of the event whose trigger is ``token``, and the cue that decided it.

    >>> modality_of(nlp("Ukraine announced it would move 8,500 soldiers.")[4])
    ('planned', 'would')
    """
    cues = modality_cues(token) or _infinitive_fallback(token)
    for modality, cue, _ in cues:
        if modality == "negated":
            return modality, cue
    for label in RANK:
        for modality, cue, _ in cues:
            if modality == label:
                return modality, cue
    if token.tag_ == "MD":
        return "hypothetical", token.text
    return "actual", None


def _infinitive_fallback(token: Token, window: int = 6) -> list[tuple[str, str, int]]:
    """When the parser missed a to-infinitive ("plans by the European powers to sanction
    Aeroflot" with "sanction" read as a noun), a governor a few words to the left of "to" in
    the same sentence is taken as the infinitive's governor."""
    doc = token.doc
    if token.i == 0 or doc[token.i - 1].lower_ != "to" or token.dep_ not in ("pobj", "dobj", "npadvmod", "appos"):
        return []
    start = max(token.sent.start, token.i - 1 - window)
    for left in reversed(doc[start:token.i - 1]):
        if left.is_punct and left.text not in ("'", '"'):
            break
        if left.pos_ in ("NOUN", "VERB", "ADJ", "AUX"):
            hit = governor(left, "complement")
            if hit:
                return [(hit, left.text, 1)]
    return []
