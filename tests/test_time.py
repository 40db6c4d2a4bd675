"""The time stage: time expressions normalised against the publication date, and event dates."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import shared
from flashpoint.stages import time_rules

MONDAY = dt.date(2021, 11, 15)  # the example article's publication day


def only(article, text):
    """The one timex whose text is ``text``, with its offsets checked against the article."""
    hits = [t for t in article.timexes if t.span.text == text]
    assert len(hits) == 1, [t.span.text for t in article.timexes]
    t = hits[0]
    assert article.text[t.span.start:t.span.end] == text
    return t


def day_of(article, trigger):
    """The first day of the first event whose trigger is ``trigger`` (None if it has no date)."""
    found = [e for e in article.events if e.trigger.text == trigger]
    assert found, [e.trigger.text for e in article.events]
    return found[0].date.start if found[0].date is not None else None


def test_weekday_in_past_clause_is_the_day_before(analyze):
    a = analyze("Poland, Latvia and Lithuania announced on Sunday that they intended to invoke Article 4.")
    t = only(a, "Sunday")
    assert (t.type, t.value, t.start, t.end, t.granularity) == ("DATE", "2021-11-14", "2021-11-14", "2021-11-14", "day")


def test_weekday_in_future_clause_is_the_coming_day(analyze):
    a = analyze("The foreign ministers will meet in Brussels on Friday.")
    assert only(a, "Friday").start == "2021-11-19"


def test_weekday_on_the_publication_day_is_that_day(analyze):
    a = analyze("Monastyrsky said in a Thursday statement that the situation was tense.", dt.date(2021, 11, 11))
    assert only(a, "Thursday").start == "2021-11-11"


def test_last_week_is_the_previous_monday_to_sunday(analyze):
    a = analyze("Last week, the UK already deployed troops to the border.")
    t = only(a, "Last week")
    assert (t.value, t.start, t.end, t.granularity) == ("2021-W45", "2021-11-08", "2021-11-14", "week")


def test_earlier_this_week_ends_the_day_before(analyze):
    a = analyze("Earlier this week, Russia sent nuclear-capable bombers over Belarus.", dt.date(2021, 11, 12))
    t = only(a, "Earlier this week")
    assert (t.start, t.end) == ("2021-11-08", "2021-11-11")


def test_over_the_weekend_in_a_monday_article(analyze):
    a = analyze("The crisis escalated sharply over the weekend.")
    t = only(a, "the weekend")
    assert (t.value, t.start, t.end, t.granularity) == ("2021-W45-WE", "2021-11-13", "2021-11-14", "weekend")


def test_late_october_is_the_21st_to_the_31st(analyze):
    a = analyze("The claims were made by the US in late October.")
    t = only(a, "late October")
    assert (t.start, t.end, t.granularity) == ("2021-10-21", "2021-10-31", "part_of_month")


def test_early_november(analyze):
    a = analyze("In early November, the migration crisis escalated.", dt.date(2021, 11, 13))
    t = only(a, "early November")
    assert (t.start, t.end) == ("2021-11-01", "2021-11-10")


def test_this_february_and_last_year(analyze):
    a = analyze("This February, the Ukrainian government announced a new strategy. "
                "A mass protest movement erupted against him last year.")
    assert (only(a, "This February").start, only(a, "This February").end) == ("2021-02-01", "2021-02-28")
    t = only(a, "last year")
    assert (t.value, t.start, t.end, t.granularity) == ("2020", "2020-01-01", "2020-12-31", "year")


def test_within_the_next_month_looks_forward(analyze):
    a = analyze("A war could break out within the next month.")
    t = only(a, "within the next month")
    assert (t.type, t.value, t.start, t.end) == ("DURATION", "P1M", "2021-11-15", "2021-12-15")


def test_absolute_dates(analyze):
    a = analyze("The coup in February 2014 followed the 1991 dissolution of the Soviet Union. "
                "The Mirror reported on Nov. 13 that troops were ready. In 2018, Ukraine sent three warships.")
    assert only(a, "February 2014").value == "2014-02"
    assert only(a, "1991").value == "1991"
    assert only(a, "Nov. 13").start == "2021-11-13"
    assert only(a, "2018").value == "2018"


def test_month_day_without_year_takes_the_nearest_year(analyze):
    a = analyze("Peskov told journalists on December 28 that talks would go on.", dt.date(2022, 1, 3))
    assert only(a, "December 28").start == "2021-12-28"


def test_durations_and_sets_are_typed(analyze):
    a = analyze("The seven-year conflict has cost thousands of lives. Russian bombers patrol the border every Friday. "
                "Guards have held the line for three years, and the ministry reports daily.", dt.date(2021, 11, 12))
    seven = only(a, "seven-year")
    assert (seven.type, seven.value, seven.start, seven.end) == ("DURATION", "P7Y", "2014-01-01", "2021-11-12")
    assert (only(a, "every Friday").type, only(a, "every Friday").value) == ("SET", "XXXX-WXX-5")
    assert (only(a, "three years").type, only(a, "three years").value) == ("DURATION", "P3Y")
    assert (only(a, "daily").type, only(a, "daily").value) == ("SET", "P1D")


def test_numbers_and_modal_may_are_not_dates(analyze):
    a = analyze("Russia may send 2000 troops to the border, and the talks may fail.")
    assert a.timexes == []


def test_year_earlier_keeps_the_granularity_of_the_time_last_mentioned():
    text = "Third-quarter profit rose 5% from a year earlier."
    found = time_rules.find(text, dt.date(1989, 11, 2))
    assert [(text[f.start:f.end], f.value) for f in found] == [("Third-quarter", "1989-Q3"), ("a year earlier", "1988-Q3")]


def test_interval_of_timex3_values():
    assert time_rules.interval_of("2021-W45-WE")[:2] == (dt.date(2021, 11, 13), dt.date(2021, 11, 14))
    assert time_rules.interval_of("2021-SU")[:2] == (dt.date(2021, 6, 1), dt.date(2021, 8, 31))
    assert time_rules.interval_of("199")[:2] == (dt.date(1990, 1, 1), dt.date(1999, 12, 31))


# -- event dates ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def parse(time_only):
    """repair + nlp only: the test adds events itself, then runs the time stage."""
    return lambda text, triggers, published=MONDAY: time_only(text, triggers, published)


def test_event_takes_the_date_that_governs_it_in_its_clause(parse):
    a = parse("On Sunday, the British press reported that the UK was preparing to send 600 troops. "
              "Russia annexed Crimea in 2014, and the US held an exercise on Friday.", ["send", "annexed", "exercise"])
    send, annexed, exercise = a.events
    assert (send.date.start, send.date.source, send.date.text) == ("2021-11-14", "clause", "Sunday")
    assert (annexed.date.start, annexed.date.end, annexed.historical) == ("2014-01-01", "2014-12-31", True)
    assert (exercise.date.start, exercise.historical) == ("2021-11-12", False)


def test_a_date_inside_another_clause_does_not_date_the_event(parse):
    a = parse("The Pentagon is planning to back Ukraine in a war over the Crimean Peninsula, which was "
              "annexed by Russia in 2014.", ["back", "annexed"])
    back, annexed = a.events
    assert back.date is None or back.date.start != "2014-01-01"  # 2014 belongs to the relative clause
    assert (annexed.date.start, annexed.historical) == ("2014-01-01", True)


def test_a_temporal_clause_dates_the_event_it_modifies(parse):
    a = parse("The Kremlin has backed the Belarusian president since a mass protest movement erupted "
              "against him last year.", ["backed"])
    (backed,) = a.events
    assert backed.date.start == "2020-01-01"


def test_since_runs_to_the_publication(parse):
    a = parse("The Kremlin has backed the Belarusian president since last year.", ["backed"])
    (backed,) = a.events
    assert (backed.date.start, backed.date.end, backed.historical) == ("2020-01-01", "2021-11-15", False)


def test_event_takes_the_date_of_the_previous_sentence_about_the_same_occasion(parse):
    a = parse("On Saturday, about 50 migrants crossed the border near Bialystok. They attacked Polish guards with stones.",
              ["attacked"])
    (attacked,) = a.events
    assert (attacked.date.start, attacked.date.source) == ("2021-11-13", "discourse")


def test_an_undated_event_further_on_takes_the_day_the_narrative_last_named(parse):
    a = parse("Russian forces shelled Kharkiv on Sunday and Sumy on Saturday, Ukrainian officials said.\n\n"
              "On Tuesday, drones struck an oil depot in Belgorod. Firefighters battled the blaze for hours.\n\n"
              "The regional governor said residents were evacuated from nearby streets. He will visit the "
              "site.", ["battled", "evacuated", "visit"])
    battled, evacuated, visit = a.events
    assert (battled.date.start, battled.date.source) == ("2021-11-09", "discourse")
    # a paragraph further on: the day the story last named, as an inferred date, no sign of history
    assert (evacuated.date.start, evacuated.date.source, evacuated.historical) == ("2021-11-09", "narrative", False)
    assert visit.date is None  # told as to come: the past day says nothing of it


def test_the_narrative_day_is_the_day_of_what_was_told_not_of_the_telling(parse):
    # written for flashpoint: a report dated by its speaker's day and the day of the fighting
    a = parse("Two residents of Kharkiv said on Tuesday that heavy shelling took place the previous day near "
              "the station.\n\nThe official said Ukrainian troops had pushed back the Russian forces.", ["pushed"])
    (pushed,) = a.events
    assert (pushed.date.start, pushed.date.source) == ("2021-11-08", "narrative")


def test_event_without_a_time_expression_has_no_date(parse):
    a = parse("Russia has deployed troops near the border.", ["deployed"])
    (deployed,) = a.events
    assert deployed.date is None and deployed.historical is False
    assert deployed.cues["time"] == "publication"


# -- the example article against its gold ---------------------------------------------------------

def test_every_gold_timex_of_the_example_is_right(example):
    from flashpoint.eval.events import article_timexes, score_timexes

    gold = json.loads(shared("gold", "wsws-2021-11-15.gold.json").read_text())
    report = score_timexes(gold["timexes"], article_timexes(example), example.text)
    assert report["wrong"] == []
    assert report["value_right"] == len(gold["timexes"]) == 14


def test_clock_time_next_to_a_day_is_on_that_day(analyze):
    a = analyze("The UN Security Council will meet on Thursday at 10 a.m. to discuss the crisis.", dt.date(2021, 11, 17))
    t = only(a, "10 a.m.")
    assert (t.type, t.value) == ("TIME", "2021-11-18T10:00")
    b = analyze("The deadline passed at noon Thursday.", dt.date(2021, 11, 19))
    t = only(b, "noon Thursday")
    assert (t.type, t.value) == ("TIME", "2021-11-18T12:00")


def test_days_after_a_noun_phrase_is_a_duration(analyze):
    a = analyze("The drills began two days after the summit in Geneva.")
    t = only(a, "two days")
    assert (t.type, t.value) == ("DURATION", "P2D")


def test_the_previous_year_is_a_year_from_the_time_last_mentioned(analyze):
    a = analyze("Sales collapsed in January. The previous year had been the best on record.", dt.date(2009, 2, 3))
    assert only(a, "January").value == "2009-01"
    t = only(a, "The previous year")
    assert (t.value, t.start, t.end) == ("2008", "2008-01-01", "2008-12-31")


def test_weekday_in_a_name_is_not_a_date(analyze):
    a = analyze("The Sunday Times reported on Friday that the Good Friday Agreement was at risk.")
    assert [t.span.text for t in a.timexes] == ["Friday"]
    assert a.timexes[0].start == "2021-11-12"


def test_the_lede_s_day_dates_the_story_s_undated_past_events(analyze):
    import datetime as dt

    text = ("Jihadists carried out a major attack on an army detachment in Djibo on Sunday, a security source said.\n\n"
            "The army repelled the attackers.\n\n"
            "Residents fled the town.")
    art = analyze(text, published=dt.date(2023, 11, 28))
    repelled = [e for e in art.events if e.trigger.text == "repelled"]
    assert repelled and repelled[0].date is not None
    assert (repelled[0].date.start, repelled[0].date.source) == ("2023-11-26", "lede")


def test_two_days_in_the_lede_date_nothing_by_themselves(analyze):
    import datetime as dt

    text = ("Jihadists attacked Djibo on Sunday and Arbinda on Monday.\n\n"
            "The army repelled the attackers.")
    art = analyze(text, published=dt.date(2023, 11, 28))
    repelled = [e for e in art.events if e.trigger.text == "repelled"]
    assert repelled and repelled[0].date is None


@pytest.mark.parametrize("text, published, expression, value", [
    # a plan: "set to", "is to"; the news present of a scheduled meeting
    ("The peace talks, set to resume Monday in Geneva, were overshadowed by the shelling.", dt.date(2022, 3, 20),
     "Monday", "2022-03-21"),
    ("The exchange is to resume trading in Kyiv Tuesday.", dt.date(2022, 3, 18), "Tuesday", "2022-03-22"),
    ("Lavrov and Kuleba meet separately Monday with the Turkish foreign minister.", dt.date(2022, 3, 18),
     "Monday", "2022-03-21"),
    # a plan told in the past perfect was for the past
    ("The ultimatum had been due to expire Friday evening.", dt.date(2022, 3, 21), "Friday evening", "2022-03-18TEV"),
    # a verb whose past is spelt as its present is no clue of the present
    ("Shelling hurt the power grid on Friday, officials said.", dt.date(2022, 3, 21), "Friday", "2022-03-18"),
])
def test_weekday_follows_the_tense_of_its_verb(analyze, text, published, expression, value):
    assert only(analyze(text, published), expression).value == value


@pytest.mark.parametrize("text, published, expression, value", [
    # the time of a past verb is in the past, however near the coming one is
    ("In January, the junta brought in a new prime minister.", dt.date(2022, 10, 27), "January", "2022-01"),
    ("The ministry had a budget of $76 million for the year ended March 31.", dt.date(2022, 11, 1), "March 31", "2022-03-31"),
    # the time of a future verb is in the future, however near the past one is
    ("Colonel Sarr will command the mission in December.", dt.date(2022, 3, 4), "December", "2022-12"),
    # a deadline a past verb names is not pushed into the past
    ("The ultimatum was extended to Nov. 16.", dt.date(2022, 10, 30), "Nov. 16", "2022-11-16"),
    ("ECOWAS has set Nov. 10 as the deadline for the junta's reply.", dt.date(2022, 11, 2), "Nov. 10", "2022-11-10"),
])
def test_month_without_year_follows_the_tense_of_the_verb_it_dates(analyze, text, published, expression, value):
    assert only(analyze(text, published), expression).value == value


def test_a_report_that_keeps_the_tense_of_an_announcement_means_the_day_just_past(analyze):
    a = analyze("The Ministry of Defense of Belarus reported that on November 12, Belarusian and Russian "
                "paratroopers will hold exercises at the Gozhsky training ground.", dt.date(2021, 11, 13))
    assert only(a, "November 12").value == "2021-11-12"


def test_a_bare_clock_time_is_on_the_day_the_story_tells(analyze):
    # written for flashpoint in the wording of a timed blow-by-blow (coding-conventions 2 and 8)
    art = analyze("Chinese ships blocked a Philippine resupply mission on Saturday, the Philippine coast guard "
                  "said on Monday. At 9:44 a.m., a Chinese ship fired its water cannon at one of the supply boats.",
                  dt.date(2023, 8, 7))
    (fired,) = [e for e in art.events if e.trigger.text == "fired"]
    assert (fired.date.start, fired.date.end) == ("2023-08-05", "2023-08-05")
    assert fired.cues["time"] == "clause: 9:44 a.m. on Saturday"


def test_a_part_of_day_is_on_the_day_the_story_tells(analyze):
    # written for flashpoint in the wording of wire copy: the attack's day is the one named before
    art = analyze("Fighting broke out in Kumba on Saturday, the army said on Monday. Separatists attacked "
                  "a school early in the morning, residents said.", dt.date(2020, 10, 26))
    (morning,) = [t for t in art.timexes if t.span.text == "early in the morning"]
    assert (morning.start, morning.value) == ("2020-10-24", "2020-10-24TMO")
    (attacked,) = [e for e in art.events if e.trigger.text == "attacked"]
    assert (attacked.date.start, attacked.date.end) == ("2020-10-24", "2020-10-24")
    assert attacked.cues["time"] == "clause: early in the morning on Saturday"


@pytest.mark.parametrize("text, day", [
    # written for flashpoint in the wording of wire copy: the lede reports the act with the day
    # it was told; the next sentence gives the act's own day
    ("Gunmen killed at least 20 villagers in central Mali, officials said on Monday. The attack took place "
     "on Saturday in the village of Ogossagou.", "2024-03-09"),
    ("Israeli strikes killed 30 people in Rafah, health officials said on Monday. The strikes began shortly "
     "after midnight on Sunday.", "2024-03-10"),
    ("Gunmen killed at least 20 villagers in central Mali, officials said on Monday. Residents said the "
     "gunmen arrived on motorbikes on Saturday.", "2024-03-09"),
    # a day of another saying, or still to come, is not the act's
    ("Russia fired missiles at Kyiv, officials said on Monday. On Sunday, Zelensky warned that Russia "
     "was preparing a new attack.", "2024-03-11"),
    ("Gunmen killed 20 villagers in central Mali, officials said on Monday. The army will hold talks with "
     "village chiefs on Friday.", "2024-03-11"),
])
def test_a_lede_act_told_with_its_reporting_day_takes_the_day_the_next_sentence_gives(analyze, text, day):
    art = analyze(text, dt.date(2024, 3, 11))
    first = min((e for e in art.events if e.sentence == 0), key=lambda e: e.trigger.start)
    assert (first.date.start, first.date.end) == (day, day), first.cues["time"]


@pytest.mark.parametrize("headline", ["", "Gunmen kill 14 worshippers in Burkina Faso\n\n"])
def test_a_lede_act_with_no_time_takes_the_day_the_next_sentence_gives(analyze, headline):
    # written for flashpoint in the wording of wire copy, with and without a headline line
    art = analyze(headline + "Gunmen killed 14 worshippers at a Protestant church in eastern Burkina Faso, security "
                  "sources said. The attack happened on Sunday in the town of Hantoukoura, near the border with "
                  "Niger.", dt.date(2024, 2, 27))
    (killed,) = [e for e in art.events if e.trigger.text == "killed"]
    assert (killed.date.start, killed.date.end) == ("2024-02-25", "2024-02-25")


def test_a_day_that_names_the_occasion_of_an_act_dates_it(analyze):
    # written for flashpoint: "during a Sunday service" is when the killing happened
    art = analyze("Gunmen killed 14 people during a Sunday service at a Protestant church in eastern Burkina "
                  "Faso, security sources said on Monday.", dt.date(2024, 2, 26))
    (killed,) = [e for e in art.events if e.trigger.text == "killed"]
    assert (killed.date.start, killed.date.end) == ("2024-02-25", "2024-02-25")


def test_a_dateline_after_a_headline_is_still_the_reports_day(analyze):
    # written for flashpoint: the headline line stands before the wire dateline
    art = analyze("Colombian rebels release kidnapped soldiers\n\nBOGOTA, Nov 9 (Reuters) - Colombia's ELN rebel "
                  "group freed two soldiers it had held captive for more than a month, the country's ombudsman said "
                  "on Thursday.\n\nThe soldiers were handed over to a humanitarian commission in the province of "
                  "Arauca on Wednesday afternoon.", dt.date(2023, 11, 9))
    (freed,) = [e for e in art.events if e.trigger.text == "freed"]
    assert (freed.date.start, freed.date.end) == ("2023-11-08", "2023-11-08"), freed.cues["time"]


def test_a_time_that_names_its_day_keeps_it(analyze):
    art = analyze("Israel struck Beirut on Friday. Hezbollah fired rockets at Haifa this morning.",
                  dt.date(2023, 8, 7))
    (fired,) = [e for e in art.events if e.trigger.text == "fired"]
    assert fired.date.start == "2023-08-07"


def test_a_day_still_to_come_dates_no_later_event(analyze):
    # "would host a summit on Wednesday" (published Monday): the next sentence's flight is not on Wednesday
    art = analyze("Kenya's president said he would host a summit of regional leaders on Wednesday. "
                  "Hundreds of Congolese soldiers fled across the border into Rwanda.", dt.date(2025, 1, 27))
    (fled,) = [e for e in art.events if e.trigger.text == "fled"]
    assert fled.date is None or fled.date.end <= "2025-01-27", fled.date


@pytest.mark.parametrize("text, trigger", [
    ("Pakistan denied any role in the April 22 attack on tourists near Pahalgam.", "denied"),
    ("The government condemned Sunday's bombing of the market.", "condemned"),
])
def test_a_date_before_another_act_s_noun_is_that_act_s(analyze, text, trigger):
    # the nested-event rule read the other way: the denial is not dated by the attack it denies
    art = analyze(text, dt.date(2025, 5, 7))
    (event,) = [e for e in art.events if e.trigger.text == trigger]
    assert event.date is None or event.date.start >= "2025-05-01", event.date


def test_an_act_answered_in_retaliation_dates_nothing_of_the_answer(analyze):
    art = analyze("Hezbollah said it fired more than 300 rockets and drones at 11 military bases in Israel on Sunday, "
                  "in retaliation for the killing of its top commander Fuad Shukr last month.", dt.date(2024, 8, 25))
    (fired,) = [e for e in art.events if e.trigger.text == "fired"]
    assert fired.date.start == "2024-08-25"


@pytest.mark.parametrize("text", [
    # the day comes before the telling ...
    "Russian missiles struck Ukrainian cities on Monday. A U.N. rights mission said on Tuesday there was a high "
    "likelihood that the children's hospital took a direct hit from a Russian missile.",
    # ... or after it, as the day of an act of the same kind
    "A U.N. rights mission said on Tuesday there was a high likelihood that the children's hospital took a direct "
    "hit from a Russian missile. Ukraine mourned the 44 people killed in Monday's air attacks.",
])
def test_an_act_reported_on_one_day_happened_on_the_day_the_story_gives_it(analyze, text):
    # the nested-event rule: "said on Tuesday" dates the telling, not the hit told in the past
    art = analyze(text, dt.date(2024, 7, 9))
    (hit,) = [e for e in art.events if e.trigger.text == "hit"]
    assert hit.date.start == "2024-07-08", hit.cues["time"]


@pytest.mark.parametrize("text, trigger, day", [
    ("A day after the attack on Monday, Israel struck Gaza.", "struck", "2024-07-09"),
    ("Two days after Sunday's election, protesters gathered in Caracas.", "gathered", "2024-07-09"),
    # without a span, an earlier act's day is not the event's
    ("After the attack on Monday, Israel struck Gaza.", "struck", None),
])
def test_a_span_after_a_dated_act_puts_the_event_on_its_own_day(analyze, text, trigger, day):
    art = analyze(text, dt.date(2024, 7, 9))
    (event,) = [e for e in art.events if e.trigger.text == trigger]
    assert (event.date.start if event.date else None) == day, event.cues.get("time")


@pytest.mark.parametrize("text, trigger, day", [
    # the act a span "after" names is that span before the day of the clause it hangs on
    ("Yemen's Houthi militia said on Tuesday it had fired missiles at a cargo ship, a day after U.S. "
     "forces struck what they described as Houthi launch sites.", "struck", "2024-02-12"),
    ("Supporters of Imran Khan attacked army buildings on Wednesday, a day after paramilitary forces "
     "arrested him in a courtroom in Islamabad.", "arrested", "2024-02-13"),
    # the dated clause itself keeps its own day
    ("Yemen's Houthi militia said on Tuesday it had fired missiles at a cargo ship, a day after U.S. "
     "forces struck what they described as Houthi launch sites.", "fired", "2024-02-13"),
])
def test_an_act_a_span_after_names_is_dated_back_from_its_clause(analyze, text, trigger, day):
    art = analyze(text, dt.date(2024, 2, 14))
    (event,) = [e for e in art.events if e.trigger.text == trigger]
    assert (event.date.start if event.date else None) == day, event.cues.get("time")


def test_a_dateline_s_day_gives_way_to_the_clause_s_own(analyze):
    # the parser hangs "Nov 29" of the dateline on the first verb; "on Saturday" is the capture's day
    art = analyze("ADDIS ABABA, Nov 29 (Reuters) - Ethiopian federal troops took full control of Mekelle, the "
                  "capital of the northern Tigray region, on Saturday, Prime Minister Abiy Ahmed said.",
                  dt.date(2020, 11, 29))
    (took,) = [e for e in art.events if e.trigger.text == "took"]
    assert took.date.start == "2020-11-28", took.cues["time"]


@pytest.mark.parametrize("text, published, trigger, day", [
    # the year of a yardstick after "since" dates nothing
    ("Armenia said at least 49 of its soldiers were killed on Tuesday when Azerbaijani forces attacked positions "
     "along the border, in the most serious flare-up of fighting between the two neighbors since their 2020 war.",
     dt.date(2022, 9, 13), "attacked", "2022-09-13"),
    # "The strikes" are Wednesday's; the shelling came two days before them
    ("BEIRUT (AP) — Russian warplanes struck a market in Syria's rebel-held northwest on Wednesday, killing at least "
     "10 civilians, rescuers said.\n\nThe strikes came two days after insurgents shelled government-held villages "
     "in the Hama countryside, killing two soldiers.", dt.date(2023, 10, 25), "shelled", "2023-10-23"),
])
def test_the_day_of_an_act_among_others(analyze, text, published, trigger, day):
    art = analyze(text, published)
    (event,) = [e for e in art.events if e.trigger.text == trigger]
    assert event.date.start == day, event.cues["time"]


def test_the_lede_s_act_day_dates_its_undated_acts_not_the_day_it_was_reported(analyze):
    art = analyze("BAMAKO (AFP) - Suspected jihadists killed 132 civilians in a series of attacks on villages in "
                  "central Mali over the weekend, the government said on Monday.\n\nThe attackers, who arrived "
                  "on motorbikes, also burned houses and stole livestock in Diallassagou, survivors told AFP.",
                  dt.date(2022, 6, 21))
    (burned,) = [e for e in art.events if e.trigger.text == "burned"]
    assert (burned.date.start, burned.date.end) == ("2022-06-18", "2022-06-19"), burned.cues["time"]


def test_the_year_of_the_deal_signed_dates_the_signing(analyze):
    # the yardstick rule is for "since"; "signed the 2016 peace deal" was signed in 2016
    art = analyze("ELN fighters attacked villages and killed at least 80 people, including former FARC combatants "
                  "who had signed the 2016 peace deal, officials said.", dt.date(2025, 1, 18))
    (signed,) = [e for e in art.events if e.trigger.text == "signed"]
    assert signed.date.start == "2016-01-01", signed.cues["time"]


KADUNA = ("KADUNA, Nigeria, March 11 (Reuters) - Gunmen abducted at least 61 people in a raid on a village in Kaduna "
          "state, police said on Monday.\n\nThe attackers stormed Buda village at about 2 a.m. on Sunday and opened "
          "fire before rounding up residents, a police spokesman said.")


@pytest.mark.parametrize("trigger", [
    # "at about 2 a.m. on Sunday": the day the clock time names, not the day of the report before it
    "stormed",
    # the lede has only the day of the telling (the dateline's, "said on Monday"); the next sentence
    # tells the raid on Sunday
    "abducted",
])
def test_the_kaduna_raid_is_on_sunday(analyze, trigger):
    art = analyze(KADUNA, dt.date(2024, 3, 11))
    (event,) = [e for e in art.events if e.trigger.text == trigger]
    assert event.date.start == "2024-03-10", event.cues["time"]


def test_a_later_sentence_about_another_thing_gives_the_lede_no_day(analyze):
    # Saturday is the day of an interview, not of a deployment
    art = analyze("On Sunday, the British press reported that the UK was preparing to send 600 troops to Ukraine. "
                  "In an interview with Russian state television on Saturday, Russian president Vladimir Putin "
                  "described the US warship deployment to the Black Sea as a serious challenge.", dt.date(2021, 11, 15))
    (send,) = [e for e in art.events if e.trigger.text == "send"]
    assert send.date is None or send.date.start == "2021-11-14", send.cues["time"]


def test_the_time_of_an_act_an_accusation_is_about_is_not_the_accusation_s(analyze):
    art = analyze("Rwanda accused the Congolese army of firing rockets into its territory on Friday.", dt.date(2022, 6, 14))
    by_trigger = {e.trigger.text: e for e in art.events}
    assert by_trigger["firing"].date.start == "2022-06-10", by_trigger["firing"].cues["time"]
    assert by_trigger["accused"].date is None, by_trigger["accused"].cues["time"]


def test_a_year_that_names_an_agreement_does_not_date_the_call_to_respect_it(analyze):
    art = analyze("Turkey condemned the attacks and called on Russia to respect a 2020 ceasefire agreement.",
                  dt.date(2023, 10, 25))
    for event in [e for e in art.events if e.trigger.text in ("condemned", "called")]:
        assert event.date is None or not event.date.start.startswith("2020"), (event.trigger.text, event.cues["time"])
    assert {e.trigger.text for e in art.events} >= {"condemned", "called"}


def test_how_long_an_imposed_measure_lasts_dates_nothing_back(analyze):
    # written for flashpoint in the wording of reports on Ecuador's gang crisis (2024); the length of
    # a state of war told of still runs up to the publication (the nov2021 gold: "a seven-year conflict")
    a = analyze("Ecuador's government imposed a 60-day state of emergency. Separatists control wide swaths of eastern Ukraine in a seven-year conflict.",
                published=dt.date(2024, 1, 10))
    sixty = only(a, "60-day")
    assert (sixty.type, sixty.value, sixty.start, sixty.end) == ("DURATION", "P60D", None, None)
    imposed = [e for e in a.events if e.trigger.text == "imposed"]
    assert imposed and imposed[0].date is None
    seven = only(a, "seven-year")
    assert (seven.start, seven.end) == ("2017-01-01", "2024-01-10")


def test_the_day_of_a_thing_in_another_branch_dates_no_act(analyze):
    # written for flashpoint in the wording of reports on India and Pakistan (May 2025)
    a = analyze("Islamabad has denied any role in the April 22 attack in Pahalgam and called for a neutral "
                "investigation.", published=dt.date(2025, 5, 7))
    called = [e for e in a.events if e.trigger.text == "called"]
    assert called, [(e.type, e.trigger.text) for e in a.events]
    assert called[0].date is None or called[0].date.start != "2025-04-22"


def test_the_time_of_a_relative_clause_about_the_subject_dates_only_that_clause(analyze):
    # written for flashpoint in the wording of reports on the Red Sea (2024)
    a = analyze("Saudi Arabia, which has observed a truce with the Houthis since 2022, called for restraint and "
                "avoiding escalation.",
                published=dt.date(2024, 1, 12))
    called = [e for e in a.events if e.trigger.text == "called"]
    assert called and called[0].date is None


def test_a_length_names_no_day_of_the_story(analyze):
    # written for flashpoint in the wording of reports on Nagorno-Karabakh (2023)
    a = analyze("Azerbaijan recaptured large parts of the region in a 44-day war in 2020. Russia called on both "
                "sides to stop the bloodshed.", published=dt.date(2023, 9, 19))
    called = [e for e in a.events if e.trigger.text == "called"]
    assert called and (called[0].date is None or called[0].date.start[:4] == "2023") and not (
        called[0].date and called[0].date.start == "2023-08-06")


@pytest.mark.parametrize("text, published, trigger, day", [
    # written for flashpoint in the wording of reports on the Taiwan drills (May 2024): a statement
    # further down takes the day of the drills the lede tells (the story's day), not the day of the
    # inauguration named on the way
    ("China launched two days of military drills around Taiwan on Thursday, sending warships and fighter jets "
     "around the island.\n\nLai Ching-te, who took office on Monday, has offered talks with Beijing.\n\nThe U.S. "
     "State Department urged China to act with restraint.", dt.date(2024, 5, 24), "urged", "2024-05-23"),
    # the same, with an act: it follows the narrative (the day last named), not the lede
    ("China launched military drills around Taiwan on Thursday.\n\nOn Friday, Taiwanese coast guard ships "
     "shadowed Chinese vessels. Chinese warships fired missiles near Kinmen.", dt.date(2024, 5, 25), "fired",
     "2024-05-24"),
    # in the wording of wire reports on Nigeria: the gunmen's arrival on Sunday is the killing's day, not
    # the Tuesday the officials told it (a state a relative clause tells, "which has observed a truce
    # since 2022", still dates nothing after it)
    ("Nigerian officials said on Tuesday that gunmen attacked a village in Zamfara state. The gunmen, who arrived "
     "on motorbikes at dawn on Sunday, killed 12 villagers.", dt.date(2024, 3, 6), "killed", "2024-03-03"),
    # "launched on Monday" tells the offensive's own day; a participle is a clause of its own only
    # when it is about another noun
    ("Officials said on Tuesday that fighting went on around the town.\n\nResidents said it was the deadliest day "
     "of the offensive launched on Monday by the army against the rebels.", dt.date(2024, 3, 6), "offensive",
     "2024-03-04"),
    # "acknowledge" is no verb of reporting, but the ambush its content clause tells in the past is
    # Sunday's, the day the story told, not the acknowledgement's
    ("Suspected jihadists attacked an army post in Djibo on Sunday, security sources said.\n\nTwo days later, the "
     "junta's spokesman appeared on state television to acknowledge that a convoy was ambushed by the militants "
     "near Arbinda.", dt.date(2024, 3, 6), "ambushed", "2024-03-03"),
])
def test_an_event_takes_the_day_its_story_gives(analyze, text, published, trigger, day):
    assert day_of(analyze(text, published=published), trigger) == day


def test_a_dateline_day_is_the_report_s_not_the_act_s(analyze):
    # written for flashpoint in the wording of reports on Somalia (March 2024): the dateline is the
    # day of the report, so the lede's act day dates what the next sentences tell
    a = analyze("MOGADISHU, March 15 (Reuters) - Al Shabaab militants stormed a hotel in Mogadishu late on "
                "Thursday, police said on Friday.\n\nAt least nine people were killed. Security forces killed all "
                "five attackers, he said.", published=dt.date(2024, 3, 15))
    killed = [e for e in a.events if e.type == "ASSAULT" and e.sentence == 2]
    assert killed and killed[0].date is not None and killed[0].date.start == "2024-03-14", killed and killed[0].date


def test_a_day_before_a_name_after_on_is_a_day(analyze):
    # written for flashpoint in the wording of reports on Mali (July 2024): "on Sunday Mali's ..."
    # is a day (the parser hung it on "Mali"), not a title like "The Sunday Times"; it dates the
    # clause it opens, not the accusation conjoined before it
    a = analyze("The army accused Ukraine of supporting the rebels, and on Sunday Mali's military government cut "
                "diplomatic ties with Kyiv.", published=dt.date(2024, 7, 29))
    assert day_of(a, "cut") == "2024-07-28"
    cut = [e for e in a.events if e.trigger.text == "cut"]
    assert [x.span.text for x in cut[0].actor] == ["Mali's military government"]
    supporting = [e for e in a.events if e.trigger.text == "supporting"]
    assert all(e.date is None or e.date.start != "2024-07-28" for e in supporting)
    # nor the accusation itself, in an article that names the story's day
    c = analyze("BAMAKO, July 29 (Reuters) - Tuareg rebels said on Monday they had killed dozens of Malian soldiers. "
                "The army accused Ukraine of supporting the rebels, and on Sunday Mali's military government cut "
                "diplomatic ties with Kyiv.", published=dt.date(2024, 7, 29))
    assert day_of(c, "accused") == "2024-07-29"
    b = analyze("The Sunday Times reported that troops were deployed.", published=dt.date(2024, 7, 29))
    assert not b.timexes


def test_an_act_done_in_a_dated_act_takes_its_date(analyze):
    # written for flashpoint: "in a 2021 coup" is the act the seizure was part of; the seizure is
    # background (coding-conventions 8: a background event takes the span the text gives)
    a = analyze("Rebels killed ten soldiers in a 2019 ambush near Kidal, the army said.", published=dt.date(2024, 3, 6))
    killed = [e for e in a.events if e.trigger.text == "killed"]
    # kept as background or dropped, never news of the publication day
    assert all(e.date is not None and e.date.start == "2019-01-01" and e.historical for e in killed)
    b = analyze("Islamabad has denied any role in the April 22 attack in Pahalgam.", published=dt.date(2025, 5, 7))
    assert all(e.date is None or e.date.start != "2025-04-22" for e in b.events if e.trigger.text == "denied")


def test_a_participle_about_another_noun_dates_only_that_noun(analyze):
    # written for flashpoint: Monday is the day of the talks, not of the criticism nor of the
    # rejection told beside it, whether the clause or the lede would lend it
    for text in ("Israel's foreign minister criticised the outcome of talks held on Monday in Cairo, rejecting the "
                 "proposal.", "Israel's foreign minister criticised the outcome of talks held in Cairo on Monday, "
                 "rejecting the proposal."):
        a = analyze(text, published=dt.date(2024, 3, 6))
        said = [e for e in a.events if e.trigger.text in ("criticised", "rejecting")]
        assert len(said) == 2 and all(e.date is None or e.date.start != "2024-03-04" for e in said), text
    # but a time after the other words of a participle about a thing is as often the sentence's,
    # which the parser hangs on the participle
    b = analyze("An Israeli airstrike hit a school used as a shelter in central Gaza on Saturday, killing at least "
                "30 people.\n\nHamas said on Sunday it would respond.", published=dt.date(2024, 8, 4))
    acts = [e for e in b.events if e.trigger.text in ("airstrike", "killing")]
    assert len(acts) == 2 and all(e.date is not None and e.date.start == "2024-08-03" for e in acts)
