"""ACLED: the 31 comma-separated columns of an ACLED export (ACLED Codebook 2023, numeric inter
codes), with a header line, for the events ACLED codes (political violence, demonstrations and
strategic developments; ``data/export/acled_types.tsv``) that happened: planned, hypothetical,
negated or generic events and denied ones are left out. Meant for spreadsheets: text cells are
made spreadsheet-safe."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from . import cells, tables
from .view import entity_name

NAME = "acled"
SEPARATOR = ","
HEADER = True
SPREADSHEET = True

#: ACLED's inter code for "External/Other Forces": state forces outside their country,
#: international organisations (codebook 2023).
EXTERNAL = 8


def covered(event: dict[str, Any]) -> dict[str, str] | None:
    """The ACLED type of an event ACLED would code, or None."""
    if event["modality"] not in (None, "actual") or event["status"] == "denied":
        return None
    recipient = next((r["sector"] for r in event["recipients"] if r["sector"]), None)
    return tables.acled_type(event["type"], event["mode"], recipient)


def actor(e: dict[str, Any], kind: dict[str, str], place_countries: list[str]) -> tuple[str, int | str]:
    """The ACLED name and inter code of an entity."""
    org = tables.organisation(e["country"])
    if org:
        return e["name"] or org["code"], int(org["acled_inter"])
    sector = tables.sector(e["sector"])
    country = entity_name(e["country"]) or "International"
    state = sector["acled_inter"] == "1"
    if e["sector"] is None:
        name = kind["state_actor"].format(country=country)
    elif sector["acled_inter"] in ("6", "7") and kind["crowd_inter"]:
        name = ("Rioters ({country})" if kind["crowd_inter"] == "5" else "Protesters ({country})").format(country=country)
    else:
        name = sector["acled_actor"].format(country=country)
    inter: int | str = int(sector["acled_inter"]) if sector["acled_inter"] else ""
    if not state and kind["crowd_inter"] and inter in (6, 7):
        inter = int(kind["crowd_inter"])
    if state and place_countries and e["country"] and e["country"] not in place_countries:
        inter = EXTERNAL
    return name, inter


def rows(event: dict[str, Any]) -> Iterator[list[Any]]:
    kind = covered(event)
    if kind is None:
        return
    place = event["place"] or {}
    countries = list(place.get("countries") or [])
    located = countries[0] if countries else next((a["country"] for a in event["actors"] if tables.country(a["country"])), None)
    c = tables.country(located)
    sides = [[actor(e, kind, countries) for e in side] for side in (event["actors"], event["recipients"])]
    (a1, i1), assoc1 = (sides[0][0] if sides[0] else ("", "")), sides[0][1:]
    (a2, i2), assoc2 = (sides[1][0] if sides[1] else ("", "")), sides[1][1:]
    interaction = (10 * min(i1, i2) + max(i1, i2) if isinstance(i1, int) and isinstance(i2, int)
                   else 10 * i1 if isinstance(i1, int) else "")
    start, end = cells.day(event["date_start"]), cells.day(event["date_end"])
    precision = 1 if start and start == end else 2 if start and end and (end - start).days <= 7 else 3
    deaths = sum(q.get("value") or 0 for q in event["quantities"] if q.get("kind") == "deaths")
    crowd = next((q.get("value") for q in event["quantities"] if q.get("kind") == "people"), None)
    moment = event.get("ingested_at")
    d = cells.day(event["day"])
    notes = event["evidence"] or ""
    if event["status"] == "attributed" and event["attributed_to"]:
        notes = f"According to {event['attributed_to']}: {notes}"
    row = [
        f"{c.get('iso3', 'XXX')}{cells.numeric_id(event['id']) % 10**8}", event["day"], d.year if d else "",
        precision, kind["disorder_type"], kind["event_type"], kind["sub_event_type"], a1,
        "; ".join(n for n, _ in assoc1), i1, a2, "; ".join(n for n, _ in assoc2), i2, interaction,
        "Civilian targeting" if kind["event_type"] == "Violence against civilians" else "",
        int(c["iso_numeric"]) if c.get("iso_numeric") else "", "", c.get("name", ""),
        place.get("name") if place.get("kind") == "admin1" else "", "", "", place.get("name") or c.get("name", ""),
        place.get("lat"), place.get("lon"), tables.place_kind(place.get("kind")).get("acled_geo_precision", ""),
        cells.joined(event["outlets"]), "", notes, int(deaths),
        f"crowd size={int(crowd)}" if crowd and kind["event_type"] in ("Protests", "Riots") else "",
        int(moment.replace(tzinfo=dt.timezone.utc).timestamp()) if isinstance(moment, dt.datetime) else "",
    ]
    yield [cells.spreadsheet_safe(v) for v in row]
