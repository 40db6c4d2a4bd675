"""The repair stage: before/after tables, including inputs that must stay unchanged."""

from __future__ import annotations

import pytest

from flashpoint.stages.repair import (
    normalize_quotes,
    normalize_unicode,
    rejoin_hyphenated,
    repair_text,
    restore_lost_hyphens,
    separate_title,
    unwrap_lines,
)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("a joint RussianBelarusian paratrooper exercise", "a joint Russian-Belarusian paratrooper exercise"),
        ("refugees on the PolishBelarusian border", "refugees on the Polish-Belarusian border"),
        ("the GermanPolish border", "the German-Polish border"),
        # not two known words: unchanged
        ("the tanker USNS John Lenthall and YouTube and McDonald", "the tanker USNS John Lenthall and YouTube and McDonald"),
        ("the MacBook of DeSantis", "the MacBook of DeSantis"),
    ],
)
def test_restore_lost_hyphens(before, after):
    assert restore_lost_hyphens(before) == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("the increasingly reckless ratch-\neting up of tensions", "the increasingly reckless ratcheting up of tensions"),
        ("collaborates with anti-\nSemitic forces", "collaborates with anti-Semitic forces"),
        ("a socialist anti-\nwar movement", "a socialist anti-war movement"),
        ("its 1,000-\nkilometer border", "its 1,000-kilometer border"),
        ("the US-led NATO encirclement", "the US-led NATO encirclement"),  # no line break: unchanged
    ],
)
def test_rejoin_hyphenated(before, after):
    assert rejoin_hyphenated(before) == after


def test_quotes_are_straightened_one_for_one():
    before = "called it \u201cinevitable\u201d that NATO\u2019s"
    after = normalize_quotes(before)
    assert after == "called it \"inevitable\" that NATO's"
    assert len(after) == len(before)


def test_unicode_drops_soft_hyphens_and_odd_spaces():
    assert normalize_unicode("Lukash\u00adenko\u00a0said\r\nthat") == "Lukashenko said\nthat"


WRAPPED = """ NATO push for dangerous escalation along its
European border with Russia
 Military tensions between Russia and NATO at two
major flashpoints, the Polish-Belarusian border and the
Black Sea region in Ukraine, have escalated further
over the weekend. Both Ukraine and Poland have for
decades been cornerstones of the US-led NATO
encirclement of Russia. The Kremlin has

backed the Belarusian president since a mass protest
movement erupted against him last year.
"""


def test_unwrap_joins_lines_keeps_title_apart_and_mends_page_break():
    text = unwrap_lines(WRAPPED)
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "NATO push for dangerous escalation along its European border with Russia"
    assert "The Kremlin has backed the Belarusian president" in text
    assert "\n" not in paragraphs[1]


def test_one_paragraph_a_line_is_kept_as_paragraphs():
    text = "Russia has sent paratroopers to Belarus in a show of support for its ally amid tensions over migrants.\n\nThe Russian Defence Ministry said on Friday that about 250 Russian paratroopers parachuted into the Grodno region of Belarus.\n"
    assert unwrap_lines(text).split("\n\n") == [
        "Russia has sent paratroopers to Belarus in a show of support for its ally amid tensions over migrants.",
        "The Russian Defence Ministry said on Friday that about 250 Russian paratroopers parachuted into the Grodno region of Belarus.",
    ]


def test_separate_title_run_into_first_sentence():
    text = "Russia, Belarus stage paratrooper drills near Polish border Russia has sent paratroopers to Belarus."
    out = separate_title(text, "Russia, Belarus stage paratrooper drills near Polish border")
    assert out == "Russia, Belarus stage paratrooper drills near Polish border\n\nRussia has sent paratroopers to Belarus."
    assert separate_title("Some other start.", "A title") == "Some other start."


def test_example_article_repaired(example_path):
    from flashpoint.readers import read

    (article,) = read(example_path)
    text = repair_text(article.text, title=article.title)
    assert "RussianBelarusian" not in text and "PolishBelarusian" not in text
    assert "joint Russian-Belarusian paratrooper exercise" in text
    assert "on the Polish-Belarusian border" in text
    for paragraph in text.split("\n\n"):
        assert "\n" not in paragraph


def test_example_sentences(example):
    """43 sentences: the title and the 42 of the body; none broken at a line end or a quote."""
    assert len(example.sentences) == 43
    assert example.sentences[0].text == "NATO push for dangerous escalation along its European border with Russia"
    assert example.sentences[3].text.endswith('to engage in "hybrid warfare."')
    assert example.sentences[11].text.startswith("The Kremlin has backed the Belarusian president")
    for s in example.sentences:
        assert example.text[s.start:s.end] == s.text
        assert "\n" not in s.text
    assert example.original_text.startswith(" NATO push for dangerous escalation along its\nEuropean")
