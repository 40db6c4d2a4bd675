"""The stage registry and the pipeline: build-time checks, per-article error capture."""

from __future__ import annotations

import pytest

from flashpoint.model import Article
from flashpoint.pipeline import Pipeline, get_stage, stage


def test_unknown_stage_is_named():
    with pytest.raises(ValueError, match="unknown stage 'nosuch'"):
        Pipeline(["repair", "nosuch"])


def test_requires_is_checked_when_built():
    @stage("needs_sentences_test", requires=("article.sentences",))
    class NeedsSentences:
        def __call__(self, article):
            return article

    with pytest.raises(ValueError, match="requires .*article.sentences"):
        Pipeline(["repair", "needs_sentences_test"])
    assert Pipeline(["repair", "nlp", "needs_sentences_test"]).names[-1] == "needs_sentences_test"


def test_one_failing_article_does_not_stop_the_batch():
    @stage("explodes_on_boom_test", requires=("article.sentences",))
    class Explodes:
        def __call__(self, article):
            if "boom" in article.text:
                raise RuntimeError("boom found")
            return article

    pipe = Pipeline(["repair", "nlp", "explodes_on_boom_test"])
    articles = [Article(id=str(i), text=t) for i, t in enumerate(
        ["Russia deployed troops.", "A boom was heard.", "Poland closed the border."])]
    results = list(pipe.pipe(articles))
    assert [r.ok for r in results] == [True, False, True]
    assert "explodes_on_boom_test" in str(results[1].error) and "1:" in str(results[1].error)
    assert results[2].article.sentences[0].text == "Poland closed the border."
    assert all(r.article.spacy is None for r in results)  # no spaCy object leaves the pipeline


def test_stages_are_registered_by_module_name():
    assert get_stage("repair").factory.stage_name == "repair"
    assert "article.sentences" in get_stage("nlp").assigns
