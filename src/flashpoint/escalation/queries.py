"""Reading merged events: filtered rows and their nested JSON records (with reports)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from ..records import date_cell
from ..store import event_filters

#: Table columns of ``flashpoint events --merged``.
MERGED_TABLE = (("type", 9), ("actor", 12), ("recipient", 11), ("date", 13), ("place", 12), ("src", 3),
                ("disagree", 10), ("detail", 30))
MERGED_CSV = ("id", "type", "mode", "actor", "recipient", "date_start", "date_end", "place", "lat", "lon",
              "status", "modality", "rung", "rung_label", "n_reports", "n_outlets", "outlets",
              "first_published", "last_published", "disagree", "sizes", "evidence")


def merged_events(con: Any, *, type: str | None = None, actor: str | None = None, recipient: str | None = None,
                  since: dt.date | None = None, until: dt.date | None = None, article_id: str | None = None,
                  limit: int | None = None, ids: list[str] | None = None, offset: int = 0,
                  descending: bool = False, **more: Any) -> list[dict[str, Any]]:
    """Merged events as nested records (see :func:`record`), filtered like ``query_events``
    (``more``: status, modality, place, bbox of :func:`~flashpoint.store.event_filters`), by day
    (``descending``: newest first)."""
    where, args = merged_filters(type=type, actor=actor, recipient=recipient, since=since, until=until,
                                 article_id=article_id, **more)
    if ids is not None:
        where.append("list_contains(?::TEXT[], id)")
        args.append(ids)
    # first the ids (narrow columns), then the rows by primary key
    sql = "SELECT id FROM merged_events" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY day DESC NULLS LAST, id DESC" if descending else " ORDER BY day NULLS LAST, id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    if offset:
        sql += f" OFFSET {int(offset)}"
    wanted = [r[0] for r in con.execute(sql, args).fetchall()]
    if not wanted:
        return []
    rows: list[dict[str, Any]] = []
    for k in range(0, len(wanted), 1000):
        chunk = ",".join("'" + i.replace("'", "''") + "'" for i in wanted[k:k + 1000])
        cur = con.execute(f"SELECT * EXCLUDE (key) FROM merged_events WHERE id IN ({chunk})")  # the key: internal
        names = [c[0] for c in cur.description]
        rows += [dict(zip(names, r)) for r in cur.fetchall()]
    order = {i: n for n, i in enumerate(wanted)}
    rows.sort(key=lambda r: order[r["id"]])
    return [record(r, json.loads(r["reports"]) if r.get("reports") else []) for r in rows]


def merged_filters(*, type: str | None = None, actor: str | None = None, recipient: str | None = None,
                   since: dt.date | None = None, until: dt.date | None = None,
                   article_id: str | None = None, **more: Any) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``merged_events`` for the filters of ``flashpoint events --merged``
    (``more``: the other filters of :func:`~flashpoint.store.event_filters`)."""
    where, args = event_filters(type=type, actor=actor, recipient=recipient, **more)
    if since:
        where.append("coalesce(date_end, day) >= ?")
        args.append(since)
    if until:
        where.append("day <= ?")  # day is coalesce(date_start, first report): prunes by zone maps
        args.append(until)
    if article_id:
        where.append("id IN (SELECT merged_id FROM merged_reports WHERE article_id = ?)")
        args.append(article_id)
    return where, args


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _date(start: Any, end: Any) -> dict[str, Any] | None:
    if start is None and end is None:
        return None
    return {"start": str(start) if start else None, "end": str(end) if end else None}


