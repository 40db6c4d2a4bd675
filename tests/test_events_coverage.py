"""Event triggers beyond the November 2021 border crisis: the wording of other crises' news
(air strikes, exchanges of fire, water cannon, shelling by armed groups, summoned envoys,
releases, lifted sanctions), with the ambiguous words kept apart."""

from __future__ import annotations

import datetime as dt

import pytest


def events_of(analyze, text):
    return [(e.type, e.trigger.text, "+".join(a.entity.code for a in e.actor),
             "+".join(a.entity.code for a in e.recipient)) for e in analyze(text).events]


@pytest.mark.parametrize("text", [
    "The president fired his defence minister on Monday.",   # "fire" a person: no attack
    "Workers in Paris went on a general strike.",             # a labour strike: no air strike
    "The company issued a press release on Monday.",          # a press release: no prisoner release
    "The company released its quarterly results on Monday.",  # results released: no release of people
    "Activists fought for the right to vote for decades.",   # fighting for a cause: no attack
])
def test_ambiguous_words_stay_quiet(analyze, text):
    assert not [e for e in events_of(analyze, text) if e[0] in ("ASSAULT", "RETREAT")]


def test_a_trigger_noun_that_only_names_the_topic_is_no_event(analyze):
    # "ceasefire talks" are talks (CONSULT), not a ceasefire
    found = events_of(analyze, "Israeli and Hamas negotiators resumed ceasefire talks in Doha on Monday.")
    assert "RETREAT" not in [e[0] for e in found]
    assert [e for e in found if e[0] == "CONSULT" and e[1] == "talks"]


@pytest.mark.parametrize("text, trigger, sides", [
    # coordinated adjectives: both countries' forces act
    ("Indian and Pakistani troops exchanged fire along the Line of Control on Tuesday.", "exchanged", {"IND", "PAK"}),
    ("Russian and Belarusian paratroopers held joint drills near Grodno on Friday.", "drills", {"RUS", "BLR"}),
    # a reciprocal happening "between" two sides
    ("Clashes broke out between Armenian and Azerbaijani forces on the border.", "Clashes", {"ARM", "AZE"}),
    ("Talks between Israel and Hamas resumed in Doha on Monday.", "Talks", {"ISR", "PSE"}),
])
def test_both_sides_of_a_joint_or_reciprocal_event_are_actors(analyze, text, trigger, sides):
    events = [e for e in analyze(text).events if e.trigger.text == trigger]
    assert events, f"no event on {trigger!r}"
    assert {a.entity.country for a in events[0].actor} == sides


@pytest.mark.parametrize("text, author", [
    # written for flashpoint: the killing a participle adds to an accusation is the accused's act
    ("Armenia accused Azerbaijan on Tuesday of shelling several towns near the border overnight, killing at "
     "least 49 Armenian soldiers.", "AZE"),
    ("Ukraine accused Russia of striking a hospital in Kyiv, killing 20 people.", "RUS"),
])
def test_a_killing_added_to_an_accusation_is_the_accused_s(analyze, text, author):
    (killing,) = [e for e in analyze(text).events if e.trigger.text == "killing"]
    assert [a.entity.country for a in killing.actor] == [author]


@pytest.mark.parametrize("text, type_, actor, modality", [
    # written for flashpoint: the one "ready", "willing" or "prepared" to act is its actor; it is planned
    ("Germany is willing to provide aid to Palestinian refugees in Gaza.", "AID", "DEU", "planned"),
    ("Russia is prepared to send troops to Belarus.", "MOBILIZE", "RUS", "planned"),
    ("Turkey is unwilling to send troops to Libya.", "MOBILIZE", "TUR", "negated"),
])
def test_the_one_ready_to_act_is_the_actor(analyze, text, type_, actor, modality):
    found = [(e.type, [a.entity.country for a in e.actor], e.modality) for e in analyze(text).events]
    assert (type_, [actor], modality) in found, found


@pytest.mark.parametrize("text, trigger, actor", [
    # written for flashpoint: a killing added after "officials said" goes with the act told
    ("Taliban fighters overran an army base in northern Afghanistan, officials said Tuesday, killing at least "
     "17 soldiers.", "killing", "AFG"),
    # the means ("by shelling") is the subject's act
    ("Indian troops violated the ceasefire by shelling villages along the Line of Control.", "shelling", "IND"),
])
def test_the_author_of_an_act_told_around_a_saying_or_as_a_means(analyze, text, trigger, actor):
    found = [e for e in analyze(text).events if e.trigger.text in (trigger, "violated", "overran")]
    assert found and all(actor in {a.entity.country for a in e.actor} for e in found), \
        [(e.trigger.text, [a.entity.code for a in e.actor]) for e in found]
    killing = [e for e in found if e.trigger.text == "killing"]
    assert all(a.entity.sector != "GOV" for e in killing for a in e.actor)


def test_the_line_of_control_is_in_kashmir(analyze):
    art = analyze("Pakistani troops shelled Indian posts along the Line of Control on Tuesday.")
    assert [(p.name, p.countries) for p in art.places if p.span.text == "Line of Control"] == \
        [("Line of Control", ["IND", "PAK"])]


def test_both_sides_are_the_two_the_story_names_most_not_the_mediator(analyze):
    # written for flashpoint in the wording of wire copy on the 2022 Armenia-Azerbaijan clashes
    art = analyze("Armenia accused Azerbaijan of shelling several towns near the border. Azerbaijan said its "
                  "forces had responded to provocations by Armenian troops. Russia said it had brokered a "
                  "ceasefire, but both sides reported further shelling later in the day.")
    (later,) = [e for e in art.events if e.trigger.text == "shelling" and e.sentence == 2]
    assert {a.entity.country for a in later.actor} == {"ARM", "AZE"}


@pytest.mark.parametrize("text, trigger, actor, recipient", [
    ("Pakistan summoned India's ambassador on Wednesday.", "summoned", "PAK", "IND"),
    ("Ukraine recalled its ambassador from Moscow.", "recalled", "UKR", "RUS"),
    ("Washington then sent its CIA director to Ukraine.", "sent", "USA", "UKR"),  # its own envoy: no recipient from him
])
def test_the_envoy_acted_on_belongs_to_the_other_side(analyze, text, trigger, actor, recipient):
    (event,) = [e for e in analyze(text).events if e.trigger.text == trigger]
    assert {a.entity.country for a in event.actor} == {actor}
    assert {a.entity.country for a in event.recipient} == {recipient}


@pytest.mark.parametrize("text, trigger, actor, expect", [
    # military movements at sea and in the air
    ("Two B-1B strategic bombers of the US Air Force performed flights over the Black Sea.", "flights", "USAMIL", True),
    ("The British destroyer HMS Defender entered the Black Sea on Monday.", "entered", "GBRMIL", True),
    # the same verbs with people or airlines as subject are no deployment
    ("The minister will head to Brussels on Monday.", "head", None, False),
    ("Migrants entered Poland near the village of Starzyna.", "entered", None, False),
])
def test_ships_and_aircraft_moving_are_mobilisations(analyze, text, trigger, actor, expect):
    found = [e for e in analyze(text).events if e.trigger.text == trigger and e.type == "MOBILIZE"]
    assert bool(found) == expect
    if expect:
        assert "+".join(a.entity.code for a in found[0].actor) == actor
        assert found[0].place is not None and found[0].place.name == "Black Sea"


@pytest.mark.parametrize("text, trigger, actor, place", [
    # a ship named by its class noun, coded through "its" to the fleet that announced it
    ("The US Sixth Fleet announced in November that its flagship Mount Whitney was heading to the Black Sea.",
     "heading", "USAMIL", "Black Sea"),
    ("Russia said on Monday that its troops had entered the Donetsk region.", "entered", "RUSMIL", "Donetsk"),
])
def test_forces_entering_and_heading_somewhere_are_mobilisations(analyze, text, trigger, actor, place):
    (event,) = [e for e in analyze(text).events if e.trigger.text == trigger]
    assert event.type == "MOBILIZE" and "+".join(a.entity.code for a in event.actor) == actor
    assert event.place is not None and place in event.place.name


def test_migrants_crossing_a_border_are_no_mobilisation(analyze):
    assert not [e for e in analyze("Migrants crossed the border near Kuznica on Monday.").events
                if e.type == "MOBILIZE"]


@pytest.mark.parametrize("text, actor, size", [
    ("Zelensky said there are 100,000 Russian troops on the border.", "RUSMIL", 100000),
    ("There were some 90,000 Russian soldiers near Ukraine, officials said.", "RUSMIL", 90000),
])
def test_troops_said_to_be_somewhere_are_a_mobilisation(analyze, text, actor, size):
    (event,) = [e for e in analyze(text).events if e.type == "MOBILIZE"]
    assert "+".join(a.entity.code for a in event.actor) == actor
    assert event.status == "attributed" and [q.value for q in event.quantities] == [size]


@pytest.mark.parametrize("text", ["There are many reasons for the crisis.", "They are soldiers, not tourists.",
                                  "There is no threat to Poland, Moscow said."])
def test_other_existentials_are_no_mobilisation(analyze, text):
    assert not [e for e in analyze(text).events if e.type == "MOBILIZE"]


