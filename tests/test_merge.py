"""Event coreference across articles: synthetic corpora where the right clustering is known,
stable ids, disagreements side by side, ``events --merged`` and ``eval merge``."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from flashpoint.cli import main
from flashpoint.escalation import synthetic
from flashpoint.escalation.build import open_merged, rebuild
from flashpoint.escalation.merge import Merger, Report
from flashpoint.escalation.queries import merged_events
from flashpoint.store import Store


@pytest.fixture(scope="module")
def crisis_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("merge") / "crisis.duckdb"
    with Store(db) as store:
        synthetic.write(store, synthetic.border_crisis())
    return db


@pytest.fixture(scope="module")
def merged(crisis_db):
    store = open_merged(crisis_db)
    try:
        yield merged_events(store.con)
    finally:
        store.close()


def _with_report(merged, article_id, event_no):
    key = f"{article_id}:e{event_no}"
    hits = [m for m in merged if any(r["event_id"] == key for r in m["reports"])]
    assert len(hits) == 1, key
    return hits[0]


def test_the_drill_is_one_event_with_all_its_reports(merged):
    drill = _with_report(merged, "trt-drill", 1)
    assert {(r["article_id"], r["event_id"]) for r in drill["reports"]} == {
        ("trt-drill", "trt-drill:e1"), ("trt-drill", "trt-drill:e3"), ("ria-drill", "ria-drill:e1"),
        ("wsws-drill", "wsws-drill:e1"), ("rferl-drill", "rferl-drill:e1")}
    assert drill["outlets"] == ["RFE/RL", "RIA Novosti", "TRT World", "WSWS"]
    assert drill["corroboration"] == 4
    assert drill["date"] == {"start": "2021-11-12", "end": "2021-11-12"}
    assert drill["place"]["name"] == "Grodno"  # the precise place, not the country of one report
    assert (drill["first_report"], drill["last_report"]) == ("2021-11-12", "2021-11-15")
    size = next(d for d in drill["disagreements"] if d["field"] == "quantity")
    assert [(v["value"], v["outlets"]) for v in size["values"]] == [("250", ["TRT World"]), ("300", ["RIA Novosti"])]


def test_distinct_happenings_of_the_same_kind_stay_apart(merged):
    drill = _with_report(merged, "trt-drill", 1)
    bombers = _with_report(merged, "trt-drill", 2)  # same type, actor, place and article; days before
    massing = _with_report(merged, "pap-moves", 2)  # Belarusian troops, a day before, other words
    assert len({drill["id"], bombers["id"], massing["id"]}) == 3
    assert [r["event_id"] for r in bombers["reports"]] == ["trt-drill:e2"]
    assert [r["event_id"] for r in massing["reports"]] == ["pap-moves:e2"]


def test_uk_deployment_is_one_event_showing_its_size_disagreement(merged):
    uk = _with_report(merged, "lbc-uk", 1)
    assert sorted(r["article_id"] for r in uk["reports"]) == ["lbc-uk", "wsws-drill"]
    size = next(d for d in uk["disagreements"] if d["field"] == "quantity")
    assert [(v["value"], v["outlets"]) for v in size["values"]] == [("10", ["LBC"]), ("100", ["WSWS"])]
    place = next(d for d in uk["disagreements"] if d["field"] == "place")
    assert {v["value"] for v in place["values"]} == {"Poland", "Polish-Belarusian border"}


def test_a_denial_sits_beside_the_claim(merged):
    claim = _with_report(merged, "rferl-drill", 2)
    assert claim is _with_report(merged, "rferl-drill", 3)
    status = next(d for d in claim["disagreements"] if d["field"] == "status")
    assert [v["value"] for v in status["values"]] == ["attributed", "denied"]
    assert claim["status"] == "attributed"


def test_ids_are_stable_across_reingest_and_order(tmp_path, merged):
    articles = synthetic.border_crisis()
    db = tmp_path / "again.duckdb"
    with Store(db) as store:
        synthetic.write(store, list(reversed(articles)))
        rebuild(store)
        again = merged_events(store.con)
        synthetic.write(store, articles)  # unchanged: nothing rewritten
        rebuild(store)
        third = merged_events(store.con)
    key = lambda ms: {m["id"]: sorted(r["event_id"] for r in m["reports"]) for m in ms}  # noqa: E731
    assert key(again) == key(merged) == key(third)


def test_two_events_of_one_article_merge_only_when_told_alike():
    a = synthetic.article("cnn", "CNN", "2021-11-11", [
        {"type": "MOBILIZE", "actor": "UKRMIL", "place": "Polish-Belarusian border",
         "evidence": "Ukraine will move 8,500 soldiers and police officers to its border with Belarus."},
        {"type": "MOBILIZE", "actor": "UKRGOV", "place": "Polish-Belarusian border",
         "evidence": "Kyiv will spend 560 million euros on fortifications."},
        {"type": "MOBILIZE", "actor": "UKRMIL", "place": "Polish-Belarusian border",
         "evidence": "Some 8,500 soldiers and police officers will move to the border."}])
    reports = [Report.from_row(dict(zip(_NAMES, Store._event_row(a, i, e)))) for i, e in enumerate(a.events)]
    clusters = Merger().cluster(reports)
    assert sorted(sorted(r.event_id for r in c.reports) for c in clusters) == [
        ["cnn:e1", "cnn:e3"], ["cnn:e2"]]


def test_background_does_not_merge_with_news():
    old = synthetic.article("a", "A", "2021-11-12", [
        {"type": "ASSAULT", "actor": "RUSMIL", "recipient": "UKR", "historical": True, "place": "Donbas",
         "evidence": "Russian forces attacked Ukrainian positions in the Donbas."}])
    new = synthetic.article("b", "B", "2021-11-12", [
        {"type": "ASSAULT", "actor": "RUSMIL", "recipient": "UKR", "place": "Donbas",
         "evidence": "Russian forces attacked Ukrainian positions in the Donbas."}])
    reports = [Report.from_row(dict(zip(_NAMES, Store._event_row(x, 0, x.events[0])))) for x in (old, new)]
    assert len(Merger().cluster(reports)) == 2


_NAMES = ["article_id", "event_id", "idx", "type", "mode", "actor", "recipient", "actor_countries",
          "recipient_countries", "status", "attributed_to", "modality", "date_start", "date_end", "historical",
          "place", "lat", "lon", "place_countries", "cameo", "quad_class", "goldstein", "plover_score", "weight",
          "published", "outlet", "sentence", "trigger_start", "trigger_end", "trigger", "evidence", "record"]


def test_events_merged_json(crisis_db):
    result = CliRunner().invoke(main, ["events", "--merged", "--db", str(crisis_db), "--format", "json",
                                       "--type", "AID"])
    assert result.exit_code == 0, result.output
    (uk,) = json.loads(result.output)
    assert (uk["type"], uk["actor"], uk["recipient"]) == ("AID", "GBRMIL", "POLGOV")
    assert uk["date"]["start"] == "2021-11-11"
    assert uk["place"]["name"] == "Polish-Belarusian border" and uk["place"]["lat"] == 52.59
    assert uk["outlets"] == ["LBC", "WSWS"]
    assert {(r["article_id"], r["outlet"]) for r in uk["reports"]} == {("lbc-uk", "LBC"), ("wsws-drill", "WSWS")}
    assert all(r["evidence"] for r in uk["reports"])


def test_events_merged_table_and_csv(crisis_db):
    table = CliRunner().invoke(main, ["events", "--merged", "--db", str(crisis_db), "--actor", "GBR"])
    assert table.exit_code == 0 and "2/2" in table.output and "quantity" in table.output
    csv = CliRunner().invoke(main, ["events", "--merged", "--db", str(crisis_db), "--format", "csv",
                                    "--type", "MOBILIZE", "--since", "2021-11-12", "--until", "2021-11-12"])
    lines = csv.output.strip().splitlines()
    assert lines[0].startswith("id,type,mode,actor,recipient,date_start")
    assert any("RUSMIL+BLRMIL" in line and ",5,4," in line for line in lines[1:])


def _gold(path, doc_id, published, outlet, events):
    path.write_text(json.dumps({"id": doc_id, "published": published, "outlet": outlet, "text": "...",
                                "events": events}))
    return str(path)


def _ev(eid, type_, actor, evidence, *, date=None, place=None, recipient=(), note=""):
    return {"id": eid, "type": type_, "evidence": evidence, "actor": [{"country": c} for c in actor],
            "recipient": [{"country": c} for c in recipient], "date": date, "place": place, "note": note,
            "status": "asserted", "modality": "actual"}


def test_eval_merge_on_hand_made_gold(tmp_path):
    grodno = {"name": "Grodno", "lat": 53.68, "lon": 23.83, "countries": ["BLR"]}
    day = {"start": "2021-11-12", "end": "2021-11-12"}
    a = _gold(tmp_path / "a.gold.json", "a", "2021-11-12", "A", [
        _ev("e01", "MOBILIZE", ["RUS"], "Russian paratroopers held drills near Grodno", date=day, place=grodno),
        _ev("e02", "MOBILIZE", ["RUS"], "the paratroopers held drills", date=day, place=grodno, note="repeats e01"),
        _ev("e03", "SANCTION", ["EU"], "the EU imposed sanctions", recipient=["BLR"])])
    b = _gold(tmp_path / "b.gold.json", "b", "2021-11-13", "B", [
        _ev("e01", "MOBILIZE", ["RUS", "BLR"], "joint paratrooper drills were held", date=day, place=grodno),
        _ev("e02", "ACCUSE", ["POL"], "Poland blamed Minsk", recipient=["BLR"])])
    result = CliRunner().invoke(main, ["eval", "merge", "--oracle", "--json", a, b])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    # gold: a.e01 ~ a.e02 (note), a.e01 ~ b.e01 and a.e02 ~ b.e01 (type, actor, date, place): 3 pairs
    assert (report["pairs_same"], report["pairs_together"], report["pairs_both"]) == (3, 3, 3)
    assert report["precision"] == report["recall"] == 1.0
    assert report["clusters"] == 3


def test_eval_merge_scores_pipeline_reports_through_the_gold_matching(tmp_path):
    """Pipeline mode: reports are matched to gold events by the event scorer, then paired."""
    from flashpoint.escalation.evaluate import score_merge
    from flashpoint.eval.gold import load_gold
    from flashpoint.model import Sentence

    grodno = {"name": "Grodno", "lat": 53.68, "lon": 23.83, "countries": ["BLR"]}
    day = {"start": "2021-11-12", "end": "2021-11-12"}
    texts = {"a": "Russian paratroopers held drills near Grodno on Friday.\nThe EU imposed sanctions on Minsk.",
             "b": "Joint paratrooper drills were held near Grodno on Friday."}
    paths = []
    for doc_id, events in (("a", [_ev("e01", "MOBILIZE", ["RUS"], "paratroopers held drills near Grodno",
                                      date=day, place=grodno),
                                  _ev("e02", "SANCTION", ["EU"], "The EU imposed sanctions", recipient=["BLR"])]),
                           ("b", [_ev("e01", "MOBILIZE", ["RUS"], "paratrooper drills were held", date=day,
                                      place=grodno)])):
        path = tmp_path / f"{doc_id}.gold.json"
        path.write_text(json.dumps({"id": doc_id, "published": "2021-11-13", "outlet": doc_id.upper(),
                                    "text": texts[doc_id], "events": events}))
        paths.append(path)
    specs = {"a": [{"type": "MOBILIZE", "actor": "RUSMIL", "date": "2021-11-12", "place": "Grodno"},
                   {"type": "SANCTION", "actor": "EU", "recipient": "BLRGOV"}],
             "b": [{"type": "MOBILIZE", "actor": "RUSMIL+BLRMIL", "date": "2021-11-12", "place": "Grodno"}]}

    def fake_pipeline(article):
        lines = article.text.split("\n")
        pos = 0
        for i, line in enumerate(lines):
            article.sentences.append(Sentence(i, pos, pos + len(line), line))
            pos += len(line) + 1
        article.events = [synthetic.event(dict(spec, evidence=lines[i]), sentence=i, offset=article.sentences[i].start)
                          for i, spec in enumerate(specs[article.id])]
        return article

    report = score_merge([load_gold(p) for p in paths], pipeline=fake_pipeline)
    assert (report["predicted"], report["matched_reports"], report["clusters"]) == (3, 3, 2)
    assert (report["pairs_same"], report["pairs_together"], report["precision"], report["recall"]) == (1, 1, 1.0, 1.0)


def test_new_articles_are_merged_in_without_a_rebuild(tmp_path, monkeypatch):
    import flashpoint.escalation.build as build

    calls = {"rebuild": 0, "update": []}
    original_rebuild, original_update = build.rebuild, build.update
    monkeypatch.setattr(build, "rebuild", lambda store: calls.__setitem__("rebuild", calls["rebuild"] + 1)
                        or original_rebuild(store))
    monkeypatch.setattr(build, "update", lambda store: calls["update"].append(original_update(store))
                        or calls["update"][-1])
    db = tmp_path / "grow.duckdb"
    arts = synthetic.border_crisis()
    with Store(db) as store:
        synthetic.write(store, arts[:-1])
    count = lambda s: s.con.execute("SELECT count(*) FROM merged_events").fetchone()[0]  # noqa: E731
    with build.open_merged(db) as store:
        n = count(store)
    with build.open_merged(db) as store:
        assert count(store) == n
    with Store(db) as store:
        synthetic.write(store, arts[:-1])  # re-ingesting the same articles changes nothing
    with build.open_merged(db) as store:
        assert count(store) == n
    assert (calls["rebuild"], calls["update"]) == (1, [])
    with Store(db) as store:
        synthetic.write(store, arts[-1:])  # the Sputnik article: two new Black Sea events
    with build.open_merged(db) as store:
        assert count(store) == n + 2
    assert calls["rebuild"] == 1
    assert calls["update"][0]["articles"] == 1 and calls["update"][0]["reports"] < 10  # not a pass over all


def _keyed(ms):
    return sorted((m["id"], tuple(sorted(r["event_id"] for r in m["reports"]))) for m in ms)


def _full(tmp_path, articles):
    with Store(tmp_path / "full.duckdb") as store:
        synthetic.write(store, articles)
        rebuild(store)
        return merged_events(store.con)


def test_incremental_merge_gives_what_a_full_rebuild_gives(tmp_path):
    import random

    from flashpoint.escalation.build import update

    articles = synthetic.border_crisis()
    order = articles[:]
    random.Random(7).shuffle(order)  # the crisis week's reports arrive in several ingests, out of order
    db = tmp_path / "inc.duckdb"
    with Store(db) as store:
        synthetic.write(store, order[:8])
        rebuild(store)
        for k in (12, 16, len(order)):
            synthetic.write(store, order[:k])
            update(store)
        incremental = merged_events(store.con)
        fps = store.con.execute("SELECT name FROM flashpoints ORDER BY name").fetchall()
    full = _full(tmp_path, articles)
    assert _keyed(incremental) == _keyed(full)
    drill = _with_report(incremental, "trt-drill", 1)
    assert len(drill["reports"]) == 5
    assert [f for (f,) in fps] == ["Black Sea", "Polish-Belarusian border"]


def test_a_replaced_article_leaves_its_events_and_the_rest_regroup(tmp_path):
    from flashpoint.escalation.build import update

    articles = synthetic.border_crisis()
    db = tmp_path / "inc.duckdb"
    with Store(db) as store:
        synthetic.write(store, articles)
        rebuild(store)
        drill_id = _with_report(merged_events(store.con), "trt-drill", 1)["id"]
        # TRT's article is corrected: its drill report is gone, the bombers' stay
        trt = next(a for a in articles if a.id == "trt-drill")
        fixed = synthetic.article("trt-drill", "TRT World", "2021-11-12", [
            {"type": "MOBILIZE", "actor": "RUSMIL", "date": "2021-11-09/2021-11-11", "place": "Grodno",
             "evidence": "Russian strategic bombers patrolled Belarusian airspace for a third day."}])
        assert store.write_article(fixed) == "replaced"
        counts = update(store)
        incremental = merged_events(store.con)
    assert counts["articles"] == 1
    full = _full(tmp_path, [fixed if a is trt else a for a in articles])
    assert _keyed(incremental) == _keyed(full)
    drill = _with_report(incremental, "ria-drill", 1)
    assert {r["article_id"] for r in drill["reports"]} == {"ria-drill", "wsws-drill", "rferl-drill"}
    assert drill["id"] == drill_id  # named after its earliest report (RFE/RL's), which stayed
    assert not any(r["event_id"] == "trt-drill:e3" for m in incremental for r in m["reports"])


def _reports(*articles):
    return [Report.from_row(dict(zip(_NAMES, Store._event_row(a, i, e))))
            for a in articles for i, e in enumerate(a.events)]


def _groups(clusters):
    return sorted(sorted(r.event_id for r in c.reports) for c in clusters)


RUSSIA = {"name": "Russia", "kind": "country", "lat": 60.0, "lon": 100.0, "countries": ["RUS"]}


def test_an_articles_lead_and_detail_of_one_dyad_merge_but_not_its_other_deployments():
    trt = synthetic.article("trt", "TRT World", "2021-11-12", [
        {"type": "MOBILIZE", "mode": "troops", "actor": "RUS", "recipient": "BLR", "place": "Belarus",
         "evidence": "Russia has sent paratroopers to Belarus in a show of support for its ally."},
        {"type": "MOBILIZE", "mode": "troops", "actor": "RUSMIL", "recipient": "BLR", "date": "2021-11-12",
         "place": "Grodno", "quantities": [(250, "Russian paratroopers")],
         "evidence": "About 250 Russian paratroopers parachuted into the Grodno region during joint war games."},
        {"type": "MOBILIZE", "mode": "weapons", "actor": "RUS", "place": "Belarus", "date": "2021-11-08/2021-11-11",
         "evidence": "Earlier this week Russia sent nuclear-capable bombers on patrols over Belarus."}])
    assert _groups(Merger().cluster(_reports(trt))) == [["trt:e1", "trt:e2"], ["trt:e3"]]


def test_a_joint_drill_credited_to_either_partner_is_one_event():
    trt = synthetic.article("trt", "TRT World", "2021-11-12", [
        {"type": "MOBILIZE", "mode": "troops", "actor": "RUSMIL", "recipient": "BLR", "date": "2021-11-12",
         "place": "Grodno", "evidence": "About 250 Russian paratroopers parachuted into Belarus during joint war games."}])
    wsws = synthetic.article("wsws", "WSWS", "2021-11-15", [
        {"type": "MOBILIZE", "mode": "troops", "actor": "BLR", "date": "2021-11-12", "place": RUSSIA,
         "evidence": "Moscow answered with a joint Russian-Belarusian paratrooper exercise on Friday."}])
    rferl = synthetic.article("rferl", "RFE/RL", "2021-11-12", [
        {"type": "MOBILIZE", "mode": "troops", "actor": "BLR", "place": RUSSIA,
         "evidence": "Tensions rose further with surprise joint drills by Russian and Belarusian paratroopers."}])
    # Ukraine's own drills the same week name neither partner: they stay apart
    cnn = synthetic.article("cnn", "CNN", "2021-11-11", [
        {"type": "MOBILIZE", "mode": "troops", "actor": "UKR", "date": "2021-11-11",
         "place": {"name": "Belarus-Ukraine border", "kind": "border", "lat": 51.6, "lon": 28.1,
                   "countries": ["BLR", "UKR"]},
         "evidence": "Ukraine will hold military drills in a region bordering Belarus."}])
    assert _groups(Merger().cluster(_reports(trt, wsws, rferl, cnn))) == [
        ["cnn:e1"], ["rferl:e1", "trt:e1", "wsws:e1"]]


def test_the_same_size_told_by_two_outlets_a_day_apart_is_one_report():
    kyiv = synthetic.article("kyiv", "Kyiv Independent", "2021-11-14", [
        {"type": "MOBILIZE", "mode": "troops", "actor": "GBRMIL", "recipient": "UKR", "date": "2021-11-13",
         "modality": "hypothetical", "place": {"name": "Ukraine", "kind": "country", "lat": 49.0, "lon": 32.0,
                                               "countries": ["UKR"]},
         "quantities": [(600, "troops")],
         "evidence": "Six hundred elite British special forces could be sent to Ukraine, a tabloid reported."}])
    wsws = synthetic.article("wsws", "WSWS", "2021-11-15", [
        {"type": "MOBILIZE", "mode": "troops", "actor": "GBR", "recipient": "UKR", "date": "2021-11-14",
         "modality": "planned", "quantities": [(600, "troops")],
         "evidence": "On Sunday the British press said London was preparing 600 soldiers for Kyiv."}])
    assert len(Merger().cluster(_reports(kyiv, wsws))) == 1
    wsws.events[0].quantities = []  # without the size, two days' reports told differently stay apart
    assert len(Merger().cluster(_reports(kyiv, wsws))) == 2


def test_two_events_of_one_sentence_never_merge():
    a = synthetic.article("wsws", "WSWS", "2021-11-15", [
        {"type": "MOBILIZE", "mode": "troops", "actor": "UKR", "place": "Polish-Belarusian border",
         "evidence": "Kyiv has deployed 8,500 troops to the border and will relocate its fleet."},
        {"type": "MOBILIZE", "mode": "troops", "actor": "UKR", "place": "Polish-Belarusian border",
         "evidence": "Kyiv has deployed 8,500 troops to the border and will relocate its fleet."}])
    a.events[1].sentence = a.events[0].sentence
    assert len(Merger().cluster(_reports(a))) == 2


def test_two_sides_of_a_standoff_are_not_a_joint_happening():
    a = synthetic.article("sputnik", "Sputnik", "2021-11-09", [
        {"type": "MOBILIZE", "mode": "weapons", "actor": "USAMIL", "date": "2021-11-09", "place": "Black Sea",
         "evidence": "US warships entered the Black Sea near the Russian border."},
        {"type": "MOBILIZE", "mode": "weapons", "actor": "RUSMIL", "recipient": "USAMIL", "date": "2021-11-09",
         "place": "Black Sea", "evidence": "The Black Sea Fleet is tracking the US warships."}])
    assert len(Merger().cluster(_reports(a))) == 2


def _size(evidence, trigger, quantities=(), type_="MOBILIZE", kind=None):
    from flashpoint.escalation.merge import report_size

    a = synthetic.article("a", "A", "2021-11-12", [
        {"type": type_, "actor": "GBRMIL", "evidence": evidence, "trigger": trigger, "quantities": list(quantities),
         "quantity_kind": kind}])
    assert a.text[a.events[0].trigger.start:a.events[0].trigger.end] == trigger
    size = report_size(_reports(a)[0])
    return size and (size["text"], size["vague"])


def test_the_size_of_the_moved_force_each_report_gives():
    assert _size('British troops have deployed to Poland to "address the ongoing situation".', "deployed") == (
        "troops", True)
    assert _size('"A small team of UK armed forces personnel have deployed following an agreement with the '
                 'Polish government."', "deployed") == ("a small team", False)
    assert _size("The Ministry of Defence (MoD) said a unit had been dispatched as tensions at the two nations' "
                 "frontier soared.", "dispatched") == ("a unit", False)
    assert _size("Ukraine earlier announced it would move 8,500 soldiers and police officers to its border.",
                 "move", [(8500, "soldiers and police officers")]) == ("8,500 soldiers", False)
    assert _size("Moscow has moved hundreds of elite troops to the border.", "moved") == ("hundreds of troops", False)
    # no force named, a noun used as a modifier, a type that moves nothing: no size
    assert _size("Putin described the US warship deployment to the Black Sea as a challenge.", "deployment") is None
    assert _size("Russia has sent a stern warning to Poland.", "sent") is None
    assert _size("Poland accused Belarus of sending troops to the border.", "accused", type_="ACCUSE") is None
    # the dead of an exercise are not the size of the force that held it
    assert _size("a joint Russian-Belarusian paratrooper exercise on Friday in which two Russian paratroopers died",
                 "exercise", [(2, "Russian paratroopers")], kind="deaths") is None


def _uk(*sizes):
    specs = [("lbc", "LBC", "British troops have deployed to Poland to address the situation at the Belarus border."),
             ("mod", "MoD", "A small team of UK armed forces personnel have deployed following an agreement with "
                            "the Polish government."),
             ("wsws", "WSWS", "Last week, the UK already deployed troops to the border to assist the Polish "
                              "government."),
             ("bbc", "BBC", "Britain deployed soldiers to Poland this week to help with the border.")]
    arts = [synthetic.article(i, outlet, "2021-11-12", [
        {"type": "MOBILIZE", "mode": "troops", "actor": "GBRMIL", "recipient": "POLGOV", "trigger": "deployed",
         "date": "2021-11-08/2021-11-12", "place": "Poland", "evidence": text}])
        for i, outlet, text in specs if i in sizes]
    clusters = Merger().cluster(_reports(*arts))
    assert len(clusters) == 1
    from flashpoint.escalation.merge import summarise

    return [d for d in summarise(clusters[0])["disagreements"] if d["field"] == "size"]


def test_a_vague_plural_against_a_small_team_is_a_size_disagreement_shown_side_by_side():
    (size,) = _uk("lbc", "mod", "wsws")
    assert [(v["value"], v["outlets"]) for v in size["values"]] == [("troops", ["LBC", "WSWS"]),
                                                                     ("a small team", ["MoD"])]
    assert _uk("lbc", "wsws", "bbc") == []  # troops and soldiers: the same vague plural
    assert _uk("lbc") == []


def test_events_merged_shows_the_sizes_in_every_format(tmp_path):
    db = tmp_path / "uk.duckdb"
    arts = [synthetic.article(i, outlet, "2021-11-12", [
        {"type": "AID", "mode": "military", "actor": "GBRMIL", "recipient": "POLGOV", "trigger": "deployed",
         "date": "2021-11-11", "place": "Poland", "evidence": text}]) for i, outlet, text in (
        ("lbc", "LBC", "British troops have deployed to Poland to address the situation at the border."),
        ("mod", "MoD", "A small team of UK armed forces personnel have deployed to Poland at the border."))]
    with Store(db) as store:
        synthetic.write(store, arts)
    run = lambda fmt: CliRunner().invoke(main, ["events", "--merged", "--db", str(db), "--format", fmt])  # noqa: E731
    out = run("json")
    assert out.exit_code == 0, out.output
    (event,) = json.loads(out.output)
    assert [r["size"] for r in event["reports"]] == ["troops", "a small team"]
    size = next(d for d in event["disagreements"] if d["field"] == "size")
    assert [(v["value"], v["outlets"]) for v in size["values"]] == [("troops", ["LBC"]), ("a small team", ["MoD"])]
    assert "size" in run("csv").output.splitlines()[1]
    assert "size: troops (LBC) vs a small team (MoD)" in " ".join(run("table").output.split())


# -- recall on differently worded repeats (general rules, no file special-cased) -------------------

BELARUS_BORDER_UA = {"name": "Belarus-Ukraine border", "kind": "border", "lat": 51.6, "lon": 28.1,
                     "countries": ["BLR", "UKR"]}


def _stances(trt_day="2021-11-12", recipient="BLR", same_article=False):
    trt = {"type": "SUPPORT", "actor": "RUS", "recipient": recipient, "date": "2021-11-08/2021-11-14",
           "place": "Belarus", "trigger": "supported",
           "evidence": "Russia has strongly supported Belarus amid a tense standoff this week."}
    wsws = {"type": "SUPPORT", "actor": "RUSGOV", "recipient": "BLRGOV", "date": "2020-01-01/2020-12-31",
            "historical": True, "place": RUSSIA, "trigger": "backed",
            "evidence": "The Kremlin has backed the Belarusian president since a mass protest movement erupted "
                        "against him last year."}
    if same_article:
        return [synthetic.article("wsws", "WSWS", "2021-11-15", [trt, wsws])]
    return [synthetic.article("trt", "TRT World", trt_day, [trt]),
            synthetic.article("wsws", "WSWS", "2021-11-15", [wsws])]


def test_a_stance_between_one_pair_reported_the_same_week_is_one_event():
    assert _groups(Merger().cluster(_reports(*_stances()))) == [["trt:e1", "wsws:e1"]]
    assert len(Merger().cluster(_reports(*_stances(trt_day="2021-10-20")))) == 2  # weeks apart
    assert len(Merger().cluster(_reports(*_stances(recipient="UKR")))) == 2  # another recipient
    assert len(Merger().cluster(_reports(*_stances(same_article=True)))) == 2  # one article tells two


def _recalled(second, year="2014"):
    rferl = synthetic.article("rferl", "RFE/RL", "2021-11-12", [
        {"type": "COERCE", "mode": "seize", "actor": "RUS", "recipient": "UKR", "historical": True,
         "date": "2014-01-01/2014-12-31", "trigger": "annexation",
         "place": {"name": "Crimea", "kind": "region", "lat": 45.3, "lon": 34.4, "countries": ["UKR"]},
         "evidence": "A seven-year conflict followed Russia's invasion and annexation of Crimea in 2014."}])
    other = synthetic.article("wsws", "WSWS", "2021-11-15", [
        {"type": "MOBILIZE", "actor": "RUSMIL", "historical": True, "date": f"{year}-01-01/{year}-12-31",
         "evidence": second, "trigger": second.split()[1]}])
    return len(Merger().cluster(_reports(rferl, other)))


def test_a_background_happening_recalled_by_two_articles_for_the_same_year_is_one_event():
    assert _recalled("Russian forces annexed the Crimean Peninsula in 2014.") == 1
    assert _recalled("Russian forces annexed the Crimean Peninsula in 2015.", year="2015") == 2
    # the same year and actor, but nothing in common: the usual troops at the border
    assert _recalled("The usual number of Russian troops deployed to border areas since 2014.") == 2


def test_undated_reports_of_one_type_at_one_named_place_are_one_event():
    cnn = synthetic.article("cnn", "CNN", "2021-11-11", [
        {"type": "MOBILIZE", "mode": "police", "actor": "UKR", "recipient": "BLR", "date": "2021-11-10",
         "modality": "planned", "place": BELARUS_BORDER_UA, "trigger": "increase",
         "evidence": "Zelensky said on Wednesday that Ukraine will increase security on its border with Belarus."}])
    wsws = synthetic.article("wsws", "WSWS", "2021-11-15", [
        {"type": "MOBILIZE", "mode": "troops", "actor": "UKR", "recipient": "BLR", "modality": "planned",
         "place": BELARUS_BORDER_UA, "trigger": "move",
         "evidence": "Ukraine earlier announced it would move 8,500 soldiers and police officers to its "
                     "1,000-kilometer border with Belarus."}])
    assert len(Merger().cluster(_reports(cnn, wsws))) == 1
    wsws.events[0].place = None  # without the place nothing ties them: the words differ
    assert len(Merger().cluster(_reports(cnn, wsws))) == 2


def test_a_country_that_is_only_the_articles_focus_does_not_keep_reports_apart():
    wsws = synthetic.article("wsws", "WSWS", "2021-11-15", [
        {"type": "MOBILIZE", "mode": "weapons", "actor": "USA", "place": RUSSIA, "trigger": "sent",
         "evidence": "The US has sent a missile destroyer and the staff ship USS Mount Whitney to exercises "
                     "in the Black Sea."}])
    afp = synthetic.article("afp", "AFP", "2021-11-13", [
        {"type": "MOBILIZE", "actor": "USA+NATO", "place": "Black Sea", "trigger": "carrying",
         "evidence": "The United States and its allies in NATO are carrying out unplanned exercises in the "
                     "Black Sea."}])
    assert len(Merger().cluster(_reports(wsws, afp))) == 1
    # a country the report names is where it says the event was: far from the Black Sea, apart
    poland = synthetic.article("wsws", "WSWS", "2021-11-15", [
        {"type": "MOBILIZE", "mode": "weapons", "actor": "USA", "place": "Poland", "trigger": "sent",
         "evidence": "The US has sent a missile destroyer and the staff ship USS Mount Whitney to exercises "
                     "with Poland."}])
    assert len(Merger().cluster(_reports(poland, afp))) == 2


def test_incremental_merge_finds_a_stance_by_its_publication_week(tmp_path):
    from flashpoint.escalation.build import update

    trt, wsws = _stances()
    db = tmp_path / "stance.duckdb"
    with Store(db) as store:
        synthetic.write(store, [wsws])
        rebuild(store)
        synthetic.write(store, [trt])
        assert update(store)["reports"] == 2  # the 2020-dated stance was found as a candidate
        (event,) = merged_events(store.con)
    assert sorted(r["article_id"] for r in event["reports"]) == ["trt", "wsws"]


def test_forces_of_different_domains_are_different_happenings():
    # the same week, the same actor, the same sea: bombers flying over it and warships sailing in
    # it are two happenings; two outlets' warships are one
    sputnik = synthetic.article("sputnik", "Sputnik", "2021-11-09", [
        {"type": "MOBILIZE", "actor": "USAMIL", "place": "Black Sea",
         "evidence": "Two B-1B strategic bombers of the US Air Force performed flights over the Black Sea."}])
    wsws = synthetic.article("wsws", "WSWS", "2021-11-10", [
        {"type": "MOBILIZE", "actor": "USAMIL", "place": "Black Sea",
         "evidence": "The US has sent warships to the Black Sea for NATO drills."}])
    afp = synthetic.article("afp", "AFP", "2021-11-11", [
        {"type": "MOBILIZE", "actor": "USAMIL", "place": "Black Sea",
         "evidence": "US warships sailed into the Black Sea for NATO drills, officials said."}])
    assert _groups(Merger().cluster(_reports(sputnik, wsws, afp))) == [["afp:e1", "wsws:e1"], ["sputnik:e1"]]


def test_one_report_does_not_disagree_with_itself():
    from flashpoint.escalation.merge import disagreements

    sputnik = synthetic.article("sputnik", "Sputnik", "2021-11-09", [
        {"type": "MOBILIZE", "actor": "USAMIL", "place": "Black Sea",
         "quantities": [(100, "kilometres"), (62, "miles")], "quantity_kind": "length",
         "evidence": "Two B-1B bombers flew over the Black Sea at a distance of about 100 kilometres (62 miles) "
                     "from the Russian border."}])
    (report,) = _reports(sputnik)
    assert disagreements([report]) == []
    # two outlets giving different distances still disagree
    other = synthetic.article("afp", "AFP", "2021-11-09", [
        {"type": "MOBILIZE", "actor": "USAMIL", "place": "Black Sea",
         "quantities": [(40, "kilometres")], "quantity_kind": "length",
         "evidence": "US bombers flew 40 kilometres from the Russian border over the Black Sea."}])
    found = disagreements([report] + _reports(other))
    assert "quantity" in [d["field"] for d in found]


def test_a_date_taken_from_the_lede_does_not_tell_reports_apart():
    from flashpoint.escalation.merge import Report

    row = {"article_id": "a", "event_id": "a:e1", "idx": 1, "type": "ASSAULT", "actor": "BFAREB",
           "date_start": "2023-11-26", "date_end": "2023-11-26", "published": "2023-11-28",
           "record": {"date": {"start": "2023-11-26", "end": "2023-11-26", "source": "lede"}}}
    assert not Report.from_row(row).dated
    row["record"] = {"date": {"start": "2023-11-26", "end": "2023-11-26", "source": "clause"}}
    assert Report.from_row(row).dated


def _raid(article_id, outlet, published, date, source, evidence):
    a = synthetic.article(article_id, outlet, published, [
        {"type": "ASSAULT", "actor": "BFAREB", "recipient": "BFAMIL", "date": date, "evidence": evidence}])
    a.events[0].date.source = source
    return a


def test_the_store_merge_reads_each_report_as_ingest_stored_it(tmp_path):
    """The merge in the store (rebuild and incremental) reads what ingest stored of each event,
    its columns and the place kind, quantities and date source of its record, and gets the
    Report the stored record gives: a date the time stage took from the lede is no date to it."""
    from flashpoint.escalation.build import iter_reports, update

    lede = _raid("lede-raid", "Sahel Wire", "2023-11-28", "2023-11-28", "lede",
                 "Jihadist fighters attacked the army base at Djibo, killing dozens of soldiers.")
    told = _raid("told-raid", "Burkina Post", "2023-11-27", "2023-11-26", "clause",
                 "Dozens of soldiers were killed when jihadist fighters attacked the Djibo army base on Sunday.")
    with Store(tmp_path / "lede.duckdb") as store:
        synthetic.write(store, synthetic.border_crisis() + [told])
        rebuild(store)
        synthetic.write(store, [lede])
        update(store)
        read = {(r.article_id, r.event_id): r for r in iter_reports(store)}
        cur = store.con.execute("SELECT * FROM events")
        names = [c[0] for c in cur.description]
        stored = {(r.article_id, r.event_id): r for r in (Report.from_row(dict(zip(names, row))) for row in cur.fetchall())}
        merged = merged_events(store.con)
    assert read == stored
    assert any(r.quantities for r in read.values()) and any(r.place_kind for r in read.values())
    assert not read[("lede-raid", "lede-raid:e1")].dated and read[("told-raid", "told-raid:e1")].dated
    # two days apart, but the lede's day says nothing against the other outlet's stated date
    raid = _with_report(merged, "lede-raid", 1)
    assert {r["article_id"] for r in raid["reports"]} == {"lede-raid", "told-raid"}


def test_real_articles_merged_in_three_ingests_give_the_rows_of_a_full_rebuild(tmp_path, examples_db):
    """The example articles, as ingest stored them, merged in three ingests out of order: every
    row of merged_events, merged_reports and merged_blocks is what a rebuild from scratch gives."""
    import random

    from flashpoint.escalation.build import update

    with Store(examples_db, read_only=True) as source:
        ids = [i for (i,) in source.con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
        articles = [source.article(i) for i in ids]
    random.Random(5).shuffle(articles)

    def rows(store):
        return {t: store.con.execute(f"SELECT {_PUBLIC} FROM {t} ORDER BY ALL").fetchall()
                for t in ("merged_events", "merged_reports", "merged_blocks")}

    third = len(articles) // 3
    with Store(tmp_path / "inc.duckdb") as store:
        synthetic.write(store, articles[:third])
        rebuild(store)
        for k in (2 * third, len(articles)):
            synthetic.write(store, articles[:k])
            assert update(store)["articles"] == k - (third if k == 2 * third else 2 * third)
        _assert_keys_agree(store)
        incremental = rows(store)
    with Store(tmp_path / "full.duckdb") as store:
        synthetic.write(store, articles)
        rebuild(store)
        full = rows(store)
        most = store.con.execute("SELECT max(n_reports) FROM merged_events").fetchone()[0]
    assert len(articles) >= 6 and len(full["merged_events"]) >= 50 and most > 1  # reports were merged
    assert incremental == full


def test_an_incremental_merge_that_fails_while_clustering_leaves_the_merged_tables_as_they_were(tmp_path, monkeypatch):
    """The dissolved events' rows are deleted in a thread while the merge clusters: when the
    clustering fails, the thread's work is waited for and rolled back with the rest."""
    from flashpoint.escalation import build

    arts = synthetic.border_crisis()
    with Store(tmp_path / "fail.duckdb") as store:
        synthetic.write(store, arts[:-1])
        rebuild(store)
        tables = ("merged_events", "merged_reports", "merged_blocks", "merged_articles", "flashpoint_members")
        before = {t: store.con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}
        synthetic.write(store, arts[-1:])

        def broken(self, reports):
            raise MemoryError("no room to cluster")

        monkeypatch.setattr(Merger, "cluster", broken)
        with pytest.raises(MemoryError):
            build.update(store)
        assert {t: store.con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables} == before
        monkeypatch.undo()
        assert build.update(store)["articles"] == 1  # the store is usable, and the article still to merge


