"""Escalation series of a flashpoint or a directed dyad, by day or week.

Per period: merged events by quad class, the Goldstein and PLOVER scores summed with each event's
weight (status x modality), the escalation score (weight x ladder rung, summed), the highest rung
reached, the number of articles published in the period, and the counts and escalation per ten
articles (so that a burst of coverage is not read as an escalation). Background (historical)
events are left out. The aggregation runs in DuckDB.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .flashpoints import member_sql
from .merge import params

PERIODS = ("day", "week")


def weight_sql(alias: str = "e") -> str:
    """The weight of a merged event: stored, else the status x modality default."""
    w = params()["weights"]
    status = " ".join(f"WHEN '{k}' THEN {v}" for k, v in w["status"].items())
    modality = " ".join(f"WHEN '{k}' THEN {v}" for k, v in w["modality"].items())
    return (f"coalesce({alias}.weight, (CASE coalesce({alias}.status, 'asserted') {status} ELSE 1.0 END) * "
            f"(CASE coalesce({alias}.modality, 'actual') {modality} ELSE 1.0 END))")


def dyad_sql(dyad: str, alias: str = "e") -> tuple[str, list[Any]]:
    """``RUS->BLR`` (directed; ``RUS`` alone: any recipient) as a WHERE clause."""
    actor, _, recipient = dyad.upper().replace(">", "-").partition("-")
    actor, recipient = actor.strip(), recipient.strip("- ")
    where, args = [f"list_contains({alias}.actor_countries, ?)"], [actor]
    if recipient:
        where.append(f"list_contains({alias}.recipient_countries, ?)")
        args.append(recipient)
    return " AND ".join(where), args


def selection(*, flashpoint: dict[str, Any] | None = None, dyad: str | None = None,
              alias: str = "e") -> tuple[str, list[Any]]:
    where, args = [f"NOT coalesce({alias}.historical, false)", f"{alias}.day IS NOT NULL"], []
    if flashpoint is not None:
        w, a = member_sql(flashpoint, alias=alias)
        where.append(w)
        args += a
    if dyad:
        w, a = dyad_sql(dyad, alias)
        where.append(w)
        args += a
    return " AND ".join(where), args


def series(con: Any, *, flashpoint: dict[str, Any] | None = None, dyad: str | None = None,
           by: str = "week", since: dt.date | None = None, until: dt.date | None = None) -> list[dict[str, Any]]:
    """One row per period (gaps filled with zeros) from the first to the last event."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {PERIODS}")
    where, args = selection(flashpoint=flashpoint, dyad=dyad)
    if since:
        where += " AND e.day >= ?"
        args.append(since)
    if until:
        where += " AND e.day <= ?"
        args.append(until)
    step = "INTERVAL 1 DAY" if by == "day" else "INTERVAL 7 DAY"
    sql = f"""
    WITH ev AS (
        SELECT date_trunc('{by}', e.day)::DATE AS period, e.quad_class, e.goldstein, e.plover_score,
               e.rung, {weight_sql()} AS w
        FROM merged_events e WHERE {where}
    ), agg AS (
        SELECT period, count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,
               sum(coalesce(goldstein, 0) * w) AS goldstein, sum(coalesce(plover_score, 0) * w) AS plover,
               sum(coalesce(rung, 0) * w) AS escalation, max(CASE WHEN w > 0 THEN rung END) AS max_rung
        FROM ev GROUP BY period
    ), span AS (SELECT min(period) AS lo, max(period) AS hi FROM agg),
    periods AS (SELECT unnest(generate_series(lo, hi, {step}))::DATE AS period FROM span WHERE lo IS NOT NULL),
    articles AS (
        SELECT date_trunc('{by}', published)::DATE AS period, count(*) AS articles
        FROM articles WHERE published IS NOT NULL GROUP BY 1
    )
    SELECT p.period, coalesce(a.events, 0) AS events, coalesce(a.q1, 0) AS q1, coalesce(a.q2, 0) AS q2,
           coalesce(a.q3, 0) AS q3, coalesce(a.q4, 0) AS q4, coalesce(a.goldstein, 0) AS goldstein,
           coalesce(a.plover, 0) AS plover, coalesce(a.escalation, 0) AS escalation, a.max_rung,
           coalesce(n.articles, 0) AS articles
    FROM periods p LEFT JOIN agg a USING (period) LEFT JOIN articles n USING (period)
    ORDER BY p.period
    """
    cur = con.execute(sql, args)
    names = [c[0] for c in cur.description]
    return _finish([dict(zip(names, r)) for r in cur.fetchall()])


