"""Scoring extracted events against gold, exactly as ``shared/spec/event-model.md`` says.

1. A prediction matches a gold event when the prediction's sentence contains the gold evidence
   (both folded: case-folded, only letters and digits), its type is the gold type or an
   alternative, and its actor and recipient match (one entity with the same country, or both
   countries null and the same sector; an empty gold list accepts anything). Each gold event is
   matched at most once, each prediction at most once (a maximum matching, required gold first).
2. Precision = matched predictions / predictions, leaving out predictions that match an optional
   gold event; recall = matched required gold / required gold.
3. On matched events, the accuracy of status, modality, date (interval overlap), place (within
   161 km, or by country for a country-level place) and quantities (value and qualifier); a
   null gold field is not scored.

Predictions are plain dicts (``Prediction``), so that hand-made predictions can be scored.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .. import data
from .gold import GoldDoc, entities_match, fold, haversine_km

ATTRIBUTES = ("status", "modality", "date", "place", "quantities")
QUALIFIER_ALIASES = {"approx": "about", "approximately": "about", "around": "about"}


@dataclass
class Prediction:
    """What the scorer needs of one predicted event."""

    sentence: str
    type: str
    actor: list[dict[str, Any]]
    recipient: list[dict[str, Any]] = field(default_factory=list)
    status: str | None = None
    modality: str | None = None
    date: dict[str, Any] | None = None  # {"start", "end"}
    place: dict[str, Any] | None = None  # {"name", "lat", "lon", "countries"}
    quantities: list[dict[str, Any]] = field(default_factory=list)
    label: str = ""  # for reports: trigger or evidence

    @classmethod
    def from_event(cls, article: Any, event: Any) -> Prediction:
        """From a pipeline :class:`~flashpoint.model.Event` of ``article``."""
        sentence = article.sentences[event.sentence].text if article.sentences else event.evidence
        ent = lambda actors: [{"country": a.entity.country, "sector": a.entity.sector} for a in actors]  # noqa: E731
        place = None
        if event.place is not None:
            place = {"name": event.place.name, "lat": event.place.lat, "lon": event.place.lon,
                     "countries": list(event.place.countries), "kind": event.place.kind}
        return cls(
            sentence=sentence, type=event.type, actor=ent(event.actor), recipient=ent(event.recipient),
            status=event.status, modality=event.modality,
            date={"start": event.date.start, "end": event.date.end} if event.date else None,
            place=place,
            quantities=[{"value": q.value, "qualifier": q.qualifier, "of": q.of} for q in event.quantities],
            label=event.trigger.text,
        )


def event_matches(pred: Prediction, gold: dict[str, Any], gold_evidence_folded: str) -> bool:
    if gold_evidence_folded not in fold(pred.sentence):
        return False
    if pred.type != gold["type"] and pred.type not in (gold.get("alt_types") or []):
        return False
    return entities_match(pred.actor, gold.get("actor") or []) and entities_match(
        pred.recipient, gold.get("recipient") or [])


def _max_matching(edges: dict[int, list[int]], n_left: int, taken: dict[int, int]) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths); ``taken`` maps right -> left and is extended."""

    def augment(left: int, seen: set[int]) -> bool:
        for right in edges.get(left, []):
            if right in seen:
                continue
            seen.add(right)
            if right not in taken or augment(taken[right], seen):
                taken[right] = left
                return True
        return False

    for left in range(n_left):
        if left in taken.values():
            continue
        augment(left, set())
    return taken


def _trigger_first(candidates: list[int], preds: list[Prediction], evidence_folded: str) -> list[int]:
    """The predictions that match a gold event, those whose trigger lies in its evidence first: of
    two events of one type and actor in a sentence ("deployed 8,500 troops to ... the border with
    Russia and ... would relocate parts of its fleet ... to the Sea of Azov"), each gold event is
    paired with the prediction on its own words. The size of the matching does not change."""
    return sorted(candidates, key=lambda p: not (preds[p].label and fold(preds[p].label) in evidence_folded))


