"""The quantities stage: numbers, what they count, their qualifier, and the events they belong to."""

from __future__ import annotations

import json

from conftest import shared
from flashpoint.model import Event
from flashpoint.stages.quantities import parse_number


def quantity(article, text):
    hits = [q for q in article.quantities if q.span.text == text]
    assert len(hits) == 1, [(q.span.text, q.value) for q in article.quantities]
    q = hits[0]
    assert article.text[q.span.start:q.span.end] == text
    return q


def test_digits_with_conjoined_counted_nouns(analyze):
    a = analyze("Ukraine earlier announced it would move 8,500 soldiers and police officers to the border.")
    q = quantity(a, "8,500")
    assert (q.value, q.of, q.kind, q.qualifier) == (8500, "soldiers and police officers", "personnel", "exact")


def test_deaths_in_words(analyze):
    a = analyze("Two Russian paratroopers died during a joint exercise on Friday. At least eight have already died.")
    two, eight = quantity(a, "Two"), quantity(a, "eight")
    assert (two.value, two.of, two.kind, two.qualifier) == (2, "Russian paratroopers", "deaths", "exact")
    assert (eight.value, eight.kind, eight.qualifier) == (8, "deaths", "at_least")


def test_killed_is_deaths(analyze):
    a = analyze("The ministry said two Russian paratroopers were killed in the incident.")
    assert quantity(a, "two").kind == "deaths"


def test_money_with_symbol_and_code(analyze):
    a = analyze("Kiev will build border fortifications for €560 million. Brussels pledged EUR 20 million.")
    q = quantity(a, "€560 million")
    assert (q.value, q.of, q.unit, q.kind) == (560_000_000, "EUR", "EUR", "money")
    q = quantity(a, "EUR 20 million")
    assert (q.value, q.unit, q.kind) == (20_000_000, "EUR", "money")


def test_vague_plural_and_about(analyze):
    a = analyze("The EU is denying entry to thousands of refugees, including about 250 Russian-speaking migrants.")
    q = quantity(a, "thousands")
    assert (q.value, q.of, q.kind, q.qualifier) == (2000, "refugees", "people", "at_least")
    assert quantity(a, "250").qualifier == "about"


def test_length_and_converted_figure(analyze):
    a = analyze("Ukraine reinforced its 1,000-kilometer border. The planes came within about 100 kilometres (62 miles) of it.")
    q = quantity(a, "1,000-kilometer")
    assert (q.value, q.unit, q.kind) == (1000, "km", "length")
    assert quantity(a, "100 kilometres").qualifier == "about"
    assert (quantity(a, "62 miles").value, quantity(a, "62 miles").qualifier) == (62, "about")


def test_number_words_and_equipment(analyze):
    a = analyze("Six hundred elite British troops could be sent. Ukraine sent three warships to the Sea of Azov.")
    assert quantity(a, "Six hundred").value == 600
    q = quantity(a, "three")
    assert (q.value, q.of, q.kind) == (3, "warships", "equipment")


def test_names_years_and_pronoun_one_are_not_quantities(analyze):
    a = analyze("Poland invoked Article 4 in 1991, and one of the Il-76 planes landed. No one was hurt.")
    assert a.quantities == []


def test_parse_number():
    assert parse_number("a hundred thirty million") == 130_000_000
    assert parse_number("twenty-six") == 26
    assert parse_number("1.5 billion") == 1_500_000_000
    assert parse_number("8,500") == 8500


def test_event_takes_the_quantity_in_its_clause(pipeline):
    from flashpoint.pipeline import Pipeline
    from flashpoint.readers import article_from_text
    from flashpoint.stages.quantities import Quantities

    article = article_from_text("The UK was preparing to send 600 troops to Ukraine, while Poland deployed 12,000 soldiers.",
                                source="<test>", check=False)
    pre = Pipeline(["repair", "nlp", "time"])
    for component in pre.stages:
        article = component(article)
    for word in ("send", "deployed"):
        start = article.text.index(word)
        span = article.span(start, start + len(word))
        article.events.append(Event(type="MOBILIZE", trigger=span, sentence=span.sentence))
    article = Quantities()(article)
    send, deployed = article.events
    assert [q.value for q in send.quantities] == [600]
    assert [q.value for q in deployed.quantities] == [12000]


def test_every_gold_quantity_of_the_example_is_right(example):
    from flashpoint.eval.events import article_quantities, score_quantities

    gold = json.loads(shared("gold", "wsws-2021-11-15.gold.json").read_text())
    report = score_quantities(gold["quantities"], article_quantities(example), example.text)
    assert report["wrong"] == []
    assert report["qualifier_right"] == len(gold["quantities"]) == 8


def test_and_between_two_numbers_does_not_add_them(analyze):
    a = analyze("Sales fell between eight and fourteen percent, and two hundred and fifty workers were laid off.")
    assert quantity(a, "eight").value == 8
    assert quantity(a, "two hundred and fifty").value == 250
