"""Resolution by context (``stages/place_resolve``), on given spans as ``eval toponyms
--gold-spans`` resolves them: the word next to a name that says its kind, the other regions and
towns of the article, foreign towns in a report on another country, region adjectives, and the
point of a region named like its main town.

Sentences are news sentences written for these tests after wire reports (the mad cow case of
December 2003 on a farm in Washington state, avian influenza in US states, cholera in western
Kenya, fighting in West Hararghe, Oromia; migrants from Central America).
"""

from __future__ import annotations

import pytest

from flashpoint.eval.toponyms import haversine
from flashpoint.stages.place import resolve_spans
from flashpoint.stages.place_gazetteer import load
from flashpoint.stages.place_resolve import Toponym, kind_cue


def resolve(text: str, names: list[str]) -> dict[str, list]:
    """Each name's places, in the order the names occur in ``text`` (every occurrence)."""
    spans = []
    for name in names:
        start = 0
        while (i := text.find(name, start)) >= 0:
            spans.append((i, i + len(name), name))
            start = i + len(name)
    spans.sort()
    places = resolve_spans(text, [(s, e) for s, e, _n in spans])
    out: dict[str, list] = {}
    for (_s, _e, name), place in zip(spans, places):
        out.setdefault(name, []).append(place)
    return out


def km(place, lat: float, lon: float) -> float:
    return haversine(place.lat, place.lon, lat, lon)


@pytest.mark.parametrize("text, kind", [
    ("The cow was found on a Washington state farm in December 2003.", "admin1"),
    ("The first case was discovered in the state of Washington.", "admin1"),
    ("Officials in Washington said the ban would stay.", None),
    ("Suffolk County police closed the road.", "admin2"),
])
def test_a_word_next_to_a_name_says_its_kind(text, kind):
    i = text.index("Washington") if "Washington" in text else text.index("Suffolk")
    end = i + (10 if "Washington" in text else 7)
    assert kind_cue(Toponym(i, end, text[i:end], text[i:end].lower()), text) == kind


def test_washington_state_is_the_state_and_plain_washington_the_capital():
    state = resolve("The cow was found on a Washington state farm in December 2003.", ["Washington"])
    assert state["Washington"][0].kind == "admin1" and km(state["Washington"][0], 47.5, -120.5) < 161
    of = resolve("The first case was discovered in the state of Washington.", ["Washington"])
    assert of["Washington"][0].kind == "admin1"
    capital = resolve("Officials in Washington said the ban would stay.", ["Washington"])
    assert km(capital["Washington"][0], 38.9, -77.04) < 20
    # an adjective before "state" names a country's state, not a region
    polish = resolve("Warsaw said the Polish state would pay compensation.", ["Warsaw", "Polish"])
    assert polish["Polish"][0].name == "Poland"


def test_a_state_among_the_states_an_article_names_is_the_state():
    # Georgia alone is the country; listed with US states it is the state
    alone = resolve("Poultry farms in Georgia reported the virus.", ["Georgia"])
    assert alone["Georgia"][0].countries == ["GEO"]
    found = resolve("Poultry farms in Alabama, Georgia and Iowa reported the virus.", ["Alabama", "Georgia", "Iowa"])
    assert found["Georgia"][0].kind == "admin1" and found["Georgia"][0].countries == ["USA"]


def test_a_region_that_holds_a_town_the_article_names():
    found = resolve("Health officials in Atlanta said Georgia would expand testing.", ["Atlanta", "Georgia"])
    assert found["Georgia"][0].countries == ["USA"] and km(found["Georgia"][0], 32.7, -83.4) < 161


def test_a_foreign_town_named_again_and_again_stays_in_the_country_of_the_article():
    # Choma is a town of Zambia; named three times in a report on Ethiopia, before any other
    # place, it is the local Choma: its own mentions are no evidence for Zambia's area
    text = ("Choma was quiet on Monday after OLA fighters left Choma for the hills. Residents of Choma said federal "
            "troops had arrived from Gelemso and Mechara in the West Hararghe zone of Ethiopia's Oromia region.")
    found = resolve(text, ["Choma", "Gelemso", "Mechara", "West Hararghe", "Ethiopia", "Oromia"])
    assert len(found["Choma"]) == 3
    for choma in found["Choma"]:
        assert choma.countries == ["ETH"] and choma.precision == "context"


def test_region_adjectives_point_at_their_region():
    found = resolve("Thousands of Central American migrants crossed into Mexico.", ["Central American", "Mexico"])
    assert found["Central American"][0].name == "Central America"
    assert found["Central American"][0].source == "adjective"


def test_a_region_named_like_its_main_town_has_its_own_point():
    gaz = load()
    state = next(e for e in gaz.lookup("New York") if e.kind == "admin1")
    city = next(e for e in gaz.lookup("New York") if e.kind == "city")
    assert haversine(state.lat, state.lon, city.lat, city.lon) > 100  # not New York City's point
    assert haversine(state.lat, state.lon, 43.0, -75.5) < 161  # the state's middle