def series_all(con: Any, fps: list[dict[str, Any]], *, by: str = "week") -> list[list[dict[str, Any]]]:
    """:func:`series` of each flashpoint of ``fps`` (whole, no dyad), in one pass over the merged
    events: each event is paired with the flashpoints whose box covers its one-degree cell, then
    tested as :func:`~flashpoint.escalation.flashpoints.member_sql` tests it, with the same
    numbers (:func:`~flashpoint.escalation.flashpoints.circle`). The same rows as one call of
    :func:`series` a flashpoint."""
    import math

    from .flashpoints import _excluded_kinds_sql, circle, insert_rows

    if by not in PERIODS:
        raise ValueError(f"by must be one of {PERIODS}")
    if not fps:
        return []
    cells = []
    for i, fp in enumerate(fps):
        c = circle(fp)
        cells += [[i, gy, gx, c["lat_lo"], c["lat_hi"], c["lon_lo"], c["lon_hi"], c["lat"], c["lon"], c["radius_km"],
                   list(fp.get("actors") or [])]
                  for gy in range(math.floor(c["lat_lo"]), math.floor(c["lat_hi"]) + 1)
                  for gx in range(math.floor(c["lon_lo"]), math.floor(c["lon_hi"]) + 1)]
    con.execute("CREATE OR REPLACE TEMP TABLE _series_cells (i INTEGER, gy INTEGER, gx INTEGER, lat_lo DOUBLE, "
                "lat_hi DOUBLE, lon_lo DOUBLE, lon_hi DOUBLE, lat DOUBLE, lon DOUBLE, radius_km DOUBLE, actors TEXT[])")
    insert_rows(con, "_series_cells", cells, ["INTEGER", "INTEGER", "INTEGER", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE",
                                              "DOUBLE", "DOUBLE", "DOUBLE", "TEXT[]"])
    hav = ("(2 * 6371.0088 * asin(least(1, sqrt(pow(sin(radians(e.lat - f.lat) / 2), 2) + "
           "cos(radians(f.lat)) * cos(radians(e.lat)) * pow(sin(radians(e.lon - f.lon) / 2), 2)))))")
    try:
        cur = con.execute(f"""
        WITH ev AS (
            SELECT f.i, date_trunc('{by}', e.day)::DATE AS period, e.quad_class, e.goldstein, e.plover_score,
                   e.rung, {weight_sql()} AS w
            FROM merged_events e JOIN _series_cells f
              ON CAST(floor(e.lat) AS INTEGER) = f.gy AND CAST(floor(e.lon) AS INTEGER) = f.gx
            WHERE NOT coalesce(e.historical, false) AND e.day IS NOT NULL
              AND e.lat BETWEEN f.lat_lo AND f.lat_hi AND e.lon BETWEEN f.lon_lo AND f.lon_hi
              AND {hav} <= f.radius_km AND coalesce(e.place_kind, '') NOT IN ({_excluded_kinds_sql()})
              AND CASE WHEN len(f.actors) = 0 THEN true
                       ELSE list_has_any(list_concat(e.actor_countries, e.recipient_countries), f.actors) END
        )
        SELECT i, period, count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,
               sum(coalesce(goldstein, 0) * w) AS goldstein, sum(coalesce(plover_score, 0) * w) AS plover,
               sum(coalesce(rung, 0) * w) AS escalation, max(CASE WHEN w > 0 THEN rung END) AS max_rung
        FROM ev GROUP BY i, period""")
        names = [c[0] for c in cur.description]
        found = [dict(zip(names, r)) for r in cur.fetchall()]
        articles = dict(con.execute(f"SELECT date_trunc('{by}', published)::DATE, count(*) FROM articles "
                                    "WHERE published IS NOT NULL GROUP BY 1").fetchall())
    finally:
        con.execute("DROP TABLE IF EXISTS _series_cells")
    per: list[dict[Any, dict[str, Any]]] = [{} for _ in fps]
    for r in found:
        per[r.pop("i")][r["period"]] = r
    step = dt.timedelta(days=1 if by == "day" else 7)
    zero = {"events": 0, "q1": 0, "q2": 0, "q3": 0, "q4": 0, "goldstein": 0.0, "plover": 0.0, "escalation": 0.0,
            "max_rung": None}
    out = []
    for periods in per:
        rows = []
        if periods:
            day, hi = min(periods), max(periods)
            while day <= hi:
                rows.append({"period": day, **periods.get(day, zero), "articles": articles.get(day, 0)})
                day += step
        out.append(_finish(rows))
    return out


def _finish(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rates per ten articles, the label of the highest rung, the scores to three decimals."""
    labels = rung_labels()
    for r in rows:
        per = r["articles"] / 10.0
        r["events_per_10_articles"] = round(r["events"] / per, 3) if per else None
        r["escalation_per_10_articles"] = round(r["escalation"] / per, 3) if per else None
        r["rung_label"] = labels.get(r["max_rung"]) if r["max_rung"] is not None else None
        for k in ("goldstein", "plover", "escalation"):
            r[k] = round(float(r[k]), 3)
    return rows


def rung_labels() -> dict[int, str]:
    from .merge import _ladder

    return {rung: label for rung, label in sorted(_ladder().values())}


def chart(rows: list[dict[str, Any]], *, value: str = "escalation", width: int = 40) -> str:
    """A small terminal bar chart of one column of a series."""
    top = max((r[value] or 0 for r in rows), default=0) or 1
    lines = [f"{'period':<10} {'events':>6} {'articles':>8} {value:>10}  {'':<{width}} top rung"]
    for r in rows:
        v = r[value] or 0
        bar = "#" * int(round(width * max(v, 0) / top)) if v > 0 else ""
        lines.append(f"{str(r['period']):<10} {r['events']:>6} {r['articles']:>8} {v:>10.1f}  {bar:<{width}} "
                     f"{r.get('rung_label') or ''}")
    return "\n".join(lines)
