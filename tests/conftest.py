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
