"""Flashpoints: places where the same dyads keep interacting.

Discovered from the merged events (spatial clustering of their places on a grid, then a check that
the cluster is reported by several articles and that one actor or dyad recurs in it), or defined
by the user in a TOML or JSON file:

    [[flashpoint]]
    name = "Polish-Belarusian border"
    lat = 52.6
    lon = 23.6
    radius_km = 150
    actors = ["POL", "BLR"]      # optional: only events involving one of these

A flashpoint is a circle (centre and radius) and an optional actor list; an event belongs to it
when its place lies inside (country-wide places do not: they locate nothing) and it involves one
of the actors.
"""

from __future__ import annotations

import json
import math
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

from .merge import haversine_km, params


class ConfigError(ValueError):
    pass


def _haversine_sql(lat: str, lon: str, lat0: float, lon0: float) -> str:
    return (f"(2 * 6371.0088 * asin(least(1, sqrt(pow(sin(radians({lat} - {lat0:.6f}) / 2), 2) + "
            f"cos(radians({lat0:.6f})) * cos(radians({lat})) * pow(sin(radians({lon} - {lon0:.6f}) / 2), 2)))))")


def member_sql(fp: dict[str, Any], *, table: str = "merged_events", alias: str = "e") -> tuple[str, list[Any]]:
    """A WHERE clause (and its arguments) selecting the events of flashpoint ``fp``."""
    lat, lon, r = float(fp["lat"]), float(fp["lon"]), float(fp["radius_km"])
    dlat = r / 111.0
    dlon = r / (111.0 * max(0.05, math.cos(math.radians(lat))))
    where = [f"{alias}.lat BETWEEN {lat - dlat:.6f} AND {lat + dlat:.6f}",
             f"{alias}.lon BETWEEN {lon - dlon:.6f} AND {lon + dlon:.6f}",
             f"{_haversine_sql(alias + '.lat', alias + '.lon', lat, lon)} <= {r:.3f}",
             f"coalesce({alias}.place_kind, '') <> 'country'"]
    args: list[Any] = []
    if fp.get("actors"):
        where.append(f"list_has_any(list_concat({alias}.actor_countries, {alias}.recipient_countries), ?::TEXT[])")
        args.append(list(fp["actors"]))
    return " AND ".join(where), args


def _components(cells: dict[tuple[int, int], dict[str, Any]], max_km: float) -> list[list[tuple[int, int]]]:
    """Cells grouped by 8-neighbourhood, grown from the busiest cell and kept within ``max_km``
    of it, so that a dense region does not chain into one continent-wide cluster."""
    seen: set[tuple[int, int]] = set()
    groups = []
    for seed in sorted(cells, key=lambda c: (-cells[c]["n"], c)):
        if seed in seen:
            continue
        s_lat, s_lon = cells[seed]["lat"], cells[seed]["lon"]
        group, todo = [], [seed]
        seen.add(seed)
        while todo:
            cell = todo.pop()
            group.append(cell)
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    nb = (cell[0] + dy, cell[1] + dx)
                    if nb in cells and nb not in seen and \
                            haversine_km(s_lat, s_lon, cells[nb]["lat"], cells[nb]["lon"]) <= max_km:
                        seen.add(nb)
                        todo.append(nb)
        groups.append(group)
    return groups


