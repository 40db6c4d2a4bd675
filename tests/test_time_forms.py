"""Dates the way conflict-event reports and wire copy write them (``stages/time_forms.py``).

The sentences are written the way conflict-data coders write short event reports from the Horn
of Africa (day-month datelines, numeric dates, "overnight") and the way wire copy reports claims.
"""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.stages import time_rules

PUBLISHED = dt.date(2017, 7, 4)  # a Tuesday


def found(text, anchor=PUBLISHED, **kw):
    """(text, value, begin, until) of every expression, offsets checked against ``text``."""
    return [(text[f.start:f.end], f.value, str(f.begin), str(f.until)) for f in time_rules.find(text, anchor, **kw)]


@pytest.mark.parametrize("text, expected", [
    # a day-month dateline opens the report: it is in the past of the publication
    ("02 July. Al Shabaab militants attacked a police post in Mandera.", ("02 July", "2017-07-02", "2017-07-02", "2017-07-02")),
    ("15 December: Clashes erupted between Oromo and Somali militias near Moyale.",
     ("15 December", "2016-12-15", "2016-12-15", "2016-12-15")),
    # numeric dates: day first
    ("Police said on 26/05/2017 that gunmen killed three herders.", ("26/05/2017", "2017-05-26", "2017-05-26", "2017-05-26")),
    ("The court adjourned the case on 03.06.2017.", ("03.06.2017", "2017-06-03", "2017-06-03", "2017-06-03")),
    # ranges: one expression whose interval covers them
    ("Fighting was reported between 28/11/2016 and 2/12/2016 in Galkayo.",
     ("between 28/11/2016 and 2/12/2016", "2016-11-28", "2016-11-28", "2016-12-02")),
    ("Troops were deployed from 3 to 5 July 2017.", ("from 3 to 5 July 2017", "2017-07-03", "2017-07-03", "2017-07-05")),
    ("Talks were held between 28 November and 2 December 2016.",
     ("between 28 November and 2 December 2016", "2016-11-28", "2016-11-28", "2016-12-02")),
    # the night before the publication day
    ("Militants shelled the town overnight, residents said.", ("overnight", "2017-07-03TNI", "2017-07-03", "2017-07-04")),
    # the edge of a unit
    ("The offensive began late last year.", ("late last year", "2016", "2016-09-01", "2016-12-31")),
    ("Aid convoys were blocked early this month.", ("early this month", "2017-07", "2017-07-01", "2017-07-10")),
    ("Earlier this month, troops moved into the district.", ("Earlier this month", "2017-07", "2017-07-01", "2017-07-03")),
    # a part of day named alone: on the publication day until the story gives it a day
    ("Gunmen attacked the village early in the morning, residents said.",
     ("early in the morning", "2017-07-04TMO", "2017-07-04", "2017-07-04")),
    ("Troops shelled the camp late at night.", ("late at night", "2017-07-04TNI", "2017-07-04", "2017-07-04")),
    ("The early morning raid killed two herders.", ("early morning", "2017-07-04TMO", "2017-07-04", "2017-07-04")),
    # ... and on the day named beside it
    ("Fighters stormed the base in the early hours of Saturday.",
     ("in the early hours", "2017-07-01TMO", "2017-07-01", "2017-07-01")),
    ("Soldiers raided the market at dawn on Monday.", ("at dawn", "2017-07-03TMO", "2017-07-03", "2017-07-03")),
    # a few minutes off a clock time is that time
    ("Several minutes after 2 p.m. Saturday, two car bombs exploded.",
     ("Several minutes after 2 p.m. Saturday", "2017-07-01T14:00", "2017-07-01", "2017-07-01")),
    # "since X": from then up to the publication; the TIMEX3 value stays X
    ("Police have arrested 12 people since Friday evening.", ("Friday evening", "2017-06-30TEV", "2017-06-30", "2017-07-04")),
    ("Protests have continued since March 5.", ("March 5", "2017-03-05", "2017-03-05", "2017-07-04")),
    ("The group has controlled the district since 2013.", ("2013", "2013", "2013-01-01", "2017-07-04")),
    # "the next day" counts from the day the story last named
    ("Troops entered the town on Friday. Militants attacked a checkpoint the next day.",
     ("the next day", "2017-07-01", "2017-07-01", "2017-07-01")),
    # the eve of a date: the day before
    ("Gunmen attacked a polling station on the eve of 26 June.", ("on the eve of 26 June", "2017-06-25", "2017-06-25", "2017-06-25")),
])
def test_report_dates(text, expected):
    assert expected in found(text)


def test_a_numeric_range_without_year_takes_the_nearest_year():
    assert found("Fighting was reported between 28/11 and 30/11 in Galkayo.", dt.date(2016, 12, 5)) == [
        ("between 28/11 and 30/11", "2016-11-28", "2016-11-28", "2016-11-30")]


def test_numeric_dates_are_month_first_where_the_article_writes_american_dates():
    text = "On May 26, 2017, police said the suspect was arrested on 5/6/2017."
    assert ("5/6/2017", "2017-05-06", "2017-05-06", "2017-05-06") in found(text)
    assert ("5/6/2017", "2017-06-05", "2017-06-05", "2017-06-05") in found("Police said on 5/6/2017 that ...")
    # a first number above 12 is a day whatever the style
    assert found("On May 26, 2017 ... on 26/5/2017.")[-1][1] == "2017-05-26"


