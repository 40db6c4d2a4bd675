"""events: find event predicates, give them a PLOVER category and fill actor and recipient.

Reads the spaCy parse (``article.spacy``) and the actor mentions (``article.mentions``, through
:func:`flashpoint.stages.actors.code_token`); writes ``article.events``: one
:class:`~flashpoint.model.Event` per trigger that has an actor, with type, mode, trigger span,
sentence, evidence (the sentence), actor and recipient lists, id, confidence and
``cues["events"]`` (how it was found: ``verb:deploy``, ``noun:exercise``,
``cameo-verb:abduct``, plus ``claim-complement`` / ``denial-complement`` for an action that a
speech act claims or denies).

"These claims were initially rejected not only by Russia but also Ukraine." gives
``REJECT`` with actor [RUS, UKR] (passive agent and coordination).

Triggers (``events_lexicon``): verbs and nouns of ``data/events/curated.tsv`` (conditions such
as "send" + a force: MOBILIZE; "deny" + "entry": COERCE), else CAMEO verb-object patterns and
CAMEO verbs mapped to PLOVER. Roles from the dependency parse:

- actor: the subject; the passive agent ("by Russia"); a relative clause's head noun; the
  governing verb's subject for an infinitive, a conjoined verb or a purpose clause ("intended
  to evoke", "deployed troops ... to assist"); the noun's agent for a verb under a noun ("plans
  by the European powers to sanction"); for a nominal trigger its possessive ("Lukashenko's
  threats"), its "by"/"of" agent, its country modifier ("Russian drills") or the subject of a
  light verb ("NATO is escalating threats"; with a preposition, ``light_verbs.txt`` "engage in":
  "it was engaging in hybrid warfare"); the one who denies an accusation for the action it
  names ("Russia rejected accusations of massing troops"); a protest's countryless subject
  takes the country of the streets it marches in ("Neo-Nazis regularly march on Ukrainian
  streets" -> UKR);
- recipient: an object or passive subject that is an actor, a prepositional object ("against",
  "on", "to", "with", ...), the subject of a claimed clause ("claim that Russia was behind"),
  or the author of a rejected or denounced claim, threat or plan;
- coordination gives one record with an actor list ("Poland, Latvia and Lithuania").

Claims and denials give two records: the speech act (ACCUSE / REJECT) and the claimed or
denied action, found as its own trigger inside the complement (status is left ``asserted``:
the factuality stage marks it from its governing speech verb). A speaker's report of another
party's hostile act is an accusation of its own ("The Kremlin said ... it was Ukrainian
anti-missile fire" -> ACCUSE RUS -> UKR; ``report_verbs.tsv``).

Actors that name no country: a first reading keeps only coded actors; for a trigger left
without one, a second reading takes "the military", "security forces" (the participants stage
gives them the country where they act), and for acts on the ground (``ground_types.txt``) a
subject the lexicon cannot code, if it is a name or a plural noun of people ("coup supporters",
"Resistance groups"). A passive with no agent takes the author of the event noun it happened in
("killed in a US drone strike" -> USA). A trigger still without an actor is dropped
(commentary, states of affairs and calls to action rarely name one), except the types of
``actorless.txt`` with no subject in the text ("were killed in an attack"): the participants
stage gives them the unidentified actor. These rules propose; the ``detection`` stage decides.

``classifier``: an optional callable ``(text, actor_span, recipient_span) -> [(label, prob)]``
that re-ranks the category where the lexicon is unsure (CAMEO-only triggers).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Token

from .. import data
from ..model import Actor, Article, Entity, Event, Mention, Span
from ..pipeline import stage
from .place_context import in_dateline, past_dateline
from .time import answered
from . import actors as actors_stage
from .events_lexicon import (Trigger, gerund_conjunct, is_verb, label_word, lexicon, light_verb, lookup, noun_types,
                             of_objects, through_partitive)

RELATIVE = frozenset({"who", "which", "that", "whom"})
SUBJECT_DEPS = ("nsubj", "csubj", "expl")
#: Prepositions whose object is a recipient, by type ("*" for any type).
RECIPIENT_PREPS = {
    "against": "*", "on": ("SANCTION", "COERCE", "ACCUSE", "THREATEN", "ASSAULT", "REQUEST"),
    "to": ("AID", "MOBILIZE", "SUPPORT", "CONSULT", "REQUEST", "THREATEN", "AGREE", "CONCEDE"),
    "into": ("MOBILIZE", "ASSAULT", "ACCUSE"), "with": ("CONSULT", "AGREE", "COOPERATE"),
    "toward": ("THREATEN", "ACCUSE"), "towards": ("THREATEN", "ACCUSE"), "at": ("ASSAULT", "ACCUSE"),
    "from": ("REQUEST", "THREATEN"), "for": ("SUPPORT", "AID"),
}
#: Types whose direct object, when it is an actor, is the recipient.
OBJECT_RECIPIENT = frozenset({"ACCUSE", "REJECT", "THREATEN", "SUPPORT", "SANCTION", "ASSAULT", "COERCE",
                              "CONSULT", "REQUEST", "AGREE", "AID", "PROTEST", "CONCEDE", "COOPERATE"})
#: Nominal types whose "of" object is the actor ("threats of Lukashenko"); for others it is the
#: recipient ("invasion of Ukraine").
OF_ACTOR = frozenset({"THREATEN", "ACCUSE", "REQUEST", "SUPPORT", "AGREE", "REJECT", "MOBILIZE", "PROTEST"})
#: Verbs whose object is the subject of their infinitive ("urged Minsk to stop").
OBJECT_CONTROL = frozenset({"urge", "ask", "call", "force", "allow", "order", "help", "encourage", "push", "persuade",
                            "prompt", "compel", "cause", "drive", "oblige"})
#: Sectors too vague to stand alone without a country ("some countries" -> GOV).
VAGUE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY", "PTY"})
#: Prepositions after an accusation or denial whose object's agent is the accused ("concerns
#: about an attack by Russian forces").
ABOUT_PREPS = frozenset({"about", "over", "of", "for"})
#: Types whose passive subject is the actor when no agent is given ("troops could be deployed").
MOVED_ACTOR = frozenset({"MOBILIZE", "AID", "RETREAT"})
#: Dependencies that lead from an action up to the speech act that claims or denies it.
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "acl", "pcomp", "pobj", "prep", "dobj", "advcl", "relcl", "conj"})
CLAIM_NOUNS = frozenset({"claim", "allegation", "accusation", "report", "charge"})
#: Children of a trigger outside its own phrase (for recipients named in the phrase).
OUTSIDE_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "ccomp", "advcl", "relcl", "conj", "cc", "punct",
                          "mark", "aux", "auxpass", "neg", "xcomp", "parataxis", "poss", "amod", "compound"})
THREAT_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})
#: Object sets of the event lexicon that hold things, not people (never an actor).
THING_SETS = frozenset({"&PROJECTILES", "&ARMS", "&VESSELS", "&RIOT", "&STRIKES", "&AIRCRAFT", "&WEAPONS"})
#: Prepositions of a passive verb whose event noun names the act it was part of ("killed in a strike").
INSTRUMENT_PREPS = frozenset({"in", "during", "by", "from"})
#: Types whose taken or attacked place names the recipient ("captured Merawi").
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE"})
#: Nominal types whose "from" object is the author ("a direct hit from a Russian missile").
FROM_ACTOR = frozenset({"ASSAULT"})
#: Types of act whose report by another party is an accusation of its author.
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE"})
ANAPHORS = frozenset({"this", "that", "it", "these", "those", "them"})
#: Types whose countryless actor belongs to the country of the place where it acts ("Neo-Nazis
#: regularly march on Ukrainian streets"), and the prepositions that name that place.
LOCAL_TYPES = frozenset({"PROTEST"})
LOCAL_PREPS = frozenset({"in", "on", "through", "across", "throughout", "along", "around"})
#: Vague sectors that, with no country, still name an actor: the armed and police forces of the
#: place where the event happens ("the military had pulled back", "security forces fired",
#: "prosecutors said they had arrested two suspects").
LOCAL_FORCES = frozenset({"MIL", "COP", "GOV", "JUD"})
#: Dependencies of a subject or agent that names an actor even when the lexicon cannot code it.
UNRESOLVED_DEPS = frozenset({"nsubj", "pobj"})
#: Named-entity labels that are never actors (times, amounts, places, works, events).
NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL", "GPE", "LOC",
                            "FAC", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"})
#: Types of a happening between two sides, whose "with" names the other side: the side that
#: governs the clause is the first ("Pakistan closed the crossing after clashes with Afghan forces").
RECIPROCAL_TYPES = frozenset({"ASSAULT", "CONSULT", "AGREE", "COOPERATE"})
#: Types of a measure against a third party that, agreed on, are the event instead of the agreement.
AGREED_MEASURES = frozenset({"SANCTION", "COERCE", "ASSAULT"})
#: Determiners of an event noun that speak of any such act, not of one that happened.
GENERIC_DETERMINERS = frozenset({"any", "every", "whatever"})
#: Determiners of an event noun that points back to an act already told ("the attack").
DEFINITE = frozenset({"the", "this", "that"})
#: Sectors of the actors whose acts read differently (``actor_readings.tsv``): armed men who
#: storm a place attack it, civilians who set fire to tyres riot.
READING_SECTORS = {"armed": frozenset({"MIL", "REB", "UAF", "CRM"}), "irregular": frozenset({"REB", "UAF", "CRM"}),
                   "civilian": frozenset({"CVL", "AGR", "LAB", "EDU", "OPP"}),
                   "business": frozenset({"BUS"})}
CONFIDENCE = {"curated": 0.8, "cameo-pattern": 0.65, "cameo-verb": 0.5}


@stage("events", requires=("article.spacy", "article.mentions"), assigns=("article.events",))
class Events:
    """Find events: triggers from the lexicon, roles from the parse (see the module docstring)."""

    def __init__(self, *, classifier: Callable[[str, Span | None, Span | None], Sequence[tuple[str, float]]] | None = None,
                 unsure_below: float = 0.7, require_actor: bool = True, cameo_verbs: bool = False,
                 clause_recipients: bool = True, unresolved: bool = False, vague: bool = True,
                 reports: bool = True, ground: bool = True) -> None:
        self.clause_recipients = clause_recipients
        #: code subjects the lexicon cannot ("Resistance groups") as local unresolved actors, and
        #: keep countryless vague ones ("the military"): the participants stage localises both
        self.unresolved = unresolved
        self.vague = vague
        #: a report of another party's hostile act is an accusation (``report_verbs.tsv``)
        self.reports = reports
        self.classifier = classifier
        self.cameo_verbs = cameo_verbs
        self.unsure_below = unsure_below
        self.require_actor = require_actor
        #: types whose uncodable subject is a local actor (``ground_types.txt``)
        self.ground_types = data.words("events", "ground_types.txt") if ground else frozenset()
        #: types kept without an actor (the participants stage codes it as unidentified)
        self.actorless = data.words("events", "actorless.txt")
        #: the act a verb names by who does it (``actor_readings.tsv``), by (lemma, type given)
        self.readings: dict[tuple[str, str], list[dict[str, str]]] = {}
        for row in data.tsv("events", "actor_readings.tsv"):
            self.readings.setdefault((row["lemma"], row["from"]), []).append(row)
        lexicon()

    def __call__(self, article: Article) -> Article:
        doc = article.spacy
        found: list[tuple[Token, Trigger, list[Actor], list[Actor]]] = []
        roles = Roles(article, clause_recipients=self.clause_recipients, unresolved=self.unresolved, vague=False)
        # a second reading for triggers the first finds no actor for: "the military", "security forces"
        # with no country stand for the forces of the place where they act (the participants stage)
        local = Roles(article, clause_recipients=self.clause_recipients, unresolved=self.unresolved, vague=True)
        # and, for acts on the ground, a subject the lexicon cannot code ("coup supporters attacked",
        # "Resistance groups raided") is someone of the place where it acts
        ground = Roles(article, clause_recipients=self.clause_recipients, unresolved=True, vague=True)
        for tok in doc:
            if tok.pos_ not in ("VERB", "NOUN", "PROPN"):
                continue
            trig = lookup(tok, cameo_verbs=self.cameo_verbs)
            if trig is None:
                continue
            actor, recipient = roles.verb(tok, trig) if is_verb(tok) else roles.noun(tok, trig)
            if not actor and self.vague:
                actor, recipient = local.verb(tok, trig) if is_verb(tok) else local.noun(tok, trig)
            if not actor and trig.type in self.ground_types:
                actor, recipient = ground.verb(tok, trig) if is_verb(tok) else ground.noun(tok, trig)
            if actor and not recipient and self.vague:  # "rejects the authorities' assertion"
                recipient = _minus((local.verb(tok, trig) if is_verb(tok) else local.noun(tok, trig))[1], actor)
            if actor:
                trig = self._actor_reading(tok, trig, actor, recipient)
                if trig.type == "-":
                    continue  # "the company took over its rival": no act of force
            if self.require_actor and not actor and (trig.type not in self.actorless or _named_subject(tok)):
                continue  # a subject we cannot code is someone, not an unidentified attacker
            found.append((tok, trig, actor, recipient))
        if self.reports:
            found += self._reported_accusations(found, roles)
            found += self._reported_content(article, found, roles)
        article.events = self._records(article, found)
        return article

    def _actor_reading(self, tok: Token, trig: Trigger, actor: list[Actor], recipient: list[Actor]) -> Trigger:
        """The act a verb names when all its actors are armed, or all civilians (``actor_readings.tsv``);
        civilians who act on another country's people or property attack them ("Israeli settlers set
        fire to Palestinian farmland"), they do not riot."""
        own = {a.entity.country for a in actor}
        foreign = any(r.entity.country and r.entity.country not in own for r in recipient)
        for row in self.readings.get((tok.lemma_.lower(), trig.type), ()):
            if row["actors"] == "civilian" and foreign:
                continue
            if all(a.entity.sector in READING_SECTORS[row["actors"]] for a in actor):
                return replace(trig, type=row["type"], cameo=row["cameo"])
        return trig

    def _reported_accusations(self, found, roles: Roles) -> list[tuple[Token, Trigger, list[Actor], list[Actor]]]:
        """A speaker's report of another party's hostile act is an accusation of that party: "The
        Kremlin said ... it was Ukrainian anti-missile fire" -> ACCUSE RUS -> UKR (the act itself
        stays an event of its own, attributed to the speaker by the factuality stage)."""
        verbs = _report_verbs()
        article_text = roles.article.text
        triggers = {tok.i for tok, *_ in found}
        other_acts = {tok.i for tok, trig, *_ in found if trig.type not in HOSTILE_TYPES}
        out, done = [], set()
        for tok, trig, actor, recipient in found:
            if trig.type not in HOSTILE_TYPES or not any(a.entity.country for a in actor):
                continue
            speech = _reporting_head(tok, verbs)
            if speech is None or speech.i in triggers or speech.i in done:
                continue
            if any(a.i in other_acts for a in _path_to(tok, speech)):
                continue  # "said it backed Israel's operation": the speaker's own act carries the report
            speaker = roles.verb_actor(speech)
            if speaker and all(a.span is not None and in_dateline(article_text, a.span.start) for a in speaker):
                continue  # "GOMA, Congo (AP) — M23 rebels said ...": the agency of the dateline says nothing
            said = {a.entity.country for a in speaker if a.entity.country}
            accused = [a for a in actor if a.entity.country and a.entity.country not in said]
            if not said or not accused or said & {a.entity.country for a in recipient}:
                continue  # a party reporting what was done to it reports, it does not accuse (conventions 6)
            if said & {a.entity.country for a in actor}:
                continue  # "Rwandan and Mozambican troops recaptured ..., Rwanda's army said": its own act
            row = verbs[speech.lemma_.lower()]
            done.add(speech.i)
            out.append((speech, Trigger(row["type"], None, row["cameo"], None, None, "report"), speaker, accused))
        return out

    def _reported_content(self, article: Article, found, roles: Roles) -> list[tuple[Token, Trigger, list[Actor], list[Actor]]]:
        """A reported clause that asks something of another party or offers help makes the report a
        request or an offer (``report_content.tsv``): "the EU should jointly finance ..." said by
        Poland -> REQUEST POL -> EU."""
        verbs = _report_lemmas()
        cues = {r["cue"]: r for r in data.tsv("events", "report_content.tsv")}
        taken = {tok.i for tok, *_ in found}
        out = []
        for speech in article.spacy:
            if speech.pos_ != "VERB" or speech.lemma_.lower() not in verbs or speech.i in taken:
                continue
            for clause in speech.children:
                if clause.dep_ != "ccomp":
                    continue
                row = _content_cue(clause, cues)
                if row is None:
                    continue
                speaker = roles.verb_actor(speech)
                subjects = [a for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for a in roles.actors_of(c)]
                # the author the label names: "an act of terrorism carried out by Kyiv"
                subjects += [a for c in _label_nouns(clause) for a in roles.acl_agents(c)]
                said = {a.entity.country for a in speaker if a.entity.country}
                if not said:
                    continue
                others = [a for a in subjects if a.entity.country and a.entity.country not in said]
                if row["other"] == "yes" and not others:
                    continue
                out.append((speech, Trigger(row["type"], None, row["cameo"], None, None, "report"), speaker,
                            others if row["other"] == "yes" else []))
                taken.add(speech.i)
                break
        return out

    def _records(self, article: Article, found) -> list[Event]:
        events: list[Event] = []
        seen: dict[tuple, list[Token]] = {}
        verb_heads = {tok.i: (trig.type, tuple(_codes(actor))) for tok, trig, actor, _ in found if is_verb(tok)}
        noun_objects = {tok.head.i: (trig.type, tuple(_codes(actor))) for tok, trig, actor, _ in found
                        if not is_verb(tok) and tok.dep_ == "dobj"}
        nominal = {tok.i: tuple(_codes(actor)) for tok, trig, actor, _ in found if not is_verb(tok)}
        light = lexicon().light
        complete = {tok.i for tok, trig, actor, recipient in found if is_verb(tok) and actor and recipient}
        named_attack: int | None = None  # the sentence of the last attack whose author is named
        protests = {tok.i for tok, trig, *_ in found if trig.type == "PROTEST"}
        protests |= {tok.head.i for tok, trig, *_ in found if trig.type == "PROTEST" and tok.dep_ == "dobj"}
        protests |= {tok.head.head.i for tok, trig, *_ in found  # "went on strike to demand ..."
                     if trig.type == "PROTEST" and tok.dep_ == "pobj" and tok.head.dep_ == "prep"}
        # "agreed to impose sanctions on Russia", "agreed to immediate sanctions against Niger": what
        # is agreed on is a measure against a third party, which is the event; no agreement with it
        agreed_measures = {agree.i for tok, trig, actor, _ in found
                           if trig.type in AGREED_MEASURES and (agree := _agreeing_verb(tok)) is not None
                           and verb_heads.get(agree.i) == ("AGREE", tuple(_codes(actor)))}
        for tok, trig, actor, recipient in found:
            if tok.i in agreed_measures and trig.type == "AGREE":
                continue
            if is_verb(tok) and tok.dep_ == "acl" and tok.head.lemma_.lower() in CAPACITY_NOUNS():
                continue  # "Israel's right to defend itself", "the capacity to strike": no act told
            if tok.dep_ in ("xcomp", "dobj", "pcomp") and tok.head.lemma_.lower() in REHEARSAL_VERBS():
                continue  # "jets practised seizing power", "drills simulating a blockade": an exercise
            if trig.type == "REQUEST" and tok.dep_ in ("acl", "advcl", "xcomp") and tok.head.i in protests:
                continue  # "marched to demand his resignation": the protest carries the demand (conventions 2)
            obj = noun_objects.get(tok.i)
            if (is_verb(tok) and tok.lemma_.lower() in light and obj and obj[0] != trig.type
                    and obj[1] == tuple(_codes(actor))):
                continue  # "would discuss further sanctions against Belarus": the sanctions are the event
            if not is_verb(tok) and tok.dep_ == "conj" and nominal.get(tok.head.i) == tuple(_codes(actor)):
                continue  # "Russia's invasion and annexation of Crimea": one record
            if not is_verb(tok) and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i in nominal \
                    and tok.head.head.i != tok.i:
                continue  # "a suspension of aid": the suspension is the event, the aid what it acts on
            told = verb_heads.get(tok.head.i)
            if not is_verb(tok) and told and told[0] == trig.type and (not actor or told[1] == tuple(_codes(actor))):
                continue  # "signed an agreement": the verb already gives it; not "repelled an RSF attack"
            if not is_verb(tok) and told and tok.dep_ == "dobj" and tok.head.lemma_.lower() in ENDING_VERBS():
                continue  # "eased the blockade": a standing measure the verb's own event ends
            if is_verb(tok) and not any(c.dep_ in ("dobj", "prep") for c in tok.children) and any(
                    c.dep_ == "conj" and verb_heads.get(c.i) == (trig.type, tuple(_codes(actor))) for c in tok.children):
                continue  # "shot and killed a clan elder": one act, told by the verb that has its object
            if not is_verb(tok) and any(c.dep_ == "det" and c.lower_ in GENERIC_DETERMINERS for c in tok.children):
                continue  # "any attack on its territory would be met with ...": no attack took place
            holder = tok.head.head if tok.dep_ == "pobj" else tok
            if holder.dep_ == "dobj" and not is_verb(holder):
                holder = holder.head  # "seized [power in a coup]": the parser hangs the phrase on the object
            if (not is_verb(tok) and tok.dep_ == "pobj" and tok.head.lower_ in INSTRUMENT_PREPS
                    and verb_heads.get(holder.i, ("",))[0] == trig.type and (holder.i in complete or not actor)):
                continue  # "killed 29 rebels in a gunfight", "seized power in a coup": the act the verb gives
            if is_verb(tok) and any(verb_heads.get(c.i, ("",))[0] == trig.type for c in _when_clauses(tok)):
                continue  # "30 people were killed when gunmen attacked a village": the attack
            if is_verb(tok) and _requested(tok, verb_heads):
                continue  # "called on Russia to stop attacking the plant": the call is the event (conventions 2)
            gov = verb_heads.get(tok.head.i)
            if (gov and tok.dep_ in ("advcl", "xcomp") and gov[1] == tuple(_codes(actor)) and tok.head.i not in agreed_measures
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)):
                continue  # "deployed troops to the border to assist the Polish government": one event
            if not is_verb(tok) and _definite(tok) and _blamed_act(tok) and any(e.type == trig.type for e in events):
                continue  # "Biden attributed the attack to Iran-backed groups": an act told before, now blamed
            span = article.span(tok.idx, tok.idx + len(tok.text))
            sent = span.sentence if span.sentence is not None else 0
            if trig.type == "ASSAULT" and actor:
                named_attack = sent
            elif trig.type == "ASSAULT" and named_attack is not None and sent - named_attack <= 1 and _retold(tok):
                continue  # "... militants attacked a base. Three soldiers were killed.": the same attack
            key = (tok.sent.start, trig.type, tuple(sorted(_codes(actor))))
            if any(_same_clause(tok, other) for other in seen.get(key, ())):
                continue
            seen.setdefault(key, []).append(tok)
            kind = {"curated": "verb" if is_verb(tok) else "noun"}.get(trig.source, trig.source)
            cue = f"{kind}:{tok.lemma_.lower()}"
            nested = _nested(tok)
            if nested:
                cue += f"; {nested}"
            if trig.cameo:
                cue += f"; cameo:{trig.cameo}"
            confidence = CONFIDENCE.get(trig.source, 0.5)
            typ = trig.type
            if typ in THREAT_TYPES and _stated_future(tok):
                typ, cue = "THREATEN", cue + "; threat:would"
            if typ == "REJECT" and not recipient:
                recipient = _claimant(tok, events)
            if typ == "ACCUSE" and is_verb(tok) and (author := _author_of_told_act(tok, events)):
                recipient = author  # "Iran condemned the attacks as a violation of Yemen's sovereignty"
            if typ in HOSTILE_TYPES and is_verb(tok) and not any(a.entity.country for a in actor) \
                    and (author := _author_of_told_act(tok, events, "nsubj")):
                actor = author  # "India launched missile strikes ... . Pakistan said the strikes killed 26 civilians"
                cue += "; actor: the act told before"
            if self.classifier is not None and confidence < self.unsure_below:
                typ, confidence, why = self._rerank(article, sent, typ, confidence, actor, recipient)
                cue += why
            events.append(Event(
                type=typ, trigger=span, sentence=sent,
                evidence=article.sentences[sent].text if sent < len(article.sentences) else tok.sent.text,
                mode=trig.mode if typ == trig.type else None, actor=actor, recipient=list(recipient),
                confidence=round(confidence, 2), cues={"events": cue}))
        for n, ev in enumerate(events, 1):
            ev.id = f"{article.id}:e{n}"
        return events

    def _rerank(self, article, sent, typ, confidence, actor, recipient):
        ranked = list(self.classifier(article.sentences[sent].text, actor[0].span if actor else None,
                                      recipient[0].span if recipient else None))
        if ranked:
            label, prob = max(ranked, key=lambda lp: lp[1])
            if label != typ and prob > confidence:
                return label, prob, f"; classifier:{label}"
        return typ, confidence, ""