def test_a_name_whose_readings_all_lie_in_one_country_is_evidence_for_it():
    # Leeds and Liverpool are English boroughs and English cities (and smaller towns in the US
    # and Australia): either English reading points at Britain, so Burton is Burton upon Trent,
    # not Burton, Michigan
    found = resolve("Leeds and Liverpool fans travelled to Burton for the cup tie.", ["Leeds", "Liverpool", "Burton"])
    assert found["Leeds"][0].countries == ["GBR"] and found["Liverpool"][0].countries == ["GBR"]
    assert found["Burton"][0].countries == ["GBR"]


def test_a_place_named_again_is_a_place_again():
    # the model tags the second "Douma" as a person; the article has named the city already
    from flashpoint.pipeline import Pipeline
    from flashpoint.readers import article_from_text

    text = ("The Syrian army is pressing its operations in the rebel bastion of Douma. "
            "The outskirts of the city of Douma were shelled again.")
    (result,) = Pipeline(["nlp", "place"]).pipe([article_from_text(text, source="<test>", check=False)])
    doumas = [p for p in result.article.places if p.span.text == "Douma"]
    assert [p.span.start for p in doumas] == [text.index("Douma"), text.rindex("Douma")]
    assert all(p.countries == ["SYR"] for p in doumas)


def test_a_word_of_a_longer_name_is_not_the_place_again():
    from flashpoint.pipeline import Pipeline
    from flashpoint.readers import article_from_text

    text = "Jordan closed its border crossing. Michael Jordan was not in Amman."
    (result,) = Pipeline(["nlp", "place"]).pipe([article_from_text(text, source="<test>", check=False)])
    starts = [p.span.start for p in result.article.places if p.span.text == "Jordan"]
    assert starts == [0]


def test_a_county_near_the_towns_an_article_names():
    found = resolve("Police in Islip said Suffolk County would close the beaches.", ["Islip", "Suffolk County"])
    assert found["Suffolk County"][0].kind == "admin2" and km(found["Suffolk County"][0], 40.9, -72.7) < 100


def test_a_town_after_in_is_a_place_where_the_model_tags_a_person():
    from flashpoint.pipeline import Pipeline
    from flashpoint.readers import article_from_text

    text = "Flooding closed several roads in Gretna on Monday."
    (result,) = Pipeline(["nlp", "place"]).pipe([article_from_text(text, source="<test>", check=False)])
    (gretna,) = [p for p in result.article.places if p.span.text == "Gretna"]
    assert gretna.kind == "city" and gretna.span.start == text.index("Gretna")


def test_initials_of_a_country_are_the_country_the_article_points_at():
    # after Reuters reports on the platinum belt (2016): "SA" is South Africa, not South Australia
    text = ("Platinum miners in SA's North West province and in Limpopo cut jobs as prices fell. "
            "SA produces most of the world's platinum.")
    places = resolve(text, ["SA", "North West", "Limpopo"])
    assert [p.countries for p in places["SA"]] == [["ZAF"], ["ZAF"]]
    assert all(p.kind == "country" for p in places["SA"])
    # and a report on Adelaide keeps the state
    text = "Adelaide recorded its hottest day as bushfires spread across SA on Friday."
    assert resolve(text, ["Adelaide", "SA"])["SA"][0].name == "South Australia"


def test_initials_are_read_only_from_capitals():
    from flashpoint.stages.place_resolve import candidates

    assert "South Africa" in [e.name for e in candidates(load(), "SA")[1]]
    assert "South Africa" not in [e.name for e in candidates(load(), "Sa")[1]]


@pytest.mark.parametrize("name, folded", [
    ("Doğubayazıt", "dogubayazit"), ("Łódź", "lodz"), ("Tromsø", "tromso"), ("Straße", "strasse"),
    ("São Paulo", "sao paulo"), ("Kyiv", "kyiv"),
])
def test_letters_without_a_decomposition_fold_to_their_base(name, folded):
    from flashpoint.stages.place_gazetteer import normalize

    assert normalize(name) == folded


def test_a_town_written_without_its_turkish_letters_is_found():
    # after a WikiNews report on avian influenza in eastern Turkey (January 2006)
    text = "Two children from Dogubayazit, near the Iranian border, died of bird flu."
    place = resolve(text, ["Dogubayazit"])["Dogubayazit"][0]
    assert place.countries == ["TUR"] and km(place, 39.55, 44.08) < 20


def test_a_place_the_gazetteer_lacks_lies_near_the_town_named_in_its_region():
    # after a WikiNews report on equine influenza in Australia (August 2007)
    text = ("Horses at a Sydney racecourse in New South Wales tested positive for equine influenza. "
            "Racing in NSW was suspended. A horse at the Eastern Creek quarantine station fell ill.")
    place = resolve(text, ["Sydney", "New South Wales", "NSW", "Eastern Creek"])["Eastern Creek"][0]
    assert place.kind == "local" and place.precision == "context"
    assert km(place, -33.80, 150.85) < 50  # at Sydney, not in the middle of the state