@pytest.mark.parametrize("text", [
    "The authorities imposed an overnight curfew.",   # a kind of curfew, not a time
    "They held a weekend of talks in Addis Ababa.",   # a weekend of ..., not a date
    "The ceasefire is version 3.5.17 of the accord.",  # two-digit years after dots: not dates
])
def test_no_date(text):
    assert found(text) == []


@pytest.fixture(scope="module")
def parse(time_only):
    return lambda text, triggers, published=PUBLISHED: time_only(text, triggers, published)


def test_a_claimed_action_takes_the_date_of_its_own_clause(parse):
    a = parse("Al Shabaab on Tuesday claimed responsibility for a weekend suicide bombing in Mogadishu.",
              ["claimed", "bombing"])
    claimed, bombing = a.events
    assert (claimed.date.start, claimed.date.text) == ("2017-07-04", "Tuesday")
    assert (bombing.date.start, bombing.date.end, bombing.date.text) == ("2017-07-01", "2017-07-02", "a weekend")


def test_a_dateline_dates_the_report_after_it(parse):
    a = parse("02 July. Al Shabaab militants attacked a police post in Mandera.", ["attacked"])
    (attacked,) = a.events
    assert attacked.date.start == attacked.date.end == "2017-07-02"


@pytest.mark.parametrize("text, published, value", [
    ("The rebels seized the town last April.", dt.date(1989, 11, 2), "1989-04"),   # the April just past
    ("The rebels seized the town last December.", dt.date(1989, 11, 2), "1988-12"),
])
def test_last_month_name_is_the_most_recent_such_month(text, published, value):
    assert [v for _t, v, _b, _u in found(text, published)] == [value]


@pytest.mark.parametrize("text, expected", [
    # a vague distance back from the publication (2020-01-03): an interval
    ("Only days earlier, militia members had stormed the US Embassy in Baghdad.",
     ("Only days earlier", "2019-12-27/2020-01-02", "2019-12-27", "2020-01-02")),
    # "earlier in the week" is "earlier this week"
    ("The rockets were fired in retaliation for US airstrikes earlier in the week.",
     ("earlier in the week", "2020-W01", "2019-12-30", "2020-01-02")),
])
def test_vague_dates_back_from_the_publication(text, expected):
    assert found(text, dt.date(2020, 1, 3)) == [expected]


@pytest.mark.parametrize("text, expected", [
    # a report on a quarter names it, then compares it with the same quarter a year before
    ("Third-quarter revenue of the state oil company fell. In the year-ago quarter, it earned $2 million. "
     "Year-earlier results were restated, and the latest period includes a one-time gain.",
     [("Third-quarter", "1989-Q3"), ("the year-ago quarter", "1988-Q3"), ("Year-earlier", "1988-Q3"),
      ("the latest period", "1989-Q3")]),
    ("In the 1988 second quarter, the ministry spent more; the reform takes effect in next year's first quarter.",
     [("the 1988 second quarter", "1988-Q2"), ("next year's first quarter", "1990-Q1")]),
    # the year of the report, and a year that ended on a date (a duration)
    ("Arms imports for the full year will fall, the agency said; for the year ended June 30, 1989, they rose.",
     [("the full year", "1989"), ("the year", "P1Y"), ("June 30, 1989", "1989-06-30")]),
    # with no quarter mentioned: the last one ended
    ("Refugee arrivals rose in the quarter, the agency said.", [("the quarter", "1989-Q3")]),
    # "the year-earlier nine months" is a duration, not the year-earlier quarter
    ("Net for the year-earlier nine months included a gain.", [("nine months", "P9M")]),
])
def test_reporting_periods(text, expected):
    assert [(t, v) for t, v, _b, _u in found(text, dt.date(1989, 11, 2))] == expected


@pytest.mark.parametrize("text", [
    "The talks covered the period of the ceasefire.",     # "the period": any stretch of time
    "A quarter of the displaced are children.",            # a share, not a quarter of the year
    "Iraq imports about three-quarters of its food.",
])
def test_no_reporting_period(text):
    assert found(text, dt.date(1989, 11, 2)) == []


@pytest.mark.parametrize("text, expected", [
    # written for flashpoint: a day next to the one last named (coding-conventions 8: "a day later",
    # "the previous day" are the day after / before the reference)
    ("Rebels attacked Goma on Saturday, July 1. The following morning, the army shelled Sake.",
     ("The following morning", "2017-07-02")),
    ("Rebels attacked Goma on Saturday, July 1. The army had shelled Sake the day before.",
     ("the day before", "2017-06-30")),
])
def test_a_day_next_to_the_one_last_named(text, expected):
    got = {t: b for t, _v, b, _u in found(text)}
    assert got.get(expected[0]) == expected[1], got


def test_the_day_before_an_event_is_not_a_day_next_to_the_last_named():
    assert "the day before" not in {t for t, *_ in found("The army shelled Sake the day before the election.")}


def test_a_day_of_telling_is_no_reference_for_a_distance():
    # written for flashpoint: "two days later" counts from the attack, not from the officials' telling
    text = "M23 rebels attacked Goma on Saturday, July 1, officials said on Monday. Two days later, the army shelled Sake."
    got = {t: b for t, _v, b, _u in found(text)}
    assert got["Two days"] == "2017-07-03", got  # Saturday + 2, not Monday + 2
