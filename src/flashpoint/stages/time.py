"""time: time expressions, normalised against the publication date, and the date of each event.

1. ``article.timexes``: every time expression (``time_rules.find``) as a :class:`Timex` with its
   TIMEX3 type and value, interval and granularity. Whether a relative expression looks back or
   forward comes from its clause: the verb it attaches to (past tense, "will", "plans to", ...).
2. ``event.date`` / ``event.historical`` for ``article.events``: the date comes from the time
   expression that governs the event in its sentence (attached to the trigger or to a verb above
   it; else the nearest in the sentence) with ``source="clause"``; else from the sentence before
   in the same paragraph when it is dated to a day or week and the event is told in the past
   (``source="discourse"``); else, for an event told in the past in the first ``lede_sentences``
   sentences, the one day the lede names (``source="lede"``: the day of the story); else nothing better than the publication is known and ``date`` stays
   null (``event.cues["time"] = "publication"``). ``historical`` marks events that ended more than
   ``historical_days`` before the publication, or dated only to an earlier year.
"""

from __future__ import annotations

import datetime as dt
import re

from .. import data
from ..model import Article, DateValue, Event, Timex
from ..pipeline import stage
from . import time_rules
from .time_forms import PART_OF_DAY
from .events_lexicon import lookup, noun_types
from .place_context import in_dateline
from .scores import material_types, verbal_types

#: granularities fine enough for a following sentence to inherit ("Last week, ... . The unit ...")
DISCOURSE_GRANULARITIES = ("day", "weekend", "week", "part_of_month")
#: granularities of the day the narrative last named, which an undated event further on takes
NARRATIVE_GRANULARITIES = ("day", "time", "weekend")


#: A clock time that names no day: "9:44 a.m.", "10am", "around 10 p.m.", "2300 GMT", "noon".
BARE_CLOCK = re.compile(r"(?i)(?:(?:at|around|about|shortly after|just after|before|after)\s+)?"
                        r"(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?(?:\s*\(?(?:local time|gmt|utc)\)?)?"
                        r"|\d{4}\s*(?:gmt|utc|hrs|hours)|noon|midnight)")
BARE_PART = re.compile(PART_OF_DAY, re.IGNORECASE)
#: prepositions whose object, dated, dates the act ("killed 14 people during a Sunday service")
DURING = frozenset({"during", "at", "amid", "throughout"})
#: Dependency labels that open a clause of their own: a time expression inside one dates that
#: clause's event, not the event above it.
CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "csubj", "parataxis"})
#: Conjunctions whose clause does date the event it modifies ("has backed him since a protest
#: erupted last year", "deployed troops when the crisis began in May").
TEMPORAL_MARKS = frozenset({"since", "when", "after", "before", "until", "while"})
#: words that open a temporal clause whose past tense may be the backshift of a future
#: ("would leave when the talks ended Sunday")
BACKSHIFT_MARKS = frozenset({"as", "when", "once", "until", "till", "before", "after"})
#: prepositions that name a deadline or an end, which a past verb does not put in the past
#: ("was extended to Nov. 16", "asked it to respond by Oct. 31")
DEADLINE_PREPS = frozenset({"until", "till", "by", "through", "to", "before", "from", "effective", "payable"})
#: the deadlines among them that, where the clause has no tense, look forward
FORWARD_PREPS = frozenset({"until", "till", "by", "through"})


def _to_come(article: Article, timex: Timex) -> bool:
    """The time expression names a day after the publication ("will host a summit on Wednesday"):
    no day of what the story has told, for an event that names no day of its own."""
    if article.published is None or not timex.start:
        return False
    published = article.published.date() if isinstance(article.published, dt.datetime) else article.published
    return timex.start > published.isoformat()


def _of_dateline(article: Article, timex: Timex) -> bool:
    """The time expression is a wire dateline's day ("KADUNA, Nigeria, March 11 (Reuters) -"): the
    report's. The dateline need not open the text: a headline or a standfirst may stand before it."""
    return timex.span.sentence is not None and in_dateline(article.text, timex.span.start)


def _lede(article: Article) -> int:
    """The index of the lede, the body's first sentence: the headline lines before it (role
    "headline", set by the nlp stage) are passed over."""
    return next((s.index for s in article.sentences if s.role != "headline"), len(article.sentences))


def _about_act(tok) -> bool:
    """``tok`` is the gerund an accusation or a blame is about (``CONTENT_PREPS``)."""
    return tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.lower_ in CONTENT_PREPS


def _opens_clause(tok) -> bool:
    """``tok`` heads a clause of its own that is not a temporal clause of its head, or a gerund an
    accusation or a blame is about."""
    if _about_act(tok):
        return True
    if tok.dep_ not in CLAUSE_DEPS:
        return False
    return not (tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in tok.children))


#: How a date names the act of the noun it stands before: "the April 22 attack", "Sunday's
#: strike", "a weekend suicide bombing" (the span of "the April 22" is rooted at its article).
PRENOMINAL_DEPS = frozenset({"compound", "nmod", "npadvmod", "poss", "amod", "det"})
#: Prepositions whose gerund names the act a claim is about ("accused the army of firing rockets
#: on Friday", "blamed for killing", "charged with attacking"): its time is that act's, not the claim's.
CONTENT_PREPS = frozenset({"of", "for", "with"})


#: Verbal types that are measures taken, with a day of their own, not statements: the story's
#: day does not date them (:meth:`Time._story_day`).
MEASURES = frozenset({"SANCTION"})