def test_the_incremental_merge_runs_without_the_cycle_collector_and_turns_it_back_on(tmp_path, monkeypatch):
    """Each collection walks every object of the process (spaCy's too, in ingest): the merge
    makes many objects and no cycles, so the collector is off while it reads, clusters and
    writes, and on again afterwards, also when the merge fails."""
    import gc

    from flashpoint.escalation import build

    seen = []

    def watched(name):
        original = getattr(build, name)

        def run(*args, **kwargs):
            seen.append((name, gc.isenabled()))
            return original(*args, **kwargs)
        monkeypatch.setattr(build, name, run)

    for name in ("iter_reports", "stored_reports", "_write"):
        watched(name)
    arts = synthetic.border_crisis()
    with Store(tmp_path / "gc.duckdb") as store:
        synthetic.write(store, arts[:-2])
        rebuild(store)
        seen.clear()
        synthetic.write(store, arts[:-1])
        assert gc.isenabled()
        assert build.update(store)["articles"] == 1
        assert gc.isenabled()
        assert {name for name, _ in seen} == {"iter_reports", "stored_reports", "_write"}
        assert not any(enabled for _, enabled in seen)
        monkeypatch.setattr(Merger, "cluster", lambda self, reports: 1 / 0)
        synthetic.write(store, arts)
        with pytest.raises(ZeroDivisionError):
            build.update(store)
        assert gc.isenabled()


