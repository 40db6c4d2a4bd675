"""The document model: one article and everything extracted from it.

Plain, typed dataclasses. The spaCy ``Doc`` is attached to an :class:`Article` only while the
pipeline runs (``Article.spacy``); what workers return, what the store keeps and what the API
hands out are these dataclasses, serialisable with :meth:`Article.to_dict`.

Every extracted field carries its provenance: a :class:`Span` with character offsets into the
*repaired* text (``article.text``) and the index of its sentence.

The event record follows ``shared/spec/event-model.md`` (PLOVER extended with status, modality
and provenance).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

#: PLOVER 2.0 event categories, in codebook order.
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
STATUSES = ("asserted", "attributed", "denied")
MODALITIES = ("actual", "planned", "hypothetical", "negated", "generic")


@dataclass(slots=True)
class Span:
    """A piece of the repaired text: ``article.text[start:end] == text``."""

    start: int
    end: int
    text: str
    sentence: int | None = None


@dataclass(slots=True)
class Entity:
    """Who an actor is: a country or organisation code, a PLOVER sector, a canonical name."""

    country: str | None = None  # ISO 3166-1 alpha-3, or NATO, EU, UN, OSCE, ...
    sector: str | None = None  # GOV, MIL, COP, JUD, LEG, PTY, REB, SPY, BUS, CVL, JRN, REF, ...
    name: str | None = None
    kind: str | None = None  # country, organisation, person, group, role

    @property
    def code(self) -> str:
        """``RUS``, ``RUSMIL``, ``-REF``: the compact actor code used in tables and filters."""
        return (self.country or "-") + (self.sector or "")


@dataclass(slots=True)
class Mention:
    """A reference to an actor in the text, resolved to an entity."""

    span: Span
    entity: Entity
    label: str | None = None  # spaCy NER label, or the rule that found it
    head: int | None = None  # character offset of the syntactic head token
    source: str | None = None  # which data or rule resolved it (e.g. "countries", "agents")
    antecedent: int | None = None  # index of the mention this one refers back to


@dataclass(slots=True)
class Actor:
    """One participant of an event: the entity and the mention it came from."""

    entity: Entity
    span: Span | None = None


@dataclass(slots=True)
class DateValue:
    """A date interval (ISO dates, inclusive), with granularity and where it came from."""

    start: str | None
    end: str | None
    granularity: str | None = None  # day, weekend, week, month, part_of_month, season, year, decade
    text: str | None = None
    span: Span | None = None
    source: str | None = None  # clause, discourse, publication


@dataclass(slots=True)
class Timex:
    """A time expression normalised against the publication date."""

    span: Span
    type: str  # DATE, TIME, DURATION, SET
    value: str | None = None  # TIMEX3-style value, e.g. 2021-11-14, 2021-W45, P1W, XXXX-WXX-5
    start: str | None = None
    end: str | None = None
    granularity: str | None = None


@dataclass(slots=True)
class Place:
    """A resolved location."""

    name: str
    kind: str  # country, region, admin1, city, sea, border, facility
    lat: float
    lon: float
    countries: list[str] = field(default_factory=list)
    precision: str | None = None  # point, admin2, admin1, country, border, sea, region, context
    span: Span | None = None
    geonameid: int | None = None
    geometry: dict[str, Any] | None = None  # GeoJSON, e.g. a border line
    source: str | None = None  # clause, purpose, conjunct, head, dateline, article_focus, actor_country, ...


@dataclass(slots=True)
class Quantity:
    """A number and what it counts."""

    value: float
    of: str | None = None
    kind: str | None = None  # personnel, deaths, injuries, money, equipment, length, people, ...
    qualifier: str = "exact"  # exact, at_least, about, up_to
    span: Span | None = None
    unit: str | None = None


@dataclass(slots=True)
class Scores:
    """Scores derived from type and mode through the CAMEO/PLOVER tables."""

    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    plover: float | None = None
    weight: float | None = None  # escalation weight from status and modality
    weighted: float | None = None


@dataclass(slots=True)
class Event:
    """One event: who did what to whom, where, when, how many, and according to whom."""

    type: str
    trigger: Span
    sentence: int
    evidence: str = ""  # the sentence that carries the event
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    actor: list[Actor] = field(default_factory=list)
    recipient: list[Actor] = field(default_factory=list)
    status: str = "asserted"
    attributed_to: list[Actor] = field(default_factory=list)
    modality: str = "actual"
    date: DateValue | None = None
    historical: bool = False
    place: Place | None = None
    quantities: list[Quantity] = field(default_factory=list)
    scores: Scores = field(default_factory=Scores)
    confidence: float | None = None
    id: str | None = None
    cues: dict[str, str] = field(default_factory=dict)  # stage -> why (e.g. "factuality": "claim by")


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    role: str | None = None  # reporting, quotation, commentary, call_to_action, headline
    framing: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class FramingSpan:
    span: Span
    kind: str  # loaded_language, name_calling, scare_quote, intensifier
    cue: str | None = None


@dataclass(slots=True)
class Article:
    """An article and everything the pipeline found in it."""

    id: str
    text: str  # repaired text: every offset refers to it
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    source: str | None = None  # the file it was read from (and line, for JSONL)
    original_text: str | None = None  # the text as read, before repair
    content_hash: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    framing: list[FramingSpan] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)  # per-article measures (framing density, ...)
    pipeline: list[str] = field(default_factory=list)  # the stages that ran
    pipeline_version: str | None = None
    spacy: Any = field(default=None, repr=False, compare=False)  # only while the pipeline runs

    def span(self, start: int, end: int, sentence: int | None = None) -> Span:
        """A :class:`Span` of the repaired text, with its sentence found when not given."""
        if sentence is None:
            sentence = self.sentence_at(start)
        return Span(start, end, self.text[start:end], sentence)

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence that contains character ``offset`` (binary search)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s.index
        return None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings, no spaCy objects)."""
        d = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "spacy"}
        d = _plain(d)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        return _build(cls, d)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def event_to_dict(event: Event) -> dict[str, Any]:
    return _plain(event)


def _build(cls: type, d: Any) -> Any:
    """Rebuild dataclasses from :func:`_plain` output (the inverse used by the store and workers)."""
    import typing

    if d is None:
        return None
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name not in d or f.name == "spacy":
            continue
        kwargs[f.name] = _coerce(hints[f.name], d[f.name])
    return cls(**kwargs)


def _coerce(tp: Any, value: Any) -> Any:
    import types
    import typing

    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _coerce(args[0], value) if len(args) == 1 else value
    if origin is list:
        (arg,) = typing.get_args(tp)
        return [_coerce(arg, v) for v in value]
    if dataclasses.is_dataclass(tp):
        return _build(tp, value)
    if tp is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value
