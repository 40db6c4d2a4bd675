"""Build the merged tables of a store (merged_events, merged_reports, flashpoints) from its events,
and rebuild them only when the events changed.

    >>> from flashpoint.escalation.build import open_merged
    >>> store = open_merged("flashpoint.duckdb")     # merges on first use, then reads
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from typing import Any

import pandas as pd

from ..store import Store
from .merge import Merger, Report, params, summarise

_READ_SQL = """
SELECT article_id, event_id, idx, type, mode, actor, recipient, actor_countries, recipient_countries,
       status, attributed_to, modality, date_start, date_end, historical, place,
       json_extract_string(record, '$.place.kind') AS place_kind, lat, lon, place_countries,
       cameo, quad_class, goldstein, plover_score, weight, published, outlet, sentence, evidence,
       CAST(json_extract(record, '$.quantities') AS VARCHAR) AS quantities
FROM events
"""

MERGED_COLUMNS = [
    "id", "type", "mode", "actor", "recipient", "actor_countries", "recipient_countries", "status",
    "modality", "date_start", "date_end", "day", "historical", "place", "place_kind", "lat", "lon",
    "place_countries", "cameo", "quad_class", "goldstein", "plover_score", "weight", "rung",
    "rung_label", "first_published", "last_published", "n_reports", "n_outlets", "outlets",
    "evidence", "disagreements", "reports",
]
REPORT_COLUMNS = ["merged_id", "article_id", "event_id", "outlet", "published", "status", "modality",
                  "date_start", "date_end", "place", "quantities", "evidence"]


def store_flashpoints(con: Any, store: Any) -> int:
    """Discover the flashpoints of the merged events, store them, and record the events'
    fingerprint they were built from. Returns how many were found."""
    from .flashpoints import discover

    found = discover(con)
    for f in found:
        con.execute("INSERT INTO flashpoints VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    [f["name"], f["source"], f["lat"], f["lon"], f["radius_km"], f["actors"],
                     json.dumps(f["dyads"]), f["n_events"], f["n_articles"], f["first_day"], f["last_day"]])
    con.execute("INSERT OR REPLACE INTO escalation_state VALUES ('fingerprint', ?)", [fingerprint(store)])
    return len(found)


def fingerprint(store: Store) -> str:
    """What the merged tables were built from: the set of stored events and the parameters."""
    n, h = store.con.execute("SELECT count(*), coalesce(sum(hash(article_id || '/' || event_id)), 0) "
                             "FROM events").fetchone()
    return json.dumps([int(n), str(h), params()], sort_keys=True)


def _state(store: Store, key: str) -> str | None:
    try:
        row = store.con.execute("SELECT value FROM escalation_state WHERE key = ?", [key]).fetchone()
    except Exception:  # an old read-only store without the table
        return None
    return row[0] if row else None


def is_stale(store: Store) -> bool:
    return _state(store, "fingerprint") != fingerprint(store)


def iter_reports(store: Store, batch: int = 100_000) -> Iterator[Report]:
    """Every stored event as a :class:`Report`, read in batches."""
    cur = store.con.cursor()
    cur.execute(_READ_SQL)
    names = [c[0] for c in cur.description]
    while True:
        rows = cur.fetchmany(batch)
        if not rows:
            break
        for row in rows:
            d = dict(zip(names, row))
            r = Report.from_row(d)
            r.place_kind = d["place_kind"]
            qs = json.loads(d["quantities"]) if d["quantities"] else []
            r.quantities = [{k: q.get(k) for k in ("value", "of", "kind", "qualifier")} for q in qs or []]
            yield r


def rebuild(store: Store, *, merger: Merger | None = None) -> dict[str, int]:
    """Cluster every stored event and rewrite merged_events, merged_reports and the discovered
    flashpoints, in one transaction. Returns counts."""
    merger = merger or Merger()
    clusters = merger.cluster(iter_reports(store))
    merged, reports = [], []
    for c in clusters:
        m = summarise(c)
        m["day"] = m["date_start"] or m["first_published"]
        m["disagreements"] = json.dumps(m["disagreements"], default=str)
        rows = [{
            "merged_id": m["id"], "article_id": r.article_id, "event_id": r.event_id, "outlet": r.outlet,
            "published": r.published, "status": r.status, "modality": r.modality,
            "date_start": r.date_start, "date_end": r.date_end, "place": r.place,
            "quantities": r.quantities, "evidence": r.evidence}
            for r in sorted(c.reports, key=lambda r: (r.published or dt.date.max, r.article_id, r.idx))]
        m["reports"] = json.dumps([{k: v for k, v in row.items() if k != "merged_id"} for row in rows], default=str)
        merged.append(m)
        reports += [dict(row, quantities=json.dumps(row["quantities"])) for row in rows]
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM merged_reports")
        con.execute("DELETE FROM merged_events")
        if merged:
            merged.sort(key=lambda m: (m["day"] or dt.date.max, m["id"]))  # by day: zone maps prune dates
            _insert_frame(con, "merged_events", pd.DataFrame(merged, columns=MERGED_COLUMNS), MERGED_COLUMNS)
            _insert_frame(con, "merged_reports", pd.DataFrame(reports, columns=REPORT_COLUMNS), REPORT_COLUMNS)
        con.execute("DELETE FROM flashpoints")
        n_flashpoints = store_flashpoints(con, store)
        con.execute("INSERT OR REPLACE INTO escalation_state VALUES ('built_at', ?)",
                    [dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return {"reports": len(reports), "events": len(merged), "flashpoints": n_flashpoints}


def _insert_frame(con: Any, table: str, frame: pd.DataFrame, columns: list[str]) -> None:
    con.register("_frame", frame)
    try:
        casts = ", ".join(columns)
        con.execute(f"INSERT INTO {table} ({casts}) SELECT {casts} FROM _frame")
    finally:
        con.unregister("_frame")


def open_merged(db: str | os.PathLike[str], *, rebuild_now: bool = False) -> Store:
    """The store at ``db``, read-only, with merged tables that are up to date with its events
    (they are rebuilt, once, when the events changed)."""
    store = Store(db, read_only=True)
    try:
        stale = rebuild_now or "merged_events" not in _tables(store) or is_stale(store)
    except BaseException:
        store.close()
        raise
    if not stale:
        return store
    store.close()
    with Store(db) as writable:
        rebuild(writable)
    return Store(db, read_only=True)


def _tables(store: Store) -> set[str]:
    return {r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
