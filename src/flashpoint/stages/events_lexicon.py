"""The trigger lexicon of the events stage, loaded once from ``data/events/``.

- ``curated.tsv``: hand-curated verbal and nominal triggers (with conditions such as "needs a
  direct object of class &FORCES" and roles: ``claim``, ``deny``); they win over the rest;
- ``cameo_verb_objects.tsv`` / ``cameo_verbs.tsv``: generated from the CAMEO verb dictionary
  and the CAMEO-to-PLOVER table by ``scripts/build_event_lexicon.py``;
- ``object_sets.tsv``, ``cameo_sets.tsv``: object classes (``&FORCES``, ``&CEASEFIRE``);
- ``light_verbs.txt``: verbs that lend their subject to a nominal object ("held drills"), and
  verb + preposition pairs that lend it to the preposition's object ("engaged in hybrid
  warfare"); a noun entry that ``needs`` ``light`` is a trigger only there ("provocation");
- ``regions.tsv``: first-level regions and their country (GeoNames), for recipients ("annexed Crimea");
- ``intentions.tsv``: intention nouns and the verbs whose subject holds them ("denied plans to").

Lookups are dict hits on a token's lemma: no loop over the vocabulary.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from .. import data

STAGE = "events"


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str  # PLOVER category, or "-" for a word that is never a trigger
    mode: str | None
    cameo: str | None
    needs: str | None  # "xcomp:TYPE|TYPE|=lemma", "obj:WORD", "obj:&SET", "subj:&SET", "agent:&SET", "prep:WORD", "prt:WORD", "label:&SET", "pobj:WORD", "bare:WORD", "head:&SET", "of:WORD|&SET", "light"
    role: str | None  # "claim", "deny", "presence" (the object's side is the actor: "detected Chinese warships")
    source: str  # "curated", "cameo-pattern", "cameo-verb"


def _rows(name: str) -> list[list[str]]:
    out = []
    for line in data.path(STAGE, name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            out.append((line.split("\t") + [""] * 7)[:7])
    return out


@dataclass
class Lexicon:
    verbs: dict[str, list[Trigger]]
    nouns: dict[str, list[Trigger]]
    patterns: dict[tuple[str, str], Trigger]
    cameo_verbs: dict[str, Trigger]
    sets: dict[str, frozenset[str]]
    light: frozenset[str]  # "hold", and "engage in" (verb lemma + preposition)
    regions: dict[str, str]
    intention_nouns: frozenset[str] = frozenset()  # "plans (to invade)"
    intention_verbs: frozenset[str] = frozenset()  # "denied / has (plans)": its subject holds them

    def in_set(self, word: str, name: str) -> bool:
        if name.startswith("&"):
            return word in self.sets.get(name, ())
        return word == name


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    verbs: dict[str, list[Trigger]] = defaultdict(list)
    nouns: dict[str, list[Trigger]] = defaultdict(list)
    for pos, lemma, typ, mode, cameo, needs, role in _rows("curated.tsv"):
        t = Trigger(typ, mode or None, cameo or None, needs or None, role or None, "curated")
        (verbs if pos == "verb" else nouns)[lemma].append(t)
    sets: dict[str, set[str]] = defaultdict(set)
    for name, word, *_ in _rows("object_sets.tsv") + _rows("cameo_sets.tsv"):
        sets[name].add(word)
    patterns: dict[tuple[str, str], Trigger] = {}
    for verb, obj, cameo, typ, mode, *_ in _rows("cameo_verb_objects.tsv"):
        t = Trigger(typ, mode or None, cameo, f"obj:{obj}", None, "cameo-pattern")
        for word in sets.get(obj, ()) if obj.startswith("&") else (obj,):
            patterns.setdefault((verb, word), t)
    cameo_verbs = {verb: Trigger(typ, mode or None, cameo, None, None, "cameo-verb")
                   for verb, cameo, typ, mode, *_ in _rows("cameo_verbs.tsv")}
    intentions = _rows("intentions.tsv")
    return Lexicon(dict(verbs), dict(nouns), patterns, cameo_verbs,
                   {k: frozenset(v) for k, v in sets.items()}, data.words(STAGE, "light_verbs.txt"),
                   {name: country for name, country, *_ in _rows("regions.tsv")},
                   frozenset(w for pos, w, *_ in intentions if pos == "noun"),
                   frozenset(w for pos, w, *_ in intentions if pos == "verb"))


#: Heads that stand for a part or number of their "of" object ("thousands of refugees").
PARTITIVE = frozenset({"thousand", "hundred", "million", "dozen", "group", "number", "part", "some", "many",
                       "all", "most", "one", "two", "three", "several", "unit", "contingent", "team", "battalion",
                       "barrage", "volley", "salvo", "wave", "series", "swarm", "spate", "string", "alliance",
                       "coalition"})


def through_partitive(tok: Token) -> Token:
    """"thousands of refugees" -> refugees; other tokens unchanged."""
    if tok.lemma_.lower() in PARTITIVE or tok.like_num:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
    return tok


def is_verb(tok: Token) -> bool:
    """A verb, or a verb the tagger took for a noun ("plans ... to sanction Aeroflot")."""
    if tok.pos_ == "VERB":
        return True
    return tok.pos_ == "NOUN" and tok.dep_ in ("advcl", "xcomp", "acl", "relcl", "ccomp") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _hyphenated(tok: Token) -> str:
    """"build-up" split by the tokenizer: the word from either half."""
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-":
        return f"{tok.lower_}-{doc[tok.i + 2].lower_}"
    if tok.i >= 2 and doc[tok.i - 1].text == "-":
        return f"{doc[tok.i - 2].lower_}-{tok.lower_}"
    return ""


def objects(tok: Token) -> list[Token]:
    """Direct objects of a verb (with their conjuncts); a passive subject counts as one, and so
    does the event noun a passive participle qualifies ("an ambush claimed by JNIM")."""
    out = []
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ == "NOUN" \
            and any(c.dep_ == "agent" for c in tok.children) and lookup(tok.head) is not None:
        out.append(tok.head)
    for c in tok.children:
        if c.dep_ == "ccomp" and _free_relative(c):
            # "launched what it called 'anti-terrorist activities'": the thing named is the object
            out += [o for o in c.children if o.dep_ == "oprd"]
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            for o in (c, *c.conjuncts):
                out.append(o)
                inner = through_partitive(o)
                if inner is not o:
                    out.append(inner)
                if o.pos_ == "PROPN":  # "released German journalist Mesale Tolu": what the named one is
                    out += [c for c in o.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
                if o.lemma_.lower() == "use":  # "authorized the use of force": what is to be used
                    out += [p for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                            for p in c.children if p.dep_ == "pobj"]
                if o.ent_type_ == "MONEY":  # "will send $1 billion in aid": what the sum is of
                    out += [p for c in o.children if c.dep_ == "prep" and c.lower_ == "in"
                            for p in c.children if p.dep_ == "pobj"]
    return out


#: Heads of an amount whose "in" object is what is given ("$300 million in aid").
AMOUNT_WORDS = frozenset({"million", "billion", "trillion", "euros", "dollars", "pounds", "tonnes", "tons"})


def _acts_of(verb: Token) -> list[Token]:
    """The verb, and the nominal acts it is the light verb of ("to continue the offensive", "to
    step up attacks"): what an infinitive says is done."""
    return [verb, *(o for o in verb.children if o.dep_ == "dobj" and (lv := light_verb(o)) is not None and lv.i == verb.i)]


def light_verb(tok: Token) -> Token | None:
    """The light verb whose nominal event ``tok`` is: "held drills" (object), "engaged in hybrid
    warfare", "resorted to provocations" (object of a listed verb + preposition); else None."""
    light = lexicon().light
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_.lower() in light:
        return head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB" \
            and f"{head.head.lemma_.lower()} {head.lower_}" in light:
        return head.head
    if tok.dep_ == "pobj" and head.lower_ == "in" and head.head.dep_ == "dobj" and head.head.head.pos_ == "VERB" \
            and head.head.head.lemma_.lower() in light and (head.head.like_num or head.head.lower_ in AMOUNT_WORDS
                                                           or any(c.like_num for c in head.head.children)):
        # an amount of it: "announced $300 million in military aid", "pledged 50 billion euros in aid"
        return head.head.head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.dep_ == "pobj" and head.head.head.dep_ == "prep":
        # the phrase hung on the noun before it: "responded to recent losses | with air strikes"
        verb = head.head.head.head
        if verb.pos_ == "VERB" and f"{verb.lemma_.lower()} {head.lower_}" in light:
            return verb
    return None


#: Clauses of their own below a verb: a word in one of them is not what the verb says.
OWN_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "csubj"})


