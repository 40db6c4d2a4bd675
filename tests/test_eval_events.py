"""The event scorer on hand-made predictions whose figures are known by hand."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from flashpoint.eval.events import Prediction, aggregate, score_document
from flashpoint.eval.gold import GoldDoc, entities_match, fold, load_gold

S1 = "Last week, the UK already deployed troops to the border to assist the Polish government."
S2 = "These claims were initially rejected not only by Russia but also Ukraine."
S3 = "With full backing from the EU, the Polish army has violently cracked down on the defenseless refugees."


def gold_doc() -> GoldDoc:
    ev = lambda **kw: {"alt_types": [], "recipient": [], "status": "asserted", "modality": "actual",  # noqa: E731
                       "date": None, "place": None, "quantities": [], "required": True, **kw}
    return GoldDoc(id="doc", text=" ".join([S1, S2, S3]), published="2021-11-15", events=[
        ev(id="g1", evidence="the UK already deployed troops to the border", type="AID", alt_types=["MOBILIZE"],
           actor=[{"country": "GBR", "sector": "MIL"}, {"country": "GBR", "sector": "GOV"}],
           recipient=[{"country": "POL", "sector": None}],
           date={"start": "2021-11-08", "end": "2021-11-14"},
           place={"name": "Polish-Belarusian border", "lat": 52.59, "lon": 23.6, "countries": ["POL", "BLR"]}),
        ev(id="g2", evidence="These claims were initially rejected not only by Russia but also Ukraine",
           type="REJECT", actor=[{"country": "RUS", "sector": None}, {"country": "UKR", "sector": None}],
           recipient=[{"country": "USA", "sector": None}]),
        ev(id="g3", evidence="the Polish army has violently cracked down on the defenseless refugees",
           type="COERCE", alt_types=["ASSAULT"], actor=[{"country": "POL", "sector": "MIL"}],
           recipient=[{"country": None, "sector": "REF"}]),
        ev(id="g4", evidence="With full backing from the EU", type="SUPPORT", actor=[{"country": "EU", "sector": None}],
           required=False),
    ])


def pred(sentence, type_, actor, recipient=(), **kw):
    ent = lambda codes: [{"country": c, "sector": s} for c, s in codes]  # noqa: E731
    return Prediction(sentence=sentence, type=type_, actor=ent(actor), recipient=ent(recipient), **kw)


def test_fold_and_entities():
    assert fold("Russian-\nBelarusian “exercise”") == "russianbelarusianexercise"
    assert entities_match([{"country": "GBR", "sector": None}], [{"country": "GBR", "sector": "MIL"}])
    assert not entities_match([{"country": None, "sector": "MIL"}], [{"country": "GBR", "sector": "MIL"}])
    assert entities_match([{"country": None, "sector": "REF"}], [{"country": None, "sector": "REF"}])
    assert entities_match([], [])  # an empty gold list accepts anything


def test_known_figures():
    preds = [
        # matches g1 via an alternative type; date overlaps; place 50 km off: right
        pred(S1, "MOBILIZE", [("GBR", None)], [("POL", "GOV")], status="asserted", modality="actual",
             date={"start": "2021-11-10", "end": "2021-11-10"},
             place={"name": "x", "lat": 52.9, "lon": 23.9, "countries": ["POL"]}),
        # right sentence and type, wrong actor: spurious
        pred(S2, "REJECT", [("USA", None)], [("RUS", None)]),
        # matches g2; modality wrong
        pred(S2, "REJECT", [("RUS", "GOV")], [("USA", None)], status="asserted", modality="negated"),
        # matches optional g4: counted neither way in P/R; its attributes are scored
        pred(S3, "SUPPORT", [("EU", None)], [("POL", None)], status="attributed", modality="actual"),
        # wrong type for g3: spurious
        pred(S3, "ACCUSE", [("POL", "MIL")], [(None, "REF")]),
    ]
    doc = score_document(gold_doc(), preds)
    assert (doc["matched"], doc["predicted"], doc["gold_required"]) == (2, 4, 3)
    assert [m["id"] for m in doc["missed"]] == ["g3"]
    assert len(doc["spurious"]) == 2
    report = aggregate([doc])
    assert report["precision"] == pytest.approx(2 / 4)
    assert report["recall"] == pytest.approx(2 / 3)
    assert report["f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert report["attributes"]["status"] == pytest.approx(2 / 3) and report["attributes_n"]["status"] == 3
    assert report["attributes"]["modality"] == pytest.approx(2 / 3)
    assert report["attributes"]["date"] == 1.0 and report["attributes"]["place"] == 1.0
    assert report["attributes"]["quantities"] is None


def test_each_gold_event_matched_once_and_matching_is_maximal():
    # two predictions could both match g2; only one counts, the other is spurious
    preds = [pred(S2, "REJECT", [("RUS", None)], [("USA", None)]), pred(S2, "REJECT", [("UKR", None)], [("USA", None)])]
    doc = score_document(gold_doc(), preds)
    assert (doc["matched"], doc["predicted"]) == (1, 2)


def test_place_by_country_and_distance():
    from flashpoint.eval.events import place_right

    belarus = {"name": "Belarus", "lat": 53.7, "lon": 28.02, "countries": ["BLR"]}
    assert place_right({"lat": 53.68, "lon": 23.83, "countries": ["BLR"]}, belarus)  # Grodno, in Belarus
    assert not place_right({"lat": 52.2, "lon": 21.0, "countries": ["POL"]}, belarus)
    border = {"name": "Polish-Belarusian border", "lat": 52.59, "lon": 23.6, "countries": ["POL", "BLR"]}
    assert not place_right({"lat": 52.2, "lon": 21.0, "countries": ["POL"]}, border)  # Warsaw: 180 km


def test_cli_json_on_gold_file(tmp_path):
    from flashpoint.cli import main

    g = gold_doc()
    path = tmp_path / "doc.gold.json"
    path.write_text(json.dumps({"id": g.id, "text": g.text, "published": g.published, "events": g.events}))
    assert load_gold(path).events[0]["id"] == "g1"
    result = CliRunner().invoke(main, ["eval", "events", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    for key in ("precision", "recall", "f1", "matched", "predicted", "gold_required", "attributes"):
        assert key in report
    assert report["gold_required"] == 3
    assert set(report["attributes"]) >= {"status", "modality", "date", "place", "quantities"}


def test_two_events_of_one_sentence_pair_with_the_gold_event_on_their_own_words():
    # one sentence, two MOBILIZE events of one actor: each gold event is scored against the
    # prediction whose trigger lies in its evidence, whatever order the predictions come in
    s = ("Kiev has now deployed 8,500 troops to its side of the border with Russia and has announced that it "
         "would relocate parts of its fleet from the Black Sea to the Sea of Azov.")
    ukr = [{"country": "UKR", "sector": "GOV"}]
    ev = lambda **kw: {"alt_types": [], "recipient": [], "status": "asserted", "modality": "actual",  # noqa: E731
                       "date": None, "quantities": [], "required": True, "type": "MOBILIZE", "actor": ukr, **kw}
    gold = GoldDoc(id="doc", text=s, published="2021-11-15", events=[
        ev(id="g1", evidence="would relocate parts of its fleet from the Black Sea to the Sea of Azov",
           place={"name": "Sea of Azov", "lat": 46.03, "lon": 36.37, "countries": []}),
        ev(id="g2", evidence="deployed 8,500 troops to its side of the border with Russia",
           place={"name": "Ukrainian-Russian border", "lat": 50.31, "lon": 36.82, "countries": ["UKR", "RUS"]}),
    ])
    azov = {"name": "Sea of Azov", "lat": 46.03, "lon": 36.37, "countries": []}
    border = {"name": "Russia-Ukraine border", "lat": 50.31, "lon": 37.56, "countries": ["RUS", "UKR"]}
    preds = [pred(s, "MOBILIZE", [("UKR", "GOV")], label="relocate", place=azov),
             pred(s, "MOBILIZE", [("UKR", "GOV")], label="deployed", place=border)]
    doc = score_document(gold, preds)
    assert doc["matched"] == 2 and doc["attributes"]["place"] == [True, True]
