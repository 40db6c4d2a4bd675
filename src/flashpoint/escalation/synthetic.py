"""Articles with hand-written events, for tests and benchmarks of the merge, flashpoints, series
and alerts without running the extraction stages.

    >>> a = article("a1", "Outlet A", "2021-11-12", [
    ...     {"type": "MOBILIZE", "actor": "RUSMIL+BLRMIL", "date": "2021-11-12",
    ...      "place": PLACES["Grodno"], "evidence": "Russian and Belarusian paratroopers held drills"}])
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from ..model import Actor, Article, DateValue, Entity, Event, Place, Quantity, Scores, Sentence, Span

#: A few places (name, kind, lat, lon, countries) for synthetic corpora.
PLACES: dict[str, dict[str, Any]] = {
    "Polish-Belarusian border": {"name": "Polish-Belarusian border", "kind": "border", "lat": 52.59, "lon": 23.6,
                                 "countries": ["POL", "BLR"]},
    "Grodno": {"name": "Grodno", "kind": "city", "lat": 53.68, "lon": 23.83, "countries": ["BLR"]},
    "Kuznica": {"name": "Kuznica", "kind": "city", "lat": 53.51, "lon": 23.64, "countries": ["POL"]},
    "Black Sea": {"name": "Black Sea", "kind": "sea", "lat": 43.4, "lon": 34.0, "countries": []},
    "Poland": {"name": "Poland", "kind": "country", "lat": 51.92, "lon": 19.16, "countries": ["POL"]},
    "Belarus": {"name": "Belarus", "kind": "country", "lat": 53.71, "lon": 27.95, "countries": ["BLR"]},
    "Donbas": {"name": "Donbas", "kind": "region", "lat": 48.0, "lon": 37.8, "countries": ["UKR"]},
    "Taiwan Strait": {"name": "Taiwan Strait", "kind": "sea", "lat": 24.5, "lon": 119.5, "countries": []},
}

#: Goldstein and quad class by type (CAMEO roots), enough for synthetic scores.
SCORES = {
    "AGREE": (3.0, 1), "CONSULT": (1.0, 1), "SUPPORT": (3.4, 1), "COOPERATE": (6.0, 2), "AID": (7.0, 2),
    "REQUEST": (-0.1, 1), "ACCUSE": (-2.0, 3), "REJECT": (-4.0, 3), "THREATEN": (-4.4, 3),
    "PROTEST": (-6.5, 3), "SANCTION": (-8.0, 4), "MOBILIZE": (-7.2, 4), "COERCE": (-7.0, 4),
    "ASSAULT": (-9.0, 4), "CONCEDE": (5.0, 1), "RETREAT": (5.0, 2),
}


_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "SPY", "BUS", "CVL", "JRN", "REF", "OPP", "MED",
            "EDU", "IGO", "NGO", "ELI", "LAB", "HLH", "REL"}


def _actors(codes: str | None) -> list[Actor]:
    """``RUSMIL+NATO+-REF`` -> actors (country or organisation code, then an optional sector)."""
    out = []
    for code in filter(None, (codes or "").split("+")):
        if code.startswith("-"):
            out.append(Actor(Entity(None, code[1:])))
        elif len(code) > 3 and code[-3:] in _SECTORS:
            out.append(Actor(Entity(code[:-3], code[-3:])))
        else:
            out.append(Actor(Entity(code, None)))
    return out


def event(spec: dict[str, Any], *, sentence: int, offset: int) -> Event:
    """An :class:`Event` from a short dict (see the module docstring)."""
    evidence = spec.get("evidence") or f"{spec.get('actor')} {spec['type'].lower()} {spec.get('recipient') or ''}"
    date = None
    if spec.get("date"):
        start, _, end = str(spec["date"]).partition("/")
        date = DateValue(start, end or start, "day", source="clause")
    place = None
    if spec.get("place"):
        p = spec["place"] if isinstance(spec["place"], dict) else PLACES[spec["place"]]
        place = Place(p["name"], p["kind"], p["lat"], p["lon"], list(p.get("countries") or []))
    goldstein, quad = SCORES.get(spec["type"], (0.0, 1))
    word = spec.get("trigger") or evidence.split()[0]
    at = max(evidence.find(word), 0)
    return Event(
        type=spec["type"], trigger=Span(offset + at, offset + at + len(word), word, sentence),
        sentence=sentence, evidence=evidence, mode=spec.get("mode"), actor=_actors(spec.get("actor")),
        recipient=_actors(spec.get("recipient")), status=spec.get("status", "asserted"),
        attributed_to=_actors(spec.get("attributed_to")), modality=spec.get("modality", "actual"), date=date,
        historical=bool(spec.get("historical")), place=place,
        quantities=[Quantity(float(v), of, kind=spec.get("quantity_kind")) for v, of in spec.get("quantities", [])],
        scores=Scores(cameo=None, quad_class=quad, goldstein=goldstein, plover=goldstein, weight=spec.get("weight")),
        id=spec.get("id"),
    )


def article(article_id: str, outlet: str, published: str | dt.date, events: list[dict[str, Any]]) -> Article:
    """An analysed article whose text is its events' evidence, one sentence each."""
    texts = [e.get("evidence") or f"{e.get('actor')} {e['type'].lower()} {e.get('recipient') or ''}" for e in events]
    text, sentences, evs, pos = "", [], [], 0
    for i, (t, spec) in enumerate(zip(texts, events)):
        sentences.append(Sentence(i, pos, pos + len(t), t))
        ev = event(dict(spec, evidence=t), sentence=i, offset=pos)
        ev.id = ev.id or f"{article_id}:e{i + 1}"
        evs.append(ev)
        text += t + " "
        pos = len(text)
    published = dt.date.fromisoformat(published) if isinstance(published, str) else published
    return Article(id=article_id, text=text.strip(), published=published, outlet=outlet, title=article_id,
                   content_hash=hashlib.sha1(text.encode()).hexdigest(), sentences=sentences, events=evs,
                   pipeline_version="synthetic")