#: What every conflict coder must cover (issue "Events from any crisis"): coups, seizures, arrests,
#: killings, operations and offensives, shelling, strikes, ambushes, hostage-taking, evacuations,
#: curfews and emergencies, mediation and talks, truces, prisoner exchanges, aid, recalls and
#: suspensions, accusations. Sentences written for flashpoint in the manner of wire copy.
COVERAGE = [
    # the issue's own list of typical misses on unseen crises
    ("Sudanese soldiers were detaining the country's leader on Monday, witnesses said.", 'detaining', 'COERCE'),
    ('The raids by the army on RSF bases in Khartoum continued on Sunday.', 'raids', 'ASSAULT'),
    ("India and Pakistan waged strikes on one another's bases on Wednesday.", 'strikes', 'ASSAULT'),
    ('The two countries traded accusations over the attack.', 'traded', 'ACCUSE'),
    ('Hamas categorically denied the Israeli account on Tuesday.', 'denied', 'REJECT'),
    ('The Pakistani army offered a different version of events.', 'offered', 'REJECT'),
    ('Indian jets were turned away by the Pakistani air force on Wednesday.', 'turned', 'COERCE'),
    ('Prime Minister Shehbaz Sharif directed the military to remain prepared.', 'directed', 'MOBILIZE'),
    ('Hamas issued a statement calling on Palestinians to fight the Israeli occupation.', 'calling', 'REQUEST'),
    ('India and Pakistan agreed to refrain from escalating the conflict.', 'agreed', 'AGREE'),
    ('M23 rebels marched into Goma on Monday.', 'marched', 'MOBILIZE'),
    ('Rebels killed 40 troops in an ambush in Tigray.', 'killed', 'ASSAULT'),
    ('Hundreds of anti-government protesters poured into a central square in Bamako.', 'poured', 'PROTEST'),
    ('The army laid siege to the rebel-held town of Bakhmut.', 'siege', 'COERCE'),
    ('Soldiers seized power in a coup in Gabon on Wednesday and detained President Ali Bongo.', 'seized', 'COERCE'),
    ('The army overthrew the elected government of Niger.', 'overthrew', 'COERCE'),
    ('Rebels seized control of the airport in Goma on Sunday.', 'seized', 'COERCE'),
    ('Kosovo police regained control of the monastery on Monday.', 'regained', 'COERCE'),
    ('Police took the former president into custody on Tuesday.', 'custody', 'COERCE'),
    ('Kenyan troops routed Somali militants in Kismayo on Sunday.', 'routed', 'ASSAULT'),
    ('Biden phoned Netanyahu on Sunday.', 'phoned', 'CONSULT'),
    ("Iran's execution of two protesters drew condemnation.", 'execution', 'ASSAULT'),
    ('Hamas snubbed the Egyptian proposal.', 'snubbed', 'REJECT'),
    ('Ukraine hailed the US decision to send tanks.', 'hailed', 'SUPPORT'),
    ('Gunmen massacred 40 villagers in Plateau state.', 'massacred', 'ASSAULT'),
    ('Pirates hijacked a cargo ship off Somalia.', 'hijacked', 'ASSAULT'),
    ('Houthi forces downed a US drone over Yemen.', 'downed', 'ASSAULT'),
    ('Rebels mortared army positions near Goma.', 'mortared', 'ASSAULT'),
    ('The presidential guard removed President Mohamed Bazoum of Niger from power on Wednesday.', 'power', 'COERCE'),
    ('The United States announced $300 million in military aid to Ukraine.', 'aid', 'AID'),
    ('Russia and Ukraine swapped 95 prisoners of war on Friday.', 'swapped', 'RETREAT'),
    ('The British government airlifted its nationals out of Khartoum.', 'airlifted', 'AID'),
    ('Poland ordered the closure of Russia\'s consulate in Krakow on Wednesday.', 'ordered', 'SANCTION'),
    ('At the United Nations, the Security Council voted 13-0 with two abstentions to adopt a resolution demanding a ceasefire in Sudan.', 'adopt', 'SUPPORT'),
    ('Government forces wrested control of the port from the rebels.', 'wrested', 'COERCE'),
    ('Police arrested four suspects in Nairobi after the bombing.', 'arrested', 'COERCE'),
    ('Security forces detained the opposition leader in Kampala.', 'detained', 'COERCE'),
    ('Militants killed 40 soldiers in an ambush in northern Mali.', 'killed', 'ASSAULT'),
    ('Israel launched a military operation in Jenin on Monday.', 'launched', 'ASSAULT'),
    ('The army launched an offensive against the rebels in Tigray.', 'launched', 'ASSAULT'),
    ('Russian forces shelled Kharkiv overnight.', 'shelled', 'ASSAULT'),
    ('Turkish drones struck Kurdish positions in northern Iraq.', 'struck', 'ASSAULT'),
    ('Jihadists ambushed a military convoy near Djibo on Tuesday.', 'ambushed', 'ASSAULT'),
    ('Gunmen took 20 passengers hostage in Zamfara state.', 'took', 'ASSAULT'),
    ('France evacuated its citizens from Khartoum on Sunday.', 'evacuated', 'AID'),
    ('The government imposed a curfew in the capital Conakry.', 'imposed', 'COERCE'),
    ('Ethiopia declared a state of emergency in Amhara on Friday.', 'declared', 'COERCE'),
    ('Azerbaijan gave Armenian forces an ultimatum to leave Karabakh within 24 hours.', 'gave', 'THREATEN'),
    ('Qatar mediated talks between Israel and Hamas in Doha.', 'mediated', 'CONSULT'),
    ('Colombia and the ELN resumed peace talks in Caracas on Monday.', 'talks', 'CONSULT'),
    ("Sudan's army and the RSF agreed to a seven-day truce on Saturday.", 'agreed', 'AGREE'),
    ('Russia and Ukraine exchanged 200 prisoners of war on Friday.', 'exchanged', 'RETREAT'),
    ('The World Food Programme delivered aid to Gaza on Sunday.', 'delivered', 'AID'),
    ('President Ashraf Ghani fled the country on Sunday.', 'fled', 'RETREAT'),
    ('The Security Council convened an emergency meeting on Tuesday.', 'convened', 'CONSULT'),
    ('Biden attributed the attack to Iran-backed groups.', 'attributed', 'ACCUSE'),
    ('The government blamed separatists for the attack on the school.', 'blamed', 'ACCUSE'),
    ('Turkey condemned the attack on Monday.', 'condemned', 'ACCUSE'),
    ('The Kremlin categorically denied the accusations.', 'denied', 'REJECT'),
    ('Rwanda recalled its ambassador from Kinshasa on Friday.', 'recalled', 'SANCTION'),
    ('Colombia suspended peace talks with the ELN on Friday.', 'suspended', 'SANCTION'),
    ('Protesters gathered in Caracas on Tuesday to denounce the vote.', 'gathered', 'PROTEST'),
    ('The United States imposed sanctions on three Sudanese companies.', 'imposed', 'SANCTION'),
    ('Israel and Hezbollah agreed to a ceasefire on Tuesday.', 'agreed', 'AGREE'),
    ('Indian and Chinese troops clashed in the Galwan Valley.', 'clashed', 'ASSAULT'),
    ('Hamas released 13 Israeli hostages on Friday.', 'released', 'RETREAT'),
    # giving up ground, ending measures, recognition, sentences and rescues
    ('Armenia handed over eight villages to Azerbaijan under a border deal.', 'handed', 'RETREAT'),
    ('Ethiopia lifted the state of emergency in Amhara on Wednesday.', 'lifted', 'RETREAT'),
    ('Russia recognised the independence of Abkhazia and South Ossetia.', 'recognised', 'SUPPORT'),
    ('A court in Myanmar sentenced Aung San Suu Kyi to four more years in prison.', 'sentenced', 'COERCE'),
    ('Colombian troops rescued two soldiers held by ELN guerrillas in Arauca.', 'rescued', 'AID'),
    ('Japan scrambled fighter jets after two Russian bombers flew over the Sea of Japan.', 'scrambled', 'MOBILIZE'),
    ('Police rounded up dozens of opposition activists in Minsk on Sunday.', 'rounded', 'COERCE'),
    # ultimatums and interceptions at sea
    ('The junta gave ECOWAS an ultimatum on Sunday.', 'gave', 'THREATEN'),
    ('The Israeli navy intercepted a boat carrying activists to Gaza.', 'intercepted', 'COERCE'),
    # a sum "in aid" is the aid sent
    ('Germany will send $1 billion in aid to Ukraine.', 'send', 'AID'),
    # investigations ordered, charges filed, complaints (PLOVER ACCUSE investigate, allege, disapprove)
    ('A court in Bamako ordered an investigation into the former prime minister on Monday.', 'ordered', 'ACCUSE'),
    ('Prosecutors in Dakar filed new charges against the opposition leader on Tuesday.', 'filed', 'ACCUSE'),
    ('UN officials complained that the army had blocked aid convoys to El Fasher.', 'complained', 'ACCUSE'),
    # releasing detained leaders, activists, pupils is a release like that of prisoners
    ("Myanmar's junta released several jailed activists on Tuesday.", 'released', 'RETREAT'),
    # support voiced, conveyed or reaffirmed
    ('China reaffirmed its support for Russia on Monday.', 'reaffirmed', 'SUPPORT'),
    # arrests, bans, martial law
    ('Israeli troops on Sunday apprehended a Lebanese man who had crossed the border.', 'apprehended', 'COERCE'),
    ('The junta outlawed the main opposition party on Wednesday.', 'outlawed', 'COERCE'),
    ('Pervez Musharraf imposed martial law in Pakistan.', 'law', 'COERCE'),
    # a hyphenated cease-fire is one word
    ('Afghan President Ashraf Ghani on Thursday announced a weeklong cease-fire with the Taliban.', 'cease-fire', 'RETREAT'),
    # an order to appear, hand over or vacate is a demand
    ('Police in Islamabad ordered the former prime minister to appear for questioning on Friday.', 'ordered', 'REQUEST'),
    # seeking refuge or asylum is a request (CAMEO 0233)
    ('The opposition leader sought asylum at the Dutch embassy in Caracas on Monday.', 'sought', 'REQUEST'),
    # peacekeepers sent or arriving are aid (PLOVER AID: military assistance including personnel)
    ('Kenya deployed 400 police peacekeepers to Haiti on Tuesday.', 'deployed', 'AID'),
    ('Russian peacekeepers arrived in Stepanakert on Tuesday.', 'arrived', 'AID'),
    # armed forces fighting, with no "with" or "against"
    ("Sudan's army and the Rapid Support Forces fought for control of the capital on Sunday.", 'fought', 'ASSAULT'),
]


@pytest.mark.parametrize("text, trigger, type_", COVERAGE)
def test_every_conflict_coder_covers(analyze, text, trigger, type_):
    events = [(e.type, e.trigger.text) for e in analyze(text, published=dt.date(2024, 1, 10)).events]
    assert (type_, trigger) in events, events