def match_document(gold: GoldDoc, preds: list[Prediction]) -> tuple[dict[int, int], dict[int, int]]:
    """(prediction -> required gold, prediction -> optional gold)."""
    folded = [fold(g["evidence"]) for g in gold.events]
    required = [i for i, g in enumerate(gold.events) if g.get("required", True)]
    optional = [i for i, g in enumerate(gold.events) if not g.get("required", True)]
    # left side: gold events; right side: predictions
    req_edges = {k: _trigger_first([p for p, pr in enumerate(preds) if event_matches(pr, gold.events[g], folded[g])],
                                   preds, folded[g])
                 for k, g in enumerate(required)}
    taken = _max_matching(req_edges, len(required), {})
    to_required = {p: required[k] for p, k in taken.items()}
    opt_edges = {k: _trigger_first([p for p, pr in enumerate(preds)
                                    if p not in to_required and event_matches(pr, gold.events[g], folded[g])],
                                   preds, folded[g])
                 for k, g in enumerate(optional)}
    taken_opt = _max_matching(opt_edges, len(optional), {})
    to_optional = {p: optional[k] for p, k in taken_opt.items()}
    return to_required, to_optional


def _country_names() -> dict[str, str]:
    return {r["iso3"]: r["name"].casefold() for r in data.tsv("eval", "country_names.tsv")}


def place_right(pred: dict[str, Any] | None, gold: dict[str, Any]) -> bool:
    if pred is None:
        return False
    countries = gold.get("countries") or []
    names = _country_names()
    country_level = len(countries) == 1 and names.get(countries[0]) == (gold.get("name") or "").casefold()
    if country_level:
        return countries[0] in (pred.get("countries") or [])
    if pred.get("lat") is None or gold.get("lat") is None:
        return False
    return haversine_km(pred["lat"], pred["lon"], gold["lat"], gold["lon"]) <= 161.0


def date_right(pred: dict[str, Any] | None, gold: dict[str, Any]) -> bool:
    """Interval overlap; an open end is unbounded."""
    if pred is None or (pred.get("start") is None and pred.get("end") is None):
        return False
    p_start, p_end = pred.get("start") or "0000-01-01", pred.get("end") or "9999-12-31"
    g_start, g_end = gold.get("start") or "0000-01-01", gold.get("end") or "9999-12-31"
    return p_start <= g_end and g_start <= p_end


def qualifier(value: str | None) -> str:
    value = (value or "exact").lower()
    return QUALIFIER_ALIASES.get(value, value)


