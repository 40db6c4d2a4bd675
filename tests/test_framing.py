"""The framing stage on sentences of the example article (WSWS, 2021-11-15), the span scorer on
hand-made cases whose figures are worked out by hand, and ``flashpoint eval framing`` in process."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from flashpoint.eval.framing import DEFAULT_TECHNIQUES, merge_intervals, parse_techniques, score_spans
from flashpoint.stages.framing import aggregate_framing


def spans_of(article, kind=None):
    return [f for f in article.framing if kind is None or f.kind == kind]


def texts(article, kind):
    return [f.span.text for f in spans_of(article, kind)]


# -- the stage on the example article ----------------------------------------------------------

def test_offsets_refer_to_the_repaired_text(example):
    assert example.framing
    for f in example.framing:
        assert example.text[f.span.start:f.span.end] == f.span.text
        assert f.span.sentence is not None
        assert f.kind in ("loaded_language", "name_calling", "scare_quote", "intensifier")


def test_hysterical_campaign_is_loaded_language(example):
    (f,) = [f for f in spans_of(example, "loaded_language") if "hysterical" in f.span.text]
    # the loaded adjective is widened to the noun it modifies
    assert f.span.text == "hysterical campaign"
    assert example.text[f.span.start:f.span.end + len(" against refugees")].endswith("against refugees")
    assert "hysterical" in f.cue


def test_far_right_government_is_name_calling(example):
    start = example.text.index("The far-right Polish government")
    hits = [f for f in spans_of(example, "name_calling") if f.span.start <= start + 4 < f.span.end]
    assert len(hits) == 1
    assert "far-right" in hits[0].span.text
    assert example.text[hits[0].span.start:hits[0].span.end] == hits[0].span.text


def test_imperialist_backed_is_a_label(example):
    assert any("imperialist-backed" in t for t in texts(example, "name_calling"))


def test_scare_quotes_around_retake(example):
    (f,) = [f for f in spans_of(example, "scare_quote") if "retake" in f.span.text]
    assert f.span.text == '"retake"'
    assert example.text[f.span.start:f.span.end] == '"retake"'


def test_a_quote_after_a_speech_verb_is_not_a_scare_quote(example):
    # Morawiecki "called it "inevitable"": reported speech, not distancing quotation marks
    assert not any("inevitable" in t for t in texts(example, "scare_quote"))
    # Putin "described ... as a "serious challenge"": the quote hangs on a speech verb via "as"
    assert not any("serious challenge" in t for t in texts(example, "scare_quote"))


def test_quotations_pair_in_order_within_a_line():
    from flashpoint.stages.framing import quotations

    text = 'He said "we will act." Then he said "never"\n"an unclosed quote'
    assert [text[s:e] for s, e in quotations(text)] == ['"we will act."', '"never"']


def test_sentence_measures(example):
    sent = example.sentences[example.sentence_at(example.text.index("The hysterical campaign"))]
    m = sent.framing
    assert m["loaded"] >= 1 and m["opinion"] == 1
    assert m["loaded_density"] == pytest.approx(100 * m["loaded"] / m["words"], abs=1e-3)
    for s in example.sentences:
        assert set(s.framing) == {"words", "loaded", "loaded_density", "intensifiers", "scare_quotes", "opinion"}


def test_article_stats_and_quoted_sources(example):
    st = example.stats["framing"]
    assert st["loaded"] == len([f for f in example.framing if f.kind in ("loaded_language", "name_calling")])
    assert st["loaded_density"] == pytest.approx(100 * st["loaded"] / st["words"], abs=1e-3)
    assert 0 < st["opinion_share"] < 1
    speakers = {q["speaker"]: q for q in st["quoted_sources"]}
    putin = speakers["Russian president Vladimir Putin"]
    assert example.text[putin["start"]:putin["end"]] == "Russian president Vladimir Putin"
    assert putin["verb"] == "describe"


def test_a_plain_report_has_no_loaded_language(analyze):
    article = analyze("Russia deployed troops to Belarus on Friday.")
    assert spans_of(article, "loaded_language") == [] and spans_of(article, "name_calling") == []
    assert article.sentences[0].framing["opinion"] == 0
    assert article.stats["framing"]["loaded_density"] == 0.0


def test_aggregate_framing_pools_counts():
    a = {"words": 100, "loaded": 3, "intensifiers": 1, "scare_quotes": 2, "sentences": 5, "opinion_sentences": 2,
         "quoted_sources": [{"speaker": "the Kremlin", "entity": "RUSGOV"}, {"speaker": "Kuleba", "entity": None}]}
    b = {"words": 300, "loaded": 1, "intensifiers": 0, "scare_quotes": 0, "sentences": 15, "opinion_sentences": 3,
         "quoted_sources": [{"speaker": "Peskov", "entity": "RUSGOV"}]}
    out = aggregate_framing([a, b])
    assert out["articles"] == 2 and out["words"] == 400
    assert out["loaded_density"] == 1.0  # 4 spans in 400 words
    assert out["opinion_share"] == 0.25  # 5 of 20 sentences
    assert out["quoted_sources"] == {"RUSGOV": 2, "Kuleba": 1}


# -- the scorer ----------------------------------------------------------------------------------

def test_partial_overlap_credit_by_hand():
    # predicted [0, 4) inside gold [2, 10): overlap 2 -> P = 2/4, R = 2/8, F1 = 2PR/(P+R) = 1/3
    r = score_spans({"a": [(0, 4)]}, {"a": [(2, 10)]})
    assert r["precision"] == pytest.approx(0.5)
    assert r["recall"] == pytest.approx(0.25)
    assert r["f1"] == pytest.approx(1 / 3)


def test_scorer_merges_overlaps_and_counts_spurious_articles():
    # gold spans [0,5) and [3,10) merge into [0,10); predicted [0,10) in "a" is perfect, [0,6) in "b"
    # (no gold) is spurious: P = (1 + 0) / 2, R = 1 / 1
    r = score_spans({"a": [(0, 10)], "b": [(0, 6)]}, {"a": [(0, 5), (3, 10)]})
    assert (r["predicted"], r["gold"]) == (2, 1)
    assert r["precision"] == pytest.approx(0.5)
    assert r["recall"] == pytest.approx(1.0)
    assert merge_intervals([(5, 8), (0, 3), (2, 4), (8, 9)]) == [(0, 4), (5, 8), (8, 9)]


def test_one_prediction_over_two_gold_spans():
    # predicted [0, 10) over gold [0, 2) and [6, 10): P = (2 + 4) / 10, R = (1 + 1) / 2
    r = score_spans({"a": [(0, 10)]}, {"a": [(0, 2), (6, 10)]})
    assert r["precision"] == pytest.approx(0.6)
    assert r["recall"] == pytest.approx(1.0)


def test_technique_names_with_commas():
    known = {"Loaded_Language", "Name_Calling,Labeling", "Exaggeration,Minimisation", "Doubt"}
    assert parse_techniques("Loaded_Language,Name_Calling,Labeling", known) == DEFAULT_TECHNIQUES
    assert parse_techniques("name_calling,labeling, doubt", known) == ("Name_Calling,Labeling", "Doubt")
    assert parse_techniques(None, known) == DEFAULT_TECHNIQUES
    assert len(parse_techniques("all", known)) == 4
    with pytest.raises(ValueError, match="Name_Calling"):
        parse_techniques("Name_Calling", known)  # half a name is not a technique


# -- the command -------------------------------------------------------------------------------

def test_eval_framing_command(tmp_path):
    from flashpoint.cli import main

    text = "The hysterical campaign against refugees goes on.\nTroops arrived on Friday."
    start = text.index("hysterical")
    record = {"id": "t1", "text": text,
              "spans": [{"start": start, "end": start + len("hysterical"), "technique": "Loaded_Language"},
                        {"start": 0, "end": 3, "technique": "Doubt"}]}
    path = tmp_path / "mini.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "framing", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    # predicted "hysterical campaign" (19 characters) over gold "hysterical" (10): P = 10/19, R = 1
    assert report["predicted"] == 1 and report["gold"] == 1
    assert report["precision"] == pytest.approx(10 / 19)
    assert report["recall"] == pytest.approx(1.0)
    assert report["techniques"] == ["Loaded_Language", "Name_Calling,Labeling"]

    bad = CliRunner().invoke(main, ["eval", "framing", str(path), "--techniques", "Nonsense"])
    assert bad.exit_code == 2 and "unknown technique" in bad.output


# -- the hit scorer ----------------------------------------------------------------------------

def test_scorer_keeps_a_precise_entry_and_drops_an_imprecise_one(analyze):
    # "witch hunt" overlapped gold spans in most of its calibration hits, "illegal" in almost none
    text = "The senator called the inquiry a shocking witch hunt against him. The border crossing was illegal."
    article = analyze(text)
    loaded = [f for f in article.framing if f.kind in ("loaded_language", "name_calling")]
    assert any("witch hunt" in f.span.text for f in loaded)
    assert not any("illegal" in f.span.text for f in loaded)
    for f in loaded:
        assert text[f.span.start:f.span.end] == f.span.text


def test_scorer_rates_hits_by_entry_and_context(pipeline):
    from flashpoint.stages.framing import Framing, SCORER_FEATURES, hit_contexts

    stage = Framing()
    assert stage.scorer is not None and len(stage.scorer["weights"]) == len(SCORER_FEATURES)
    nlp = pipeline.stages[pipeline.names.index("nlp")].nlp
    doc = nlp("What a shocking witch hunt! They lied about the fraud.")
    contexts = hit_contexts(doc, stage.widened_hits(doc))
    probs = {c["entry"]: stage.hit_probability(c) for c in contexts}
    assert probs["witch hunt"] > stage.scorer["threshold"] > probs["fraud"]
    ctx = next(c for c in contexts if c["entry"] == "witch hunt")
    assert ctx["exclamation"] and doc.text[ctx["start"]:ctx["end"]].endswith("witch hunt")


def test_without_scorer_the_calibration_cut_applies(analyze):
    from flashpoint.stages.framing import Framing

    stage = Framing(use_scorer=False)
    assert stage.scorer is None
    assert "illegal" not in stage.lexicon["loaded_language"]  # below min_precision on calibration
    assert "far-right" in stage.lexicon["name_calling"]  # kept by keep.txt
