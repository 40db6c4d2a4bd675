"""factuality: who vouches for each event (status, attributed_to), whether it happened
(modality), the role of each sentence, and the escalation weight.

Reads ``article.events`` (trigger span, sentence), ``article.spacy`` and ``article.mentions``;
writes ``event.status``, ``event.attributed_to``, ``event.modality``, ``event.scores.weight``,
``event.cues["factuality"]`` and ``sentence.role``; removes the events of commentary and calls
to action, listing them in ``article.stats["factuality"]["dropped"]``.

    "This came after completely unsubstantiated claims by the US in late October that Russia
    was moving troops near Ukraine's border."
    -> the MOBILIZE at "moving": status attributed, attributed_to USA, modality actual;
       the ACCUSE at "claims": asserted, actual (the claiming happened).

Where the trigger is judged:
- a speech-act event (THREATEN, REQUEST, ACCUSE, REJECT: ``speech_act_types.txt``) at the verb
  or noun that utters it: "declared that it would destroy migrants" is an actual, asserted
  threat; "He said the EU should finance a wall" an actual, asserted request;
- another event found at a report verb, at the reported clause ("Zelensky said there are
  100,000 Russian troops on the border": attributed to Zelensky);
- an intention word standing for the intended act at its complement ("intended to evoke",
  "plans ... to sanction": planned).
A plain report by the event's own side ("The Russian Defence Ministry said Russian
paratroopers landed ...") is a self-report and stays asserted; claims, accusations and the
press never are.

Status comes from :mod:`.factuality_status`, modality from :mod:`.factuality_modality`
(``modality_of(token)``, shared with ``flashpoint eval factuality``), sentence roles from
:mod:`.factuality_roles`, sources from :mod:`.factuality_sources`. The weights are the table
``data/factuality/weights.tsv`` (:func:`escalation_weight`).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from .. import data
from ..model import MODALITIES, STATUSES, Article, Event
from ..pipeline import stage
from .events_lexicon import lookup
from .factuality_modality import governor, modality_of
from .factuality_roles import article_quote_mask, role_of
from .factuality_sources import code_source, resolve_anaphor, speakers
from .factuality_status import Status, kind_of, status_of, subject_of

STAGE = "factuality"
#: Sentence roles from which no event is coded.
NO_EVENT_ROLES = ("commentary", "call_to_action", "headline")
#: Relations climbed from a speech-act event's trigger to the verb that utters it.
UTTERANCE_DEPS = frozenset({"ccomp", "xcomp", "conj", "acl", "relcl", "dobj", "advcl", "pobj", "prep"})

__all__ = ["Factuality", "escalation_weight", "modality_of", "status_of"]


@lru_cache(maxsize=1)
def weights() -> dict[tuple[str, str], float]:
    """The escalation-weight table: (status, modality) -> weight."""
    table = {(r["status"], r["modality"]): float(r["weight"]) for r in data.tsv(STAGE, "weights.tsv")}
    missing = [(s, m) for s in STATUSES for m in MODALITIES if (s, m) not in table]
    if missing:
        raise ValueError(f"data/factuality/weights.tsv lacks weights for {missing}")
    return table


def escalation_weight(status: str, modality: str) -> float:
    """How much an event counts in the aggregated escalation scores (``weights.tsv``).

    >>> escalation_weight("asserted", "actual"), escalation_weight("denied", "actual")
    (1.0, 0.0)
    """
    try:
        return weights()[(status, modality)]
    except KeyError:
        raise ValueError(f"no escalation weight for status {status!r}, modality {modality!r}") from None


@lru_cache(maxsize=1)
def speech_act_types() -> frozenset[str]:
    return data.words(STAGE, "speech_act_types.txt")


@lru_cache(maxsize=1)
def announce_verbs() -> frozenset[str]:
    return data.words(STAGE, "announce_verbs.txt")


@stage(
    "factuality",
    requires=("article.spacy", "article.sentences"),
    assigns=("event.status", "event.attributed_to", "event.modality", "event.scores.weight",
             "sentence.role"),
)
class Factuality:
    """Status, attribution and modality of every event; sentence roles; escalation weights."""

    def __init__(self, *, drop_roles: tuple[str, ...] = NO_EVENT_ROLES) -> None:
        self.drop_roles = tuple(drop_roles)
        self._speaker_cache: tuple[Doc | None, list] = (None, [])

    def _speakers(self, article: Article, doc: Doc) -> list:
        if self._speaker_cache[0] is not doc:
            self._speaker_cache = (doc, speakers(article, doc))
        return self._speaker_cache[1]

    def _sources(self, article: Article, doc: Doc, status: Status) -> list:
        """The coded actors of a status's source phrases, a pronoun or "the ministry" taken up as
        the speaker it stands for."""
        return [resolve_anaphor(code_source(article, t), self._speakers(article, doc)) for t in status.source]

    def __call__(self, article: Article) -> Article:
        doc: Doc | None = article.spacy
        if doc is None:
            raise ValueError("factuality needs the parse: run the nlp stage first")
        roles = self.assign_roles(article, doc)
        kept: list[Event] = []
        dropped = []
        for event in article.events:
            sent_role = roles.get(event.sentence, "reporting")
            if sent_role in self.drop_roles:
                dropped.append({"type": event.type, "trigger": event.trigger.text,
                                "start": event.trigger.start, "sentence": event.sentence,
                                "role": sent_role})
                continue
            self.assess(article, doc, event, sent_role)
            kept.append(event)
        article.events = kept
        self._speaker_cache = (None, [])  # hold no parse beyond the article's run
        stats = article.stats.setdefault(STAGE, {})
        stats["dropped"] = dropped
        stats["roles"] = {r: sum(1 for v in roles.values() if v == r) for r in sorted(set(roles.values()))}
        return article

    # --- sentences -----------------------------------------------------------------------------

    def assign_roles(self, article: Article, doc: Doc) -> dict[int, str]:
        roles: dict[int, str] = {}
        quoted = quote_mask(doc)
        for sentence in article.sentences:
            if sentence.role == "headline":  # a headline line before the lede (the nlp stage's)
                roles[sentence.index] = "headline"
                continue
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            sents = list(span.sents)
            sent = sents[0] if len(sents) == 1 else span
            role, _ = role_of(sent, mask=quoted[sent.start_char:sent.end_char])
            sentence.role = role
            roles[sentence.index] = role
        return roles

    # --- events --------------------------------------------------------------------------------

    def assess(self, article: Article, doc: Doc, event: Event, sent_role: str) -> None:
        token = trigger_token(doc, event)
        if token is None:
            event.scores.weight = escalation_weight(event.status, event.modality)
            return
        target = token
        if event.type in speech_act_types():
            # "declared that it would destroy ..."; but "Putin is calling the attack a terrorist act"
            # is Putin's act, whatever report it is told in
            target = token if _says_itself(token, event.type) else utterance_verb(token) or token
        else:
            target = reported_content(token) or token  # "Zelensky said there are 100,000 troops"
        modality, m_cue = event_modality(target, event.type)
        status = status_of(target)
        if status.status == "asserted" and sent_role == "quotation" and target is token:
            status = quotation_status(article, doc, token) or status
        sources = self._sources(article, doc, status)
        if status.status == "attributed" and is_self_report(article, event, token, status, sources):
            outer = status_of(status.via) if status.via is not None and status.via.pos_ in ("VERB", "AUX") else None
            if outer is not None and outer.status == "attributed":
                # the self-report is itself told by another ("Putin said Russia was ready to help,
                # RIA news agency reported"): the account is the teller's
                status = outer
                sources = self._sources(article, doc, status)
            else:
                status = Status("asserted", status.source, f"self-report ({status.cue})", status.via)
                sources = []
        event.status = status.status
        event.attributed_to = sources
        event.modality = modality
        event.scores.weight = escalation_weight(event.status, event.modality)
        cues = []
        if status.cue:
            stance = author_stance(status.via)
            cues.append(f"status: {status.cue}" + (f" (author disputes: {stance})" if stance else ""))
        if m_cue:
            cues.append(f"modality: {m_cue}")
        if target is not token:
            cues.append(f"evaluated at: {target.text}")
        if cues:
            event.cues[STAGE] = "; ".join(cues)


@lru_cache(maxsize=1)
def attempt_types() -> tuple[frozenset[str], frozenset[str]]:
    """(types whose attempt is the act, the verbs of trying): ``attempt_types.txt``, ``attempt_verbs.txt``."""
    return data.words(STAGE, "attempt_types.txt"), data.words(STAGE, "attempt_verbs.txt")


@lru_cache(maxsize=1)
def commitment_types() -> frozenset[str]:
    return data.words(STAGE, "commitment_types.txt")


@lru_cache(maxsize=1)
def gain_verbs() -> frozenset[str]:
    return data.words(STAGE, "gain_verbs.txt")


def _battle_gain(token: Token) -> bool:
    """A gain claimed in battle ("they had captured Merawi"), not power seized in a coup
    (``coup_objects.txt``)."""
    return token.lemma_.lower() in gain_verbs() and not any(
        c.dep_ == "dobj" and c.lemma_.lower() in data.words(STAGE, "coup_objects.txt") for c in token.children)


@lru_cache(maxsize=1)
def plan_triggers() -> frozenset[str]:
    return data.words(STAGE, "plan_triggers.txt")


def event_modality(token: Token, event_type: str | None = None) -> tuple[str, str | None]:
    """The modality of an event at ``token``: :func:`modality_of`, except where the trigger is
    an intention or announcement word standing for the intended action ("intended to evoke",
    "plans ... to sanction", "announced it would move"): then the complement's modality, or
    the word's own. Speech-act types (THREATEN) keep the utterance's modality."""
    label, cue = modality_of(token)
    types, attempts = attempt_types()
    if label == "hypothetical" and event_type in types and token.dep_ == "xcomp" \
            and token.head.lemma_.lower() in attempts:
        return "actual", f"attempt ({token.head.text})"  # "tried to repel the gunmen": the fight took place
    if label != "actual":
        return label, cue
    if token.lemma_.lower() not in plan_triggers() and token.lower_ not in plan_triggers():
        return label, cue
    # a speech act's content is no plan of its own ("announced it would strike" is a threat
    # made), but an intention to make one is ("intended to evoke Article 4")
    deps = ("xcomp", "ccomp", "acl", "relcl")
    if event_type in commitment_types() and token.lemma_.lower() in announce_verbs():
        return label, cue  # "promised to get the students released": the promise was made
    if event_type in speech_act_types():
        if token.lemma_.lower() in announce_verbs():
            return label, cue  # "The Kremlin has vowed to safeguard its borders": the vow is the threat
        deps = ("xcomp",)
    for child in token.children:
        if child.dep_ in deps and child.pos_ in ("VERB", "AUX"):
            sub, sub_cue = modality_of(child)
            if sub in ("planned", "hypothetical"):
                return sub, sub_cue
    own = governor(token, "complement") if token.pos_ in ("NOUN", "PROPN") else None
    if own in ("planned", "hypothetical"):  # "plans ... to sanction" with the verb misparsed
        return own, token.text
    return label, cue


#: Sides within one country: the state's organs and those who fight or oppose it.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
NONSTATE_SECTORS = frozenset({"REB", "UAF", "CRM", "PRM", "OPP"})


def _opposed(a: str | None, b: str | None) -> bool:
    return (a in STATE_SECTORS and b in NONSTATE_SECTORS) or (a in NONSTATE_SECTORS and b in STATE_SECTORS)


def is_self_report(article: Article, event: Event, token: Token, status: Status,
                   sources: list) -> bool:
    """A plain report ("said", "according to", a quotation) by the event's own side: the
    Russian Defence Ministry saying that Russian paratroopers landed vouches for its own act,
    like an announcement. Claims and accusations ("claimed", "accused") and the press are never
    self-reports; nor is a source or actor whose country is unknown, nor a gain a side claims in a
    battle ("He said they had captured Merawi": ``gain_verbs.txt``)."""
    if status.strength != "report" or _battle_gain(token):
        return False
    if any(_anonymous(t) for t in status.source):
        return False
    source_countries = {a.entity.country for a in sources if a.entity.country}
    if not source_countries or any(a.entity.sector == "JRN" for a in sources):
        return False
    actors = event.actor
    if not actors:
        subject = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        actors = [code_source(article, subject[0])] if subject else []
    # the same country is not the same side: the army reporting a rebel capture of a town reports
    # another party's act ("The M23 rebel group captured the town, the Congolese army said")
    return any(a.entity.country == s.entity.country and not _opposed(a.entity.sector, s.entity.sector)
               for a in actors if a.entity.country for s in sources if s.entity.country)


def _anonymous(source: Token) -> bool:
    """The source is anonymous (coding-conventions 6: anonymous sources on their own side's action
    are attributed): named with "a" or "an" and no body's own voice ("a Fano member", "a military
    source"; not "a spokesman for the army"), or told as unnamed ("speaking on condition of
    anonymity", "unnamed officials")."""
    words = data.words(STAGE, "anonymous_sources.txt")
    if any(t.lower_ in words for t in (*source.subtree, *source.sent)):
        return True
    return source.pos_ == "NOUN" and source.lemma_.lower() not in data.words(STAGE, "official_voices.txt") \
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in source.children)