def quantities_right(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> bool:
    """Every gold quantity has a predicted one with the same value and qualifier."""
    return all(
        any(float(p["value"]) == float(g["value"]) and qualifier(p.get("qualifier")) == qualifier(g.get("qualifier"))
            for p in pred)
        for g in gold
    )


def attribute_results(pred: Prediction, gold: dict[str, Any]) -> dict[str, bool]:
    """Which scored attributes of a matched pair are right (null gold fields are left out)."""
    out: dict[str, bool] = {}
    if gold.get("status"):
        out["status"] = pred.status == gold["status"]
    if gold.get("modality"):
        out["modality"] = pred.modality == gold["modality"]
    if gold.get("date"):
        out["date"] = date_right(pred.date, gold["date"])
    if gold.get("place"):
        out["place"] = place_right(pred.place, gold["place"])
    if gold.get("quantities"):
        out["quantities"] = quantities_right(pred.quantities, gold["quantities"])
    return out


def _folded_index(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each folded character, its offset in ``text``."""
    chars, where = [], []
    for i, ch in enumerate(text):
        for c in ch.casefold():
            if c.isascii() and c.isalnum():
                chars.append(c)
                where.append(i)
    return "".join(chars), where


def _context_ranges(text: str, context: str, index: tuple[str, list[int]]) -> list[tuple[int, int]]:
    """Character ranges of ``text`` where the folded ``context`` occurs."""
    folded, where = index
    needle = fold(context)
    out, i = [], folded.find(needle) if needle else -1
    while i >= 0:
        out.append((where[i], where[i + len(needle) - 1] + 1))
        i = folded.find(needle, i + 1)
    return out


def score_timexes(gold: list[dict[str, Any]], predicted: list[dict[str, Any]], text: str) -> dict[str, Any]:
    """Gold time expressions against predicted ones (``{"char_start", "char_end", "start", "end"}``
    with offsets into ``text``): a prediction matches a gold expression when it overlaps the gold
    context and one folded text contains the other; its value is right when the interval is equal."""
    index = _folded_index(text)
    used: set[int] = set()
    matched = right = 0
    wrong: list[dict[str, Any]] = []
    for g in gold:
        gtext = fold(g["text"])
        hit = None
        for cs, ce in _context_ranges(text, g.get("context") or g["text"], index):
            for k, p in enumerate(predicted):
                ptext = fold(text[p["char_start"]:p["char_end"]])
                if k in used or not (p["char_start"] < ce and cs < p["char_end"]) or not ptext:
                    continue
                if gtext in ptext or ptext in gtext:
                    hit = k
                    break
            if hit is not None:
                break
        if hit is None:
            wrong.append({"text": g["text"], "gold": [g.get("start"), g.get("end")], "predicted": None})
            continue
        used.add(hit)
        matched += 1
        p = predicted[hit]
        if p.get("start") == g.get("start") and p.get("end") == g.get("end"):
            right += 1
        else:
            wrong.append({"text": g["text"], "gold": [g.get("start"), g.get("end")],
                          "predicted": [p.get("start"), p.get("end")]})
    return {"gold": len(gold), "predicted": len(predicted), "matched": matched, "value_right": right, "wrong": wrong}


def score_quantities(gold: list[dict[str, Any]], predicted: list[dict[str, Any]], text: str) -> dict[str, Any]:
    """Gold quantities against predicted ones (``{"char_start", "char_end", "value", "qualifier"}``):
    a prediction matches when it overlaps the gold context and has the gold value; the
    qualifier is then scored."""
    index = _folded_index(text)
    used: set[int] = set()
    matched = right = 0
    wrong: list[dict[str, Any]] = []
    for g in gold:
        hit = None
        for cs, ce in _context_ranges(text, g.get("context") or "", index):
            for k, p in enumerate(predicted):
                if k in used or not (p["char_start"] < ce and cs < p["char_end"]):
                    continue
                if float(p["value"]) == float(g["value"]):
                    hit = k
                    break
            if hit is not None:
                break
        if hit is None:
            wrong.append({"context": g.get("context"), "gold": [g["value"], qualifier(g.get("qualifier"))], "predicted": None})
            continue
        used.add(hit)
        matched += 1
        p = predicted[hit]
        if qualifier(p.get("qualifier")) == qualifier(g.get("qualifier")):
            right += 1
        else:
            wrong.append({"context": g.get("context"), "gold": [g["value"], qualifier(g.get("qualifier"))],
                          "predicted": [p["value"], qualifier(p.get("qualifier"))]})
    return {"gold": len(gold), "predicted": len(predicted), "matched": matched, "qualifier_right": right, "wrong": wrong}


def article_timexes(article: Any) -> list[dict[str, Any]]:
    """An article's :class:`~flashpoint.model.Timex` list in the form :func:`score_timexes` takes."""
    return [{"char_start": t.span.start, "char_end": t.span.end, "start": t.start, "end": t.end, "value": t.value}
            for t in getattr(article, "timexes", []) or []]


def article_quantities(article: Any) -> list[dict[str, Any]]:
    return [{"char_start": q.span.start, "char_end": q.span.end, "value": q.value, "qualifier": q.qualifier}
            for q in getattr(article, "quantities", []) or [] if q.span is not None]


def score_document(gold: GoldDoc, preds: list[Prediction], *, text: str | None = None,
                   timexes: list[dict[str, Any]] | None = None,
                   quantities: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Score one document's events; with ``text`` (the analysed text), also its time expressions
    and quantities against the gold file's ``timexes`` and ``quantities``."""
    to_required, to_optional = match_document(gold, preds)
    attrs: dict[str, list[bool]] = defaultdict(list)
    wrong: list[dict[str, Any]] = []
    for p, g in {**to_required, **to_optional}.items():
        for name, right in attribute_results(preds[p], gold.events[g]).items():
            attrs[name].append(right)
            if not right:
                wrong.append({"gold": gold.events[g].get("id"), "attribute": name,
                              "gold_value": gold.events[g].get(name), "predicted": _value(preds[p], name)})
    n_required = sum(1 for g in gold.events if g.get("required", True))
    counted = [p for p in range(len(preds)) if p not in to_optional]
    matched = len(to_required)
    missed = [g for i, g in enumerate(gold.events) if g.get("required", True) and i not in to_required.values()]
    spurious = [preds[p] for p in counted if p not in to_required]
    material = data.words("eval", "material_types.txt")
    extra: dict[str, Any] = {"material": sum(p.type in material for p in preds),
                             "material_unplaced": sum(p.type in material and p.place is None for p in preds)}
    if text is not None:
        extra["timexes"] = score_timexes(gold.timexes, timexes or [], text)
        extra["quantities"] = score_quantities(gold.quantities, quantities or [], text)
    return {
        **extra,
        "id": gold.id,
        "predicted": len(counted),
        "matched": matched,
        "gold_required": n_required,
        "matched_optional": len(to_optional),
        "attributes": {k: v for k, v in attrs.items()},
        "missed": [{"id": g.get("id"), "type": g["type"], "evidence": g["evidence"]} for g in missed],
        "spurious": [{"type": s.type, "actor": _codes(s.actor), "recipient": _codes(s.recipient),
                      "trigger": s.label, "sentence": s.sentence} for s in spurious],
        "wrong_attributes": wrong,
    }


def _value(pred: Prediction, name: str) -> Any:
    return getattr(pred, name)


def _codes(entities: list[dict[str, Any]]) -> str:
    return "+".join((e.get("country") or "-") + (e.get("sector") or "") for e in entities)


def prf(matched: int, predicted: int, required: int) -> tuple[float, float, float]:
    precision = matched / predicted if predicted else 0.0
    recall = matched / required if required else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def aggregate(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Micro-averaged figures over documents, with per-document breakdown."""
    matched = sum(d["matched"] for d in docs)
    predicted = sum(d["predicted"] for d in docs)
    required = sum(d["gold_required"] for d in docs)
    precision, recall, f1 = prf(matched, predicted, required)
    pooled: dict[str, list[bool]] = defaultdict(list)
    for d in docs:
        for k, v in d["attributes"].items():
            pooled[k].extend(v)
    for d in docs:
        d["precision"], d["recall"], d["f1"] = prf(d["matched"], d["predicted"], d["gold_required"])
        d["attributes"] = {k: (sum(v) / len(v) if v else None) for k, v in d["attributes"].items()}
    extra: dict[str, Any] = {}
    for key, right_key in (("timexes", "value_right"), ("quantities", "qualifier_right")):
        parts = [d[key] for d in docs if key in d]
        if not parts:
            continue
        n_gold, n_pred = sum(p["gold"] for p in parts), sum(p["predicted"] for p in parts)
        n_match, n_right = sum(p["matched"] for p in parts), sum(p[right_key] for p in parts)
        name = "value_accuracy" if key == "timexes" else "qualifier_accuracy"
        extra[key] = {"gold": n_gold, "predicted": n_pred, "matched": n_match,
                      "recall": n_match / n_gold if n_gold else None,
                      "precision": n_match / n_pred if n_pred else None,
                      name: n_right / n_match if n_match else None,
                      "right": n_right / n_gold if n_gold else None}
    n_material = sum(d.get("material", 0) for d in docs)
    extra["material_unplaced"] = (sum(d.get("material_unplaced", 0) for d in docs) / n_material
                                  if n_material else None)
    extra["material_n"] = n_material
    extra["material_types"] = sorted(data.words("eval", "material_types.txt"))
    return {
        **extra,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "matched": matched,
        "predicted": predicted,
        "gold_required": required,
        "attributes": {k: (sum(pooled[k]) / len(pooled[k]) if pooled[k] else None) for k in ATTRIBUTES},
        "attributes_n": {k: len(pooled[k]) for k in ATTRIBUTES},
        "documents": docs,
    }
