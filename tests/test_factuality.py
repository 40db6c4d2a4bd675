"""The factuality stage: status, attribution and modality of events, sentence roles, weights.

Events are built by hand at trigger words of real sentences (the example article, and short
news sentences), since the events stage is not part of this pipeline; the factuality stage then
runs on the parsed article exactly as in the full pipeline.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from flashpoint.model import Actor, Entity, Event
from flashpoint.pipeline import Pipeline
from flashpoint.readers import article_from_text, read
from flashpoint.stages.factuality import Factuality, escalation_weight, event_modality, weights
from flashpoint.stages.factuality_modality import modality_of
from flashpoint.stages.nlp import load_model


@pytest.fixture(scope="module")
def parse():
    """Repair and parse a text (the parse stays on the article for the factuality stage)."""
    pipe = Pipeline(["repair", "nlp"])

    def run(article):
        for component in pipe.stages:
            article = component(article)
        return article

    return run


@pytest.fixture(scope="module")
def example_parsed(parse, example_path):
    (article,) = read(example_path)
    return parse(article)


def event_at(article, phrase: str, trigger: str, type_: str = "MOBILIZE", actor: str | None = None) -> Event:
    """An event whose trigger is the word ``trigger`` inside the first ``phrase`` of the text."""
    start = article.text.index(phrase) + phrase.index(trigger)
    span = article.span(start, start + len(trigger))
    assert article.text[span.start:span.end] == trigger
    actors = [Actor(Entity(country=actor))] if actor else []
    return Event(type=type_, trigger=span, sentence=span.sentence, actor=actors)


def run_events(article, *events: Event) -> list[Event]:
    article.events = list(events)
    article.stats.pop("factuality", None)
    Factuality()(article)
    return article.events


def countries(event: Event) -> set[str | None]:
    return {a.entity.country for a in event.attributed_to}


# --- the example article -----------------------------------------------------------------------

def test_claimed_troop_movement_is_attributed_to_the_us(example_parsed):
    art = example_parsed
    moving = event_at(art, "Russia was moving troops", "moving", "MOBILIZE", "RUS")
    claims = event_at(art, "unsubstantiated claims by the US", "claims", "ACCUSE", "USA")
    run_events(art, moving, claims)
    assert (moving.status, moving.modality) == ("attributed", "actual")
    assert countries(moving) == {"USA"}
    src = moving.attributed_to[0].span
    assert art.text[src.start:src.end] == src.text and "US" in src.text
    # the claiming itself happened: asserted
    assert (claims.status, claims.modality) == ("asserted", "actual")
    assert claims.attributed_to == []
    assert "author disputes: unsubstantiated" in moving.cues["factuality"]


def test_kremlin_denial(example_parsed):
    art = example_parsed
    engaging = event_at(art, "it was engaging in", "engaging", "COERCE", "RUS")
    rejected = event_at(art, "The Kremlin has rejected claims", "rejected", "REJECT", "RUS")
    run_events(art, engaging, rejected)
    assert engaging.status == "denied"
    assert countries(engaging) == {"RUS"}
    assert engaging.attributed_to[0].entity.sector == "GOV"  # "The Kremlin"
    assert (rejected.status, rejected.modality) == ("asserted", "actual")


def test_press_report_of_a_plan(example_parsed):
    art = example_parsed
    send = event_at(art, "the UK was preparing to send 600 troops", "send", "AID", "GBR")
    preparing = event_at(art, "the UK was preparing to send 600 troops", "preparing", "AID", "GBR")
    run_events(art, send, preparing)
    for ev in (send, preparing):
        assert (ev.status, ev.modality) == ("attributed", "planned"), ev.trigger.text
        assert [(a.entity.country, a.entity.sector) for a in ev.attributed_to] == [("GBR", "JRN")]


def test_press_speculation_is_hypothetical(example_parsed):
    art = example_parsed
    back = event_at(art, "the Pentagon is planning to back Ukraine", "back", "AID", "USA")
    run_events(art, back)
    assert (back.status, back.modality) == ("attributed", "hypothetical")
    assert [(a.entity.country, a.entity.sector) for a in back.attributed_to] == [("RUS", "JRN")]
    assert "likely" in back.cues["factuality"]


def test_habitual_marching_is_generic(example_parsed):
    art = example_parsed
    march = event_at(art, "Neo-Nazis regularly march", "march", "PROTEST", "UKR")
    assassinate = event_at(art, "terrorize and assassinate political", "assassinate", "ASSAULT", "UKR")
    run_events(art, march, assassinate)
    assert march.modality == "generic" and assassinate.modality == "generic"
    assert march.status == "asserted"


def test_announcements_and_threats(example_parsed):
    art = example_parsed
    move = event_at(art, "announced it would move 8,500 soldiers", "move", "MOBILIZE", "UKR")
    build = event_at(art, "and build border fortifications", "build", "MOBILIZE", "UKR")
    intended = event_at(art, "Lithuania intended to evoke Article 4", "intended", "REQUEST", "POL")
    plans = event_at(art, "plans by the European powers to sanction", "plans", "SANCTION", "EU")
    destroy = event_at(art, 'it would "destroy" any migrants', "destroy", "THREATEN", "UKR")
    vowed = event_at(art, "the United States vowed to continue", "vowed", "SUPPORT", "USA")
    run_events(art, move, build, intended, plans, destroy, vowed)
    for ev in (move, build, intended, plans, vowed):
        assert (ev.status, ev.modality) == ("asserted", "planned"), ev.trigger.text
    # a threat is made when it is uttered: the THREATEN is actual, not planned
    assert (destroy.status, destroy.modality) == ("asserted", "actual")
    assert "declared" in destroy.cues["factuality"]


def test_other_trigger_choices_in_the_example(example_parsed):
    """The events stage may put a trigger on another word of the same event."""
    art = example_parsed
    cut = event_at(art, "Lukashenko to cut off gas", "cut", "THREATEN", "BLR")
    discussions = event_at(art, "called for direct discussions", "discussions", "REQUEST", "RUS")
    fortifications = event_at(art, "build border fortifications", "fortifications", "MOBILIZE", "UKR")
    entry = event_at(art, "illegally denying entry", "entry", "COERCE", "EU")
    exercise = event_at(art, "paratrooper exercise on Friday", "exercise", "MOBILIZE", "RUS")
    run_events(art, cut, discussions, fortifications, entry, exercise)
    assert (cut.status, cut.modality) == ("asserted", "actual")  # the threat was made
    assert (discussions.status, discussions.modality) == ("asserted", "actual")  # the call was made
    assert fortifications.modality == "planned"  # "would move ... and build fortifications"
    assert entry.status == "asserted"  # denying entry refuses it; it denies no claim
    assert (exercise.status, exercise.modality) == ("asserted", "actual")


def test_allegedly_and_any_attempts(example_parsed):
    art = example_parsed
    flying = event_at(art, "allegedly flying refugees", "flying", "AID", "RUS")
    attempts = event_at(art, "any attempts by NATO to admit", "attempts", "SUPPORT", "NATO")
    run_events(art, flying, attempts)
    assert (flying.status, flying.modality) == ("attributed", "actual")
    assert attempts.modality == "hypothetical"


# --- short sentences: scope of negation and modals -----------------------------------------------

@pytest.fixture(scope="module")
def nlp():
    return load_model()


def token(doc, word: str, nth: int = 0):
    return [t for t in doc if t.text == word][nth]


@pytest.mark.parametrize("sentence, trigger, expected", [
    ("Ukraine has not sent troops to the border.", "sent", "negated"),
    ("Poland refused to open the border crossing.", "open", "negated"),
    ("The minister, who did not attend the meeting, said Russia sent troops.", "sent", "actual"),
    ("If Russia invades Ukraine, the United States will impose severe sanctions.", "impose", "hypothetical"),
    ("If Russia invades Ukraine, the United States will impose severe sanctions.", "invades", "hypothetical"),
    ("Belarus will hold joint exercises with Russia next week.", "hold", "planned"),
    ("Russian troops could be sent to Belarus.", "sent", "hypothetical"),
    ("Moscow has tried to make Lukashenko leave office.", "leave", "hypothetical"),
    ("An additional invasion is not likely, experts said.", "invasion", "hypothetical"),
    ("Russia sent two bombers over Belarus on Thursday.", "sent", "actual"),
    ("Militias regularly attack villages in the region.", "attack", "generic"),
    ("Opposition supporters march through Minsk every year.", "march", "generic"),
    ("Belarusian border guards push migrants back twice a week.", "push", "generic"),
    ("Russia sent two bombers over Belarus last week.", "sent", "actual"),
    ("No shots were fired during the standoff.", "fired", "negated"),
    ("Israel ruled out a ground offensive in Gaza.", "offensive", "negated"),
    ("Israel has not ruled out a ground offensive in Gaza.", "offensive", "hypothetical"),
    ("Washington is considering new sanctions against Moscow.", "sanctions", "hypothetical"),
    ("Officials said the talks would resume on Monday.", "resume", "planned"),
    ("Chrysler Chief Executive Robert Nardelli will step down when the proceedings are finalized.",
     "finalized", "planned"),
    ("The index fell 2 percent to close at 7,162 points.", "close", "actual"),
    ("Russia sent troops to the border to pressure Ukraine.", "pressure", "hypothetical"),
    # a noun denied by its determiner denies its complement
    ("The Kremlin said Russia has no plans to invade Ukraine.", "invade", "negated"),
    ("Russia has plans to invade Ukraine.", "invade", "planned"),
    ("There is no reason to believe that the strike was deliberate.", "believe", "negated"),
    # verbs that stop their object from happening
    ("Russia vetoed a resolution condemning the annexation.", "resolution", "negated"),
    ("The court blocked the deportation of the asylum seekers.", "deportation", "negated"),
    ("Police thwarted an attack on the embassy.", "attack", "negated"),
    ("The rebels withdrew their offer of a ceasefire.", "offer", "negated"),
    ("Parliament turned down the request for more troops.", "request", "negated"),
    ("The court reviewed the deportation of the asylum seekers.", "deportation", "actual"),
    ("Police investigated an attack on the embassy.", "attack", "actual"),
    # a cut-short event
    ("The two warships nearly collided in the Taiwan Strait.", "collided", "negated"),
    ("The two warships collided in the Taiwan Strait.", "collided", "actual"),
    # adjectives of a nominal event that has not happened
    ("Washington warned of an imminent invasion of Ukraine.", "invasion", "hypothetical"),
    ("Unions called off the threatened strike at the port.", "strike", "negated"),
    # --- patterns measured on MEANTIME and UW (issue 15): each kept only where neither set lost
    # negation scope: "not only" negates nothing; "no longer" does; a copula's negation is its
    # predicate's; "but" keeps a conjunct's own polarity
    ("Washington said that not only Russian banks have violated the sanctions.", "violated", "actual"),
    ("The Ukrainian garrison could no longer hold the town.", "hold", "negated"),
    ("The blockade is not effective, the ministry said.", "effective", "negated"),
    ("This is not an invasion, the Kremlin said.", "invasion", "negated"),
    ("Russia did not attack the convoy but shelled the nearby town.", "shelled", "actual"),
    ("Russia did not attack the convoy but shelled the nearby town.", "attack", "negated"),
    ("The minister did n't say where the troops would go, but wanted to present the plan soon.",
     "wanted", "actual"),
    # reported speech: "would" under a noun of announcement, or a clause the parser hangs on
    # the noun of "in a statement", is a reported future
    ("The government's announcement that it would send troops to the border alarmed Minsk.",
     "send", "planned"),
    ("The ministry announced in a statement that it would close the border crossing.", "close", "planned"),
    # intention and possibility: an effort is an attempt; "able" is implicative; worries,
    # prospects and possibilities govern what they are of
    ("Qatar led an effort to broker a ceasefire in Gaza.", "broker", "hypothetical"),
    ("Ukrainian forces were able to retake the village.", "retake", "actual"),
    ("Civilians will be able to leave the city through the corridor.", "leave", "planned"),
    ("Worries of a wider war sent oil prices higher.", "war", "hypothetical"),
    ("The prospects for a ceasefire appear dim.", "ceasefire", "hypothetical"),
    ("Officials are studying the possibility of sending troops to Poland.", "sending", "hypothetical"),
    ("The strikes reduced the army's ability to resupply its troops.", "resupply", "hypothetical"),
    ("Turkey offered to mediate between Russia and Ukraine.", "mediate", "planned"),
    ("Qatar made an offer to host the talks.", "host", "planned"),
    ("Russia has no intention of withdrawing its troops from Belarus.", "withdrawing", "negated"),
    ("There was no word on whether the two armies would resume the joint exercises.",
     "resume", "hypothetical"),
    ("Troops were deployed in order to protect the embassy.", "protect", "hypothetical"),
    ("Germany will send new air defence systems, to be delivered next year.", "delivered", "planned"),
    # what a verb's cues do not reach: a participle modifier, a circumstance, an object that is
    # already under way
    ("The agreement reached in Minsk in 2015 never took hold.", "reached", "actual"),
    ("The deal was announced during a summit in Tehran.", "summit", "actual"),
    ("Israel said it would end the blockade of Gaza.", "blockade", "actual"),
    ("Israel said it would end the blockade of Gaza.", "end", "planned"),
    ("The army will lift the siege of the city.", "siege", "actual"),
    # called off: the noun and its complement
    ("The cancelled talks in Geneva were to focus on prisoners.", "talks", "negated"),
    ("Lawmakers criticised the now-cancelled deal to buy fighter jets from France.", "buy", "negated"),
    # questions and commands: a yes/no question asserts nothing, a wh-question presupposes its
    # clause; a command is a demand
    ("Did Russian troops cross the border on Sunday?", "cross", "hypothetical"),
    ("Will Russia invade Ukraine?", "invade", "hypothetical"),
    ("Is Russia preparing an invasion of Ukraine?", "invasion", "hypothetical"),
    ("Why were these people killed?", "killed", "actual"),
    ("Russian troops crossed the border on Sunday.", "crossed", "actual"),
    ("Stop the bombing of Gaza!", "Stop", "planned"),
    ("Leave Ukraine now.", "Leave", "planned"),
])
def test_modality_of_follows_the_tree(nlp, sentence, trigger, expected):
    label, cue = modality_of(token(nlp(sentence), trigger))
    assert label == expected, (sentence, cue)



def test_would_is_planned_under_reporting_and_hypothetical_alone(nlp):
    reported = nlp("Germany declared it would send thousands of policemen to the border.")
    assert modality_of(token(reported, "send")) == ("planned", "would")
    bare = nlp("Such a move would send a dangerous signal to Moscow.")
    assert modality_of(token(bare, "send"))[0] == "hypothetical"


def test_event_modality_of_an_intention_trigger(nlp):
    doc = nlp("The Polish government announced that it intended to close the border.")
    assert event_modality(token(doc, "intended"), "COERCE")[0] == "planned"
    assert modality_of(token(doc, "intended"))[0] == "actual"  # the intending itself happened


# --- status on short sentences ------------------------------------------------------------------

def test_according_to_and_accuse_of(parse):
    art = parse(article_from_text(
        "According to Ukrainian officials, Russian troops entered the town on Monday. "
        "The EU accuses Minsk of weaponizing migrants.", source="<test>", check=False))
    entered = event_at(art, "Russian troops entered", "entered", "ASSAULT", "RUS")
    weaponizing = event_at(art, "weaponizing migrants", "weaponizing", "COERCE", "BLR")
    run_events(art, entered, weaponizing)
    assert entered.status == "attributed" and countries(entered) == {"UKR"}
    assert weaponizing.status == "attributed" and countries(weaponizing) == {"EU"}


def test_self_report_is_asserted_but_report_about_others_attributed(parse):
    art = parse(article_from_text(
        "The Russian Defence Ministry said Russian paratroopers landed near Grodno. "
        "The Russian Defence Ministry said US warships entered the Black Sea.",
        source="<test>", check=False))
    landed = event_at(art, "paratroopers landed", "landed", "MOBILIZE", "RUS")
    entered = event_at(art, "warships entered", "entered", "MOBILIZE", "USA")
    run_events(art, landed, entered)
    assert landed.status == "asserted" and "self-report" in landed.cues["factuality"]
    assert entered.status == "attributed" and countries(entered) == {"RUS"}


def test_reports_accusations_and_denials(parse):
    art = parse(article_from_text(
        "Poland has accused Belarus of orchestrating the crisis. "
        "Ukrainian officials warned that Russia could invade in January. "
        "Moscow denies any involvement in the crisis. "
        "The US believes Russia is planning an invasion.", source="<test>", check=False))
    orchestrating = event_at(art, "orchestrating the crisis", "orchestrating", "COERCE", "BLR")
    invade = event_at(art, "could invade", "invade", "ASSAULT", "RUS")
    involvement = event_at(art, "any involvement", "involvement", "COERCE", "RUS")
    invasion = event_at(art, "planning an invasion", "invasion", "ASSAULT", "RUS")
    run_events(art, orchestrating, invade, involvement, invasion)
    assert (orchestrating.status, orchestrating.modality, countries(orchestrating)) == ("attributed", "actual", {"POL"})
    assert (invade.status, invade.modality, countries(invade)) == ("attributed", "hypothetical", {"UKR"})
    assert (involvement.status, involvement.modality, countries(involvement)) == ("denied", "actual", {"RUS"})
    assert (invasion.status, invasion.modality, countries(invasion)) == ("attributed", "planned", {"USA"})


def test_denied_with_a_direct_object_but_rejected_threats_stand(parse):
    art = parse(article_from_text(
        "Moscow denied sending troops to the border. "
        "Putin rejected the threats of Lukashenko to cut off gas supplies.",
        source="<test>", check=False))
    sending = event_at(art, "sending troops", "sending", "MOBILIZE", "RUS")
    threats = event_at(art, "the threats of Lukashenko", "threats", "THREATEN", "BLR")
    run_events(art, sending, threats)
    assert sending.status == "denied" and countries(sending) == {"RUS"}
    assert threats.status == "asserted"


# --- sentence roles -------------------------------------------------------------------------------

def test_roles_drop_commentary_and_calls_and_attribute_quotations(parse):
    text = ('Lavrov spoke to reporters in Moscow on Monday. "NATO has moved its troops to our '
            'borders and is staging provocations," he said. '
            "In reality, the NATO powers are preparing a war against Russia. "
            "Workers must oppose the war drive of the imperialist powers.")
    art = parse(article_from_text(text, source="<test>", check=False))
    moved = event_at(art, "NATO has moved its troops", "moved", "MOBILIZE", "NATO")
    preparing = event_at(art, "are preparing a war", "preparing", "MOBILIZE", "NATO")
    oppose = event_at(art, "must oppose the war", "oppose", "PROTEST")
    kept = run_events(art, moved, preparing, oppose)
    assert kept == [moved]
    assert [s.role for s in art.sentences] == ["reporting", "quotation", "commentary", "call_to_action"]
    dropped = art.stats["factuality"]["dropped"]
    assert [(d["trigger"], d["role"]) for d in dropped] == [("preparing", "commentary"),
                                                          ("oppose", "call_to_action")]
    assert moved.status == "attributed"
    assert moved.attributed_to[0].span.text == "he"


# --- weights ----------------------------------------------------------------------------------------

def test_weights_table_orders_the_statuses():
    assert escalation_weight("asserted", "actual") == 1.0
    assert 0 < escalation_weight("attributed", "actual") < escalation_weight("asserted", "actual")
    for modality in ("actual", "planned", "hypothetical", "negated", "generic"):
        assert escalation_weight("denied", modality) == 0.0
    assert escalation_weight("asserted", "hypothetical") == escalation_weight("asserted", "negated") == 0.0
    # habitual conduct is no single event: no news of escalation
    assert escalation_weight("asserted", "generic") == escalation_weight("attributed", "generic") == 0.0
    assert len(weights()) == 15
    with pytest.raises(ValueError):
        escalation_weight("rumoured", "actual")


def test_stage_sets_the_weight(example_parsed):
    art = example_parsed
    moving = event_at(art, "Russia was moving troops", "moving", "MOBILIZE", "RUS")
    sent = event_at(art, "The US has sent a missile destroyer", "sent", "MOBILIZE", "USA")
    run_events(art, moving, sent)
    assert sent.scores.weight == 1.0
    assert moving.scores.weight == escalation_weight("attributed", "actual")


# --- eval factuality ----------------------------------------------------------------------------------

def test_score_by_hand():
    from flashpoint.eval.factuality import score

    rows = [{"gold": g, "predicted": p} for g, p in [
        ("actual", "actual"), ("actual", "generic"), ("actual", "planned"),
        ("planned", "planned"), ("hypothetical", "actual"), ("negated", "negated")]]
    report = score(rows)
    assert report["n"] == 6
    assert report["accuracy"] == pytest.approx(4 / 6)  # generic counts as actual
    labels = report["labels"]
    assert labels["actual"]["precision"] == pytest.approx(2 / 3)
    assert labels["actual"]["recall"] == pytest.approx(2 / 3)
    assert labels["planned"]["f1"] == pytest.approx(2 / 3)  # P 1/2, R 1
    assert labels["hypothetical"]["f1"] == 0.0
    assert labels["negated"]["f1"] == 1.0
    assert report["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0 + 1) / 4)


def test_score_keeps_generic_where_the_gold_has_it():
    from flashpoint.eval.factuality import score

    rows = [{"gold": "generic", "predicted": "generic"}, {"gold": "actual", "predicted": "generic"}]
    report = score(rows)
    assert report["accuracy"] == 0.5 and report["generic_as_actual"] == 0
    assert report["labels"]["generic"]["precision"] == 0.5


def test_eval_factuality_command(tmp_path):
    from flashpoint.cli import main

    text = "Russia sent troops to the border .\nUkraine will not send troops ."
    records = [{"id": "t-1", "text": text, "events": [
        {"start": text.index("sent"), "end": text.index("sent") + 4, "modality": "actual"},
        {"start": text.index("send "), "end": text.index("send ") + 4, "modality": "negated"},
    ]}]
    path = tmp_path / "mini.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "factuality", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["n"] == 2 and report["accuracy"] == 1.0
    assert {"accuracy", "macro_f1", "n", "labels"} <= report.keys()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "factuality", str(bad)])
    assert result.exit_code == 2 and "bad.jsonl:1" in result.output



def test_score_folds_planned_where_the_gold_has_none():
    from flashpoint.eval.factuality import score

    rows = [{"gold": g, "predicted": p} for g, p in [
        ("actual", "actual"), ("hypothetical", "planned"), ("hypothetical", "hypothetical"),
        ("negated", "actual")]]
    report = score(rows)
    assert set(report["labels"]) == {"actual", "hypothetical", "negated"}
    assert report["planned_as_hypothetical"] == 1 and report["accuracy"] == pytest.approx(3 / 4)
    assert report["labels"]["hypothetical"]["f1"] == 1.0
    assert report["macro_f1"] == pytest.approx((2 / 3 + 1 + 0) / 3)  # actual: P 1/2, R 1


def test_eval_factuality_reads_uw_conll(tmp_path):
    """UW in the unified CoNLL format: index, word, value (-3..+3 or _), ...; a value is read
    as the nearest FactBank degree (+3 actual, below 0 negated, between hypothetical)."""
    from flashpoint.cli import main
    from flashpoint.eval.factuality import read_benchmark

    rows = [("0", "Russia", "_"), ("1", "did", "_"), ("2", "not", "_"), ("3", "send", "-2.8"),
            ("4", "troops", "_"), ("5", ",", "_"), ("6", "officials", "_"), ("7", "said", "3.0"),
            ("8", ".", "_"), None,
            ("0", "Kyiv", "_"), ("1", "may", "_"), ("2", "close", "1.2"), ("3", "the", "_"),
            ("4", "border", "_"), ("5", ".", "_")]
    lines = ["" if r is None else "\t".join([*r, "NN", "0", "dep", r[1].lower()]) for r in rows]
    path = tmp_path / "uw.conll"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = read_benchmark(path)
    assert [d["text"] for d in docs] == ["Russia did not send troops , officials said .",
                                         "Kyiv may close the border ."]
    first = docs[0]["events"]
    assert [docs[0]["text"][e["start"]:e["end"]] for e in first] == ["send", "said"]
    assert [e["modality"] for e in first] == ["negated", "actual"]
    assert docs[1]["events"][0]["modality"] == "hypothetical"
    result = CliRunner().invoke(main, ["eval", "factuality", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["n"] == 3 and report["accuracy"] == 1.0
    assert set(report["labels"]) == {"actual", "hypothetical", "negated"}
    path.write_text("0\tsend\tlots\tVB\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "factuality", str(path)])
    assert result.exit_code == 2 and "uw.conll:1" in result.output

# --- quotations over several sentences and paragraphs -----------------------------------------------

@pytest.mark.parametrize("text, quoted", [
    # a balanced quotation inside a sentence
    ('Lavrov said "NATO is moving troops" on Monday.', ['"NATO is moving troops"']),
    # the news way: each paragraph opens, only the last closes
    ('He said: "We are ready.\n\n"We will respond," he added.', ['"We are ready.\n\n"We will respond,"']),
    # a quotation running on into the next paragraph without a new mark
    ('"The US is carrying out exercises.\n\nThis is a challenge for us," he said.',
     ['"The US is carrying out exercises.\n\nThis is a challenge for us,"']),
    # an opening mark that is never closed ('"unacceptable\' for Russia') opens nothing
    ('Attempts were "unacceptable\' for Russia. The latest escalation began with claims that Russia '
     'had the "right to decide" its course.', ['"right to decide"']),
    # a stray mark with nothing after it
    ('The border stayed closed." Officials met on Monday.', []),
])
def test_article_quote_mask(text, quoted):
    from flashpoint.stages.factuality_roles import article_quote_mask

    mask = article_quote_mask(text)
    assert len(mask) == len(text)
    spans, i = [], 0
    while i < len(text):
        if mask[i]:
            j = i
            while j < len(text) and mask[j]:
                j += 1
            spans.append(text[i:j])
            i = j
        else:
            i += 1
    assert spans == quoted


def test_a_quotation_over_paragraphs_is_attributed_to_the_frame_after_it(parse):
    text = ('Russian President Vladimir Putin gave an interview aired on Saturday.\n\n'
            '"The United States and its allies in NATO are carrying out unplanned exercises in the Black Sea.\n\n'
            'Not only is a rather powerful naval group involved in these exercises, but also aviation. '
            'This is a serious challenge for us," he said in an interview with state broadcaster Vesti.')
    art = parse(article_from_text(text, source="<test>", check=False))
    exercises = event_at(art, "unplanned exercises", "exercises", "MOBILIZE", "USA")
    run_events(art, exercises)
    assert art.sentences[1].role == "quotation"
    assert exercises.status == "attributed"
    assert exercises.cues["factuality"].startswith("status: quotation (said)")
    assert [a.span.text for a in exercises.attributed_to] == ["he"]


def test_a_side_quoted_on_its_own_act_vouches_for_it(parse):
    text = ('The British Ministry of Defence said: "The UK and Poland have a long history of friendship.\n\n'
            '"A small team of UK armed forces personnel have deployed to Poland."\n\n'
            'Russian Foreign Minister Sergei Lavrov said: "British troops have deployed to Poland."')
    art = parse(article_from_text(text, source="<test>", check=False))
    own = event_at(art, "personnel have deployed", "deployed", "MOBILIZE", "GBR")
    other = event_at(art, "British troops have deployed", "deployed", "MOBILIZE", "GBR")
    run_events(art, own, other)
    assert own.status == "asserted" and own.cues["factuality"].startswith("status: self-report (quotation (said))")
    assert other.status == "attributed" and countries(other) == {"RUS"}


@pytest.mark.parametrize("text, trigger, status", [
    # one country, two sides: the army reporting a rebel capture reports another party's act
    ("The M23 rebel group captured the town of Rubaya, the Congolese army said.", "captured", "attributed"),
    # a body reporting its own act vouches for it (coding-conventions 6)
    ("Congolese troops shelled M23 positions near Rubaya, the Congolese army said.", "shelled", "asserted"),
    # ... but a gain it announces in a battle is its claim (coding-conventions 6)
    ("Congolese troops recaptured the town of Rubaya, the Congolese army said.", "recaptured", "attributed"),
    ("A Fano commander told Reuters the militia had captured Merawi, a town south of Bahir Dar.", "captured",
     "attributed"),
    # written for flashpoint in the wording of reports on Gabon (August 2023): power seized in a coup,
    # announced by its takers, is their own measure, not a gain claimed in battle
    ("Army officers in Gabon said on Wednesday they had seized power.", "seized", "asserted"),
    # the act a group claims, or claims responsibility for, is its claim, not the article's word
    ("Al-Shabab claimed responsibility for the attack on the hotel in Mogadishu.", "attack", "attributed"),
    ("The Islamic Resistance in Iraq claimed drone attacks on three US bases in Syria.", "attacks", "attributed"),
    # a claim verb whose object is no act claimed
    ("The minister described the attack on the hotel as cowardly.", "attack", "asserted"),
    # written for flashpoint: an anonymous source on its own side's act is attributed
    # (coding-conventions 6), a body's spokesman is the body's voice
    ("A Fano member, speaking on condition of anonymity, said the militiamen shelled an army base.", "shelled",
     "attributed"),
    ("A military source said Congolese troops shelled M23 positions near Rubaya.", "shelled", "attributed"),
    ("A spokesman for the Congolese army said Congolese troops shelled M23 positions near Rubaya.", "shelled",
     "asserted"),
])
def test_self_reports_are_by_the_same_side(analyze, text, trigger, status):
    (e,) = [e for e in analyze(text).events if e.trigger.text == trigger]
    assert e.status == status


@pytest.mark.parametrize("text, trigger, modality", [
    ("Militants carry out daily attacks on army convoys in the region.", "attacks", "generic"),
    ("Houthi forces have launched frequent attacks on commercial ships in the Red Sea.", "launched", "generic"),
    ("Houthi forces launched an attack on a commercial ship in the Red Sea on Monday.", "launched", "actual"),
])
def test_habitual_acts_are_generic(analyze, text, trigger, modality):
    (e,) = [e for e in analyze(text).events if e.trigger.text == trigger]
    assert e.modality == modality


@pytest.mark.parametrize("text, trigger, modality", [
    # a promise is made when it is spoken (coding-conventions 5, 7): the AGREE is actual
    ("The governor promised to get the abducted pupils released.", "promised", "actual"),
    ("China pledged to help rebuild the port of Gwadar.", "pledged", "actual"),
    ("China will pledge more aid to Pakistan next week.", "pledge", "planned"),
])
def test_a_promise_made_is_an_actual_agreement(analyze, text, trigger, modality):
    (e,) = [e for e in analyze(text).events if e.trigger.text == trigger]
    assert (e.type, e.modality) == ("AGREE", modality)


@pytest.mark.parametrize("text, trigger, modality", [
    # an attempted attack or seizure is the act (CAMEO 18x: "killing or attempting to kill")
    ("Local vigilantes had tried to repel the gunmen but were overpowered, a parent said.", "repel", "actual"),
    ("Fano militiamen were trying to encircle Bahir Dar, the regional capital.", "encircle", "actual"),
    # a crowd forcing its way is the protest (written for flashpoint)
    ("Hundreds of protesters tried to storm the parliament building in Tbilisi on Sunday.", "storm", "actual"),
    # an attempt at anything else stays open
    ("The envoy tried to meet the rebel leaders in Goma.", "meet", "hypothetical"),
])
def test_an_attempted_attack_is_an_attack(analyze, text, trigger, modality):
    (e,) = [e for e in analyze(text).events if e.trigger.text == trigger]
    assert e.modality == modality


@pytest.mark.parametrize("text, trigger, modality", [
    # a temporal clause told in the past happened, whatever the order around it
    ("Ecuador's president ordered the military to neutralise 22 criminal gangs after gunmen stormed a "
     "television station in Guayaquil.", "stormed", "actual"),
    # told in the present it shares the future of the clause it dates
    ("Israel will withdraw its troops from the town when Hamas releases the hostages.", "releases", "planned"),
])
def test_a_temporal_clause_keeps_its_own_tense(analyze, text, trigger, modality):
    (e,) = [e for e in analyze(text).events if e.trigger.text == trigger]
    assert e.modality == modality


def test_a_charge_the_accused_denies_is_made_and_what_it_charges_is_denied(analyze):
    # written for flashpoint in the wording of wire copy ("..., a charge Kigali denies")
    a = analyze("The Congolese government blamed Rwanda for backing the M23 rebels, a charge Kigali denies.",
                published=dt.date(2024, 1, 10))
    (blamed,) = [e for e in a.events if e.trigger.text == "blamed"]
    (backing,) = [e for e in a.events if e.trigger.text == "backing"]
    assert blamed.status == "asserted"
    assert backing.status == "denied" and [x.entity.country for x in backing.attributed_to] == ["RWA"]


def test_an_act_claimed_by_a_group_is_theirs_as_they_claim_it(analyze):
    # coding-conventions 5: a claim of responsibility gives the claimed act, attributed; no record of the claiming
    a = analyze("Five soldiers died in an ambush claimed by the JNIM jihadist group in central Mali.",
                published=dt.date(2024, 1, 10))
    assert [(e.type, e.trigger.text) for e in a.events] == [("ASSAULT", "ambush")]
    (ambush,) = a.events
    assert [x.entity.code for x in ambush.actor] == ["MLIREB"]
    assert ambush.status == "attributed" and [x.entity.code for x in ambush.attributed_to] == ["MLIREB"]


def test_a_closing_report_the_parser_hangs_on_the_clause_still_attributes_it(analyze):
    # the parser makes "said" a parataxis of "kidnapped" when the speakers are a long list
    a = analyze("Gunmen in Nigeria kidnapped more than 200 school pupils in the northern town of Kuriga on "
                "Thursday, a teacher, local councillor and parents of the missing children said, in the biggest "
                "mass abduction from a school since 2021.", published=dt.date(2024, 3, 8))
    (kidnapped,) = [e for e in a.events if e.trigger.text == "kidnapped"]
    assert kidnapped.status == "attributed"


# --- headlines ---------------------------------------------------------------------------------------

def test_a_headline_line_is_not_coded_and_a_lede_that_lost_its_stop_is(analyze):
    # written for flashpoint in the wording of wire copy (coding-conventions 2: the title is not coded)
    art = analyze("Ukraine to hold military drills near Belarus border\n\nUkraine will hold military drills "
                  "in an area near its borders with Poland and Belarus, the interior ministry said on Thursday.")
    assert art.sentences[0].role == "headline"
    assert [e.sentence for e in art.events if e.type == "MOBILIZE"] == [1]
    assert [(d["role"], d["sentence"]) for d in art.stats["factuality"]["dropped"]] == [("headline", 0)]
    # a headline may end on a quoted phrase, with no stop before the quote
    art = analyze('M23 rebels say they have captured Goma as Congo accuses Rwanda of "declaration of war"\n\n'
                  "Rwanda-backed M23 rebels said on Monday they had captured Goma, the largest city in eastern Congo.")
    assert art.sentences[0].role == "headline" and all(e.sentence == 1 for e in art.events)
    art = analyze("Russian President Vladimir Putin said in an interview aired Saturday that Moscow considered "
                  "recent Black Sea exercises by US and other NATO ships a serious challenge\n\nThe United States "
                  "and its allies are carrying out unplanned exercises in the Black Sea.")
    assert art.sentences[0].role != "headline"
    assert [e for e in art.events if e.sentence == 0]


@pytest.mark.parametrize("text", [
    # written for flashpoint: an act no text has told, the subject of a modal, is hypothetical
    "Experts say a Chinese invasion of Taiwan would be costly.",
    "An Israeli attack on Iran could trigger a regional war.",
])
def test_an_indefinite_act_under_a_modal_is_hypothetical(analyze, text):
    a = analyze(text, published=dt.date(2024, 3, 6))
    acts = [e for e in a.events if e.type == "ASSAULT"]
    assert acts and all(e.modality == "hypothetical" for e in acts)


def test_a_speech_act_the_press_reports_is_attributed_to_the_press(analyze):
    # written for flashpoint: Putin's calling the attack terrorism is told by Russian news reports,
    # which are the press (coding-conventions 6), not Putin's own side vouching for it
    a = analyze("Russian news reports say President Vladimir Putin is calling the attack on the bridge a terrorist "
                "act carried out by Ukrainian special services.", published=dt.date(2022, 10, 9))
    (calling,) = [e for e in a.events if e.trigger.text == "calling"]
    assert calling.type == "ACCUSE" and calling.status == "attributed"
    assert [x.entity.code for x in calling.attributed_to] == ["RUSJRN"]


@pytest.mark.parametrize("text, trigger", [
    # written for flashpoint: what a body says it has evidence of, or holds likely, is its account
    ("Ukraine's security service said it had unequivocal evidence the hospital was hit by a Russian missile.", "hit"),
    ("A U.N. mission said there was a high likelihood that the hospital took a direct hit from a Russian missile.",
     "hit"),
])
def test_evidence_and_likelihood_are_someone_s_account(analyze, text, trigger):
    (e,) = [e for e in analyze(text, published=dt.date(2024, 7, 9)).events if e.trigger.text == trigger]
    assert e.status == "attributed"


def test_a_self_report_the_press_tells_is_the_press_s_account(analyze):
    # written for flashpoint in the wording of wire copy: Putin speaks for Russia, but what he said
    # reaches the article through RIA (coding-conventions 6); the parser hangs the closing
    # "RIA news agency reported" as the content of "said" and tags "reported" a participle
    a = analyze("Russian President Vladimir Putin said that Russia was ready to help resolve the crisis, RIA news "
                "agency reported on Sunday.", published=dt.date(2021, 11, 14))
    (ready,) = [e for e in a.events if e.sentence == 0]
    assert ready.status == "attributed" and [x.entity.code for x in ready.attributed_to] == ["RUSJRN"]
    b = analyze("The Russian defence ministry said its troops had entered the village.", published=dt.date(2021, 11, 14))
    (entered,) = b.events
    assert entered.status == "asserted"
