"""The nlp stage mends verb lemmas the model's rules cut one letter short ("waged" -> "wag"),
so that the event lexicon, keyed by lemma, finds the verb."""

from __future__ import annotations

import pytest

from flashpoint.stages.nlp import load_model


@pytest.mark.parametrize("sentence, form, lemma", [
    ("The two sides waged strikes on one another's bases.", "waged", "wage"),
    ("Government forces are waging a campaign against the insurgents.", "waging", "wage"),
    ("Opposition supporters staged a sit-in outside parliament.", "staged", "stage"),
    ("A court fined the outlet for its coverage of the protests.", "fined", "fine"),
    # lemmas that were right stay as they were
    ("The junta planned an offensive in the north.", "planned", "plan"),
    ("Rebels shelled the town overnight.", "shelled", "shell"),
    ("Looters raided the shops.", "raided", "raid"),
    ("The envoy visited Kyiv on Monday.", "visited", "visit"),
    ("Troops massed at the border.", "massed", "mass"),
])
def test_verb_lemmas(sentence, form, lemma):
    (token,) = [t for t in load_model()(sentence) if t.text == form]
    assert token.lemma_ == lemma


def test_a_waged_attack_is_an_event(analyze):
    events = analyze("Israel and Iran waged strikes on each other's territory on Saturday.").events
    assert [e.type for e in events] == ["ASSAULT"]


@pytest.mark.parametrize("sentence, form, lemma", [
    ("The military retook Lalibela on Saturday, a resident said.", "retook", "retake"),
    ("Two fighter jets overflew the island on Sunday.", "overflew", "overfly"),
    ("Rebels outfought the army near the border.", "outfought", "outfight"),
])
def test_a_past_form_the_model_never_saw_is_read_as_that_past(sentence, form, lemma):
    # without its norm the tagger made "retook" a noun ("military retook", a compound)
    (token,) = [t for t in load_model()(sentence) if t.text == form]
    assert (token.lemma_, token.tag_) == (lemma, "VBD")


def test_a_town_retaken_is_an_event(analyze):
    events = analyze("Fano fighters took control of Lalibela on Wednesday. The military retook Lalibela on Saturday, "
                     "a resident said.").events
    assert "retook" in [e.trigger.text for e in events]
