"""Denied actions and habitual events, through the whole pipeline (events, then factuality).

A denial gives two records: the REJECT (asserted: the denying happened) and the denied action
(status ``denied``, attributed to the denier). Light verb + event noun ("engaging in hybrid
warfare") gives the noun's type with the verb's subject as actor. Habitual conduct ("Neo-Nazis
regularly march on Ukrainian streets") is extracted with modality ``generic`` and weighs 0.

Sentences: the WSWS article of 2021-11-15 and sentences written like the news of the
November 2021 Belarus-Poland border crisis (Reuters, RFE/RL, TASS wording)."""

from __future__ import annotations

import pytest

from flashpoint.stages.factuality import escalation_weight


def at(article, trigger: str):
    """The one event whose trigger is the word ``trigger``."""
    found = [e for e in article.events if e.trigger.text == trigger]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in article.events]
    ev = found[0]
    assert article.text[ev.trigger.start:ev.trigger.end] == trigger
    for a in ev.actor + ev.recipient + ev.attributed_to:
        if a.span is not None:
            assert article.text[a.span.start:a.span.end] == a.span.text
    return ev


def countries(actors) -> list[str | None]:
    return [a.entity.country for a in actors]


# --- denials: the denied action is its own record ------------------------------------------------

DENIALS = [
    # sentence, denial verb, denied trigger, its type, its actor, the denier
    ("The Kremlin has rejected claims that it was engaging in hybrid warfare on the border through "
     "the refugees.", "rejected", "warfare", "ASSAULT", "RUS", "RUS"),
    ("Moscow denied that its troops were massing near the border.", "denied", "massing", "MOBILIZE", "RUS", "RUS"),
    ("Moscow dismissed allegations that it had engaged in aggression against Ukraine.",
     "dismissed", "aggression", "ASSAULT", "RUS", "RUS"),
    ("Russia rejected accusations of massing troops on the border.", "rejected", "massing", "MOBILIZE", "RUS", "RUS"),
    ("Russia denied engaging in provocations in the Black Sea.", "denied", "provocations", "THREATEN", "RUS", "RUS"),
    ("Minsk rejected accusations against it of orchestrating attacks on the border.",
     "rejected", "attacks", "ASSAULT", "BLR", "BLR"),
    ("The Kremlin dismissed allegations that Russian forces were engaged in fighting in eastern Ukraine.",
     "dismissed", "fighting", "ASSAULT", "RUS", "RUS"),
    ("Warsaw rejected allegations that Polish guards had used violence against the migrants.",
     "rejected", "violence", "ASSAULT", "POL", "POL"),
]


@pytest.mark.parametrize("sentence, denial, trigger, typ, actor, denier", DENIALS)
def test_the_content_of_a_denial_is_a_denied_event(analyze, sentence, denial, trigger, typ, actor, denier):
    a = analyze(sentence)
    reject = at(a, denial)
    assert reject.type == "REJECT"
    assert (reject.status, reject.modality) == ("asserted", "actual")
    assert countries(reject.actor) == [denier]
    ev = at(a, trigger)
    assert ev.type == typ
    assert actor in countries(ev.actor)
    assert (ev.status, ev.modality) == ("denied", "actual")
    assert countries(ev.attributed_to) == [denier]
    assert escalation_weight(ev.status, ev.modality) == 0.0
    assert ev.scores.weight == 0.0 and ev.scores.weighted in (0.0, None)  # what the escalation series add up


@pytest.mark.parametrize("sentence, trigger, denier", [
    ("Russia has repeatedly denied plans to invade Ukraine.", "invade", "RUS"),
    ("Moscow denies that it has any plans to attack Ukraine.", "attack", "RUS"),
])
def test_a_denied_plan_is_the_deniers_and_denied(analyze, sentence, trigger, denier):
    ev = at(analyze(sentence), trigger)
    assert (ev.type, countries(ev.actor), countries(ev.recipient)) == ("ASSAULT", [denier], ["UKR"])
    assert (ev.status, ev.modality) == ("denied", "planned")
    assert countries(ev.attributed_to) == [denier]


def test_someone_elses_plan_is_not_the_rejecters(analyze):
    # "condemned" judges a plan; it does not say whose it is
    a = analyze("Moscow condemned plans to deploy NATO troops to Poland.")
    assert not [e for e in a.events if e.trigger.text == "deploy" and "RUS" in countries(e.actor)]


def test_the_examples_denial_names_the_kremlin(analyze):
    a = analyze("The Kremlin has rejected claims that it was engaging in hybrid warfare on the border through "
                "the refugees and insists that it has nothing to do with the crisis.")
    ev = at(a, "warfare")
    assert ev.cues["events"].startswith("noun:warfare; denial-complement; cameo:")
    assert [(x.entity.country, x.entity.sector) for x in ev.attributed_to] == [("RUS", "GOV")]
    assert ev.attributed_to[0].span.text == "The Kremlin"


@pytest.mark.parametrize("sentence, trigger, typ, actor, recipient, modality", [
    ("Belarus has been engaging in hybrid warfare against Poland.", "warfare", "ASSAULT", "BLR", ["POL"], "actual"),
    ("Some 8,500 Belarusian servicemen and police will participate in the exercises.", "exercises", "MOBILIZE",
     "BLR", [], "planned"),
    ("Lukashenko's regime has resorted to provocations on the border with Lithuania.", "provocations",
     "THREATEN", "BLR", ["LTU"], "actual"),
])
def test_light_verb_and_preposition_lend_their_subject(analyze, sentence, trigger, typ, actor, recipient, modality):
    ev = at(analyze(sentence), trigger)
    assert (ev.type, countries(ev.actor), countries(ev.recipient)) == (typ, [actor], recipient)
    assert (ev.status, ev.modality) == ("asserted", modality)