#: Every column but the merged events' integer keys (internal: a rebuild numbers the events
#: afresh, an incremental merge gives the next numbers to the events it writes)
_PUBLIC = "COLUMNS(c -> c NOT IN ('key', 'merged_key'))"


def _merged_rows(store):
    return {t: store.con.execute(f"SELECT {_PUBLIC} FROM {t} ORDER BY ALL").fetchall()
            for t in ("merged_events", "merged_reports", "merged_blocks", "merged_articles", "flashpoint_members")}


def _assert_keys_agree(store):
    """Each merged event has a key of its own, and every row of merged_reports, merged_blocks and
    flashpoint_members carries the key of the event its text id names."""
    con = store.con
    n, keys = con.execute("SELECT count(*), count(DISTINCT key) FROM merged_events").fetchone()
    assert n == keys > 0
    for table, id_, key in (("merged_reports", "merged_id", "merged_key"), ("merged_blocks", "merged_id", "merged_key"),
                            ("flashpoint_members", "id", "key")):
        rows, wrong = con.execute(f"SELECT count(*), count(*) FILTER (WHERE e.key IS DISTINCT FROM t.{key}) "
                                  f"FROM {table} t LEFT JOIN merged_events e ON e.id = t.{id_}").fetchone()
        assert wrong == 0, table
    assert con.execute("SELECT count(*) FROM merged_reports").fetchone()[0] > 0


