"""Time expressions the way TIMEX3 (TempEval-3) writes them: vague references, years in words,
reporting periods, durations measured from another time, and the year a month without one takes.

The sentences are written for these tests in the style of wire copy and results stories; the
publication dates are the anchors a reader would have.
"""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.stages import time_rules

OCT_30 = dt.date(1989, 10, 30)  # a Monday


def found(text, anchor=OCT_30):
    """(text, type, value) of every expression, offsets checked against ``text``."""
    return [(text[f.start:f.end], f.type, f.value) for f in time_rules.find(text, anchor)]


@pytest.mark.parametrize("text, expected", [
    # vague references: "now", the past, the future
    ("Prosecutors may soon seek an indictment against the former chairman.", [("soon", "DATE", "FUTURE_REF")]),
    ("The company delayed construction because of current market conditions.", [("current", "DATE", "PRESENT_REF")]),
    ("A recent filing showed that the fund holds 14.6% of the shares.", [("recent", "DATE", "PAST_REF")]),
    ("The provision will eliminate all future losses at the unit.", [("future", "DATE", "FUTURE_REF")]),
    ("Holders may buy shares at 50% of the then current market price.", [("then current", "DATE", "PAST_REF")]),
    ("It will liquidate the printer maker as soon as possible.", [("as soon as possible", "DATE", "FUTURE_REF")]),
    ("Lenders have cut their exposure in recent months.", [("recent months", "DURATION", "PXM")]),
    ("The Fed expects the economy to slow in coming months.", [("coming months", "DATE", "FUTURE_REF")]),
    ("There were sell programs in past years, too.", [("past years", "DATE", "PAST_REF")]),
    # the same words where they are no time expression
    ("Trading halted soon after the opening bell, as soon as the news broke.", []),
    ("The current account deficit widened; the boat drifted with the current.", []),
    # years as broadcast transcripts spell them
    ("Keating's convictions were thrown out in nineteen ninety-six on a technicality.",
     [("nineteen ninety-six", "DATE", "1996")]),
    ("January nineteen ninety-seven. Atlanta again.", [("January nineteen ninety-seven", "DATE", "1997-01")]),
    ("Oil fell to the level we saw in the winter of nineteen ninety-four.",
     [("the winter of nineteen ninety-four", "DATE", "1994-WI")]),
    ("His promise to halve unemployment by the year two thousand has been abandoned.",
     [("the year two thousand", "DATE", "2000")]),
    # a year that modifies a noun, but not a count
    ("Investors adopted defensive measures after the 1987 crash.", [("1987", "DATE", "1987")]),
    ("That 1978 resolution calls for a withdrawal.", [("1978", "DATE", "1978")]),
    ("The army sent 2000 troops and the 1500 soldiers of the reserve.", []),
    # a colon after a date is no clock time
    ("The Times said in an editorial on Saturday, April 25: The court took a detour.",
     [("Saturday, April 25", "DATE", "1989-04-25")]),
])
def test_timex3_forms(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    # durations: halves, bare plural units
    ("Refugees lived in camps for 2 1/2 years.", ("2 1/2 years", "DURATION", "P2Y6M")),
    ("But a minute and a half later, another pilot called.", ("a minute and a half", "DURATION", "PT1M30S")),
    ("Troops are expected to be committed within weeks.", ("weeks", "DURATION", "PXW")),
    ("The merger follows months of twists and turns.", ("months", "DURATION", "PXM")),
    ("The business is growing for the first time in years.", ("years", "DURATION", "PXY")),
    # sets
    ("Average hourly earnings rose 4 cents.", ("hourly", "SET", "PT1H")),
    ("Orangemen march each July from their church.", ("each July", "SET", "XXXX-07")),
    # a part of day before the day; a period followed by "to" and an amount
    ("In London at mid-afternoon yesterday, the shares were up 2 pence.", ("mid-afternoon yesterday", "TIME", "1989-10-29TAF")),
    ("Revenue inched up 3.7% in the quarter to $2.35 billion.", ("the quarter", "DATE", "1989-Q3")),
    # a future told with a modal
    ("Islam will one day be the second largest religion in the country.", ("one day", "DATE", "FUTURE_REF")),
])
def test_durations_sets_and_one_day(text, expected):
    assert expected in found(text)


def test_the_days_of_a_phrase_are_not_a_duration():
    assert found("He named the days of the week.") == []


def test_the_past_year_is_the_year_before_with_the_twelve_months_as_interval():
    f, = time_rules.find("Hate groups grew sharply over the past year.", dt.date(1998, 3, 3))
    assert (f.type, f.value, str(f.begin), str(f.until)) == ("DATE", "1997", "1997-03-03", "1998-03-03")
    text = "Prices fell in the past two years."
    assert found(text, dt.date(1998, 3, 3)) == [("in the past two years", "DURATION", "P2Y")]