def test_a_name_that_says_its_kind_keeps_the_region_it_names():
    # after a report on a kidnapping in Imo State, Nigeria: "Sokoto State" is the state far
    # north of Owerri, not a local place of Owerri
    text = ("Gunmen seized students in Owerri on Monday. The governor said the students came from "
            "Owerri and from Sokoto State.")
    place = resolve(text, ["Owerri", "Sokoto State"])["Sokoto State"][0]
    assert place.kind == "admin1" and place.countries == ["NGA"] and km(place, 13.06, 5.24) < 150


def test_a_region_of_the_articles_country_opening_an_organisations_name_is_the_region():
    # after a Canadian Press report on Winnipeg's budget: "Manitoba" of the chamber's name is the
    # province, not a local place of Winnipeg
    text = ("Winnipeg council passed its budget on Wednesday. Canada's premiers met in Ottawa, and the "
            "Manitoba Chambers of Commerce welcomed the plan.")
    place = resolve(text, ["Winnipeg", "Canada", "Ottawa", "Manitoba Chambers of Commerce"])[
        "Manitoba Chambers of Commerce"][0]
    assert place.kind == "admin1" and place.name == "Manitoba"


def test_a_place_the_gazetteer_lacks_lies_near_the_town_named_after_it_in_its_sentence():
    # after a report on a measles case in Portugal: the resort lies near Faro, named after it,
    # not at Lisbon, the town the article names most
    text = ("Lisbon health officials confirmed a measles case. Lisbon hospitals were told. "
            "The child had stayed at the Quinta do Lago resort near Faro. Lisbon has vaccinated 90%.")
    place = resolve(text, ["Lisbon", "Quinta do Lago resort", "Faro"])["Quinta do Lago resort"][0]
    assert place.kind == "local" and km(place, 37.02, -7.93) < 30


def test_names_in_a_list_are_places_of_one_kind():
    # Oregon is also a town in Ohio, Ontario a city in California: listed with states and
    # provinces they are the state and the province
    text = ("Salmonella cases linked to the cantaloupes were reported in California, Ohio, Oregon and Texas, "
            "and in British Columbia, Alberta and Ontario.")
    names = ["California", "Ohio", "Oregon", "Texas", "British Columbia", "Alberta", "Ontario"]
    found = resolve(text, names)
    assert found["Oregon"][0].kind == "admin1" and km(found["Oregon"][0], 44.0, -120.5) < 161
    assert found["Ontario"][0].kind == "admin1" and found["Ontario"][0].countries == ["CAN"]
    # listed countries: Georgia among Turkey's neighbours is the country
    neighbours = resolve("Officials in Armenia, Azerbaijan, Georgia and Iran were asked to watch poultry imports.",
                         ["Armenia", "Azerbaijan", "Georgia", "Iran"])
    assert neighbours["Georgia"][0].countries == ["GEO"]


def test_a_place_and_its_containers_are_no_list():
    # "Matias Romero, Oaxaca State, Mexico": a town, its state and its country, not three towns
    text = "Migrants camped at a sports club in Matias Romero, Oaxaca State, Mexico, on Wednesday."
    found = resolve(text, ["Matias Romero", "Oaxaca State", "Mexico"])
    assert found["Mexico"][0].kind == "country"


def test_a_name_means_one_place_in_an_article():
    # "based in California" alone could be California, Missouri (Missouri is named); the list
    # of states says the article's California is the state, and so it is in both mentions
    text = ("The pistachios came from a grower based in California. Illnesses were reported in Arizona, "
            "California, Colorado, Missouri and Nevada.")
    found = resolve(text, ["California", "Arizona", "Colorado", "Missouri", "Nevada"])
    assert len(found["California"]) == 2
    for place in found["California"]:
        assert place.kind == "admin1" and km(place, 37.0, -120.0) < 161


def test_a_former_name_of_a_country_is_its_successor():
    # "Zaire" is also a province of Angola; the country of that name is now the Democratic
    # Republic of the Congo (ISO 3166-3), and Kikwit lies in it
    found = resolve("The 1995 Ebola outbreak in Kikwit, Zaire, killed 245 people.", ["Kikwit", "Zaire"])
    assert found["Zaire"][0].countries == ["COD"] and found["Zaire"][0].kind == "country"
    assert found["Kikwit"][0].countries == ["COD"]
    volta = resolve("Thomas Sankara took power in Upper Volta in 1983.", ["Upper Volta"])
    assert volta["Upper Volta"][0].countries == ["BFA"]
    # a former country that is now a state keeps being the state (Sikkim, India)
    sikkim = resolve("Landslides blocked the roads of Sikkim.", ["Sikkim"])
    assert sikkim["Sikkim"][0].kind == "admin1" and sikkim["Sikkim"][0].countries == ["IND"]
