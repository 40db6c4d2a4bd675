"""What the API answers and the pages show: one function per resource over a snapshot of the
store, built on the store's and the escalation package's queries (nothing is recomputed here).

Every page is drawn from the same dict that its JSON twin under ``/api/v1`` returns.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from ..escalation.queries import merged_events
from ..store import Store
from .replica import Snapshot


class NotFound(LookupError):
    """No such article, merged event, flashpoint or actor (the message says which)."""


@dataclass(frozen=True)
class Filters:
    """The ``events`` command's filters, shared by events and merged events."""

    type: str | None = None
    actor: str | None = None
    recipient: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    place: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    status: str | None = None
    modality: str | None = None
    article_id: str | None = None

    def args(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A page of ``limit`` items (one more was asked for, to know whether another page follows)."""
    more = len(items) > limit
    return {"items": items[:limit], "limit": limit, "offset": offset,
            "next_offset": offset + limit if more else None}


# -- events ------------------------------------------------------------------------------------
def events(con: Any, filters: Filters, *, limit: int, offset: int = 0, descending: bool = False) -> dict[str, Any]:
    """Stored events (one per report), as ``flashpoint events --format json`` gives them."""
    rows = Store.on(con).query_events(limit=limit + 1, offset=offset, descending=descending,
                                      columns=("record", "published", "outlet"), **filters.args())
    items = [dict(json.loads(r["record"]), article_id=r["article_id"], published=r["published"],
                  outlet=r["outlet"]) for r in rows]
    return page(items, limit, offset)


def merged(con: Any, filters: Filters, *, limit: int, offset: int = 0, descending: bool = False) -> dict[str, Any]:
    """Merged events with their reports, outlets, corroboration and disagreements."""
    items = merged_events(con, limit=limit + 1, offset=offset, descending=descending, **filters.args())
    return page(items, limit, offset)


def merged_one(con: Any, merged_id: str) -> dict[str, Any]:
    """One merged event; each report also carries its sentence and what in it is marked."""
    found = merged_events(con, ids=[merged_id])
    if not found:
        raise NotFound(f"no merged event {merged_id!r}")
    rec = found[0]
    for report in rec["reports"]:
        report.update(report_marks(con, report["article_id"], report["event_id"]))
    return rec


def report_marks(con: Any, article_id: str, event_id: str) -> dict[str, Any]:
    """A report's sentence and the spans of its trigger, actors, time and place in it (offsets
    into the sentence)."""
    # each table by its article index alone: DuckDB takes an index only for a filter on the
    # indexed column alone (with event_id beside it, events were scanned: 150 ms a report)
    events = con.execute("SELECT event_id, sentence, record FROM events WHERE article_id = ?", [article_id])
    event = next((r for r in events.fetchall() if r[0] == event_id), None)
    sentences = event and con.execute("SELECT idx, text, start_char FROM sentences WHERE article_id = ?", [article_id])
    sentence = event and next((r for r in sentences.fetchall() if r[0] == event[1]), None)
    title = sentence and con.execute("SELECT title FROM articles WHERE id = ?", [article_id]).fetchone()
    if not title:
        return {"sentence": None, "marks": [], "title": None}
    record, text, start, title = json.loads(event[2]), sentence[1], sentence[2], title[0]
    spans = [("trigger", record.get("trigger"))]
    spans += [("actor", a.get("span")) for a in record.get("actor") or []]
    spans += [("recipient", a.get("span")) for a in record.get("recipient") or []]
    spans += [("time", (record.get("date") or {}).get("span")), ("place", (record.get("place") or {}).get("span"))]
    marks = []
    for kind, span in spans:
        if span and start <= span["start"] and span["end"] <= start + len(text):
            marks.append({"kind": kind, "start": span["start"] - start, "end": span["end"] - start,
                          "text": span.get("text")})
    return {"sentence": text, "marks": marks, "title": title}


# -- articles ----------------------------------------------------------------------------------
def articles(con: Any, *, q: str | None = None, outlet: str | None = None, limit: int, offset: int = 0
             ) -> dict[str, Any]:
    """Stored articles, newest first; ``q`` a part of the title or text, ``outlet`` of the outlet."""
    where, args = [], []
    for column, value in (("title || ' ' || text", q), ("outlet", outlet)):
        if value:
            where.append(f"{column} ILIKE ? ESCAPE '\\'")
            args.append("%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    sql = ("SELECT id, title, outlet, published, url, n_sentences, n_events, ingested_at FROM articles"
           + (" WHERE " + " AND ".join(where) if where else "")
           + f" ORDER BY published DESC NULLS LAST, id LIMIT {int(limit) + 1} OFFSET {int(offset)}")
    cur = con.execute(sql, args)
    names = [c[0] for c in cur.description]
    return page([dict(zip(names, r)) for r in cur.fetchall()], limit, offset)


def article(con: Any, article_id: str) -> dict[str, Any]:
    """One article: its repaired text, events, what ``show`` marks, and its framing line."""
    from ..cli.show import framing_line, mark_spans

    found = Store.on(con).article(article_id)
    if found is None:
        raise NotFound(f"no article {article_id!r}")
    d = found.to_dict()
    d["marks"] = [{"start": s, "end": e, "kind": k, "label": lab} for s, e, k, lab in mark_spans(found)]
    d["framing_line"] = framing_line(found)
    d["merged"] = [r[0] for r in con.execute(
        "SELECT DISTINCT merged_id FROM merged_reports WHERE article_id = ? ORDER BY 1", [found.id]).fetchall()]
    return d


# -- flashpoints, timelines, alerts -------------------------------------------------------------
def flashpoints(snap: Snapshot, config: Any = None) -> list[dict[str, Any]]:
    """Discovered and configured flashpoints, busiest first (computed once per snapshot)."""
    from ..escalation.flashpoints import flashpoints as load

    return snap.cached(("flashpoints", str(config)), lambda: load(snap.cursor(), config))


def flashpoint(snap: Snapshot, name: str, config: Any = None) -> dict[str, Any]:
    from ..escalation.flashpoints import find

    fp = find(flashpoints(snap, config), name)
    if fp is None:
        raise NotFound(f"no flashpoint {name!r} (or more than one)")
    return fp


def timeline(con: Any, fp: dict[str, Any] | None, *, by: str = "week", dyad: str | None = None,
             since: dt.date | None = None, until: dt.date | None = None) -> list[dict[str, Any]]:
    """The escalation series of a flashpoint (or a dyad), as ``flashpoint timeline`` gives it."""
    from ..escalation.series import series

    return series(con, flashpoint=fp, dyad=dyad, by=by, since=since, until=until)


def flashpoint_timeline(snap: Snapshot, fp: dict[str, Any], *, by: str = "week", dyad: str | None = None,
                        since: dt.date | None = None, until: dt.date | None = None) -> list[dict[str, Any]]:
    """:func:`timeline` of a flashpoint; its whole series by day or week is kept with the snapshot
    (a bounded set: flashpoints x two periods), a dyad's or a date range's is computed each time."""
    def compute() -> list[dict[str, Any]]:
        return timeline(snap.cursor(), fp, by=by, dyad=dyad, since=since, until=until)

    if dyad or since or until:
        return compute()
    return snap.cached(("timeline", fp["name"], fp["source"], by), compute)


def timelines(snap: Snapshot, config: Any = None) -> None:
    """Every flashpoint's whole series by day and by week, kept with the snapshot as
    :func:`flashpoint_timeline` keeps them: one pass over the merged events a period (a
    flashpoint's own query reads them all too, so 150 flashpoints cost 150 passes)."""
    from ..escalation.series import PERIODS, series_all

    fps = flashpoints(snap, config)
    for by in PERIODS:
        for fp, rows in zip(fps, series_all(snap.cursor(), fps, by=by)):
            snap.cached(("timeline", fp["name"], fp["source"], by), lambda rows=rows: rows)


def alerts(snap: Snapshot, *, by: str = "week", config: Any = None) -> list[dict[str, Any]]:
    """Every alert, newest first, with reasons and driving events (computed once per snapshot)."""
    from ..escalation.alerts import alerts as find_alerts

    fps = flashpoints(snap, config)
    return snap.cached(("alerts", by, str(config)), lambda: find_alerts(snap.cursor(), fps, by=by))


# -- actors ------------------------------------------------------------------------------------
def actors(con: Any, *, limit: int) -> list[dict[str, Any]]:
    """The countries and organisations acting in merged events, most active first."""
    rows = con.execute("""
        SELECT a AS actor, count(*) AS events, min(day) AS first_day, max(day) AS last_day
        FROM (SELECT unnest(actor_countries) AS a, day FROM merged_events) GROUP BY a
        ORDER BY events DESC, actor LIMIT ?""", [limit]).fetchall()
    return [{"actor": a, "events": n, "first_day": f, "last_day": last} for a, n, f, last in rows]


def actor_series(con: Any, code: str, *, by: str = "week") -> dict[str, Any]:
    """Merged events of one country or organisation as actor over time, by quad class (the
    events the series counts: dated, not historical)."""
    from ..escalation.series import selection

    where, args = selection(dyad=code)
    n = con.execute(f"SELECT count(*) FROM merged_events e WHERE {where}", args).fetchone()[0]
    if not n:
        raise NotFound(f"no dated events of actor {code!r}")
    return {"actor": code.upper(), "by": by, "events": n, "series": timeline(con, None, by=by, dyad=code)}


def status(snap: Snapshot, replica: Any) -> dict[str, Any]:
    """What the server serves: the snapshot's age and counts, and whether the store has changed
    since (an ingest under way)."""
    counts = Store.on(snap.cursor()).counts()
    return {"snapshot": snap.generation, "made_at": dt.datetime.fromtimestamp(snap.made_at, dt.UTC).isoformat(),
            "seconds_to_make": snap.seconds, "counts": counts, "store_changed_since": replica.changed(),
            "store_busy_since": (dt.datetime.fromtimestamp(replica.busy_since, dt.UTC).isoformat()
                                 if replica.busy_since else None), "last_error": replica.last_error}