def discover(con: Any, *, settings: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Flashpoints found in the merged events of a store connection."""
    p = dict(params()["flashpoints"], **(settings or {}))
    cell = float(p["cell_degrees"])
    excluded = list(p["exclude_place_kinds"])
    rows = con.execute(f"""
        SELECT CAST(floor(lat / {cell}) AS INTEGER) AS gy, CAST(floor(lon / {cell}) AS INTEGER) AS gx,
               count(*) AS n, avg(lat) AS lat, avg(lon) AS lon
        FROM merged_events
        WHERE lat IS NOT NULL AND lon IS NOT NULL AND NOT coalesce(historical, false)
          AND NOT list_contains(?::TEXT[], coalesce(place_kind, ''))
        GROUP BY ALL""", [excluded]).fetchall()
    cells = {(gy, gx): {"n": n, "lat": lat, "lon": lon} for gy, gx, n, lat, lon in rows}
    found: list[dict[str, Any]] = []
    for group in _components(cells, float(p["max_radius_km"])):
        n = sum(cells[c]["n"] for c in group)
        if n < p["min_events"]:
            continue
        con.execute("CREATE OR REPLACE TEMP TABLE _fp_cells (gy INTEGER, gx INTEGER)")
        con.executemany("INSERT INTO _fp_cells VALUES (?, ?)", [list(c) for c in group])
        members = f"""
            FROM merged_events e JOIN _fp_cells c
              ON CAST(floor(e.lat / {cell}) AS INTEGER) = c.gy AND CAST(floor(e.lon / {cell}) AS INTEGER) = c.gx
            WHERE NOT coalesce(e.historical, false) AND NOT list_contains(?::TEXT[], coalesce(e.place_kind, ''))"""
        lat, lon, first, last = con.execute(
            f"SELECT avg(e.lat), avg(e.lon), min(e.day), max(e.day) {members}", [excluded]).fetchone()
        n_articles = con.execute(
            f"SELECT count(DISTINCT r.article_id) {members.replace('WHERE', 'JOIN merged_reports r ON r.merged_id = e.id WHERE')}",
            [excluded]).fetchone()[0]
        if n_articles < p["min_articles"]:
            continue
        places = con.execute(
            f"SELECT e.place, count(*) * (CASE any_value(e.place_kind) WHEN 'border' THEN 3 WHEN 'sea' THEN 3 "
            f"WHEN 'region' THEN 2 WHEN 'admin1' THEN 2 ELSE 1 END) AS n, max(haversine) FROM (SELECT e.place, "
            f"e.place_kind, {_haversine_sql('e.lat', 'e.lon', lat, lon)} AS haversine {members}) e "
            f"GROUP BY e.place ORDER BY n DESC, e.place", [excluded]).fetchall()
        pairs = con.execute(f"""
            SELECT a, coalesce(r, '') AS r, count(*) AS n FROM (
              SELECT unnest(CASE WHEN len(e.actor_countries) = 0 THEN ['?'] ELSE e.actor_countries END) AS a,
                     unnest(CASE WHEN len(e.recipient_countries) = 0 THEN [NULL] ELSE e.recipient_countries END) AS r
              {members})
            GROUP BY ALL ORDER BY n DESC, a, r LIMIT 12""", [excluded]).fetchall()
        dyads = [{"actor": a, "recipient": r or None, "events": k} for a, r, k in pairs if a != "?" and a != r]
        if not dyads or dyads[0]["events"] < 2:  # nobody comes back: no flashpoint
            continue
        radius = max(d for _, _, d in places) + 25.0
        radius = min(max(radius, float(p["min_radius_km"])), float(p["max_radius_km"]))
        found.append({
            "name": places[0][0] or f"{lat:.2f},{lon:.2f}", "source": "discovered",
            "lat": round(lat, 4), "lon": round(lon, 4), "radius_km": round(radius, 1), "actors": [],
            "dyads": dyads, "n_events": n, "n_articles": n_articles, "first_day": first, "last_day": last,
            "places": [pl for pl, _, _ in places if pl],
        })
    con.execute("DROP TABLE IF EXISTS _fp_cells")
    names = Counter(f["name"] for f in found)
    for f in found:  # two clusters named after the same place: tell them apart
        if names[f["name"]] > 1:
            f["name"] = f"{f['name']} ({f['lat']:.1f},{f['lon']:.1f})"
    return found


def load_config(path: str | Path) -> list[dict[str, Any]]:
    """User-defined flashpoints from a TOML or JSON file (``[[flashpoint]]`` tables, or a JSON
    list / {"flashpoint": [...]}) with name, lat, lon, radius_km and optional actors."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        raw = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path}: cannot read flashpoint config: {exc}") from None
    items = raw if isinstance(raw, list) else raw.get("flashpoint") or raw.get("flashpoints") or []
    out = []
    for i, item in enumerate(items):
        area = item.get("area") or item
        try:
            fp = {"name": str(item["name"]), "source": "config", "lat": float(area["lat"]),
                  "lon": float(area["lon"]), "radius_km": float(area.get("radius_km", 100)),
                  "actors": [str(a).upper() for a in item.get("actors") or []], "dyads": []}
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{path}: flashpoint {i + 1} needs name, lat and lon ({exc})") from None
        out.append(fp)
    return out


def flashpoints(con: Any, config: str | Path | None = None) -> list[dict[str, Any]]:
    """The store's discovered flashpoints and those of ``config``; a configured one replaces a
    discovered one whose centre lies inside it."""
    cur = con.execute("SELECT name, source, lat, lon, radius_km, actors, dyads, n_events, n_articles, "
                      "first_day, last_day FROM flashpoints ORDER BY n_events DESC, name")
    names = [c[0] for c in cur.description]
    found = [dict(zip(names, row)) for row in cur.fetchall()]
    for f in found:
        f["dyads"] = json.loads(f["dyads"]) if isinstance(f["dyads"], str) else f["dyads"] or []
        f["actors"] = list(f["actors"] or [])
    if config is None:
        return found
    configured = load_config(config)
    kept = [f for f in found if not any(
        haversine_km(f["lat"], f["lon"], c["lat"], c["lon"]) <= c["radius_km"] for c in configured)]
    for c in configured:
        where, args = member_sql(c)
        n, first, last = con.execute(f"SELECT count(*), min(day), max(day) FROM merged_events e WHERE {where}",
                                     args).fetchone()
        n_articles = con.execute(f"SELECT count(DISTINCT r.article_id) FROM merged_events e JOIN merged_reports r "
                                 f"ON r.merged_id = e.id WHERE {where}", args).fetchone()[0]
        pairs = con.execute(f"""
            SELECT a, r, count(*) AS n FROM (
              SELECT unnest(e.actor_countries) AS a,
                     unnest(CASE WHEN len(e.recipient_countries) = 0 THEN [NULL] ELSE e.recipient_countries END) AS r
              FROM merged_events e WHERE {where})
            GROUP BY ALL ORDER BY n DESC, a, r LIMIT 12""", args).fetchall()
        c.update(n_events=n, n_articles=n_articles, first_day=first, last_day=last,
                 dyads=[{"actor": a, "recipient": r, "events": k} for a, r, k in pairs if a != r])
    return configured + kept


def find(fps: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    """The flashpoint called ``name`` (case-insensitive; a unique prefix or substring will do)."""
    low = name.casefold()
    exact = [f for f in fps if f["name"].casefold() == low]
    if exact:
        return exact[0]
    for test in (lambda n: n.startswith(low), lambda n: low in n):
        hits = [f for f in fps if test(f["name"].casefold())]
        if len(hits) == 1:
            return hits[0]
    return None