def test_a_report_of_the_other_side_s_strike_is_an_accusation(analyze):
    a = analyze("Ukraine's security service said it had evidence the hospital was hit by a Russian cruise missile.",
                published=dt.date(2024, 7, 9))
    hit = [e for e in a.events if e.trigger.text == "hit"]
    assert hit and hit[0].type == "ASSAULT" and [x.entity.country for x in hit[0].actor] == ["RUS"]
    (said,) = [e for e in a.events if e.trigger.text == "said"]
    assert (said.type, [x.entity.code for x in said.actor], [x.entity.country for x in said.recipient]) == \
        ("ACCUSE", ["UKRSPY"], ["RUS"])
    assert said.cues["events"].startswith("report:say")


def test_a_report_of_one_s_own_act_is_no_accusation(analyze):
    a = analyze("The Israeli military said its jets struck Hezbollah targets in Beirut.", published=dt.date(2024, 9, 28))
    assert not [e for e in a.events if e.trigger.text == "said"]


def test_a_report_of_a_joint_act_by_one_of_its_parties_is_no_accusation(analyze):
    a = analyze("Mozambican and Rwandan troops recaptured the port town of Mocimboa da Praia from Islamist "
                "insurgents, Rwanda's army said on Sunday.", published=dt.date(2021, 8, 9))
    assert [e for e in a.events if e.trigger.text == "recaptured"]
    assert not [e for e in a.events if e.trigger.text == "said"]


@pytest.mark.parametrize("text, actor, recipient", [
    # a sighting of military craft is the presence of their side (coding-conventions 5)
    ("Taiwan's defence ministry said it had detected 35 Chinese military aircraft and nine warships around "
     "the island on Monday.", "CHNMIL", "TWNMIL"),
    ("The Philippine coast guard spotted six Chinese warships near Scarborough Shoal.", "CHNMIL", "PHLCOP"),
])
def test_a_sighting_of_warships_is_their_side_s_deployment(analyze, text, actor, recipient):
    found = [(e.type, [x.entity.code for x in e.actor], [x.entity.code for x in e.recipient])
             for e in analyze(text, published=dt.date(2024, 6, 10)).events]
    assert ("MOBILIZE", [actor], [recipient]) in found, found


def test_explosives_found_are_no_deployment(analyze):
    assert not analyze("Police detected explosives in the car.").events


@pytest.mark.parametrize("text, type_, actor, recipient", [
    # a vow to use force is a threat against whom the force is vowed (coding-conventions 7)
    ("Netanyahu vowed to destroy Hamas on Saturday.", "THREATEN", "ISRGOV", "PSEREB"),
    # holding someone responsible is blame
    ("Ethiopia's government held the TPLF responsible for the collapse of the truce.", "ACCUSE", "ETHGOV", "ETHREB"),
    # written for flashpoint in the wording of reports on the Second Thomas Shoal (March 2024): a
    # commitment or pledge to help is support for whom it is to help
    ("The United States reaffirmed its commitment to defend the Philippines.", "SUPPORT", "USA", "PHL"),
    ("The United States pledged to defend the Philippines.", "AGREE", "USA", "PHL"),
    # in the wording of reports on Gabon (August 2023): suspending a member from a body is a sanction
    ("The African Union condemned the coup and suspended Gabon from all its activities.", "SANCTION", "AU", "GAB"),
    # in the wording of reports on Iran and Israel (April 2024): exacting a price is punishment promised
    ('"We will exact the price from Iran in the fashion and timing that is right for us," Israeli war cabinet '
     "minister Benny Gantz said on Sunday.", "THREATEN", "ISRGOV", "IRN"),
    # in the wording of reports on Georgia (December 2024): suspending a partnership is a sanction
    ("The United States suspended its strategic partnership with Georgia on Saturday.", "SANCTION", "USA", "GEO"),
    # in the wording of reports on Burkina Faso (August 2024): going after the attackers, said of
    # the future, is a threat against them (the CAMEO pattern "crush militant" read a concession)
    ("Burkina Faso's army will pursue the militants, the security minister said.", "THREATEN", "BFAMIL", "BFAREB"),
    ("Burkina Faso's army will crush the militants, the security minister said.", "THREATEN", "BFAMIL", "BFAREB"),
])
def test_vows_pledges_blame_and_suspensions_in_other_words(analyze, text, type_, actor, recipient):
    found = [(e.type, "+".join(x.entity.code for x in e.actor), "+".join(x.entity.code for x in e.recipient))
             for e in analyze(text, published=dt.date(2023, 11, 5)).events]
    assert (type_, actor, recipient) in found, found


def test_a_vow_to_rebuild_is_no_threat(analyze):
    assert not [e for e in analyze("The army vowed to rebuild the country.").events if e.type == "THREATEN"]


def test_a_hit_from_a_missile_names_its_author(analyze):
    a = analyze("The children's hospital took a direct hit from a Russian missile.", published=dt.date(2024, 7, 9))
    (hit,) = [e for e in a.events if e.trigger.text == "hit"]
    assert [x.entity.country for x in hit.actor] == ["RUS"]


@pytest.mark.parametrize("text, type_, actor, recipient", [
    ("Polish Prime Minister Mateusz Morawiecki said the EU should jointly finance the construction of a border wall.",
     "REQUEST", "POLGOV", "EU"),
    ("Kremlin spokesman Dmitry Peskov said that Russia was ready to help resolve the crisis.", "AGREE", "RUSGOV", ""),
])
def test_a_reported_demand_or_offer_makes_the_report_an_event(analyze, text, type_, actor, recipient):
    (said,) = [e for e in analyze(text, published=dt.date(2021, 11, 14)).events if e.trigger.text == "said"]
    assert (said.type, "+".join(a.entity.code for a in said.actor),
            "+".join(a.entity.code for a in said.recipient)) == (type_, actor, recipient)


def test_a_speaker_s_own_should_is_no_request(analyze):
    assert not [e for e in analyze("Russia said it should respond.").events if e.trigger.text == "said"]


@pytest.mark.parametrize("text, accused", [
    ("Ethiopia blamed the attack on Eritrean troops.", "ERI"),
    ("Russia attributed the explosion to Ukrainian special services.", "UKR"),
    ("Biden attributed the attack to Iran-backed groups.", "IRN"),  # only the backer is named
    ("The government blamed the bombing on Russian-supported militias.", "RUS"),
])
def test_the_object_of_blame_is_the_accused(analyze, text, accused):
    (acc,) = [e for e in analyze(text).events if e.type == "ACCUSE"]
    assert [a.entity.country for a in acc.recipient] == [accused]


@pytest.mark.parametrize("text", [
    "Russia-backed separatists continue to control parts of eastern Ukraine.",
    "Ethiopia has been at war with Tigrayan forces since November 2020.",
    "Tensions remain high along the border.",
    "Rebels control much of the north of the country.",
])
def test_states_of_affairs_are_no_events(analyze, text):
    assert analyze(text, published=dt.date(2022, 10, 9)).events == []


def test_background_is_flagged_historical(analyze):
    a = analyze("Crimea, which was annexed by Russia in 2014, remains a flashpoint.", published=dt.date(2022, 10, 9))
    (annexed,) = a.events
    assert (annexed.type, annexed.historical, annexed.date.start[:4]) == ("COERCE", True, "2014")


@pytest.mark.parametrize("text, trigger, actor, recipient", [
    # the parser reads "as Iran" as a prepositional phrase and leaves "launched" without subject
    ("Air raid sirens sounded across Israel as Iran on Saturday evening launched dozens of drones "
     "at Israel.", "launched", "IRN", "ISR"),
    ("Shops closed in the capital after the army on Monday shelled rebel positions.", None, None, None),
])
def test_a_name_after_a_conjunction_is_the_clause_s_subject(analyze, text, trigger, actor, recipient):
    events = analyze(text).events
    if trigger is None:  # "after the army": a role word, no misread name; nothing is invented
        assert all(a.entity.country != "ISR" for e in events for a in e.actor)
        return
    (e,) = [e for e in events if e.trigger.text == trigger]
    assert [a.entity.country for a in e.actor] == [actor]
    assert [a.entity.country for a in e.recipient] == [recipient]


def test_a_clause_between_dashes_keeps_its_verb():
    # "(MNDAA)—launched": without spaces the dash and the verb were one token, and the sentence
    # had no verb for the attack
    from flashpoint.stages.nlp import load_model

    doc = load_model()("The Brotherhood Alliance—the Arakan Army (AA) and the Myanmar National Democratic "
                       "Alliance Army (MNDAA)—launched simultaneous attacks on regime targets on Friday.")
    (launched,) = [t for t in doc if "launched" in t.text]
    assert launched.text == "launched" and launched.pos_ == "VERB"
    assert any(c.dep_ == "dobj" and c.text == "attacks" for c in launched.children)
    assert "".join(t.text_with_ws for t in doc) == doc.text


@pytest.mark.parametrize("text, actor, recipient", [
    ("President Vladimir Putin is calling the attack on the bridge a terrorist act carried out by "
     "Ukrainian special services.", "RUSGOV", "UKRSPY"),
    ("The Russian Foreign ministry has published a statement calling the activities of the US provocative.",
     "RUSGOV", "USA"),
    ("Kyiv branded the strike a war crime.", "UKRGOV", None),
    # written for flashpoint in the wording of reports on Poland and Russia (May 2024)
    ("Russia's foreign ministry called Poland's decision unfriendly.", "RUSGOV", "POL"),
    # written for flashpoint in the wording of reports on Kenya (June 2024)
    ("Kenyan President William Ruto called the protests treasonous.", "KENGOV", None),
])
def test_calling_an_act_a_crime_is_an_accusation(analyze, text, actor, recipient):
    (e,) = [e for e in analyze(text).events if e.type == "ACCUSE"]
    assert [a.entity.code for a in e.actor] == [actor]
    assert [a.entity.code for a in e.recipient] == ([recipient] if recipient else [])


@pytest.mark.parametrize("text", [
    "The army called the operation a success.",
    "The president called the opposition leaders to a meeting.",
    "Putin signed a decree late on Saturday tightening security for the bridge.",
])
def test_praise_summons_and_decrees_are_no_accusation_or_agreement(analyze, text):
    assert not [e for e in analyze(text).events if e.type in ("ACCUSE", "AGREE")]


