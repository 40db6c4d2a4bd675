"""Dates the way conflict-event reports and wire copy write them, beside ``time_rules``' forms.

- numeric dates: ``26/05/2017``, ``26.05.2017``, ``5/26/17``; day first unless the day cannot
  be one (``5/26/2017``) or the article writes its dates the American way ("May 26, 2017");
- ranges: ``between 28/11 and 30/11``, ``from 3 to 5 July``, ``3-5 July 2017``,
  ``between 28 November and 2 December``: one DATE whose interval covers the range;
- ``overnight`` (told in the past: the night before the publication day);
- a part of day that names no day: ``early in the morning``, ``at dawn``, ``in the early hours``,
  ``late at night``, ``pre-dawn``: a TIME on the publication day, which the time stage moves to
  the day the story is telling, as it does a bare clock time;
- the edge of a relative unit: ``late last year``, ``early this month``, ``mid-next week``;
- a vague distance back: ``only days earlier``, ``weeks ago`` (an interval, no single day);

"on the eve of <date>" moves the date one day back; that is done on the found dates
(:func:`eve_of`). Every resolver returns a :class:`time_rules.Found` or ``None``.

>>> import datetime as dt
>>> from flashpoint.stages.time_rules import find
>>> [(f.value, str(f.begin), str(f.until)) for f in find("between 28/11 and 30/11", dt.date(2021, 12, 3))]
[('2021-11-28', '2021-11-28', '2021-11-30')]
"""

from __future__ import annotations

import datetime as dt
import re

from .time_rules import Direction, Found, _closest_year, add_months, month_end, week_of, year_number

#: the edge of a unit: (first part, last part) as shares of the unit (thirds, as parts_of_month.tsv)
EDGES = {"early": (0.0, 1 / 3), "mid": (1 / 3, 2 / 3), "late": (2 / 3, 1.0)}
EDGE_MODS = {"early": "START", "mid": "MID", "late": "END"}
#: TIMEX3 code of a part of day named alone ("at dawn", "in the early hours": the morning)
PART_CODES = {"afternoon": "AF", "evening": "EV", "dusk": "EV", "sunset": "EV", "nightfall": "EV", "night": "NI"}
#: a part of day named alone (no day of its own)
PART_OF_DAY = (r"\b(?:(?:early|late)\s+in\s+the\s+(?P<pa>morning|afternoon|evening|night)"
               r"|in\s+the\s+(?:(?:early|small|wee)\s+hours|(?:early|late)\s+(?P<pb>morning|afternoon|evening))"
               r"|(?:at|before|around|just\s+after|shortly\s+after|by)\s+(?P<pc>dawn|daybreak|sunrise|dusk|sunset|nightfall)"
               r"|(?P<pd>early|late)[\s-](?P<pe>morning|night)(?!\s+(?:of|on)\b)"
               r"|late\s+at\s+(?P<pf>night)|pre-?(?P<pg>dawn))\b")
#: "days ago", "weeks earlier", "months before": (fewest, most) days back from the publication
VAGUE_BACK = {"days": (1, 7), "weeks": (7, 60), "months": (30, 365)}


