"""The participants stage: countryless local actors take the country where the event happens,
and an attack with no named author gets the unidentified actor (coding-conventions 3.3-3.7)."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture
def rules(rules_pipeline):
    return rules_pipeline


def run(rules, text, published=dt.date(2024, 3, 8)):
    from flashpoint.readers import article_from_text

    return rules(article_from_text(text, source="<test>", published=published, check=False))


def codes(actors):
    return sorted(a.entity.code for a in actors)


def test_countryless_armed_group_takes_the_country_of_the_event_place(rules):
    art = run(rules, "Ethiopia's government on Friday declared a state of emergency in Amhara, following days of "
                     "clashes between the army and local militiamen. On Thursday the militiamen captured Merawi, "
                     "a town south of Bahir Dar.")
    captured = [e for e in art.events if e.trigger.text == "captured"]
    assert captured, [(e.type, e.trigger.text) for e in art.events]
    assert codes(captured[0].actor) == ["ETHREB"]
    assert "local actors: ETH" in captured[0].cues["participants"]


def test_a_named_country_is_kept_and_refugees_stay_countryless(rules):
    art = run(rules, "Polish soldiers pushed back hundreds of refugees at the Belarusian border on Monday.",
              published=dt.date(2021, 11, 15))
    ev = [e for e in art.events if e.trigger.text == "pushed"]
    assert ev and codes(ev[0].actor) == ["POLMIL"]
    assert all(a.entity.country is None for a in ev[0].recipient if a.entity.sector == "REF")


def test_an_attack_with_no_author_gets_the_unidentified_actor(rules):
    art = run(rules, "Three U.S. service members were killed in a drone attack on a base in Jordan on Sunday.",
              published=dt.date(2024, 1, 28))
    attack = [e for e in art.events if e.type == "ASSAULT"]
    assert attack, [(e.type, e.trigger.text) for e in art.events]
    assert {"-UAF", "-UNK"} <= set(codes(attack[0].actor))
    assert attack[0].cues["participants"].startswith("unidentified actor")


def test_a_statement_without_an_actor_is_not_kept(rules):
    art = run(rules, "Tensions remain high along the border.")
    assert art.events == []


def test_surname_alone_is_the_person_named_before(rules):
    art = run(rules, "Turkish President Recep Tayyip Erdogan warned Greece on Saturday. "
                     "Erdogan, enraged, accused Greece of occupying the islands.", published=dt.date(2022, 9, 3))
    accuse = [e for e in art.events if e.trigger.text == "accused"]
    assert accuse and codes(accuse[0].actor) == ["TURGOV"]
    assert codes(accuse[0].recipient) == ["GRC"]


def test_a_group_the_lexicon_does_not_know_acts_on_the_ground_where_it_is(rules):
    art = run(rules, "Fighting spread across northern Shan State in Myanmar on Friday. Local defence teams also "
                     "raided militia bases in Lashio Township.", published=dt.date(2023, 10, 27))
    raid = [e for e in art.events if e.trigger.text == "raided"]
    assert raid, [(e.type, e.trigger.text) for e in art.events]
    assert raid[0].type == "ASSAULT"
    assert [a.entity.country for a in raid[0].actor] == ["MMR"]
    assert raid[0].actor[0].entity.kind == "unresolved"


def test_an_uncoded_subject_of_a_statement_gives_no_event(rules):
    art = run(rules, "The declaration gives the government the power to ban public gatherings.")
    assert not [e for e in art.events if any(a.entity.kind == "unresolved" for a in e.actor)]


def test_a_passive_takes_the_author_of_the_event_it_happened_in(rules):
    art = run(rules, "Qasem Soleimani was killed in a US drone strike at Baghdad's international airport on Friday.",
              published=dt.date(2020, 1, 3))
    killed = [e for e in art.events if e.trigger.text == "killed"]
    assert killed and [a.entity.country for a in killed[0].actor] == ["USA"]


def test_a_place_taken_stands_for_its_country(rules):
    art = run(rules, "Ethiopian militiamen captured the town of Lalibela in Ethiopia on Sunday.",
              published=dt.date(2023, 8, 4))
    captured = [e for e in art.events if e.trigger.text == "captured"]
    assert captured and captured[0].type == "COERCE"
    assert [a.entity.country for a in captured[0].recipient] == ["ETH"]
    assert "target: the place's country" in captured[0].cues["participants"]


def test_entering_a_building_is_taking_it_and_entering_a_country_a_deployment(rules):
    art = run(rules, "Taliban fighters entered Afghanistan's Presidential Palace on Sunday.", published=dt.date(2021, 8, 15))
    (palace,) = [e for e in art.events if e.trigger.text == "entered"]
    assert palace.type == "COERCE"
    moved = run(rules, "Russian troops entered Ukraine on Thursday.", published=dt.date(2022, 2, 24))
    assert [e.type for e in moved.events if e.trigger.text == "entered"] == ["MOBILIZE"]


def test_a_side_attacking_itself_is_a_misread_victim(rules):
    art = run(rules, "Three U.S. service members were killed and several wounded in an unmanned aerial drone attack "
                     "on a base in Jordan.", published=dt.date(2024, 1, 28))
    attacks = [e for e in art.events if e.type == "ASSAULT"]
    assert attacks
    for e in attacks:
        assert {a.entity.code for a in e.actor} != {r.entity.code for r in e.recipient}


def test_a_countryless_authority_is_the_recipient_when_nothing_else_is(rules):
    art = run(rules, "Amhara's regional government in Ethiopia on Thursday requested additional help from federal "
                     "authorities.", published=dt.date(2023, 8, 4))
    (req,) = [e for e in art.events if e.trigger.text == "requested"]
    assert req.type == "REQUEST"
    assert [(a.entity.country, a.entity.sector) for a in req.recipient] == [("ETH", "GOV")]


@pytest.mark.parametrize("text, actor, recipient", [
    ("Taliban fighters entered Afghanistan's Presidential Palace on Sunday.", "AFGREB", "AFGGOV"),
    ("Mutinying soldiers detained Mali's president in Bamako on Tuesday.", "MLIMIL", "MLIGOV"),
])
def test_one_side_of_a_country_acting_on_another_keeps_its_recipient(rules, text, actor, recipient):
    art = run(rules, text, published=dt.date(2021, 8, 15))
    ev = [e for e in art.events if e.type == "COERCE"]
    assert ev, [(e.type, e.trigger.text) for e in art.events]
    assert [a.entity.code for a in ev[0].actor] == [actor]
    assert recipient in [a.entity.code for a in ev[0].recipient]


def test_a_state_acting_on_itself_as_a_whole_has_no_recipient(rules):
    art = run(rules, "The Polish government banned the mention of Polish complicity.", published=dt.date(2021, 11, 15))
    assert all(r.entity.code != "POL" for e in art.events for r in e.recipient)


def test_an_act_with_no_named_target_is_aimed_at_the_other_side_of_the_story(rules):
    # written for flashpoint in the wording of cross-border strike reports
    art = run(rules, "Iran struck two bases of a militant group in Pakistan on Tuesday, and Pakistan recalled its "
                     "ambassador from Tehran. On Wednesday Iran threatened further action.",
              published=dt.date(2024, 1, 17))
    threat = [e for e in art.events if e.type == "THREATEN" and codes(e.actor) == ["IRN"]]
    assert threat, [(e.type, e.trigger.text, codes(e.actor)) for e in art.events]
    assert codes(threat[0].recipient) == ["PAK"]
    assert threat[0].recipient[0].entity.kind == "counterpart" and threat[0].recipient[0].span.text == "Pakistan"
    assert "the other side (PAK), inferred" in threat[0].cues["participants"]


def test_no_other_side_is_inferred_for_an_actor_that_faces_no_one(rules):
    art = run(rules, "The United Nations called for restraint on Tuesday. Iran struck two bases in Pakistan.",
              published=dt.date(2024, 1, 17))
    call = [e for e in art.events if e.type == "REQUEST"]
    assert call, [(e.type, e.trigger.text, codes(e.actor)) for e in art.events]
    assert call[0].recipient == []


@pytest.mark.parametrize("text", [
    # written for flashpoint: the one who welcomes or endorses a call is not the side it is aimed at
    "The African Union endorsed the ECOWAS call for the restoration of constitutional order.",
    "The Arab League welcomed the Security Council resolution calling for a ceasefire.",
])
def test_support_puts_no_one_on_the_other_side(rules, text):
    art = run(rules, text, published=dt.date(2023, 8, 1))
    support = [e for e in art.events if e.type == "SUPPORT"]
    call = [e for e in art.events if e.type == "REQUEST"]
    assert support and call, [(e.type, e.trigger.text, codes(e.actor)) for e in art.events]
    assert support[0].recipient, "the supported party is named"
    assert call[0].recipient == [], [r.entity.code for r in call[0].recipient]


def test_an_actor_that_faces_no_named_target_acts_on_the_other_country_the_story_names_most(rules):
    # written for flashpoint in the wording of a border standoff: Venezuela's act names no target,
    # and no event of the story sets Venezuela against anyone; Guyana is the other country it names
    art = run(rules, "Guyana's president said Guyanese troops were on alert along the Essequibo border. "
                     "Guyana's foreign minister met the US ambassador in Georgetown. "
                     "On Sunday Venezuelan warships blocked the route on the river.",
              published=dt.date(2023, 12, 4))
    blocked = [e for e in art.events if e.trigger.text == "blocked"]
    assert blocked, [(e.type, e.trigger.text, codes(e.actor)) for e in art.events]
    assert codes(blocked[0].actor) == ["VENMIL"]
    assert [r.entity.country for r in blocked[0].recipient] == ["GUY"]
    assert blocked[0].recipient[0].entity.kind == "counterpart"
    assert "the other country named most (GUY), inferred" in blocked[0].cues["participants"]


@pytest.mark.parametrize("text, trigger, recipient", [
    # the parse finds no target, but the sentence names the other side of the actor's own country
    ("Venezuela's government issued threats on Tuesday, saying the Venezuelan opposition was responsible "
     "for the deaths.", "issued", "VENOPP"),
    ("Sudan's army chief issued an ultimatum on Sunday, saying the RSF had to leave the capital.", "issued", "SDNREB"),
])
def test_another_side_of_the_actors_country_named_after_the_act_is_its_target(rules, text, trigger, recipient):
    art = run(rules, text, published=dt.date(2024, 8, 1))
    (event,) = [e for e in art.events if e.trigger.text == trigger]
    assert codes(event.recipient) == [recipient]
    assert "named after the trigger" in event.cues["participants"]


def test_the_actors_own_side_named_after_the_act_is_no_target(rules):
    art = run(rules, "Venezuela's government suspended flights to Panama, the Venezuelan government said.",
              published=dt.date(2024, 8, 1))
    (event,) = [e for e in art.events if e.trigger.text == "suspended"]
    assert "VENGOV" not in codes(event.recipient)


def test_two_countries_facing_each_other_take_no_target_named_after_the_act(rules):
    art = run(rules, "Indian and Pakistani troops exchanged heavy fire along the Line of Control overnight, "
                     "Indian officials said.", published=dt.date(2025, 5, 7))
    (event,) = [e for e in art.events if e.trigger.text == "exchanged"]
    assert "INDGOV" not in codes(event.recipient)


def test_a_measure_a_state_takes_at_home_is_aimed_at_no_other_side(rules):
    # the United Nations is the one country-like side Colombia faces in this story: no target of a curfew
    art = run(rules, "Colombian President Gustavo Petro declared a state of internal commotion on Friday. "
                     "The United Nations urged Colombia to protect civilians.", published=dt.date(2025, 1, 21))
    (event,) = [e for e in art.events if e.trigger.text == "declared"]
    assert not [a for a in event.recipient if a.entity.kind == "counterpart"]


def test_the_people_an_act_of_one_of_two_states_is_on_are_not_its_own(rules):
    # no place of the act's own: the seized tanker's crew is not Iranian for being in an Iranian story
    art = run(rules, "The United States accused Iran of attacking ships in the Gulf. Iran seized an oil tanker "
                     "in the Gulf of Oman on Thursday.", published=dt.date(2023, 5, 5))
    (event,) = [e for e in art.events if e.trigger.text == "seized"]
    assert "IRN" not in {a.entity.country for a in event.recipient}



def test_a_dateline_agency_is_no_side_and_no_antecedent(analyze):
    # "KHARTOUM (AFP)": France is not the other side a denial answers
    art = analyze("KHARTOUM (AFP) - Sudan's paramilitary Rapid Support Forces shelled the last functioning "
                  "hospital in El Fasher on Sunday, killing at least nine patients.\n\nThe army-aligned "
                  "Sovereignty Council accused the RSF of committing genocide against the Masalit people in West "
                  "Darfur. The RSF denied the accusation.")
    (denial,) = [e for e in art.events if e.trigger.text == "denied"]
    assert "FRA" not in {a.entity.country for a in denial.recipient}
    # "ISLAMABAD (AP) — ... The government" is Pakistan's, not the agency's country
    art = analyze("ISLAMABAD, May 10 (AP) — Supporters of former Prime Minister Imran Khan attacked army "
                  "buildings in several cities on Wednesday.\n\nPolice fired tear gas at the protesters in "
                  "Lahore. The government deployed the army in Punjab province.")
    (deploy,) = [e for e in art.events if e.trigger.text == "deployed"]
    assert [a.entity.country for a in deploy.actor] == ["PAK"]


def test_the_act_after_a_foreign_bureau_s_dateline_is_not_the_bureau_s(analyze):
    # the parser makes the air strike an apposition of BANGKOK, the subject of "killed"; the
    # unknown village is in the area the story is about (Sagaing), not near the bureau
    art = analyze("BANGKOK (AP) — A Myanmar military air strike on a village in the Sagaing region killed at "
                  "least 53 people, including children, witnesses said Wednesday.\n\nA fighter jet dropped bombs "
                  "on the crowd in Pazigyi village on Tuesday morning, a resident said.")
    assert all(a.entity.country == "MMR" for e in art.events for a in e.actor if a.entity.country), \
        [(e.trigger.text, [a.entity.code for a in e.actor]) for e in art.events]
    (drop,) = [e for e in art.events if e.trigger.text == "dropped"]
    assert drop.place.countries == ["MMR"] and drop.place.precision == "context"
    # nor is an armed group of no country yet, after a capital's dateline, that capital's government
    # (written for flashpoint in the wording of reports on Burkina Faso, August 2024)
    art = analyze("OUAGADOUGOU, Aug 27 (Reuters) - Al Qaeda-linked militants killed hundreds of people in an attack "
                  "on the town of Barsalogho on Saturday, residents said.", published=dt.date(2024, 8, 27))
    (killed,) = [e for e in art.events if e.trigger.text == "killed"]
    assert [a.entity.code for a in killed.actor] == ["BFAREB"]


def test_a_direction_word_is_no_region_and_a_capital_that_acts_is_no_scene(analyze):
    # "the northeastern city" is no Northeastern governorate of Oman; the village taken lies near
    # Kharkiv, not near Moscow, which "opened a new offensive" there
    art = analyze("Russian forces launched a barrage of drones and missiles at the northeastern city of Kharkiv "
                  "overnight, killing at least six people. Russia's Defense Ministry said its forces had captured "
                  "the village of Starytsia in the Kharkiv region, where Moscow opened a new offensive on May 10.")
    (launch,) = [e for e in art.events if e.trigger.text == "launched"]
    assert "OMN" not in {a.entity.country for a in launch.recipient}
    (capture,) = [e for e in art.events if e.trigger.text == "captured"]
    assert [a.entity.country for a in capture.recipient] == ["UKR"], capture.cues


def test_two_sides_that_fight_each_other_get_no_third_party_as_target(analyze):
    # the U.S. embassy named next is no target of the fighting between the army and Fano
    art = analyze("ADDIS ABABA, Aug 7 (Reuters) - Ethiopia's government declared a state of emergency in the Amhara "
                  "region on Friday after fighting between the military and the local Fano militia.\n\nThe U.S. "
                  "embassy urged its citizens to avoid travel to the region.", dt.date(2023, 8, 7))
    (fighting,) = [e for e in art.events if e.trigger.text == "fighting"]
    assert {a.entity.code for a in fighting.actor} == {"ETHMIL", "ETHREB"}
    assert "USA" not in {r.entity.country for r in fighting.recipient}


@pytest.mark.parametrize("text, mention", [
    # written for flashpoint: a mention that says it is from elsewhere keeps no country
    ("Zelenskiy urged Western leaders to back Ukraine with more air defence systems.", "Western leaders"),
    ("Pakistan appealed to the international community to support its efforts against terrorism.",
     "the international community"),
    ("Kenya urged foreign governments to fund the police mission in Haiti.", "foreign governments"),
])
def test_a_mention_from_elsewhere_is_not_localised(rules, text, mention):
    art = run(rules, text, published=dt.date(2024, 3, 8))
    found = [r for e in art.events for r in e.recipient if r.span is not None and r.span.text == mention]
    assert found, [(e.type, [(r.span and r.span.text, r.entity.code) for r in e.recipient]) for e in art.events]
    assert all(r.entity.country is None for r in found)


@pytest.mark.parametrize("text, published, trigger, not_target", [
    # written for flashpoint: a mediator called on, a reporter of the act, a foreign sanctioner in a
    # civil war are not the other side an act with no named target is aimed at
    ("Iran's foreign ministry condemned the killing of Nasrallah and called for an emergency meeting of the UN "
     "Security Council.", dt.date(2024, 9, 28), "condemned", "UN"),
    ("Doctors Without Borders said the South Hospital, the last functioning hospital in the city, was forced to "
     "close after RSF fighters stormed it on Saturday and opened fire.", dt.date(2024, 6, 14), "stormed", "MSF"),
    ("The army said its troops had repelled an RSF assault on El Fasher. Washington imposed sanctions on two RSF "
     "commanders on Wednesday. The RSF denied losing any vehicles.", dt.date(2024, 6, 14), "denied", "USA"),
    # in the wording of reports on Kenya (June 2024): the opposition's demand is not aimed at the
    # foreign country the story names most
    ("The United States and 12 other Western countries issued a joint statement urging restraint in Kenya. "
     "Opposition leader Raila Odinga called for dialogue.", dt.date(2024, 6, 26), "called", "USA"),
    # in the wording of reports on Gabon (August 2023): a body that condemns a coup is no side of it
    ("Army officers in Gabon said they had seized power and closed the borders. The African Union condemned "
     "the coup.", dt.date(2023, 8, 30), "closed", "AU"),
])
def test_who_is_no_party_to_a_conflict_is_not_its_other_side(rules, text, published, trigger, not_target):
    art = run(rules, text, published=published)
    found = [e for e in art.events if e.trigger.text == trigger]
    assert found, [(e.type, e.trigger.text) for e in art.events]
    assert not_target not in codes(found[0].recipient)


def test_the_strikes_taken_up_are_their_author_s_and_hit_the_other_side(analyze):
    # written for flashpoint in the wording of reports on India and Pakistan (May 2025): "the
    # strikes" are India's, told before; the civilians they killed are Pakistan's, not India's (the
    # article's country), as the strike names no place of its own
    a = analyze("India launched missile strikes on nine sites in Pakistan early on Wednesday, two weeks after a "
                "deadly attack on Hindu tourists.\n\nPakistan said the strikes killed 26 civilians, including a "
                "child.", published=dt.date(2025, 5, 7))
    (killed,) = [e for e in a.events if e.trigger.text == "killed"]
    assert {x.entity.country for x in killed.actor} == {"IND"}
    assert [x.entity.code for x in killed.recipient] == ["PAKCVL"]


def test_states_of_a_region_are_not_the_country_of_the_story(analyze):
    # written for flashpoint in the wording of reports on Georgia (December 2024)
    a = analyze("Georgian riot police detained 48 protesters in Tbilisi. The Baltic states imposed sanctions on 11 "
                "Georgian officials.", published=dt.date(2024, 12, 6))
    (imposed,) = [e for e in a.events if e.trigger.text == "imposed"]
    assert all(x.entity.country != "GEO" for x in imposed.actor)