def test_a_request_is_made_of_whoever_acted_on_it(analyze):
    art = analyze("The UN Security Council convened on Tuesday at the request of Britain, France and the United States.")
    (e,) = [e for e in art.events if e.type == "REQUEST"]
    assert {a.entity.country for a in e.actor} == {"GBR", "FRA", "USA"}
    assert [a.entity.code for a in e.recipient] == ["UN"]


def test_a_claim_of_responsibility_is_the_claimed_act_by_the_claimant(analyze):
    # coding-conventions 5: the claimed act, attributed to the claimant; no record of the claiming
    art = analyze("The terrorist group al-Shabab, which claimed responsibility for the blasts, often "
                  "targets the capital.", published=dt.date(2022, 10, 30))
    assert [e.type for e in art.events] == ["ASSAULT"]
    (e,) = art.events
    assert e.trigger.text == "blasts" and [a.entity.code for a in e.actor] == ["SOMREB"]
    art = analyze("The Islamic Resistance in Iraq claimed attacks on three bases.", published=dt.date(2024, 1, 28))
    (e,) = art.events
    assert e.type == "ASSAULT" and [a.entity.country for a in e.actor] == ["IRQ"]


def test_what_a_place_undergoes_makes_it_the_recipient(analyze):
    art = analyze("Kyiv's main children's hospital took a direct hit from a Russian missile on Monday.",
                  published=dt.date(2024, 7, 9))
    (e,) = art.events
    assert (e.type, [a.entity.country for a in e.actor], [a.entity.country for a in e.recipient]) == \
        ("ASSAULT", ["RUS"], ["UKR"])


@pytest.mark.parametrize("text, trigger, type_, actor", [
    ("Hundreds of Russian paratroopers landed near the city of Grodno on Friday.", "landed", "MOBILIZE", "RUS"),
    # the subject of an infinitive or gerund under "begin", "start", "try" counts as its subject
    ("Taliban forces would begin entering areas of the city.", "entering", "MOBILIZE", "AFG"),
    ("The gunmen took 287 pupils from the school in Kaduna State but later freed them.", "freed", "RETREAT", None),
])
def test_landings_entries_and_releases(analyze, text, trigger, type_, actor):
    (e,) = [e for e in analyze(text).events if e.trigger.text == trigger]
    assert e.type == type_
    if actor:
        assert {a.entity.country for a in e.actor} == {actor}


def test_a_plane_that_landed_is_no_mobilisation(analyze):
    assert not [e for e in analyze("The plane landed safely in Minsk on Sunday.").events if e.type == "MOBILIZE"]


def test_one_level_of_government_asking_another_is_an_event_between_them(analyze):
    art = analyze("Ethiopia's parliament met on Friday. Amhara's regional government on Thursday requested "
                  "additional help from federal authorities to reimpose order.", published=dt.date(2023, 8, 4))
    (e,) = [e for e in art.events if e.type == "REQUEST"]
    assert [a.entity.code for a in e.actor] == ["ETHGOV"] and [a.entity.code for a in e.recipient] == ["ETHGOV"]
    # the same government named twice is still no recipient of itself
    art = analyze("The Polish government said the Polish government would close the border.")
    assert not [r for e in art.events for r in e.recipient if r.entity.code == "POLGOV"]


def test_authorizing_force_is_a_threat_to_whoever_must_comply(analyze):
    art = analyze("ECOWAS authorized the use of force against Niger's junta if it does not cede power.",
                  published=dt.date(2023, 7, 31))
    (e,) = [e for e in art.events if e.type == "THREATEN"]
    assert e.trigger.text == "authorized" and [a.entity.code for a in e.actor] == ["ECOWAS"]
    assert {a.entity.country for a in e.recipient} == {"NER"}
    art = analyze("ECOWAS leaders authorized the use of force if Niger's junta does not cede power.",
                  published=dt.date(2023, 7, 31))
    (e,) = [e for e in art.events if e.type == "THREATEN"]
    assert {a.entity.country for a in e.recipient} == {"NER"}
    # using a budget is no threat
    assert not [e for e in analyze("Germany approved the use of the budget surplus.").events if e.type == "THREATEN"]


@pytest.mark.parametrize("text, type_", [
    ("A Turkish court has released German journalist Mesale Tolu after eight months in prison.", "RETREAT"),
    ("The United States has reduced military aid to the Colombian army.", "SANCTION"),
    ("Russia lifted its boycott of Georgian wine on Monday.", "RETREAT"),
])
def test_releases_aid_cuts_and_lifted_boycotts(analyze, text, type_):
    assert type_ in [e.type for e in analyze(text).events]


@pytest.mark.parametrize("text, trigger, type_", [
    ("Peru's interim president Manuel Merino resigned on Sunday after days of protests.", "resigned", "CONCEDE"),
    ("Hundreds of government soldiers surrendered to the rebels on Tuesday.", "surrendered", "RETREAT"),
    ("M23 rebels overran the army base near Goma.", "overran", "COERCE"),
    ("Hungarian Prime Minister Viktor Orban pledged his full support for Poland.", "pledged", "SUPPORT"),
    ("Denmark announced a suspension of aid to Egypt.", "suspension", "SANCTION"),
])
def test_resignations_surrenders_and_pledges(analyze, text, trigger, type_):
    events = analyze(text).events
    assert (trigger, type_) in [(e.trigger.text, e.type) for e in events]
    if trigger == "suspension":  # the aid is what is suspended, no AID of its own
        assert "AID" not in [e.type for e in events]


@pytest.mark.parametrize("text, trigger", [
    ("Russia's Investigative Committee has opened a criminal case into the blast.", "opened"),
    ("The FBI had opened an investigation of Flynn.", "opened"),
    ("The United Nations said it will investigate attacks on its facilities in Syria.", "investigate"),
])
def test_opening_a_case_or_an_investigation_is_an_accusation(analyze, text, trigger):
    # coding-conventions 5: opening a criminal case, an investigation -> ACCUSE (CAMEO 09x)
    assert ("ACCUSE", trigger) in [(e.type, e.trigger.text) for e in analyze(text).events]


def test_opening_a_border_or_a_box_is_no_accusation(analyze):
    events = analyze("Ukraine opened its border to refugees. The shop opened a new case for its jewels.").events
    assert "ACCUSE" not in [e.type for e in events]


def test_sharing_evidence_is_cooperation(analyze):
    (e,) = analyze("Turkish officials shared evidence with Saudi Arabia over the killing.").events
    assert (e.type, [a.entity.code for a in e.actor], [a.entity.code for a in e.recipient]) == \
        ("COOPERATE", ["TURGOV"], ["SAU"])


@pytest.mark.parametrize("text, trigger, type_, actor, recipient", [
    # the wording of other crises' news: air strikes, exchanges of fire, water cannon, shelling, envoys
    ("Israel launched air strikes on Gaza overnight.", "launched", "ASSAULT", "ISR", None),
    ("US forces carried out drone strikes against Houthi targets in Yemen.", "strikes", "ASSAULT", "USAMIL", None),
    ("Iran fired missiles at Israel on Saturday.", "fired", "ASSAULT", "IRN", None),
    ("Chinese coast guard vessels fired water cannon at a Philippine supply boat near Second Thomas Shoal.",
     "fired", "COERCE", "CHNMIL", None),
    ("Indian and Pakistani troops exchanged fire along the Line of Control on Tuesday.", "exchanged", "ASSAULT", None, None),
    ("The Rapid Support Forces shelled residential areas of El Fasher on Sunday.", "shelled", "ASSAULT", "SDNREB", None),
    ("Pakistan's foreign ministry summoned India's ambassador on Wednesday.", "summoned", "ACCUSE", "PAKGOV", None),
    ("Hamas released 13 hostages on Friday.", "released", "RETREAT", "PSEREB", None),
    ("Moscow lifted sanctions on Turkish tomatoes.", "lifted", "RETREAT", "RUSGOV", None),
    ("Chinese coast guard ships rammed a Philippine supply boat.", "rammed", "ASSAULT", "CHNMIL", None),
    ("Gunmen abducted 30 students in Kaduna state, police said.", "abducted", "ASSAULT", None, None),
    # "they" for an organisation named in the plural, in the speaker's own report
    ("Iran's Revolutionary Guards said on Tuesday they had struck two strongholds of a militant group in Pakistan.",
     "struck", "ASSAULT", "IRNMIL", None),
    ("The Houthis said they had fired missiles at a US destroyer.", "fired", "ASSAULT", "YEMREB", None),
    # a protest verb done by armed men is the armed act
    ("Gunmen stormed a school in Kumba on Saturday.", "stormed", "ASSAULT", None, None),
    # taking control, putting forces on alert, coming under fire
    ("Rebels took control of the town on Monday.", "took", "COERCE", None, None),
    ("Serbia put its army on the highest level of combat readiness.", "put", "MOBILIZE", "SRB", None),
    ("Kosovo's police said they had come under fire overnight.", "fire", "ASSAULT", None, "XKXCOP"),
    # fighting that breaks out between two sides
    ("Heavy fighting broke out between Armenian and Azerbaijani forces on Tuesday.", "fighting", "ASSAULT", None, None),
    # a diplomatic protest is an accusation, not a demonstration
    ("China lodged a strong protest with Japan.", "lodged", "ACCUSE", "CHN", "JPN"),
])
def test_other_crises_wording_gives_an_event(analyze, text, trigger, type_, actor, recipient):
    found = events_of(analyze, text)
    match = [e for e in found if e[1] == trigger]
    assert match, f"no event on {trigger!r} in {found}"
    assert match[0][0] == type_
    if actor:
        assert match[0][2] == actor
    if recipient:
        assert match[0][3] == recipient


@pytest.mark.parametrize("text, absent", [
    ("Hundreds of protesters stormed the parliament building.", "ASSAULT"),  # people storming: a protest
    ("China lodged a strong protest with Japan.", "PROTEST"),                # no demonstration
    ("The fighting has displaced thousands of families.", "ASSAULT"),        # no actor, no side: a state
])
def test_general_readings_keep_their_limits(analyze, text, absent):
    assert absent not in [e[0] for e in events_of(analyze, text)]


