"""Pictures drawn on the server as SVG: the map (an offline basemap of country outlines with the
flashpoints and merged events on it) and the escalation chart. Every text in them is escaped."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib.resources import files
from typing import Any

from markupsafe import Markup, escape

#: Quad classes: (name, colour).
QUADS = {1: ("verbal cooperation", "#5aa0e6"), 2: ("material cooperation", "#1d5fa8"),
         3: ("verbal conflict", "#f0a030"), 4: ("material conflict", "#d2323c")}
UNKNOWN = "#888888"


@lru_cache(maxsize=1)
def basemap() -> list[dict[str, Any]]:
    """The packaged country outlines (``data/web/countries.json``, built by scripts/build_basemap.py)."""
    with files("flashpoint.data").joinpath("web", "countries.json").open(encoding="utf-8") as f:
        return json.load(f)["countries"]


@lru_cache(maxsize=1)
def _country_paths() -> list[tuple[str, tuple[float, float, float, float], str]]:
    out = []
    for c in basemap():
        lons = [p[0] for ring in c["rings"] for p in ring]
        lats = [p[1] for ring in c["rings"] for p in ring]
        d = "".join("M" + "L".join(f"{x:g},{-y:g}" for x, y in ring) + "Z" for ring in c["rings"])
        out.append((c["name"], (min(lons), min(lats), max(lons), max(lats)), d))
    return out


def extent(points: list[tuple[float, float]], *, margin: float = 0.25, min_span: float = 12.0
           ) -> tuple[float, float, float, float]:
    """West, south, east, north around ``points`` (the whole world when there are none)."""
    if not points:
        return (-180.0, -60.0, 180.0, 80.0)
    lons, lats = [p[1] for p in points], [p[0] for p in points]
    w, e, s, n = min(lons), max(lons), min(lats), max(lats)
    dx, dy = max(e - w, min_span), max(n - s, min_span / 2)
    cx, cy = (w + e) / 2, (s + n) / 2
    dx, dy = dx * (1 + 2 * margin), dy * (1 + 2 * margin)
    dx = max(dx, dy * 1.6)  # no narrower than the frame
    return (max(-180.0, cx - dx / 2), max(-85.0, cy - dy / 2), min(180.0, cx + dx / 2), min(85.0, cy + dy / 2))


def quad_colour(quad: int | None) -> str:
    return QUADS.get(quad or 0, ("", UNKNOWN))[1]


def event_radius(escalation: float, scale: float) -> float:
    """A merged event's dot: its area grows with its escalation (weight x ladder rung)."""
    return scale * (0.35 + 0.35 * math.sqrt(max(escalation, 0.0)))


def map_svg(flashpoints: list[dict[str, Any]], events: list[dict[str, Any]], *, link: Any) -> Markup:
    """The map: countries, merged events (coloured by quad class, sized by escalation) and the
    flashpoints' circles; ``link(kind, key)`` makes the address of a flashpoint or an event."""
    pts = [(f["lat"] + k * f["radius_km"] / 111.0, f["lon"] + k * f["radius_km"] / 70.0) for f in flashpoints
           for k in (-1, 1)] or [(e["lat"], e["lon"]) for e in events]
    west, south, east, north = extent(pts)
    scale = (east - west) / 120.0
    parts = [f'<svg id="map" class="map" xmlns="http://www.w3.org/2000/svg" role="img" '
             f'aria-label="map of flashpoints and merged events" viewBox="{west:g} {-north:g} {east - west:g} '
             f'{north - south:g}" preserveAspectRatio="xMidYMid meet">',
             f'<rect class="sea" x="-180" y="-90" width="360" height="180"/>', '<g class="countries">']
    for name, _, d in _country_paths():
        parts.append(f'<path d="{d}"><title>{escape(name)}</title></path>')
    parts.append('</g><g class="events">')
    for e in sorted(events, key=lambda e: -e["escalation"]):
        r = event_radius(e["escalation"], scale)
        title = f"{e['type']} {e['actor'] or '?'}{' → ' + e['recipient'] if e['recipient'] else ''} {e['day'] or ''} " \
                f"{e['place'] or ''} (escalation {e['escalation']:.1f}, {e['n_outlets']} outlet(s))"
        parts.append(f'<a href="{escape(link("merged", e["id"]))}" class="event-dot" data-id="{escape(e["id"])}">'
                     f'<circle cx="{e["lon"]:.3f}" cy="{-e["lat"]:.3f}" r="{r:.3f}" fill="{quad_colour(e["quad_class"])}">'
                     f'<title>{escape(title)}</title></circle></a>')
    parts.append('</g><g class="flashpoints">')
    for f in flashpoints:
        r_deg = f["radius_km"] / 111.0
        parts.append(f'<a href="{escape(link("flashpoint", f["name"]))}" class="flashpoint" '
                     f'data-name="{escape(f["name"])}"><circle cx="{f["lon"]:.3f}" cy="{-f["lat"]:.3f}" '
                     f'r="{r_deg:.3f}" stroke-width="{scale * 0.35:.3f}"><title>{escape(f["name"])}: '
                     f'{f.get("n_events") or 0} events</title></circle>'
                     f'<text x="{f["lon"] + r_deg * 0.8:.3f}" y="{-f["lat"] - r_deg * 0.8:.3f}" '
                     f'font-size="{scale * 2.2:.3f}">{escape(f["name"])}</text></a>')
    parts.append("</g></svg>")
    return Markup("".join(parts))