def write(store: Any, articles: list[Article]) -> None:
    for a in articles:
        store.write_article(a)


def border_crisis() -> list[Article]:
    """A made-up multi-outlet corpus shaped like November 2021: five quiet weeks at the
    Polish-Belarusian border and in the Black Sea, then the week of 8-14 November with a
    Russian-Belarusian paratrooper drill (four outlets, differing sizes), British troops sent to
    Poland (two outlets, differing sizes), troop movements on both sides, and Russian bomber
    flights (a distinct event of the same type and actors as the drill)."""
    B, G, K, S = (PLACES[n] for n in ("Polish-Belarusian border", "Grodno", "Kuznica", "Black Sea"))
    arts: list[Article] = []
    quiet = dt.date(2021, 10, 4)
    for week in range(5):
        day = quiet + dt.timedelta(days=7 * week + 2)
        arts.append(article(f"quiet-border-{week}", "Border Watch", day, [
            {"type": "PROTEST", "actor": "-REF", "recipient": "POLGOV", "date": day.isoformat(), "place": K,
             "evidence": f"Dozens of migrants protested at the Kuznica crossing (week {week})."}]))
        if week % 2 == 0:
            arts.append(article(f"quiet-sea-{week}", "Sea Monitor", day + dt.timedelta(days=1), [
                {"type": "MOBILIZE", "actor": "USAMIL", "date": (day + dt.timedelta(days=1)).isoformat(),
                 "place": S, "evidence": f"A US destroyer entered the Black Sea for a patrol (week {week})."}]))
            arts.append(article(f"quiet-sea-ru-{week}", "Moscow Wire", day + dt.timedelta(days=2), [
                {"type": "MOBILIZE", "actor": "RUSMIL", "recipient": "USAMIL", "place": S,
                 "evidence": f"The Black Sea Fleet shadowed the US destroyer (week {week})."}]))
    drill = "2021-11-12"
    arts += [
        article("trt-drill", "TRT World", "2021-11-12", [
            {"type": "MOBILIZE", "mode": "troops", "actor": "RUSMIL+BLRMIL", "date": drill, "place": G,
             "quantities": [(250, "paratroopers")],
             "evidence": "Russian and Belarusian paratroopers held joint drills near the Polish border."},
            {"type": "MOBILIZE", "actor": "RUSMIL", "date": "2021-11-09/2021-11-11", "place": G,
             "evidence": "Russian strategic bombers patrolled Belarusian airspace for a third day."},
            {"type": "MOBILIZE", "mode": "troops", "actor": "RUSMIL+BLRMIL", "place": G,
             "evidence": "The paratrooper drills are the second in two weeks, the ministry said."}]),
        article("ria-drill", "RIA Novosti", "2021-11-13", [
            {"type": "MOBILIZE", "mode": "troops", "actor": "RUSMIL", "date": drill, "place": G,
             "quantities": [(300, "paratroopers")],
             "evidence": "Russian paratroopers landed at the Gozhsky training ground in the drills."}]),
        article("wsws-drill", "WSWS", "2021-11-15", [
            {"type": "MOBILIZE", "mode": "troops", "actor": "RUSMIL+BLRMIL", "date": drill, "place": PLACES["Belarus"],
             "evidence": "On Friday Russian and Belarusian paratroopers held drills in Belarus."},
            {"type": "AID", "mode": "military", "actor": "GBRMIL", "recipient": "POLGOV", "place": B,
             "date": "2021-11-08/2021-11-14", "quantities": [(100, "troops")],
             "evidence": "The UK already deployed troops to the border to assist the Polish government."}]),
        article("rferl-drill", "RFE/RL", "2021-11-12", [
            {"type": "MOBILIZE", "mode": "troops", "actor": "BLRMIL+RUSMIL", "place": G,
             "evidence": "Belarus and Russia staged paratrooper drills near the border."},
            {"type": "COERCE", "actor": "RUSGOV", "recipient": "EU", "status": "attributed", "attributed_to": "POLGOV",
             "date": "2021-11-10", "place": B,
             "evidence": "Poland said Russia orchestrated the migrant crisis at the border."},
            {"type": "COERCE", "actor": "RUSGOV", "recipient": "EU", "status": "denied", "attributed_to": "RUSGOV",
             "date": "2021-11-10", "place": B,
             "evidence": "The Kremlin denied that Russia orchestrated the migrant crisis."}]),
        article("lbc-uk", "LBC", "2021-11-12", [
            {"type": "AID", "mode": "military", "actor": "GBRMIL", "recipient": "POLGOV", "date": "2021-11-11",
             "place": PLACES["Poland"], "quantities": [(10, "troops")],
             "evidence": "A small team of ten UK armed forces personnel have deployed to Poland."}]),
        article("pap-moves", "PAP", "2021-11-11", [
            {"type": "MOBILIZE", "mode": "troops", "actor": "POLMIL", "date": "2021-11-10", "place": B,
             "quantities": [(15000, "soldiers")],
             "evidence": "Poland moved 15,000 soldiers to the border with Belarus."},
            {"type": "MOBILIZE", "mode": "troops", "actor": "BLRMIL", "date": "2021-11-11", "place": B,
             "evidence": "Belarusian troops massed on their side of the border."},
            {"type": "COERCE", "actor": "POLCOP", "recipient": "-REF", "date": "2021-11-10", "place": K,
             "evidence": "Polish border guards pushed back migrants near Kuznica."}]),
        article("sputnik-sea", "Sputnik", "2021-11-09", [
            {"type": "MOBILIZE", "actor": "USAMIL", "date": "2021-11-09", "place": S,
             "evidence": "US warships entered the Black Sea near the Russian border."},
            {"type": "MOBILIZE", "actor": "RUSMIL", "recipient": "USAMIL", "date": "2021-11-09", "place": S,
             "evidence": "The Black Sea Fleet is tracking the US warships."}]),
    ]
    return arts