def test_two_sides_that_clash_are_not_attacking_the_place(analyze):
    (e,) = [e for e in analyze("Indian and Chinese troops clashed in the Galwan Valley on Monday night.").events
            if e.trigger.text == "clashed"]
    assert {a.entity.country for a in e.actor} == {"IND", "CHN"}
    assert not e.recipient


@pytest.mark.parametrize("text, trigger, actor", [
    # a clash "with" the other side belongs to the side that governs the clause
    ("Pakistan closed the Torkham border crossing after clashes with Afghan forces.", "clashes", "PAK"),
])
def test_the_side_of_a_reciprocal_happening(analyze, text, trigger, actor):
    (e,) = [e for e in analyze(text).events if e.trigger.text == trigger]
    assert [a.entity.code for a in e.actor] == [actor]


@pytest.mark.parametrize("text, kept, dropped", [
    # the act named by a "when" clause or an "in" phrase is the one event, not a second one
    ("At least 30 people were killed when Boko Haram fighters attacked a village in Borno state.", "attacked", "killed"),
    ("Indian police killed 29 Maoist rebels in a gunfight in Chhattisgarh state on Tuesday.", "killed", "gunfight"),
])
def test_one_act_told_twice_in_a_sentence_is_one_event(analyze, text, kept, dropped):
    triggers = [e.trigger.text for e in analyze(text).events if e.type == "ASSAULT"]
    assert kept in triggers and dropped not in triggers


def test_crowd_control_is_coercion(analyze):
    found = events_of(analyze, "Police used tear gas and rubber bullets to disperse the crowd.")
    assert [e[0] for e in found] == ["COERCE"]


@pytest.mark.parametrize("text, trigger, type_", [
    ("The United States announced a new $400 million military aid package for Kyiv.", "package", "AID"),
    ("Erdogan held a phone call with Putin on Sunday.", "call", "CONSULT"),
    ("Israeli settlers set fire to Palestinian farmland near Nablus.", "set", "ASSAULT"),
    ("Protesters set fire to tyres in the capital.", "set", "PROTEST"),      # civilians burning tyres riot
    ("The soldiers torched the market.", "torched", "ASSAULT"),
])
def test_aid_packages_calls_and_arson(analyze, text, trigger, type_):
    assert (trigger, type_) in [(e[1], e[0]) for e in events_of(analyze, text)]


@pytest.mark.parametrize("text, absent", [
    # the demand a protest carries is no request of its own (coding-conventions 2)
    ("Thousands of people marched through Yerevan to demand the prime minister's resignation.", "demand"),
    # an attack that "any" names did not happen
    ("Moscow warned that any attack on its territory would be met with a decisive response.", "attack"),
    # the same attack told again without its author, in the next sentence
    ("Al Shabaab militants attacked a military base in Mandera town. Three soldiers were killed.", "killed"),
])
def test_what_is_no_event_of_its_own(analyze, text, absent):
    assert absent not in [e[1] for e in events_of(analyze, text)]


def test_the_group_is_the_organisation_named_last(analyze):
    found = events_of(analyze, "The RSF shelled the city's main market on Saturday. The group denied targeting "
                               "civilians and accused the army of using residents as human shields.")
    assert ("REJECT", "denied", "SDNREB") in [e[:3] for e in found]
    assert ("ACCUSE", "accused", "SDNREB") in [e[:3] for e in found]


def test_a_party_reporting_what_was_done_to_it_does_not_accuse(analyze):
    # coding-conventions 6: "a party reporting what was done to it" is the source of the act
    # (attributed), not an accuser; one who blames another for a third party's loss is
    found = events_of(analyze, "Chinese coast guard ships fired water cannon at a Philippine vessel, "
                               "the Philippine military said.")
    assert "ACCUSE" not in [e[0] for e in found]


@pytest.mark.parametrize("text, trigger, type_", [
    ("Russia launched a barrage of missiles and drones at Ukraine's energy infrastructure.", "launched", "ASSAULT"),
    ("Iran's supreme leader vowed harsh punishment for Israel after the strike.", "vowed", "THREATEN"),
    ("Soldiers and militiamen executed dozens of civilians in the village.", "executed", "ASSAULT"),
])
def test_barrages_vows_of_punishment_and_executions(analyze, text, trigger, type_):
    assert (trigger, type_) in [(e[1], e[0]) for e in events_of(analyze, text)]


def test_executing_a_plan_kills_no_one(analyze):
    assert ("executed", "ASSAULT") not in [(e[1], e[0]) for e in events_of(analyze, "The army executed a plan.")]


def test_a_weapon_acts_for_whoever_launched_it(analyze):
    found = events_of(analyze, "Israel said a misfired rocket launched by Islamic Jihad had hit the hospital.")
    assert ("ASSAULT", "hit", "PSEREB") in [e[:3] for e in found]


def test_summoning_a_charge_d_affaires_is_an_accusation(analyze):
    found = events_of(analyze, "Poland's foreign ministry summoned the Russian charge d'affaires over the incursion.")
    assert ("ACCUSE", "summoned", "POLGOV", "RUSGOV") in found


@pytest.mark.parametrize("text, kept, dropped", [
    # coordinated verbs of one act: the verb with the object tells it
    ("Unidentified gunmen shot and killed a clan elder in Beledweyne town.", "killed", "shot"),
])
def test_coordinated_verbs_of_one_act(analyze, text, kept, dropped):
    triggers = [e.trigger.text for e in analyze(text).events]
    assert kept in triggers and dropped not in triggers


def test_an_operation_against_a_group_is_an_attack(analyze):
    found = events_of(analyze, "Ethiopian federal forces conducted an operation against OLA in Choma.")
    assert ("ASSAULT", "operation", "ETHMIL", "ETHREB") in found


@pytest.mark.parametrize("text, trigger, actor", [
    ("Russian forces pounded the eastern city of Kharkiv with rockets overnight.", "pounded", "RUSMIL"),
    ("Israeli jets targeted Hamas positions in Gaza.", "targeted", "ISRMIL"),
])
def test_pounding_and_targeting_by_forces(analyze, text, trigger, actor):
    assert ("ASSAULT", trigger, actor) in [e[:3] for e in events_of(analyze, text)]


def test_sanctions_that_target_attack_no_one(analyze):
    assert "ASSAULT" not in [e[0] for e in events_of(analyze, "The sanctions targeted Russian banks.")]


@pytest.mark.parametrize("text, trigger, type_", [
    ("A mob lynched two men accused of theft in the town of Tena.", "lynched", "ASSAULT"),
    ("The army took over the state broadcaster on Wednesday.", "took", "COERCE"),
    ("Students blocked the main road in Dhaka.", "blocked", "PROTEST"),   # civilians obstructing: protest (CAMEO 144)
])
def test_lynchings_takeovers_and_blockades(analyze, text, trigger, type_):
    assert (type_, trigger) in [e[:2] for e in events_of(analyze, text)]


def test_a_company_taking_over_a_rival_is_no_coercion(analyze):
    assert not events_of(analyze, "The company took over its rival.")


@pytest.mark.parametrize("text, trigger, type_", [
    ("Thai police charged 14 protest leaders with sedition.", "charged", "ACCUSE"),
    ("India imposed a communications blackout in Kashmir.", "imposed", "COERCE"),
    ("North Korea blew up the inter-Korean liaison office in Kaesong.", "blew", "ASSAULT"),
    ("The president tried to dissolve the legislature.", "dissolve", "COERCE"),
])
def test_charges_blackouts_demolitions_and_dissolutions(analyze, text, trigger, type_):
    assert (type_, trigger) in [e[:2] for e in events_of(analyze, text)]


@pytest.mark.parametrize("text, actor, recipient", [
    # a report that labels another party's act a violation or terrorism accuses that party
    ("The Greek foreign ministry said the Turkish overflights were a flagrant violation of Greek sovereignty.",
     "GRCGOV", "TUR"),
    ("The Kremlin said the drone attack on Moscow was an act of terrorism carried out by Kyiv.", "RUSGOV", "UKRGOV"),
])
def test_a_report_that_labels_an_act_accuses_its_author(analyze, text, actor, recipient):
    assert ("ACCUSE", "said", actor, recipient) in events_of(analyze, text)


def test_in_protest_is_a_motive_not_a_demonstration(analyze):
    found = events_of(analyze, "Jordan recalled its ambassador from Israel in protest at the war in Gaza.")
    assert [e[0] for e in found] == ["SANCTION"]


def test_forces_that_move_are_mobilised(analyze):
    found = events_of(analyze, "Lukashenko said Wagner fighters had moved to Belarus.")
    assert ("MOBILIZE", "moved") in [e[:2] for e in found]


def test_protests_one_died_in_are_protests(analyze):
    # "in protest at" is a motive; "in protests against" names the protests
    found = events_of(analyze, "Eleven people died and dozens were injured in protests against President Nicolas Maduro.")
    assert "PROTEST" in [e[0] for e in found]



@pytest.mark.parametrize("text, trigger, actor, status", [
    # the accused did the act they are accused of, whichever word the parser hangs "of" on
    ("The army accused the rebels of attacking the convoy near Goma.", "attacking", "CODREB", "attributed"),
    ("Ukraine accused Russia of the strike on the Zaporizhzhia plant.", "strike", "RUS", "attributed"),
    ("The army blamed the rebels for the attack on the convoy near Goma.", "attack", "CODREB", "attributed"),
    # the act blamed on someone is theirs, on the word of who blames them
    ("Biden attributed the drone attack to Iran-backed militias.", "attack", "-REB", "attributed"),
])
def test_the_accused_is_the_author_of_the_act_they_are_accused_of(analyze, text, trigger, actor, status):
    (e,) = [e for e in analyze(text).events if e.trigger.text == trigger]
    assert actor in [a.entity.code for a in e.actor]
    assert e.status == status


def test_an_act_told_before_and_then_blamed_is_one_event(analyze):
    text = ("A drone attack killed three US soldiers at a base in Jordan on Sunday. "
            "Biden attributed the attack to Iran-backed militias.")
    assert [e.trigger.text for e in analyze(text).events if e.type == "ASSAULT"] == ["attack"]


