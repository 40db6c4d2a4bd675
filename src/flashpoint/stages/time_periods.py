"""The reporting periods of results and budgets, beside ``time_rules``' forms.

Reports of results (a ministry's budget, a state company's quarter, an aid agency's year)
name the period they report on and compare it with the same period a year before:

- ``the quarter``, ``the latest quarter``, ``the latest period``: the quarter the report is about,
  i.e. the quarter mentioned last before it ("third-quarter loss ... in the quarter": 1989-Q3),
  else the last quarter ended before the publication; ``the current quarter``: the publication's;
- ``the year-ago quarter``, ``the year-earlier period``, ``year-earlier results``, ``the
  comparable year-ago quarter``: that quarter a year before; ``the 1988 period``: that quarter of
  1988; ``next year's first quarter``: a quarter of the year named;
- ``the year``, ``the full year``, ``the current fiscal year``, ``the end of the year``: the
  publication's year; ``year-end``: its last day (after "since": the last year's); ``the year
  ended March 31``: a one-year DURATION; ``the quarter ended Sept. 30``: the quarter that ends
  then (:func:`quarter_ended`).

- a quarter in apposition is the same quarter ("the comparable year-ago quarter, the second
  quarter ended Oct. 31": 1988-Q2, :func:`appositions`); a quarter named as the base of a
  comparison ("After a flat second quarter") is not the one reported (:func:`comparison_bases`).

The word lists are ``data/time/periods.tsv``. Expressions that depend on the quarter last
mentioned are resolved after all others are found (:func:`resolve_references`).

>>> import datetime as dt
>>> from flashpoint.stages.time_rules import find
>>> text = "Third-quarter profit fell. In the year-ago quarter, the company earned $2 million."
>>> [(text[f.start:f.end], f.value) for f in find(text, dt.date(1989, 11, 2))]
[('Third-quarter', '1989-Q3'), ('the year-ago quarter', '1988-Q3')]
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .. import data
from .time_rules import MONTHS_PERIOD, Found


@lru_cache(maxsize=1)
def _words() -> dict[str, dict[str, int]]:
    """role -> {word: years from the reference} (roles: current, reference, shift)."""
    out: dict[str, dict[str, int]] = {"current": {}, "reference": {}, "shift": {}}
    for row in data.tsv("time", "periods.tsv"):
        out.setdefault(row["role"], {})[row["word"]] = int(row["years"])
    return out


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def patterns(year: str) -> list[tuple[str, str]]:
    """(name, regex) of the forms this module resolves; ``year`` is ``time_rules``' year group."""
    w = _words()
    mods = _alt([*w["current"], *w["reference"], *w["shift"]])
    return [
        # "the quarter", "the latest period", "the year-ago quarter", "the 1988 period"
        ("period", rf"\b(?:the\s+|(?P<pyr>last|this)\s+year's\s+)(?P<pmods>(?:(?:{mods})\s+)*)(?:(?P<pyear>(?:19|20)\d\d)\s+)?(?P<pnoun>quarter|period)\b"
                   # not "the quarter of ...", "the quarter to March" or a clock's "quarter to five"
                   r"(?![-\s]+(?:of\b|to\s+(?:\d|(?-i:[A-Z])|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midnight)))"
                   r"(?P<pago>\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year\b))?"),
        # "year-earlier results", "compared with year-ago net of $3 million"
        # (not "the year-earlier nine months": a duration)
        ("year_adj", r"\b(?P<yadj>[Yy]ear-(?:ago|earlier))(?=\s+[a-z])(?!\s+(?:[\w-]+\s+)?(?:days|weeks|months|years|quarters)\b)"),
        # "the year", "the full year", "the current fiscal year", "the year ended March 31"
        ("the_year", r"\bthe\s+(?P<ymods>(?:(?:full|current|fiscal|latest|calendar)\s+)+)?year\b(?!s|-|')"
                     # a bare "the year" before these is another year ("the year before", "the year that ...");
                     # not before an amount ("a high for the year of $42.875": this year's)
                     r"(?(ymods)|(?!\s+(?:before|after|earlier|later|ago|of(?!\s+[$€£#\d])|when|in which|that|to|two|nineteen)\b))"
                     r"(?P<yended>\s+(?:ended|ending))?"),
        ("year_end", r"\b(?:(?:the\s+)?end\s+of\s+the\s+year|year(?:'s\s+|-|\s+)end)\b"),
    ]


