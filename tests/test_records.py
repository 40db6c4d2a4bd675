"""The flat views of events: table cells that stay exact when they are short."""

import datetime as dt

import pytest

from flashpoint.records import date_cell, snippet, status_cell


@pytest.mark.parametrize("start,end,cell", [
    ("2021-11-12", "2021-11-12", "2021-11-12"),           # one day
    ("2014-01-01", "2014-12-31", "2014"),                 # "in 2014"
    ("2021-10-01", "2021-10-31", "2021-10"),              # "in October"
    ("2020-02-01", "2020-02-29", "2020-02"),              # a leap February is a whole month
    ("2021-10-21", "2021-10-31", "2021-10-21/31"),        # "late October"
    ("2021-11-08", "2021-11-14", "2021-11-08/14"),        # "last week"
    ("2021-10-25", "2021-11-07", "2021-10-25/11-07"),
    ("2021-12-30", "2022-01-02", "2021-12-30/2022-01-02"),
    (None, "2021-11-14", "/2021-11-14"),                  # open start
    (None, None, ""),
    (dt.date(2021, 11, 12), dt.date(2021, 11, 14), "2021-11-12/14"),  # rows read from DuckDB
])
def test_date_cell_is_short_and_exact(start, end, cell):
    assert date_cell(start, end) == cell


def test_status_cell_names_who_vouches():
    assert status_cell("attributed", "USA", "actual") == "attr:USA"
    assert status_cell("denied", "RUSGOV", "actual") == "denied:RUSGOV"
    assert status_cell("asserted", None, "planned") == "asserted/plan"


def test_snippet_brackets_the_trigger_of_the_real_sentence():
    sentence = ("According to the Daily Telegraph, in recent days the UK already deployed troops to the "
                "border to assist the Polish government.")
    cell = snippet(sentence, "deployed")
    assert "[deployed]" in cell and cell.startswith("... ") and cell.endswith("Polish government.")
    assert "Daily Telegraph" not in cell
    short = "The UK deployed troops."
    assert snippet(short, "deployed") == "The UK [deployed] troops."
