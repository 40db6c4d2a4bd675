"""Flat views of events, shared by the table output, CSV, the store and DataFrames."""

from __future__ import annotations

from typing import Any

from .model import Actor, Article, Event, event_to_dict

#: Columns of the events table: (name, width in a 100-column terminal).
TABLE_COLUMNS = (
    ("type", 9), ("actor", 11), ("recipient", 11), ("date", 10), ("place", 12), ("status", 10),
    ("evidence", 30),
)


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