def record(row: dict[str, Any], reports: list[dict[str, Any]]) -> dict[str, Any]:
    """One merged event as JSON: the happening, its reports side by side, and disagreements."""
    disagreements = row.get("disagreements")
    if isinstance(disagreements, str):
        disagreements = json.loads(disagreements)
    place = None
    if row.get("place") or row.get("lat") is not None:
        place = {"name": row.get("place"), "kind": row.get("place_kind"), "lat": row.get("lat"),
                 "lon": row.get("lon"), "countries": list(row.get("place_countries") or [])}
    return {
        "id": row["id"], "type": row["type"], "mode": row.get("mode"),
        "actor": row.get("actor") or "", "recipient": row.get("recipient") or "",
        "actor_countries": list(row.get("actor_countries") or []),
        "recipient_countries": list(row.get("recipient_countries") or []),
        "date": _date(row.get("date_start"), row.get("date_end")), "day": str(row["day"]) if row.get("day") else None,
        "place": place, "status": row.get("status"), "modality": row.get("modality"),
        "historical": bool(row.get("historical")), "quad_class": row.get("quad_class"),
        "goldstein": row.get("goldstein"), "weight": row.get("weight"), "rung": row.get("rung"),
        "rung_label": row.get("rung_label"),
        "first_report": str(row["first_published"]) if row.get("first_published") else None,
        "last_report": str(row["last_published"]) if row.get("last_published") else None,
        "corroboration": row.get("n_outlets"), "outlets": list(row.get("outlets") or []),
        "evidence": row.get("evidence"),
        "reports": [{
            "article_id": r["article_id"], "event_id": r["event_id"], "outlet": r.get("outlet"),
            "published": str(r["published"]) if r.get("published") else None, "status": r.get("status"),
            "modality": r.get("modality"), "date": _date(r.get("date_start"), r.get("date_end")),
            "place": r.get("place"), "quantities": _json(r.get("quantities")) or [],
            "size": r.get("size"), "evidence": r.get("evidence"),
        } for r in reports],
        "disagreements": disagreements or [],
    }


def _outlet(name: str) -> str:
    """An outlet's name without its description ("LBC (UK talk radio news site) - by ..." -> "LBC")."""
    return re.split(r" \(| - ", name, maxsplit=1)[0].strip() or name


def _disagreement(x: dict[str, Any], names: Callable[[list[str]], Iterable[str]]) -> str:
    """``size: troops (LBC, WSWS) vs a small team (LBC)``: each value with the outlets that give
    it, as ``names`` writes them."""
    return f"{x['field']}{' ' + x['kind'] if x.get('kind') else ''}: " + " vs ".join(
        f"{v['value']} ({', '.join(names(v['outlets']))})" for v in x["values"])


def flat(rec: dict[str, Any]) -> dict[str, Any]:
    """A merged record as a flat row for the table and CSV."""
    d = rec["date"] or {}
    start, end = d.get("start"), d.get("end")
    place = rec["place"] or {}
    disagreed = [_disagreement(x, list) for x in rec["disagreements"]]
    brief = [_disagreement(x, lambda outlets: dict.fromkeys(_outlet(o) for o in outlets)) for x in rec["disagreements"]]
    return {
        "id": rec["id"], "type": rec["type"], "mode": rec["mode"], "actor": rec["actor"],
        "recipient": rec["recipient"],
        "date": date_cell(start, end),
        "date_start": start, "date_end": end, "place": place.get("name") or "", "lat": place.get("lat"),
        "lon": place.get("lon"), "status": rec["status"], "modality": rec["modality"], "rung": rec["rung"],
        "rung_label": rec["rung_label"], "n_reports": len(rec["reports"]), "n_outlets": rec["corroboration"],
        "src": f"{rec['corroboration']}/{len(rec['reports'])}", "outlets": "; ".join(rec["outlets"]),
        "first_published": rec["first_report"], "last_published": rec["last_report"],
        "disagree": ",".join(x["field"] for x in rec["disagreements"]),
        "sizes": "; ".join(f"{r['size']} ({r.get('outlet') or r['article_id']})" for r in rec["reports"] if r.get("size")),
        "evidence": rec["evidence"] + "".join(f" | {d}" for d in disagreed),
        # the table's last column: what the reports disagree on first (it wraps to three lines)
        "detail": "".join(f"[{d}] " for d in brief) + (rec["evidence"] or ""),
    }
