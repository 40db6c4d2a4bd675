"""Flat views of events, shared by the table output, CSV, the store and DataFrames."""

from __future__ import annotations

import calendar
from typing import Any

from .model import Actor, Article, Event, event_to_dict

#: Columns of the events table: (name, width in a 100-column terminal).
TABLE_COLUMNS = (
    ("type", 9), ("actor", 11), ("recipient", 11), ("date", 13), ("place", 12), ("status", 13),
    ("evidence", 25),
)


def status_cell(status: str | None, attributed: str | None, modality: str | None) -> str:
    """``asserted``, ``attr:USA``, ``denied:RUSGOV``, with ``/planned`` etc. when not actual."""
    cell = status or ""
    if status in ("attributed", "denied") and attributed:
        cell = ("attr:" if status == "attributed" else "denied:") + attributed
    if modality and modality != "actual":
        cell += f"/{modality[:4]}"
    return cell


def date_cell(start: str | None, end: str | None) -> str:
    """A date interval as short as it is exact: ``2021-11-12``, ``2014`` (the whole year),
    ``2021-10`` (the whole month), ``2021-10-21/31``, ``2021-11-08/11-14``, ``2021-12-30/2022-01-02``;
    ``/2021-11-14`` or ``2021-11-08/`` for an open end."""
    start, end = (str(start) if start else None), (str(end) if end else None)
    if not start or not end:
        return f"{start or ''}/{end or ''}" if (start or end) else ""
    if start == end:
        return start
    (y1, m1, d1), (y2, m2, d2) = start.split("-"), end.split("-")
    if y1 == y2 and (m1, d1, m2, d2) == ("01", "01", "12", "31"):
        return y1
    if y1 == y2 and m1 == m2:
        if d1 == "01" and int(d2) == calendar.monthrange(int(y1), int(m1))[1]:
            return f"{y1}-{m1}"
        return f"{start}/{d2}"
    if y1 == y2:
        return f"{start}/{m2}-{d2}"
    return f"{start}/{end}"


def snippet(evidence: str, trigger: str, at: int | None = None, *, before: int = 30) -> str:
    """The part of the evidence sentence from a few words before the trigger, trigger in
    brackets: ``... the UK already [deployed] troops to the border``."""
    at = evidence.find(trigger) if at is None or evidence[at:at + len(trigger)] != trigger else at
    if at < 0 or not trigger:
        return evidence
    start = max(0, evidence.rfind(" ", 0, max(0, at - before)) + 1)
    head = ("... " if start else "") + evidence[start:at]
    return f"{head}[{trigger}]{evidence[at + len(trigger):]}"


def table_row(row: dict[str, Any]) -> dict[str, Any]:
    """A flat event row as the terminal table shows it (compact status, evidence from the trigger)."""
    out = dict(row)
    attributed = row.get("attributed_to")
    if attributed is None and ":" in (row.get("status") or ""):
        out["status"], attributed = row["status"].split(":", 1)
    out["status"] = status_cell(out.get("status"), attributed, row.get("modality"))
    if row.get("date_start") or row.get("date_end"):
        out["date"] = date_cell(row.get("date_start"), row.get("date_end"))
    out["evidence"] = snippet(row.get("evidence") or "", row.get("trigger") or "", row.get("trigger_in_sentence"))
    return out


def actor_codes(actors: list[Actor]) -> str:
    """``POLGOV+LVAGOV``: the compact codes of an actor list (unique, in order)."""
    codes: list[str] = []
    for a in actors:
        if a.entity.code not in codes:
            codes.append(a.entity.code)
    return "+".join(codes)


def flat_event(article: Article, event: Event) -> dict[str, Any]:
    """One event as a flat row with its provenance."""
    date = event.date
    place = event.place
    return {
        "article_id": article.id,
        "event_id": event.id,
        "type": event.type,
        "mode": event.mode,
        "actor": actor_codes(event.actor),
        "recipient": actor_codes(event.recipient),
        "status": event.status if event.status != "attributed" or not event.attributed_to
        else f"attributed:{actor_codes(event.attributed_to)}",
        "modality": event.modality,
        "date": (date.start if date and date.start == date.end else
                 f"{date.start or ''}/{date.end or ''}" if date else ""),
        "date_start": date.start if date else None,
        "date_end": date.end if date else None,
        "historical": event.historical,
        "place": place.name if place else "",
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "quantities": "; ".join(f"{q.value:g} {q.of or ''}".strip() for q in event.quantities),
        "published": article.published.isoformat() if article.published else None,
        "outlet": article.outlet,
        "sentence": event.sentence,
        "trigger": event.trigger.text,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "trigger_in_sentence": event.trigger.start - article.sentences[event.sentence].start
        if event.sentence < len(article.sentences) else None,
        "evidence": event.evidence,
    }


def full_event(article: Article, event: Event) -> dict[str, Any]:
    """One event as a nested JSON record, with the article's identity."""
    d = event_to_dict(event)
    d["article_id"] = article.id
    d["published"] = article.published.isoformat() if article.published else None
    d["outlet"] = article.outlet
    d["url"] = article.url
    return d