def trigger_token(doc: Doc, event: Event) -> Token | None:
    """The syntactic head of the event's trigger span."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _says_itself(token: Token, event_type: str) -> bool:
    """The trigger is a verb that is itself the speech act, told as the content of someone's report
    ("Russian news reports say President Putin is calling the attack a terrorist act"): it is its
    own utterance, which the report attributes, not the report above it."""
    found = lookup(token) if token.pos_ == "VERB" and token.dep_ == "ccomp" else None
    return found is not None and found.type == event_type


def utterance_verb(token: Token, max_depth: int = 4) -> Token | None:
    """The report or announcement verb whose content holds ``token`` (a threat's utterance)."""
    if token.lemma_.lower() in plan_triggers() or governor(token, "complement"):
        return None
    node = token
    for _ in range(max_depth):
        if node.dep_ not in UTTERANCE_DEPS or node.head.i == node.i:
            return None
        node = node.head
        lemma = node.lemma_.lower()
        if node.pos_ in ("VERB", "AUX") and (lemma in announce_verbs() or kind_of(node) in ("report", "claim")):
            return node
        if node.pos_ == "NOUN" and lemma in announce_verbs():
            return node  # "the threats of Lukashenko to cut off gas supplies"
        if lemma in plan_triggers() or governor(node, "complement"):
            return None  # "intended to evoke Article 4": the intention, not an utterance, governs
    return None


def author_stance(via: Token | None) -> str | None:
    """The author's own word against a claim: "completely unsubstantiated claims", "falsely
    claimed" (the event stays attributed; the stance goes into the cue)."""
    if via is None:
        return None
    for child in via.children:
        if child.dep_ in ("amod", "advmod") and kind_of(child) == "disputed":
            return child.text
    return None


def reported_content(token: Token) -> Token | None:
    """The head of the clause a report verb reports, when an event that is no speech act was
    found at the report verb itself ("Zelensky said there are 100,000 Russian troops")."""
    if token.pos_ not in ("VERB", "AUX") or kind_of(token) not in ("report", "claim"):
        return None
    for child in token.children:
        if child.dep_ in ("ccomp", "parataxis") and child.pos_ in ("VERB", "AUX"):
            return child
    return None


def quote_mask(doc: Doc) -> list[bool]:
    """:func:`article_quote_mask` of the parsed text (kept on the Doc for the article's run)."""
    mask = doc.user_data.get("factuality_quotes")
    if mask is None:
        mask = doc.user_data["factuality_quotes"] = article_quote_mask(doc.text)
    return mask


def quotation_status(article: Article, doc: Doc, token: Token, ahead: int = 3) -> Status | None:
    """A quoted event is attributed to its speaker: the subject of a report verb outside the
    quotation marks of the sentence, of the sentence before, or of the frame after a quotation
    that runs over several sentences ('"... for us," he said')."""
    sent = token.sent
    mask = quote_mask(doc)
    if not mask[token.idx]:
        return None
    candidates = [sent, _previous_sentence(doc, sent)]
    nxt = sent
    for _ in range(ahead):
        if nxt.end >= len(doc):
            break
        nxt = doc[nxt.end].sent
        candidates.append(nxt)
        if not mask[min(nxt.end_char, len(mask) - 1)]:
            break  # the quotation has closed: its frame, if any, is in this sentence
    for candidate in candidates:
        if candidate is None:
            continue
        for t in candidate:
            if kind_of(t) in ("report", "claim") and t.pos_ in ("VERB", "AUX") and not mask[t.idx]:
                src = subject_of(t)
                if src:
                    # a quotation is as strong as its speech verb: "said" reports, so a side
                    # quoted on its own act vouches for it (a self-report)
                    return Status("attributed", src, f"quotation ({t.text})", t, kind_of(t))
    return None


def _previous_sentence(doc: Doc, sent):
    if sent.start == 0:
        return None
    return doc[sent.start - 1].sent