@pytest.mark.parametrize("text, trigger, type_", [
    # the hard cases of coding-conventions 5, named as nouns
    ("Iran said Israeli agents carried out the assassination of the nuclear scientist.", "assassination", "ASSAULT"),
    ("Thousands joined a march against the junta in Bamako on Friday.", "march", "PROTEST"),
    ("The riot in the capital left three people dead.", "riot", "PROTEST"),
    ("A three-day curfew began in the capital on Sunday after the clashes.", "curfew", "COERCE"),
    ("The minister's resignation came after days of protests.", "resignation", "RETREAT"),
])
def test_nouns_of_the_hard_cases(analyze, text, trigger, type_):
    assert (type_, trigger) in [(e[0], e[1]) for e in events_of(analyze, text)]


@pytest.mark.parametrize("text, trigger", [
    ("The military seized power in a coup on Wednesday.", "seized"),
    ("Three soldiers were killed in an ambush near the border.", "killed"),
])
def test_an_act_told_by_a_verb_and_the_noun_it_happened_in_is_one_event(analyze, text, trigger):
    found = events_of(analyze, text)
    assert [e[1] for e in found] == [trigger], found


@pytest.mark.parametrize("text, expected", [
    ("Armenian and Azerbaijani forces traded fire along the border overnight.", [("ASSAULT", "traded")]),
    ("Russia and Ukraine traded prisoners on Friday.", [("RETREAT", "traded")]),
    # the other side's act a verb answers is an act of its own; the act one carries out is not
    ("Sudan's army said it repelled an RSF attack on El Fasher.", [("ASSAULT", "repelled"), ("ASSAULT", "attack")]),
    ("Russia launched a massive attack on Kyiv.", [("ASSAULT", "launched")]),
])
def test_traded_fire_and_repelled_attacks(analyze, text, expected):
    assert [(e[0], e[1]) for e in events_of(analyze, text)] == expected


@pytest.mark.parametrize("text, trigger", [
    ("Niger's junta ordered the French ambassador to leave the country within 48 hours.", "ordered"),
    ("India suspended the Indus Waters Treaty with Pakistan.", "suspended"),
])
def test_expelling_envoys_and_suspending_treaties_are_sanctions(analyze, text, trigger):
    assert ("SANCTION", trigger) in [(e[0], e[1]) for e in events_of(analyze, text)]


@pytest.mark.parametrize("text, expected", [
    # the measure a verb eases or lifts stood before: the easing is the event
    ("Israel eased the blockade of Gaza on Sunday.", [("RETREAT", "eased")]),
    ("The government lifted the curfew in the capital.", [("RETREAT", "lifted")]),
])
def test_the_measure_lifted_is_no_new_event(analyze, text, expected):
    assert [(e[0], e[1]) for e in events_of(analyze, text)] == expected


@pytest.mark.parametrize("text, trigger, actor", [
    # a bomb that goes off names no one: the attack is by unknown hands
    ("An IED exploded near a police vehicle in Mandera, injuring three officers.", "exploded", "-UAF"),
    ("Al-Shabaab militants detonated a car bomb near a military convoy outside Afgooye.", "detonated", "SOMREB"),
    # looting is a riot by crowds, an attack by armed men
    ("Gunmen looted the village in Zamfara state before setting it ablaze.", "looted", "NGAUAF"),
])
def test_bombs_that_go_off_and_looting(analyze, text, trigger, actor):
    (e,) = [e for e in analyze(text).events if e.trigger.text == trigger]
    assert e.type == "ASSAULT" and actor in [a.entity.code for a in e.actor]


def test_a_month_is_no_march(analyze):
    found = events_of(analyze, "On 12 March, unidentified gunmen killed a local chief in Kidal town.")
    assert [e[:2] for e in found] == [("ASSAULT", "killed")]


@pytest.mark.parametrize("text, trigger, type_", [
    # giving way: release, easing, demobilising, conceding (coding-conventions 5, PLOVER CONCEDE)
    ("Pakistan freed 200 Indian fishermen on Monday.", "freed", "RETREAT"),
    ("The junta allowed humanitarian access to the besieged town.", "allowed", "RETREAT"),
    ("The government accepted the protesters' demands after a week of strikes.", "accepted", "CONCEDE"),
    ("The militia laid down its arms in a ceremony in Beni.", "laid", "RETREAT"),
    ("The president backed down on the fuel price increase.", "backed", "CONCEDE"),
    ("The army handed over power to a civilian government.", "handed", "CONCEDE"),
])
def test_giving_way(analyze, text, trigger, type_):
    assert (type_, trigger) in [(e[0], e[1]) for e in events_of(analyze, text)]


def test_backing_someone_is_still_support(analyze):
    assert [e[:2] for e in events_of(analyze, "The army backed the president.")] == [("SUPPORT", "backed")]


@pytest.mark.parametrize("text, trigger", [
    ("Kenya volunteered to lead a security mission to Haiti.", "volunteered"),
    ("Iran expressed its willingness to resume nuclear talks with the United States.", "willingness"),
    ("Turkey offered to host peace talks between Russia and Ukraine.", "offered"),
    ("The Venezuelan president accepted an invitation to visit Brasilia.", "accepted"),
])
def test_commitments_are_agreements(analyze, text, trigger):
    assert ("AGREE", trigger) in [(e[0], e[1]) for e in events_of(analyze, text)]


@pytest.mark.parametrize("text", [
    "The company offered its shares to investors.",  # a business offer is no commitment between parties
    "The drills checked the combat readiness of the Russian paratroopers.",  # readiness is no willingness
])
def test_offers_and_readiness_that_are_no_commitment(analyze, text):
    assert "AGREE" not in [e[0] for e in events_of(analyze, text)]


@pytest.mark.parametrize("text, trigger, type_", [
    ("India dispatched relief supplies to earthquake-hit Turkey.", "dispatched", "AID"),
    ("India dispatched troops to the border with China.", "dispatched", "MOBILIZE"),
    ("Japan will provide emergency relief to the flood victims in Pakistan.", "provide", "AID"),
    ("Chinese and Russian bombers conducted a joint air patrol over the Sea of Japan.", "patrol", "MOBILIZE"),
])
def test_relief_sent_and_patrols(analyze, text, trigger, type_):
    assert (type_, trigger) in [(e[0], e[1]) for e in events_of(analyze, text)]


@pytest.mark.parametrize("text, expected", [
    # a labour strike is a protest, and carries its demand (coding-conventions 2)
    ("Dock workers went on strike in Mombasa to demand higher wages.", [("PROTEST", "strike")]),
    ("Lawyers in Islamabad held a hunger strike outside the court.", [("PROTEST", "strike")]),
    ("The opposition staged a walkout from parliament in Nairobi.", [("PROTEST", "walkout")]),
    # an air strike stays an attack
    ("Israel carried out a strike on Gaza on Monday.", [("ASSAULT", "strike")]),
])
def test_labour_strikes_and_walkouts_are_protests(analyze, text, expected):
    assert [(e[0], e[1]) for e in events_of(analyze, text)] == expected


def test_deploring_is_an_accusation(analyze):
    found = events_of(analyze, "The UN chief deplored the killing of aid workers in Gaza.")
    assert ("ACCUSE", "deplored") in [(e[0], e[1]) for e in found]


@pytest.mark.parametrize("text, trigger, actors, recipients", [
    # fighting told as a verb: with, against, or "between" the two sides (a gerund subject)
    ("Sudanese troops fought with RSF fighters in the city for a second day.", "fought", {"SDN"}, {"SDN"}),
    ("Congolese soldiers battled M23 fighters on the outskirts of Goma.", "battled", {"COD"}, {"COD"}),
    ("Fighting between the Sudanese army and the RSF has killed more than 100 civilians since Saturday.",
     "Fighting", {"SDN"}, set()),
    # a side with no country of its own ("the army") is still a side: the place's country
    ("Fighting between the army and the M23 continued in North Kivu on Sunday.", "Fighting", {"COD"}, set()),
    # a nominal attack whose target the parser hangs on the light verb
    ("Sudan's army and the Rapid Support Forces waged strikes on one another's bases in Khartoum on Sunday.",
     "strikes", {"SDN"}, None),
])
def test_fighting_told_as_a_verb_and_strikes_waged(analyze, text, trigger, actors, recipients):
    events = [e for e in analyze(text).events if e.trigger.text == trigger]
    assert events and events[0].type == "ASSAULT", f"no ASSAULT on {trigger!r}"
    assert {a.entity.country for a in events[0].actor} == actors
    if recipients is not None:
        assert {a.entity.country for a in events[0].recipient} == recipients
    if trigger == "Fighting":
        assert {a.entity.sector for a in events[0].actor} == {"MIL", "REB"}, events[0].actor


def test_fighting_without_an_opponent_is_no_attack(analyze):
    # a vow to fight on, with no one fought: no ASSAULT of its own
    assert not [e for e in analyze("Ukrainians will fight to the end.").events if e.type == "ASSAULT"]


@pytest.mark.parametrize("text, trigger, type_", [
    # a population cut off, a crossing shut, a rally broken up: coercion
    ("Ethiopian authorities cut off internet and phone services in the Tigray region.", "cut", "COERCE"),
    ("Egypt shut the Rafah border crossing on Tuesday.", "shut", "COERCE"),
    ("Georgian riot police broke up a rally outside parliament in Tbilisi.", "broke", "COERCE"),
    # an embassy closed is a cut in relations, not a closure of passage
    ("Russia closed its embassy in Kyiv.", "closed", "SANCTION"),
])
def test_closures_and_cut_offs(analyze, text, trigger, type_):
    assert [e for e in analyze(text).events if e.trigger.text == trigger and e.type == type_]


def test_breaking_a_promise_is_no_coercion(analyze):
    assert not [e for e in analyze("The Ethiopian government broke its promise to the Tigrayans.").events
                if e.type == "COERCE"]


def test_a_role_filled_by_a_country_in_apposition_is_that_country(analyze):
    # "Niger's former colonial ruler France": France acts, not Niger's government
    (event,) = [e for e in analyze("Niger's former colonial ruler France and the European Union have already "
                                   "suspended security cooperation and financial aid to the country.").events
                if e.type == "SANCTION"]
    assert {a.entity.country for a in event.actor} == {"FRA", "EU"}


