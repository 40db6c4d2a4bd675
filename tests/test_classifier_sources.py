"""The shipped classifier's training sources (spans read from the parse, the CAMEO table) and
the numpy sentence encoder."""

from __future__ import annotations

import numpy as np
import pytest

from flashpoint.classifier.encoder import WordPiece, load_encoder
from flashpoint.classifier.sources import _repair_macroman, cameo_labels, subject_object
from flashpoint.stages.nlp import load_model


@pytest.mark.parametrize("text,actor,recipient", [
    ("Russia expelled ten Estonian diplomats in a tit-for-tat move.", "Russia", "ten Estonian diplomats"),
    ("Jordan and Britain have agreed to undertake joint military exercises this month, "
     "a Jordanian official confirmed.", "Jordan and Britain", None),
    ("The convoy was ambushed by gunmen.", "gunmen", "The convoy"),
    ("Kyiv appealed to Washington for more air defence systems.", "Kyiv", "Washington"),
])
def test_subject_object_reads_actor_and_recipient_from_the_parse(text, actor, recipient):
    sent = next(iter(load_model()(text).sents))
    a, r = subject_object(sent)
    assert text[a[0]:a[1]] == actor
    assert (text[r[0]:r[1]] if r else None) == recipient


def test_cameo_table_and_mojibake(tmp_path):
    path = tmp_path / "c2p.txt"
    path.write_text("# header\n03: AGREE\n0311: AGREE,  ,   economic # cooperate\n1723: COERCE, curfew\n",
                    encoding="utf-8")
    assert cameo_labels(path) == {"03": "AGREE", "0311": "AGREE", "1723": "COERCE"}
    assert _repair_macroman("Moscow\u201a\u00c4\u00f4s will") == "Moscow\u2019s will"
    assert _repair_macroman("plain text, unchanged") == "plain text, unchanged"


def test_wordpiece_lowercases_strips_accents_and_splits_punctuation():
    vocab = {w: i for i, w in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "resume", "kyiv", ",", "shell",
                                          "##ed", "!"])}
    tok = WordPiece(vocab)
    assert tok.words("Résumé, KYIV shelled!") == ["resume", ",", "kyiv", "shelled", "!"]
    assert tok.encode("Résumé, KYIV shelled! Zzz") == [2, 4, 6, 5, 7, 8, 9, 1, 3]


def test_encoder_embeddings_are_unit_length_and_meaningful():
    enc = load_encoder()
    vecs = enc.encode(["Troops shelled the town overnight.", "Artillery pounded the city.",
                       "The foreign ministers resumed peace talks.", "Troops shelled the town overnight."])
    assert vecs.shape == (4, 384) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert float(vecs[0] @ vecs[1]) > float(vecs[0] @ vecs[2]) + 0.1
    assert np.array_equal(vecs[0], vecs[3])
