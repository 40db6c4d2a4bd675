"""GDELT 2.0: the Event table (61 tab-separated columns, no header, one row per Actor1-Actor2
pair) and the Mentions table (16 columns, one row per report), as in the GDELT Event Codebook
V2.0 (2/19/2015). NumMentions, NumSources and NumArticles count the reports, outlets and
articles the merge joined; SOURCEURL is the first report's URL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

from . import cells, tables
from .icews import pair_id, pairs
from .view import entity_name

NAME = "gdelt_events"
SEPARATOR = "\t"
HEADER = False

#: GDELT counts an event as a root event when it is in the lead: the first sentences.
LEAD_SENTENCES = 3


def actor_cells(e: dict[str, Any] | None) -> list[Any]:
    """Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code, Religion2Code, Type1Code,
    Type2Code, Type3Code."""
    if not e:
        return [""] * 10
    org = tables.organisation(e["country"])
    ctype = tables.sector(e["sector"])["cameo_type"] if e["sector"] else ""
    iso = e["country"] if tables.country(e["country"]) else ""
    code = (org.get("cameo") or iso) + ctype
    name = (e["name"] if e["sector"] is None else entity_name(e["country"])) or e["name"] or ""
    return [code, name.upper(), iso, org.get("known_group", ""), "", "", "", ctype, "", ""]


def geo_cells(place: dict[str, Any] | None) -> list[Any]:
    """Type, FullName, CountryCode (FIPS 10-4), ADM1Code, ADM2Code, Lat, Long, FeatureID."""
    if not place or place.get("lat") is None:
        return [""] * 8
    fips = tables.country((place.get("countries") or [None])[0]).get("fips", "")
    kind = tables.place_kind(place.get("kind"))
    feature = place.get("geonameid") or (fips if place.get("kind") == "country" else "")
    return [kind.get("gdelt_geo_type", ""), place.get("name"), fips, "", "", place.get("lat"), place.get("lon"),
            feature]


def added(event: dict[str, Any]) -> str:
    return cells.compact(event.get("ingested_at")) or cells.compact(cells.day(event["reports"][0].get("published")))


def rows(event: dict[str, Any]) -> Iterator[list[Any]]:
    d = cells.day(event["day"])
    cameo = event["cameo"] or ""
    report = event["reports"][0]
    lead = report.get("sentence") is not None and report["sentence"] < LEAD_SENTENCES
    articles = len({r["article_id"] for r in event["reports"]})
    for k, (a, r) in enumerate(pairs(event)):
        yield [
            pair_id(event, k), d.strftime("%Y%m%d") if d else "", d.strftime("%Y%m") if d else "",
            d.year if d else "", f"{d.year + (d.month * 30 + d.day) / 365:.4f}" if d else "",
            *actor_cells(a), *actor_cells(r), 1 if lead else 0, cameo, cameo[:3], cameo[:2],
            event["quad_class"], event["goldstein"], event["n_reports"], event["n_outlets"] or 1, articles, "",
            *[""] * 8, *[""] * 8, *geo_cells(event["place"]), added(event),
            event["url"] or report.get("article_id"),
        ]


def mention_rows(row: dict[str, Any], event: dict[str, Any]) -> Iterator[list[Any]]:
    """The Mentions rows of one report (``row``: a row of ``source.mention_sql``, ``event`` the
    report as an exported event), one per Actor1-Actor2 pair of the event it is counted in (of the
    merged event, with ``--merged``)."""
    report = event["reports"][0]
    url = report.get("url") or ""
    web = url.startswith(("http://", "https://"))
    citation = url if web else cells.joined([report.get("outlet"), report.get("title"), report.get("published")], ", ")
    source = urlparse(url).netloc if web else (report.get("outlet") or "")
    confidence = report.get("confidence")
    merged = {"id": row["merged_id"]}
    for k in range(row.get("n_pairs") or len(pairs(event))):
        yield [
            pair_id(merged, k), added(event), added(event), 1 if web else 2, source, citation,
            report["sentence"] + 1 if report.get("sentence") is not None else "",
            report.get("actor_start") if report.get("actor_start") is not None else -1,
            report.get("recipient_start") if report.get("recipient_start") is not None else -1,
            report.get("trigger_start"), 1, round(confidence * 100) if confidence is not None else "",
            report.get("doc_len"), "", "", "",
        ]
