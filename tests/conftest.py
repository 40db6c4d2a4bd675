"""Shared fixtures: the example article, the parsed pipeline (loaded once per session), and the
shared/ folder beside the repository (gold files and benchmarks are read from there)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "wsws-2021-11-15-nato-escalation.txt"
SHARED = Path(__import__("os").environ.get("FLASHPOINT_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def pipeline():
    from flashpoint.pipeline import Pipeline

    return Pipeline.default()


@pytest.fixture(scope="session")
def example(pipeline):
    """The example article, read and run through the whole default pipeline once."""
    from flashpoint.readers import read

    (article,) = read(EXAMPLE)
    return pipeline(article)


@pytest.fixture(scope="session")
def rules_pipeline():
    """The default pipeline without the learned ``detection`` stage: what the rules propose, so
    that a test of a rule does not depend on the model's weights (``tests/test_detection.py``
    tests the model)."""
    from flashpoint.pipeline import Pipeline

    return Pipeline.default(exclude=("detection",))


@pytest.fixture
def analyze(rules_pipeline):
    """Run the rule stages on a sentence or two (published 2021-11-15 unless given)."""
    from flashpoint.readers import article_from_text

    def run(text: str, published: dt.date = dt.date(2021, 11, 15)):
        return rules_pipeline(article_from_text(text, source="<test>", published=published, check=False))

    return run


def shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available (set FLASHPOINT_SHARED)")
    return path


# -- the web tests (helpers in web_server.py) ----------------------------------------------------
@pytest.fixture(scope="session")
def examples_db(tmp_path_factory, pipeline) -> Path:
    """A store with every example article ingested (the same files `flashpoint ingest` reads)."""
    from flashpoint.ingest import ingest

    db = tmp_path_factory.mktemp("web") / "examples.duckdb"
    summary = ingest([ROOT / "examples", shared("examples")], db, pipeline=pipeline)
    assert summary.stored >= 1 and not summary.failures, summary.line()
    return db


@pytest.fixture(scope="session")
def served_copy(examples_db, tmp_path_factory) -> Path:
    """A copy of the examples store that the browser and API tests may write to."""
    import shutil

    copy = tmp_path_factory.mktemp("served") / "served.duckdb"
    shutil.copyfile(examples_db, copy)
    return copy


@pytest.fixture(scope="session")
def live(served_copy):
    """A server on a loopback port over ``served_copy``."""
    from web_server import LiveServer, make_app

    with LiveServer(make_app(served_copy)) as server:
        yield server


@pytest.fixture(scope="module")
def time_only():
    """repair + nlp, then events placed on the given trigger words, then the time stage:
    ``run(text, triggers, published)`` gives the article with its events dated."""
    from flashpoint.model import Event
    from flashpoint.pipeline import Pipeline
    from flashpoint.readers import article_from_text
    from flashpoint.stages.time import Time

    nlp = Pipeline(["repair", "nlp"])
    time = Time()

    def run(text, triggers, published):
        article = article_from_text(text, source="<test>", published=published, check=False)
        for component in nlp.stages:  # keep article.spacy for the time stage
            article = component(article)
        for word in triggers:
            start = article.text.index(word)
            span = article.span(start, start + len(word))
            article.events.append(Event(type="X", trigger=span, sentence=span.sentence))
        return time(article)

    return run
