"""``eval events``: the share of predicted material events with no place, on hand-made predictions."""

from __future__ import annotations

from flashpoint.cli.eval import render_events_report
from flashpoint.eval.events import Prediction, aggregate, score_document
from flashpoint.eval.gold import GoldDoc

S1 = "Militants attacked a police post in Mandera on Sunday."
S2 = "Kenya's government condemned the attack."
S3 = "Police arrested two suspects."
MANDERA = {"name": "Mandera", "lat": 3.94, "lon": 41.86, "countries": ["KEN"]}


def test_share_of_material_events_with_no_place():
    gold = GoldDoc(id="doc", text=" ".join([S1, S2, S3]), published="2017-07-04", events=[])
    preds = [
        Prediction(sentence=S1, type="ASSAULT", actor=[], place=MANDERA),
        Prediction(sentence=S2, type="ACCUSE", actor=[{"country": "KEN", "sector": "GOV"}]),  # verbal: not counted
        Prediction(sentence=S3, type="COERCE", actor=[{"country": "KEN", "sector": "COP"}]),  # no place
    ]
    report = aggregate([score_document(gold, preds)])
    assert (report["material_n"], report["material_unplaced"]) == (2, 0.5)
    assert report["material_types"] == ["ASSAULT", "COERCE", "MOBILIZE", "PROTEST"]
    text = render_events_report(report, details=False)
    assert "material events (ASSAULT, COERCE, MOBILIZE, PROTEST) with no place: 50.0% of 2 predicted" in text