def test_a_month_without_year_and_without_tense_clue_is_the_one_gone_by():
    # published in October: March is seven months back and five ahead; news reports the past
    text = "The shares rose to a high of $42.875 in June from $29.75 in March."
    assert found(text) == [("June", "DATE", "1989-06"), ("March", "DATE", "1989-03")]
    # a month just ahead is still the coming one
    assert found("The offer expires in December.")[0][2] == "1989-12"


def test_the_quarter_ended_names_the_quarter_that_holds_most_of_its_months():
    text = "In the quarter ended July 31, Jayark had average sales of $2 million."
    assert found(text)[0] == ("the quarter", "DATE", "1989-Q2")
    text = "For the quarter ended Sept. 30, Delta posted net income of $1 million."
    assert found(text)[0] == ("the quarter", "DATE", "1989-Q3")
    # after a quarter named by its (fiscal) number, it is that one
    text = "Sun posted a fiscal first quarter loss. Sales for the quarter ended Sept. 29 rose 39%."
    assert [v for _, _, v in found(text)][:2] == ["1989-Q1", "1989-Q1"]


def test_periods_a_year_back_follow_the_quarter_or_the_months_last_named():
    text = ("Third-quarter net rose. These results compare with net income of $1.8 million for the "
            "corresponding period last year. U.K. sales for last year's quarter were $3 million.")
    assert found(text)[1:] == [("the corresponding period last year", "DATE", "1988-Q3"),
                               ("last year's quarter", "DATE", "1988-Q3")]
    text = ("Third-quarter net rose. In the first nine months, net was $306 million, compared with a loss of "
            "$195 million in the 1988 period. The year-ago results included a charge.")
    assert found(text)[1:] == [("nine months", "DURATION", "P9M"), ("the 1988 period", "DATE", "1988"),
                               ("year-ago", "DATE", "1988")]


def test_year_end_is_the_last_day_of_the_books():
    assert found("It expects to complete the sale by year-end.", dt.date(1989, 11, 2)) == [
        ("year-end", "DATE", "1989-12-31")]
    assert found("The index has risen 5% since year-end.") == [("year-end", "DATE", "1988-12-31")]


def test_days_later_is_a_duration_whose_interval_is_the_day_it_points_to():
    text = "Stocks plunged on Oct. 13. Three days later, the index recovered. Two years ago it fell too."
    out = [(text[f.start:f.end], f.type, f.value, str(f.begin)) for f in time_rules.find(text, OCT_30)]
    assert out == [("Oct. 13", "DATE", "1989-10-13", "1989-10-13"), ("Three days", "DURATION", "P3D", "1989-10-16"),
                   ("Two years ago", "DATE", "1987", "1987-01-01")]
    assert found("A few days later, the company announced cuts.") == [("A few days", "DURATION", "PXD")]
    f = time_rules.find("Talks began on Oct. 12. A fortnight later they failed.", OCT_30)[1]
    assert (f.type, f.value, str(f.begin)) == ("DURATION", "P2W", "1989-10-26")


def test_a_deadline_with_no_tense_looks_forward(analyze):
    a = analyze("The sale is part of the group's program to pay down its bridge loan by February.", OCT_30)
    assert [(t.span.text, t.value) for t in a.timexes] == [("February", "1990-02")]


def test_ahead_of_the_weekend_is_the_coming_one(analyze):
    a = analyze("Many traders had chosen to square positions ahead of the weekend.", OCT_30)
    assert [(t.span.text, t.value) for t in a.timexes] == [("the weekend", "1989-W44-WE")]


def test_a_month_in_a_clause_that_looks_forward_is_the_coming_one(analyze):
    a = analyze("Colonel Collins will be named commander of the shuttle for a mission in December.", dt.date(1998, 3, 4))
    assert [(t.span.text, t.value) for t in a.timexes] == [("December", "1998-12")]


def test_what_a_side_agreed_to_do_lies_ahead(analyze):
    a = analyze("Thermo Electron agreed to purchase the chromatography line for $22 million in February.", OCT_30)
    assert [(t.span.text, t.value) for t in a.timexes] == [("February", "1990-02")]


def test_later_in_the_day_is_the_day_of_the_story():
    assert found("The president arrived in Philadelphia later in the day.") == [("later in the day", "DATE", "1989-10-30")]


def test_a_month_that_names_a_thing_takes_no_tense_from_the_clause(analyze):
    a = analyze("Poughkeepsie is continuing to try to sell itself, under a June agreement with a dissident group.", OCT_30)
    assert [(t.span.text, t.value) for t in a.timexes] == [("June", "1989-06")]
