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


def daily(con: Any, fps: list[dict[str, Any]]) -> dict[str, dict[dt.date, tuple[int, float]]]:
    """Flashpoint name -> day -> (events, escalation), in one query for all flashpoints. Leaves
    the membership (``_members``: flashpoint, event, day, contribution) for :func:`driving_events`."""
    load_table(con, fps)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _members AS
        SELECT f.name, e.id, e.day, round(coalesce(e.rung, 0) * {weight_sql()}, 3) AS contribution, e.n_reports
        FROM {members_from()}
        WHERE NOT coalesce(e.historical, false) AND e.day IS NOT NULL""")
    rows = con.execute("SELECT name, day, count(*), sum(contribution) FROM _members GROUP BY name, day").fetchall()
    out: dict[str, dict[dt.date, tuple[int, float]]] = {f["name"]: {} for f in fps}
    for name, d, n, v in rows:
        out[name][d] = (int(n), float(v or 0))
    return out


class _Weeks:
    """Sums over the seven days ending on any day, from prefix sums over the daily series."""

    def __init__(self, days: dict[dt.date, tuple[int, float]], lookback: int) -> None:
        self.origin = min(days) - dt.timedelta(days=7 * (lookback + 2))
        size = (max(days) - self.origin).days + 8
        n, v = [0] * (size + 1), [0.0] * (size + 1)
        for d, (k, x) in days.items():
            i = (d - self.origin).days + 1
            n[i] += k
            v[i] += x
        for i in range(1, size + 1):
            n[i] += n[i - 1]
            v[i] += v[i - 1]
        self.n, self.v, self.size = n, v, size

    def __call__(self, end: dt.date) -> tuple[int, float]:
        hi = min(max((end - self.origin).days + 1, 0), self.size)
        lo = max(hi - 7, 0)
        return self.n[hi] - self.n[lo], self.v[hi] - self.v[lo]


def evaluate(days: dict[dt.date, tuple[int, float]], *, by: str = "week",
             settings: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The alerts of one daily series (day -> (events, escalation)), without their events."""
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
    out: list[dict[str, Any]] = []
    week = _Weeks(days, max(p["surge_weeks"], p["zscore_weeks"]))
    for end in ends:
        n, value = week(end)
        if n < p["min_events"] or value < p["min_value"]:
            continue
        prior = [week(end - 7 * (k + 1) * _DAY)[1] for k in range(max(p["surge_weeks"], p["zscore_weeks"]))]
        surge_base = sum(prior[: p["surge_weeks"]]) / p["surge_weeks"]
        period = {"start": (end - 6 * _DAY).isoformat(), "end": end.isoformat()}
        if value >= p["surge_factor"] * surge_base:
            why = (f"the week's escalation {value:.1f} is at least {p['surge_factor']:g} x the mean of the "
                   f"{p['surge_weeks']} weeks before ({surge_base:.1f})")
            if surge_base == 0:
                why += "; no escalation in those weeks"
            out.append({"period": period, "rule": "surge", "value": round(value, 3),
                        "baseline": round(surge_base, 3), "n_events": n, "reasons": [why]})
        zs = prior[: p["zscore_weeks"]]
        mean = sum(zs) / len(zs)
        std = max(math.sqrt(sum((x - mean) ** 2 for x in zs) / len(zs)), p["min_std"])
        z = (value - mean) / std
        history = first <= end - 7 * _DAY - (7 * p["zscore_weeks"] // 2) * _DAY
        if z >= p["zscore_threshold"] and history:
            out.append({"period": period, "rule": "zscore", "value": round(value, 3), "baseline": round(mean, 3),
                        "z": round(z, 2), "n_events": n,
                        "reasons": [f"the week's escalation {value:.1f} is {z:.1f} standard deviations above "
                                    f"the {p['zscore_weeks']}-week mean ({mean:.1f}, sd {std:.1f})"]})
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


def driving_events(con: Any, found: list[dict[str, Any]], limit: int) -> list[list[dict[str, Any]]]:
    """For each alert (flashpoint, period), the merged events of the period that weigh most in its
    score, in one query over the membership that :func:`daily` left."""
    con.execute("CREATE OR REPLACE TEMP TABLE _windows (k INTEGER, name TEXT, lo DATE, hi DATE)")
    if not found:
        return []
    insert_rows(con, "_windows", [[k, a["flashpoint"], a["period"]["start"], a["period"]["end"]]
                                  for k, a in enumerate(found)], ["INTEGER", "TEXT", "DATE", "DATE"])
    top = con.execute(f"""
        SELECT w.k, m.id, m.contribution
        FROM _windows w JOIN _members m ON m.name = w.name AND m.day BETWEEN w.lo AND w.hi
        QUALIFY row_number() OVER (PARTITION BY w.k ORDER BY m.contribution DESC, m.n_reports DESC, m.day, m.id)
                <= {int(limit)}
        ORDER BY w.k, m.contribution DESC, m.n_reports DESC, m.day, m.id""").fetchall()
    details: dict[str, dict[str, Any]] = {}
    ids = sorted({i for _, i, _ in top})
    for k in range(0, len(ids), 1000):  # by primary key: no scan of the whole table
        chunk = ",".join("'" + i.replace("'", "''") + "'" for i in ids[k:k + 1000])
        cur = con.execute("SELECT id, type, actor, recipient, day, place, status, modality, rung_label, n_reports, "
                          f"outlets, evidence FROM merged_events WHERE id IN ({chunk})")
        names = [c[0] for c in cur.description]
        for row in cur.fetchall():
            details[row[0]] = dict(zip(names, row))
    out: list[list[dict[str, Any]]] = [[] for _ in found]
    for k, i, contribution in top:
        out[k].append(dict(details[i], contribution=contribution))
    return out


def alerts(con: Any, fps: list[dict[str, Any]], *, by: str = "week",
           settings: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Every alert of every flashpoint, newest first, each with the events that drove it."""
    p = dict(params()["alerts"], **(settings or {}))
    series = daily(con, fps)
    found = [{"flashpoint": fp["name"], **a} for fp in fps
             for a in evaluate(series[fp["name"]], by=by, settings=settings)]
    for a, events in zip(found, driving_events(con, found, p["top_events"])):
        a["events"] = events
        a["reasons"].append("driven by " + "; ".join(
            f"{e['type']} {e['actor'] or '?'}{' -> ' + e['recipient'] if e['recipient'] else ''} "
            f"({e['day']}, {e['n_reports']} report{'s' if e['n_reports'] != 1 else ''}): "
            f"{_short(e['evidence'])}" for e in events if e["contribution"] > 0))
    for table in ("_fps", "_fps_cells", "_windows", "_members"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    found.sort(key=lambda a: (a["period"]["end"], a["flashpoint"], a["rule"]), reverse=True)
    return json.loads(json.dumps(found, default=str))


def _short(text: str | None, n: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "~"