def patterns(month: str, day: str, year: str) -> list[tuple[str, str]]:
    """(name, regex) of the forms this module resolves; ``month``, ``day`` and ``year`` are the
    named groups of ``time_rules`` (``month``, ``day``, ``year``)."""
    num_year = r"(?P<ny>(?:19|20)\d\d|\d\d)"
    return [
        ("numeric", rf"(?<![\d/.])(?P<n1>[0-3]?\d)(?P<sep>[/.])(?P<n2>[0-3]?\d)(?P=sep){num_year}(?![\d/]|\.\d)"),
        ("num_range", r"\b(?:between|from)\s+(?P<a1>[0-3]?\d)/(?P<b1>[0-3]?\d)(?:/(?P<y1>(?:19|20)\d\d))?"
                      r"\s+(?:and|to|until|till|-|–)\s+(?P<a2>[0-3]?\d)/(?P<b2>[0-3]?\d)(?:/(?P<y2>(?:19|20)\d\d))?(?![\d/])"),
        ("day_range", rf"\b(?:(?:between|from)\s+)?(?:the\s+)?(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+(?P<m1>{month.replace('?P<month>', '')}))?"
                      rf"(?:\s+(?:and|to|until|till)\s+|\s*[-–]\s*)(?:the\s+)?{day}\s+(?:of\s+)?{month}(?:\s*,?\s+{year})?\b"),
        ("overnight", r"(?<!\ban\s)(?<!\bthe\s)\bovernight\b(?!\s+(?:curfew|stay|stays|trip|success|shift|bus|train|flight|rates?)\b)"),
        ("part_of_day", PART_OF_DAY),
        ("edge", r"\b(?P<emod>early|mid|late)[\s-]+(?P<erel2>last|this|next)\s+(?P<eunit2>year|month|week)\b"),
        ("vague_ago", r"(?<!\d\s)(?<!\bfew\s)(?<!several\s)(?<!\bmany\s)(?<!\bsome\s)"
                      r"\b(?:only\s+|just\s+|mere\s+)?(?P<vunit>days|weeks|months)\s+(?:ago|earlier|before)\b(?!\s+(?:the|a|an|his|her|its|their)\b)"),
    ]


def month_first(text: str) -> bool:
    """True where the article writes its dates the American way ("May 26, 2017", "on May 26")
    more often than the other way ("26 May 2017")."""
    months = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
              r"Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.?")
    md = len(re.findall(rf"\b{months}\s+[0-3]?\d(?:st|nd|rd|th)?\b(?!\s*[:.]\d)", text))
    dm = len(re.findall(rf"\b[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?{months}\b", text))
    return md > dm


def _year(y: str | None) -> int | None:
    if not y:
        return None
    if not y.isdigit():
        return year_number(y)  # "nineteen ninety-four"
    n = int(y)
    return n if n >= 100 else 2000 + n if n < 70 else 1900 + n


def _ymd(day: int, month: int, year: int | None, anchor: dt.date, direction: int) -> dt.date | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    y = year if year is not None else _closest_year(anchor, month, min(day, 28), direction)
    try:
        return dt.date(y, month, day)
    except ValueError:
        return None


def _day_month(a: int, b: int, american: bool) -> tuple[int, int]:
    """(day, month) of two numbers: day first unless the first cannot be a day... or a month."""
    if a > 12:
        return a, b
    if b > 12:
        return b, a
    return (b, a) if american else (a, b)


def report_direction(text: str, start: int, end: int) -> int:
    """-1 for a date that opens a report line ("02 July. Militants attacked ..."): the report is
    written after it; else 0."""
    line_start = start == 0 or text[start - 1] == "\n"
    return -1 if line_start and re.match(r"\s*[.:\-–—]", text[end:end + 2]) else 0