def test_a_claimed_light_verb_event_is_attributed(analyze):
    a = analyze("NATO states claimed that Russia was using the refugees to engage in hybrid warfare.")
    ev = at(a, "warfare")
    assert (ev.type, countries(ev.actor)) == ("ASSAULT", ["RUS"])
    assert (ev.status, countries(ev.attributed_to)) == ("attributed", ["NATO"])


def test_denial_of_an_action_without_a_trigger_keeps_only_the_rejection(analyze):
    # "orchestrating the crisis" names no PLOVER action: only the REJECT is coded
    a = analyze("Minsk dismissed accusations that it was orchestrating the crisis.")
    assert [(e.type, e.trigger.text, countries(e.actor)) for e in a.events] == [("REJECT", "dismissed", ["BLR"])]


def test_what_an_accusation_is_of_is_not_its_author(analyze):
    # "of weaponizing migrants" is the content: no ACCUSE with the migrants as accuser
    a = analyze("Belarus rejected accusations of weaponizing migrants.")
    assert [e.type for e in a.events] == ["REJECT"]
    assert countries(a.events[0].actor) == ["BLR"]


def test_event_nouns_that_need_a_light_verb_are_no_events_alone(analyze):
    a = analyze("The latest escalation in the Black Sea region, the third major provocation of NATO in this "
                "region this year, began with claims by the US.")
    assert not [e for e in a.events if e.trigger.text == "provocation"]
    a = analyze("Peskov lashed out at adversaries he accused of provocations near Russia's borders.")
    assert not [e for e in a.events if e.trigger.text == "provocations"]


# --- habitual events: generic, weight 0 ------------------------------------------------------------

HABITS = [
    # sentence, trigger, type, actor country (None: a group without one), sector, cue
    ("Neo-Nazis regularly march on Ukrainian streets.", "march", "PROTEST", "UKR", None, "regularly"),
    ("Protesters routinely gather outside the embassy.", "gather", "PROTEST", None, "CVL", "routinely"),
    ("Opposition supporters march through Minsk every year.", "march", "PROTEST", "BLR", "OPP", "every year"),
    ("Demonstrators have marched in Minsk every Sunday since August.", "marched", "PROTEST", "BLR", "CVL",
     "every sunday"),
    ("Demonstrators often rally outside the parliament.", "rally", "PROTEST", None, "CVL", "often"),
    ("Russia regularly holds military exercises near the border.", "exercises", "MOBILIZE", "RUS", None, "regularly"),
]


@pytest.mark.parametrize("sentence, trigger, typ, country, sector, cue", HABITS)
def test_habitual_events_are_generic(analyze, sentence, trigger, typ, country, sector, cue):
    a = analyze(sentence)
    ev = at(a, trigger)
    assert ev.type == typ
    assert [(x.entity.country, x.entity.sector) for x in ev.actor] == [(country, sector)]
    assert (ev.status, ev.modality) == ("asserted", "generic")
    assert ev.cues["factuality"] == f"modality: {cue}"
    assert escalation_weight(ev.status, ev.modality) == 0.0
    assert ev.scores.weight == 0.0


def test_one_march_is_an_actual_protest(analyze):
    a = analyze("Thousands of protesters marched through the capital on Saturday.")
    ev = at(a, "marched")
    assert (ev.type, ev.modality) == ("PROTEST", "actual")
    assert [x.entity.sector for x in ev.actor] == ["CVL"]


@pytest.mark.parametrize("sentence", [
    "Russian troops marched into Crimea in 2014.",
    "Migrants gathered at the border crossing near Kuznica.",
])
def test_troops_marching_and_migrants_gathering_are_no_protest(analyze, sentence):
    a = analyze(sentence)
    assert not [e for e in a.events if e.type == "PROTEST"]


def test_protesters_take_the_country_of_a_place_not_of_a_building(analyze):
    a = analyze("Thousands marched on the Polish embassy in Minsk.")
    assert not [e for e in a.events if "POL" in countries(e.actor)]
    ev = at(analyze("Protesters marched in the Belarusian capital."), "marched")
    assert [(x.entity.country, x.entity.sector) for x in ev.actor] == [("BLR", "CVL")]


# --- the example article ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def example_rules(rules_pipeline, example_path):
    """The example article through the rule stages (no learned detection): the denial logic itself."""
    from flashpoint.readers import read

    (article,) = read(example_path)
    return rules_pipeline(article)


def test_example_denial_and_habit(example_rules):
    example = example_rules
    text = example.text
    warfare = [e for e in example.events if e.trigger.text == "warfare" and e.status == "denied"]
    assert len(warfare) == 1
    ev = warfare[0]
    assert "The Kremlin has rejected" in example.sentences[ev.sentence].text
    assert (ev.type, countries(ev.actor), ev.modality) == ("ASSAULT", ["RUS"], "actual")
    assert [(x.entity.country, x.entity.sector) for x in ev.attributed_to] == [("RUS", "GOV")]
    # the first mention, in NATO's claim, is attributed to NATO
    claimed = [e for e in example.events if e.trigger.text == "warfare" and e.status == "attributed"]
    assert [countries(e.attributed_to) for e in claimed] == [["NATO"]]
    (march,) = [e for e in example.events if e.trigger.text == "march"]
    assert text[march.trigger.start:march.trigger.end] == "march"
    assert (march.type, countries(march.actor), march.status, march.modality) == ("PROTEST", ["UKR"], "asserted",
                                                                                  "generic")
