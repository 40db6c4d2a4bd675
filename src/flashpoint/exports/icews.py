"""ICEWS event files: the 20 tab-separated columns of the ICEWS Coded Event Data (Harvard
Dataverse doi:10.7910/DVN/28075), with a header line, one row per source-target pair (ICEWS
codes a compound actor as one event per pair)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import cells, tables
from .view import entity_name

NAME = "icews"
SEPARATOR = "\t"
HEADER = True


def actor_name(e: dict[str, Any] | None) -> str:
    """ICEWS names a country's body after the country: "Military (Russia)"; a country or a named
    person or organisation by its name."""
    if not e:
        return ""
    sector = tables.sector(e["sector"])["icews_sector"] if e["sector"] else ""
    country = entity_name(e["country"])
    if sector and e["country"]:
        return f"{sector} ({country})"
    return e["name"] or country or sector


def pairs(event: dict[str, Any]) -> list[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """Each (actor, recipient) pair of an event; an empty side is None."""
    return [(a, r) for a in (event["actors"] or [None]) for r in (event["recipients"] or [None])]


def pair_id(event: dict[str, Any], k: int) -> int:
    return cells.numeric_id(event["id"] if k == 0 else f"{event['id']}#{k}")


def rows(event: dict[str, Any]) -> Iterator[list[Any]]:
    place = event["place"] or {}
    country = tables.country((place.get("countries") or [None])[0]).get("name", "")
    report = event["reports"][0]
    for k, (a, r) in enumerate(pairs(event)):
        yield [
            pair_id(event, k), event["day"], actor_name(a),
            tables.sector(a["sector"])["icews_sector"] if a and a["sector"] else "",
            entity_name(a["country"]) if a else "", tables.cameo_name(event["cameo"]), event["cameo"],
            event["goldstein"], actor_name(r),
            tables.sector(r["sector"])["icews_sector"] if r and r["sector"] else "",
            entity_name(r["country"]) if r else "",
            cells.numeric_id(report["article_id"]),
            report["sentence"] + 1 if report.get("sentence") is not None else "",
            report.get("outlet"), place.get("name") if place.get("kind") in ("city", "facility") else "",
            "", place.get("name") if place.get("kind") == "admin1" else "", country,
            place.get("lat"), place.get("lon"),
        ]