def _region(tok: Token) -> Entity | None:
    """A region named as a whole ("Crimea", "the Crimean Peninsula") stands for its country."""
    if not tok.text[:1].isupper():
        return None  # names only: "the northeastern city" is no Northeastern governorate of Oman
    regions = lexicon().regions
    words = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i and c.text[:1].isupper()]
    words.append(tok)
    for w in (tok.text.lower(), " ".join(x.text.lower() for x in words), *(x.text.lower() for x in words)):
        country = regions.get(w)
        if country:
            return Entity(country=country, name=tok.text, kind="place")
    return None


def _stated_future(tok: Token) -> bool:
    """"(the army said) it would destroy any migrants": a violent act announced by its author."""
    return (tok.dep_ == "ccomp" and tok.head.pos_ == "VERB"
            and any(c.dep_ == "aux" and c.lower_ in ("would", "will", "'ll") for c in tok.children))


def _claimant(tok: Token, earlier: list[Event]) -> list[Actor]:
    """Who made the claim that a rejection answers: "These claims were rejected by Russia",
    "Belarus has denied this" -> the actor of the last accusation before it."""
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass") and (c.lemma_.lower() in CLAIM_NOUNS or c.lower_ in ANAPHORS):
            if c.lemma_.lower() in CLAIM_NOUNS and not any(d.lower_ in ("these", "this", "such", "those", "the") for d in c.children):
                return []
            for ev in reversed(earlier):
                if ev.type == "ACCUSE":
                    return list(ev.actor)
            return []
    return []


