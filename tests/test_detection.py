"""The learned detection stage and the honest protocol: document folds, the fixed world split."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from conftest import shared


def test_shipped_model_is_trained_on_shippable_gold_only():
    from flashpoint.detection import load_model
    from flashpoint.eval.split import split

    model = load_model()
    scored = {d for d, half in split().items() if half == "scored"}
    assert model.meta["documents"], "the model says what it was trained on"
    assert not scored & set(model.meta["documents"]), "the scored half of the world split is never trained on"
    assert 0 < model.threshold < 1


def test_world_split_is_fixed_and_covers_every_document():
    from flashpoint.eval.split import split, world_half

    folder = shared("gold", "world")
    halves = split()
    names = {p.name.removesuffix(".gold.json") for p in folder.glob("*.gold.json")}
    assert names <= set(halves), names - set(halves)
    tuned, scored = world_half(folder, "tuned"), world_half(folder, "scored")
    assert tuned and scored and not set(tuned) & set(scored)
    assert abs(len(tuned) - len(scored)) <= 1
    with pytest.raises(ValueError):
        world_half(folder, "everything")


def test_detection_keeps_a_reported_attack_and_writes_its_probability(pipeline):
    from flashpoint.detection import load_model
    from flashpoint.readers import article_from_text

    art = pipeline(article_from_text("Iran fired dozens of missiles at Israel on Saturday, the Israeli military said.",
                                     source="<test>", published=dt.date(2024, 4, 14), check=False))
    attack = [e for e in art.events if e.type == "ASSAULT"]
    assert attack
    assert attack[0].cues["detection"].startswith("p=")
    assert float(attack[0].cues["detection"][2:]) >= load_model().threshold


def test_model_round_trip_and_threshold(tmp_path):
    from flashpoint.detection import DetectionModel

    X = [{"bias": 1, "type=ASSAULT": 1}] * 5 + [{"bias": 1, "type=PROTEST": 1}] * 5
    y = [1] * 5 + [0] * 5
    model = DetectionModel.fit(X, y, c=10, threshold=0.5)
    assert model.probability({"bias": 1, "type=ASSAULT": 1}) > 0.5 > model.probability({"bias": 1, "type=PROTEST": 1})
    path = tmp_path / "m.json"
    model.save(path)
    again = DetectionModel.read(path)
    assert again.weights == model.weights and again.threshold == 0.5
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="m.json: not a detection model"):
        DetectionModel.read(path)
    with pytest.raises(ValueError, match="both real and spurious"):
        DetectionModel.fit(X[:5], y[:5])


def test_folds_are_over_documents_and_each_document_is_scored_once():
    from flashpoint.detection.training import Candidates, folds
    from flashpoint.eval.gold import GoldDoc
    from flashpoint.model import Article

    cands = [Candidates(GoldDoc(f"d{i}", "", None, []), Article(id=f"d{i}", text=""), [], []) for i in range(7)]
    parts = folds(cands, 3)
    assert sorted(i for p in parts for i in p) == list(range(7))
    assert all(p for p in parts)
    with pytest.raises(ValueError, match="--folds"):
        folds(cands, 1)


def test_eval_events_folds_and_half_on_real_gold():
    from flashpoint.cli import main

    files = sorted(str(p) for p in shared("gold", "world").glob("*.gold.json"))
    result = CliRunner().invoke(main, ["eval", "events", *files, "--half", "tuned", "--folds", "3", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    ids = {d["id"] for d in report["documents"]}
    assert ids and all(i.split("_")[0] in {"101", "103", "105", "107", "109", "202", "204", "207", "210", "301",
                                           "303", "306", "309", "312"} for i in ids)
    assert report["gold_required"] > 0 and 0 <= report["f1"] <= 1
    bad = CliRunner().invoke(main, ["eval", "events", files[0], "--folds", "5"])
    assert bad.exit_code == 2 and "--folds" in bad.output
