"""What the detection model sees of one candidate event: only fields that earlier stages stored
on the event and its article (type, trigger, how it was found, who acts on whom, status,
modality, date, place, the sentence's role), never the words of one particular story.

>>> sorted(event_features(article, event))[:3]   # doctest: +SKIP
['actor:country', 'actor:n=1', 'actor:sector=MIL']
"""

from __future__ import annotations

from ..model import Article, Event

#: Words of the trigger are features only for the commonest verbs of reporting and stating,
#: whose events are coded so differently (claims, descriptions, commentary) that the type alone
#: cannot tell; other lemmas would tie the model to the stories it was trained on.
REPORTING = frozenset({"say", "said", "says", "call", "called", "calling", "describe", "described", "claim",
                       "claimed", "tell", "told", "announce", "announced", "state", "stated", "report", "reported"})


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def _side(name: str, actors, out: dict[str, float]) -> None:
    out[f"{name}:n={_bucket(len(actors), (0, 1, 2))}"] = 1.0
    if not actors:
        return
    if any(a.entity.country for a in actors):
        out[f"{name}:country"] = 1.0
    for a in actors[:3]:
        e = a.entity
        out[f"{name}:sector={e.sector or '-'}"] = 1.0
        out[f"{name}:kind={e.kind or '-'}"] = 1.0
        if e.country and len(e.country) > 3:
            out[f"{name}:organisation"] = 1.0


def event_features(article: Article, event: Event) -> dict[str, float]:
    """Sparse binary features of ``event`` (a dict name -> value)."""
    f: dict[str, float] = {"bias": 1.0, f"type={event.type}": 1.0}
    how = event.cues.get("events", "")
    kind, _, lemma = how.split(";")[0].partition(":")
    f[f"found={kind}"] = 1.0
    f[f"type={event.type}|found={kind}"] = 1.0
    for part in how.split(";")[1:]:
        name, _, value = part.strip().partition(":")
        if name == "cameo":  # the CAMEO root (two digits) of the trigger's code, by how it was found
            f[f"cameo={value[:2]}"] = 1.0
            f[f"cameo={value[:2]}|found={kind}"] = 1.0
        else:
            f[f"events:{name}"] = 1.0
    trig = event.trigger.text.lower()
    if trig in REPORTING or lemma in REPORTING:
        f[f"reporting={lemma or trig}|type={event.type}"] = 1.0
    f["pos=" + ("noun" if kind in ("noun", "cameo-noun") else "verb")] = 1.0
    _side("actor", event.actor, f)
    _side("recipient", event.recipient, f)
    actors = {a.entity.country for a in event.actor if a.entity.country}
    if actors and actors & {a.entity.country for a in event.recipient if a.entity.country}:
        f["self-directed"] = 1.0
    f[f"status={event.status}"] = 1.0
    f[f"modality={event.modality}"] = 1.0
    f[f"type={event.type}|modality={event.modality}"] = 1.0
    if event.historical:
        f["historical"] = 1.0
    # a date of the event's own words; the narrative's last day (time stage) is no sign of an event
    dated = event.date is not None and event.date.source != "narrative"
    f["date" if dated else "no-date"] = 1.0
    if event.place is not None:
        f[f"place={event.place.source or 'text'}"] = 1.0
    else:
        f["no-place"] = 1.0
    if event.confidence is not None:
        f[f"confidence={_bucket(int(10 * event.confidence), (4, 5, 6, 7, 8))}"] = 1.0
    if event.sentence is not None and article.sentences and event.sentence < len(article.sentences):
        sent = article.sentences[event.sentence]
        f[f"role={sent.role or '-'}"] = 1.0
        f[f"sentence={_bucket(event.sentence, (0, 2, 5))}"] = 1.0
        same = sum(1 for e in article.events if e.sentence == event.sentence)
        f[f"events-in-sentence={_bucket(same, (1, 2, 4))}"] = 1.0
        if '"' in sent.text or "“" in sent.text:
            f["quote-in-sentence"] = 1.0
    fact = event.cues.get("factuality", "")
    if fact:
        f[f"factuality={fact.split()[0].strip(';:,')}"] = 1.0
    if event.cues.get("participants"):
        f["participants=" + event.cues["participants"].split(":")[0]] = 1.0
    return f