def _author_of_told_act(v: Token, earlier: list[Event], dep: str = "dobj") -> list[Actor]:
    """Whom condemning "the attacks" accuses: the author of the last act of that kind told before
    (its actors with a country), when the object (or, with ``dep`` "nsubj", the subject: "the strikes
    killed 26 civilians") is such an act taken up with "the", "these", "this" and names no author of
    its own; else []."""
    for c in v.children:
        taken_up = any(d.dep_ == "det" and d.lower_ in ("the", "these", "this", "those") for d in c.children)
        if c.dep_ != dep or c.pos_ != "NOUN" or not taken_up:
            continue
        if any(d.dep_ in ("poss", "compound", "amod", "prep") for d in c.children):
            return []  # "the Israeli strikes", "the attacks on Gaza": its own words say whose
        kinds = noun_types(c) & HOSTILE_TYPES
        for ev in reversed(earlier):
            if ev.type in kinds and any(a.entity.country for a in ev.actor) and not _answered_act(v.doc, ev):
                return [a for a in ev.actor if a.entity.country]
    return []


def _answered_act(doc, event: Event) -> bool:
    """``event`` was told as the earlier act another answers ("in retaliation for an Israeli strike on
    its consulate", "after the attack on Monday"): background, not what "the attack" takes up."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and answered(span.root)


def _content_prep(v: Token) -> Token | None:
    """The preposition whose content the verb ``v`` is: its pcomp ("accused of trafficking"), or
    the parser's amod of the noun after it ("accuses Minsk of weaponizing migrants")."""
    if v.dep_ == "pcomp" and v.head.dep_ == "prep":
        return v.head
    if v.dep_ == "amod" and v.tag_ == "VBG" and v.head.dep_ == "pobj" and v.head.head.dep_ == "prep":
        return v.head.head
    return None


@lru_cache(maxsize=1)
def _report_verbs() -> dict[str, dict[str, str]]:
    """The verbs of reporting (``report_verbs.tsv``), by lemma: the type and CAMEO code a report of
    another party's act makes."""
    return {r["lemma"]: r for r in data.tsv("events", "report_verbs.tsv")}


@lru_cache(maxsize=1)
def _report_lemmas() -> frozenset[str]:
    """The lemmas of the verbs of reporting."""
    return frozenset(_report_verbs())


def _accusation_of(v: Token) -> Token | None:
    """The claim noun whose "of" content the gerund ``v`` is: "accusations of orchestrating
    attacks" (pcomp), "accusations of massing troops" (the parser's amod of "troops")."""
    prep = _content_prep(v)
    if prep is None or prep.lower_ != "of" or prep.head.pos_ != "NOUN":
        return None
    return prep.head if prep.head.lemma_.lower() in CLAIM_NOUNS else None


def _same_clause(a: Token, b: Token) -> bool:
    """One token governs the other without a clause or coordination boundary between them."""
    for lo, hi in ((a, b), (b, a)):
        cur = lo
        while cur.head.i != cur.i and cur.i != hi.i:
            if cur.dep_ in ("conj", "ccomp", "parataxis"):
                break
            cur = cur.head
        if cur.i == hi.i:
            return True
    return False


def _path_to(tok: Token, top: Token) -> list[Token]:
    """The tokens strictly between ``tok`` and its ancestor ``top``."""
    path = []
    for a in tok.ancestors:
        if a.i == top.i:
            return path
        path.append(a)
    return []


def _reporting_head(tok: Token, verbs: dict) -> Token | None:
    """The reporting verb whose complement holds ``tok`` ("said [that] ... fired"), if any."""
    cur = tok
    for _ in range(4):
        head = cur.head
        if head.i == cur.i or cur.dep_ not in ("ccomp", "conj", "xcomp", "advcl", "relcl", "dobj", "pobj", "prep",
                                               "attr", "acl", "nsubj", "nsubjpass"):
            return None
        if head.pos_ == "VERB" and head.lemma_.lower() in verbs and cur.dep_ in ("ccomp", "parataxis"):
            return head
        cur = head
    return None


def _group_name(t: Token) -> tuple[Token, Entity] | None:
    """An armed group the dictionaries lack, named as one (``group_appositions.txt``): "a
    little-known group called the Kashmir Resistance" (the name and its entity), "blaming the
    Katiba Macina, an Al-Qaeda-linked group" (the name, with its apposition); else None. Its
    country is the place's (the participants stage)."""
    nouns = data.words("actors", "group_appositions.txt")
    if t.lemma_.lower() in nouns:
        named = _called(t)
        if named is not None:
            name = " ".join(x.text for x in [*(c for c in named.lefts if c.dep_ == "compound"), named])
            return named, Entity(None, "REB", name, "unresolved")
    if t.pos_ == "PROPN" and any(a.dep_ == "appos" and a.lemma_.lower() in nouns for a in t.children):
        return t, Entity(None, "REB", t.text, "unresolved")
    return None


def _called(t: Token) -> Token | None:
    """The name a noun is "called", "named" or "known as" ("a group called the Kashmir Resistance")."""
    for c in t.children:
        if c.dep_ == "acl" and c.lemma_.lower() in ("call", "name", "know", "dub"):
            for o in c.children:
                if o.dep_ in ("oprd", "attr", "dobj") and o.pos_ == "PROPN":
                    return o
                if o.dep_ == "prep" and o.lower_ == "as":
                    return next((p for p in o.children if p.dep_ == "pobj" and p.pos_ == "PROPN"), None)
    return None


def _group_like(t: Token) -> bool:
    """A name (of an organisation, a people, a person) or a plural noun of people ("supporters",
    "groups"); not an event ("the attack"), a thing of the event lexicon ("drones") or a number."""
    if t.like_num or t.ent_type_ in NOT_ACTOR_ENTS:
        return False
    if t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "NORP", "PERSON"):
        return True
    lemma = t.lemma_.lower()
    things = lexicon().sets
    return (t.pos_ == "NOUN" and t.tag_ == "NNS" and lookup(t) is None
            and not any(lemma in members for name, members in things.items() if name in THING_SETS))


@lru_cache(maxsize=1)
def ENDING_VERBS() -> frozenset[str]:  # noqa: N802 - a constant read from data
    """Verbs that end or ease what they act on ("lifted the curfew"): the factuality stage's list."""
    return data.words("factuality", "ending_verbs.txt")


@lru_cache(maxsize=1)
def CAPACITY_NOUNS() -> frozenset[str]:  # noqa: N802 - a constant read from data
    """Nouns whose infinitive names what one may or can do, not what is done (``capacity_nouns.txt``)."""
    return data.words("events", "capacity_nouns.txt")