def gerund_conjunct(verb: Token) -> bool:
    """A finite verb the parser hangs as a conjunct on a gerund: in "denied supporting the rebels
    and blamed Congo", "blamed" cannot be conjoined with "supporting"; it is the next act of the
    verb above the gerund, and shares that verb's frame."""
    return verb.dep_ == "conj" and verb.tag_ == "VBD" and verb.head.tag_ == "VBG"


def _free_relative(verb: Token) -> bool:
    """``verb`` names the object of the verb above it: "what it called ...", "what it calls ..."."""
    return any(c.dep_ == "dobj" and c.lower_ == "what" for c in verb.children)


def of_objects(n: Token) -> list[Token]:
    """The objects of ``n``'s "of" ("an act of terrorism" -> terrorism)."""
    return [p for x in n.children if x.dep_ == "prep" and x.lower_ == "of" for p in x.children if p.dep_ == "pobj"]


def _of_phrase(tok: Token) -> str:
    """"act of war" for the "act" of "called the strikes an act of war"; "" without an "of" object."""
    objs = of_objects(tok)
    return f"{tok.lemma_.lower()} of {objs[0].lemma_.lower()}" if objs else ""


def label_word(verb: Token, value: str) -> Token | None:
    """A word of the set ``value`` in ``verb``'s own phrase, outside clauses of their own: the
    label in "calling the attack a terrorist act" (the parser hangs it anywhere below the verb)."""
    lex = lexicon()
    if _free_relative(verb):
        return None  # "launched what it called 'anti-terrorist activities'": a name for one's own act
    todo = [c for c in verb.children if c.dep_ not in OWN_CLAUSES]
    while todo:
        t = todo.pop()
        if lex.in_set(t.lemma_.lower(), value) or lex.in_set(t.lower_, value) or lex.in_set(_of_phrase(t), value):
            return t
        todo += [c for c in t.children if c.dep_ not in OWN_CLAUSES]
    return None