@pytest.mark.parametrize("text, actor, recipient", [
    # a report that calls another party's act illegal is an accusation, like "a flagrant violation"
    ("Beijing said the American sanctions were illegal and unacceptable.", "CHN", "USA"),
    ("Kyiv said the Russian referendums were illegitimate.", "UKR", "RUS"),
    # written for flashpoint in the wording of reports on the Second Thomas Shoal (March 2024): the
    # adverb calls the act illegal as the adjective does
    ("A Chinese coast guard spokesperson said the Philippine vessels had illegally intruded into Chinese waters.",
     "CHN", "PHL"),
])
def test_a_report_that_calls_an_act_illegal_accuses(analyze, text, actor, recipient):
    accusations = [e for e in analyze(text).events if e.type == "ACCUSE"]
    assert accusations
    assert {a.entity.country for a in accusations[0].actor} == {actor}
    assert {a.entity.country for a in accusations[0].recipient} == {recipient}


def test_calling_ones_own_act_legal_accuses_no_one(analyze):
    assert not [e for e in analyze("Russia said its own strikes were legal.").events if e.type == "ACCUSE"]


@pytest.mark.parametrize("text, type_, actor, recipient", [
    # what is agreed on is a measure against a third party: the measure is the event, no agreement
    ("EU foreign ministers agreed to impose new sanctions on Russia on Monday.", "SANCTION", "EU", "RUS"),
    ("ECOWAS leaders agreed to immediate sanctions against Mali.", "SANCTION", "ECOWAS", "MLI"),
])
def test_agreeing_on_a_measure_against_someone_is_the_measure(analyze, text, type_, actor, recipient):
    events = analyze(text).events
    assert not [e for e in events if e.type == "AGREE"]
    (measure,) = [e for e in events if e.type == type_]
    assert {a.entity.country for a in measure.actor} == {actor}
    assert {a.entity.country for a in measure.recipient} == {recipient}


def test_agreeing_to_a_cooperative_act_stays_an_agreement(analyze):
    events = analyze("Israel and Hamas agreed to exchange prisoners.").events
    assert [e for e in events if e.type == "AGREE"]


def test_visiting_the_scene_is_no_meeting(analyze):
    assert not [e for e in analyze("Somalia's president spoke to reporters as he visited the site of the blasts "
                                   "on Sunday morning.").events if e.type == "CONSULT"]
    assert [e for e in analyze("Zelensky visited Washington on Tuesday.").events if e.type == "CONSULT"]


@pytest.mark.parametrize("text, actor, recipient", [
    # punishment promised to another party is a threat
    ("Iran's supreme leader said Israel would be punished for the strike.", "IRN", "ISR"),
    ("Hezbollah said Israel will pay a heavy price for the killing.", "LBN", "ISR"),
])
def test_promised_punishment_is_a_threat(analyze, text, actor, recipient):
    (threat,) = [e for e in analyze(text).events if e.type == "THREATEN"]
    assert {a.entity.country for a in threat.actor} == {actor}
    assert {a.entity.country for a in threat.recipient} == {recipient}


@pytest.mark.parametrize("text", [
    "Israel said it would pay compensation to the families.",   # one's own payment: no threat
    "The minister said Ukrainians had suffered enough.",          # told in the past: no threat
])
def test_payment_and_past_suffering_are_no_threat(analyze, text):
    assert not [e for e in analyze(text).events if e.type == "THREATEN"]


def test_the_plotter_of_a_coup_is_its_author(rules_pipeline):
    # the rules propose the plotted coup with the plotter as its author (detection then decides)
    from flashpoint.readers import article_from_text

    art = rules_pipeline(article_from_text("Venezuela's government said the opposition was plotting a coup.",
                                           source="<test>", published=dt.date(2024, 8, 1), check=False))
    (coup,) = [e for e in art.events if e.trigger.text == "coup"]
    assert {a.entity.code for a in coup.actor} == {"VENOPP"}


def test_the_agency_of_a_dateline_is_no_speaker(analyze):
    # the parser takes "GOMA, ... (AP) —" for the subject of "said": no accusation by the AP, and the
    # capture is attributed to the rebels who announced it
    art = analyze("GOMA, Democratic Republic of Congo (AP) — M23 rebels backed by Rwanda said on Monday they had "
                  "captured Goma, the largest city in eastern Congo.")
    assert not [e for e in art.events if e.type == "ACCUSE"]
    (captured,) = [e for e in art.events if e.trigger.text == "captured"]
    assert captured.status == "attributed"
    assert {a.entity.code for a in captured.attributed_to} == {"CODREB"}


@pytest.mark.parametrize("text, trigger, type_, actor, recipient", [
    # coding-conventions 5, hard cases
    ("The United States designated the Houthis as a terrorist organisation.", "designated", "SANCTION", "USA", "YEM"),
    ("Israel's air defences intercepted most of the Iranian drones and missiles.", "intercepted", "ASSAULT", "ISR", "IRN"),
    ("North Korea tested a ballistic missile on Thursday.", "tested", "MOBILIZE", "PRK", None),
    ("Taiwan held live-fire drills off its coast.", "drills", "MOBILIZE", "TWN", None),
    ("Israel ordered residents of southern Lebanon to leave their homes ahead of strikes.", "ordered", "REQUEST",
     "ISR", "LBN"),
    ("Israel ordered the evacuation of 1.1 million people from northern Gaza.", "ordered", "REQUEST", "ISR", "PSE"),
    ("Ethiopia declared war on the Tigrayan forces.", "declared", "THREATEN", "ETH", None),
])
def test_designations_interceptions_tests_evacuation_orders_and_war(analyze, text, trigger, type_, actor, recipient):
    (event,) = [e for e in analyze(text).events if e.trigger.text == trigger]
    assert event.type == type_
    assert {a.entity.country for a in event.actor} == {actor}
    if recipient is not None:
        assert {a.entity.country for a in event.recipient} == {recipient}


@pytest.mark.parametrize("text", [
    "The company tested a new software update on Thursday.",     # a test of no weapon
    "Oil firms are drilling off the coast of Guyana.",            # drilling for oil
    "The minister designated a new envoy to the talks.",          # a designation that labels no one
])
def test_tests_drilling_and_designations_of_no_weapon_or_enemy(analyze, text):
    assert not [e for e in analyze(text).events if e.type in ("MOBILIZE", "SANCTION")]


@pytest.mark.parametrize("text, trigger, type_", [
    # suspending institutions and the press is coercion; dismissing one's minister rejects nothing
    ("The Tunisian president suspended parliament and dismissed the prime minister.", "suspended", "COERCE"),
    ("The government of Burkina Faso suspended the broadcasts of French outlets.", "suspended", "COERCE"),
    ("The junta in Niger suspended the constitution.", "suspended", "COERCE"),
])
def test_suspending_parliament_the_constitution_or_broadcasts(analyze, text, trigger, type_):
    events = analyze(text).events
    assert [e for e in events if e.trigger.text == trigger and e.type == type_]
    assert not [e for e in events if e.trigger.text == "dismissed"]


def test_dismissing_accusations_is_still_a_rejection(analyze):
    assert [e for e in analyze("Russia dismissed the accusations as lies.").events if e.type == "REJECT"]


@pytest.mark.parametrize("text, called", [
    ('Prime Minister Shehbaz Sharif of Pakistan called the strikes an "act of war".', True),
    ("Pakistan called the strikes a blatant act of war.", True),
    # a name one gives one's own act condemns no one
    ('Azerbaijan launched what it called "anti-terrorist activities" in Nagorno-Karabakh on Tuesday.', False),
])
def test_calling_an_act_an_act_of_war_condemns_it(analyze, text, called):
    found = [e for e in analyze(text).events if e.trigger.text == "called" and e.type == "ACCUSE"]
    assert bool(found) == called


def test_what_a_state_calls_its_operation_is_the_thing_it_launched(analyze):
    (launch,) = [e for e in analyze("Russia launched what it calls a special military operation in "
                                    "February 2022.").events if e.trigger.text == "launched"]
    assert launch.type == "ASSAULT"
    assert [a.entity.country for a in launch.actor] == ["RUS"]


def test_both_countries_are_the_two_sides_not_the_one_who_addresses_them(analyze):
    events = analyze("Indian and Pakistani troops exchanged heavy fire along the Line of Control overnight. "
                     "China urged both countries to exercise restraint.").events
    (urge,) = [e for e in events if e.trigger.text == "urged"]
    assert {a.entity.country for a in urge.recipient} == {"IND", "PAK"}


def test_the_target_of_an_act_the_strike_came_after_is_not_its_target(analyze):
    (strike,) = [e for e in analyze(
        "India said it struck nine sites in Pakistan and Pakistan-administered Kashmir early on Wednesday, "
        "two weeks after a deadly attack on Hindu tourists in Indian Kashmir.").events if e.trigger.text == "struck"]
    assert "PAK" in {a.entity.country for a in strike.recipient}
    assert not [a for a in strike.recipient if a.span is not None and a.span.text == "Hindu tourists"]


def test_whom_a_second_act_is_on_is_not_the_first_act_s_target(analyze):
    events = analyze("Haiti's transitional presidential council condemned the attack and urged residents "
                     "to cooperate with the police.").events
    (condemn,) = [e for e in events if e.trigger.text == "condemned"]
    assert condemn.type == "ACCUSE" and not condemn.recipient
    (urge,) = [e for e in events if e.trigger.text == "urged"]
    assert [a.entity.code for a in urge.recipient] == ["HTICVL"]


def test_rights_groups_are_ngos(analyze):
    (accuse,) = [e for e in analyze("Human rights groups accused the police of carrying out extrajudicial "
                                    "killings of suspected gang members.").events if e.type == "ACCUSE"]
    assert [a.entity.sector for a in accuse.actor] == ["NGO"]