@lru_cache(maxsize=1)
def REHEARSAL_VERBS() -> frozenset[str]:  # noqa: N802 - a constant read from data
    """Verbs whose object or complement is rehearsed, not done (``rehearsal_verbs.txt``)."""
    return data.words("events", "rehearsal_verbs.txt")


@lru_cache(maxsize=1)
def RECIPROCAL_NOUNS() -> frozenset[str]:  # noqa: N802 - a constant read from data
    return data.words("events", "reciprocal_nouns.txt")


@lru_cache(maxsize=1)
def ACCUSED_PREPS() -> dict[str, str]:  # noqa: N802 - a constant read from data
    return {r["lemma"]: r["prep"] for r in data.tsv("events", "accused_preps.tsv")}


def _agreeing_verb(tok: Token) -> Token | None:
    """The verb of agreement a measure hangs from: "agreed to impose [sanctions]" (the verb's
    infinitive, or the infinitive's object), "agreed to [sanctions]" (the object of "to")."""
    head = tok.head
    if tok.dep_ == "xcomp":
        return head
    if tok.dep_ == "dobj" and head.dep_ == "xcomp":
        return head.head
    if tok.dep_ == "pobj" and head.lower_ == "to" and head.dep_ == "prep":
        return head.head
    return None


def _content_cue(clause: Token, cues: dict) -> dict | None:
    """The row of ``report_content.tsv`` a reported clause carries: a modal of its verb ("should"),
    its predicative adjective with an infinitive ("was ready to help"), or a label of its
    predicate noun or adjective ("was a flagrant violation", "were illegal")."""
    labels = [r for r in cues.values() if r["kind"] == "label"]
    force = next((r for r in cues.values() if r["kind"] == "force"), None)
    future = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in clause.children)
    for r in cues.values():  # "said Israel would be punished", "will pay a heavy price"
        if r["kind"] == "punishment" and future and lexicon().in_set(clause.lemma_.lower(), r["cue"]):
            return r
        # "said Moscow was behind the arson attack": who is said to be behind an act is blamed for it
        if r["kind"] == "prep" and clause.lemma_ == "be" \
                and any(c.dep_ == "prep" and c.lower_ == r["cue"] for c in clause.children):
            return r
    for c in clause.children:
        row = cues.get(c.lemma_.lower())
        if row is not None and row["kind"] == "modal" and c.dep_ == "aux":
            return row
        if c.dep_ == "attr":  # "said the overflights were a flagrant violation of its sovereignty"
            label = _label_row([c, *(m for m in c.children if m.dep_ in ("amod", "compound")), *of_objects(c)], labels)
            if label is not None:
                return label
        if c.dep_ in ("acomp", "advmod") and row is None:
            # "said the sanctions were illegal and unacceptable", "said the vessels had illegally intruded"
            label = _label_row([c], labels)
            if label is not None:
                return label
        if row is not None and row["kind"] == "adjective" and c.dep_ == "acomp" \
                and any(x.dep_ == "xcomp" for x in c.children):
            # ready to use force is a threat: "said it was ready to respond", "to strike Iran"
            if force is not None and any(x.dep_ == "xcomp" and (lexicon().in_set(x.lemma_.lower(), force["cue"]) or (
                    (t := lookup(x)) is not None and t.type in HOSTILE_TYPES)) for x in c.children):
                return force
            return row
    return None


def _label_row(words: list[Token], labels: list[dict]) -> dict | None:
    """The first label row of ``report_content.tsv`` whose set holds one of ``words``."""
    lex = lexicon()
    return next((r for r in labels if any(lex.in_set(w.lemma_.lower(), r["cue"]) or lex.in_set(w.lower_, r["cue"])
                                          for w in words)), None)


def _label_nouns(clause: Token) -> list[Token]:
    """What a copular clause calls its subject: "was an act of terrorism" -> act, terrorism."""
    attrs = [c for c in clause.children if c.dep_ == "attr"]
    return attrs + [p for c in attrs for p in of_objects(c)]


def _named_subject(tok: Token) -> bool:
    """A verb with a subject or passive agent in the text ("The president fired ..."); a weapon
    that goes off names no one ("A bomb exploded at a market": whoever set it is unknown)."""
    return is_verb(tok) and any(c.dep_ in ("nsubj", "csubj", "agent") and c.lemma_.lower() not in _weapons()
                                for c in tok.children)


@lru_cache(maxsize=1)
def _weapons() -> frozenset[str]:
    """What goes off by itself in a sentence (``&EXPLOSIVES``, ``&PROJECTILES``)."""
    sets = lexicon().sets
    return frozenset(sets.get("&EXPLOSIVES", frozenset()) | sets.get("&PROJECTILES", frozenset()))


def _passive(v: Token) -> bool:
    """A passive verb, also without auxiliary: "with Minsk accused of trafficking migrants"."""
    if any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in v.children):
        return True
    return (v.tag_ == "VBN" and v.dep_ not in ("ROOT", "conj") and any(c.dep_ == "nsubj" for c in v.children)
            and not any(c.dep_ in ("aux", "dobj") for c in v.children))


def _next_verb_subject(x: Token) -> Token | None:
    """The verb ``x`` is the misread subject of: ``x`` a name or noun the parser joined to the object
    before it ("condemned the coup and the African Union | suspended ..."), right before a finite
    verb conjoined to the clause, which has no subject of its own."""
    if x.dep_ != "conj" or x.pos_ not in ("PROPN", "NOUN") or x.head.dep_ != "dobj":
        return None
    nxt = x.doc[x.right_edge.i + 1] if x.right_edge.i + 1 < len(x.doc) else None
    if nxt is None or nxt.dep_ != "conj" or nxt.tag_ not in ("VBD", "VBZ", "VBP") or nxt.head.i != x.head.head.i:
        return None
    return None if any(c.dep_ in ("nsubj", "nsubjpass") for c in nxt.children) else nxt


def _misread_subject(v: Token) -> Token | None:
    """The subject the parser took for a prepositional object: in "sirens sounded as Iran on
    Saturday launched drones" it reads "as Iran" as a prepositional phrase of "sounded" and
    leaves "launched" (an adverbial clause of it) without subject. A name right before the
    clause, after a conjunction of ``subordinators.txt``, is that subject."""
    if v.dep_ == "conj" and v.tag_ in ("VBD", "VBZ", "VBP") and not _subjects(v) and v.left_edge.i > 0:
        # "France condemned the coup and the African Union suspended Gabon's membership": the
        # parser made the Union a second object of "condemned"
        before = v.doc[v.left_edge.i - 1]
        after = _next_verb_subject(before)
        return before if after is not None and after.i == v.i else None
    if v.dep_ != "advcl" or v.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    for p in v.head.children:
        if p.dep_ == "prep" and p.lower_ in data.words("events", "subordinators.txt") and p.i < v.i:
            for x in p.children:
                if x.dep_ == "pobj" and x.pos_ in ("PROPN", "NOUN") and x.right_edge.i + 1 == v.left_edge.i:
                    return x
    return None


#: Prepositions that set an act in time or among other acts; the target of an act named under
#: them ("after an attack on Hindu tourists", "amid strikes on Kyiv") is not this act's.
SCENE_PREPS = frozenset({"after", "before", "since", "until", "till", "following", "amid", "amidst", "during",
                         "despite", "ahead"})


def _border_with(noun: Token, child: Token) -> bool:
    """"on the border with China": the neighbour places the act, it is not acted on."""
    return child.dep_ == "prep" and child.lower_ == "with" and noun.lemma_.lower() in ("border", "frontier", "boundary")


def _other_hostile_act(prep: Token) -> bool:
    """``prep`` sets the act among another, hostile one ("after a deadly attack on Hindu tourists",
    "amid strikes on Kyiv"), whose target is not this act's; not "following an agreement with Poland"."""
    if prep.dep_ != "prep" or prep.lower_ not in SCENE_PREPS:
        return False
    return any(p.dep_ == "pobj" and (t := lookup(p)) is not None and (
        t.type in HOSTILE_TYPES
        # or any act with an author of its own: "exchanged prisoners after mediation by the UAE"
        or any(c.dep_ == "prep" and c.lower_ == "by" for c in p.children)) for p in prep.children)


def _speakers_act(v: Token) -> Token | None:
    """The reporting verb whose second act the parser hung on the passive it reports: in
    "Pashinyan said his country was not involved and accused Azerbaijan of ..." "accused" is a
    conjunct of "involved", yet a finite active verb with an object of its own cannot share a
    passive's subject (the one acted on); it shares the speaker's. None for every other verb."""
    head = v.head
    if v.dep_ != "conj" or head.dep_ != "ccomp" or any(c.dep_ in SUBJECT_DEPS for c in v.children):
        return None
    if v.tag_ == "VBD" and _passive(head) and any(c.dep_ == "dobj" for c in v.children):
        return head.head if head.head.pos_ == "VERB" else None
    # nor a progressive's: "has warned that famine is spreading across Darfur and called for a
    # ceasefire" ("called" cannot follow "is"; it follows "has")
    if v.tag_ in ("VBD", "VBN") and head.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in head.children):
        return head.head if head.head.pos_ == "VERB" else None
    return None


def _subjects(v: Token) -> list[Token]:
    """The verb's subjects; of two, not the one that is all dateline ("NEW DELHI (AP) — Twenty
    Indian soldiers were killed": the parser makes both subjects)."""
    found = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(found) > 1:
        found = [c for c in found if past_dateline(c) is not None] or found
    return found


def _codes(actors: list[Actor]) -> list[str]:
    return [a.entity.code for a in actors]


def _nested(tok: Token) -> str | None:
    """``claim-complement`` / ``denial-complement`` when a claim or denial governs the trigger
    (a denied claim, "rejected claims that Russia deployed ...", is a denial)."""
    found = None
    cur = tok
    for _ in range(5):
        head = cur.head
        if head.i == cur.i or cur.dep_ not in COMPLEMENT_DEPS:
            break
        if cur.dep_ == "conj":  # "rejected X and deployed Y": a sibling, not a complement
            if gerund_conjunct(cur):
                break  # "denied supporting the rebels and blamed Congo": the finite verb is the denier's next act
            cur = head
            continue
        if head.pos_ in ("VERB", "NOUN"):
            trig = lookup(head)
            role = trig.role if trig is not None else None
            if role is None and head.lemma_.lower() in CLAIM_NOUNS:
                role = "claim"
            if role == "deny":
                return "denial-complement"
            if role == "claim":
                found = "claim-complement"
        cur = head
    return found