#: Prepositions whose object is an act the trigger follows or answers ("after the attack on
#: Sunday", "in retaliation for the killing of its commander last month"); with "for" and "to"
#: only after a noun of ``REACTIONS``.
EARLIER_ACT_PREPS = frozenset({"after", "since", "following", "over"})
REACTIONS = frozenset({"retaliation", "revenge", "response", "reprisal", "reaction", "answer"})


def _span_days(value: str | None) -> int | None:
    """Days in a TIMEX3 duration of days or weeks ("P1D", "P2D", "P1W"), else None."""
    m = re.fullmatch(r"P(\d+)([DW])", value or "")
    if m is None:
        return None
    return int(m.group(1)) * (7 if m.group(2) == "W" else 1)


def answered(noun) -> bool:
    """``noun`` is the object of a preposition that names an earlier act (``EARLIER_ACT_PREPS``)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    return prep.lower_ in EARLIER_ACT_PREPS or (prep.lower_ in ("for", "to") and prep.head.lemma_.lower() in REACTIONS)


def _token(article: Article, span):
    """The parse token heading ``span`` (a trigger's, a time expression's) in the article's parse;
    None without a parse or where the span covers no token."""
    doc = article.spacy
    found = doc.char_span(span.start, span.end, alignment_mode="expand") if doc is not None else None
    return found.root if found is not None and len(found) else None


def _verb_above(tok):
    """The first verb among ``tok``'s heads (None if there is none)."""
    return next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _before(child, noun) -> bool:
    """``child`` stands before ``noun`` as its modifier: "Sunday's strike", "the April 22 attack"."""
    return child.head.i == noun.i and child.dep_ in PRENOMINAL_DEPS and child.i < noun.i


def _of_other_act(path, trigger) -> bool:
    """The time expression (``path[0]``, up to the trigger) dates a noun of another act below the
    trigger: one it stands before ("denied any role in the April 22 attack" is no denial of April
    22), or an earlier act the trigger answers ("fired rockets in retaliation for the killing of
    its commander last month" is no firing last month)."""
    for child, parent in zip(path, path[1:]):
        if parent.i != trigger.i and parent.pos_ == "NOUN" and parent.dep_ == "pobj" \
                and parent.head.lower_ == "since" and (_before(child, parent) or child.dep_ == "nummod"):
            return True  # "the most serious flare-up since their 2020 war": the war's year, a yardstick
        if parent.i == trigger.i or parent.pos_ != "NOUN" or lookup(parent) is None:
            continue
        if parent.dep_ in ("nsubj", "nsubjpass"):
            continue  # "Sunday's attack killed 20 people": the act that does it is at its time
        if _setting_of(parent, trigger):
            continue  # "seized power in a 2021 coup": the act the trigger's is part of, at its time
        if _before(child, parent) or answered(parent):
            return True
    return False


#: determiners by which a noun takes up an act the story has told ("The strikes came two days after")
ANAPHORIC_DETS = frozenset({"the", "this", "these", "that", "those"})


def _told_act(article: Article, event: Event, holder) -> Event | None:
    """The act told before that the subject of ``holder`` takes up ("Russian warplanes struck a
    market on Wednesday ... . The strikes came two days after insurgents shelled ..."): the last
    earlier event of the type the noun names, dated to one day; None where the subject is no such
    noun or no such event was dated."""
    subj = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in subj.children):
        return None
    types = noun_types(subj)
    told = [e for e in article.events if e.sentence is not None and e.sentence < event.sentence and e.type in types
            and e.date is not None and e.date.granularity == "day" and e.date.start == e.date.end]
    return told[-1] if told else None


def _names_a_thing(path, trigger) -> bool:
    """On its way up to the trigger, the time expression (``path[0]``) stands before a noun as its
    modifier: it dates that thing ("called on Russia to respect a 2020 ceasefire agreement"), not the
    clause; but an argument of the trigger itself is dated by it ("signed the 2016 peace deal",
    "Sunday's attack killed 20")."""
    return any(parent.pos_ in ("NOUN", "PROPN") and child.i < parent.i and child.head.i == parent.i
               and child.dep_ in (*PRENOMINAL_DEPS, "nummod") and parent.head.i != trigger.i
               and parent.dep_ not in ("nsubj", "nsubjpass")
               and not (parent.dep_ == "pobj" and parent.head.lower_ in DURING)
               and not _setting_of(parent, trigger)
               for child, parent in zip(path, path[1:]))


def _setting_of(noun, trigger) -> bool:
    """``noun`` is an act the trigger's material act happened in: the object of its own "in"
    ("seized power in a 2021 coup", "were killed in Sunday's attack")."""
    if not (noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.head.i == trigger.i and lookup(noun)):
        return False
    act = lookup(trigger)  # a material act ("seized", "killed"), not a word about one ("denied any role in")
    return act is not None and act.type in material_types()


def _thing_of(article: Article, timex: Timex):
    """The noun the time expression stands before as its modifier ("the April 22 attack", "Sunday's
    vote", "a 60-day state of emergency"): the thing it dates or measures; else None."""
    root = _token(article, timex.span)
    if root is not None and root.dep_ in (*PRENOMINAL_DEPS, "nummod") and root.head.pos_ in ("NOUN", "PROPN") \
            and root.head.i > root.i:
        return root.head
    return None


