"""Event-type classifier: offline loading, labels on real sentences, the label table, and the
arithmetic of ``flashpoint eval event-types`` on a tiny hand-made file."""

from __future__ import annotations

import json
import socket

import pytest
from click.testing import CliRunner

from flashpoint.classifier import Item, load_classifier, load_label_map
from flashpoint.classifier.training import read_plover_gold, score


def span(text: str, surface: str) -> tuple[int, int]:
    start = text.index(surface)
    return start, start + len(surface)


@pytest.fixture(scope="module")
def clf():
    return load_classifier()


def test_loads_without_network(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")

    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    load_classifier.cache_clear()
    clf = load_classifier()
    text = "Lukashenko threatened to cut off gas supplies to Europe."
    label, p = clf.predict(text, actor=span(text, "Lukashenko"), recipient=span(text, "Europe"))[0]
    assert label == "THREATEN" and 0 < p <= 1


CASES = [
    ("Ukraine accused Russia of massing troops near the border.", "Ukraine", "Russia", "ACCUSE"),
    ("Lukashenko threatened to cut off gas supplies to Europe.", "Lukashenko", "Europe", "THREATEN"),
    ("Belarus refused to accept the demands of the European Union.", "Belarus", "European Union", "REJECT"),
    ("Russian artillery shelled Ukrainian positions near Donetsk on Sunday.", "Russian artillery",
     "Ukrainian positions", "ASSAULT"),
    ("Thousands of Georgians demonstrated outside the parliament against the foreign agents law.",
     "Thousands of Georgians", "the parliament", "PROTEST"),
]


@pytest.mark.parametrize("text,actor,recipient,label", CASES)
def test_predicts_sensible_labels(clf, text, actor, recipient, label):
    a, r = span(text, actor), span(text, recipient)
    assert text[a[0]:a[1]] == actor and text[r[0]:r[1]] == recipient
    ranked = clf.predict(text, actor=a, recipient=r)
    assert ranked[0][0] == label
    probs = [p for _, p in ranked]
    assert probs == sorted(probs, reverse=True)
    assert sum(probs) == pytest.approx(1.0)
    assert {lab for lab, _ in ranked} <= set(load_label_map().plover_labels)


def test_predict_many_matches_predict_and_reuses_a_parse(clf):
    from flashpoint.stages.nlp import load_model

    text = ("The talks went on for hours. Ukraine accused Russia of massing troops near the border.")
    doc = load_model()(text)
    a, r = span(text, "Ukraine"), span(text, "Russia")
    one = clf.predict(text, actor=a, recipient=r)
    batch = clf.predict_many([Item(text, a, r, doc), (text, a, None)])
    assert batch[0][0][0] == one[0][0] == "ACCUSE"
    assert len(batch) == 2 and batch[1][0][1] > 0


def test_yield_splits_into_concede_and_retreat_by_material_cue(clf):
    text = "Ethiopia withdrew its soldiers from the disputed town of Badme in Eritrea."
    ranked = dict(clf.predict(text, actor=span(text, "Ethiopia"), recipient=span(text, "Eritrea")))
    assert "YIELD" not in ranked
    assert ranked["RETREAT"] > ranked["CONCEDE"]


def test_label_map_converts_yield_both_ways():
    m = load_label_map()
    assert m.to_plover("YIELD") == ("CONCEDE", "RETREAT")
    assert m.to_scheme("CONCEDE", {"YIELD", "AGREE"}) == "YIELD"
    assert m.to_scheme("RETREAT", {"YIELD", "AGREE"}) == "YIELD"
    assert m.to_scheme("RETREAT", {"RETREAT", "CONCEDE"}) == "RETREAT"
    assert m.coarse("CONCEDE") == m.coarse("RETREAT") == m.coarse("YIELD") == "YIELD"
    assert [m.to_plover(x) for x in ("DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT")] == [
        ("REQUEST",), ("ACCUSE",), ("ACCUSE",), ("ASSAULT",)]
    assert len(m.plover_labels) == 16
    with pytest.raises(KeyError):
        m.to_plover("DOCUMENT")


def test_score_arithmetic_by_hand():
    gold = ["YIELD", "YIELD", "ACCUSE", "DISAPPROVE", "ASSAULT"]
    pred = [[("RETREAT", 0.9)], [("CONCEDE", 0.6)], [("ACCUSE", 0.8)], [("ASSAULT", 0.5)], [("ASSAULT", 0.7)]]
    s = score(gold, pred)
    # gold in 2.0 where 2.0 merged (DISAPPROVE -> ACCUSE); CONCEDE/RETREAT count as YIELD
    assert s["n"] == 5 and s["accuracy"] == pytest.approx(4 / 5)
    assert s["per_class"]["YIELD"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 2, "predicted": 2}
    assert s["per_class"]["ACCUSE"]["recall"] == pytest.approx(0.5)
    assert s["per_class"]["ASSAULT"]["precision"] == pytest.approx(0.5)
    # F1: YIELD 1, ACCUSE 2/3 (P 1, R .5), ASSAULT 2/3 (P .5, R 1)
    assert s["macro_f1"] == pytest.approx((1 + 2 / 3 + 2 / 3) / 3)
    assert s["confusions"] == [{"gold": "ACCUSE", "predicted": "ASSAULT", "count": 1}]


def test_eval_event_types_command_on_a_tiny_file(tmp_path):
    from flashpoint.cli import main

    rows = []
    for text, actor, recipient, label in CASES[:3] + [
        ("The kidnappers released the two Italian aid workers to the Red Crescent.", "The kidnappers",
         "the two Italian aid workers", "YIELD")]:
        a, r = span(text, actor), span(text, recipient)
        rows.append({"text": text, "actor": {"start": a[0], "end": a[1]},
                     "recipient": {"start": r[0], "end": r[1]}, "label": label})
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "event-types", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["n"] == 4
    assert report["accuracy"] == pytest.approx(1.0)  # RETREAT predicted on YIELD counts
    assert report["macro_f1"] == pytest.approx(1.0)


def test_plover_gold_markup_gives_checked_spans(tmp_path):
    record = [{"id": "x", "event": "DEMAND", "textInfo": {"markup":
               "(SRC: Libya) has (EVT: demanded) that (TAR: Great Britain) return two of its nationals."}}]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    (item,), labels = read_plover_gold(path)
    assert item.text == "Libya has demanded that Great Britain return two of its nationals."
    assert item.text[item.actor[0]:item.actor[1]] == "Libya"
    assert item.text[item.recipient[0]:item.recipient[1]] == "Great Britain"
    assert labels == ["DEMAND"]
