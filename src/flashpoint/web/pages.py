"""The HTML pages: each drawn from the same data function as its JSON twin (see :mod:`.data`),
rendered by Jinja2 with autoescaping on, so article text and every field from it show as text."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from typing import Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..escalation.series import weight_sql
from . import data, svg
from .marked import marked_html

router = APIRouter(include_in_schema=False)
MAP_EVENTS = 2000

_env = Environment(loader=FileSystemLoader(str(files("flashpoint.web").joinpath("templates"))),
                   autoescape=select_autoescape(["html"], default=True))


def link(kind: str, key: str) -> str:
    return {"flashpoint": "/flashpoints/", "merged": "/merged/", "article": "/articles/",
            "actor": "/actors/"}[kind] + quote(str(key), safe="")


_env.globals.update(link=link, quads=svg.QUADS, quad_colour=svg.quad_colour, marked_html=marked_html)


def render(name: str, code: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_env.get_template(name).render(**context), status_code=code)


def _snap(request: Request):
    return request.app.state.replica.current


def map_events(con: Any, *, limit: int = MAP_EVENTS) -> list[dict[str, Any]]:
    """The merged events with a place, most escalating first (at most ``limit``)."""
    cur = con.execute(f"""
        SELECT id, type, actor, recipient, day, place, lat, lon, quad_class, n_outlets,
               coalesce(e.rung, 0) * {weight_sql('e')} AS escalation
        FROM merged_events e WHERE lat IS NOT NULL AND lon IS NOT NULL AND NOT coalesce(historical, false)
        ORDER BY escalation DESC, n_outlets DESC, id LIMIT ?""", [limit])
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r), escalation=float(r[-1] or 0)) for r in cur.fetchall()]


@router.get("/", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    snap = _snap(request)
    fps = data.flashpoints(snap, request.app.state.config)
    events = map_events(snap.cursor())
    alerts = data.alerts(snap, config=request.app.state.config)
    return render("map.html", title="Map", map=svg.map_svg(fps, events, link=link), flashpoints=fps,
                  alerts=alerts[:10], n_events=len(events), status=data.status(snap, request.app.state.replica))


@router.get("/flashpoints/{name}", response_class=HTMLResponse)
def flashpoint_page(request: Request, name: str, by: Literal["day", "week", "auto"] = "auto",
                    dyad: str | None = Query(None, max_length=30, pattern=r"^[A-Za-z]{2,10}(\s*-?>?\s*[A-Za-z]{2,10})?$")
                    ) -> HTMLResponse:
    snap = _snap(request)
    fp = data.flashpoint(snap, name, request.app.state.config)
    if by == "auto":
        span = (fp["last_day"] - fp["first_day"]).days if fp.get("first_day") and fp.get("last_day") else 0
        by = "day" if span <= 90 else "week"
    rows = data.flashpoint_timeline(snap, fp, by=by, dyad=dyad)
    alerts = [a for a in data.alerts(snap, config=request.app.state.config) if a["flashpoint"] == fp["name"]]
    alerts.sort(key=lambda a: (a["period"]["start"], a["rule"]))
    return render("flashpoint.html", title=fp["name"], fp=fp, by=by, dyad=dyad, rows=rows, alerts=alerts,
                  chart=svg.timeline_svg(rows, alerts))


@router.get("/merged/{merged_id}", response_class=HTMLResponse)
def merged_page(request: Request, merged_id: str) -> HTMLResponse:
    rec = data.merged_one(_snap(request).cursor(), merged_id)
    disputed: dict[str, dict[str, str]] = {}  # report key -> field -> the value it gives
    for x in rec["disagreements"]:
        for v in x["values"]:
            for key in v.get("reports") or []:
                disputed.setdefault(key, {})[x["field"]] = str(v["value"])
    for r in rec["reports"]:
        r["disputed"] = disputed.get(f"{r['article_id']}:{r['event_id']}", {})
        r["sentence_html"] = marked_html(r["sentence"] or "", [(m["start"], m["end"], m["kind"], m["kind"])
                                                               for m in r["marks"]])
    return render("merged.html", title=f"{rec['type']} {rec['actor']}", rec=rec)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    art = data.article(_snap(request).cursor(), article_id)
    paragraphs = []
    text = art["text"]
    start = 0
    for part in text.split("\n\n") + [None]:
        if part is None:
            break
        end = start + len(part)
        spans = [(m["start"] - start, m["end"] - start, m["kind"], m["label"]) for m in art["marks"]
                 if start <= m["start"] and m["end"] <= end]
        paragraphs.append(marked_html(part, spans))
        start = end + 2
    return render("article.html", title=art.get("title") or art["id"], art=art, paragraphs=paragraphs)


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, q: str | None = Query(None, max_length=200), offset: int = Query(0, ge=0)) -> HTMLResponse:
    page = data.articles(_snap(request).cursor(), q=q, limit=50, offset=offset)
    return render("articles.html", title="Articles", page=page, q=q)


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request, by: Literal["day", "week"] = "week") -> HTMLResponse:
    found = data.alerts(_snap(request), by=by, config=request.app.state.config)
    # the page asks for new alerts about as often as the server looks for a changed store
    every = int(max(1.0, 2 * request.app.state.replica.poll) * 1000)
    return render("alerts.html", title="Alerts", alerts=found, by=by, live_every=every)


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor_page(request: Request, code: str, by: Literal["day", "week"] = "week") -> HTMLResponse:
    if not code.isalpha() or len(code) > 10:
        raise data.NotFound(f"no actor {code!r}")
    found = data.actor_series(_snap(request).cursor(), code, by=by)
    return render("actor.html", title=found["actor"], actor=found, chart=svg.timeline_svg(found["series"], []))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = Query("", max_length=200)) -> HTMLResponse:
    """One box: an actor code, a place, a PLOVER type, or words of the text."""
    snap = _snap(request)
    con = snap.cursor()
    q = q.strip()
    found: dict[str, Any] = {"actors": [], "merged": [], "articles": [], "flashpoints": []}
    if q:
        word = q.upper()
        if word.isalpha() and 2 <= len(word) <= 10:
            found["actors"] = [a for a in data.actors(con, limit=500) if a["actor"].startswith(word)][:10]
            found["merged"] += data.merged(con, data.Filters(type=word), limit=20, descending=True)["items"]
            found["merged"] += data.merged(con, data.Filters(actor=word), limit=20, descending=True)["items"]
        found["merged"] += data.merged(con, data.Filters(place=q), limit=20, descending=True)["items"]
        found["merged"] = list({m["id"]: m for m in found["merged"]}.values())[:40]
        found["articles"] = data.articles(con, q=q, limit=20)["items"]
        found["flashpoints"] = [f for f in data.flashpoints(snap, request.app.state.config)
                                if q.casefold() in f["name"].casefold()]
    return render("search.html", title=f"Search {q}", q=q, found=found)


def error_page(status: int, message: str) -> HTMLResponse:
    return render("error.html", status, title=f"Error {status}", message=message)


def fmt_date(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value or "")


_env.filters["date"] = fmt_date
