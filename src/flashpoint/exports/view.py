"""One exported event, whatever the table it comes from: a stored report (a row of ``events``
with its JSON record) or a merged event (a row of ``merged_events`` with its reports), as a plain
dict the format writers read.

    {"id", "type", "mode", "context", "actors": [entity], "recipients": [entity], "status",
     "attributed_to", "modality", "historical", "date_start", "date_end", "day", "place",
     "cameo", "quad_class", "goldstein", "plover_score", "quantities", "reports": [report],
     "n_reports", "n_outlets", "outlets", "evidence", "url", "title", "ingested_at", "merged"}

An entity is ``{"code", "country", "sector", "name", "text", "start"}`` (``text`` and ``start``:
the mention and its offset, known for reports only).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from . import tables


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else (str(value) if value else None)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def split_code(code: str, countries: list[str]) -> tuple[str | None, str | None]:
    """``RUSGOV`` -> (RUS, GOV); ``NATO`` -> (NATO, None); ``-REF`` -> (None, REF): the country
    (or organisation) and sector of a compact actor code, given the event's actor countries."""
    if code.startswith("-"):
        return None, code[1:] or None
    known = [c for c in countries if code.startswith(c)] + [c for c in tables.organisation_names() if code == c]
    if known:
        country = max(known, key=len)
        return country, code[len(country):] or None
    if tables.country(code[:3]):
        return code[:3], code[3:] or None
    return code, None


def entity_name(country: str | None, sector: str | None = None) -> str:
    """The name of a country or organisation code ("Russia", "North Atlantic Treaty Organization")."""
    if not country:
        return ""
    return tables.country(country).get("name") or tables.organisation_names().get(country, country)


def _entities(codes: str | None, countries: list[str] | None, recorded: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    if recorded:
        out = []
        for a in recorded:
            e, span = a.get("entity") or {}, a.get("span") or {}
            code = (e.get("country") or "-") + (e.get("sector") or "")
            if any(o["code"] == code for o in out):
                continue
            out.append({"code": code, "country": e.get("country"), "sector": e.get("sector"),
                        "name": e.get("name") or entity_name(e.get("country")), "text": span.get("text"),
                        "start": span.get("start")})
        return out
    out = []
    for code in [c for c in (codes or "").split("+") if c]:
        country, sector = split_code(code, list(countries or []))
        out.append({"code": code, "country": country, "sector": sector, "name": entity_name(country),
                    "text": None, "start": None})
    return out


def _place(row: dict[str, Any], recorded: dict[str, Any] | None, kind: str | None) -> dict[str, Any] | None:
    if recorded:
        span = recorded.get("span") or {}
        return {"name": recorded.get("name"), "kind": recorded.get("kind"), "lat": recorded.get("lat"),
                "lon": recorded.get("lon"), "countries": list(recorded.get("countries") or []),
                "geonameid": recorded.get("geonameid"), "text": span.get("text"),
                "geometry": recorded.get("geometry"), "source": recorded.get("source")}
    if not row.get("place") and row.get("lat") is None:
        return None
    return {"name": row.get("place"), "kind": kind, "lat": row.get("lat"), "lon": row.get("lon"),
            "countries": list(row.get("place_countries") or []), "geonameid": None, "text": None,
            "geometry": None, "source": None}


def from_report(row: dict[str, Any]) -> dict[str, Any]:
    """A row of ``source.report_sql`` as an exported event."""
    rec = _json(row.get("record")) or {}
    report = {
        "article_id": row["article_id"], "event_id": row["event_id"], "outlet": row.get("outlet"),
        "published": _iso(row.get("published")), "url": row.get("url"), "title": row.get("title"),
        "sentence": row.get("sentence"), "trigger": row.get("trigger"), "trigger_start": row.get("trigger_start"),
        "trigger_end": row.get("trigger_end"), "evidence": row.get("evidence"), "doc_len": row.get("doc_len"),
        "ingested_at": row.get("ingested_at"), "confidence": rec.get("confidence"),
        "status": row.get("status"), "modality": row.get("modality"),
    }
    actors = _entities(row.get("actor"), row.get("actor_countries"), rec.get("actor"))
    recipients = _entities(row.get("recipient"), row.get("recipient_countries"), rec.get("recipient"))
    report["actor_start"] = actors[0]["start"] if actors else None
    report["recipient_start"] = recipients[0]["start"] if recipients else None
    start, end = _iso(row.get("date_start")), _iso(row.get("date_end"))
    return {
        "id": row["event_id"], "merged": False, "type": row["type"], "mode": row.get("mode"),
        "context": list(rec.get("context") or []), "actors": actors, "recipients": recipients,
        "status": row.get("status"), "attributed_to": row.get("attributed_to") or "",
        "modality": row.get("modality"), "historical": bool(row.get("historical")),
        "date_start": start, "date_end": end, "day": start or _iso(row.get("published")),
        "place": _place(row, rec.get("place"), None), "cameo": row.get("cameo"),
        "quad_class": row.get("quad_class"), "goldstein": row.get("goldstein"),
        "plover_score": row.get("plover_score"), "weight": row.get("weight"),
        "quantities": list(rec.get("quantities") or []), "reports": [report], "n_reports": 1,
        "n_outlets": 1 if row.get("outlet") else 0, "outlets": [row["outlet"]] if row.get("outlet") else [],
        "evidence": row.get("evidence"), "url": row.get("url"), "title": row.get("title"),
        "ingested_at": row.get("ingested_at"), "disagreements": [], "record": rec,
    }


def from_merged(row: dict[str, Any]) -> dict[str, Any]:
    """A row of ``source.merged_sql`` as an exported event (its reports from the ``reports`` JSON)."""
    reports = []
    for r in _json(row.get("reports")) or []:
        reports.append({**r, "published": _iso(r.get("published")), "url": None, "title": None})
    if reports:
        reports[0]["url"], reports[0]["title"] = row.get("url"), row.get("title")
    quantities = [q for r in reports for q in (_json(r.get("quantities")) or [])]
    start, end = _iso(row.get("date_start")), _iso(row.get("date_end"))
    return {
        "id": row["id"], "merged": True, "type": row["type"], "mode": row.get("mode"), "context": [],
        "actors": _entities(row.get("actor"), row.get("actor_countries"), None),
        "recipients": _entities(row.get("recipient"), row.get("recipient_countries"), None),
        "status": row.get("status"), "attributed_to": "", "modality": row.get("modality"),
        "historical": bool(row.get("historical")), "date_start": start, "date_end": end,
        "day": _iso(row.get("day")) or start, "place": _place(row, None, row.get("place_kind")),
        "cameo": row.get("cameo"), "quad_class": row.get("quad_class"), "goldstein": row.get("goldstein"),
        "plover_score": row.get("plover_score"), "weight": row.get("weight"), "quantities": quantities,
        "reports": reports, "n_reports": row.get("n_reports") or len(reports),
        "n_outlets": row.get("n_outlets") or 0, "outlets": list(row.get("outlets") or []),
        "evidence": row.get("evidence"), "url": row.get("url"), "title": row.get("title"),
        "ingested_at": row.get("ingested_at"), "disagreements": _json(row.get("disagreements")) or [],
        "record": None,
    }