class Roles:
    """Actor and recipient of a trigger token, from the parse and the actor mentions."""

    def __init__(self, article: Article, *, clause_recipients: bool = True, unresolved: bool = True,
                 vague: bool = True) -> None:
        self.article = article
        self._sides_asked = False
        self.clause_recipients = clause_recipients
        self.unresolved = unresolved
        self.vague = vague
        self._heads: dict[int, Mention] | None = None

    def mention_heads(self) -> dict[int, Mention]:
        """Actor mentions by the offset of their head token (built once per article)."""
        if self._heads is None:
            self._heads = {m.head: m for m in self.article.mentions if m.head is not None}
        return self._heads

    # -- entities -----------------------------------------------------------------------
    def entity(self, tok: Token, fallback: bool = True) -> Entity | None:
        if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
            tok = tok.head.head
        try:
            return actors_stage.code_token(self.article, tok, fallback=fallback)
        except Exception:  # noqa: BLE001 - a coding failure must not lose the article
            return None

    def actors_of(self, tok: Token, fallback: bool = True, vague: bool | None = None) -> list[Actor]:
        """The head token and its conjuncts, coded; uncoded ones are left out. ``vague``: whether
        "the army", "police" with no country count (default: this reading's setting)."""
        vague = self.vague if vague is None else vague
        if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
            tok = tok.head.head
        out: list[Actor] = []
        todo = [tok, *tok.conjuncts]
        speakers = _misread_speakers(tok)
        while todo:
            t = todo.pop(0)
            if t.dep_ == "appos" or t.i in speakers or (t is not tok and _next_verb_subject(t) is not None):
                continue
            sides = self.reciprocal_sides(t)
            if sides:
                out += sides
                continue
            ent = self.entity(t, fallback)
            if ent is None or not ent.country or ent.kind in ("role", "group"):
                for a in t.children:  # "the terrorist group al-Shabab": the group's name
                    named = self.entity(a, False) if a.dep_ == "appos" and a.pos_ == "PROPN" else None
                    if named is not None and named.country and (
                            named.kind == "organisation" or ent is None or not ent.country
                            # a role the apposition fills: "Niger's former colonial ruler France and the EU"
                            or ent.kind == "role" and named.kind == "country"):
                        t, ent = a, named
                        todo += [c for c in a.conjuncts if c.i > a.i]
                        break
            if ent is None:
                inner = through_partitive(t)
                if inner is not t:
                    t, ent = inner, self.entity(inner, fallback)
            if ent is None and t.pos_ in ("PROPN", "NOUN"):
                ent = _region(t)
            if ent is None and self.unresolved and t.dep_ in UNRESOLVED_DEPS and _group_like(t):
                # a subject the lexicon does not know ("Resistance groups", "the MNDAA"): someone of
                # the place where it acts (the participants stage gives the country)
                ent = Entity(None, None, t.text, "unresolved")
            if ent is None:
                named = _group_name(t)
                if named is not None:
                    t, ent = named
            if ent is not None and (ent.country or ent.kind == "unresolved" or ent.sector and (
                    ent.sector not in VAGUE_SECTORS or vague and ent.sector in LOCAL_FORCES
                    and t.dep_ not in ("amod", "compound", "nmod"))):  # "a drone attack": no one's drone
                out.append(Actor(ent, self._span(t)))
                out.extend(self.coordinated_modifiers(t, ent))
        return _unique(out)

    def reciprocal_sides(self, tok: Token, window: int = 3) -> list[Actor]:
        """"The two sides", "both countries", "each side" (a subject): the last two countries the
        story named before, in the ``window`` sentences up to this one (``reciprocal_nouns.txt``)."""
        if tok.lemma_.lower() not in RECIPROCAL_NOUNS():
            return []
        if tok.tag_ == "NNS":
            if not any(c.dep_ in ("nummod", "det", "predet") and c.lower_ in ("two", "both") for c in tok.children):
                return []
        elif not (tok.tag_ == "NN" and tok.dep_ == "nsubj" and any(c.dep_ == "det" and c.lower_ == "each"
                                                                  for c in tok.children)):
            return []  # "each side blamed the other": both sides, each the author of its own blame
        here = self.article.sentence_at(tok.idx)
        if here is None:
            return []
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        # "China urged both countries": the two sides are not the one who addresses them (asked
        # only of an object, once: the subject's own sides would ask for themselves)
        speaker: set = set()
        if tok.dep_ in ("dobj", "pobj", "dative") and verb.pos_ in ("VERB", "AUX") and not self._sides_asked:
            self._sides_asked = True
            try:
                speaker = {a.entity.country for a in self.verb_actor(verb)}
            finally:
                self._sides_asked = False
        found: dict[str, Actor] = {}
        for head in sorted((h for h in self.mention_heads() if h < tok.idx), reverse=True):
            m = self.mention_heads()[head]
            if m.span.sentence is None or m.span.sentence < here - window:
                break
            if m.entity.country and m.entity.country not in found and m.entity.kind != "person" \
                    and m.entity.country not in speaker:
                found[m.entity.country] = Actor(replace(m.entity), self._span(tok))
        if len(found) < 2:
            return []
        # of more than two, the two the story names most ("Russia said it had brokered a ceasefire,
        # but both sides reported further shelling": Armenia and Azerbaijan, not the mediator);
        # at a tie, the one named last
        counts: dict[str, int] = {}
        for m in self.article.mentions:  # by name, not by pronoun
            if m.entity.country and m.entity.kind != "person" and m.span.text.lower() not in actors_stage.PRONOUNS:
                counts[m.entity.country] = counts.get(m.entity.country, 0) + 1
        order = list(found)
        return [found[c] for c in sorted(order, key=lambda c: (-counts.get(c, 0), order.index(c)))[:2]]

    def not_dateline(self, actors: list[Actor]) -> list[Actor]:
        """``actors`` without those named in a dateline: "BOGOTA (AP) — ELN fighters attacked
        villages" acts on no news agency and no capital."""
        text = self.article.text
        return [a for a in actors if a.span is None or not in_dateline(text, a.span.start)]

    def off_dateline(self, actors: list[Actor], subject: Token) -> list[Actor]:
        """``actors`` of ``subject`` without those named in a dateline the parser joined to it
        ("DOHA, Qatar (Reuters) - Israel and Hamas agreed": not Qatar); where all are, the first
        noun after the dateline in the subject's phrase ("GOMA, Congo (AP) — M23 rebels backed by
        Rwanda seized": the rebels, not AP), else the dateline's after all."""
        kept = self.not_dateline(actors)
        if kept or not actors:
            return kept
        past = past_dateline(subject)
        if past is None or past is subject:
            return actors
        found = self.actors_of(past)
        if not found and past.dep_ == "appos":
            # "BANGKOK (AP) — A Myanmar military air strike ... killed", "OUAGADOUGOU, Aug 27
            # (Reuters) - Al Qaeda-linked militants killed": the parser makes the phrase after the
            # dateline an apposition of the city (militants of no country yet: the participants
            # stage gives them the place's)
            ent = self.entity(past)
            if ent is not None and (ent.country and lookup(past) is not None
                                    or not ent.country and ent.sector and ent.sector not in VAGUE_SECTORS):
                found = [Actor(ent, self._span(past))]
        return found or actors

    def coordinated_modifiers(self, tok: Token, ent: Entity) -> list[Actor]:
        """The other countries of coordinated modifiers: "Indian and Pakistani troops" is both
        sides, "Russian and Belarusian paratroopers" both forces (the actors stage codes the
        second adjective as a modifier mention with the head's sector)."""
        heads = self.mention_heads()
        out = []
        for c in tok.children:
            if c.dep_ not in ("amod", "compound", "nmod") or not c.conjuncts:
                continue
            for x in (c, *c.conjuncts):
                m = heads.get(x.idx)
                if m is not None and m.entity.country and m.entity.country != ent.country:
                    out.append(Actor(replace(m.entity, sector=m.entity.sector or ent.sector), m.span))
        return out

    def _span(self, tok: Token) -> Span:
        left = tok.left_edge.idx if tok.left_edge.i >= tok.i - 6 else tok.idx
        return self.article.span(min(left, tok.idx), tok.idx + len(tok.text))

    # -- verbs --------------------------------------------------------------------------
    def verb_actor(self, v: Token, depth: int = 0, moved: bool = False) -> list[Actor]:
        for c in v.children:
            if c.dep_ == "agent":
                found = []
                for p in c.children:
                    if p.dep_ == "pobj":
                        found += self.actors_of(p)
                # "not only by Russia but also Ukraine": the second agent hangs on the first
                for p in c.children:
                    if p.dep_ == "pobj":
                        for g in p.children:
                            if g.dep_ in ("conj", "appos") and g.pos_ in ("PROPN", "NOUN"):
                                found += self.actors_of(g)
                if found:
                    return _unique(found)
        passive = _passive(v)
        if not passive:
            subjects = [c for c in v.children if c.dep_ in SUBJECT_DEPS and c.dep_ != "expl"]
            if len(subjects) > 1:  # "GOMA, Congo (AP) — M23 rebels ... seized": two subjects, one the dateline
                subjects = [c for c in subjects if past_dateline(c) is not None] or subjects
            for c in subjects:
                # a thing that acts for its user: "a rocket launched by Islamic Jihad hit the hospital"
                return self.off_dateline(self.actors_of(c), c) or self.acl_agents(c)
            if any(c.dep_ == "expl" and c.lower_ == "there" for c in v.children):
                for c in v.children:  # "there are 100,000 Russian troops on the border": the troops
                    if c.dep_ == "attr":
                        return self.actors_of(c)
        if passive:
            for c in _subjects(v):
                if depth == 0 and moved:
                    return self.actors_of(c)
            return self.instrument_actor(v) if depth == 0 else []
        if depth > 3:
            return []
        head = v.head
        if head.i == v.i:
            return []
        misread = _misread_subject(v)
        if misread is not None:
            return self.actors_of(misread)
        if v.dep_ == "advcl" and v.tag_ == "VBG" and head.pos_ == "VERB" and _passive(head):
            # what the passive's subject did next: "jets were deployed ..., hitting two targets"
            found = [a for c in _subjects(head) for a in self.actors_of(c)]
            if found:
                return found
        speaker_act = _speakers_act(v)
        if speaker_act is not None:
            return self.verb_actor(speaker_act, depth + 1)
        if v.dep_ == "advcl" and v.tag_ == "VBG" and head.lemma_.lower() in _report_lemmas() \
                and (act := lookup(v)) is not None and act.type in HOSTILE_TYPES:
            told = next((c for c in head.children if c.dep_ == "ccomp" and c.i < head.i), None)
            if told is not None:
                # "Taliban fighters overran an army base, officials said, killing 17 soldiers": the
                # killing goes with the act told, not with the telling
                return self.verb_actor(told, depth + 1)
        if v.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "by" and head.head.pos_ in ("VERB", "AUX"):
            # "violated the ceasefire by shelling ...": the means is the subject's act
            return self.verb_actor(head.head, depth + 1)
        if v.dep_ == "conj" and v.tag_ == "VBD" and head.tag_ == "VB" and head.dep_ == "xcomp" \
                and head.head.pos_ in ("VERB", "AUX"):
            # "he urged the international community to provide medicine ... and called on residents
            # to donate blood": a past tense is no second infinitive; it goes on from "urged"
            return self.verb_actor(head.head, depth + 1)
        if v.dep_ in ("xcomp", "conj", "advcl") and head.pos_ in ("VERB", "AUX"):
            if v.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
                for c in head.children:  # "forced the troops to withdraw"; "the troops were forced to withdraw"
                    if c.dep_ == "dobj" or (c.dep_ == "nsubjpass" and _passive(head)):
                        return self.actors_of(c)
                    if c.dep_ == "prep" and c.lower_ == "on":  # "called on Russia to stop attacking the plant"
                        found = [a for o in c.children if o.dep_ == "pobj" for a in self.actors_of(o)]
                        if found:
                            return found
            return self.verb_actor(head, depth + 1)
        if v.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ in ("acomp", "oprd") \
                and head.head.pos_ in ("VERB", "AUX"):
            # "Germany is willing to provide support", "Colombia is ready to contribute troops"
            return self.verb_actor(head.head, depth + 1)
        if v.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
            if v.dep_ == "relcl" or (v.tag_ in ("VBD", "VBN") and head.dep_ == "ROOT"):
                # (a sentence is no noun: the parser took its verb for a participle of its first noun,
                # "Russia, which has peacekeepers in the region, called on both sides to ...")
                return self.actors_of(head)
            root = v.sent.root
            if v.dep_ == "acl" and v.tag_ in ("VBD", "VBN") and root.pos_ in ("NOUN", "PROPN") and v.i > 0 \
                    and v.doc[v.i - 1].lower_ == "," and any(a.dep_ == "relcl" and a.head.i == root.i for a in v.ancestors):
                # the same, past a relative clause: "Britain, which drafted the text, called on both
                # sides to ..." (the parser took "the text, called on" for a participle of "text")
                return self.actors_of(root)
            found = self.noun_actor(head, depth + 1)
            if not found and v.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children) \
                    and head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ == "VERB":
                # an infinitive of purpose the parser hung on a noun of the verb's phrase: "the Security
                # Council voted 13-0 with two abstentions | to adopt a resolution"
                found = self.verb_actor(head.head.head, depth + 1)
            if not found and head.dep_ == "dobj" and head.head.pos_ == "VERB" \
                    and head.lemma_.lower() in data.words("events", "statement_nouns.txt"):
                # "the ministry published a statement calling ...": who issued the text says it
                found = self.verb_actor(head.head, depth + 1)
            return found
        prep = _content_prep(v)
        if prep is not None and prep.head.pos_ == "VERB":
            gov = prep.head  # "Minsk has been accused of trafficking", "accuses Minsk of weaponizing migrants"
            for c in gov.children:
                if c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "nsubj" and _passive(gov)):
                    return self.actors_of(c)
        accused = _accused_over(prep) if prep is not None else None
        if accused is not None:
            return self.actors_of(accused)  # "accused the rebels of attacking the convoy": the rebels
        claim = _accusation_of(v)
        if claim is not None:  # "Russia rejected accusations of massing troops"
            return self.accused(claim)
        return []

    def blamed(self, v: Token) -> list[Actor]:
        """The accused of a verb of blame in ``accused_preps.tsv``: its "to"/"on" object, on the verb
        or on the act blamed."""
        prep = ACCUSED_PREPS().get(v.lemma_.lower())
        if prep is None:
            return []
        holders = [v] + [c for c in v.children if c.dep_ == "dobj"]
        for h in holders:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ == prep:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            found = (self.actors_of(p) or self.noun_actor(p, 1) or self.named_in(p)
                                     or self.backers_of(p))
                            if found:
                                return found
        return []

    def named_in(self, phrase: Token) -> list[Actor]:
        """The coded mentions inside a phrase ("Iran-backed groups" -> IRN)."""
        heads = self.mention_heads()
        # not inside a clause of its own ("the village ..., where Moscow opened a new offensive")
        inner = {t.i for c in phrase.subtree if c.dep_ == "relcl" and c.i != phrase.i for t in c.subtree}
        return _unique([Actor(m.entity, m.span) for t in phrase.subtree
                        if t.i not in inner and (m := heads.get(t.idx)) is not None and m.entity.country])

    def backers_of(self, group: Token) -> list[Actor]:
        """The backer of a group known only by it: "attributed the attack to Iran-backed groups"
        -> IRN, which the coders accept where the text names no other country for the group
        (coding-conventions 3: the label a party gives it)."""
        found = []
        for mod in group.children:
            if mod.dep_ == "amod" and mod.lower_ in data.words("events", "backing.txt"):
                for t in mod.children:
                    if t.dep_ in ("npadvmod", "compound", "nmod") and t.pos_ == "PROPN":
                        ent = self.entity(t, fallback=False)
                        if ent is not None and ent.country:
                            found.append(Actor(replace(ent, sector=None), self._span(t)))
        return _unique(found)

    def instrument_actor(self, v: Token) -> list[Actor]:
        """A passive with no agent takes the author of the event noun it happened in: "Soleimani
        was killed in a US drone strike" -> USA."""
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in INSTRUMENT_PREPS:
                for p in c.children:
                    # (a killing "in Israeli strikes" tells which strikes, as "air strikes" would)
                    if p.dep_ == "pobj" and p.pos_ == "NOUN" and (lookup(p) is not None or any(
                            t.type == "ASSAULT" for t in lexicon().nouns.get(p.lemma_.lower(), ()))):
                        found = self.noun_actor(p, 1) or self.other_party(p)
                        if found:
                            return found
        return []

    def other_party(self, fight: Token) -> list[Actor]:
        """The side a fight was "with", which did the passive's act to its subject: "Twenty Indian
        soldiers were killed in a clash with Chinese troops" -> the Chinese troops."""
        return [a for c in fight.children if c.dep_ == "prep" and c.lower_ == "with"
                for p in c.children if p.dep_ == "pobj" for a in self.actors_of(p)]

    def accused_of_act(self, verb: Token) -> list[Actor]:
        """Whom a verb of accusing accuses of a hostile act named after "of" ("accused Azerbaijan
        of shelling ..."), else nothing."""
        trig = lookup(verb) if verb.pos_ == "VERB" else None
        if trig is None or trig.type != "ACCUSE":
            return []
        acts = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children if p.dep_ == "pcomp" and (t := lookup(p)) is not None and t.type in HOSTILE_TYPES]
        return [a for c in verb.children if c.dep_ == "dobj" for a in self.actors_of(c)] if acts else []

    def accused(self, claim: Token) -> list[Actor]:
        """Whom an accusation noun accuses: its "against" object ("accusations against Minsk of
        ..."), else the one who denies it ("Russia rejected accusations of massing troops")."""
        for c in claim.children:
            if c.dep_ == "prep" and c.lower_ == "against":
                for p in c.children:
                    found = self.actors_of(p) if p.dep_ == "pobj" else []
                    if found:
                        return found
        gov = claim.head
        if claim.dep_ in ("dobj", "nsubjpass") and gov.pos_ == "VERB":
            trig = lookup(gov)
            if trig is not None and trig.role == "deny":
                return self.verb_actor(gov, 1)
        return []

    def verb(self, v: Token, trig: Trigger) -> tuple[list[Actor], list[Actor]]:
        # the passive subject of a release is the one released, not the releaser ("10 Thai nationals
        # were released"); of other moves it is who moves ("troops were withdrawn")
        moved = trig.type in MOVED_ACTOR and not (trig.cameo or "").startswith("084")
        actor = self.verb_actor(v, moved=moved) or self._noun_before_to(v)
        if v.dep_ == "advcl" and v.tag_ == "VBG" and (accused := self.accused_of_act(v.head)):
            # "Armenia accused Azerbaijan of shelling towns ..., killing 49 soldiers": the killing
            # is the act accused of, not the accuser's
            actor = accused
        if not actor and v.dep_ == "dobj" and (light := light_verb(v)) is not None:
            actor = self.verb_actor(light)  # a noun the tagger took for a verb: "held live-fire drills"
        if not actor and trig.type in RECIPROCAL_TYPES:  # a gerund: "fighting between the army and the RSF"
            actor = self.between_sides(v)
        if trig.type in LOCAL_TYPES and not any(a.entity.country for a in actor):
            actor = self.local_actor(v, actor)
        recipient: list[Actor] = []
        if trig.role == "presence":  # "Taiwan detected 35 Chinese aircraft": the aircraft's side deploys them
            craft = [a for c in v.children if c.dep_ in ("dobj", "nsubjpass") for a in self.actors_of(c, fallback=False)]
            return craft, [a for a in actor if a.entity.country not in {c.entity.country for c in craft}]
        if trig.role == "claim" and any(c.dep_ == "nsubjpass" and not self.actors_of(c) for c in v.children):
            return [], []  # "these waters are claimed by Russia": a territorial claim, no accusation
        if trig.role == "claim":
            for c in v.children:
                if c.dep_ == "ccomp":
                    for s in c.children:
                        if s.dep_ in ("nsubj", "nsubjpass"):
                            recipient = self.actors_of(s)
        # "sent its CIA director": the thing sent; but the people force goes after are its target
        # ("pursue the attackers", "crush the militants": target_sets.txt)
        theme = bool(trig.needs and trig.needs.startswith("obj:&")) \
            and trig.needs[4:] not in data.words("events", "target_sets.txt")
        if not recipient and trig.type in OBJECT_RECIPIENT and not theme:
            for c in v.children:
                if c.dep_ in ("nsubj", "nsubjpass") and past_dateline(c) is None:
                    continue  # "NEW DELHI (AP) — Twenty Indian soldiers were killed": not the dateline
                if c.dep_ in ("dobj", "nsubjpass", "dative") or (c.dep_ == "nsubj" and _passive(v)):
                    # "shot down 21 drones fired by the group", "hit a building used by Hamas": whose they are
                    recipient = (self.acl_agents(c) if trig.type in HOSTILE_TYPES else []) \
                        or self.actors_of(c, fallback=False) or (
                        # whose act or proposal is rejected, condemned or backed ("backed Israel's operation")
                        self.noun_actor(c) if trig.type in ("REJECT", "ACCUSE", "SUPPORT") else []) or (
                        # "refused African Union offers", "accepted the U.S. proposal": its author
                        self.actors_of(c) if trig.type in ("REJECT", "ACCUSE", "AGREE") and c.dep_ == "dobj" else [])
                    if recipient:
                        break
        if not recipient and theme:  # "summoned India's ambassador", "released 13 Israeli hostages":
            own = {a.entity.country for a in actor}  # the thing acted on belongs to another side
            for c in v.children:
                if c.dep_ in ("dobj", "nsubjpass"):
                    # an offer or demand accepted is its author's ("accepted the U.S. proposal")
                    wide = trig.type in ("AGREE", "CONCEDE") and c.dep_ == "dobj"
                    found = [a for a in self.actors_of(c, fallback=wide) if a.entity.country
                             and a.entity.country not in own]
                    if found:
                        recipient = found
                        break
        if not recipient:
            recipient = self.prep_recipient(v, trig.type)
        if not recipient:  # "signed an agreement with Ukraine", "called for talks with the EU"
            for c in v.children:
                if _other_hostile_act(c):
                    continue  # "struck ... two weeks after an attack on Hindu tourists": another act's target
                inner = [c] if c.dep_ == "dobj" else [p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" else []
                for o in inner:
                    recipient = self.prep_recipient(o, trig.type, extra=("with", "against", "on", "to"))
                    if not recipient and trig.type in ("ACCUSE", "REJECT") and c.dep_ == "prep" and c.lower_ in ABOUT_PREPS:
                        recipient = self.noun_actor(o)
                    if recipient:
                        break
                if recipient:
                    break
        if not recipient and trig.needs and trig.needs.startswith("label:"):
            label = label_word(v, trig.needs.partition(":")[2])  # "a terrorist act carried out by ..."
            if label is not None:
                noun = label if label.pos_ == "NOUN" else label.head
                recipient = self.noun_actor(noun) if noun.pos_ == "NOUN" else []
        if not recipient and trig.type == "THREATEN":  # "authorized force if the junta doesn't cede power"
            for c in v.children:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
                    recipient = [a for s in _subjects(c) for a in self.actors_of(s)]
                    if recipient:
                        break
        if trig.type == "ACCUSE":  # "attributed the attack to Iran-backed groups": the accused
            blamed = self.blamed(v)
            if blamed:
                recipient = blamed
        if not recipient and (trig.type in MOVED_ACTOR or trig.type in ("THREATEN", "SUPPORT", "AGREE")):
            # and whom a threat is to act on ("vowed to destroy Hamas"), a pledge or a commitment to
            # help ("reaffirmed its commitment to defend the Philippines")
            recipient = self.purpose_recipient(v)
        if not recipient:  # "broke through defences on the border and entered Poland"
            for other in v.conjuncts:
                act = lookup(other)
                if act is not None and act.type != trig.type:
                    continue  # "condemned the attack and urged residents to ...": whom another act is on
                if _subjects(other) and _subjects(v):
                    continue  # "Hamas freed 24 hostages ... and Israel released 39 prisoners": another side's act
                for c in other.children:
                    if c.dep_ == "dobj":
                        recipient = self.actors_of(c, fallback=False)
                        if recipient:
                            break
                if recipient:
                    break
        if not recipient and trig.type == "REQUEST" and not theme:
            # "demanded that the RSF halt its siege": who is to act
            recipient = [a for c in v.children if c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.children)
                         for s in _subjects(c) for a in self.actors_of(s, fallback=False)]
        if not recipient and trig.type in HOSTILE_TYPES and (ref := self.thing_referred(v)) is not None:
            recipient = self.actors_of(ref) or self.owner(ref)
        if not recipient and self.clause_recipients:
            recipient = self.in_clause(v, actor, theme=theme)
        if not recipient and trig.type in PLACE_TARGET_TYPES:
            recipient = self.place_taken(v)
        return actor, _minus(self.not_dateline(recipient), actor)

    @staticmethod
    def thing_referred(v: Token) -> Token | None:
        """What an attack's object "it" stands for: the noun the sentence made a subject before
        ("the South Hospital ... was forced to close after RSF fighters stormed it"), else None."""
        obj = next((c for c in v.children if c.dep_ == "dobj" and c.lower_ == "it"), None)
        if obj is None:
            return None
        own = {s.i for s in _subjects(v)}
        before = [t for t in v.sent if t.i < obj.i and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")
                  and t.i not in own]
        return before[-1] if before else None

    def place_taken(self, v: Token) -> list[Actor]:
        """The owner of a place or facility attacked, taken or blocked (coding-conventions 4: "a
        named place standing for the target -> the place's country", "a facility -> its owner"):
        a country named in the object ("Afghanistan's Presidential Palace", "Amhara's capital");
        else, for a named place or a facility, someone of the place (the participants stage gives
        the country): "captured Merawi", "blocked the Lashio-Muse Highway"."""
        for c in v.children:
            if c.dep_ == "dobj" and (found := self.owner(c)):
                return found
        return []

    def owner(self, c: Token) -> list[Actor]:
        """Who a place or facility named by ``c`` stands for (see :meth:`place_taken`)."""
        named = self.named_in(c)
        if named:
            return [Actor(replace(a.entity, sector=a.entity.sector or "GOV"), a.span) for a in named[:1]]
        lemma = c.lemma_.lower()
        if c.ent_type_ in ("GPE", "LOC", "FAC") or lexicon().in_set(lemma, "&FACILITIES"):
            return [Actor(Entity(None, None, c.text, "unresolved"), self._span(c))]
        return []

    def local_actor(self, v: Token, actor: list[Actor]) -> list[Actor]:
        """Protesters are people of the place they march in: "Neo-Nazis regularly march on
        Ukrainian streets" -> UKR; "Protesters rallied in Minsk" -> BLR CVL. Only for a
        subject without a country of its own."""
        subjects = [c for c in v.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
        if not subjects:
            return actor
        country = None
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in LOCAL_PREPS:
                for p in c.children:
                    ent = self.entity(p) if p.dep_ == "pobj" else None
                    # a place ("Ukrainian streets", "Minsk"), not a body ("the Polish embassy")
                    if ent is not None and ent.kind == "country" and ent.country not in actors_stage._ORGS:
                        country = ent.country
                        break
            if country:
                break
        if country is None:
            return actor
        if actor:
            return [Actor(replace(a.entity, country=country), a.span) for a in actor]
        subj = subjects[0]
        return [Actor(Entity(country=country, name=subj.text, kind="group"), self._span(subj))]

    def in_clause(self, tok: Token, actor: list[Actor], *, into_acl: bool = False, theme: bool = False) -> list[Actor]:
        """Last resort: the other actors named inside the trigger's own phrase (its objects and
        prepositional phrases, not its subject nor its subordinate clauses)."""
        inside: set[int] = set()
        stack = [c for c in tok.children if c.dep_ not in OUTSIDE_DEPS and not (theme and c.dep_ == "dobj")
                 and not _other_hostile_act(c)]  # not "after an attack on tourists"
        while stack:
            t = stack.pop()
            inside.add(t.i)
            stack.extend(c for c in t.children if c.dep_ not in ("relcl", "ccomp", "advcl")
                         and (into_acl or c.dep_ != "acl") and not _border_with(t, c)
                         and _next_verb_subject(c) is None)  # "condemned the coup and the AU suspended"
        taken = {a.span.start for a in actor if a.span}
        heads = self.mention_heads()
        out = []
        for t in sorted(inside):
            m = heads.get(tok.doc[t].idx)
            if m is None or m.span.start in taken:
                continue
            ent = m.entity
            if ent.country or (ent.sector and ent.sector not in VAGUE_SECTORS):
                out.append(Actor(ent, m.span))
        return _unique(out)[:3]

    def purpose_recipient(self, v: Token) -> list[Actor]:
        """Whom a deployment is for or against: "deployed troops ... to assist the Polish
        government", "send thousands of policemen to fight off refugees"."""
        for t in v.subtree:
            if t.i == v.i or t.pos_ != "VERB" or t.dep_ not in ("advcl", "acl", "xcomp", "relcl"):
                continue
            if not any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
                continue
            for c in t.children:
                if c.dep_ == "dobj":
                    found = self.actors_of(c, fallback=False)
                    if found:
                        return found
        return []

    def _noun_before_to(self, v: Token) -> list[Actor]:
        """A misattached infinitive: "plans by the European powers | to sanction Aeroflot"."""
        for c in v.children:
            if c.dep_ == "aux" and c.lower_ == "to" and c.i > 0:
                prev = v.doc[c.i - 1]
                while prev.dep_ in ("pobj", "prep", "det", "amod", "compound") and prev.head.i < prev.i and prev.head.i >= v.sent.start:
                    prev = prev.head
                if prev.pos_ == "NOUN" and prev.i < c.i:
                    return self.noun_actor(prev, 1)
        return []

    def prep_recipient(self, tok: Token, typ: str, extra: tuple[str, ...] = ()) -> list[Actor]:
        for c in tok.children:
            if c.dep_ not in ("prep", "dative"):
                continue
            allowed = RECIPIENT_PREPS.get(c.lower_)
            if c.lower_ not in extra and (allowed is None or (allowed != "*" and typ not in allowed)):
                continue
            found = self.pobj_actors(c)
            if found:
                return found
        return []

    def pobj_actors(self, prep: Token, vague: bool | None = None) -> list[Actor]:
        """The coded actors of the first object of ``prep`` that has any."""
        for p in prep.children:
            if p.dep_ == "pobj":
                found = self.actors_of(p, vague=vague)
                if found:
                    return found
        return []

    # -- nouns --------------------------------------------------------------------------
    def noun_actor(self, n: Token, depth: int = 0, typ: str | None = None) -> list[Actor]:
        for c in n.children:
            if c.dep_ == "poss":
                found = self.actors_of(c)
                if found:
                    return found
        for c in n.children:
            if c.dep_ == "prep" and (c.lower_ == "by" or (c.lower_ == "of" and (typ is None or typ in OF_ACTOR))
                                     or (c.lower_ == "from" and typ in FROM_ACTOR)):  # "a hit from a Russian missile"
                for p in c.children:
                    if p.dep_ == "pobj":
                        found = self.actors_of(p)
                        if found and c.lower_ == "of" and typ == "ACCUSE" and not any(a.entity.country for a in found):
                            continue  # "accusations of weaponizing migrants": the content, not the accuser
                        if found:
                            return found
        found = self.acl_agents(n)  # "a terrorist act carried out by Ukrainian special services"
        if found:
            return found
        if n.dep_ == "pobj" and n.head.lower_ == "behind" and n.head.head.lemma_ == "be":
            # "Officials said Russia was behind the attack": the one said to be behind it
            found = [a for c in n.head.head.children if c.dep_ == "nsubj" for a in self.actors_of(c)]
            if found:
                return found
        # a reciprocal happening: "clashes (broke out) between Armenian and Azerbaijani forces",
        # "talks between Israel and Hamas": both sides are its actors
        found = self.between_sides(n)
        if found:
            return found
        found: list[Actor] = []
        for c in n.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < n.i:
                found += self.actors_of(c)
        if found:
            return _unique(found)
        head = n.head
        if n.dep_ == "dobj" and head.pos_ == "VERB":  # "considered exercises | by US ... as": a misattached agent
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ == "by" and c.i > n.i:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            found = self.actors_of(p)
                            if found:
                                return found
        accused = _accused_over(head) if n.dep_ == "pobj" else None  # "accused the rebels of the attack"
        if accused is not None:
            found = self.actors_of(accused)
            if found:
                return found
        if n.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in ACCUSED_PREPS():
            found = self.blamed(head)  # "attributed the attack to Iran-backed groups": the act blamed is theirs
            if found:
                return found
        light = light_verb(n)  # "Russia held drills", "it was engaging in hybrid warfare"
        if depth < 3 and light is not None:
            found = self.verb_actor(light, depth + 1)
            if not found and n.dep_ == "pobj":  # "Russian forces were engaged in fighting"
                for c in light.children:
                    if c.dep_ == "nsubjpass":
                        found = self.actors_of(c)
            return found
        claimant = self.claimant_of(n) if depth < 3 else None
        if claimant is not None:  # "claimed responsibility for the blasts", "claimed attacks on bases"
            return self.verb_actor(claimant, depth + 1)
        lex = lexicon()
        if (depth < 3 and n.dep_ == "dobj" and n.lemma_.lower() in lex.intention_nouns
                and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in lex.intention_verbs):
            return self.verb_actor(head, depth + 1)  # "Russia denied plans to invade Ukraine"
        if depth < 3 and n.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN"):
            return self.noun_actor(head, depth + 1, typ)
        if depth < 3 and n.dep_ == "pobj" and head.head.pos_ in ("NOUN",) and head.lower_ in ("of", "for"):
            return self.noun_actor(head.head, depth + 1, typ)  # "a threat of a cutoff"
        if (depth < 3 and typ in RECIPROCAL_TYPES and n.dep_ == "pobj" and head.head.pos_ in ("VERB", "AUX")
                and any(c.dep_ == "prep" and c.lower_ == "with" for c in n.children)):
            return self.verb_actor(head.head, depth + 1)  # "Pakistan closed the crossing after clashes with Afghan forces"
        return []

    def between_sides(self, n: Token) -> list[Actor]:
        """The two sides of a reciprocal happening named with "between" on it or on the verb it is
        the subject of: "clashes (broke out) between Armenian and Azerbaijani forces", "fighting
        between the army and the RSF has killed ..."."""
        holders = [n] + ([n.head] if n.dep_ in ("nsubj", "nsubjpass") and n.head.pos_ == "VERB" else [])
        for h in holders:
            for c in h.children:
                # both sides, "the army" too: "fighting between the army and rebels"
                if c.dep_ == "prep" and c.lower_ == "between" and (found := self.pobj_actors(c, vague=True)):
                    return found
        return []

    def acl_agents(self, n: Token) -> list[Actor]:
        """The agent of a participle that describes ``n``: "a terrorist act carried out by
        Ukrainian special services", "a rocket launched by Islamic Jihad"."""
        for c in n.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":
                act = lookup(c)
                if act is not None and (act.cameo or "").startswith("045"):
                    continue  # "a four-day truce brokered by Qatar and Egypt": the mediators are no party
                found = [a for g in c.children if g.dep_ == "agent"
                         for p in g.children if p.dep_ == "pobj" for a in self.actors_of(p)]
                if found:
                    return _unique(found)
        return []

    def undergoer(self, n: Token) -> list[Actor]:
        """The subject of a verb of undergoing (``undergo_verbs.txt``) whose object is the event:
        "the hospital took a hit", "the convoy came under fire"; a place there is its country's."""
        verb = n.head.head if n.dep_ == "pobj" and n.head.lower_ == "under" else n.head if n.dep_ == "dobj" else None
        if verb is None or verb.lemma_.lower() not in data.words("events", "undergo_verbs.txt"):
            return []
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return self.actors_of(c) or self.named_in(c)
        return []

    @staticmethod
    def claimant_of(n: Token) -> Token | None:
        """The verb of a claim of responsibility whose object is the act ``n``: "claimed attacks",
        "claimed responsibility for the blasts" (``responsibility_verbs.txt``)."""
        verbs = data.words("events", "responsibility_verbs.txt")
        if n.dep_ == "dobj" and n.head.lemma_.lower() in verbs:
            return n.head
        p = n.head
        if n.dep_ == "pobj" and p.lower_ == "for" and p.head.lemma_.lower() == "responsibility" \
                and p.head.dep_ == "dobj" and p.head.head.lemma_.lower() in verbs:
            return p.head.head
        return None

    def noun(self, n: Token, trig: Trigger) -> tuple[list[Actor], list[Actor]]:
        actor = self.noun_actor(n, typ=trig.type)
        if n.dep_ == "pobj" and n.head.lower_ == "under" and n.head.head.pos_ == "VERB" and _passive(n.head.head):
            # "Bazoum was placed under house arrest (by the presidential guard)": the subject is the
            # one held; who holds him is the agent, or no one named
            actor = [a for c in n.head.head.children if c.dep_ == "agent"
                     for o in c.children if o.dep_ == "pobj" for a in self.actors_of(o)]
        recipient: list[Actor] = []
        if trig.role == "claim":  # "claims by the US that Russia was moving troops"
            for t in n.subtree:
                if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ in ("acl", "ccomp", "relcl") and t.head.i > n.i:
                    recipient = self.actors_of(t)
                    if recipient:
                        break
        if trig.type not in OF_ACTOR:
            for c in n.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            recipient = self.actors_of(p)
        if not recipient:
            recipient = self.prep_recipient(n, trig.type)
        if not recipient and trig.type == "REQUEST" and n.dep_ == "pobj" and n.head.lower_ in ("at", "upon", "on") \
                and n.head.head.pos_ in ("VERB", "AUX"):
            # "the Council convened at the request of Britain": asked of whoever acted on it
            recipient = self.verb_actor(n.head.head)
        if not recipient:  # "the hospital took a direct hit from a Russian missile"
            recipient = self.undergoer(n)
        light = light_verb(n)
        if not recipient and n.dep_ == "pobj" and n.head.head.pos_ == "VERB" and (
                n.head.lower_ == "under" or light is not None and light.i == n.head.head.i):
            # "placed President Ali Bongo under house arrest", "took the former president into
            # custody", "removed him from power": the one the verb put there
            recipient = [a for c in n.head.head.children if c.dep_ in ("dobj", "nsubjpass") for a in self.actors_of(c)]
        if not recipient and light is not None:  # "engaging in hybrid warfare against Poland"
            recipient = self.prep_recipient(light, trig.type)
        if not recipient and self.clause_recipients:
            recipient = self.in_clause(n, actor, into_acl=True)  # "threats ... to cut off gas to Europe"
        return actor, _minus(self.not_dateline(recipient), actor)


def _unique(actors: list[Actor]) -> list[Actor]:
    out, seen = [], set()
    for a in actors:
        key = (a.entity.code, a.span.start if a.span else None)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def _minus(recipient: list[Actor], actor: list[Actor]) -> list[Actor]:
    """A recipient that is the actor itself, or its own country as a whole, is dropped (a
    reflexive, a parse slip, or "the Polish government banned mention of Polish ..."); one side of
    a country acting on another (rebels on the government, soldiers on the president, police on
    protesters) is kept: most conflicts are within one country."""
    codes = {a.entity.code for a in actor}
    sectors: dict[str, set] = {}
    for a in actor:
        if a.entity.country:
            sectors.setdefault(a.entity.country, set()).add(a.entity.sector)

    def own(r: Actor) -> bool:
        mine = sectors.get(r.entity.country)
        # (a country's people named by their demonym are not the country as a whole: "Hamas called on
        # Palestinians to fight")
        whole = r.entity.sector is None and r.entity.kind != "group"
        return mine is not None and (whole or None in mine or r.entity.sector in mine)

    levels = {_level(a) for a in actor} - {None}

    def other_level(r: Actor) -> bool:  # "the regional government ... from federal authorities"
        level = _level(r)
        return level is not None and bool(levels) and level not in levels

    return [r for r in recipient if other_level(r) or (r.entity.code not in codes and not own(r))]


def _level(a: Actor) -> str | None:
    """The level of government a mention names ("federal authorities"), if any."""
    if a.span is None:
        return None
    words = data.words("events", "government_levels.txt")
    return next((w for w in a.span.text.lower().split() if w in words), None)


def _agentless_passive(v: Token) -> bool:
    return _passive(v) and not any(c.dep_ == "agent" for c in v.children)


def _definite(n: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in n.children)


#: verbs whose subject the parser may take for conjuncts of the object before them
SPEECH_AFTER_OBJECT = frozenset({"say", "tell", "report", "confirm", "add", "state", "announce"})


def _misread_speakers(tok: Token) -> set[int]:
    """Conjuncts of ``tok`` that are the speakers of a report verb right after them: "killing at
    least 20 people, residents and Houthi media said" (the parser makes "residents" and "media"
    victims, and "said" a clause with no subject). Those after the first comma go."""
    conjuncts = [c for c in tok.conjuncts if c.i > tok.i]
    if not conjuncts:
        return set()
    last = max(conjuncts, key=lambda c: c.i)
    end = last.right_edge.i
    if end + 1 >= len(tok.doc):
        return set()
    verb = tok.doc[end + 1]
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in SPEECH_AFTER_OBJECT or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return set()
    comma = next((t.i for t in tok.doc[tok.i + 1:last.i] if t.text == ","), None)
    return {c.i for c in conjuncts if comma is not None and c.i > comma}


def _requested(tok: Token, verb_heads: dict) -> bool:
    """``tok`` is what a demand asks for: the infinitive (through further ones) under a REQUEST verb
    ("urged Israel to halt its strikes", "called on both sides to stop attacking the plant"), or the
    "that" clause of one, with the verbs conjoined to it ("demanding that ethnic Armenian forces lay
    down their arms and dissolve their government")."""
    cur = tok
    while cur.dep_ == "conj" and cur.head.i != cur.i and cur.head.pos_ in ("VERB", "AUX"):
        cur = cur.head
    # ("that" is the clause's mark, or the parser's determiner of its subject: "that ethnic Armenian forces")
    if cur.dep_ == "ccomp" and next(cur.subtree).lower_ == "that" \
            and verb_heads.get(cur.head.i, ("",))[0] == "REQUEST":
        return True
    cur = tok
    while cur.dep_ == "xcomp" and cur.head.i != cur.i:
        cur = cur.head
        if verb_heads.get(cur.i, ("",))[0] == "REQUEST":
            return True
    return False


def _when_clauses(v: Token) -> list[Token]:
    """The "when" clauses of a passive without an agent: the act it happened in."""
    if not _agentless_passive(v):
        return []
    return [c for c in v.children if c.dep_ == "advcl"
            and any(m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as") for m in c.children)]


def _blamed_act(n: Token) -> bool:
    """The act a verb of blame or accusation names: "attributed the attack to", "blamed the
    rebels for the attack", "accused Russia of the strike"."""
    head = n.head
    if n.dep_ == "dobj" and head.lemma_.lower() in ACCUSED_PREPS():
        return True
    return n.dep_ == "pobj" and _accusation_over(head) is not None


def _accusation_over(prep: Token) -> Token | None:
    """The accusation verb (a claim or an ACCUSE) whose "of"/"for" phrase ``prep`` is, hung on the
    verb ("accused Russia of the strike") or on the accused ("accused the rebels of attacking")."""
    if prep.dep_ != "prep" or prep.lower_ not in ("of", "for"):
        return None
    holder = prep.head
    verb = holder if holder.pos_ == "VERB" else holder.head if holder.dep_ == "dobj" else None
    trig = lookup(verb) if verb is not None and verb.pos_ == "VERB" else None
    return verb if trig is not None and (trig.role == "claim" or trig.type == "ACCUSE") else None


def _accused_over(prep: Token) -> Token | None:
    """Whom the accusation over ``prep`` accuses: the verb's direct object."""
    verb = _accusation_over(prep)
    if verb is None:
        return None
    return prep.head if prep.head.i != verb.i else next((c for c in verb.children if c.dep_ == "dobj"), None)


def _retold(tok: Token) -> bool:
    """An attack told again without its author (coding-conventions 2: a later, actor-less mention
    of an act another mention names the actor of): "the attack", or a passive without agent or a
    new act it happened in ("Three soldiers were killed.", not "... were killed in a blast")."""
    if not is_verb(tok):
        return _definite(tok)
    if not _agentless_passive(tok):
        return False
    return not any(p.dep_ == "pobj" and lookup(p) is not None and not _definite(p)
                   for c in tok.children if c.dep_ == "prep" and c.lower_ in INSTRUMENT_PREPS for p in c.children)
