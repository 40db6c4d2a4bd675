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


def test_the_previous_weekday_is_the_one_before_the_day_last_named():
    # "last Friday" counts from the publication; "the previous Friday" from the day the story tells of
    text = ("London share prices closed sharply lower Friday. The index shed 47.3 points, down 4.5% from "
            "the previous Friday.")
    assert found(text) == [("Friday", "DATE", "1989-10-27"), ("the previous Friday", "DATE", "1989-10-20")]
    text = "The talks opened on Oct. 3. The following Monday they broke down."
    assert found(text)[1] == ("The following Monday", "DATE", "1989-10-09")
    # with no day named before, the publication's week
    assert found("Stocks were down from the previous Friday.") == [("the previous Friday", "DATE", "1989-10-27")]


def test_a_quarter_in_apposition_is_one_quarter_and_that_quarter_refers_to_it():
    text = ("Service Corp. expects to report net income of 15 cents a share for the third quarter. In the "
            "comparable year-ago quarter, the second quarter ended Oct. 31, Service Corp. had a loss of "
            "$12.5 million. Results for that quarter included a $30 million write-down.")
    assert found(text, dt.date(1989, 10, 27))[1:] == [
        ("the comparable year-ago quarter", "DATE", "1988-Q2"), ("the second quarter", "DATE", "1988-Q2"),
        ("Oct. 31", "DATE", "1988-10-31"), ("that quarter", "DATE", "1988-Q2")]
    # "that quarter", "the following week" after a day: the quarter or week that holds the day
    text = "Trading was halted on Aug. 9. Results for that quarter were poor; the following week it resumed."
    assert [v for _, _, v in found(text)] == ["1989-08-09", "1989-Q3", "1989-W33"]


def test_comparisons_with_a_quarter_follow_the_quarter_itself_not_its_last_day():
    text = ("Nu-West reported a loss for the fiscal-first quarter ended Sept. 30. The company had a net loss "
            "of C$2.3 million a year ago. Sales were C$348.2 million compared with C$307.2 a year earlier.")
    assert [v for _, _, v in found(text, dt.date(1989, 10, 26))] == ["1989-Q1", "1989-09-30", "1988-Q1", "1988-Q1"]
    # a day that ends no quarter stays the reference ("the six months ended Aug. 12" is a duration)
    text = "For the six months ended Aug. 12, Provigo posted net of C$6.5 million, compared with C$18.1 million a year earlier."
    assert found(text, dt.date(1989, 10, 26))[-1] == ("a year earlier", "DATE", "1988-08-12")


def test_a_quarter_named_as_the_base_of_a_comparison_is_not_the_one_reported():
    text = ("Kimberly-Clark posted a 20% gain in third-quarter net income. After a flat second quarter, the "
            "company attributed the gain to its consumer businesses. The comparison was enhanced by charges "
            "taken in the year-earlier period. In the 1989 period also, tax rates were lower than a year ago.")
    assert found(text, dt.date(1989, 11, 1)) == [
        ("third-quarter", "DATE", "1989-Q3"), ("second quarter", "DATE", "1989-Q2"),
        ("the year-earlier period", "DATE", "1988-Q3"), ("the 1989 period", "DATE", "1989-Q3"),
        ("a year ago", "DATE", "1988-Q3")]


@pytest.mark.parametrize("text, expected", [
    # halves written as quarters
    ("Analysts expect the slump to last through the first two quarters of 1990.",
     [("the first two quarters of 1990", "DATE", "1990-H1")]),
    # the unit a comparison leaves out
    ("Holders would get twice as high a dividend this year as last.",
     [("this year", "DATE", "1989"), ("last", "DATE", "1988")]),
    # "the year" before an amount is this year's, before "of" and a noun another's
    ("The stock rose to a high for the year of $42.875 a share.", [("the year", "DATE", "1989")]),
    ("It was the year of the crash.", []),
    # "to" and a word after "the latest quarter" is no clock time ("a quarter to Five")
    ("He expects revenue in the latest quarter to total about $28 million.",
     [("the latest quarter", "DATE", "1989-Q3")]),
    # an approximate distance ahead is a vague future
    ("You may, in a year or two, save a few more lives if you do sickest first.",
     [("a year or two", "DATE", "FUTURE_REF")]),
])
def test_results_and_approximations(text, expected):
    assert found(text) == expected


def test_a_past_tense_under_a_verb_that_looks_forward_is_backshifted(analyze):
    a = analyze("The chairman had suggested that friendly institutions were likely to buy its stock as soon "
                "as trading opened Monday.", dt.date(1989, 11, 1))
    assert [(t.span.text, t.value) for t in a.timexes] == [("Monday", "1989-11-06")]
    # the same clause under a past verb stays in the past
    a = analyze("Friendly institutions bought its stock as soon as trading opened Monday.", dt.date(1989, 11, 1))
    assert [(t.span.text, t.value) for t in a.timexes] == [("Monday", "1989-10-30")]


def test_a_participle_takes_the_forward_look_of_its_clause(analyze):
    text = ("Qantas said two new flights would leave Bombay from March 30, with the third departing each "
            "Thursday from August 6.")
    a = analyze(text, dt.date(1998, 2, 13))
    assert [(t.span.text, t.value) for t in a.timexes if t.type == "DATE"] == [
        ("March 30", "1998-03-30"), ("August 6", "1998-08-06")]
    # in a clause told in the past the same participle names the August gone by
    a = analyze("The flights left Bombay in March, with the third departing from August 6.", dt.date(1998, 2, 13))
    assert [(t.span.text, t.value) for t in a.timexes] == [("March", "1997-03"), ("August 6", "1997-08-06")]


def test_coordinated_vague_units_are_a_vague_past():
    assert found("Many funds in recent weeks and months have been selling their junk issues.") == [
        ("recent weeks and months", "DATE", "PAST_REF")]


def test_a_results_story_compares_with_its_quarter_however_far_back_it_was_named():
    filler = "The company also cited interest costs and amortization of goodwill as factors in the loss. " * 8
    text = f"Hadson expects to report a third-quarter net loss of $17 million. {filler}A year earlier, net income was $2.1 million."
    assert found(text, dt.date(1989, 11, 2))[-1] == ("A year earlier", "DATE", "1988-Q3")
    # a day named long before is no reference: "a year earlier" is then the year before
    text = f"Talks opened on Oct. 3. {filler}A year earlier, net income was $2.1 million."
    assert found(text, dt.date(1989, 11, 2))[-1] == ("A year earlier", "DATE", "1988")


def test_after_a_period_of_months_a_year_earlier_is_the_year_before():
    text = ("GM's third-quarter net fell 5%. EDS's business from non-GM accounts was 45% of its total in the "
            "latest nine months, compared with 40% a year earlier.")
    assert found(text, dt.date(1989, 10, 26))[-1] == ("a year earlier", "DATE", "1988")


def test_the_nth_day_of_an_operation_still_going_on_is_today():
    text = "In Saudi Arabia, today is the eighth day of Desert Shield, the operation designed to confront Iraq."
    assert found(text, dt.date(1990, 8, 15)) == [("today", "DATE", "1990-08-15"), ("the eighth day", "DATE", "1990-08-15")]
    assert found("It's the second day of an offensive by the security forces.", dt.date(1998, 3, 6)) == [
        ("the second day", "DATE", "1998-03-06")]
