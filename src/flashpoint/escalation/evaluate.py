"""Merge precision and recall over gold events (``flashpoint eval merge GOLD.json...``).

The gold files do not link events across documents, so the measure defines which gold events
are one happening:

- within a document, two gold events are one happening when a note says so ("repeats e01",
  "second estimate of e03", "second form of the e04 allegation", "repeats e03/e05"), taken
  transitively; any other two events of one document are distinct (the annotators mark repeats);
- across documents, two gold events are one happening when their types agree (the type or an
  alternative type, or a pair of ``data/escalation/compatible_types.tsv``), their actor countries
  overlap, their recipient countries overlap where both name one, their dates overlap where both
  give one (an undated event stands for the seven days before its publication), their places lie
  within 300 km where both give one (a country-wide place: same country), and both are
  background or both news, both generic or both one-off. This is pairwise: no closure.

Pairwise scores are computed over the reports that match a gold event (the event scorer's
matching): a pair of reports is *together* when the merge put them in one event, *same* when
their gold events are one happening as above. Precision = together and same / together;
recall = together and same / same. With ``oracle=True`` the reports are the gold events
themselves (perfect extraction), which measures the merge alone.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import defaultdict
from typing import Any

from .. import data
from ..eval.gold import GoldDoc
from .merge import Merger, Report, _overlap, haversine_km, similarity, tokens

_NOTE_LINK = re.compile(r"\b(?:repeats|estimate of|form of(?: the)?)\s+((?:e\d+)(?:\s*/\s*e\d+)*)", re.I)


def _country_names() -> dict[str, str]:
    return {r["iso3"]: r["name"].casefold() for r in data.tsv("eval", "country_names.tsv")}


def _countries(entities: list[dict[str, Any]] | None) -> frozenset[str]:
    return frozenset(e["country"] for e in entities or [] if e.get("country"))


def _codes(entities: list[dict[str, Any]] | None) -> str:
    codes = []
    for e in entities or []:
        code = (e.get("country") or "-") + (e.get("sector") or "")
        if code not in codes:
            codes.append(code)
    return "+".join(codes)


def gold_report(doc: GoldDoc, event: dict[str, Any]) -> Report:
    """A gold event as a :class:`Report` (for the oracle and for linking)."""
    place = event.get("place") or {}
    names = _country_names()
    pc = list(place.get("countries") or [])
    kind = "country" if len(pc) == 1 and names.get(pc[0]) == (place.get("name") or "").casefold() else (
        "place" if place else None)
    date = event.get("date") or {}
    return Report(
        article_id=doc.id, event_id=event["id"], idx=int(re.sub(r"\D", "", event["id"]) or 0),
        type=event["type"], actor=_codes(event.get("actor")), recipient=_codes(event.get("recipient")),
        actor_countries=_countries(event.get("actor")), recipient_countries=_countries(event.get("recipient")),
        mode=event.get("mode"), status=event.get("status"), modality=event.get("modality"),
        date_start=dt.date.fromisoformat(date["start"]) if date.get("start") else None,
        date_end=dt.date.fromisoformat(date["end"]) if date.get("end") else None,
        historical=bool(event.get("historical")), place=place.get("name"), place_kind=kind,
        lat=place.get("lat"), lon=place.get("lon"), place_countries=frozenset(pc),
        published=dt.date.fromisoformat(doc.published) if doc.published else None, outlet=doc.outlet or doc.id,
        evidence=event.get("evidence") or "",
        quantities=[{k: q.get(k) for k in ("value", "of", "kind", "qualifier")} for q in event.get("quantities") or []],
    )


def _note_groups(doc: GoldDoc) -> dict[str, int]:
    """Gold event id -> group number inside one document (from the repeat notes)."""
    parent = {e["id"]: e["id"] for e in doc.events}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for e in doc.events:
        for m in _NOTE_LINK.finditer(e.get("note") or ""):
            for other in re.findall(r"e\d+", m.group(1)):
                if other in parent:
                    parent[root(e["id"])] = root(other)
    roots = {root(i) for i in parent}
    numbers = {r: n for n, r in enumerate(sorted(roots))}
    return {i: numbers[root(i)] for i in parent}


def _types(event: dict[str, Any]) -> set[str]:
    return {event["type"], *(event.get("alt_types") or [])}


def cross_document_same(a: tuple[dict[str, Any], Report], b: tuple[dict[str, Any], Report],
                        *, undated_days: int = 7, place_km: float = 300.0, min_similarity: float = 0.3) -> bool:
    """Two gold events of different documents are one happening (see the module docstring)."""
    (ea, ra), (eb, rb) = a, b
    if not (ea["type"] == eb["type"] or ea["type"] in (eb.get("alt_types") or [])
            or eb["type"] in (ea.get("alt_types") or [])):
        return False
    if not (ra.actor_countries & rb.actor_countries):
        return False
    if ra.recipient_countries and rb.recipient_countries and not ra.recipient_countries & rb.recipient_countries:
        return False
    if ra.historical != rb.historical or (ra.modality == "generic") != (rb.modality == "generic"):
        return False
    placed = ra.lat is not None and rb.lat is not None
    if placed:
        if "country" in (ra.place_kind, rb.place_kind):
            if not ra.place_countries & rb.place_countries:
                return False
        elif haversine_km(ra.lat, ra.lon, rb.lat, rb.lon) > place_km:
            return False
    if ra.dated and rb.dated:
        return _overlap(ra.interval(), rb.interval(), 0)
    if not _overlap(ra.window(undated_days), rb.window(undated_days), 0):
        return False
    # an undated pair needs a second anchor: a shared place, or the same words
    return placed or similarity(tokens(ra.evidence, concepts=False), tokens(rb.evidence, concepts=False),
                                weighted=False) >= min_similarity


class GoldLinks:
    """Which gold events of a set of documents are one happening (see the module docstring)."""

    def __init__(self, docs: list[GoldDoc]) -> None:
        self.events: dict[tuple[str, str], tuple[dict[str, Any], Report]] = {}
        self.group: dict[tuple[str, str], int] = {}
        for doc in docs:
            groups = _note_groups(doc)
            for e in doc.events:
                key = (doc.id, e["id"])
                self.events[key] = (e, gold_report(doc, e))
                self.group[key] = groups[e["id"]]

    def same(self, a: tuple[str, str], b: tuple[str, str]) -> bool:
        if a[0] == b[0]:
            return self.group[a] == self.group[b]
        return cross_document_same(self.events[a], self.events[b])


def score_merge(docs: list[GoldDoc], *, oracle: bool = False, pipeline: Any = None,
                merger: Merger | None = None) -> dict[str, Any]:
    """Pairwise merge precision and recall (see the module docstring)."""
    links = GoldLinks(docs)
    merger = merger or Merger()
    reports: list[Report] = []
    gold_of: dict[tuple[str, str], tuple[str, str]] = {}  # report key -> gold key
    n_predicted = 0
    if oracle:
        for doc in docs:
            for e in doc.events:
                r = links.events[(doc.id, e["id"])][1]
                reports.append(r)
                gold_of[(r.article_id, r.event_id)] = (doc.id, e["id"])
    else:
        from ..eval.events import Prediction, match_document
        from ..readers import article_from_text
        from ..store import Store

        for doc in docs:
            article = article_from_text(doc.text, source=doc.path or doc.id, id=doc.id, title=doc.title,
                                        outlet=doc.outlet, url=doc.url, published=doc.published, check=False)
            article = pipeline(article)
            n_predicted += len(article.events)
            preds = [Prediction.from_event(article, e) for e in article.events]
            to_required, to_optional = match_document(doc, preds)
            for p, e in enumerate(article.events):
                g = to_required.get(p, to_optional.get(p))
                row = dict(zip(_EVENT_NAMES, Store._event_row(article, p, e)))
                r = Report.from_row(row)
                reports.append(r)
                if g is not None:
                    gold_of[(r.article_id, r.event_id)] = (doc.id, doc.events[g]["id"])
    clusters = merger.cluster(reports)
    cluster_of = {(r.article_id, r.event_id): i for i, c in enumerate(clusters) for r in c.reports}
    matched = [k for k in cluster_of if k in gold_of]
    together = same = both = 0
    false_merges, missed_links = [], []
    for a, b in itertools.combinations(sorted(matched), 2):
        ga, gb = gold_of[a], gold_of[b]
        t = cluster_of[a] == cluster_of[b]
        s = ga == gb or links.same(ga, gb)
        together += t
        same += s
        both += t and s
        if t and not s:
            false_merges.append((ga, gb))
        elif s and not t:
            missed_links.append((ga, gb))
    precision = both / together if together else None
    recall = both / same if same else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
    describe = lambda g: f"{g[0][:24]}:{g[1]} {links.events[g][0]['type']} {links.events[g][0]['evidence'][:50]!r}"  # noqa: E731
    multi = defaultdict(list)
    for c in clusters:
        keys = [gold_of[(r.article_id, r.event_id)] for r in c.reports if (r.article_id, r.event_id) in gold_of]
        if len({k[0] for k in keys}) > 1:
            multi[len(keys)].append([describe(k) for k in keys])
    return {
        "mode": "oracle" if oracle else "pipeline",
        "documents": len(docs), "gold_events": len(links.events), "reports": len(reports),
        "predicted": n_predicted if not oracle else len(reports), "matched_reports": len(matched),
        "clusters": len(clusters), "pairs_together": together, "pairs_same": same, "pairs_both": both,
        "precision": precision, "recall": recall, "f1": f1,
        "false_merges": [[describe(a), describe(b)] for a, b in false_merges],
        "missed_links": [[describe(a), describe(b)] for a, b in missed_links],
        "cross_document_events": [v for k in sorted(multi, reverse=True) for v in multi[k]],
    }


_EVENT_NAMES = [
    "article_id", "event_id", "idx", "type", "mode", "actor", "recipient", "actor_countries",
    "recipient_countries", "status", "attributed_to", "modality", "date_start", "date_end", "historical",
    "place", "lat", "lon", "place_countries", "cameo", "quad_class", "goldstein", "plover_score", "weight",
    "published", "outlet", "sentence", "trigger_start", "trigger_end", "trigger", "evidence", "record",
]