def _as_before_keys(store):
    """Turn a store into what flashpoint left before migration 0009: no integer keys."""
    con = store.con
    con.execute("DROP INDEX merged_reports_merged")
    con.execute("DROP INDEX merged_events_day")
    for table, key in (("merged_events", "key"), ("merged_reports", "merged_key"), ("merged_blocks", "merged_key"),
                       ("flashpoint_members", "key")):
        con.execute(f"CREATE TABLE old_{table} AS SELECT * EXCLUDE ({key}) FROM {table} ORDER BY rowid")
        con.execute(f"DROP TABLE {table}")
        con.execute(f"ALTER TABLE old_{table} RENAME TO {table}")
    con.execute("CREATE INDEX merged_events_day ON merged_events(day)")
    con.execute("CREATE INDEX merged_reports_merged ON merged_reports(merged_id)")
    con.execute("DELETE FROM schema_migrations WHERE name = '0009_merged_keys'")


def _read_and_kept(store):
    """The reports as the merge reads them from events, and as merged_reports gives them back."""
    from flashpoint.escalation.build import iter_reports, stored_reports

    read = {(r.article_id, r.event_id): r for r in iter_reports(store)}
    kept = {(r.article_id, r.event_id): r for r in stored_reports(store, "SELECT * FROM merged_reports")}
    return read, kept


