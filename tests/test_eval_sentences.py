"""eval event-types --coder: the coder scored on labelled sentences (records written for the test)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from flashpoint.cli import main
from flashpoint.classifier.training import read_pairs
from flashpoint.eval.sentences import score_coder


def _write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_sentence_counts_when_its_type_is_coded_with_its_actor(tmp_path, rules_pipeline):
    text1 = "Russian troops shelled the Ukrainian town of Bakhmut on Monday."
    text2 = "The weather was fine in Kyiv on Monday."
    text3 = "Israel released 30 Palestinian prisoners on Sunday."
    path = _write(tmp_path / "s.jsonl", [
        {"id": "a", "text": text1, "actor": {"start": 0, "end": 14}, "recipient": None, "label": "ASSAULT"},
        {"id": "b", "text": text1, "actor": {"start": 0, "end": 14}, "recipient": None, "label": "AID"},
        {"id": "c", "text": text2, "actor": {"start": 24, "end": 28}, "recipient": None, "label": "PROTEST"},
        {"id": "d", "text": text3, "actor": {"start": 0, "end": 6}, "recipient": None, "label": "YIELD"},
    ])
    report = score_coder(*read_pairs(path), rules_pipeline)
    assert report["records"] == 4
    assert report["labels"]["ASSAULT"] == {"records": 1, "found": 1, "found_with_actor": 1}
    assert report["labels"]["AID"]["found"] == 0 and report["labels"]["PROTEST"]["found"] == 0
    assert report["labels"]["YIELD"]["found"] == 1  # RETREAT (a release) counts for the older YIELD
    assert report["found"] == 0.5


def test_a_bad_line_is_named(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "event-types", str(path), "--coder"])
    assert result.exit_code == 2 and "bad.jsonl:1" in result.output
