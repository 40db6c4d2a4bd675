"""The actors stage: mentions resolved to entities, on sentences of the example article
(wsws-2021-11-15) and of the November 2021 news it reports, with offsets checked."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import shared
from flashpoint.stages.actors import code_span, mention_at


def find(article, text, nth=0):
    """The ``nth`` mention whose text is ``text`` (offsets checked on the way)."""
    found = [m for m in article.mentions if m.span.text == text]
    assert found, f"no mention {text!r} in {[m.span.text for m in article.mentions]}"
    m = found[nth]
    assert article.text[m.span.start:m.span.end] == text
    return m


def codes(article):
    return {m.span.text: (m.entity.country, m.entity.sector) for m in article.mentions}


@pytest.mark.parametrize(
    "sentence, mention, country, sector",
    [
        ("The far-right Polish government of the Law and Justice Party announced on Sunday that "
         "Poland, Latvia and Lithuania intended to evoke Article 4 of the NATO charter.",
         "The far-right Polish government", "POL", "GOV"),
        ("Last week, the UK already deployed troops to the border to assist the Polish government "
         "in its border standoff with Belarus.", "the UK", "GBR", None),
        ("Last week, the UK already deployed troops to the border to assist the Polish government "
         "in its border standoff with Belarus.", "the Polish government", "POL", "GOV"),
        ("Russia's foreign minister also denounced plans by the European powers to sanction "
         "Aeroflot, Russia's biggest airline, for allegedly flying refugees to Belarus.",
         "Russia's foreign minister", "RUS", "GOV"),
        ("Russia's foreign minister also denounced plans by the European powers to sanction "
         "Aeroflot, Russia's biggest airline, for allegedly flying refugees to Belarus.",
         "the European powers", "EU", None),
        ("Russia's foreign minister also denounced plans by the European powers to sanction "
         "Aeroflot, Russia's biggest airline, for allegedly flying refugees to Belarus.",
         "refugees", None, "REF"),
        ("With full backing from the EU, the Polish army has violently cracked down on the "
         "defenseless refugees.", "the Polish army", "POL", "MIL"),
        ("On Sunday, the British press reported that the UK was preparing to send 600 troops to "
         "Ukraine.", "the British press", "GBR", "JRN"),
        ("As the EU and NATO are illegally denying entry to thousands of refugees at the "
         "Polish-Belarusian border, NATO member states have been escalating military threats "
         "against Belarus.", "NATO member states", "NATO", None),
        ("The Kremlin has rejected claims that it was engaging in hybrid warfare on the border.",
         "The Kremlin", "RUS", "GOV"),
        ("According to the Pentagon, the deployment is routine.", "the Pentagon", "USA", "MIL"),
        ("The State Department said it was monitoring the border.", "The State Department", "USA", "GOV"),
        ("The Russian Foreign ministry has published a statement calling the activities of the US "
         "a destabilizing factor in the Black Sea region.", "The Russian Foreign ministry", "RUS", "GOV"),
        ("Moscow has tried to make Lukashenko leave office as soon as possible.", "Moscow", "RUS", "GOV"),
        ("Kiev has deployed 8,500 troops to the border.", "Kiev", "UKR", "GOV"),
        ("Refugees were stopped by Ukrainian border guards near Lviv.", "Ukrainian border guards", "UKR", "COP"),
        ("Pro-Russian separatists shelled the town overnight.", "Pro-Russian separatists", None, "REB"),
    ],
)
def test_construction_codes(analyze, sentence, mention, country, sector):
    article = analyze(sentence)
    m = find(article, mention)
    assert (m.entity.country, m.entity.sector) == (country, sector)
    assert m.span.sentence == 0
    assert article.text[m.head:].split()[0].strip("''s,.") in mention


def test_title_and_adjective_compose_for_a_person(analyze):
    article = analyze("Putin, however, also rejected the threats of Belarusian President Alexander "
                      "Lukashenko to cut off gas supplies through the Yamal-Europe pipeline.")
    m = find(article, "Belarusian President Alexander Lukashenko")
    assert m.entity == m.entity.__class__("BLR", "GOV", "Alexander Lukashenko", "person")
    assert article.text[m.head:m.head + 10] == "Lukashenko"
    putin = find(article, "Putin")
    assert (putin.entity.country, putin.entity.name) == ("RUS", "Vladimir Putin")
    # the pipeline's name is no actor, and neither is the pipeline
    assert not any("Yamal" in x.span.text for x in article.mentions)
    # a company that names a thing ("its Facebook page") is no actor either


def test_unknown_person_coded_from_title_and_country(analyze):
    article = analyze("Ukraine's deputy foreign minister Ivan Petrenko met the envoy. Petrenko "
                      "said the talks were useful.")
    m = find(article, "Ukraine's deputy foreign minister Ivan Petrenko")
    assert (m.entity.country, m.entity.sector, m.entity.kind) == ("UKR", "GOV", "person")
    later = find(article, "Petrenko")
    assert later.antecedent == article.mentions.index(m)
    assert later.entity.country == "UKR"


def test_press_service_of_a_unit_takes_the_unit(analyze):
    text = ("In an indication of the fascistic forces that are being stirred up, the press service "
            "of the 61st infantry division of the Ukrainian army declared on its Facebook page that "
            "it would destroy any migrants trying to cross the Ukrainian border.")
    article = analyze(text)
    m = find(article, "the press service of the 61st infantry division of the Ukrainian army")
    assert (m.entity.country, m.entity.sector) == ("UKR", "MIL")
    it = find(article, "it")
    assert article.mentions[it.antecedent] is m
    assert it.entity.country == "UKR"


@pytest.mark.parametrize(
    "published, name, country",
    [
        (dt.date(2021, 11, 15), "Jens Stoltenberg", "NATO"),
        (dt.date(2025, 6, 1), "Mark Rutte", "NATO"),
    ],
)
def test_secretary_general_by_date(analyze, published, name, country):
    article = analyze("The NATO secretary-general warned Russia on Monday.", published=published)
    m = find(article, "The NATO secretary-general")
    assert (m.entity.country, m.entity.name, m.entity.kind) == (country, name, "person")


@pytest.mark.parametrize(
    "published, name",
    [(dt.date(2012, 6, 1), "Viktor Yanukovych"), (dt.date(2021, 11, 15), "Volodymyr Zelensky")],
)
def test_same_title_other_holder(analyze, published, name):
    article = analyze("The Ukrainian president called for talks with Moscow.", published=published)
    m = find(article, "The Ukrainian president")
    assert (m.entity.country, m.entity.sector, m.entity.name) == ("UKR", "GOV", name)


@pytest.mark.parametrize(
    "published, country, sector",
    [(dt.date(2012, 6, 1), "NOR", "GOV"), (dt.date(2021, 11, 15), "NATO", None)],
)
def test_same_name_other_office(analyze, published, country, sector):
    article = analyze("Jens Stoltenberg said the alliance would respond.", published=published)
    m = find(article, "Jens Stoltenberg")
    assert (m.entity.country, m.entity.sector) == (country, sector)


def test_bare_mentions_corefer(analyze):
    article = analyze(
        "The Polish prime minister Mateusz Morawiecki called it inevitable that NATO gets "
        "involved. Morawiecki said the alliance must act. Belarusian President Alexander "
        "Lukashenko threatened to cut off gas. Lukashenko did not say when.")
    first = find(article, "Mateusz Morawiecki")
    again = find(article, "Morawiecki")
    assert again.antecedent is not None
    assert article.mentions[again.antecedent].entity.name == "Mateusz Morawiecki"
    assert (first.entity.country, first.entity.sector) == ("POL", "GOV")
    alliance = find(article, "the alliance")
    assert alliance.entity.country == "NATO"
    assert article.mentions[alliance.antecedent].span.text == "NATO"
    luka = find(article, "Lukashenko")
    assert luka.entity.country == "BLR"
    assert article.mentions[luka.antecedent].span.text == "Belarusian President Alexander Lukashenko"


def test_pronoun_takes_the_subject(analyze):
    article = analyze("Ukraine earlier announced it would move 8,500 soldiers and police officers "
                      "to its border with Belarus.")
    it = find(article, "it")
    assert article.mentions[it.antecedent].span.text == "Ukraine"
    assert it.entity.country == "UKR"


def test_places_are_not_actors(analyze):
    article = analyze("Thousands of refugees are stranded in Belarus, and many are stuck in Minsk. "
                      "Ukraine plans to build fortifications in the Donbass.")
    texts = [m.span.text for m in article.mentions]
    assert "Belarus" not in texts
    assert "Minsk" not in texts
    assert not any("Donbass" in t for t in texts)
    assert "Ukraine" in texts


def test_us_pronoun_is_no_country(analyze):
    article = analyze("They will just not allow us to let our guard down, Putin said.")
    assert [m.span.text for m in article.mentions if m.entity.country == "USA"] == []


def test_code_span_and_mention_at_for_the_events_stage(example):
    text = example.text
    start = text.index("the Polish army")
    m = mention_at(example, text.index("army", start))
    assert m is not None and m.span.text == "the Polish army"
    assert (m.entity.country, m.entity.sector) == ("POL", "MIL")
    # the example's mentions are sorted and their offsets hold
    starts = [x.span.start for x in example.mentions]
    assert starts == sorted(starts)
    for x in example.mentions:
        assert text[x.span.start:x.span.end] == x.span.text


def test_code_span_codes_a_phrase_with_a_country_modifier(pipeline):
    from flashpoint.pipeline import Pipeline
    from flashpoint.readers import article_from_text

    pipe = Pipeline(["repair", "nlp", "actors"])
    text = "The US has sent a missile destroyer to the Black Sea. The US warship deployment alarmed Moscow."
    article = pipe.stages[0](article_from_text(text, source="<test>", published=dt.date(2021, 11, 15), check=False))
    for st in pipe.stages[1:]:
        article = st(article)
    s = text.index("The US warship deployment")
    ent = code_span(article, s, s + len("The US warship deployment"))
    assert ent is not None and ent.country == "USA"
    s = text.index("a missile destroyer")
    ent = code_span(article, s, s + len("a missile destroyer"))
    assert ent is not None and ent.sector == "MIL"


def test_name_modifying_an_event_noun_is_a_mention(analyze):
    # rferl 2021-11-12: the threat is Belarus's, the drills are by both countries' paratroopers
    article = analyze("Putin sought to walk back a Belarusian threat of a cutoff of Russian natural gas "
                      "to Western markets, after surprise joint military drills by Russian and "
                      "Belarusian paratroopers.")
    belarusian = find(article, "Belarusian")
    assert (belarusian.entity.country, belarusian.source) == ("BLR", "modifier")
    russian = [m for m in article.mentions if m.span.text == "Russian" and m.entity.sector == "MIL"]
    assert len(russian) == 1 and russian[0].entity.country == "RUS"
    pair = find(article, "Russian and Belarusian paratroopers")
    assert (pair.entity.country, pair.entity.sector) == ("BLR", "MIL")
    # gas is no actor, and neither is the country it comes from
    assert not any(m.span.text == "Russian" and m.entity.sector is None for m in article.mentions)


def test_backed_and_pro_modifiers_do_not_code_the_actor(analyze):
    article = analyze("Kremlin-backed separatists continue to control wide swaths of eastern Ukraine.")
    m = find(article, "Kremlin-backed separatists")
    assert (m.entity.country, m.entity.sector) == (None, "REB")


def test_role_takes_country_of_in_phrase_and_modifier_role(analyze):
    article = analyze("Rebels in the Ivory Coast on Tuesday blocked transport into Abidjan. Afghan "
                      "rebel leaders said they would meet the mediator.")
    rebels = find(article, "Rebels")
    assert (rebels.entity.country, rebels.entity.sector) == ("CIV", "REB")
    leaders = find(article, "Afghan rebel leaders")
    assert (leaders.entity.country, leaders.entity.sector) == ("AFG", "REB")


def test_definite_plural_takes_the_earlier_country(analyze):
    # thegoaspotlight/RIA 2021-11-13
    article = analyze("Two Russian paratroopers were killed during joint drills in Belarus. The "
                      "paratroopers landed on an unfamiliar site near the city of Grodno.")
    first = find(article, "Two Russian paratroopers")
    later = find(article, "The paratroopers")
    assert (later.entity.country, later.entity.sector) == ("RUS", "MIL")
    assert article.mentions[later.antecedent] is first


def test_eval_actors_command_prints_figures(tmp_path):
    from click.testing import CliRunner

    from flashpoint.cli import main

    gold = shared("gold", "wsws-2021-11-15.gold.json")
    gsr = shared("data", "plover", "PLOVER_GSR_CAMEO.txt")
    result = CliRunner().invoke(main, ["eval", "actors", str(gold), "--gsr", str(gsr), "--limit", "5", "--json"])
    assert result.exit_code == 0, result.output
    import json

    report = json.loads(result.output)
    assert report["gold"]["entities"] > 50
    assert 0.5 < report["gold"]["recall"] <= 1.0
    assert report["gsr"]["records"] == 5 and report["gsr"]["entities"] > 0


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # a month, not Theresa May; Lloyd Austin was no office holder in 2012
        ("In May, the ministers met in Brussels.", dt.date(2018, 6, 1), []),
        ("Austin hosted the conference.", dt.date(2012, 6, 1), []),
        ("Lukashenko spoke on Friday.", dt.date(2012, 6, 1), [("Lukashenko", "BLR")]),
    ],
)
def test_bare_surnames_need_evidence(analyze, text, published, expected):
    article = analyze(text, published=published)
    people = [(m.span.text, m.entity.country) for m in article.mentions if m.entity.kind == "person"]
    assert people == expected


def test_plural_pronoun_is_not_its_own_verb_subject(analyze):
    # thegoaspotlight/RIA 2021-11-13
    article = analyze("Several migrants crossed the border on Saturday. The Polish border guards "
                      "detained them near the village.")
    them = find(article, "them")
    assert article.mentions[them.antecedent].span.text == "Several migrants"
    assert (them.entity.country, them.entity.sector) == (None, "REF")


def test_code_token_keeps_each_article_of_a_batch_apart(pipeline):
    # the events stage codes tokens after the actors stage has run over the whole batch
    from flashpoint.pipeline import get_stage
    from flashpoint.readers import article_from_text
    from flashpoint.stages.actors import Actors, code_token

    texts = ["The Kremlin has rejected claims that it was engaging in hybrid warfare.",
             "Ukraine earlier announced it would move 8,500 soldiers to its border."]
    repair, nlp = get_stage("repair").factory(), get_stage("nlp").factory()
    articles = list(nlp.pipe([repair(article_from_text(t, source="<test>", published=dt.date(2021, 11, 15),
                                                       check=False)) for t in texts]))
    actors = Actors()
    articles = [actors(a) for a in articles]
    first = articles[0]
    it = next(t for t in first.spacy if t.lower_ == "it")
    assert code_token(first, it).country == "RUS"
    it = next(t for t in articles[1].spacy if t.lower_ == "it")
    assert code_token(articles[1], it).country == "UKR"


def test_possessive_pronoun_and_in_phrase(analyze):
    # urdupoint/AFP 2021-11-13
    article = analyze("The United States and its allies in NATO are carrying out unplanned exercises "
                      "in the Black Sea. Ukraine said its army was ready. Washington had raised "
                      "concerns with its allies.")
    allies = find(article, "its allies")
    assert allies.entity.country == "NATO"
    army = find(article, "its army")
    assert (army.entity.country, army.entity.sector) == ("UKR", "MIL")
    others = find(article, "its allies", 1)
    assert others.entity.country is None  # Washington's allies are not the United States


def test_brussels_and_capitals_by_context(analyze):
    article = analyze("Brussels warned Minsk of new sanctions. NATO ministers met in Brussels on "
                      "Tuesday. Brussels said NATO would respond. Macron visited Moscow on Monday.")
    first = find(article, "Brussels")
    assert first.entity.country == "EU"
    minsk = find(article, "Minsk")
    assert (minsk.entity.country, minsk.entity.sector) == ("BLR", "GOV")
    brussels = [m for m in article.mentions if m.span.text == "Brussels"]
    assert len(brussels) == 2  # "in Brussels" is a place
    assert brussels[1].entity.country == "NATO"
    assert "Moscow" not in [m.span.text for m in article.mentions]


def test_company_name_on_a_thing_is_no_actor(analyze):
    article = analyze("The press service of the Ukrainian army declared on its Facebook page that it "
                      "would destroy any migrants.")
    assert not any("Facebook" in m.span.text for m in article.mentions)


def test_a_person_beside_a_role_takes_its_country_and_keeps_it_by_surname(analyze):
    import datetime as dt

    art = analyze("Sudan's army chief, General Abdel Fattah al-Burhan, met the envoy on Sunday. "
                  "Burhan accused the RSF of attacking civilians.", published=dt.date(2023, 5, 9))
    people = {m.span.text: m.entity.code for m in art.mentions}
    assert people["General Abdel Fattah al-Burhan"] == "SDNMIL"
    (acc,) = [e for e in art.events if e.type == "ACCUSE"]
    assert [a.entity.code for a in acc.actor] == ["SDNMIL"]


@pytest.mark.parametrize("text, code", [
    # written for flashpoint in the wording of reports on Kenya (June 2024): the lexicon lists Raila
    # Odinga as prime minister with no end; the text's title says what he is now
    ("Opposition leader Raila Odinga called for dialogue.", "KENOPP"),
    ("Former Prime Minister Raila Odinga called for dialogue.", "KENELI"),
    # a state title agrees with the lexicon's office
    ("President Vladimir Putin called for dialogue.", "RUSGOV"),
])
def test_a_title_in_the_text_says_what_a_known_person_is_now(analyze, text, code):
    art = analyze(text, published=dt.date(2024, 6, 26))
    assert art.mentions[0].entity.code == code, [(m.span.text, m.entity.code) for m in art.mentions]


@pytest.mark.parametrize("text, name, code", [
    # a known name at the end of a longer one is another organisation: not the ELN of Colombia
    ("The Ta'ang National Liberation Army attacked army posts in Shan State.",
     "The Ta'ang National Liberation Army", "MMRREB"),
    # a force with a name of its own is an armed group; a state's forces keep their sector
    ("The Kachin Independence Army captured a base in Kachin State, Myanmar.", "The Kachin Independence Army", "MMRREB"),
    ("The Royal Thai Army fired on Cambodian positions.", "The Royal Thai Army", "THAMIL"),
    ("The Kenya Defence Forces killed 20 fighters.", "The Kenya Defence Forces", "KENMIL"),
    ("The People's Liberation Army held drills near Taiwan.", "The People's Liberation Army", "CHNMIL"),
])
def test_armed_groups_named_like_armies(analyze, text, name, code):
    art = analyze(text, published=dt.date(2023, 10, 27))
    (e,) = art.events
    assert [a.entity.code for a in e.actor] == [code], [m.span.text for m in art.mentions]
    assert e.actor[0].span.text == name


def test_a_named_group_is_not_the_army_named_before_it(analyze):
    art = analyze("The Royal Thai Army fired on Cambodian positions. The Kachin Independence Army "
                  "captured a base from the Myanmar army.", published=dt.date(2023, 10, 27))
    (e,) = [e for e in art.events if e.trigger.text == "captured"]
    assert e.actor[0].entity.sector == "REB" and e.actor[0].entity.country != "THA"


def test_a_bare_surname_is_the_one_office_holder_of_that_name_at_the_time(analyze):
    # Nicolas Maduro (Venezuela, in office in 2019), not Ricardo Maduro (Honduras, 2002-2006)
    art = analyze("Hours earlier Maduro expelled the top American diplomat.", published=dt.date(2019, 1, 25))
    (e,) = art.events
    assert (e.type, [a.entity.code for a in e.actor], [a.entity.code for a in e.recipient]) == \
        ("SANCTION", ["VENGOV"], ["USAGOV"])


@pytest.mark.parametrize("sentence, mention, country, sector", [
    # armed groups and state forces of other crises: the country where the group fights
    ("OLA fighters clashed with ENDF forces in Girawa on Tuesday.", "ENDF forces", "ETH", "MIL"),
    ("OLA fighters clashed with ENDF forces in Girawa on Tuesday.", "OLA fighters", "ETH", "REB"),
    ("The TNLA seized the town of Hsenwi on Friday.", "The TNLA", "MMR", "REB"),
    ("Jaish al-Adl claimed the attack on a police station in Rask.", "Jaish al-Adl", "IRN", "REB"),
    ("Kenya Defence Forces soldiers killed five militants in Lamu.", "Kenya Defence Forces soldiers", "KEN", "MIL"),
    ("MONUSCO peacekeepers evacuated civilians from the camp.", "MONUSCO peacekeepers", "UN", "MIL"),
    # a group fighting in several countries takes the country of the place (participants stage)
    ("JNIM fighters attacked an army post near Djibo.", "JNIM fighters", None, "REB"),
])
def test_armed_groups_of_other_crises(analyze, sentence, mention, country, sector):
    assert codes(analyze(sentence))[mention] == (country, sector)


def test_coast_guard_hulls_and_navy_prefixes(analyze):
    # "CCG 4203 ... fired their water cannons at Cabra" (coding-conventions 5) -> CHN -> PHL
    found = codes(analyze("CCG 4203 and CCG 5305 fired their water cannons at BRP Cabra on Saturday."))
    assert found["CCG"] == ("CHN", "COP") and found["BRP Cabra"] == ("PHL", "MIL")


@pytest.mark.parametrize("text, trigger, sides", [
    ("Armenian and Azerbaijani forces clashed along the border overnight. "
     "The two sides traded accusations over who fired first.", "traded", {"ARM", "AZE"}),
    ("Thailand and Cambodia have disputed the temple for decades. Both countries agreed to a ceasefire on Monday.",
     "agreed", {"THA", "KHM"}),
])
def test_the_two_sides_are_the_two_parties_named_last(analyze, text, trigger, sides):
    (e,) = [e for e in analyze(text).events if e.trigger.text == trigger]
    assert {a.entity.country for a in e.actor} == sides


@pytest.mark.parametrize("text, trigger, code", [
    # the agents dictionary lists singulars; wire copy names armed groups in the plural
    ("Armed gangs stormed two prisons in Port-au-Prince over the weekend.", "stormed", "HTICRM"),  # conventions 3.3
    ("Bandits abducted 20 travellers near Kaduna on Sunday.", "abducted", "NGACRM"),
])
def test_plural_agents_are_actors(analyze, text, trigger, code):
    a = analyze(text, published=dt.date(2024, 3, 4))
    found = [(e.type, e.trigger.text, [x.entity.code for x in e.actor]) for e in a.events]
    assert [f for f in found if f[1] == trigger and f[0] == "ASSAULT" and code in f[2]], found


@pytest.mark.parametrize("text, mention, code", [
    # a coalition a country leads is that country's force; a group a country backs is not that country
    ("The Saudi-led coalition said it had intercepted a drone.", "The Saudi-led coalition", "SAUMIL"),
    ("Pro-Russian separatists shelled Mariupol on Monday.", "Pro-Russian separatists", "-REB"),
])
def test_led_coalitions_and_backed_groups(analyze, text, mention, code):
    a = analyze(text, published=dt.date(2018, 6, 14))
    assert (mention, code) in [(m.span.text, m.entity.code) for m in a.mentions], \
        [(m.span.text, m.entity.code) for m in a.mentions]


@pytest.mark.parametrize("text, name, code", [
    # a one-word body another country also has belongs to the country that modifies it
    ("Peru's Congress voted to remove the president from office.", "Congress", "PERLEG"),
    ("The Colombian Senate approved the peace deal.", "Senate", "COLLEG"),
    ("Congress passed new sanctions on Russia.", "Congress", "USALEG"),
])
def test_a_national_body_named_with_another_country(analyze, text, name, code):
    art = analyze(text)
    (m,) = [m for m in art.mentions if m.span.text.endswith(name)]
    assert m.entity.code == code


def test_a_government_with_a_name_of_its_own_is_no_anaphor(analyze):
    # "the shadow National Unity Government" is not the government of the last country named
    art = analyze("The United States called on the junta to end its violence. The shadow National Unity "
                  "Government said the junta had committed a war crime.")
    (m,) = [m for m in art.mentions if "National Unity Government" in m.span.text]
    assert m.entity.country != "USA"


def test_a_pronoun_never_stands_for_the_dateline_s_agency_and_may_stand_for_an_alliance(analyze):
    # "it" is the alliance of armed groups, not Reuters
    art = analyze("YANGON (Reuters) - An alliance of ethnic armed groups said on Thursday it had captured "
                  "the town of Laukkai.")
    (capture,) = [e for e in art.events if e.trigger.text == "captured"]
    assert {a.entity.sector for a in capture.actor} == {"REB"}


def test_an_acronym_defined_in_brackets_names_the_body_again(analyze):
    # "SNA" is in no dictionary: defined after the name it abbreviates, it is that army later on
    article = analyze("On 14 March 2023, Al Shabaab militants attacked a Somali National Army (SNA) base. "
                      "On 18 March 2023, the SNA recaptured Masagawa village from Al Shabaab.")
    sna = find(article, "SNA")
    assert (sna.entity.country, sna.entity.sector) == ("SOM", "MIL")
    assert article.mentions[sna.antecedent].span.text == "Somali National Army"
    recapture = next(e for e in article.events if e.trigger.text == "recaptured")
    assert [a.entity.country for a in recapture.actor][:1] == ["SOM"]
    assert {a.entity.sector for a in recapture.actor} >= {"MIL"}


def test_a_bracket_that_does_not_abbreviate_the_name_is_no_acronym(analyze):
    # a wire dateline's agency after a country is not that country; brackets that are not its
    # initials define nothing
    article = analyze("YEREVAN, Armenia (AP) — Armenian troops fired on the town, AP reporters saw. "
                      "Azerbaijan's Defense Ministry (ADF) said nothing. Later ADF units withdrew.")
    assert all(m.entity.country != "ARM" for m in article.mentions if m.span.text == "AP")
    assert not [m for m in article.mentions if m.span.text == "ADF"]


def test_a_dateline_hung_on_the_subject_is_no_part_of_its_phrase(analyze):
    article = analyze("OUAGADOUGOU, Oct 1 (Reuters) - Burkina Faso army captain Ibrahim Traore said on Friday he "
                      "had removed the country's military leader Paul-Henri Damiba.", dt.date(2022, 10, 1))
    traore = find(article, "Burkina Faso army captain Ibrahim Traore")
    assert (traore.entity.country, traore.entity.sector) == ("BFA", "MIL")
    he = find(article, "he")
    assert article.mentions[he.antecedent] is traore


def test_a_regional_bloc_is_neither_a_nation_nor_an_army(analyze):
    # "the West African nation" is Burkina Faso, not ECOWAS; "the military" after ECOWAS and the
    # African Union is no army of theirs
    article = analyze("Soldiers took over state television in Ouagadougou on Friday in the West African nation's "
                      "second coup this year. The Economic Community of West African States (ECOWAS) condemned "
                      "the takeover. The African Union called on the military to refrain from violence.",
                      dt.date(2022, 10, 1))
    assert "ECOWAS" not in {m.entity.country for m in article.mentions if "nation" in m.span.text}
    military = find(article, "the military")
    assert military.entity.country not in ("ECOWAS", "AU")
    (call,) = [e for e in article.events if e.trigger.text == "called"]
    assert {a.entity.country for a in call.recipient} == {"BFA"}


def test_regional_organisations_are_actors(analyze):
    article = analyze("The East African Community agreed on Monday to deploy a regional force to eastern Congo. "
                      "The Intergovernmental Authority on Development called for a ceasefire in Sudan.",
                      dt.date(2022, 6, 14))
    assert find(article, "The East African Community").entity.country == "EAC"
    assert find(article, "The Intergovernmental Authority on Development").entity.country == "IGAD"


def test_the_army_in_an_official_s_words_is_the_official_s_country(analyze):
    # Thailand is named last, in the sentence before; "the army" Israel's defense minister speaks
    # of is Israel's
    article = analyze("Qatar's foreign ministry said 10 Thai nationals and a Filipino were also released under a "
                      "separate deal with Thailand. Israel's defense minister Yoav Gallant said the army would "
                      "resume its offensive with full force once the truce ended.", dt.date(2023, 11, 25))
    army = find(article, "the army")
    assert (army.entity.country, army.entity.sector) == ("ISR", "MIL")


def test_democratic_republic_of_congo_without_the_article_is_that_country(analyze):
    article = analyze("M23 rebels seized the town of Bunagana on Democratic Republic of Congo's border with Uganda "
                      "on Monday.", dt.date(2022, 6, 14))
    assert find(article, "Democratic Republic of Congo").entity.country == "COD"


def test_its_official_after_an_organisation_speaks_for_it(analyze):
    # "Its director general" after the IAEA is the agency's, not Russia's named before it
    article = analyze("Russia and Ukraine accused each other on Monday of attacking the Zaporizhzhia plant. The "
                      "International Atomic Energy Agency (IAEA) said the attack had caused no critical damage. "
                      "Its director general, Rafael Grossi, called on both sides to stop attacking the plant.",
                      dt.date(2024, 4, 8))
    official = find(article, "Its director general")
    assert (official.entity.country, official.entity.sector) == ("UN", None)
    (call,) = [e for e in article.events if e.trigger.text == "called"]
    assert {a.entity.country for a in call.actor} == {"UN"}
    assert {a.entity.country for a in call.recipient} == {"RUS", "UKR"}
    # an organisation has no forces of its own here: "its forces" after the Security Council are Rwanda's
    article = analyze("The UN Security Council called on Rwanda to withdraw its forces from eastern Congo.",
                      dt.date(2025, 1, 27))
    assert find(article, "its forces").entity.country != "UN"


def test_the_army_after_a_rebel_group_is_the_country_s_army_every_time(analyze):
    # written for flashpoint in the wording of reports on the war in Sudan (2024)
    a = analyze("Sudan's paramilitary Rapid Support Forces (RSF) shelled El Fasher on Thursday. The army said "
                "its troops had repelled an RSF assault. The RSF accused the army of bombing residential areas.",
                published=dt.date(2024, 6, 14))
    armies = [m for m in a.mentions if m.span.text.lower() == "the army"]
    assert len(armies) == 2
    assert [(m.entity.country, m.entity.sector) for m in armies] == [("SDN", "MIL"), ("SDN", "MIL")]
    accused = [e for e in a.events if e.trigger.text == "accused"]
    assert accused and [(r.entity.country, r.entity.sector) for r in accused[0].recipient] == [("SDN", "MIL")]


def test_its_citizens_are_the_citizens_of_the_country_told_of(analyze):
    # written for flashpoint in the wording of reports on Haiti (2024)
    a = analyze("Gangs stormed the main prison in Port-au-Prince. The United States urged its citizens to leave Haiti "
                "as soon as possible.", published=dt.date(2024, 3, 3))
    assert codes(a)["its citizens"] == ("USA", "CVL")


def test_a_police_union_is_labour(analyze):
    # written for flashpoint in the wording of reports on Haiti (2024)
    a = analyze("Gangs attacked police stations in Port-au-Prince. The police union called on the government to "
                "send reinforcements.", published=dt.date(2024, 3, 3))
    assert codes(a)["The police union"] == (None, "LAB")
    called = [e for e in a.events if e.trigger.text == "called"]
    assert called and [(x.entity.country, x.entity.sector) for x in called[0].actor] == [("HTI", "LAB")]


def test_a_local_authority_is_of_the_place_the_sentence_tells_of(analyze):
    # written for flashpoint in the wording of wire copy on the Middle East (2024)
    a = analyze("Three U.S. soldiers were killed in a drone attack in Jordan, near the border with Iraq. "
                "Israel's strikes in Gaza have killed over 26,000, the local health ministry reports.",
                published=dt.date(2024, 1, 28))
    assert codes(a)["the local health ministry"] == ("PSE", "GOV")


def test_a_surname_is_not_a_foreign_namesake_when_the_article_names_its_bearer(analyze):
    # written for flashpoint in the wording of reports on Taiwan (2024); the lexicon's only office
    # holder named Lai is Malaysia's Liow Tiong Lai
    a = analyze("China launched drills around Taiwan, days after the inauguration of Lai Ching-te. "
                "Lai has repeatedly offered talks with Beijing.", published=dt.date(2024, 5, 23))
    assert all(m.entity.country != "MYS" for m in a.mentions), [(m.span.text, m.entity.code) for m in a.mentions]
    # nor is a person's last name a group the lexicon knows by it: Congo's foreign minister is no
    # Wagner mercenary, in her full name or after it (the Wagner group itself still is one)
    b = analyze("Congolese Foreign Minister Therese Kayikwamba Wagner called the offensive a declaration of war. "
                "Wagner said Kinshasa had cut ties with Kigali.", published=dt.date(2025, 1, 28))
    assert {m.span.text: m.entity.code for m in b.mentions if "Wagner" in m.span.text} == {
        "Congolese Foreign Minister Therese Kayikwamba Wagner": "CODGOV", "Wagner": "CODGOV"}
    c = analyze("Yevgeny Prigozhin, the head of Wagner, died in a plane crash.", published=dt.date(2023, 8, 24))
    assert codes(c)["Wagner"] == ("RUS", "MIL")


@pytest.mark.parametrize("text, sides", [
    # written for flashpoint: "between" needs two sides, which the parser had read as one noun with
    # coordinated modifiers ("[army and M23] rebels")
    ("Fighting broke out between the army and M23 rebels around Sake on Saturday.",
     {"the army": ("COD", "MIL"), "M23 rebels": ("COD", "REB")}),
    ("Clashes between police and opposition supporters left five dead in Nairobi.",
     {"police": ("KEN", "COP"), "opposition supporters": ("KEN", "OPP")}),
])
def test_the_two_sides_of_a_clash_are_two_actors(analyze, text, sides):
    a = analyze(text, published=dt.date(2024, 3, 6))
    (clash,) = [e for e in a.events if e.type == "ASSAULT"]
    assert {x.span.text: (x.entity.country, x.entity.sector) for x in clash.actor} == sides


def test_rebel_forces_are_the_rebels(analyze):
    # written for flashpoint: a rebel modifier makes "forces" the armed group's, not the state's
    a = analyze("Clashes between government and rebel forces killed ten people near Marib.", published=dt.date(2024, 3, 6))
    assert codes(a)["rebel forces"][1] == "REB"
    assert codes(a)["government"][1] == "GOV"


def test_the_alliance_is_the_alliance_the_story_named(analyze):
    # written for flashpoint in the wording of reports on Myanmar (January 2024): "the alliance" is
    # NATO in the lexicon, but here the Three Brotherhood Alliance; an alliance of armed groups is
    # of their sector
    a = analyze("An alliance of ethnic armed groups in Myanmar has captured a town on the border with China. "
                "The Three Brotherhood Alliance said its fighters had seized control of Laukkai. Beijing brokered "
                "a truce between the military and the alliance in December.", published=dt.date(2024, 1, 5))
    assert codes(a)["the alliance"] == ("MMR", "REB")
    assert codes(a)["An alliance of ethnic armed groups in Myanmar"] == ("MMR", "REB")


def test_the_military_is_the_state_organ_told_of_not_a_mediator(analyze):
    # written for flashpoint in the wording of reports on Myanmar (January 2024): "the military" is
    # Myanmar's, told of as "Myanmar's military government", not China's, named last as the broker
    a = analyze("Myanmar's military government has not commented on the claim. China urged an immediate "
                "ceasefire. Beijing brokered a temporary truce between the military and the rebels in December.",
                published=dt.date(2024, 1, 5))
    assert codes(a)["the military"][0] == "MMR"


def test_the_military_between_is_a_side_of_its_own(analyze):
    # written for flashpoint in the wording of reports on Ethiopia (August 2023): the tagger reads
    # "military" as an adjective of "militiamen"; after "between" it is a side of its own
    a = analyze("Ethiopia declared a state of emergency in Amhara following days of clashes between the military "
                "and local Fano militiamen.", published=dt.date(2023, 8, 5))
    assert codes(a)["the military"][1] == "MIL"
    assert codes(a)["local Fano militiamen"][1] == "REB"


@pytest.mark.parametrize("text, mention, sector", [
    # written for flashpoint: role words the lexicon lacked
    ("Malian gendarmes arrested two suspects in Bamako.", "Malian gendarmes", "COP"),
    ("Ukrainian conscripts were sent to the front near Bakhmut.", "Ukrainian conscripts", "MIL"),
    ("Inmates at a prison in Guayaquil took guards hostage.", "Inmates", "CVL"),
])
def test_roles_the_lexicon_lacked(analyze, text, mention, sector):
    a = analyze(text, published=dt.date(2024, 3, 6))
    assert codes(a)[mention][1] == sector


def test_we_in_a_quotation_is_its_speaker(analyze):
    # written for flashpoint in the words of the US response to the Tower 22 attack (January 2024,
    # coding-conventions 7: the vow is a threat)
    a = analyze('"We will hold those responsible accountable at our chosen time and manner," Biden said.',
                published=dt.date(2024, 1, 28))
    (threat,) = [e for e in a.events if e.type == "THREATEN"]
    assert [x.entity.code for x in threat.actor] == ["USAGOV"] and threat.actor[0].span.text == "We"
    # watching how things go is no act of the speaker's
    b = analyze("We are monitoring the situation, a UN spokesman said.", published=dt.date(2024, 1, 28))
    assert not b.events


@pytest.mark.parametrize("text, phrase", [
    # written for flashpoint: "the States" names the United States only as written so; other
    # states are none of it
    ("The Baltic states imposed sanctions on 11 Georgian officials.", "The Baltic states"),
    ("Gulf states condemned the attack.", "Gulf states"),
])
def test_plural_states_are_not_the_united_states(analyze, text, phrase):
    a = analyze(text, published=dt.date(2024, 12, 6))
    found = [m for m in a.mentions if m.span.text == phrase]
    assert found and all(m.entity.country != "USA" for m in found)