def timeline_svg(rows: list[dict[str, Any]], alerts: list[dict[str, Any]], *, width: int = 900,
                 height: int = 300) -> Markup:
    """Bars of merged events per period, stacked by quad class; the escalation score as a line
    (right axis) with the ladder rung reached; the periods of alerts shaded and flagged."""
    if not rows:
        return Markup('<p class="empty">No dated events.</p>')
    left, right, top, bottom = 44, 52, 22, 46
    iw, ih = width - left - right, height - top - bottom
    n = len(rows)
    bw = iw / n
    max_events = max(max(r["events"] for r in rows), 1)
    max_esc = max(max(r["escalation"] for r in rows), 1.0)
    periods = [str(r["period"])[:10] for r in rows]
    step = _period_days(periods)
    x = lambda i: left + i * bw  # noqa: E731
    out = [f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="escalation timeline">']
    for k, a in enumerate(alerts):  # shaded alert periods first, under the bars
        lo, hi = _index(periods, a["period"]["start"], step), _index(periods, a["period"]["end"], step)
        if lo is None and hi is None:
            continue
        lo, hi = lo if lo is not None else 0, hi if hi is not None else n - 1
        title = f"{a['rule']} alert {a['period']['start']} – {a['period']['end']}: " + " ".join(a["reasons"][:1])
        out.append(f'<a href="#alert-{k}" class="alert-marker" data-rule="{escape(a["rule"])}">'
                   f'<rect x="{x(lo):.1f}" y="{top}" width="{(hi - lo + 1) * bw:.1f}" height="{ih}" class="alert-band"/>'
                   f'<text x="{x(lo) + 2:.1f}" y="{top - 6}" class="alert-flag">▲ {escape(a["rule"])}</text>'
                   f'<title>{escape(title)}</title></a>')
    for i, r in enumerate(rows):
        y = top + ih
        for q in (1, 2, 3, 4):
            h = ih * r[f"q{q}"] / max_events
            if h <= 0:
                continue
            y -= h
            out.append(f'<rect class="bar q{q}" x="{x(i) + bw * 0.12:.1f}" y="{y:.1f}" width="{bw * 0.76:.1f}" '
                       f'height="{h:.1f}" fill="{QUADS[q][1]}"><title>{periods[i]}: {r[f"q{q}"]} '
                       f'{QUADS[q][0]}</title></rect>')
    pts = " ".join(f"{x(i) + bw / 2:.1f},{top + ih - ih * r['escalation'] / max_esc:.1f}" for i, r in enumerate(rows))
    out.append(f'<polyline class="escalation" points="{pts}"/>')
    for i, r in enumerate(rows):
        if r["escalation"] > 0:
            cy = top + ih - ih * r["escalation"] / max_esc
            label = f"{periods[i]}: escalation {r['escalation']:.1f}, goldstein {r['goldstein']:.1f}" + \
                    (f", rung {r['max_rung']} {r['rung_label']}" if r.get("max_rung") is not None else "")
            out.append(f'<circle class="esc-point" cx="{x(i) + bw / 2:.1f}" cy="{cy:.1f}" r="3">'
                       f'<title>{escape(label)}</title></circle>')
    # axes
    out.append(f'<line class="axis" x1="{left}" y1="{top + ih}" x2="{left + iw}" y2="{top + ih}"/>')
    out.append(f'<text class="tick" x="{left - 6}" y="{top + 8}" text-anchor="end">{max_events}</text>'
               f'<text class="tick" x="{left - 6}" y="{top + ih}" text-anchor="end">0</text>'
               f'<text class="tick axis-label" x="{left - 34}" y="{top + ih / 2}" transform="rotate(-90 {left - 34} '
               f'{top + ih / 2})" text-anchor="middle">events</text>'
               f'<text class="tick esc" x="{left + iw + 6}" y="{top + 8}">{max_esc:.0f}</text>'
               f'<text class="tick esc axis-label" x="{left + iw + 40}" y="{top + ih / 2}" transform="rotate(90 '
               f'{left + iw + 40} {top + ih / 2})" text-anchor="middle">escalation</text>')
    every = max(1, math.ceil(n / 10))
    for i in range(0, n, every):
        out.append(f'<text class="tick" x="{x(i) + bw / 2:.1f}" y="{top + ih + 16}" text-anchor="middle">'
                   f'{periods[i][5:] if n > 1 else periods[i]}</text>')
    out.append(f'<text class="tick" x="{left}" y="{height - 6}">{periods[0]} – {periods[-1]}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _period_days(periods: list[str]) -> int:
    import datetime as dt

    if len(periods) < 2:
        return 7
    return (dt.date.fromisoformat(periods[1]) - dt.date.fromisoformat(periods[0])).days


def _index(periods: list[str], day: str, step: int) -> int | None:
    """The bar a day falls in."""
    import datetime as dt

    d = dt.date.fromisoformat(str(day)[:10])
    first = dt.date.fromisoformat(periods[0])
    i = (d - first).days // max(step, 1)
    return i if 0 <= i < len(periods) else None