def resolve(name: str, m: re.Match, anchor: dt.date) -> Found | None:
    """A first value for a match (the anchor's period); :func:`resolve_references` replaces it
    with the period the article last mentioned where the expression refers back to one."""
    g = m.groupdict()
    s, e = m.span()
    w = _words()
    last_quarter = _quarter_before(anchor)
    if name == "period":
        mods = (g["pmods"] or "").lower().split()
        if g["pnoun"].lower() == "period" and not (mods or g.get("pyear") or g.get("pyr")):
            return None  # "the period": any stretch of time
        if any(x in w["current"] for x in mods):
            return _quarter(s, e, *_quarter_of(anchor))
        # "the quarter a year ago", "last year's quarter": the quarter last mentioned, a year back
        shift = sum(w["shift"].get(x, 0) for x in mods) - (1 if g.get("pago") or (g.get("pyr") or "").lower() == "last" else 0)
        y, q = last_quarter
        f = _quarter(s, e, int(g["pyear"]) if g.get("pyear") else y + shift, q)
        f.quarter_ref = (int(g["pyear"]), None) if g.get("pyear") else (None, shift)
        return f
    if name == "year_adj":
        f = Found(s, e, "DATE", str(anchor.year - 1), dt.date(anchor.year - 1, 1, 1), dt.date(anchor.year - 1, 12, 31), "year")
        f.quarter_ref = (None, -1)  # with no quarter mentioned: the year before
        return f
    if name == "the_year":
        if g.get("yended"):
            return Found(s, m.start("yended"), "DURATION", "P1Y", None, None, "year")
        mods = (g["ymods"] or "").lower().split()
        y = anchor.year - (1 if "latest" in mods else 0)
        return Found(s, e, "DATE", str(y), dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    if name == "year_end":
        y = anchor.year
        if m.group(0).lower().startswith("year-"):
            # "by year-end", "since year-end": the closing day of the books (the accounting term, hyphenated),
            # the last one gone by after "since"
            if re.search(r"\bsince\s+$", m.string[max(0, s - 7):s], re.IGNORECASE):
                y -= 1
            return Found(s, e, "DATE", f"{y}-12-31", dt.date(y, 12, 31), dt.date(y, 12, 31), "day")
        return Found(s, e, "DATE", str(y), dt.date(y, 12, 1), dt.date(y, 12, 31), "part_of_year")
    return None


def _quarter_of(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _quarter_before(d: dt.date) -> tuple[int, int]:
    y, q = _quarter_of(d)
    return (y, q - 1) if q > 1 else (y - 1, 4)


def _quarter(s: int, e: int, y: int, q: int) -> Found:
    from .time_rules import month_end

    return Found(s, e, "DATE", f"{y}-Q{q}", dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q), "quarter")


def comparison_bases(found: list[Found], text: str) -> None:
    """Mark a quarter named as the base of a comparison ("After a flat second quarter, the
    company attributed the gain to ...", "up 5% over the second quarter"): the periods that
    refer back ("the year-earlier period") mean the quarter reported, not that one."""
    words = _alt(_words()["comparison"])
    before = re.compile(rf"(?:^|[^\w.])(?:{words})\s+(?:(?:a|an|the|its|their)\s+)?(?:[a-z]+\s+)?$", re.IGNORECASE)
    for f in found:
        if f.granularity == "quarter" and f.quarter_ref is None and before.search(text[max(0, f.start - 40):f.start]):
            f.background = True


def quarter_ended(found: list[Found], text: str) -> None:
    """"the quarter ended Sept. 30", "the latest quarter ending July 31", where the article has
    named no quarter before: the three months up to that date, named as the calendar quarter that
    holds most of them (a fiscal quarter ended July 31 is mostly the second). After a quarter
    named by its number ("fiscal first quarter ... the quarter ended Sept. 29") it stays that one
    (:func:`resolve_references`): fiscal quarters are numbered from the company's own year."""
    for f, date in zip(found, found[1:]):
        if f.quarter_ref is None or f.quarter_ref[1] != 0 or f.granularity != "quarter":
            continue
        if date.begin is None or date.granularity not in ("day", "month") or not re.fullmatch(
                r"\s+(?:ended|ending)\s+(?:on\s+)?", text[f.end:date.start]):
            continue
        middle = date.begin.replace(day=1) - dt.timedelta(days=1)  # the month before the last one
        moved = _quarter(f.start, f.end, *_quarter_of(middle))
        f.value, f.begin, f.until, f.granularity = moved.value, moved.begin, moved.until, moved.granularity


def resolve_references(found: list[Found], anchor: dt.date) -> None:
    """Give the expressions that refer back to a quarter ("the latest period", "the year-ago
    quarter", "year-earlier results") the quarter mentioned last before them; after a reporting
    period of months ("In the first nine months, net was $306 million, compared with $195
    million in the 1988 period") they name a year, as no quarter is meant."""
    last: tuple[int, int] | str | None = None
    for f in found:
        ref = getattr(f, "quarter_ref", None)
        if ref is not None and last == "months" and (ref[0] is not None or ref[1]):  # not "the latest period"
            year, shift = ref
            y = year if year is not None else anchor.year + (shift or 0)
            f.value, f.begin, f.until, f.granularity = str(y), dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
        elif ref is not None and isinstance(last, tuple):
            year, shift = ref
            y, q = last
            moved = _quarter(f.start, f.end, year if year is not None else y + shift, q)
            f.value, f.begin, f.until, f.granularity = moved.value, moved.begin, moved.until, moved.granularity
        elif ref is None and reported_quarter(f, anchor) and not f.background:
            last = (int(f.value[:4]), int(f.value[-1]))
        elif f.type == "DURATION" and MONTHS_PERIOD.fullmatch(f.value or ""):
            last = "months"


def reported_quarter(f: Found, anchor: dt.date) -> bool:
    """``f`` is a quarter a report could be about: ended before the publication, within the year
    before it (not the current or "the fourth quarter" to come, nor "the year-ago third quarter")."""
    return bool(re.fullmatch(r"\d{4}-Q\d", f.value or "")) and f.until is not None and (
        0 < (anchor - f.until).days <= 366)


def appositions(found: list[Found], text: str) -> None:
    """A quarter named again in apposition is the same quarter: "In the comparable year-ago
    quarter, the second quarter ended Oct. 31, the company had a loss": the reference gives the
    year (1988), the number gives the quarter (Q2), and the day it ended moves with the year."""
    for i, (f, g) in enumerate(zip(found, found[1:])):
        if f.quarter_ref is None or f.granularity != "quarter" or g.quarter_ref is not None or g.granularity != "quarter":
            continue
        if text[f.end:g.start] != ", " or not g.anchored:
            continue
        years = int(f.value[:4]) - int(g.value[:4])
        moved = _quarter(g.start, g.end, int(f.value[:4]), int(g.value[-1]))
        for x in (f, g):
            x.value, x.begin, x.until, x.granularity = moved.value, moved.begin, moved.until, moved.granularity
        end = found[i + 2] if i + 2 < len(found) else None
        if years and end is not None and end.anchored and end.granularity == "day" and re.fullmatch(
                r"\s+(?:ended|ending)\s+(?:on\s+)?", text[g.end:end.start]):
            end.begin = end.until = end.begin.replace(year=end.begin.year + years)
            end.value = end.begin.isoformat()
