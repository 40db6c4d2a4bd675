"""Where an event happened: the place of a nominal trigger's own phrase, the town that owns a site,
the scene of the sentences before, names of actors that are no places, and seas, straits and
regions the GeoNames-derived gazetteer lacks.

Sentences are written in the style of wire copy on the crises of the world gold folder (Ethiopia,
the Aegean, the Thai-Cambodian border, Ukraine, the Middle East).
"""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.eval.toponyms import haversine
from flashpoint.model import Article, Event
from flashpoint.stages.place import PlaceStage
from flashpoint.stages.place_gazetteer import load
from flashpoint.stages.place_resolve import candidates


@pytest.fixture(scope="module")
def parse():
    """Parse text with the nlp and actors stages and keep the spaCy Doc, so that events can be
    added before the place stage runs."""
    from flashpoint.readers import article_from_text
    from flashpoint.stages.actors import Actors
    from flashpoint.stages.nlp import NLP

    nlp, actors = NLP(), Actors()

    def run(text: str) -> Article:
        return actors(nlp(article_from_text(text, source="<test>", published=dt.date(2023, 8, 4), check=False)))

    return run


@pytest.fixture(scope="module")
def stage():
    return PlaceStage()


def add_event(article: Article, trigger: str, type_: str, nth: int = 0) -> Event:
    start = -1
    for _ in range(nth + 1):
        start = article.text.index(trigger, start + 1)
    span = article.span(start, start + len(trigger))
    event = Event(type=type_, trigger=span, sentence=span.sentence)
    article.events.append(event)
    return event


def near(place, lat: float, lon: float, km: float = 161) -> bool:
    return place is not None and haversine(place.lat, place.lon, lat, lon) <= km


@pytest.mark.parametrize("name,lat,lon,kind", [
    ("Aegean Sea islands", 39.0, 25.0, "sea"),
    ("the Aegean", 39.0, 25.0, "sea"),
    ("Volyn region", 51.5, 24.7, "admin1"),
    ("the Strait of Hormuz", 26.6, 56.3, "sea"),
    ("Kerch Bridge", 45.3, 36.5, "facility"),
    ("Ta Muen Thom temple", 14.35, 103.27, "facility"),
])
def test_seas_straits_and_regions_of_conflict_geography_resolve(name, lat, lon, kind):
    _key, cands, _via = candidates(load(), name)
    assert cands and cands[0].kind == kind and haversine(cands[0].lat, cands[0].lon, lat, lon) < 50


def test_a_nominal_trigger_takes_the_place_of_its_own_phrase(parse, stage):
    article = parse("The strike raised tensions across the Middle East, where the war in Gaza began with "
                    "the October 7 attack on Israel.")
    event = add_event(article, "attack", "ASSAULT")
    stage(article)
    assert event.place.name == "Israel" and event.place.source == "clause"


def test_a_town_that_owns_the_site_hit_is_where_it_was_hit(parse, stage):
    article = parse("Officials said Kharkiv's largest children's hospital took a direct hit from a Russian missile.")
    event = add_event(article, "hit", "ASSAULT")
    stage(article)
    assert event.place.name == "Kharkiv" and event.place.kind == "city" and event.place.source == "clause"


def test_a_country_that_owns_a_site_is_not_taken_over_the_city(parse, stage):
    article = parse("Taliban fighters entered Afghanistan's presidential palace on Sunday, completing their "
                    "advance on Kabul.")
    event = add_event(article, "entered", "COERCE")
    stage(article)
    assert event.place is None or event.place.kind != "country"


def test_a_place_east_of_a_landmark_is_near_it(parse, stage):
    article = parse("Cambodian troops opened fire toward a Thai army post about 200 metres east of the "
                    "Ta Muen Thom temple, the army said.")
    event = add_event(article, "opened", "ASSAULT")
    stage(article)
    assert event.place.name == "Ta Muen Thom" and near(event.place, 14.35, 103.27)


def test_an_event_with_no_place_of_its_own_keeps_the_scene_of_the_sentences_before(parse, stage):
    article = parse("Ethiopia declared a state of emergency in Amhara on Friday. "
                    "Two residents of Amhara's second-biggest city, Gondar, said fighting broke out near the "
                    "university. Federal troops first held the campus, but they were pushed back by militiamen. "
                    "A local official said the army had later pulled back from the campus.")
    pushed = add_event(article, "pushed", "COERCE")
    pulled = add_event(article, "pulled", "RETREAT")
    stage(article)
    assert pushed.place.name == "Gonder" and pushed.place.source == "previous"
    assert pulled.place.name == "Gonder"  # two sentences on, through the event before it


def test_the_most_specific_place_of_the_sentence_before_a_sea(parse, stage):
    article = parse("Greece and Turkey traded accusations over airspace on Saturday. "
                    "\"Do not forget Izmir,\" the president said, recalling the end of the occupation after "
                    "Turkish forces entered the city on the Aegean coast in 1922.")
    event = add_event(article, "occupation", "COERCE")
    stage(article)
    assert event.place.name == "İzmir" and event.place.source == "sentence"


def test_a_statement_still_takes_no_place_from_the_sentences_before(parse, stage):
    article = parse("Fighting broke out in Gondar on Thursday. The European Union condemned the violence.")
    event = add_event(article, "condemned", "ACCUSE")
    stage(article)
    assert event.place is None


def test_an_armed_group_named_like_a_foreign_town_is_no_place(parse, stage):
    # "Fano" is a town in Italy; here it is the Amhara militia, named as such earlier
    article = parse("Ethiopia's government declared a state of emergency after days of clashes between the "
                    "military and local Fano militiamen. Government troops were pushed back by Fano.")
    stage(article)
    assert "Fano" not in {p.span.text for p in article.places}
