"""POLECAT weekly files: the 40 tab-separated columns of the POLECAT release (Harvard Dataverse
doi:10.7910/DVN/AJGVIT, 2023), with a header line, one row per event; compound actors are
listed in one cell, separated by "; " as POLECAT does."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import __version__
from . import cells, tables

NAME = "polecat"
SEPARATOR = "\t"
HEADER = True


def _side(entities: list[dict[str, Any]]) -> list[Any]:
    """Name, Country, COW, Primary Sector, Sectors, Title, Name Raw, Wikipedia ID."""
    sectors = [e["sector"] for e in entities if e["sector"]]
    return [cells.joined([e["name"] or e["code"] for e in entities]),
            cells.joined([e["country"] for e in entities]), "", sectors[0] if sectors else "",
            cells.joined(sectors), "", cells.joined([e["text"] for e in entities]), ""]


def rows(event: dict[str, Any]) -> Iterator[list[Any]]:
    place = event["place"] or {}
    kind = tables.place_kind(place.get("kind"))
    report = event["reports"][0]
    quad = tables.quad_names().get(event["quad_class"] or 0, "")
    yield [
        event["id"], event["day"], event["type"], event["mode"] or "", event["plover_score"], quad,
        cells.joined(event["context"], "|"), *_side(event["actors"]), *_side(event["recipients"]),
        place.get("name"), place.get("name") if place.get("kind") in ("city", "facility") else "", "",
        place.get("name") if place.get("kind") == "admin1" else "",
        tables.country((place.get("countries") or [None])[0]).get("name", "") if place else "",
        place.get("lat"), place.get("lon"), place.get("geonameid"), place.get("text"),
        kind.get("feature_code", ""), cells.joined(event["outlets"]), report.get("published"), "", "", "",
        "en", f"flashpoint {__version__}",
    ]
