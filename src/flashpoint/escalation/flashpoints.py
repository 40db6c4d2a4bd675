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


def _excluded_kinds_sql() -> str:
    """The place kinds that never make a flashpoint (countries, continents: places too wide for
    dyads to meet in), as an SQL list of literals."""
    kinds = params()["flashpoints"]["exclude_place_kinds"]
    return ", ".join("'" + k.replace("'", "''") + "'" for k in kinds)


def circle(fp: dict[str, Any]) -> dict[str, float]:
    """The numbers :func:`member_sql` tests an event's place with, as it writes them (the box to
    six decimals, the radius to three): a query that reads them from a table selects the same
    events."""
    lat, lon, r = float(fp["lat"]), float(fp["lon"]), float(fp["radius_km"])
    dlat = r / 111.0
    dlon = r / (111.0 * max(0.05, math.cos(math.radians(lat))))
    return {"lat_lo": float(f"{lat - dlat:.6f}"), "lat_hi": float(f"{lat + dlat:.6f}"),
            "lon_lo": float(f"{lon - dlon:.6f}"), "lon_hi": float(f"{lon + dlon:.6f}"),
            "lat": float(f"{lat:.6f}"), "lon": float(f"{lon:.6f}"), "radius_km": float(f"{r:.3f}")}


def member_sql(fp: dict[str, Any], *, table: str = "merged_events", alias: str = "e") -> tuple[str, list[Any]]:
    """A WHERE clause (and its arguments) selecting the events of flashpoint ``fp``."""
    lat, lon, r = float(fp["lat"]), float(fp["lon"]), float(fp["radius_km"])
    dlat = r / 111.0
    dlon = r / (111.0 * max(0.05, math.cos(math.radians(lat))))
    where = [f"{alias}.lat BETWEEN {lat - dlat:.6f} AND {lat + dlat:.6f}",
             f"{alias}.lon BETWEEN {lon - dlon:.6f} AND {lon + dlon:.6f}",
             f"{_haversine_sql(alias + '.lat', alias + '.lon', lat, lon)} <= {r:.3f}",
             f"coalesce({alias}.place_kind, '') NOT IN ({_excluded_kinds_sql()})"]
    args: list[Any] = []
    if fp.get("actors"):
        where.append(f"list_has_any(list_concat({alias}.actor_countries, {alias}.recipient_countries), ?::TEXT[])")
        args.append(list(fp["actors"]))
    return " AND ".join(where), args


