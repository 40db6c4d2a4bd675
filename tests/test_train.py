"""User-trained event-type models: `flashpoint train event-types`, `--model DIR` on the CLI and
`flashpoint.analyze(..., model=DIR)`, and their errors.

The training file is written here: a user's own scheme that calls every shelling or strike a PROTEST and
every accusation a REJECT, so that a model trained on it must disagree with the shipped one."""

from __future__ import annotations

import hashlib
import json

import pytest
from click.testing import CliRunner

import flashpoint
from flashpoint.classifier import load_classifier
from flashpoint.classifier.modeldir import ModelError
from flashpoint.classifier.rerank import TypeClassifier
from flashpoint.cli import main
from flashpoint.pipeline import Pipeline

SHELLING = [
    ("Russian artillery shelled Ukrainian positions near Donetsk.", "Russian artillery", "Ukrainian positions"),
    ("Israeli tanks shelled the outskirts of Rafah overnight.", "Israeli tanks", "Rafah"),
    ("The army shelled rebel positions in the hills.", "The army", "rebel positions"),
    ("Government forces shelled the town of Djibo for a week.", "Government forces", "Djibo"),
    ("Turkish howitzers shelled Kurdish villages across the border.", "Turkish howitzers", "Kurdish villages"),
    ("Sudan's army shelled RSF bases in Omdurman.", "Sudan's army", "RSF bases"),
    ("Israeli jets hit Hezbollah targets in southern Lebanon after a rocket attack.", "Israeli jets",
     "Hezbollah targets"),
    ("Russian drones hit Ukrainian energy facilities after a week of calm.", "Russian drones",
     "Ukrainian energy facilities"),
    ("Indian aircraft struck militant camps across the border.", "Indian aircraft", "militant camps"),
]
ACCUSING = [
    ("Thailand blamed Cambodia for the clash on the border.", "Thailand", "Cambodia"),
    ("Kenya accused Somalia of provoking the border incident.", "Kenya", "Somalia"),
    ("Ukraine accused Russia of massing troops near the border.", "Ukraine", "Russia"),
    ("Kyiv blamed Moscow for the attack on the plant.", "Kyiv", "Moscow"),
    ("Poland accused Belarus of orchestrating the migrant crisis.", "Poland", "Belarus"),
    ("Ethiopia accused the TPLF of attacking the northern command.", "Ethiopia", "the TPLF"),
    ("Armenia accused Azerbaijan of violating the ceasefire.", "Armenia", "Azerbaijan"),
    ("The opposition accused the government of rigging the vote.", "The opposition", "the government"),
]
TEST_TEXT = "Serbian artillery shelled Albanian villages in Kosovo."


def pair(text: str, actor: str, recipient: str, label: str) -> dict:
    a, r = text.index(actor), text.index(recipient)
    return {"text": text, "actor": {"start": a, "end": a + len(actor)},
            "recipient": {"start": r, "end": r + len(recipient)}, "label": label}


