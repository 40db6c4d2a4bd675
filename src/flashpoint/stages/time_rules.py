"""Recognise time expressions in text and normalise them against an anchor (the publication date).

Pure functions, no spaCy: :func:`find` takes the text, the anchor date and a ``direction(start,
end)`` callback that says whether the clause around a character span looks back (-1, past
tense), forward (+1, future) or gives no clue (0). News-relative expressions are resolved the
way a reader of the article would resolve them:

- a weekday is the most recent such day (the publication day included) unless the clause looks
  forward; "last week" is the previous Monday-Sunday; "over the weekend" in a weekday article is
  the Saturday and Sunday before it; "in late October" is the 21st to the 31st of the most
  recent October; "This February" is the February of the publication year;
- absolute dates ("November 12", "12 November 2021", "Nov. 13", "February 2014", "1991") take
  the year given, else the year that puts them nearest the anchor;
- durations ("seven-year", "within the next month", "for two weeks") have a TIMEX3 ``P..``
  value and, where they are anchored to the publication ("within the next month", "the past
  week"), an interval; sets ("every Friday", "daily") have a TIMEX3 set value.

Every result is a :class:`Found`: the span, TIMEX3 type and value, the interval (inclusive ISO
dates) and the granularity.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .. import data


@dataclass
class Found:
    start: int
    end: int
    type: str  # DATE, TIME, DURATION, SET
    value: str | None
    begin: dt.date | None = None
    until: dt.date | None = None
    granularity: str | None = None
    anchored: bool = True  # resolved against the publication date (False: absolute)
    ref_shift: tuple[int, str] | None = None  # (n, unit): n units from the time last mentioned
    #: (year or None, years shift): the quarter last mentioned, moved ("the year-ago quarter")
    quarter_ref: tuple[int | None, int | None] | None = None
    #: (end, TIMEX3 duration): "three days later" measures "three days" from another time; TIMEX3
    #: marks that amount as the DURATION (the interval stays the shifted date)
    measure: tuple[int, str] | None = None
    #: (-1 or +1, ISO weekday): "the previous Friday", "the following Monday" are the weekday
    #: before or after the day last mentioned (the narrative's day), not the publication's
    ref_weekday: tuple[int, int] | None = None
    #: named as the base of a comparison ("after a flat second quarter"), not as the time told about
    background: bool = False
    #: a clock time or part of day put on the day named beside it ("2 a.m. on Friday")
    on_day: bool = False


Direction = Callable[[int, int], int]

# ---------------------------------------------------------------------------------------------
# word lists


@lru_cache(maxsize=1)
def _lex() -> dict:
    months: dict[str, int] = {}
    for row in data.tsv("time", "months.tsv"):
        for name in row["names"].split():
            months[name] = int(row["month"])
    weekdays: dict[str, int] = {}
    for row in data.tsv("time", "weekdays.tsv"):
        for name in row["names"].split():
            weekdays[name] = int(row["weekday"])
    seasons = {r["season"]: (r["code"], int(r["first"]), int(r["last"])) for r in data.tsv("time", "seasons.tsv")}
    parts_month = {r["modifier"]: (int(r["first"]), int(r["last"]), r["mod"]) for r in data.tsv("time", "parts_of_month.tsv")}
    parts_day = {r["part"]: r["code"] for r in data.tsv("time", "parts_of_day.tsv")}
    units = {r["unit"]: (r["letter"], r["granularity"]) for r in data.tsv("time", "units.tsv")}
    refs = {r["phrase"]: (r["value"], r["use"], frozenset((r["unless_next"] or "").split()))
            for r in data.tsv("time", "references.tsv")}
    sets = {r["phrase"]: r["value"] for r in data.tsv("time", "sets.tsv")}
    decades = {r["word"]: int(r["decade"]) for r in data.tsv("time", "decades.tsv")}
    numbers = {r["word"]: (float(r["value"]), r["role"]) for r in data.tsv("quantities", "numbers.tsv")}
    return dict(months=months, weekdays=weekdays, seasons=seasons, parts_month=parts_month,
                parts_day=parts_day, units=units, refs=refs, sets=sets, decades=decades, numbers=numbers)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _spoken_years() -> str:
    """Years as broadcast transcripts write them: "nineteen ninety-four", "nineteen oh five",
    "(the year) two thousand (and one)"; number words from ``quantities/numbers.tsv``."""
    nums = _lex()["numbers"]
    ones = _alt(w for w, (v, role) in nums.items() if role == "unit" and 1 <= v <= 9)
    teens = _alt(w for w, (v, role) in nums.items() if role == "unit" and 10 <= v <= 19)
    tens = _alt(w for w, (v, role) in nums.items() if role == "ten")
    centuries = _alt(w for w, (v, role) in nums.items() if role == "unit" and v in (17, 18, 19))
    two = rf"(?:{tens})(?:[\s-](?:{ones}))?|{teens}|oh[\s-](?:{ones})"
    return rf"(?:{centuries})[\s-](?:{two})\b|(?<=year\s)two\s+thousand(?:[\s-](?:and\s+)?(?:{teens}|{ones}))?\b"


def year_number(text: str) -> int:
    """The year a ``year`` group holds: "1994", "nineteen ninety-four", "two thousand and one"."""
    if text.isdigit():
        return int(text)
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w != "and"]
    nums = _lex()["numbers"]
    if words[:2] == ["two", "thousand"]:
        return 2000 + int(sum(nums[w][0] for w in words[2:]))
    return int(nums[words[0]][0]) * 100 + int(sum(nums[w][0] for w in words[1:] if w != "oh"))


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern]]:
    lx = _lex()
    month = rf"(?P<month>{_alt(lx['months'])})\.?"
    wday = rf"(?P<wday>{_alt(lx['weekdays'])})\.?"
    season = rf"(?P<season>{_alt(lx['seasons'])})"
    pom = rf"(?P<pom>{_alt(lx['parts_month'])})"
    pod = rf"(?P<pod>{_alt(lx['parts_day'])})"
    small = [w for w, (v, role) in lx["numbers"].items() if role in ("unit", "ten") and v < 100]
    num = rf"(?P<num>\d+(?:\.\d+)?|(?:{_alt(small)})(?:[- ](?:{_alt(small)}))?|a|an|a few|a couple of|several|some|few|many)"
    unit = rf"(?P<unit>{_alt(lx['units'])})"
    rel = r"(?P<rel>this past|the past|the previous|the last|the next|the coming|the following|last|next|this|past|previous|coming|upcoming|that)"
    year = rf"(?P<year>(?:1[6-9]|20)\d\d|{_spoken_years()})"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    from .time_forms import patterns as report_patterns
    from .time_periods import patterns as period_patterns

    p = [
        ("iso", rf"\b(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
        *report_patterns(month, day, year),
        ("mdy", rf"\b(?:{wday},?\s+)?(?:the\s+)?{month}\s+{day}(?:\s*,?\s+{year})?(?!\d|:\d)"),
        ("dmy", rf"\b(?:{wday},?\s+)?(?:the\s+)?{day}\s+(?:of\s+)?{month}(?:\s*,?\s+{year})?\b"),
        ("month_rel_year", rf"\b{month}\s+(?P<myrel>this|last|next)\s+year\b"),
        ("month", rf"\b(?:{pom}[\s-]?|(?P<mrel>this past|this|last|next|the|that|early|late)\s+)?{month}(?:\s+(?:of\s+)?{year})?\b"),
        ("season", rf"\b(?:(?P<srel>this past|this|last|next|the|that|early|late)\s+)?{season}(?:\s+(?:of\s+)?{year})?\b"),
        ("decade", rf"\b(?:the\s+)?(?:(?P<dmod>early|mid|late)[\s-])?(?:(?P<dec>1[6-9]\d0|20[0-9]0)'?s|'?(?P<dec2>[0-9]0)'?s|(?P<decw>{_alt(lx['decades'])}))\b"),
        ("century", r"\b(?:the\s+)?(?P<cent>\d{1,2})(?:st|nd|rd|th)[\s-]century\b"),
        ("quarter", rf"\b(?:the\s+)?(?:(?P<qyr>this|last|next)\s+year's\s+)?(?:(?P<qrel>last|latest|current|previous|year-ago|year-earlier|same)\s+)?(?:(?P<qyear>(?:19|20)\d\d)\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-](?:fiscal[\s-])?quarter(?:\s+of\s+{year})?\b"),
        ("half", rf"\b(?:the\s+)?(?:(?P<h>first|second|latter|last)\s+half|(?P<h2>first|last|final)\s+two\s+quarters)(?:\s+of\s+(?:the\s+year|{year}))?\b"),
        ("fiscal", rf"\bfiscal\s+(?:year\s+)?{year}\b"),
        *period_patterns(year),
        ("year", rf"(?<![\d,.$€£#/-])(?:(?P<ymod>early|late|mid)[\s-])?(?:the\s+year\s+)?{year}(?!\d|,\d|\.\d|-\d|%)"),
        # the day of an operation that is still going on: "today is the eighth day of Desert Shield"
        ("nth_day", r"\b(?:today|it|this)\s*(?:is|'s|’s)\s+(?P<nth>(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+(?:straight\s+|consecutive\s+)?day)\s+of\b"),
        ("relday", rf"\b(?:(?P<prepod>{_alt(lx['parts_day'])})\s+)?(?P<rd>the day before yesterday|the day after tomorrow|today|tonight|yesterday|tomorrow)(?:\s+{pod})?\b"),
        ("thisday", rf"\b(?P<tp>this|last|tomorrow|yesterday)\s+(?P<pod2>morning|afternoon|evening|night)\b"),
        # a day next to the one last named: "the following morning", "the day before," (not "the day
        # before the election": that one is dated by what it names)
        ("nextday", r"\b(?P<nd>the\s+(?:following|next|previous)\s+(?P<pod3>morning|afternoon|evening|night)"
                    r"|the\s+day\s+(?:before|after)(?=\s*[,.;:)]|\s*$))"),
        ("weekday", rf"\b(?:(?P<wrel>this past|this|last|next|coming|past|that|the following|the previous)\s+)?{wday}(?:\s+{pod})?\b"),
        # "a weekend bombing": a weekend the clause's tense points at (not "a weekend of talks")
        ("weekend", r"\b(?:(?P<wrel2>the|this|last|next|that|this past|the past|the coming)\s+weekend\b|"
                    r"(?P<wrel3>a)\s+weekend(?=\s+(?!of\b|away\b|in\b|to\b|at\b|trip\b|break\b|getaway\b|off\b)[a-z]))"),
        ("ago", rf"\b{num}\s+{unit}\s+(?P<dir>ago|earlier|later|from now|hence|(?:before|after)(?=\s*[,.;:)]|\s*$))"),
        ("span", rf"\b(?P<edge>earlier|later)\s+(?:(?P<erel>this|last|next|in\s+the)\s+(?P<eunit>week|month|year)|in\s+the\s+(?P<eday>day))\b"),
        # an approximate distance ahead: "may, in a year or two, save a few more lives" (a vague future)
        ("approx", rf"\bin\s+(?P<anum>a|an|one|a\s+few)\s+(?P<aunit>{_alt(lx['units'])})\s+or\s+(?:two|so)\b(?!\s+(?:ago|earlier|later|of)\b)"),
        # the unit a comparison leaves out: "twice as high a dividend this year as last"
        ("ellipsis", r"\bthis\s+(?P<elu>year|month|week|quarter)\b[^.;:]{0,60}?\b(?:as|than)\s+(?P<ell>last)\b(?=\s*[.,;:)]|\s*$)"),
        ("relunit", rf"\b(?:(?P<pre>within|over|during|in|for|throughout)\s+)?{rel}\s+(?:(?P<rnum>\d+|{_alt(small)}|few|several|couple of)\s+)?(?P<runit>{_alt(lx['units'])})\b"),
        ("ord_set", rf"\b(?P<freq>once|twice|three times|four times|several times)\s+(?:a|per|every)\s+(?P<sunit>day|week|month|year)\b"),
        ("every", rf"\b(?:every|each)\s+(?:other\s+)?(?:{wday}|{month}|(?P<eu>day|night|week|month|year|morning|evening|weekend|summer|winter|spring|autumn|fall))\b"),
        ("plural_wday", rf"\bon\s+(?P<pwd>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)\b"),
        ("setadv", rf"\b(?P<setw>{_alt(w for w in lx['sets'] if ' ' not in w)})\b"),
        ("duration", rf"\b{num}(?P<frac>\s+1/2|\s+and\s+a\s+half)?[\s-](?P<dunit>{_alt(lx['units'])})(?P<half>\s+and\s+a\s+half)?(?:-long|-old)?\b"),
        # a bare plural unit: "within weeks", "for the first time in years", "months of talks"
        ("units", r"(?:(?<=\bwithin\s)|(?<=\bfor\s)|(?<=\bin\s)|(?<=\bafter\s)|(?<=\bover\s))(?P<bunit>days|weeks|months|years)\b"
                  r"(?!\s+(?:ago|earlier|later|before|after|old|of\s+age)\b)"
                  r"|(?<!\bthe\s)(?<!\bthose\s)(?<!\bthese\s)(?<!\bor\s)(?<!\band\s)\b(?P<bunit2>days|weeks|months|years)(?=\s+of\s+(?!age\b)[a-z])"),
        ("ref", rf"\b(?P<ref>{_alt(lx['refs'])})\b"),
        ("clock", r"\b(?P<hh>[01]?\d)(?:[:.](?P<mm>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)|\b(?P<noon>noon|midnight)\b"),
    ]
    return [(name, re.compile(rx, re.IGNORECASE)) for name, rx in p]


# ---------------------------------------------------------------------------------------------
# calendar helpers


def month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def week_of(d: dt.date) -> tuple[dt.date, dt.date]:
    start = d - dt.timedelta(days=d.isoweekday() - 1)
    return start, start + dt.timedelta(days=6)


def week_value(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def interval_of(value: str) -> tuple[dt.date, dt.date, str] | None:
    """The interval and granularity of a TIMEX3 date value (``2021-11``, ``2021-W45-WE``, ...)."""
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", value):
            d = dt.date(*map(int, m.groups()))
            return d, d, "day"
        if m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "weekend"
            return monday, monday + dt.timedelta(days=6), "week"
        if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), month_end(y, mo), "month"
        if m := re.fullmatch(r"(\d{4})-Q(\d)", value):
            y, q = int(m[1]), int(m[2])
            return dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q), "quarter"
        if m := re.fullmatch(r"(\d{4})-H(\d)", value):
            y, h = int(m[1]), int(m[2])
            return dt.date(y, 6 * h - 5, 1), month_end(y, 6 * h), "half"
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
            y = int(m[1])
            for code, first, last in _lex()["seasons"].values():
                if code == m[2]:
                    if first > last:  # winter: December to February of the next year
                        return dt.date(y, first, 1), month_end(y + 1, last), "season"
                    return dt.date(y, first, 1), month_end(y, last), "season"
        if re.fullmatch(r"\d{4}", value):
            y = int(value)
            return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
        if re.fullmatch(r"\d{3}", value):
            y = int(value) * 10
            return dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "decade"
        if re.fullmatch(r"\d{2}", value):
            y = int(value) * 100
            return dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31), "century"
    except ValueError:
        return None
    return None


def _number(word: str) -> float | None:
    word = word.lower().strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    vague = {"a": 1, "an": 1, "a few": None, "a couple of": 2, "couple of": 2, "several": None,
             "some": None, "few": None, "many": None}
    if word in vague:
        return vague[word]
    total = 0.0
    for part in re.split(r"[- ]", word):
        hit = _lex()["numbers"].get(part)
        if hit is None:
            return None
        total += hit[0]
    return total


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


# ---------------------------------------------------------------------------------------------
# resolution


#: how much further away (days) a date counts when it lies on the side the tense of the verb it
#: is the time of contradicts (direction +-2): ten months, so that "will be named commander for
#: a mission in December" in March is the coming December and "the year ended March 31" in
#: October the March just past, while a report that keeps the tense of an announcement ("reported
#: that on November 12 ... will hold exercises", published November 13) still means the day
#: before
CONTRADICTED_DAYS = 300
#: the same for a looser clue of the clause (direction +-1: "authorized a split, payable Dec. 7")
LOOSE_CLUE_DAYS = 120
#: with no clue at all, how much further away a date to come counts: news reports the past, and a
#: month or day it names without a year is, more often than not, the one gone by ("rose to a high
#: in June from $29.75 in March", published in October: the March before)
NO_CLUE_FUTURE_DAYS = 90


def _tense_penalty(delta_days: float, direction: int) -> float:
    """How much further away (days) a date ``delta_days`` from the anchor counts, given the
    direction of its clause."""
    if direction and delta_days and (delta_days > 0) != (direction > 0):
        # a clause that looks forward ("will be named commander for a mission in December") does
        # not name a time gone by; one told in the past may still name a deadline to come
        return CONTRADICTED_DAYS if abs(direction) > 1 or direction > 0 else LOOSE_CLUE_DAYS
    if not direction and delta_days > 0:
        return NO_CLUE_FUTURE_DAYS
    return 0


def _closest_year(anchor: dt.date, month: int, day: int, direction: int) -> int:
    """The year that puts the date nearest the anchor; a date on the side the clause's tense
    contradicts counts further away, and with no clue the past is preferred."""
    best = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        delta = (d - anchor).days
        key = abs(delta) + _tense_penalty(delta, direction)
        if best is None or key < best[0]:
            best = (key, y)
    return best[1] if best else anchor.year


def _month_year(anchor: dt.date, month: int, rel: str | None, direction: int) -> int:
    rel = (rel or "").lower()
    if rel in ("this", "this past", "that"):
        return anchor.year
    if rel == "last":
        # "last April" in a November article: the April just past, not the year before's; but
        # "last February" in March is the year before's (the one just ended is "in February")
        return anchor.year if month < anchor.month - 1 else anchor.year - 1
    if rel == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    # the nearest such month, weighed as :func:`_closest_year` weighs days
    best = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        delta = (y - anchor.year) * 12 + month - anchor.month
        key = abs(delta) + _tense_penalty(delta, direction) / 30
        if best is None or key < best[0]:
            best = (key, y)
    return best[1]


def _weekday_date(anchor: dt.date, wd: int, rel: str | None, direction: int) -> dt.date:
    rel = (rel or "").lower()
    back = (anchor.isoweekday() - wd) % 7
    fwd = (wd - anchor.isoweekday()) % 7
    if rel in ("last", "past", "this past", "the previous"):
        return anchor - dt.timedelta(days=back or 7)
    if rel in ("next", "coming", "the following"):
        return anchor + dt.timedelta(days=fwd or 7)
    if rel == "this":
        return week_of(anchor)[0] + dt.timedelta(days=wd - 1)
    if direction > 0:
        return anchor + dt.timedelta(days=fwd)
    return anchor - dt.timedelta(days=back)


def _day(d: dt.date, pod: str | None = None) -> tuple[str, str, str]:
    """(type, value, granularity) of a day, with a part of day making it a TIME."""
    if pod:
        code = _lex()["parts_day"].get(pod.lower())
        if code:
            return "TIME", f"{d.isoformat()}T{code}", "day"
    return "DATE", d.isoformat(), "day"


def _resolve(name: str, m: re.Match, anchor: dt.date, direction: Direction, american: bool = False) -> Found | None:
    lx = _lex()
    g = m.groupdict()
    s, e = m.span()
    if name in REPORT_FORMS:
        from . import time_forms

        return time_forms.resolve(name, m, anchor, direction, lx["months"], american)
    if name in PERIOD_FORMS:
        from . import time_periods

        return time_periods.resolve(name, m, anchor)

    def found(type_: str, value: str | None, begin=None, until=None, gran=None, anchored=True) -> Found:
        if value and begin is None and type_ in ("DATE", "TIME"):
            iv = interval_of(value)
            if iv:
                begin, until, gran2 = iv
                gran = gran or gran2
        return Found(s, e, type_, value, begin, until, gran, anchored)

    if name == "iso":
        try:
            d = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        except ValueError:
            return None
        return found("DATE", d.isoformat(), anchored=False)

    if name in ("mdy", "dmy"):
        mo = lx["months"][g["month"].lower()]
        if not _month_ok(m.string, m.start("month"), m.end("month"), g["month"], need_follow=False):
            return None
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None
        if g.get("year"):
            y = year_number(g["year"])
        else:
            from .time_forms import report_direction  # "15 December: clashes erupted ..."

            y = _closest_year(anchor, mo, min(day, 28), direction(s, e) or report_direction(m.string, s, e))
        try:
            d = dt.date(y, mo, day)
        except ValueError:
            return None
        return found("DATE", d.isoformat(), anchored=not g.get("year"))

    if name == "month_rel_year":
        if not _month_ok(m.string, m.start("month"), m.end("month"), g["month"], need_follow=False):
            return None
        mo = lx["months"][g["month"].lower().rstrip(".")]
        y = anchor.year + {"this": 0, "last": -1, "next": 1}[g["myrel"].lower()]
        return found("DATE", f"{y}-{mo:02d}")

    if name == "month":
        word = g["month"]
        if not _month_ok(m.string, m.start("month"), m.end("month"), word, need_follow=not (g.get("year") or g.get("pom") or g.get("mrel"))):
            return None
        mo = lx["months"][word.lower()]
        rel = g.get("mrel")
        if rel and rel.lower() == "the":
            rel = None
            s = m.start("month") if not g.get("year") else s
        if rel and rel.lower() in ("early", "late"):
            pom, rel = rel, None
        else:
            pom = g.get("pom")
        y = year_number(g["year"]) if g.get("year") else _month_year(anchor, mo, rel, direction(s, e))
        value = f"{y}-{mo:02d}"
        if pom:
            first, last, _mod = lx["parts_month"][pom.lower().strip()]
            last = last or calendar.monthrange(y, mo)[1]
            return Found(s, e, "DATE", value, dt.date(y, mo, first), dt.date(y, mo, last), "part_of_month",
                         anchored=not g.get("year"))
        return found("DATE", value, anchored=not g.get("year"))

    if name == "season":
        rel = (g.get("srel") or "").lower()
        if not rel and not g.get("year"):
            return None
        code, first, last = lx["seasons"][g["season"].lower()]
        if g.get("year"):
            y = year_number(g["year"])
        elif rel == "last":
            y = anchor.year - 1
        elif rel == "next":
            y = anchor.year + 1
        elif rel in ("this", "this past", "that", "the", "early", "late"):
            y = anchor.year
            if first > last and anchor.month <= last and rel != "next":  # "this winter" in January
                y -= 1
        else:
            y = anchor.year
        if rel == "the" and not g.get("year"):
            s = m.start("season") - 4 if m.string[m.start("season") - 4:m.start("season")].lower() == "the " else s
        return found("DATE", f"{y}-{code}", anchored=not g.get("year"))

    if name == "decade":
        mod = g.get("dmod")
        if g.get("dec"):
            dec = int(g["dec"]) // 10
        elif g.get("dec2"):
            if not m.group(0).lstrip().lower().startswith(("the", "'")) and "'" not in m.group(0):
                return None
            two = int(g["dec2"])
            century = anchor.year // 100 * 100
            dec = (century + two if century + two <= anchor.year else century - 100 + two) // 10
        else:
            if not m.group(0).lower().startswith("the"):
                return None
            dec = (anchor.year // 100) * 10 + lx["decades"][g["decw"].lower()]
            if dec * 10 > anchor.year:
                dec -= 10
        begin, until = dt.date(dec * 10, 1, 1), dt.date(dec * 10 + 9, 12, 31)
        if mod:
            mod = mod.lower()
            begin, until = {"early": (begin, dt.date(dec * 10 + 3, 12, 31)),
                            "mid": (dt.date(dec * 10 + 3, 1, 1), dt.date(dec * 10 + 6, 12, 31)),
                            "late": (dt.date(dec * 10 + 7, 1, 1), until)}[mod]
        return Found(s, e, "DATE", str(dec), begin, until, "decade", anchored=False)

    if name == "century":
        c = int(g["cent"])
        if not 1 <= c <= 22:
            return None
        return found("DATE", f"{c - 1:02d}", anchored=False)

    if name == "quarter":
        q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "final": 4}[g["q"].lower()]
        if g.get("year") or g.get("qyear"):
            y = year_number(g.get("year") or g["qyear"])  # "the 1988 third quarter"
        elif g.get("qyr"):
            y = anchor.year + {"this": 0, "last": -1, "next": 1}[g["qyr"].lower()]  # "next year's first quarter"
        else:
            current = (anchor.month - 1) // 3 + 1
            y = anchor.year if q <= current or direction(s, e) > 0 else anchor.year - 1
            if (g.get("qrel") or "").lower() in ("year-ago", "year-earlier"):
                y -= 1
        return found("DATE", f"{y}-Q{q}", anchored=not (g.get("year") or g.get("qyear")))

    if name == "half":
        h = 1 if (g["h"] or g["h2"]).lower() == "first" else 2  # "the first two quarters of 1990": 1990-H1
        if not g.get("year") and "year" not in m.group(0).lower():
            return None
        y = year_number(g["year"]) if g.get("year") else anchor.year
        return found("DATE", f"{y}-H{h}", anchored=not g.get("year"))

    if name == "fiscal":
        return found("DATE", str(year_number(g["year"])), anchored=False)

    if name == "year":
        y = year_number(g["year"])
        if not _year_ok(m.string, m.start("year"), m.end("year")):
            return None
        if g.get("ymod"):
            mod = g["ymod"].lower()
            begin, until = {"early": (dt.date(y, 1, 1), dt.date(y, 4, 30)), "mid": (dt.date(y, 5, 1), dt.date(y, 8, 31)),
                            "late": (dt.date(y, 9, 1), dt.date(y, 12, 31))}[mod]
            return Found(s, e, "DATE", str(y), begin, until, "year", anchored=False)
        return found("DATE", str(y), anchored=False)

    if name == "relday":
        rd = g["rd"].lower()
        off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
               "the day after tomorrow": 2}[rd]
        d = anchor + dt.timedelta(days=off)
        pod = g.get("pod") or g.get("prepod") or ("night" if rd == "tonight" else None)
        t, v, gran = _day(d, pod)
        return found(t, v, d, d, gran)

    if name == "nextday":
        nd = g["nd"].lower()
        shift = -1 if ("before" in nd or "previous" in nd) else 1
        d = anchor + dt.timedelta(days=shift)
        t, v, gran = _day(d, (g.get("pod3") or "").lower() or None)
        f = found(t, v, d, d, gran)
        if f is not None:
            f.ref_shift = (shift, "day")  # from the day last named, as "the next day"
        return f

    if name == "thisday":
        tp = g["tp"].lower()
        pod = g["pod2"].lower()
        off = {"this": 0, "tomorrow": 1, "yesterday": -1, "last": -1 if pod in ("night", "evening") else 0}[tp]
        d = anchor + dt.timedelta(days=off)
        t, v, gran = _day(d, pod)
        return found(t, v, d, d, gran)

    if name == "weekday":
        word = g["wday"]
        if not word[0].isupper():
            return None
        if word.lower() in ("sun", "sat", "wed", "mon"):
            return None  # "The Sun", "sat": only the full name or "Sat." is a day
        follow = re.match(r"\s+([A-Z][a-z]+)", m.string[e:e + 20])
        dated = re.search(r"\b(?:on|since|until|till|by)\s+$", m.string[max(0, s - 8):s], re.I)
        if not g.get("pod") and follow and follow.group(1).lower() not in lx["months"] and not dated:
            # "The Sunday Times", "Good Friday Agreement", "Bloody Sunday March"; but "and on Sunday
            # Mali's military government cut ties" is a day
            return None
        wd = lx["weekdays"][word.lower().rstrip(".")]
        d = _weekday_date(anchor, wd, g.get("wrel"), direction(s, e))
        t, v, gran = _day(d, g.get("pod"))
        f = found(t, v, d, d, gran)
        if (g.get("wrel") or "").lower() in ("the previous", "the following"):
            f.ref_weekday = (-1 if g["wrel"].lower() == "the previous" else 1, wd)
        return f

    if name == "weekend":
        rel = (g["wrel2"] or "the").lower()
        dirn = direction(s, e)
        monday, _ = week_of(anchor)
        sat_this = monday + dt.timedelta(days=5)
        if rel in ("last", "this past", "the past"):
            sat = sat_this - dt.timedelta(days=7) if anchor < sat_this + dt.timedelta(days=2) else sat_this
            if anchor.isoweekday() >= 6 and rel == "last":
                sat = sat_this - dt.timedelta(days=7)
        elif rel in ("next", "the coming"):
            sat = sat_this if anchor < sat_this else sat_this + dt.timedelta(days=7)
        elif anchor.isoweekday() >= 6:
            sat = sat_this
        elif dirn > 0 or rel == "this" and dirn >= 0:
            sat = sat_this
        else:
            sat = sat_this - dt.timedelta(days=7)
        value = week_value(sat) + "-WE"
        return Found(s, e, "DATE", value, sat, sat + dt.timedelta(days=1), "weekend")

    if name == "span":
        if g.get("eday"):  # "later in the day": the day of the story
            return Found(s, e, "DATE", anchor.isoformat(), anchor, anchor, "day")
        edge, rel, unit = g["edge"].lower(), g["erel"].lower(), g["eunit"].lower()
        shift = {"this": 0, "last": -1, "next": 1}.get(rel, 0)  # "earlier in the week": this week
        if unit == "week":
            begin, until = week_of(anchor + dt.timedelta(days=7 * shift))
            value = week_value(begin)
        elif unit == "month":
            first = add_months(anchor.replace(day=1), shift)
            begin, until = first, month_end(first.year, first.month)
            value = f"{first.year}-{first.month:02d}"
        else:
            begin, until = dt.date(anchor.year + shift, 1, 1), dt.date(anchor.year + shift, 12, 31)
            value = str(anchor.year + shift)
        if shift == 0:
            if edge == "earlier":
                until = max(begin, anchor - dt.timedelta(days=1))
            else:
                begin = min(until, anchor + dt.timedelta(days=1))
        return Found(s, e, "DATE", value, begin, until, unit)

    if name == "relunit":
        return _relunit(m, g, anchor, direction, s, e)

    if name == "nth_day":
        return Found(m.start("nth"), m.end("nth"), "DATE", anchor.isoformat(), anchor, anchor, "day")

    if name == "approx":
        return Found(m.start("anum"), e, "DATE", "FUTURE_REF")

    if name == "ellipsis":
        return _relunit_value(anchor, -1, g["elu"].lower(), m.start("ell"), m.end("ell"))

    if name == "ago":
        n = _number(g["num"])
        letter, gran = lx["units"][g["unit"].lower()]
        back = g["dir"].lower() in ("ago", "earlier", "before")
        # "three days later", "a day earlier": a distance from another time, not from the
        # publication as "ago" is; below a year (a year earlier in results is a date of its own)
        measured = g["dir"].lower() != "ago" and gran in ("minute", "hour", "day", "week", "month")
        k, unit_letter = (n * 2 if n else n, "W") if letter == "2W" else (n, letter[0])  # a fortnight: two weeks
        amount = (m.end("unit"), f"P{'T' if letter in ('H', 'MIN') else ''}{_fmt_num(k) if k else 'X'}{unit_letter}")
        if n is None:
            if measured:
                return Found(s, amount[0], "DURATION", amount[1])
            return Found(s, e, "DATE", "PAST_REF" if back else "FUTURE_REF", None, None, None)
        n = int(n) * (2 if letter == "2W" else 1) * (-1 if back else 1)
        f = _ago(anchor, n, gran, found)
        if f is not None and gran in ("year", "month", "day", "week"):
            f.ref_shift = (n, gran)
        if f is not None and measured:
            f.measure = amount
        if f is None and measured:
            return Found(s, amount[0], "DURATION", amount[1])  # "two hours later"
        return f or Found(s, e, "DATE", "PAST_REF" if back else "FUTURE_REF")

    if name == "ord_set":
        letter = {"day": "D", "week": "W", "month": "M", "year": "Y"}[g["sunit"].lower()]
        return Found(s, e, "SET", f"P1{letter}")

    if name == "every":
        if g.get("month"):
            if not g["month"][0].isupper():
                return None
            return Found(s, e, "SET", f"XXXX-{lx['months'][g['month'].lower()]:02d}")  # "each July"
        if g.get("wday"):
            if not g["wday"][0].isupper():
                return None
            wd = lx["weekdays"][g["wday"].lower().rstrip(".")]
            return Found(s, e, "SET", f"XXXX-WXX-{wd}")
        eu = g["eu"].lower()
        value = {"day": "P1D", "night": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "morning": "XXXX-XX-XXTMO",
                 "evening": "XXXX-XX-XXTEV", "weekend": "XXXX-WXX-WE", "summer": "XXXX-SU", "winter": "XXXX-WI",
                 "spring": "XXXX-SP", "autumn": "XXXX-FA", "fall": "XXXX-FA"}[eu]
        return Found(s, e, "SET", value)

    if name == "plural_wday":
        wd = lx["weekdays"][g["pwd"].lower()[:-1]]
        return Found(m.start("pwd"), e, "SET", f"XXXX-WXX-{wd}")

    if name == "setadv":
        return Found(s, e, "SET", lx["sets"][g["setw"].lower()])

    if name == "units":
        letter = lx["units"][(g["bunit"] or g["bunit2"]).lower()][0]
        return Found(s, e, "DURATION", f"PX{letter}")

    if name == "duration":
        n = _number(g["num"])
        unit = g["dunit"].lower()
        if n is not None and (g.get("frac") or g.get("half")):
            # "2 1/2 years", "a minute and a half": in the next smaller unit where the half is not whole
            n += 0.5
            smaller = {"Y": (12, "M"), "D": (24, "H"), "H": (60, "MIN"), "MIN": (60, "S")}
            letter0 = lx["units"][unit][0]
            if letter0 in smaller:
                k, small = smaller[letter0]
                whole, rest = int(n), int(k / 2)
                if letter0 in ("H", "MIN"):
                    return Found(s, e, "DURATION", f"PT{whole}{letter0[0]}{rest}{small[0]}" if whole else f"PT{rest}{small[0]}")
                if small == "H":
                    return Found(s, e, "DURATION", f"P{whole}DT{rest}H" if whole else f"PT{rest}H")
                return Found(s, e, "DURATION", f"P{whole}Y{rest}M" if whole else f"P{rest}M")
        letter, gran = lx["units"][unit]
        if letter == "WE":
            return None
        if g["num"].lower() in ("a", "an") and m.group(0)[len(g["num"])] == "-":
            return None
        if m.group(0).lower() == "one day" and re.search(r"\b(?:will|would|could|might|may|can|shall)\s+$", m.string[max(0, s - 8):s]):
            return Found(s, e, "DATE", "FUTURE_REF")  # "Islam will one day be the second largest religion"
        if letter == "Q" and re.match(r"\s+of\b", m.string[e:e + 4]):
            return None  # "a quarter of the displaced", "three-quarters of its food": shares
        if n is None:
            value = f"PX{letter}" if letter not in ("H", "MIN") else f"PTX{letter[0]}"
        else:
            if letter == "2W":
                n, letter = n * 2, "W"
            value = f"PT{_fmt_num(n)}{letter[0]}" if letter in ("H", "MIN") else f"P{_fmt_num(n)}{letter}"
        begin = until = None
        adjective = "-" in m.group(0)[len(g["num"]):]
        if adjective and n and gran in ("year", "month", "week", "day") and direction(s, e) <= 0:
            # "a seven-year conflict": the span up to the publication, at the unit's granularity
            begin = _back(anchor, int(n), gran)
            until = anchor
        return Found(s, e, "DURATION", value, begin, until, gran)

    if name == "ref":
        value, use, unless_next = lx["refs"][g["ref"].lower()]
        after = re.match(r"\s*([A-Za-z][\w-]*)", m.string[e:e + 40])
        if use == "modifier" and not (after and m.string[e:e + 1] == " "):
            return None  # "the current" of a river; "the future" is an entry of its own
        if after and after.group(1).lower() in unless_next:
            return None  # "soon after", "as soon as", "the current account"
        if value == "PRESENT_REF":
            return Found(s, e, "DATE", value, anchor, anchor, "day")
        return Found(s, e, "DURATION" if re.match(r"P[\dX]", value) else "DATE", value)

    if name == "clock":
        if g.get("noon"):
            hh, mm = (12 if g["noon"].lower() == "noon" else 0), 0
        else:
            hh, mm = int(g["hh"]), int(g["mm"] or 0)
            if hh > 12:
                return None
            if g["ampm"].lower().startswith("p") and hh < 12:
                hh += 12
            if g["ampm"].lower().startswith("a") and hh == 12:
                hh = 0
        return Found(s, e, "TIME", f"{anchor.isoformat()}T{hh:02d}:{mm:02d}", anchor, anchor, "time")
    return None


def _ago(anchor: dt.date, n: int, gran: str, found) -> Found | None:
    if gran == "day":
        return found("DATE", (anchor + dt.timedelta(days=n)).isoformat())
    if gran == "week":
        return found("DATE", week_value(anchor + dt.timedelta(days=7 * n)))
    if gran == "month":
        d = add_months(anchor, n)
        return found("DATE", f"{d.year}-{d.month:02d}")
    if gran == "year":
        return found("DATE", str(anchor.year + n))
    if gran == "decade":
        return found("DATE", str((anchor.year + 10 * n) // 10))
    return None


def shift_value(value: str, n: int, unit: str) -> str | None:
    """A TIMEX3 date value moved by ``n`` units, keeping its granularity ("1989-Q3", -1 year -> "1988-Q3")."""
    if unit == "year":
        if m := re.fullmatch(r"(\d{4})(-.*)?", value):
            rest = m[2] or ""
            if rest == "-02-29":
                rest = "-02-28"
            return f"{int(m[1]) + n}{rest}"
        return None
    iv = interval_of(value)
    if iv is None:
        return None
    begin, _, gran = iv
    if unit == "month" and gran in ("month", "day"):
        d = add_months(begin, n)
        return f"{d.year}-{d.month:02d}" if gran == "month" else d.isoformat()
    if unit in ("day", "week") and gran == "day":
        return (begin + dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    return None


def _back(anchor: dt.date, n: int, gran: str) -> dt.date:
    if gran == "year":
        return dt.date(anchor.year - n, 1, 1)
    if gran == "month":
        return add_months(anchor.replace(day=1), -n)
    if gran == "week":
        return week_of(anchor - dt.timedelta(days=7 * n))[0]
    return anchor - dt.timedelta(days=n)


def _relunit(m: re.Match, g: dict, anchor: dt.date, direction: Direction, s: int, e: int) -> Found | None:
    lx = _lex()
    rel = g["rel"].lower()
    unit = g["runit"].lower()
    letter, gran = lx["units"][unit]
    pre = (g.get("pre") or "").lower()
    n_word = g.get("rnum")
    plural = unit.endswith("s") and unit not in ("hours",) or unit in ("hours", "minutes")
    if plural and not n_word and f"{rel} {unit}" in lx["refs"]:
        return None  # "in coming months", "in past years": a vague reference (references.tsv)
    if pre in ("in", "during", "for") and not n_word and not plural and rel not in ("the next", "the coming", "the past", "the last"):
        s = m.start("rel")  # "in this year": the preposition is not part of the expression
    if gran == "year" and not (n_word or plural) and rel in ("the past", "the last") and pre != "for":
        # "over the past year": TIMEX3 names the year before the publication's; the interval
        # is the twelve months up to the publication
        return Found(m.start("rel"), e, "DATE", str(anchor.year - 1), add_months(anchor, -12), anchor, "year")
    if n_word or plural or rel in ("the past", "the last", "the next", "the coming", "the following") and pre in ("within", "over", "for", "during", "throughout", "in"):
        # a duration anchored at the publication: "the past two weeks", "within the next month"
        n = _number(n_word) if n_word else (None if plural else 1)
        if letter == "WE":
            return None
        if letter == "2W":
            letter, n = "W", (n or 1) * 2
        value = (f"P{_fmt_num(n)}{letter}" if n else f"PX{letter}") if letter not in ("H", "MIN") else (
            f"PT{_fmt_num(n)}{letter[0]}" if n else f"PTX{letter[0]}")
        forward = rel in ("next", "the next", "coming", "the coming", "upcoming", "the following")
        begin = until = None
        if n and gran in ("day", "week", "month", "year", "decade"):
            k = int(n) * (10 if gran == "decade" else 1)
            g2 = "year" if gran == "decade" else gran
            if forward:
                begin = anchor
                until = {"day": anchor + dt.timedelta(days=k), "week": anchor + dt.timedelta(days=7 * k),
                         "month": add_months(anchor, k), "year": add_months(anchor, 12 * k)}[g2]
            elif rel in ("the past", "past", "the last", "last", "the previous", "previous"):
                begin = {"day": anchor - dt.timedelta(days=k), "week": anchor - dt.timedelta(days=7 * k),
                         "month": add_months(anchor, -k), "year": add_months(anchor, -12 * k)}[g2]
                until = anchor
        if rel in ("the last", "last") and gran == "decade" and not n_word:
            dec = anchor.year // 10 - 1
            return Found(s, e, "DATE", str(dec), dt.date(dec * 10, 1, 1), dt.date(dec * 10 + 9, 12, 31), "decade")
        return Found(s, e, "DURATION", value, begin, until, gran)
    shift = {"this": 0, "that": 0, "last": -1, "past": -1, "previous": -1, "the previous": -1, "the last": -1, "the past": -1,
             "this past": -1, "next": 1, "coming": 1, "upcoming": 1, "the next": 1, "the coming": 1, "the following": 1}[rel]
    if rel == "this past" and gran not in ("week", "weekend"):
        shift = 0
    if gran == "weekend":
        return None  # handled by the weekend rule
    f = _relunit_value(anchor, shift, gran, s, e)
    if f is not None and (rel in ("that", "the following", "the previous") or rel == "the next" and gran == "day"):
        # "that year", "the following month", "the next day": from the time last mentioned
        f.ref_shift = (shift, gran)
    return f


def _relunit_value(anchor: dt.date, shift: int, gran: str, s: int, e: int) -> Found | None:
    if gran == "day":
        d = anchor + dt.timedelta(days=shift)
        return Found(s, e, "DATE", d.isoformat(), d, d, "day")
    if gran == "week":
        begin, until = week_of(anchor + dt.timedelta(days=7 * shift))
        return Found(s, e, "DATE", week_value(begin), begin, until, "week")
    if gran == "month":
        first = add_months(anchor.replace(day=1), shift)
        return Found(s, e, "DATE", f"{first.year}-{first.month:02d}", first, month_end(first.year, first.month), "month")
    if gran == "quarter":
        q = (anchor.month - 1) // 3 + shift
        y = anchor.year + (q // 4)
        q = q % 4 + 1
        return Found(s, e, "DATE", f"{y}-Q{q}", dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q), "quarter")
    if gran == "year":
        y = anchor.year + shift
        return Found(s, e, "DATE", str(y), dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    if gran == "decade":
        dec = anchor.year // 10 + shift
        return Found(s, e, "DATE", str(dec), dt.date(dec * 10, 1, 1), dt.date(dec * 10 + 9, 12, 31), "decade")
    if gran == "century":
        c = anchor.year // 100 + shift
        return Found(s, e, "DATE", f"{c:02d}", dt.date(max(c * 100, 1), 1, 1), dt.date(c * 100 + 99, 12, 31), "century")
    return None


_MONTH_CONTEXT = re.compile(r"(?:\b(?:in|of|since|until|till|through|by|from|to|during|last|this|next|early|late|mid|"
                            r"the|a|an|before|after|between|and|or|end|beginning|start|middle)[\s-]*)$", re.IGNORECASE)


def _month_ok(text: str, start: int, end: int, word: str, need_follow: bool) -> bool:
    """Reject "may" the verb, "March" the walk, "Jan" the name: short or ambiguous month words
    need a capital and a date-like neighbour."""
    if not word[0].isupper():
        return False
    low = word.lower()
    abbrev = len(low) <= 4 and low not in ("june", "july") and low != "may"
    if abbrev and not text[end:end + 1] == "." and not re.match(r"\s+\d", text[end:]):
        return False
    if low in ("may", "march") or need_follow and low in ("june", "july", "august"):
        before = text[max(0, start - 20):start]
        after = text[end:end + 6]
        if not (_MONTH_CONTEXT.search(before) or re.match(r"\s+\d", after)):
            return False
        if low == "may" and re.match(r"\s+(?:be|have|not|also|well|still|the|a|an|\w+ed)\b", text[end:]):
            return False
    return True


def _year_ok(text: str, start: int, end: int) -> bool:
    """A bare four-digit number is a year unless it counts something ("2000 troops")."""
    after = text[end:end + 30]
    m = re.match(r"\s+([a-z]+)", after)
    if m and m.group(1) not in _YEAR_FOLLOWERS:
        # a year that modifies a noun after a determiner or a time preposition ("the 1987 crash",
        # "its 1988 recapitalization", "in 1990 will rise"), not a count of a plural ("the 2000 troops")
        if not (_YEAR_BEFORE.search(text[max(0, start - 12):start]) and not m.group(1).endswith("s")):
            return False
    if re.match(r"[-–]\w", after):  # "1,000-kilometer", "2021-22" handled by others
        return bool(re.match(r"[-–]\d\d\b", after))
    before = text[max(0, start - 12):start].lower()
    if re.search(r"\b(?:no\.|number|resolution|article|flight|route|rule|at|about|some|over|than|to)\s*$", before):
        if not re.search(r"\b(?:in|since|by|until|from|of)\s+\w*\s*$", before) and re.search(r"\b(?:at|about|some|over|than|no\.|number|resolution|article|flight|route|rule)\s*$", before):
            return False
    return True


_YEAR_BEFORE = re.compile(r"(?:\b(?:the|its|their|his|her|our|this|that|a|in|since|during|until|year)|\w['’]s)\s+$", re.IGNORECASE)

_YEAR_FOLLOWERS = frozenset(
    "and or to when after before that the a an in on at by for was were is are as with which while elections election "
    "election's census budget season summit war crisis coup revolution dissolution invasion annexation agreement accord "
    "accords treaty protests protest uprising olympics games world cup memorandum level levels figure figures deal "
    "report law constitution referendum vote campaign attack attacks conflict talks meeting decision sanctions act "
    "plan levels through until onwards onward but so he she it they we his her its their of from has have had will would".split())


#: the forms ``time_forms`` resolves (numeric dates, ranges, "overnight", "late last year")
REPORT_FORMS = frozenset({"numeric", "num_range", "day_range", "overnight", "part_of_day", "edge", "vague_ago"})
#: the forms ``time_periods`` resolves (reporting periods: "the latest quarter", "the year-ago period")
PERIOD_FORMS = frozenset({"period", "year_adj", "the_year", "year_end"})


def find(text: str, anchor: dt.date, direction: Direction | None = None, *,
         month_first: bool | None = None) -> list[Found]:
    """Every time expression in ``text``, resolved against ``anchor`` (leftmost-longest, no overlaps).
    Numeric dates are read day first unless ``month_first`` (by default: where the text writes
    its dates "May 26, 2017")."""
    from .time_forms import eve_of, month_first as american_style
    from .time_periods import appositions, comparison_bases, quarter_ended, resolve_references as period_references

    direction = direction or (lambda s, e: 0)
    american = american_style(text) if month_first is None else month_first
    candidates: list[Found] = []
    for order, (name, rx) in enumerate(_patterns()):
        for m in rx.finditer(text):
            try:
                f = _resolve(name, m, anchor, direction, american)
            except (ValueError, KeyError, OverflowError):
                f = None
            if f is not None and f.end > f.start:
                candidates.append((f, order))
    # leftmost-longest; at equal spans the earlier pattern wins
    candidates.sort(key=lambda fo: (-(fo[0].end - fo[0].start), fo[0].start, fo[1]))
    taken: list[Found] = []
    for f, _ in candidates:
        if any(f.start < t.end and t.start < f.end for t in taken):
            continue
        taken.append(f)
    taken.sort(key=lambda f: f.start)
    eve_of(taken, text)
    comparison_bases(taken, text)
    quarter_ended(taken, text)
    period_references(taken, anchor)
    appositions(taken, text)
    _from_reference(taken, text)
    _clock_on_day(taken, text)
    _near_clock(taken, text)
    _since(taken, text, anchor)
    for f in taken:
        if f.measure:
            f.end, f.value = f.measure
            f.type = "DURATION"
    return taken


def _clock_on_day(found: list[Found], text: str) -> None:
    """A clock time next to a day ("next Thursday at 10 a.m.", "noon Thursday") is on that day;
    "10 p.m. Wednesday" and "noon Thursday" become one expression (TIMEX3 does the same)."""
    merged: set[int] = set()
    for i, f in enumerate(found):
        if f.type != "TIME" or f.granularity != "time" or "T" not in (f.value or ""):
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(found):
                continue
            day = found[j]
            gap = text[day.end:f.start] if j < i else text[f.end:day.start]
            if day.granularity == "day" and day.begin and re.fullmatch(
                    r"\s*(?:[A-Z]{2,4}T?|GMT|UTC|local time|Moscow time|Kyiv time)?\s*,?\s*(?:at|on|of)?\s*", gap):
                f.value = day.begin.isoformat() + f.value[f.value.index("T"):]
                f.begin = f.until = day.begin
                f.on_day = True
                if j > i and not gap.strip():
                    f.end = day.end
                    merged.add(j)
                break
    found[:] = [f for k, f in enumerate(found) if k not in merged]


#: "several minutes after", "about an hour before": a little time off a clock time, which it stays
NEAR_CLOCK = re.compile(r"(?i)\s+(?:after|before|past)\s+(?:about\s+|around\s+)?")


def _near_clock(found: list[Found], text: str) -> None:
    """A span of minutes or hours just after or before a clock time ("several minutes after 2 p.m.
    Saturday") is one expression with it: the time of day, on the clock time's day."""
    gone: set[int] = set()
    for i in range(len(found) - 1):
        d, f = found[i], found[i + 1]
        if d.type == "DURATION" and re.fullmatch(r"PT(?:\d+|X)[MH]", d.value or "") and f.type == "TIME" \
                and NEAR_CLOCK.fullmatch(text[d.end:f.start]):
            f.start = d.start
            gone.add(i)
    found[:] = [f for k, f in enumerate(found) if k not in gone]


def _since(found: list[Found], text: str, anchor: dt.date) -> None:
    """"since Friday", "since 2021": from then up to the publication (coding-conventions 8); the
    TIMEX3 value stays the time named."""
    for f in found:
        if f.type in ("DATE", "TIME") and f.begin and f.until and f.until < anchor <= f.begin + dt.timedelta(days=36600) \
                and re.search(r"(?i)\bsince\s+$", text[max(0, f.start - 12):f.start]):
            f.until = anchor


_QUARTER = re.compile(r"\d{4}-Q\d")
#: a reporting period of months ("the first nine months"), after which "a year earlier" is a year
MONTHS_PERIOD = re.compile(r"P(?:[6-9]|1[01])M")
_PERIOD_END = re.compile(r"\s+(?:ended|ending)\s+(?:on\s+)?")

#: how far back (characters) the time last mentioned may be for "a year earlier", "that year"
REFERENCE_WINDOW = 600


#: the words before the day of a telling: "said on Monday", "told reporters on Monday", "announced Monday"
_TELLING = re.compile(r"\b(?:said|says|told\s+(?:\w+\s+){0,2}|announced|reported|added|stated|confirmed)\s+(?:on\s+|late\s+on\s+)?$",
                      re.I)


def _from_reference(found: list[Found], text: str) -> None:
    """Resolve "a year earlier", "the following month", "that year" against the date mentioned
    last before them (the reference time of the narrative), when there is one close by; the
    comparison keeps the reference's granularity ("third-quarter ... a year earlier": 1988-Q3)."""
    ref: Found | None = None
    prev: Found | None = None
    day: Found | None = None  # the day last named ("the previous Friday" is the one before it)
    for f in found:
        if f.ref_weekday and day is not None:  # anaphoric whatever the distance: "last Friday" is the deictic one
            sign, wd = f.ref_weekday
            days = (wd - day.begin.isoweekday()) % 7 if sign > 0 else (day.begin.isoweekday() - wd) % 7
            d = day.begin + dt.timedelta(days=sign * (days or 7))
            f.value = d.isoformat() + (f.value[10:] if f.value and "T" in f.value else "")
            f.begin = f.until = d
        # the quarter a results story reports stays its reference however far back it was named
        if f.ref_shift and ref is not None and (f.start - ref.end <= REFERENCE_WINDOW or _QUARTER.fullmatch(ref.value or "")):
            ref_value = ref.value
            n, unit = f.ref_shift
            phrase = text[f.start:f.end].lower()
            quarter_ref = bool(_QUARTER.fullmatch(ref_value or ""))
            ago = phrase.endswith(("ago", "from now", "hence"))
            finer = {"quarter": ("day", "week", "month", "quarter"), "week": ("day", "week")}.get(unit, ())
            distance = phrase.endswith(("earlier", "later", "before", "after"))  # "a fortnight later": from the day itself
            if not ago and not distance and ref.begin and ref.granularity in finer:
                # "that quarter", "the following week" after a day: the quarter or week that holds it
                moved = _relunit_value(ref.begin, n, unit, f.start, f.end)
                if moved is not None:
                    f.value, f.begin, f.until, f.granularity = moved.value, moved.begin, moved.until, moved.granularity
                    f.anchored = False
            elif not ago or (quarter_ref and unit == "year"):
                that = phrase.startswith("that")
                base = ref_value
                if not ago and not phrase.endswith(("earlier", "later")):
                    # "that year", "the following month": the reference at the unit's granularity
                    base = base[:{"year": 4, "month": 7}.get(unit, len(base))]
                value = base if that else shift_value(base, n, unit)
                iv = interval_of(value) if value else None
                if iv:
                    f.value, (f.begin, f.until, f.granularity) = value, iv
                    f.anchored = False
        if f.type in ("DATE", "TIME") and f.value and re.match(r"\d{4}", f.value) and not f.ref_shift and not f.background and (
                f.quarter_ref is None or f.quarter_ref[1] == 0) and not (
                prev is not None and prev.granularity == "quarter" and _PERIOD_END.fullmatch(text[prev.end:f.start])):
            # not "the year-ago quarter", nor the day "the quarter ended Sept. 30" ends on: the
            # quarter stays the time told about; nor the day a report was made, after the day of
            # what it told ("attacked Goma on Saturday, officials said on Monday. Two days later":
            # Monday is no reference)
            if ref is not None and f.granularity == "day" and _TELLING.search(text[max(0, f.start - 40):f.start]):
                prev = f
                continue
            ref = f
            if f.type == "DATE" and f.granularity == "day" and f.begin:
                day = f
        elif f.type == "DURATION" and MONTHS_PERIOD.fullmatch(f.value or ""):
            # "For the nine months, net rose from $163 million a year earlier": the year before,
            # no quarter (as ``time_periods.resolve_references`` reads "the 1988 period" there)
            ref = None
        prev = f
