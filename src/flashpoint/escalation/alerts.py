"""Alerts: when a flashpoint's escalation score jumps, with the reasons and the events behind it.

Both rules look at the escalation score (weight x ladder rung of merged events) of the seven days
that end on an evaluation day (every Sunday with ``by="week"``, every day with ``by="day"``):

- ``surge`` (in the way of ACLED's conflict tracker): the week is at least ``surge_factor`` times
  the mean of the ``surge_weeks`` weeks before it;
- ``zscore`` (rolling baseline): the week lies ``zscore_threshold`` standard deviations above the
  mean of the ``zscore_weeks`` weeks before it (the deviation is at least ``min_std``), once the
  flashpoint has a history of at least half that baseline (a z-score of nothing means nothing;
  a flashpoint that appears from nowhere is the surge rule's to flag).

A floor keeps single events from alerting: the week needs ``min_events`` events and a score of
``min_value``. With ``by="day"``, consecutive alerting days of one rule make one alert (its peak).

:func:`alerts` evaluates every flashpoint at once in DuckDB (:func:`rule_sql`: one daily series per
flashpoint, rolling seven-day sums and the weeks before by window functions); :func:`evaluate`
is the same rules over one series in Python, the reference the SQL is tested against.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from .merge import params
from .flashpoints import insert_rows, load_table, members_from
from .series import weight_sql

_DAY = dt.timedelta(days=1)


#: Escalation is summed in thousandths (integers), so that the SQL and the Python rules add
#: exactly the same numbers and agree on every threshold.
_MILLI = 1000


def member_select(e_filter: str = "true", *, key: bool = False) -> str:
    """The membership rows (flashpoint, event, day, contribution, thousandths, reports, and the
    event's key when ``key``) of the flashpoints loaded by :func:`load_table`, for the merged
    events ``e_filter`` selects."""
    return f"""
        SELECT name, id, day, round(x, 3) AS contribution, CAST(round(x * {_MILLI}) AS BIGINT) AS milli, n_reports
               {", key" if key else ""}
        FROM (SELECT f.name, e.id, e.day, coalesce(e.rung, 0) * {weight_sql()} AS x, e.n_reports, e.key
              FROM {members_from()}
              WHERE NOT coalesce(e.historical, false) AND e.day IS NOT NULL AND {e_filter})"""


def members(con: Any, fps: list[dict[str, Any]]) -> None:
    """The membership of every flashpoint as the temporary view ``_members`` (flashpoint, event,
    day, contribution, the same in thousandths, reports) and its daily sums as ``_days``
    (flashpoint, day, events, thousandths): read from ``flashpoint_members`` and
    ``flashpoint_days`` for the discovered flashpoints (kept when they are found), computed in one
    query for the others."""
    stored = _stored_names(con)
    ready = [f["name"] for f in fps if f.get("source") == "discovered" and f["name"] in stored]
    others = [f for f in fps if not (f.get("source") == "discovered" and f["name"] in stored)]
    parts_m, parts_d = [], []
    if ready:
        names = ", ".join("'" + n.replace("'", "''") + "'" for n in ready)
        parts_m.append(f"SELECT name, id, day, contribution, milli, n_reports FROM flashpoint_members "
                       f"WHERE name IN ({names})")
        parts_d.append(f"SELECT name, day, n, v FROM flashpoint_days WHERE name IN ({names})")
    con.execute("CREATE OR REPLACE TEMP TABLE _members_x (name TEXT, id TEXT, day DATE, contribution DOUBLE, "
                "milli BIGINT, n_reports INTEGER)")
    if others or not ready:
        if others:
            load_table(con, others)
            con.execute("INSERT INTO _members_x " + member_select())
        parts_m.append("SELECT * FROM _members_x")
        parts_d.append("SELECT name, day, count(*) AS n, sum(milli) AS v FROM _members_x GROUP BY name, day")
    con.execute("CREATE OR REPLACE TEMP VIEW _members AS " + " UNION ALL ".join(parts_m))
    con.execute("CREATE OR REPLACE TEMP VIEW _days AS " + " UNION ALL ".join(parts_d))


def _drop_members(con: Any) -> None:
    for view in ("_members", "_days"):
        con.execute(f"DROP VIEW IF EXISTS {view}")
    for table in ("_members_x", "_fps", "_fps_cells", "_windows"):
        con.execute(f"DROP TABLE IF EXISTS {table}")


def _stored_names(con: Any) -> set[str]:
    """Discovered flashpoints whose membership is stored (none in a store built before it was)."""
    try:
        if con.execute("SELECT value FROM escalation_state WHERE key = 'flashpoint_series'").fetchone() is None:
            return set()
        return {r[0] for r in con.execute("SELECT name FROM flashpoints WHERE source = 'discovered'").fetchall()}
    except Exception:
        return set()


def store_days(con: Any, touched: str | None = None) -> None:
    """``flashpoint_days`` from ``flashpoint_members`` (all, or the flashpoint days in the table
    ``touched``)."""
    if touched is None:
        con.execute("DELETE FROM flashpoint_days")
        con.execute("INSERT INTO flashpoint_days SELECT name, day, count(*), sum(milli) FROM flashpoint_members "
                    "GROUP BY name, day")
        return
    con.execute(f"DELETE FROM flashpoint_days d USING {touched} t WHERE d.name = t.name AND d.day = t.day")
    con.execute(f"INSERT INTO flashpoint_days SELECT m.name, m.day, count(*), sum(m.milli) FROM flashpoint_members m "
                f"SEMI JOIN {touched} t ON m.name = t.name AND m.day = t.day GROUP BY m.name, m.day")


def store_members(con: Any, fps: list[dict[str, Any]], keys: str | None = None) -> None:
    """Write the membership of the discovered flashpoints ``fps`` (all events, or those whose key
    is in the table ``keys``) into ``flashpoint_members``."""
    if not fps:
        return
    load_table(con, fps)
    con.execute("INSERT INTO flashpoint_members (name, id, day, contribution, milli, n_reports, key) " + member_select(
        f"e.key IN (SELECT key FROM {keys})" if keys else "true", key=True))
    for table in ("_fps", "_fps_cells"):
        con.execute(f"DROP TABLE IF EXISTS {table}")


def daily(con: Any, fps: list[dict[str, Any]]) -> dict[str, dict[dt.date, tuple[int, float]]]:
    """Flashpoint name -> day -> (events, escalation), in one query for all flashpoints (the input
    of :func:`evaluate`). Leaves ``_members`` (see :func:`members`)."""
    members(con, fps)
    rows = con.execute("SELECT name, day, n, v FROM _days").fetchall()
    out: dict[str, dict[dt.date, tuple[int, float]]] = {f["name"]: {} for f in fps}
    for name, d, n, v in rows:
        out[name][d] = (int(n), int(v or 0) / _MILLI)
    return out


class _Weeks:
    """Sums over the seven days ending on any day (escalation in thousandths), from prefix sums
    over the daily series."""

    def __init__(self, days: dict[dt.date, tuple[int, float]], lookback: int) -> None:
        self.origin = min(days) - dt.timedelta(days=7 * (lookback + 2))
        size = (max(days) - self.origin).days + 8
        n, v = [0] * (size + 1), [0] * (size + 1)
        for d, (k, x) in days.items():
            i = (d - self.origin).days + 1
            n[i] += k
            v[i] += round(x * _MILLI)
        for i in range(1, size + 1):
            n[i] += n[i - 1]
            v[i] += v[i - 1]
        self.n, self.v, self.size = n, v, size

    def __call__(self, end: dt.date) -> tuple[int, int]:
        hi = min(max((end - self.origin).days + 1, 0), self.size)
        lo = max(hi - 7, 0)
        return self.n[hi] - self.n[lo], self.v[hi] - self.v[lo]


def evaluate(days: dict[dt.date, tuple[int, float]], *, by: str = "week",
             settings: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The alerts of one daily series (day -> (events, escalation)), without their events: the
    rules of the module docstring in Python, step by step (:func:`rule_sql` does the same for
    every flashpoint at once)."""
    p = dict(params()["alerts"], **(settings or {}))
    if not days:
        return []
    first, last = min(days), max(days)
    if by == "week":  # Sundays, the last one on or after the last event
        end = last + dt.timedelta(days=(6 - last.weekday()))
        ends = []
        d = first + dt.timedelta(days=(6 - first.weekday()))
        while d <= end:
            ends.append(d)
            d += 7 * _DAY
    else:
        ends = [first + i * _DAY for i in range((last - first).days + 7)]
    rows: list[tuple] = []
    sw, zw = p["surge_weeks"], p["zscore_weeks"]
    week = _Weeks(days, max(sw, zw))
    for end in ends:
        n, value = week(end)
        if n < p["min_events"] or value < p["min_value"] * _MILLI:
            continue
        prior = [week(end - 7 * (k + 1) * _DAY)[1] for k in range(max(sw, zw))]
        if value * sw >= p["surge_factor"] * sum(prior[:sw]):
            rows.append((None, end, "surge", value, sum(prior[:sw]) / sw, None, None, n))
        mean = sum(prior[:zw]) / zw
        std = max(math.sqrt(sum((x - mean) ** 2 for x in prior[:zw]) / zw), p["min_std"] * _MILLI)
        z = (value - mean) / std
        if z >= p["zscore_threshold"] and first <= end - 7 * _DAY - (7 * zw // 2) * _DAY:
            rows.append((None, end, "zscore", value, mean, z, std, n))
    out = [_alert(row, p) for row in rows]
    if by == "day":
        out = _peaks(out)
    return out


def _peaks(alerts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive daily alerts of one rule collapse into the one with the highest value."""
    kept: list[dict[str, Any]] = []
    last_end: dict[str, dt.date] = {}
    for a in alerts:
        end = dt.date.fromisoformat(a["period"]["end"])
        prev = last_end.get(a["rule"])
        last_end[a["rule"]] = end
        if prev is not None and (end - prev).days == 1:
            run = next(k for k in reversed(kept) if k["rule"] == a["rule"])
            if a["value"] > run["value"]:
                kept[kept.index(run)] = a
            continue
        kept.append(a)
    return kept


def rule_sql(by: str, p: dict[str, Any]) -> str:
    """One query evaluating both rules for every flashpoint of ``_members`` (left by
    :func:`daily`): a gap-filled daily series per flashpoint from its first event to six days
    after its last, the seven-day sums ending on each day, the sums of the weeks before (lags of
    seven days) and the rules; with ``by="week"`` only Sundays are evaluation days. Rows:
    flashpoint, end, rule, value, baseline, z, sd, events."""
    weeks = max(p["surge_weeks"], p["zscore_weeks"])
    lags = ",\n".join(f"coalesce(lag(v7, {7 * k}) OVER w, 0) AS p{k}" for k in range(1, weeks + 1))
    surge = " + ".join(f"p{k}" for k in range(1, p["surge_weeks"] + 1))
    zmean = " + ".join(f"p{k}" for k in range(1, p["zscore_weeks"] + 1))
    zvar = " + ".join(f"pow(p{k} - zmean, 2)" for k in range(1, p["zscore_weeks"] + 1))
    history = 7 + (7 * p["zscore_weeks"]) // 2
    ends = (f"isodow(t) = 7 AND t <= last + CAST(7 - isodow(last) AS INTEGER)" if by == "week" else "true")
    return f"""
    WITH d AS (SELECT name, day, n, v FROM _days),
    bounds AS (SELECT name, min(day) AS first, max(day) AS last FROM d GROUP BY name),
    grid AS (SELECT name, first, last, unnest(generate_series(first, last + 6, INTERVAL 1 DAY))::DATE AS t
             FROM bounds),
    filled AS (SELECT g.name, g.first, g.last, g.t, coalesce(d.n, 0) AS n, coalesce(d.v, 0) AS v
               FROM grid g LEFT JOIN d ON d.name = g.name AND d.day = g.t),
    rolled AS (SELECT *, sum(n) OVER (PARTITION BY name ORDER BY t ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS n7,
                         sum(v) OVER (PARTITION BY name ORDER BY t ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS v7
               FROM filled),
    lagged AS (SELECT name, first, last, t, n7, v7,
                      {lags}
               FROM rolled WINDOW w AS (PARTITION BY name ORDER BY t)),
    scored AS (SELECT *, ({surge}) AS surge_sum, ({zmean}) / {p["zscore_weeks"]} AS zmean
               FROM lagged WHERE {ends} AND n7 >= {int(p["min_events"])} AND v7 >= {float(p["min_value"]) * _MILLI}),
    z AS MATERIALIZED (SELECT *, greatest(sqrt(({zvar}) / {p["zscore_weeks"]}), {float(p["min_std"]) * _MILLI}) AS zstd FROM scored)
    SELECT name, t, 'surge' AS rule, v7, surge_sum / {p["surge_weeks"]} AS baseline, NULL AS z, NULL AS sd, n7 FROM z
    WHERE v7 * {p["surge_weeks"]} >= {float(p["surge_factor"])} * surge_sum
    UNION ALL
    SELECT name, t, 'zscore', v7, zmean, (v7 - zmean) / zstd, zstd, n7 FROM z
    WHERE (v7 - zmean) / zstd >= {float(p["zscore_threshold"])} AND first <= t - {history}
    ORDER BY name, t, rule"""


def _alert(row: tuple, p: dict[str, Any]) -> dict[str, Any]:
    """An alert (without its events) from a row of :func:`rule_sql` or :func:`evaluate` (escalation
    in thousandths)."""
    _, end, rule, value, base, z, std, n = row
    value, base, n = float(value) / _MILLI, float(base) / _MILLI, int(n)
    std = float(std) / _MILLI if std is not None else None
    period = {"start": (end - 6 * _DAY).isoformat(), "end": end.isoformat()}
    if rule == "surge":
        why = (f"the week's escalation {value:.1f} is at least {p['surge_factor']:g} x the mean of the "
               f"{p['surge_weeks']} weeks before ({base:.1f})")
        if base == 0:
            why += "; no escalation in those weeks"
        return {"period": period, "rule": "surge", "value": round(value, 3), "baseline": round(base, 3),
                "n_events": n, "reasons": [why]}
    return {"period": period, "rule": "zscore", "value": round(value, 3), "baseline": round(base, 3),
            "z": round(float(z), 2), "n_events": n,
            "reasons": [f"the week's escalation {value:.1f} is {z:.1f} standard deviations above "
                        f"the {p['zscore_weeks']}-week mean ({base:.1f}, sd {std:.1f})"]}


def driving_events(con: Any, found: list[dict[str, Any]], limit: int) -> list[list[dict[str, Any]]]:
    """For each alert (flashpoint, period), the merged events of the period that weigh most in its
    score, in one query over the membership that :func:`daily` left (the periods are spread into
    their days, so that events are found by an equi-join on flashpoint and day)."""
    con.execute("CREATE OR REPLACE TEMP TABLE _windows (k INTEGER, name TEXT, lo DATE, hi DATE)")
    if not found:
        return []
    insert_rows(con, "_windows", [[k, a["flashpoint"], a["period"]["start"], a["period"]["end"]]
                                  for k, a in enumerate(found)], ["INTEGER", "TEXT", "DATE", "DATE"])
    cur = con.execute(f"""
        WITH days AS (SELECT k, name, unnest(generate_series(lo, hi, INTERVAL 1 DAY))::DATE AS day FROM _windows),
        top AS (
            SELECT w.k, m.id, m.contribution, m.n_reports, m.day
            FROM days w JOIN _members m ON m.name = w.name AND m.day = w.day
            QUALIFY row_number() OVER (PARTITION BY w.k ORDER BY m.contribution DESC, m.n_reports DESC, m.day, m.id)
                    <= {int(limit)})
        SELECT t.k, t.contribution, e.id, e.type, e.actor, e.recipient, e.day, e.place, e.status, e.modality,
               e.rung_label, e.n_reports, e.outlets, e.evidence
        FROM top t JOIN merged_events e ON e.id = t.id
        ORDER BY t.k, t.contribution DESC, t.n_reports DESC, t.day, t.id""")
    names = [c[0] for c in cur.description]
    out: list[list[dict[str, Any]]] = [[] for _ in found]
    for row in cur.fetchall():
        d = dict(zip(names, row))
        k, contribution = d.pop("k"), d.pop("contribution")
        d["day"] = d["day"].isoformat() if d["day"] is not None else None
        d["outlets"] = list(d["outlets"] or [])
        out[k].append(dict(d, contribution=float(contribution)))
    return out


def alerts(con: Any, fps: list[dict[str, Any]], *, by: str = "week",
           settings: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Every alert of every flashpoint, newest first, each with the events that drove it (the
    rules run in DuckDB for all flashpoints at once: :func:`rule_sql`)."""
    if by not in ("day", "week"):
        raise ValueError("by must be day or week")
    p = dict(params()["alerts"], **(settings or {}))
    members(con, fps)
    rows = con.execute(rule_sql(by, p)).fetchall()
    per_fp: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        per_fp.setdefault(row[0], []).append(_alert(row, p))
    found = [{"flashpoint": fp["name"], **a} for fp in fps
             for a in (_peaks(per_fp.get(fp["name"], [])) if by == "day" else per_fp.get(fp["name"], []))]
    for a, events in zip(found, driving_events(con, found, p["top_events"])):
        a["events"] = events
        a["reasons"].append("driven by " + "; ".join(
            f"{e['type']} {e['actor'] or '?'}{' -> ' + e['recipient'] if e['recipient'] else ''} "
            f"({e['day']}, {e['n_reports']} report{'s' if e['n_reports'] != 1 else ''}): "
            f"{_short(e['evidence'])}" for e in events if e["contribution"] > 0))
    _drop_members(con)
    found.sort(key=lambda a: (a["period"]["end"], a["flashpoint"], a["rule"]), reverse=True)
    return found


def _short(text: str | None, n: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "~"
