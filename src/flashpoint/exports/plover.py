"""PLOVER JSON: one record a line with the fields of the PLOVER manual (draft 2.0, chapter "Data
Fields", table "PLOVER JSON") that we have a value for, and flashpoint's own fields beside them
(the manual invites named fields beyond its own): ``status``, ``modality``, ``attributed_to``,
``historical``, ``quantities``, ``provenance`` (article, sentence and character offsets of every
span) and, for merged events, ``reports``, ``outlets``, ``corroboration`` and ``disagreements``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import __version__
from . import tables

NAME = "plover"
CODEBOOK = "PLOVER draft 2.0"

#: Quantity kinds that fill PLOVER's size object (dead, injured, arrested).
SIZE = {"deaths": "dead", "injuries": "injured", "arrests": "arrested"}


def _entity(e: dict[str, Any]) -> dict[str, Any]:
    out = {"code": e["country"] or "---", "sector": e["sector"], "entity_text": e["text"],
           "identifier_text": e["name"]}
    return {k: v for k, v in out.items() if v is not None}


def _location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    if not place:
        return None
    kind = tables.place_kind(place.get("kind"))
    loc = {
        "extracted_place": place.get("text"), "resolved_place": place.get("name"),
        "geonameid": place.get("geonameid"), "lat": place.get("lat"), "lon": place.get("lon"),
        "city": place.get("name") if place.get("kind") in ("city", "facility") else None,
        "province": place.get("name") if place.get("kind") == "admin1" else None,
        "country": tables.country((place.get("countries") or [None])[0]).get("name"),
        "country_code": (place.get("countries") or [None])[0],
        "feature_class": kind.get("feature_class") or None, "feature_code": kind.get("feature_code") or None,
        "resolution": int(kind["plover_resolution"]) if kind.get("plover_resolution") else None,
    }
    return {k: v for k, v in loc.items() if v is not None}


def _coded(moment: Any) -> tuple[str | None, str | None]:
    if isinstance(moment, dt.datetime):
        return moment.date().isoformat(), moment.time().isoformat(timespec="seconds")
    return None, None


def record(event: dict[str, Any]) -> dict[str, Any]:
    """One exported event as a PLOVER JSON record."""
    report = event["reports"][0]
    size = {}
    for q in event["quantities"]:
        if q.get("kind") in SIZE and q.get("value") is not None:
            size[SIZE[q["kind"]]] = q["value"]
    coded_date, coded_time = _coded(event.get("ingested_at"))
    rec: dict[str, Any] = {
        "id": event["id"], "has_event": True, "date": event["day"],
        "enddate": event["date_end"] if event["date_end"] and event["date_end"] != event["day"] else None,
        "actor": [_entity(e) for e in event["actors"]], "recipient": [_entity(e) for e in event["recipients"]],
        "event": [event["type"]], "event_loc": _location(event["place"]),
        "event_text": [event["evidence"]] if event["evidence"] else None, "quad_code": event["quad_class"],
        "event_scale": event["plover_score"], "mode": [event["mode"]] if event["mode"] else [],
        "context": event["context"],
        "text_info": {"sequence": report.get("sentence"), "start": report.get("trigger_start"),
                      "end": report.get("trigger_end")} if report.get("sentence") is not None else None,
        "cite_info": {k: v for k, v in {
            "corpus": report.get("article_id"), "url": event["url"], "title": event["title"],
            "language": "en", "publication": report.get("outlet"), "coder": f"flashpoint {__version__}",
            "codebook": CODEBOOK}.items() if v is not None},
        "coder": f"flashpoint {__version__}", "coded_date": coded_date, "coded_time": coded_time,
    }
    if size:
        rec["size"] = size
    rec = {k: v for k, v in rec.items() if v is not None}
    rec.update({
        "status": event["status"], "modality": event["modality"],
        "attributed_to": [c for c in event["attributed_to"].split("+") if c], "historical": event["historical"],
        "cameo": event["cameo"], "goldstein": event["goldstein"], "quantities": event["quantities"],
    })
    if event["merged"]:
        rec.update({"reports": event["reports"], "outlets": event["outlets"], "corroboration": event["n_outlets"],
                    "disagreements": event["disagreements"]})
    else:
        r = event["record"] or {}
        rec["provenance"] = {
            "article_id": report.get("article_id"), "event_id": report.get("event_id"),
            "published": report.get("published"), "sentence": report.get("sentence"),
            "trigger": r.get("trigger"), "actor": [a.get("span") for a in r.get("actor") or []],
            "recipient": [a.get("span") for a in r.get("recipient") or []],
            "time": (r.get("date") or {}).get("span") if isinstance(r.get("date"), dict) else None,
            "place": (r.get("place") or {}).get("span") if isinstance(r.get("place"), dict) else None,
        }
    return rec