@pytest.mark.parametrize("text, actor, recipient", [
    ("ECOWAS imposed sanctions on Mali this month.", "ECOWAS", "MLI"),
    ("The regional bloc ECOWAS imposed sanctions on Niger, closing borders and freezing the country's assets.",
     "ECOWAS", "NER"),
])
def test_an_all_capital_name_is_read_as_a_name(analyze, text, actor, recipient):
    # the small model tags "ECOWAS" as a verb (VBG) unless it sees the shape of a name
    (sanction,) = [e for e in analyze(text).events if e.type == "SANCTION" and e.trigger.text == "imposed"]
    assert [a.entity.country for a in sanction.actor] == [actor]
    assert [a.entity.country for a in sanction.recipient] == [recipient]


@pytest.mark.parametrize("text", [
    "Police stepped up security in the capital after the attack.",
    "Authorities heightened security around government buildings in Bamako.",
])
def test_raising_security_is_a_mobilisation(analyze, text):
    assert [e for e in analyze(text).events if e.type == "MOBILIZE"]


def test_a_dateline_s_agency_is_no_target(analyze):
    events = analyze("BOGOTA (AP) — ELN fighters attacked villages in the Catatumbo region of Colombia, "
                     "killing 80 people.").events
    (attack,) = [e for e in events if e.trigger.text == "attacked"]
    assert "JRN" not in {a.entity.sector for a in attack.recipient}
    assert {a.entity.country for a in attack.recipient} <= {"COL"}


#: Sentences the parser misreads, and what the coder must still find in them: (text, trigger, type,
#: actor codes, recipient countries or None for any, status or None for any).
MISREAD = [
    # "jets were deployed ..., hitting ...": the jets hit, their side is the attacker
    ("Six Thai F-16 fighter jets were deployed on Thursday morning from Ubon Ratchathani province, hitting "
     "two Cambodian military targets on the ground.", "hitting", "ASSAULT", ["THAMIL"], ["KHM"], None),
    # "accused" parsed as a conjunct of "involved": a finite verb with an object is the speaker's
    ("Armenia's Prime Minister Nikol Pashinyan said his country was not involved in the fighting and accused "
     "Azerbaijan of seeking to drag Armenia into hostilities.", "accused", "ACCUSE", ["ARMGOV"], ["AZE"], None),
    # "called" cannot follow the reported progressive "is spreading"; it follows "has"
    ("The United Nations has warned that famine is spreading across Darfur and called for an immediate "
     "ceasefire.", "called", "REQUEST", ["UN"], None, None),
    # "called" parsed as a participle of "Russia" (the ROOT)
    ("Azerbaijan shelled Armenian positions. Russia, which has peacekeepers in the region, called on both sides "
     "to stop the bloodshed.", "called", "REQUEST", ["RUS"], ["ARM", "AZE"], None),
    ("Danish special forces were forced to withdraw from Mali last week.", "withdraw", "RETREAT", ["DNKMIL"],
     None, None),
    ("Lebanon's health ministry said three people were killed in the Israeli strikes on Tyre.", "killed",
     "ASSAULT", ["ISR"], None, None),
    # the dateline joined to the subject, and the dateline as a second subject
    ("DOHA, Qatar (Reuters) - Israel and Hamas agreed on Wednesday to a ceasefire and the release of hostages, "
     "Qatar's prime minister announced.", "agreed", "AGREE", ["ISR", "PSEREB"], None, None),
    ("GOMA, Congo (AP) — M23 rebels backed by Rwanda seized the airport in Goma on Tuesday and clashed with "
     "Congolese troops in the city centre, residents said.", "seized", "COERCE", ["CODREB"], None, None),
    # "blamed" parsed as a conjunct of "supporting": neither denied nor of Congo-Brazzaville
    ("Rwanda denied supporting the rebels and blamed Congo for the fighting.", "blamed", "ACCUSE", ["RWA"],
     ["COD"], "asserted"),
    # hostages belong to their nation, not to the prisoners released in the next clause
    ("Under the deal, Hamas will free 33 Israeli hostages in a first phase, and Israel will release hundreds of "
     "Palestinian prisoners.", "free", "RETREAT", ["PSEREB"], ["ISR"], None),
]


@pytest.mark.parametrize("text, trigger, type_, actor, recipient, status", MISREAD)
def test_what_a_misread_sentence_still_says(analyze, text, trigger, type_, actor, recipient, status):
    (event,) = [e for e in analyze(text).events if e.trigger.text == trigger]
    assert event.type == type_
    assert sorted(a.entity.code for a in event.actor) == sorted(actor)
    if recipient is not None:
        assert sorted(a.entity.country for a in event.recipient) == sorted(recipient)
    if status is not None:
        assert event.status == status


@pytest.mark.parametrize("sentence, trigger, type_, recipient", [
    # a memorandum suspended is an agreement suspended: a sanction on the other party
    ("Congo's government suspended all memorandums of understanding and agreements with Rwanda.",
     "suspended", "SANCTION", "RWA"),
    ("Niger's junta suspended cooperation with France.", "suspended", "SANCTION", "FRA"),
])
def test_suspending_agreements_and_cooperation_sanctions(analyze, sentence, trigger, type_, recipient):
    art = analyze(sentence)
    (event,) = [e for e in art.events if e.trigger.text == trigger]
    assert event.type == type_ and recipient in {a.entity.country for a in event.recipient}


def test_a_vow_to_avenge_is_a_threat(analyze):
    art = analyze("Hezbollah fired more than 200 rockets at northern Israel on Thursday. "
                  "The group vowed to avenge his death.")
    (vow,) = [e for e in art.events if e.trigger.text == "vowed"]
    assert vow.type == "THREATEN" and [a.entity.country for a in vow.actor] == ["LBN"]


@pytest.mark.parametrize("sentence, recipient", [
    ("Israel accepted the U.S. proposal for a truce.", "USA"),
    ("Hamas accepted the Egyptian ceasefire proposal.", "EGY"),
])
def test_an_accepted_proposal_is_its_author_s(analyze, sentence, recipient):
    art = analyze(sentence)
    (event,) = [e for e in art.events if e.trigger.text == "accepted"]
    assert event.type == "AGREE" and [a.entity.country for a in event.recipient] == [recipient]


def test_those_released_are_not_who_releases_them(analyze):
    art = analyze("Qatar's foreign ministry said 10 Thai nationals and a Filipino were also released under a "
                  "separate deal with Thailand.")
    assert not [e for e in art.events if e.trigger.text == "released" and
                {a.entity.country for a in e.actor} & {"THA", "PHL"}]
    art = analyze("Russian troops were withdrawn from Kherson.")
    (withdrawal,) = [e for e in art.events if e.trigger.text == "withdrawn"]
    assert [a.entity.country for a in withdrawal.actor] == ["RUS"]


def test_prosecutors_and_courts_act_where_they_are(analyze):
    art = analyze("Gunmen opened fire in a bar in Irapuato, Mexico, killing 12 people. "
                  "Prosecutors said they had arrested two suspects.")
    (arrest,) = [e for e in art.events if e.trigger.text == "arrested"]
    assert arrest.type == "COERCE" and {a.entity.sector for a in arrest.actor} == {"JUD"}
    assert {a.entity.country for a in arrest.actor} == {"MEX"}


def test_a_swap_s_two_releases_keep_their_own_captives_and_mediators_are_no_party(analyze):
    art = analyze("Hamas freed 24 hostages held in Gaza on Friday, including 13 Israelis, and Israel released "
                  "39 Palestinian prisoners from its jails, on the first day of a four-day truce brokered by "
                  "Qatar and Egypt.")
    (freed,) = [e for e in art.events if e.trigger.text == "freed"]
    assert "PSE" not in {a.entity.country for a in freed.recipient}, freed.recipient
    assert not [e for e in art.events if e.trigger.text == "truce" and
                {a.entity.country for a in e.actor} & {"QAT", "EGY"}]


@pytest.mark.parametrize("sentence, trigger, type_", [
    ("The Malian armed forces said they had neutralised several of the attackers.", "neutralised", "ASSAULT"),
    ("Chinese coast guard personnel boarded two Philippine navy boats.", "boarded", "COERCE"),
])
def test_military_euphemisms_and_boardings(analyze, sentence, trigger, type_):
    art = analyze(sentence)
    (event,) = [e for e in art.events if e.trigger.text == trigger]
    assert event.type == type_


def test_a_name_its_apposition_calls_a_group_is_an_armed_group_of_the_place(analyze):
    art = analyze("Suspected jihadists killed 132 civilians in central Mali over the weekend, the government said "
                  "on Monday, blaming the Katiba Macina, an Al-Qaeda-linked group.")
    (blame,) = [e for e in art.events if e.trigger.text == "blaming"]
    assert [(a.entity.country, a.entity.sector) for a in blame.recipient] == [("MLI", "REB")]


def test_what_the_attacker_describes_as_its_target_is_no_accusation(analyze):
    art = analyze("U.S. forces struck what they described as Houthi launch sites near Hodeidah.")
    assert not [e for e in art.events if e.trigger.text == "described"]
    art = analyze("Turkey described the Israeli raid as a massacre.")
    (described,) = [e for e in art.events if e.trigger.text == "described"]
    assert described.type == "ACCUSE"


def test_each_side_blaming_the_other_is_both_sides_blaming(analyze):
    art = analyze("A Chinese coast guard ship and a Philippine supply vessel collided near the disputed Second "
                  "Thomas Shoal on Monday, and each side blamed the other.")
    (blame,) = [e for e in art.events if e.trigger.text == "blamed"]
    assert blame.type == "ACCUSE" and {a.entity.country for a in blame.actor} == {"CHN", "PHL"}


def test_a_group_called_by_a_name_claims_as_an_armed_group(analyze):
    art = analyze("Gunmen attacked a bus near Pahalgam in India on Tuesday. A group known as the Kashmir "
                  "Resistance claimed the attack.")
    claimed = [e for e in art.events if e.trigger.text == "attack"]
    assert claimed and {(a.entity.sector, a.entity.name) for a in claimed[0].actor} == {("REB", "Kashmir Resistance")}


def test_the_one_said_to_be_behind_an_attack_is_its_author(analyze):
    article = analyze("Kenyan police said al Shabaab was behind the bombing of the bus.", published=dt.date(2024, 1, 10))
    (bombing,) = [e for e in article.events if e.trigger.text == "bombing"]
    assert [a.entity.code for a in bombing.actor] == ["SOMREB"]