def resolve(name: str, m: re.Match, anchor: dt.date, direction: Direction, months: dict[str, int],
            american: bool) -> Found | None:
    """The date of a match of one of :func:`patterns`, or ``None`` where it is none after all."""
    g = m.groupdict()
    s, e = m.span()
    dirn = direction(s, e) or report_direction(m.string, s, e)
    if name == "numeric":
        day, month = _day_month(int(g["n1"]), int(g["n2"]), american)
        if g["sep"] == "." and len(g["ny"]) == 2:
            return None  # "3.5.17": a version number or a score, more likely than a date
        d = _ymd(day, month, _year(g["ny"]), anchor, dirn)
        return None if d is None else Found(s, e, "DATE", d.isoformat(), d, d, "day", anchored=False)
    if name == "num_range":
        d1, m1 = _day_month(int(g["a1"]), int(g["b1"]), american)
        d2, m2 = _day_month(int(g["a2"]), int(g["b2"]), american)
        until = _ymd(d2, m2, _year(g["y2"]), anchor, dirn)
        if until is None:
            return None
        begin = _ymd(d1, m1, _year(g["y1"]) or until.year - (1 if m1 > m2 else 0), anchor, dirn)
        return _range(s, e, begin, until, anchored=not g["y2"])
    if name == "day_range":
        m2 = months[g["month"].lower().rstrip(".")]
        until = _ymd(int(g["day"]), m2, _year(g["year"]), anchor, dirn)
        if until is None:
            return None
        m1 = months[g["m1"].lower().rstrip(".")] if g.get("m1") else m2
        begin = _ymd(int(g["d1"]), m1, until.year - (1 if m1 > m2 else 0), anchor, dirn)
        return _range(s, e, begin, until, anchored=not g["year"])
    if name == "overnight":
        if dirn > 0:
            return None
        night = anchor - dt.timedelta(days=1)
        return Found(s, e, "TIME", f"{night.isoformat()}TNI", night, anchor, "day")
    if name == "part_of_day":
        word = next((g[k].lower() for k in ("pa", "pb", "pc", "pe", "pf", "pg") if g.get(k)), "hours")
        return Found(s, e, "TIME", f"{anchor.isoformat()}T{PART_CODES.get(word, 'MO')}", anchor, anchor, "time")
    if name == "vague_ago":
        # "only days earlier": some days before the publication, up to a week (weeks: up to two
        # months, months: up to a year); the value is the ISO 8601 interval
        back = VAGUE_BACK[g["vunit"].lower()]
        begin, until = anchor - dt.timedelta(days=back[1]), anchor - dt.timedelta(days=back[0])
        return Found(s, e, "DATE", f"{begin.isoformat()}/{until.isoformat()}", begin, until, "vague")
    if name == "edge":
        return _edge(s, e, g["emod"].lower(), g["erel2"].lower(), g["eunit2"].lower(), anchor)
    return None


def _range(s: int, e: int, begin: dt.date | None, until: dt.date | None, *, anchored: bool) -> Found | None:
    if begin is None or until is None or begin > until or (until - begin).days > 366:
        return None
    return Found(s, e, "DATE", begin.isoformat(), begin, until, "day", anchored=anchored)


def _edge(s: int, e: int, mod: str, rel: str, unit: str, anchor: dt.date) -> Found:
    """"late last year": the last third of the year before the publication (TIMEX3 mod END)."""
    shift = {"this": 0, "last": -1, "next": 1}[rel]
    if unit == "year":
        begin, until = dt.date(anchor.year + shift, 1, 1), dt.date(anchor.year + shift, 12, 31)
        value = str(anchor.year + shift)
    elif unit == "month":
        first = add_months(anchor.replace(day=1), shift)
        begin, until = first, month_end(first.year, first.month)
        value = f"{first.year}-{first.month:02d}"
    else:
        begin, until = week_of(anchor + dt.timedelta(days=7 * shift))
        y, w, _ = begin.isocalendar()
        value = f"{y}-W{w:02d}"
    days = (until - begin).days + 1
    lo, hi = EDGES[mod]
    b = begin + dt.timedelta(days=int(round(days * lo)))
    u = begin + dt.timedelta(days=max(int(round(days * hi)) - 1, 0))
    return Found(s, e, "DATE", value, b, u, f"part_of_{unit}")


_EVE = re.compile(r"\b(?:on\s+)?the\s+eve\s+of\s+$", re.IGNORECASE)


def eve_of(found: list[Found], text: str) -> None:
    """"on the eve of 26 May": the day before; the expression grows to take the words."""
    for f in found:
        if f.granularity != "day" or f.begin is None:
            continue
        m = _EVE.search(text[max(0, f.start - 20):f.start])
        if m is None:
            continue
        f.start -= len(m.group(0))
        f.begin = f.begin - dt.timedelta(days=1)
        f.until = f.begin
        f.value = f.begin.isoformat()
        f.anchored = False