def test_merged_reports_give_back_each_report_as_the_merge_read_it_through_replace_remove_and_reanalyze(tmp_path):
    """The incremental merge re-clusters the reports of the events a new report may join from
    merged_reports (its ``inputs``), not from events: after each writer (new articles, a
    corrected article, a removed one, a re-analysed one with other events), every row gives
    back the Report its event gives, and the merged tables are what a rebuild gives."""
    from flashpoint.escalation.build import update
    from flashpoint.store.remove import remove

    articles = synthetic.border_crisis()
    with Store(tmp_path / "inputs.duckdb") as store:
        synthetic.write(store, articles[:-3])
        rebuild(store)
        synthetic.write(store, articles)
        assert update(store)["articles"] == 3
        read, kept = _read_and_kept(store)
        assert kept == read and len(read) == store.counts()["events"]
        assert any(r.quantities for r in kept.values()) and any(r.place_kind for r in kept.values())
        # corrected: TRT's drill report is gone, the bombers' stay
        fixed = synthetic.article("trt-drill", "TRT World", "2021-11-12", [
            {"type": "MOBILIZE", "actor": "RUSMIL", "date": "2021-11-09/2021-11-11", "place": "Grodno",
             "evidence": "Russian strategic bombers patrolled Belarusian airspace for a third day."}])
        assert store.write_article(fixed) == "replaced"
        update(store)
        read, kept = _read_and_kept(store)
        assert kept == read and ("trt-drill", "trt-drill:e1") in kept and ("trt-drill", "trt-drill:e3") not in kept
        # removed
        assert remove(store, ["ria-drill"]) == 1
        update(store)
        read, kept = _read_and_kept(store)
        assert kept == read and not any(a == "ria-drill" for a, _ in kept)
        # re-analysed by another pipeline version, which places WSWS's drill elsewhere
        store.con.execute("UPDATE articles SET pipeline_version = 'next' WHERE id = 'wsws-drill'")
        store.con.execute("UPDATE events SET place = 'Brest', lat = 52.1, lon = 23.7 WHERE article_id = 'wsws-drill'")
        assert update(store)["articles"] == 1
        read, kept = _read_and_kept(store)
        assert kept == read and {r.place for (a, _), r in kept.items() if a == "wsws-drill"} == {"Brest"}
        incremental = _merged_rows(store)
        rebuild(store)
        assert _merged_rows(store) == incremental