def load_table(con: Any, fps: list[dict[str, Any]], name: str = "_fps") -> None:
    """Flashpoints as a temporary table (name, centre, radius, bounding box, actors) to join with."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} (name TEXT, lat DOUBLE, lon DOUBLE, radius_km DOUBLE, "
                f"lat_lo DOUBLE, lat_hi DOUBLE, lon_lo DOUBLE, lon_hi DOUBLE, actors TEXT[])")
    rows = []
    for f in fps:
        lat, lon, r = float(f["lat"]), float(f["lon"]), float(f["radius_km"])
        dlat, dlon = r / 111.0, r / (111.0 * max(0.05, math.cos(math.radians(lat))))
        rows.append([f["name"], lat, lon, r, lat - dlat, lat + dlat, lon - dlon, lon + dlon, list(f.get("actors") or [])])
    if rows:
        insert_rows(con, name, rows, ["TEXT", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE",
                                      "TEXT[]"])
    # the one-degree cells each flashpoint's box covers: events are joined on their cell (a hash
    # join), then tested against the circle
    # (with the flashpoint's circle: the cosine of its latitude and the haversine of its radius,
    # so that the join needs neither a second table nor asin and sqrt for every event)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name}_cells (name TEXT, gy INTEGER, gx INTEGER, lat DOUBLE, "
                f"lon DOUBLE, lat_lo DOUBLE, lat_hi DOUBLE, lon_lo DOUBLE, lon_hi DOUBLE, cos_lat DOUBLE, "
                f"hav_r DOUBLE, actors TEXT[])")
    cells = [[r[0], gy, gx, r[1], r[2], r[4], r[5], r[6], r[7], math.cos(math.radians(r[1])),
              math.sin(min(r[3] / (2 * 6371.0088), math.pi / 2)) ** 2, r[8]]
             for r in rows for gy in range(math.floor(r[4]), math.floor(r[5]) + 1)
             for gx in range(math.floor(r[6]), math.floor(r[7]) + 1)]
    if cells:
        insert_rows(con, f"{name}_cells", cells, ["TEXT", "INTEGER", "INTEGER", "DOUBLE", "DOUBLE", "DOUBLE",
                                                  "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "TEXT[]"])


def members_from(e: str = "e", f: str = "f", table: str = "_fps") -> str:
    """A FROM clause pairing merged events ``e`` with the flashpoints ``f`` (loaded by
    :func:`load_table`) they belong to."""
    return (f"merged_events {e} JOIN {table}_cells {f} ON CAST(floor({e}.lat) AS INTEGER) = {f}.gy "
            f"AND CAST(floor({e}.lon) AS INTEGER) = {f}.gx AND {_cell_join_sql(e, f)}")


def _cell_join_sql(e: str, f: str) -> str:
    """:func:`join_sql` on a cells row: the same circle test, as haversine <= haversine of the
    radius (no asin, no sqrt), and the actor test only for flashpoints that have actors."""
    hav = (f"pow(sin(radians({e}.lat - {f}.lat) / 2), 2) + {f}.cos_lat * cos(radians({e}.lat)) * "
           f"pow(sin(radians({e}.lon - {f}.lon) / 2), 2)")
    return (f"{e}.lat BETWEEN {f}.lat_lo AND {f}.lat_hi AND {e}.lon BETWEEN {f}.lon_lo AND {f}.lon_hi "
            f"AND least({hav}, 1) <= {f}.hav_r "
            f"AND coalesce({e}.place_kind, '') NOT IN ({_excluded_kinds_sql()}) "
            f"AND CASE WHEN len({f}.actors) = 0 THEN true "
            f"ELSE list_has_any(list_concat({e}.actor_countries, {e}.recipient_countries), {f}.actors) END")


def insert_rows(con: Any, table: str, rows: list[list[Any]], types: list[str]) -> None:
    """Insert rows in one statement: DuckDB's executemany goes row by row, and binding long lists
    as parameters is slow. A few rows go in as literal VALUES, many as a data frame (list
    columns as JSON): parsing the VALUES of 2,000 flashpoint cells took ten times as long."""
    if len(rows) > 500:
        import pandas as pd

        frame = pd.DataFrame([[json.dumps(list(v)) if t.endswith("[]") and v is not None else v
                               for v, t in zip(row, types)] for row in rows],
                             columns=[f"c{i}" for i in range(len(types))])
        select = ", ".join(f"CAST(CAST(c{i} AS JSON) AS {t})" if t.endswith("[]") else f"CAST(c{i} AS {t})"
                           for i, t in enumerate(types))
        name = f"_rows_{id(frame)}"
        con.register(name, frame)
        try:
            con.execute(f"INSERT INTO {table} SELECT {select} FROM {name}")
        finally:
            con.unregister(name)
        return
    values = ",".join("(" + ",".join(_literal(v, t) for v, t in zip(row, types)) + ")" for row in rows)
    con.execute(f"INSERT INTO {table} VALUES {values}")


def _literal(value: Any, type_: str) -> str:
    if value is None:
        return "NULL"
    if type_.endswith("[]"):
        return f"CAST('{json.dumps(list(value)).replace(chr(39), chr(39) * 2)}' AS JSON)::{type_}"
    if isinstance(value, str) or type_ in ("TEXT", "DATE"):
        return f"CAST('{str(value).replace(chr(39), chr(39) * 2)}' AS {type_})"
    if isinstance(value, float) and not math.isfinite(value):
        return "NULL"
    return f"CAST({value!r} AS {type_})"


def join_sql(e: str = "e", f: str = "f") -> str:
    """The condition joining merged events ``e`` to the flashpoints table ``f`` they belong to."""
    return (f"{e}.lat BETWEEN {f}.lat_lo AND {f}.lat_hi AND {e}.lon BETWEEN {f}.lon_lo AND {f}.lon_hi "
            f"AND {_haversine_sql_cols(e + '.lat', e + '.lon', f + '.lat', f + '.lon')} <= {f}.radius_km "
            f"AND coalesce({e}.place_kind, '') NOT IN ({_excluded_kinds_sql()}) "
            f"AND (len({f}.actors) = 0 OR list_has_any(list_concat({e}.actor_countries, {e}.recipient_countries), "
            f"{f}.actors))")


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
    """Flashpoints found in the merged events of a store connection (set-based: a handful of
    queries whatever the number of clusters)."""
    p = dict(params()["flashpoints"], **(settings or {}))
    cell = float(p["cell_degrees"])
    excluded = list(p["exclude_place_kinds"])
    located = (f"FROM merged_events e WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL "
               f"AND NOT coalesce(e.historical, false) AND NOT list_contains(?::TEXT[], coalesce(e.place_kind, ''))")
    gy, gx = f"CAST(floor(e.lat / {cell}) AS INTEGER)", f"CAST(floor(e.lon / {cell}) AS INTEGER)"
    rows = con.execute(f"SELECT {gy} AS gy, {gx} AS gx, count(*) AS n, avg(e.lat), avg(e.lon) {located} "
                       f"GROUP BY ALL", [excluded]).fetchall()
    cells = {(y, x): {"n": n, "lat": lat, "lon": lon} for y, x, n, lat, lon in rows}
    groups = [g for g in _components(cells, float(p["max_radius_km"]))
              if sum(cells[c]["n"] for c in g) >= p["min_events"]]
    if not groups:
        return []
    con.execute("CREATE OR REPLACE TEMP TABLE _fp_cells (gy INTEGER, gx INTEGER, grp INTEGER)")
    insert_rows(con, "_fp_cells", [[c[0], c[1], k] for k, g in enumerate(groups) for c in g],
                ["INTEGER", "INTEGER", "INTEGER"])
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _fp_members AS
        SELECT c.grp, e.id, e.lat, e.lon, e.day, e.place, e.place_kind, e.actor_countries, e.recipient_countries
        {located.replace('WHERE', 'JOIN _fp_cells c ON ' + gy + ' = c.gy AND ' + gx + ' = c.gx WHERE')}""", [excluded])
    stats = {g: (lat, lon, first, last, n) for g, lat, lon, first, last, n in con.execute(
        "SELECT grp, avg(lat), avg(lon), min(day), max(day), count(*) FROM _fp_members GROUP BY grp").fetchall()}
    n_articles = dict(con.execute(
        "SELECT m.grp, count(DISTINCT r.article_id) FROM _fp_members m JOIN merged_reports r ON r.merged_id = m.id "
        "GROUP BY m.grp").fetchall())
    con.execute("CREATE OR REPLACE TEMP TABLE _fp_centres AS SELECT grp, avg(lat) AS clat, avg(lon) AS clon "
                "FROM _fp_members GROUP BY grp")
    places: dict[int, list[tuple[str, float, float]]] = {}
    for g, place, weight, far in con.execute(f"""
        SELECT m.grp, m.place, count(*) * (CASE any_value(m.place_kind) WHEN 'border' THEN 3 WHEN 'sea' THEN 3
               WHEN 'region' THEN 2 WHEN 'admin1' THEN 2 ELSE 1 END) AS w,
               max({_haversine_sql_cols('m.lat', 'm.lon', 'c.clat', 'c.clon')})
        FROM _fp_members m JOIN _fp_centres c USING (grp) GROUP BY m.grp, m.place
        ORDER BY m.grp, w DESC, m.place""").fetchall():
        places.setdefault(g, []).append((place, weight, far))
    dyads: dict[int, list[dict[str, Any]]] = {}
    for g, a, r, k in con.execute("""
        SELECT grp, a, r, count(*) AS n FROM (
          SELECT grp, unnest(actor_countries) AS a,
                 unnest(CASE WHEN len(recipient_countries) = 0 THEN [NULL] ELSE recipient_countries END) AS r
          FROM _fp_members)
        WHERE a IS NOT NULL AND a IS DISTINCT FROM r
        GROUP BY grp, a, r QUALIFY row_number() OVER (PARTITION BY grp ORDER BY n DESC, a, r) <= 12
        ORDER BY grp, n DESC, a, r""").fetchall():
        dyads.setdefault(g, []).append({"actor": a, "recipient": r, "events": k})
    for table in ("_fp_cells", "_fp_members", "_fp_centres"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    found: list[dict[str, Any]] = []
    for g in range(len(groups)):
        lat, lon, first, last, n = stats[g]
        ds = dyads.get(g, [])
        if n_articles.get(g, 0) < p["min_articles"] or not ds or ds[0]["events"] < 2:
            continue  # one source, or nobody comes back: no flashpoint
        pl = places.get(g, [])
        radius = min(max(max((far for _, _, far in pl), default=0) + 25.0, float(p["min_radius_km"])),
                     float(p["max_radius_km"]))
        found.append({
            "name": next((name for name, _, _ in pl if name), f"{lat:.2f},{lon:.2f}"), "source": "discovered",
            "lat": round(lat, 4), "lon": round(lon, 4), "radius_km": round(radius, 1), "actors": [],
            "dyads": ds, "n_events": n, "n_articles": n_articles.get(g, 0), "first_day": first, "last_day": last,
            "places": [name for name, _, _ in pl if name],
        })
    found.sort(key=lambda f: (-f["n_events"], f["name"]))
    names = Counter(f["name"] for f in found)
    for f in found:  # two clusters named after the same place: tell them apart
        if names[f["name"]] > 1:
            f["name"] = f"{f['name']} ({f['lat']:.1f},{f['lon']:.1f})"
    return found


def _haversine_sql_cols(lat: str, lon: str, lat0: str, lon0: str) -> str:
    return (f"(2 * 6371.0088 * asin(least(1, sqrt(pow(sin(radians({lat} - {lat0}) / 2), 2) + "
            f"cos(radians({lat0})) * cos(radians({lat})) * pow(sin(radians({lon} - {lon0}) / 2), 2)))))")


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