def _length_of_thing(article: Article, timex: Timex) -> bool:
    """A duration that says how long a measure an act sets up will last ("imposed a 60-day state of
    emergency", "declared a three-day curfew"): it runs from the act on, so it dates nothing back
    from the publication (coding-conventions 8: a duration is anchored to a dated start); a
    duration of a state told of ("in a seven-year conflict") runs up to the publication, unless the
    thing is dated on its own ("a 44-day war in 2020")."""
    thing = _thing_of(article, timex) if timex.type == "DURATION" else None
    if thing is None:
        return False
    dated = [o for p in thing.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    if any(o.ent_type_ == "DATE" for o in dated):
        return True  # a thing dated on its own: "a 44-day war in 2020" ran then, not up to the publication
    return thing.dep_ in ("dobj", "nsubjpass") and thing.head.pos_ == "VERB"


def _episode_day(relcl, timex: Timex, trigger) -> bool:
    """A relative clause in the simple past about the trigger's subject names a day of the same
    episode ("The gunmen, who arrived at dawn on Sunday, killed 12 villagers"), unlike a state it
    tells ("Saudi Arabia, which has observed a truce since 2022, called for restraint")."""
    return timex.granularity in ("day", "time") and relcl.tag_ == "VBD" \
        and relcl.head.dep_ in ("nsubj", "nsubjpass") and relcl.head.head.i == trigger.i


def _participle_of_noun(tok) -> bool:
    """``tok`` is a participle about a noun: "talks held in Cairo", "a school used as a shelter"."""
    return tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBG") and tok.head.pos_ in ("NOUN", "PROPN")


def _participle_s_time(child, tok) -> bool:
    """``tok`` is a participle about a noun (:func:`_participle_of_noun`) and the time expression,
    by ``child``, is its: the participle or its noun tells an act ("talks held in Cairo on Monday",
    "the accord signed in Doha on Monday"), or the time follows it directly ("a convoy attacked on
    Monday"). A time told after the other words of a participle about a thing ("hit a school used
    as a shelter in central Gaza on Saturday") is as often the sentence's, which the parser hangs
    on the nearest verb."""
    return _participle_of_noun(tok) and (child.left_edge.i == tok.i + 1 or bool(noun_types(tok.head))
                                         or tok.tag_ == "VBN" and lookup(tok) is not None)


def _own_clause(child, tok, timex: Timex, trigger) -> bool:
    """``tok``, met by ``child`` on the way from a time expression up to the trigger, opens a clause
    of its own the time belongs to (:func:`_opens_clause`), not the trigger's: a participle about
    the act noun itself tells the act ("the operation launched on Monday"), and one about another
    noun has the time only as :func:`_participle_s_time` says."""
    if tok.dep_ == "conj":
        return _other_clause(child, tok, timex, trigger)
    if tok.dep_ == "relcl" and _episode_day(tok, timex, trigger):
        return False
    if _participle_of_noun(tok):
        return tok.head.i != trigger.i and _participle_s_time(child, tok)
    return _opens_clause(tok)


def _other_clause(child, tok, timex: Timex, trigger) -> bool:
    """``tok``, met by ``child`` on the way from a time expression up to a word above the trigger,
    opens a clause the time belongs to: a relative clause about a noun above the trigger ("Saudi
    Arabia, which has observed a truce since 2022, called for restraint"), unless it tells the
    episode's day (:func:`_episode_day`); a participle about a noun the time follows ("criticised
    the outcome of talks held on Monday, rejecting the plan"); or a conjoined clause with a subject
    of its own ("accused Ukraine of supporting the rebels, and on Sunday Mali's government cut
    ties": Sunday is the cut's)."""
    if tok.dep_ == "relcl":
        return not _episode_day(tok, timex, trigger)
    if _participle_s_time(child, tok):
        return True
    return tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _clause_level(article: Article, timex: Timex, trigger) -> int:
    """How closely a time expression of the trigger's sentence dates the trigger: 0 attached to it
    or below it, 1 to a verb above it, 2 elsewhere in the clauses above it, 3 not at all (inside a
    clause of its own, or the day of another thing)."""
    root = _token(article, timex.span)
    if root is None:
        return 3
    above = {a.i for a in trigger.ancestors} | {trigger.i}
    heads = [a.i for a in root.ancestors]
    dateline = _of_dateline(article, timex)
    if trigger.i in heads:
        # attached to the trigger or below it ("exercise on Friday"), but not inside a
        # clause of its own ("a war over Crimea, which was annexed in 2014")
        path = [root, *root.ancestors]
        inner = path[: heads.index(trigger.i) + 1]
        level = 3 if _opens_clause(root) or any(_own_clause(child, tok, timex, trigger)
                                                for child, tok in zip(inner, inner[1:])) \
            or _of_other_act(inner, trigger) \
            or not dateline and _names_a_thing(inner, trigger) else 0
    elif _thing_of(article, timex) is not None and not dateline:
        level = 3  # the day of a thing in another branch ("denied any role in the April 22 attack ... and called for")
    elif heads and heads[0] in above:
        level = 1  # attached to a verb above the trigger ("announced on Sunday that ... intended")
    elif set(heads) & above:
        between = [root, *root.ancestors][: next(k for k, h in enumerate(heads) if h in above) + 1]
        level = 3 if any(_other_clause(child, tok, timex, trigger) for child, tok in zip(between, between[1:])) else 2
    else:
        level = 3
    if level < 2 and dateline:
        # "ADDIS ABABA, Nov 29 (Reuters) - ... troops took ... Mekelle on Saturday": the
        # dateline's day is the report's, which the parser hangs on the first verb
        level = 2
    return level


def _dates_other_act(article: Article, timex: Timex, event: Event) -> bool:
    """``timex`` lies in ``event``'s sentence and dates another act or clause there (:func:`_of_other_act`,
    :func:`_clause_level`): "After the attack on Monday, Israel struck Gaza" is no strike on Monday;
    nor is "accused the army of firing rockets on Friday" an accusation on Friday (:func:`_about_act`),
    nor "criticised the outcome of talks held on Monday" a criticism on Monday."""
    if timex.span.sentence != event.sentence:
        return False
    root, trigger = _token(article, timex.span), _token(article, event.trigger)
    if root is None or trigger is None:
        return False
    if _clause_level(article, timex, trigger) == 3:
        return True  # (below the trigger, this holds the gerund of an accusation and another act's noun)
    path = [root, *root.ancestors]
    return trigger not in path and _of_other_act(path, trigger)


@stage("time", requires=("article.text", "article.published"), assigns=("article.timexes", "event.date", "event.historical"))
class Time:
    """Find and normalise time expressions; date the events."""

    def __init__(self, *, historical_days: int = 60, discourse: bool = True, lede_sentences: int = 8,
                 narrative_sentences: int = 12) -> None:
        self.historical_days = historical_days
        #: how many sentences back the narrative's last named day still dates an undated event (0: off)
        self.narrative_sentences = narrative_sentences
        #: sentences of the lede whose single named day dates its undated past events (0: off)
        self.lede_sentences = lede_sentences
        self.discourse = discourse
        cues = data.tsv("time", "tense_cues.tsv")
        self.future_words = {r["word"] for r in cues if r["tense"] == "future"}
        #: verbs whose present tense says nothing of when ("says Monday's strike ...")
        self.report_verbs = {r["word"] for r in cues if r["tense"] == "report"}
        #: verbs whose past is their present ("hurt", "cut"): a "present" tag on them is no clue
        self.either_verbs = {r["word"] for r in cues if r["tense"] == "either"}
        self._clock_days: dict[int, Timex] = {}
        #: verbs that tell that an act happened, whose subject is the act ("the attack took place")
        self.occur_verbs = set(data.words("time", "occur_verbs.txt"))

    def __call__(self, article: Article) -> Article:
        anchor = article.published
        article.timexes = []
        if anchor is None:
            return article
        if isinstance(anchor, dt.datetime):
            anchor = anchor.date()
        doc = article.spacy
        direction = (lambda s, e: self.direction(doc, s, e)) if doc is not None else None
        on_day = []
        #: the day each bare clock time was put on, for the events it dates (provenance)
        self._clock_days: dict[int, Timex] = {}
        for f in time_rules.find(article.text, anchor, direction):
            article.timexes.append(Timex(
                span=article.span(f.start, f.end), type=f.type, value=f.value,
                start=f.begin.isoformat() if f.begin else None, end=f.until.isoformat() if f.until else None,
                granularity=f.granularity))
            on_day.append(f.on_day)
        for timex in article.timexes:
            if _length_of_thing(article, timex):
                timex.start = timex.end = None  # how long a thing lasts dates nothing ("a 60-day state of emergency")
        for timex, placed in zip(article.timexes, on_day):
            day = None if placed else self._day_of_clock(article, timex)
            if day is not None and day.start:
                # a bare clock time ("At 9:44 a.m., ... fired its water cannon", "at dawn") is on the
                # day the story is telling, not on the day of publication (coding-conventions 8)
                timex.start, timex.end = day.start, day.end
                self._clock_days[id(timex)] = day
                if timex.value and "T" in timex.value:
                    timex.value = day.start + timex.value[timex.value.index("T"):]
        for event in article.events:
            self.date_event(article, event, anchor)
        return article

    # -- tense of the clause -----------------------------------------------------------------

    def direction(self, doc, start: int, end: int) -> int:
        """-1 when the clause around the span is told in the past, +1 when it looks forward, 0 when
        it gives no clue; -2 and +2 where the span is the time of that verb itself (attached to it,
        not through "until", "by": "In January, American Medical brought in a new chief")."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return 0
        tok = span.root
        if tok.dep_ in ("compound", "nmod", "amod") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i not in range(span.start, span.end):
            return 0  # a time that names a thing ("under a June agreement"), not the time of the clause's verb
        verb = None
        for _ in range(6):
            if tok.pos_ in ("VERB", "AUX") and tok.i not in range(span.start, span.end):
                verb = tok
                break
            if tok.head.i == tok.i:
                break
            tok = tok.head
        if verb is None:
            if tok.pos_ in ("VERB", "AUX"):
                verb = tok
            else:
                return 0
        root = span.root
        direct = (root.dep_ in ("npadvmod", "advmod", "tmod") and root.head.i == verb.i
                  or root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.i == verb.i)
        d = self._verb_direction(verb, present=direct)
        if d == 0 and verb.tag_ == "VBG" and verb.dep_ in ("pcomp", "advcl", "acl") and not any(
                c.dep_ in ("aux", "auxpass") for c in verb.children):
            # a participle takes the time of the clause it hangs from where that looks forward:
            # "would leave from March 30, with the third departing each Thursday from August 6"
            gov = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if gov is not None and self._verb_direction(gov) > 0:
                d = 1
        if d <= 0 and verb.tag_ in ("VBD", "VBN") and self._backshifted(verb):
            d = 1  # "were likely to buy as soon as trading opened Monday": the coming Monday
        # a plan's time: "had been set to expire Nov. 6", "has set Nov. 10 as the deadline"
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) or {
            verb.lower_, verb.lemma_} & self.future_words
        if direct and not infinitive and root.head.lower_ not in DEADLINE_PREPS:
            return 2 * d  # the time of the verb itself ("the year ended March 31"), not a deadline it names
        if d == 0 and root.dep_ == "pobj" and root.head.lower_ in FORWARD_PREPS:
            return 1  # a deadline in a clause with no tense of its own: "a program to pay down debt by February"
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ == "ahead":
            return 1  # "square positions ahead of the weekend": the one to come
        return d

    def _backshifted(self, verb) -> bool:
        """``verb`` heads a temporal clause ("as soon as trading opened", "when the talks ended")
        of a verb that looks forward: its past tense is the backshift of reported speech, and
        the time it names is still to come."""
        if verb.dep_ != "advcl" or not any(c.dep_ in ("mark", "advmod") and c.lower_ in BACKSHIFT_MARKS for c in verb.children):
            return False
        head = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return head is not None and self._verb_direction(head) > 0

    def _verb_direction(self, verb, *, present: bool = False) -> int:
        """The direction the clause of ``verb`` looks in; ``present``: the simple present of an
        event verb looks forward (only for a time expression attached to the verb itself)."""
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {a.lower_ for a in auxes}
        if words & self.future_words:
            return 1
        if verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxes):
            # "plans to meet on Friday", "is expected to arrive"
            head = verb.head
            if head.i != verb.i and (head.lower_ in self.future_words or head.lemma_ in self.future_words):
                # "plans to meet on Friday", "set to resume Monday"; but a plan told in the past
                # perfect was for the past ("had been due to expire Friday")
                gov = head if head.pos_ in ("VERB", "AUX") else head.head
                if any(c.dep_ == "aux" and c.lower_ == "had" for c in gov.children):
                    return -1
                return 1
            if head.i != verb.i and head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
                return 1  # "is to resume trading Tuesday"
            if head.i != verb.i and head.pos_ in ("VERB", "AUX", "ADJ"):
                return self._verb_direction(head) if head.pos_ in ("VERB", "AUX") else 0
        if verb.tag_ in ("VBD",) or any(a.tag_ == "VBD" for a in auxes):
            return -1
        if present and verb.tag_ in ("VBZ", "VBP") and not auxes and verb.lemma_ not in (
                *self.report_verbs, *self.either_verbs, "be", "have"):
            return 1  # the news present of a scheduled event: "He and Arafat meet separately Monday"
        if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
            return -1
        if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
            return 1  # "is holding talks on Friday"
        if verb.tag_ == "MD" or any(a.tag_ == "MD" for a in auxes):
            return 1 if words & {"will", "shall", "'ll", "would"} else 0
        return 0

    # -- event dates -------------------------------------------------------------------------

    def date_event(self, article: Article, event: Event, anchor: dt.date) -> None:
        offset = self._offset_day(article, event)
        if offset is not None:
            # "A day after the attack on Monday, Israel struck Gaza": the strike is on Tuesday
            day, text, span = offset
            event.date = DateValue(start=day, end=day, granularity="day", text=text, span=span, source="clause")
            event.cues["time"] = f"clause: {text}"
            event.historical = (anchor - dt.date.fromisoformat(day)).days > self.historical_days
            return
        chosen, source = self._clause_timex(article, event), "clause"
        if chosen is not None and self.narrative_sentences and self._reported_act(article, event, chosen):
            # "A U.N. mission said on Tuesday ... the hospital took a direct hit": Tuesday is the day
            # of the telling; the act told in the past happened on the day the story told it, when
            # that day came before (the nested-event rule, coding-conventions 8)
            told = self._narrative_timex(article, event) or self._named_act_day(article, event) \
                or self._elaborated_day(article, event) or self._next_day(article, event)
            if told is not None and told.granularity == "day" and told.end and chosen.start \
                    and 0 < (dt.date.fromisoformat(chosen.start) - dt.date.fromisoformat(told.end)).days <= 7:
                chosen, source = told, "narrative"
        if chosen is None and self.narrative_sentences and event.sentence == _lede(article) \
                and self._told_in_past(article, event):
            # the lede tells the act, the next sentence when: "Gunmen killed 14 worshippers in
            # eastern Burkina Faso. The attack happened on Sunday during a church service"
            chosen, source = self._next_day(article, event), "narrative"
        if chosen is None and self.discourse:
            chosen, source = self._discourse_timex(article, event), "discourse"
        if chosen is None and self.lede_sentences:
            chosen, source = self._lede_timex(article, event), "lede"
        if chosen is None and self.lede_sentences and event.type in verbal_types() and event.type not in MEASURES:
            chosen, source = self._story_day(article, event), "lede"
        if chosen is None and self.narrative_sentences:
            chosen, source = self._narrative_timex(article, event), "narrative"
        if chosen is None:
            event.date = None
            event.historical = False
            event.cues["time"] = "publication"
            return
        event.date = DateValue(start=chosen.start, end=chosen.end, granularity=chosen.granularity,
                               text=chosen.span.text, span=chosen.span, source=source)
        event.cues["time"] = f"{source}: {chosen.span.text}"
        if id(chosen) in self._clock_days:
            event.cues["time"] += f" on {self._clock_days[id(chosen)].span.text}"
        # an inferred day says when, not that the event is background: that takes its own words
        event.historical = source != "narrative" and self.is_historical(chosen, anchor)
        if article.text[max(0, chosen.span.start - 6):chosen.span.start].lower().strip() == "since":
            # "has backed him since last year": from then until the publication, still going on
            event.date.end = max(chosen.end or anchor.isoformat(), anchor.isoformat())
            event.historical = False

    def is_historical(self, timex: Timex, anchor: dt.date) -> bool:
        if not timex.end:
            return False
        end = dt.date.fromisoformat(timex.end)
        if timex.granularity in ("year", "decade", "century") and end.year < anchor.year:
            return True
        return (anchor - end).days > self.historical_days

    @staticmethod
    def _datable(t: Timex) -> bool:
        return t.start is not None and t.type in ("DATE", "TIME", "DURATION") and not (t.value or "").endswith("_REF")

    def _clause_timex(self, article: Article, event: Event) -> Timex | None:
        cands = [t for t in article.timexes if t.span.sentence == event.sentence and self._datable(t)]
        if not cands:
            return None
        trigger = _token(article, event.trigger)
        if trigger is None:
            return min(cands, key=lambda t: abs(t.span.start - event.trigger.start))
        levels = {id(t): _clause_level(article, t, trigger) for t in cands}
        best = min(cands, key=lambda t: (levels[id(t)], abs(t.span.start - event.trigger.start)))
        return None if levels[id(best)] == 3 else best  # a time expression of another clause dates nothing here

    def _story_times(self, article: Article, before: int) -> list[Timex]:
        """The datable time expressions of the sentences before ``before`` that name no time to
        come, in text order: what the lede's day is chosen from."""
        return [t for t in article.timexes if t.span.sentence is not None and t.span.sentence < before
                and self._datable(t) and not _to_come(article, t)]

    def _lede_timex(self, article: Article, event: Event) -> Timex | None:
        """The day of the story: an event told in the past in the first sentences of the article,
        with no time of its own, happened on the day the lede names ("Jihadists carried out a major
        attack ... on Sunday"; coding-conventions 8: a date from an unambiguous neighbouring
        sentence). Only a single day named in the lede counts."""
        if event.sentence is None or event.sentence >= self.lede_sentences or not self._told_in_past(article, event):
            return None
        lede = [t for t in self._story_times(article, self.lede_sentences) if not _dates_other_act(article, t, event)]
        # the day (or weekend) of the lede's act, before the day it was reported on ("killed 132
        # civilians ... over the weekend, the government said on Monday")
        telling = {id(t) for t in lede if t.granularity in ("day", "weekend") and self._telling_day(article, t)}
        told = {t.span.sentence for t in lede if t.granularity == "day" and id(t) in telling}
        acts = {(t.start, t.end): t for t in lede if t.granularity in ("day", "weekend")
                and id(t) not in telling and t.span.sentence in told}
        if len(acts) == 1 and event.type in material_types():
            return next(iter(acts.values()))
        days = {(t.start, t.end): t for t in lede if t.granularity == "day"}
        return next(iter(days.values())) if len(days) == 1 else None

    def _story_day(self, article: Article, event: Event) -> Timex | None:
        """The day of the story, for a statement with no time of its own: the one day the first
        sentence to name a day names, within ``lede_sentences``. What was said, demanded or
        rejected further down is news of the story's day, not of the day the narrative last named
        ("ECOWAS leaders met on Sunday ... . Niger's junta said on Saturday night ... . The junta
        warned against any intervention": the warning is Sunday's)."""
        if event.sentence is None or self._told_in_future(article, event):
            return None
        days = [t for t in self._story_times(article, min(self.lede_sentences, event.sentence)) if t.granularity == "day"]
        if not days:
            return None
        first = [t for t in days if t.span.sentence == days[0].span.sentence]
        if len({(t.start, t.end) for t in first}) > 1:
            # a day of the act and a day of its telling ("stormed a hotel late on Thursday ..., police
            # said on Friday"): a statement is news of the day the story is told
            first = [t for t in first if self._telling_day(article, t)]
        return first[0] if len({(t.start, t.end) for t in first}) == 1 else None

    def _narrative_timex(self, article: Article, event: Event) -> Timex | None:
        """The reference time of the narrative: an event with no time of its own, not told as
        to come, happened on the day the story last named before it ("Fighting broke out on
        Thursday ... . Residents said the army had pulled back from the university"), looked for
        at most ``narrative_sentences`` back, when the sentence that named it names no other day
        (coding-conventions 8: a date from an unambiguous neighbouring sentence). The merge does not tell reports apart by such a
        date (it is inferred, as the lede's day is)."""
        if event.sentence is None or self._told_in_future(article, event):
            return None
        first = event.sentence - self.narrative_sentences
        named = [t for t in article.timexes if t.span.sentence is not None and first <= t.span.sentence < event.sentence
                 and self._datable(t) and t.granularity in NARRATIVE_GRANULARITIES and not _to_come(article, t)
                 and t.type != "DURATION"]  # a length ("a 44-day war in 2020") names no day of the story
        return self._last_named(article, named)

    def _last_named(self, article: Article, named: list[Timex]) -> Timex | None:
        """The one day the last sentence of ``named`` (in text order) names; of a sentence that
        names two days, the day of what is told, not of its telling ("Residents said on Friday that
        fighting took place the previous day"); two days of acts leave it open (None)."""
        if not named:
            return None
        last = [t for t in named if t.span.sentence == named[-1].span.sentence]
        if len({(t.start, t.end) for t in last}) == 1:
            return last[-1]
        acts = [t for t in last if not self._telling_day(article, t)]
        return acts[-1] if len({(t.start, t.end) for t in acts}) == 1 else None

    def _day_of_clock(self, article: Article, timex: Timex) -> Timex | None:
        """The day a bare clock time ("9:44 a.m.", "around 10pm") falls on: the one day the story
        named last before it, within ``narrative_sentences`` (:meth:`_last_named`); None for a time
        that names its day ("Friday night", "this morning") or where no single day was named."""
        text = timex.span.text.strip()
        if timex.type != "TIME" or timex.span.sentence is None \
                or not (BARE_CLOCK.fullmatch(text) or BARE_PART.fullmatch(text)):
            return None
        clock = _token(article, timex.span)
        for t in article.timexes:
            # the day the clock time itself names: "at about 2 a.m. on Sunday"
            root = _token(article, t.span) if t.span.sentence == timex.span.sentence and t.granularity == "day" \
                and self._datable(t) else None
            if root is not None and clock is not None and clock.i in (root.head.i, root.head.head.i):
                return t
        first = timex.span.sentence - self.narrative_sentences
        return self._last_named(article, [
            t for t in article.timexes if t.span.sentence is not None and first <= t.span.sentence <= timex.span.sentence
            and t.span.start < timex.span.start and self._datable(t) and t.granularity == "day"])

    def _named_act_day(self, article: Article, event: Event, window: int = 2) -> Timex | None:
        """The one day the next ``window`` sentences give an act of the event's type by name
        ("... took a direct hit. Ukraine mourned the 44 dead of Monday's air attacks"), else None."""
        if event.sentence is None:
            return None
        found = {}
        here = article.sentences[event.sentence]
        doc = article.spacy
        #: the nouns the event's sentence tells it with, which a later sentence may name it by
        told = {tok.lemma_.lower() for tok in doc.char_span(here.start, here.end, alignment_mode="expand") or ()
                if tok.pos_ == "NOUN"} if doc is not None else set()
        for t in article.timexes:
            if t.span.sentence is None or not event.sentence < t.span.sentence <= event.sentence + window \
                    or t.granularity not in ("day", "time") or not self._datable(t):
                continue
            root = _token(article, t.span)
            act = lookup(root.head) if root is not None and root.head.pos_ == "NOUN" and _before(root, root.head) else None
            subject = self._occurred(root) if act is None and root is not None else None
            if subject is not None:
                act = lookup(subject)
                if (act is None or act.type != event.type) and subject.lemma_.lower() in told:
                    found[(t.start, t.end)] = t  # "Israeli strikes killed 30 people ... . The strikes began ..."
                    continue
            if act is not None and act.type == event.type:
                found[(t.start, t.end)] = t
        return next(iter(found.values())) if len(found) == 1 else None

    def _occurred(self, root):
        """The act noun a time expression says the day of by a verb of occurring with the act as
        its subject ("The attack took place on Saturday", "The strikes began shortly after midnight
        on Sunday"), or None."""
        verb = _verb_above(root)
        if verb is None or verb.lemma_.lower() not in self.occur_verbs:
            return None
        if verb.lemma_.lower() == "take" and not any(c.lower_ == "place" for c in verb.children):
            return None
        return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"), None)

    def _elaborated_day(self, article: Article, event: Event, window: int = 2) -> Timex | None:
        """The one day the next ``window`` sentences give a material act, for a material act
        the lede reports with only the day of its telling ("Gunmen abducted at least 61 people ...,
        police said on Monday. The attackers stormed the village at about 2 a.m. on Sunday"):
        wire copy tells the act, then its circumstances. Only a sentence that tells an act of the
        same type counts; None where those sentences name no day, more than one, or only days of
        telling or to come."""
        if event.sentence is None or event.type not in material_types():
            return None
        same_type = {e.sentence for e in article.events if e.type == event.type and e.sentence is not None
                     and event.sentence < e.sentence <= event.sentence + window}
        material = {e.trigger.start for e in article.events if e.sentence in same_type and e.type in material_types()}
        found = {}
        for t in article.timexes:
            if t.span.sentence not in same_type or t.granularity != "day" or not self._datable(t) \
                    or _to_come(article, t) or self._telling_day(article, t):
                continue
            root = _token(article, t.span)
            verb = _verb_above(root) if root is not None else None
            if verb is None or verb.idx not in material:
                continue  # the day of a saying or of another thing ("In an interview on Saturday, Putin described ...")
            found[(t.start, t.end)] = t
        return next(iter(found.values())) if len(found) == 1 else None

    def _next_day(self, article: Article, event: Event) -> Timex | None:
        """The one day the next sentence names, not of a telling nor to come: the day of an act
        reported only with the day it was told ("Gunmen killed 20 villagers ..., officials said on
        Monday. Residents said the gunmen arrived on motorbikes on Saturday"); wire copy tells the
        act, then its circumstances. Two sentences on, the day is as often another act's (it lost
        a November 2021 date), so only the next one counts."""
        trigger = _token(article, event.trigger)
        if event.sentence is None or trigger is None or trigger.tag_ in ("VB", "VBG", "MD"):
            return None  # not an act told as done ("was preparing to send")
        days = {(t.start, t.end): t for t in article.timexes if t.span.sentence == event.sentence + 1
                and t.granularity == "day" and self._datable(t) and not _to_come(article, t)
                and not self._telling_day(article, t)}
        return next(iter(days.values())) if len(days) == 1 else None

    def _offset_day(self, article: Article, event: Event) -> tuple[str, str, object] | None:
        """The day a span of days or weeks "after" or "before" a dated act puts the event on: "a day
        after the attack on Monday", "two days after Sunday's election" (the duration hangs on the
        preposition or the preposition on it), when that phrase belongs to the event's clause."""
        trigger = _token(article, event.trigger)
        if trigger is None or event.sentence is None:
            return None
        above = {a.i for a in trigger.ancestors} | {trigger.i}
        here = [t for t in article.timexes if t.span.sentence == event.sentence]
        roots = {id(t): _token(article, t.span) for t in here}
        for t in here:
            root = roots[id(t)]
            if t.type != "DATE" or t.granularity != "day" or not t.start or root is None:
                continue
            prep = next((a for a in root.ancestors if a.dep_ == "prep" and a.lower_ in ("after", "before")), None)
            if prep is None:
                continue
            for d in here:
                unit = roots[id(d)]
                days = _span_days(d.value)
                if d.type != "DURATION" or days is None or unit is None:
                    continue
                if not ((unit.head.i == prep.i or prep.head.i == unit.i) and unit.dep_ == "npadvmod"):
                    continue
                holder = unit.head if prep.head.i == unit.i else prep.head
                if holder.i not in above:
                    continue  # the phrase dates another clause
                sign = 1 if prep.lower_ == "after" else -1
                day = dt.date.fromisoformat(t.start) + dt.timedelta(days=sign * days)
                return day.isoformat(), f"{d.span.text} {prep.text} {t.span.text}", d.span
        return self._offset_from_holder(article, event, trigger, here, roots)

    @staticmethod
    def _offset_from_holder(article: Article, event: Event, trigger, here: list,
                            roots: dict) -> tuple[str, str, object] | None:
        """The other way round: the event is what a span of days "after" or "before" names, and the
        clause that phrase hangs on is dated ("fired missiles on Tuesday, a day after U.S. forces
        struck launch sites": the strikes are on Monday; "on Sunday, two days after the attack")."""
        if trigger.dep_ == "advcl":
            link = next((c for c in trigger.children if c.dep_ in ("mark", "prep") and c.lower_ in ("after", "before")),
                        None)
            holder = trigger.head
        elif trigger.dep_ == "pobj" and trigger.head.lower_ in ("after", "before") and trigger.head.dep_ == "prep":
            link, holder = trigger.head, trigger.head.head
        else:
            return None
        if link is None:
            return None
        inside = {t.i for t in trigger.subtree} | {t.i for t in link.subtree}
        durations = [d for d in here if d.type == "DURATION" and _span_days(d.value) is not None
                     and roots[id(d)] is not None and roots[id(d)].dep_ == "npadvmod"
                     and (roots[id(d)].head.i in (trigger.i, link.i)
                          or roots[id(d)].head.i == holder.i and roots[id(d)].i == link.i - 1)]
        if not durations:
            return None
        d = durations[0]
        sign = -1 if link.lower_ == "after" else 1
        above = {holder.i} | {a.i for a in holder.ancestors}
        for t in here:
            root = roots[id(t)]
            if t.type != "DATE" or t.granularity != "day" or not t.start or root is None or root.i in inside:
                continue
            verb = root if root.pos_ in ("VERB", "AUX") else _verb_above(root)
            if verb is None or verb.i not in above:
                continue
            day = dt.date.fromisoformat(t.start) + dt.timedelta(days=sign * _span_days(d.value))
            return day.isoformat(), f"{d.span.text} {link.text}, {t.span.text}", d.span
        told = _told_act(article, event, holder)
        if told is None:
            return None
        day = dt.date.fromisoformat(told.date.start) + dt.timedelta(days=sign * _span_days(d.value))
        return day.isoformat(), f"{d.span.text} {link.text} {told.trigger.text} ({told.date.text})", d.span

    def _reported_act(self, article: Article, event: Event, timex: Timex) -> bool:
        """``timex`` dates a verb of reporting above the event's trigger ("said on Tuesday there was
        a high likelihood that the hospital took a direct hit") or a verb whose content clause holds
        it, or is the day of a wire dateline (the report's), and the act is told in the past."""
        if not self._told_in_past(article, event):
            return False
        if _of_dateline(article, timex):
            return True
        root, trigger = _token(article, timex.span), _token(article, event.trigger)
        verb = _verb_above(root) if root is not None else None
        if verb is None or trigger is None or verb.i == trigger.i or verb not in trigger.ancestors:
            return False
        # a verb of reporting, or any verb whose content clause tells the act ("appeared on
        # television to acknowledge that a convoy was ambushed")
        chain = [trigger, *trigger.ancestors]
        return self._telling_day(article, timex) or any(tok.dep_ == "ccomp" for tok in chain[: chain.index(verb)])

    def _telling_day(self, article: Article, timex: Timex) -> bool:
        """The time expression dates a verb of reporting ("said on Friday"), or is a wire dateline's
        day, the report's ("MOGADISHU, March 15 (Reuters) - ... stormed a hotel late on Thursday")."""
        if _of_dateline(article, timex):
            return True
        root = _token(article, timex.span)
        verb = _verb_above(root) if root is not None else None
        return verb is not None and verb.lemma_.lower() in self.report_verbs

    def _told_in_future(self, article: Article, event: Event) -> bool:
        verb = self._trigger_verb(article, event)
        return verb is not None and self._verb_direction(verb) > 0

    @staticmethod
    def _trigger_verb(article: Article, event: Event):
        """The verb the trigger is or hangs from (None without a parse or a verb)."""
        tok = _token(article, event.trigger)
        if tok is None:
            return None
        return tok if tok.pos_ in ("VERB", "AUX") else _verb_above(tok)

    def _told_in_past(self, article: Article, event: Event) -> bool:
        verb = self._trigger_verb(article, event)
        return verb is not None and self._verb_direction(verb) < 0

    def _discourse_timex(self, article: Article, event: Event) -> Timex | None:
        if event.sentence is None or event.sentence == 0:
            return None
        prev, here = article.sentences[event.sentence - 1], article.sentences[event.sentence]
        if "\n\n" in article.text[prev.end:here.start]:
            return None  # a new paragraph
        if _token(article, event.trigger) is not None and not self._told_in_past(article, event):
            return None
        cands = [t for t in article.timexes if t.span.sentence == prev.index and self._datable(t)
                 and t.granularity in DISCOURSE_GRANULARITIES and not _to_come(article, t)]
        return cands[0] if len(cands) == 1 else None