def _satisfied(lex: Lexicon, tok: Token, needs: str, objs: list[Token]) -> bool:
    kind, _, value = needs.partition(":")
    if kind == "light":
        return light_verb(tok) is not None
    if kind == "subj":  # "troops marched" (not a protest), "protesters gathered" (one)
        subjects = [through_partitive(c) for c in tok.children if c.dep_ == "nsubj"]
        if not subjects and tok.dep_ == "xcomp":  # "Taliban forces would begin entering the city"
            # (with an object, the object: "forcing tens of thousands of people to flee")
            subjects = [through_partitive(c) for c in tok.head.children if c.dep_ == "dobj"] \
                or [through_partitive(c) for c in tok.head.children if c.dep_ == "nsubj"]
        # and the noun a named subject is called by: "its flagship Mount Whitney was heading ..."
        subjects += [c for s in subjects if s.pos_ == "PROPN" for c in s.children if c.dep_ in ("compound", "appos")]
        return any(lex.in_set(s.lemma_.lower(), value) or lex.in_set(s.lower_, value) for s in subjects)
    if kind == "agent":  # the passive's agent: "was hit by a Russian cruise missile"
        agents = [through_partitive(p) for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        return any(lex.in_set(a.lemma_.lower(), value) or lex.in_set(a.lower_, value) for a in agents)
    if kind == "obj":
        return any(lex.in_set(o.lemma_.lower(), value) or lex.in_set(o.text.lower(), value) for o in objs)
    if kind in ("prep", "prt"):  # a time is no target: "fired his minister on Monday"
        if kind == "prep" and value == "as" and _free_relative(tok):
            return False  # "struck what they described as Houthi launch sites": a name for one's own target
        holders = [tok]
        if kind == "prep" and tok.pos_ in ("NOUN", "PROPN") and (verb := light_verb(tok)) is not None:
            holders.append(verb)  # the parser hangs it on the light verb: "waged strikes | on one another's bases"
        return any(c.dep_ in ("prep", "prt", "advmod", "agent") and c.text.lower() == value
                   and not any(p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME") for p in c.children)
                   for h in holders for c in h.children)
    if kind == "there":  # existential: "there are 100,000 Russian troops on the border"
        # not "there were no fighters in the building": a presence denied
        return (any(c.dep_ == "expl" and c.lower_ == "there" for c in tok.children)
                and any((lex.in_set(o.lemma_.lower(), value) or lex.in_set(o.text.lower(), value))
                        and not any(d.dep_ == "det" and d.lower_ == "no" for d in o.children) for o in objs))
    if kind == "label":  # what the verb calls its object: "called the attack a terrorist act"
        return label_word(tok, value) is not None
    if kind == "head":  # the subject of a verb of the set: "fighting broke out", "fighting raged"
        return tok.dep_ in ("nsubj", "nsubjpass") and lex.in_set(tok.head.lemma_.lower(), value)
    if kind == "pobj":  # the object of a preposition: "came under fire"
        return tok.dep_ == "pobj" and tok.head.lower_ == value
    if kind == "bare":  # a bare singular object of a preposition, an idiom: "in protest at the war"
        return (tok.dep_ == "pobj" and tok.head.lower_ == value and tok.tag_ == "NN"
                and not any(c.dep_ in ("det", "poss", "amod", "nummod") for c in tok.children))
    if kind == "xcomp":  # what the verb vows or swears to do is an act of a type of the set: "vowed to destroy Hamas"
        types = value.split("|")  # ("=leave": that verb itself, "ordered residents to leave")
        words = {x[1:] for x in types if x.startswith("=")}
        return any(c.dep_ == "xcomp" and (c.lemma_.lower() in words or any(
            (t := lookup(a)) is not None and t.type in types for a in _acts_of(c))) for c in tok.children)
    if kind == "of":  # what a nominal trigger is of: "exchanges of artillery fire"
        return any(lex.in_set(o.lemma_.lower(), value) or lex.in_set(o.lower_, value)
                   for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj")
    if kind == "mod":  # a modifier of a nominal trigger: "air strikes", "drone strike"
        return any(c.dep_ in ("compound", "amod", "nmod") and lex.in_set(c.lemma_.lower(), value) for c in tok.children)
    return False


def noun_types(tok: Token) -> frozenset[str]:
    """Every event type the noun ``tok`` can name, whatever its context ("strikes": ASSAULT or
    PROTEST): what a noun taking up an act already told may refer to."""
    lex = lexicon()
    lemma = tok.lemma_.lower()
    entries = lex.nouns.get(lemma) or lex.nouns.get(tok.text.lower()) or ()
    return frozenset(t.type for t in entries if t.type != "-")


def lookup(tok: Token, *, cameo_verbs: bool = True) -> Trigger | None:
    """The trigger a verb or noun token is, or None."""
    lex = lexicon()
    lemma = tok.lemma_.lower()
    if is_verb(tok):
        entries = lex.verbs.get(lemma, ())
        objs = objects(tok)
        for t in entries:
            if t.needs and _satisfied(lex, tok, t.needs, objs):
                return None if t.type == "-" else t
        plain = [t for t in entries if not t.needs]
        if plain:
            return None if plain[0].type == "-" else plain[0]
        for o in objs:  # conditional entries none of which is met leave the CAMEO patterns
            p = lex.patterns.get((lemma, o.lemma_.lower())) or lex.patterns.get((lemma, o.text.lower()))
            if p is not None:
                return p
        if entries:  # only conditional entries, none met, and no pattern
            return None
        if not cameo_verbs:
            return None
        return lex.cameo_verbs.get(lemma)
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ == "compound":
            return None  # a modifier names a topic, not an occurrence: "ceasefire talks", "sanctions package"
        if tok.ent_type_ in ("DATE", "TIME"):
            return None  # "On 12 March": a month, not a march
        entries = lex.nouns.get(lemma) or lex.nouns.get(tok.text.lower()) or lex.nouns.get(_hyphenated(tok))
        if not entries:
            return None
        for t in entries:
            if t.needs and _satisfied(lex, tok, t.needs, []):
                return None if t.type == "-" else t
        plain = [t for t in entries if not t.needs]
        if plain and plain[0].type != "-":
            return plain[0]
    return None
