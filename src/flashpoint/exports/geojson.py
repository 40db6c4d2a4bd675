"""GeoJSON (RFC 7946): a FeatureCollection of the events that have a place, each a Point at its
place (an event on a border: the border's line), and with ``--merged`` the flashpoints too, each a
Point at its centre with its radius. Properties: the event's type, actors, dates, status and
place, its reports and outlets."""

from __future__ import annotations

import json
from typing import Any

NAME = "geojson"

_LINE_SQL = """SELECT CAST(json_extract(e.record, '$.place.geometry') AS VARCHAR)
FROM merged_reports r JOIN events e ON e.article_id = r.article_id AND e.event_id = r.event_id
WHERE r.merged_id = ? AND json_extract(e.record, '$.place.geometry') IS NOT NULL LIMIT 1"""


def geometry(event: dict[str, Any], con: Any = None) -> dict[str, Any] | None:
    """The event's geometry: its border's line where it has one, else the point of its place."""
    place = event["place"] or {}
    line = place.get("geometry")
    if line is None and event["merged"] and place.get("kind") == "border" and con is not None:
        found = con.execute(_LINE_SQL, [event["id"]]).fetchone()
        line = json.loads(found[0]) if found and found[0] else None
    if line and line.get("type") in ("LineString", "MultiLineString"):
        return line
    if place.get("lat") is None or place.get("lon") is None:
        return None
    return {"type": "Point", "coordinates": [place["lon"], place["lat"]]}


def feature(event: dict[str, Any], con: Any = None) -> dict[str, Any] | None:
    """An event as a Feature (None when it has no place)."""
    geom = geometry(event, con)
    if geom is None:
        return None
    place = event["place"] or {}
    props = {
        "kind": "event", "id": event["id"], "type": event["type"], "mode": event["mode"],
        "actor": "+".join(e["code"] for e in event["actors"]),
        "recipient": "+".join(e["code"] for e in event["recipients"]),
        "date_start": event["date_start"], "date_end": event["date_end"], "day": event["day"],
        "status": event["status"], "modality": event["modality"], "attributed_to": event["attributed_to"],
        "place": place.get("name"), "place_kind": place.get("kind"), "quad_class": event["quad_class"],
        "goldstein": event["goldstein"], "cameo": event["cameo"], "n_reports": event["n_reports"],
        "n_outlets": event["n_outlets"], "outlets": event["outlets"], "evidence": event["evidence"],
        "reports": [{k: r.get(k) for k in ("article_id", "event_id", "outlet", "published", "evidence")}
                    for r in event["reports"]],
    }
    return {"type": "Feature", "id": event["id"], "geometry": geom, "properties": props}


def flashpoint_feature(fp: dict[str, Any]) -> dict[str, Any]:
    """A flashpoint as a Point Feature with its radius, actors and dyads."""
    props = {"kind": "flashpoint", "name": fp["name"], "source": fp["source"], "radius_km": fp["radius_km"],
             "actors": list(fp.get("actors") or []), "dyads": fp.get("dyads") or [],
             "n_events": fp.get("n_events"), "n_articles": fp.get("n_articles"),
             "first_day": str(fp["first_day"]) if fp.get("first_day") else None,
             "last_day": str(fp["last_day"]) if fp.get("last_day") else None}
    return {"type": "Feature", "id": f"flashpoint:{fp['name']}",
            "geometry": {"type": "Point", "coordinates": [fp["lon"], fp["lat"]]}, "properties": props}