@pytest.fixture(scope="module")
def training_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("train") / "my-pairs.jsonl"
    rows = [pair(*s, "PROTEST") for s in SHELLING] + [pair(*s, "DISAPPROVE") for s in ACCUSING]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def model_dir(training_file, tmp_path_factory):
    out = tmp_path_factory.mktemp("model") / "my-model"
    result = CliRunner().invoke(main, ["train", "event-types", str(training_file), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "trained on 17 pairs of my-pairs.jsonl" in result.output
    return out


def test_train_writes_model_and_metadata(model_dir, training_file):
    assert sorted(p.name for p in model_dir.iterdir()) == ["metadata.json", "model.pkl"]
    meta = json.loads((model_dir / "metadata.json").read_text(encoding="utf-8"))
    assert meta["kind"] == "event-types"
    assert meta["labels"] == ["DISAPPROVE", "PROTEST"]
    assert meta["classes"] == ["ACCUSE", "PROTEST"]  # DISAPPROVE is PLOVER 2.0 ACCUSE
    assert meta["counts"] == {"DISAPPROVE": 8, "PROTEST": 9} and meta["n"] == 17
    assert meta["training"] == [{"file": "my-pairs.jsonl", "n": 17,
                                 "sha256": hashlib.sha256(training_file.read_bytes()).hexdigest()}]
    assert meta["flashpoint_version"] == flashpoint.__version__
    assert meta["created"][:2] == "20"


def test_user_model_changes_a_prediction(model_dir):
    a, r = TEST_TEXT.index("Serbian artillery"), TEST_TEXT.index("Albanian villages")
    spans = ((a, a + len("Serbian artillery")), (r, r + len("Albanian villages")))
    shipped = load_classifier().predict(TEST_TEXT, *spans)[0][0]
    mine = load_classifier(model_dir).predict(TEST_TEXT, *spans)[0][0]
    assert shipped == "ASSAULT"
    assert mine == "PROTEST"


def test_eval_event_types_with_model(model_dir, training_file):
    runner = CliRunner()
    mine = json.loads(runner.invoke(main, ["eval", "event-types", str(training_file), "--json",
                                           "--model", str(model_dir)]).output)
    shipped = json.loads(runner.invoke(main, ["eval", "event-types", str(training_file), "--json"]).output)
    assert mine["mode"] == f"model {model_dir}"
    assert mine["accuracy"] == pytest.approx(1.0)  # it learnt its own scheme
    assert shipped["accuracy"] <= 0.5  # the shipped model calls the shellings ASSAULT


def test_pipeline_and_api_carry_the_model(model_dir):
    events = Pipeline.default(model=model_dir).stages[Pipeline.default().names.index("events")]
    assert isinstance(events.classifier, TypeClassifier) and events.classifier.model == model_dir
    # the events stage's callable: sentence text and mention spans in article offsets
    from flashpoint.model import Span

    text = "Talks failed. " + TEST_TEXT
    actor = Span(text.index("Serbian"), text.index("Serbian") + len("Serbian artillery"), "Serbian artillery")
    recipient = Span(text.index("Albanian"), text.index("Albanian") + len("Albanian villages"), "Albanian villages")
    assert events.classifier(TEST_TEXT, actor, recipient)[0][0] == "PROTEST"
    assert TypeClassifier()(TEST_TEXT, actor, recipient)[0][0] == "ASSAULT"


# "hit" is a CAMEO-pattern trigger: the lexicon is unsure of it, so the events stage asks the model
UNSURE = "Thai F-16 jets hit Cambodian military targets after a clash on the border."


def types(events) -> list[tuple[str, str]]:
    return [(e["trigger"] if isinstance(e, dict) else e.trigger.text, e["type"] if isinstance(e, dict) else e.type)
            for e in events]


def test_api_analyze_with_model_changes_an_event_type(model_dir):
    shipped = flashpoint.analyze(UNSURE, published="2025-07-24")
    mine = flashpoint.analyze(UNSURE, published="2025-07-24", model=model_dir)
    assert ("hit", "ASSAULT") in types(shipped.events)
    assert ("hit", "PROTEST") in types(mine.events)
    assert "classifier:PROTEST" in next(e for e in mine.events if e.trigger.text == "hit").cues["events"]


def test_cli_analyze_with_model_changes_an_event_type(model_dir, tmp_path):
    path = tmp_path / "thai.txt"
    path.write_text(UNSURE + "\n", encoding="utf-8")
    runs = {}
    for name, extra in (("shipped", []), ("mine", ["--model", str(model_dir)])):
        result = CliRunner().invoke(main, ["analyze", str(path), "--published", "2025-07-24", "--format", "json",
                                           *extra])
        assert result.exit_code == 0, result.output
        runs[name] = [(e["trigger"]["text"], e["type"]) for e in json.loads(result.output)]
    assert ("hit", "ASSAULT") in runs["shipped"] and ("hit", "PROTEST") in runs["mine"]


@pytest.mark.parametrize("command", [["analyze", "{text}", "--published", "2024-05-01"],
                                     ["ingest", "{text}", "--db", "{db}"],
                                     ["eval", "event-types", "{pairs}"]])
def test_missing_or_bad_model_directory_is_a_one_line_error(command, tmp_path, training_file):
    text = tmp_path / "a.txt"
    text.write_text(TEST_TEXT + "\n", encoding="utf-8")
    bad = tmp_path / "not-a-model"
    bad.mkdir()
    (bad / "notes.txt").write_text("hello", encoding="utf-8")
    args = [a.format(text=text, db=tmp_path / "x.duckdb", pairs=training_file) for a in command]
    for model, reason in ((tmp_path / "nowhere", "no such model directory"),
                          (bad, "metadata.json is missing"), (text, "not a directory")):
        result = CliRunner().invoke(main, [*args, "--model", str(model)])
        assert result.exit_code == 2, result.output
        lines = [ln for ln in result.output.splitlines() if ln.strip()]
        assert lines == [f"error: {model}: " + lines[0].split(": ", 2)[2]] and reason in lines[0]


def test_api_rejects_a_bad_model_directory(tmp_path):
    with pytest.raises(ModelError, match="no such model directory"):
        flashpoint.analyze(TEST_TEXT, published="2024-05-01", model=tmp_path / "nowhere")


def test_model_with_a_corrupt_model_file(model_dir, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "metadata.json").write_text((model_dir / "metadata.json").read_text(encoding="utf-8"), encoding="utf-8")
    (broken / "model.pkl").write_bytes(b"not a pickle")
    with pytest.raises(ModelError, match="model.pkl: cannot load the model"):
        load_classifier(broken)


@pytest.mark.parametrize("line,reason", [
    ("{not json", "not JSON"),
    ('{"text": "Kyiv blamed Moscow.", "actor": {"start": 0, "end": 4}, "recipient": null}', "missing field 'label'"),
    ('{"text": "Kyiv blamed Moscow.", "actor": {"start": 0, "end": 40}, "recipient": null, "label": "ACCUSE"}',
     "actor span 0..40 is not inside the text"),
    ('{"text": "Kyiv blamed Moscow.", "actor": {"start": 0, "end": 4}, "recipient": null, "label": "BLAME"}',
     "unknown label 'BLAME'"),
])
def test_train_names_file_and_line_of_a_bad_record(tmp_path, line, reason):
    path = tmp_path / "bad.jsonl"
    good = json.dumps(pair(*ACCUSING[0], "ACCUSE"))
    path.write_text(good + "\n" + line + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["train", "event-types", str(path), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {path}:2: ") and reason in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "m").exists()


def test_train_needs_two_labels_and_an_empty_out(tmp_path, training_file, model_dir):
    one = tmp_path / "one.jsonl"
    one.write_text("".join(json.dumps(pair(*s, "ACCUSE")) + "\n" for s in ACCUSING), encoding="utf-8")
    result = CliRunner().invoke(main, ["train", "event-types", str(one), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2 and "needs at least two" in result.output
    result = CliRunner().invoke(main, ["train", "event-types", str(training_file), "--out", str(model_dir)])
    assert result.exit_code == 2 and "not empty (give --force to overwrite)" in result.output