def test_a_store_merged_before_merged_reports_kept_the_inputs_is_migrated_from_its_events(tmp_path):
    """Migration 0008 fills the ``inputs`` of a store merged by an older flashpoint from its
    events: the incremental merge then gives what a rebuild gives."""
    from flashpoint.escalation.build import update

    db = tmp_path / "old.duckdb"
    articles = synthetic.border_crisis()
    with Store(db) as store:
        synthetic.write(store, articles[:-2])
        rebuild(store)
        # as flashpoint left it before migration 0008: merged_reports without inputs (nor keys)
        _as_before_keys(store)
        for sql in ("DROP INDEX merged_reports_merged",
                    "CREATE TABLE old_reports AS SELECT * EXCLUDE (inputs) FROM merged_reports",
                    "DROP TABLE merged_reports", "ALTER TABLE old_reports RENAME TO merged_reports",
                    "CREATE INDEX merged_reports_merged ON merged_reports(merged_id)",
                    "DELETE FROM schema_migrations WHERE name = '0008_merged_report_inputs'"):
            store.con.execute(sql)
    with Store(db, read_only=True) as store:
        assert store.unapplied() == ["0008_merged_report_inputs", "0009_merged_keys"]
    with Store(db) as store:  # opening it writable migrates it
        assert not store.unapplied()
        read, kept = _read_and_kept(store)
        assert kept == read and len(kept) == store.counts()["events"]
        synthetic.write(store, articles)
        assert update(store)["articles"] == 2
        incremental = _merged_rows(store)
        rebuild(store)
        assert _merged_rows(store) == incremental


def test_a_store_merged_before_the_integer_keys_keeps_its_rows_and_merges_on(tmp_path):
    """Migration 0009 gives every merged event of an older store an integer key and every row
    that lists the event the same key; the rows users see stay as they were, and the incremental
    merge then gives what a rebuild gives."""
    from flashpoint.escalation.build import update

    db = tmp_path / "old.duckdb"
    articles = synthetic.border_crisis()
    with Store(db) as store:
        synthetic.write(store, articles[:-3])
        rebuild(store)
        synthetic.write(store, articles[:-2])
        update(store)
        before = _merged_rows(store)
        _as_before_keys(store)
    with Store(db, read_only=True) as store:
        assert store.unapplied() == ["0009_merged_keys"]
        assert "key" not in [c[0] for c in store.con.execute("DESCRIBE merged_events").fetchall()]
    with Store(db) as store:  # opening it writable migrates it
        assert not store.unapplied()
        assert _merged_rows(store) == before
        _assert_keys_agree(store)
        synthetic.write(store, articles)
        assert update(store)["articles"] == 2
        _assert_keys_agree(store)
        incremental = _merged_rows(store)
        rebuild(store)
        _assert_keys_agree(store)
        assert _merged_rows(store) == incremental
