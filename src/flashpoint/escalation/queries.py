"""Reading merged events: filtered rows and their nested JSON records (with reports)."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

#: Table columns of ``flashpoint events --merged``.
MERGED_TABLE = (("type", 9), ("actor", 13), ("recipient", 11), ("date", 10), ("place", 14), ("src", 3),
                ("disagree", 9), ("evidence", 30))
MERGED_CSV = ("id", "type", "mode", "actor", "recipient", "date_start", "date_end", "place", "lat", "lon",
              "status", "modality", "rung", "rung_label", "n_reports", "n_outlets", "outlets",
              "first_published", "last_published", "disagree", "evidence")


def merged_events(con: Any, *, type: str | None = None, actor: str | None = None, recipient: str | None = None,
                  since: dt.date | None = None, until: dt.date | None = None, article_id: str | None = None,
                  limit: int | None = None, ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Merged events as nested records (see :func:`record`), filtered like ``query_events``."""
    where, args = [], []
    if type:
        where.append("type = ?")
        args.append(type.upper())
    for column, code in (("actor", actor), ("recipient", recipient)):
        if code:
            where.append(f"regexp_matches({column}, ?)")
            args.append(r"(^|\+)" + re.escape(code.upper()))
    if since:
        where.append("coalesce(date_end, day) >= ?")
        args.append(since)
    if until:
        where.append("coalesce(date_start, day) <= ?")
        args.append(until)
    if article_id:
        where.append("id IN (SELECT merged_id FROM merged_reports WHERE article_id = ?)")
        args.append(article_id)
    if ids is not None:
        where.append("list_contains(?::TEXT[], id)")
        args.append(ids)
    sql = "SELECT * FROM merged_events" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY day NULLS LAST, id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    cur = con.execute(sql, args)
    names = [c[0] for c in cur.description]
    rows = [dict(zip(names, r)) for r in cur.fetchall()]
    if not rows:
        return []
    con.execute("CREATE OR REPLACE TEMP TABLE _wanted AS SELECT unnest(?::TEXT[]) AS id", [[r["id"] for r in rows]])
    cur = con.execute("SELECT r.* FROM merged_reports r JOIN _wanted w ON r.merged_id = w.id "
                      "ORDER BY r.published, r.article_id, r.event_id")
    rnames = [c[0] for c in cur.description]
    reports: dict[str, list[dict[str, Any]]] = {}
    for row in cur.fetchall():
        d = dict(zip(rnames, row))
        reports.setdefault(d["merged_id"], []).append(d)
    con.execute("DROP TABLE IF EXISTS _wanted")
    return [record(r, reports.get(r["id"], [])) for r in rows]


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
            "place": r.get("place"), "quantities": json.loads(r["quantities"]) if r.get("quantities") else [],
            "evidence": r.get("evidence"),
        } for r in reports],
        "disagreements": disagreements or [],
    }


def flat(rec: dict[str, Any]) -> dict[str, Any]:
    """A merged record as a flat row for the table and CSV."""
    d = rec["date"] or {}
    start, end = d.get("start"), d.get("end")
    place = rec["place"] or {}
    return {
        "id": rec["id"], "type": rec["type"], "mode": rec["mode"], "actor": rec["actor"],
        "recipient": rec["recipient"],
        "date": "" if not start else start if start == end else f"{start}/{end or ''}",
        "date_start": start, "date_end": end, "place": place.get("name") or "", "lat": place.get("lat"),
        "lon": place.get("lon"), "status": rec["status"], "modality": rec["modality"], "rung": rec["rung"],
        "rung_label": rec["rung_label"], "n_reports": len(rec["reports"]), "n_outlets": rec["corroboration"],
        "src": f"{rec['corroboration']}/{len(rec['reports'])}", "outlets": "; ".join(rec["outlets"]),
        "first_published": rec["first_report"], "last_published": rec["last_report"],
        "disagree": ",".join(x["field"] for x in rec["disagreements"]),
        "evidence": rec["evidence"] + "".join(
            f" | {x['field']}{' ' + x['kind'] if x.get('kind') else ''}: " + " vs ".join(
                f"{v['value']} ({', '.join(v['outlets'])})" for v in x["values"]) for x in rec["disagreements"]),
    }
