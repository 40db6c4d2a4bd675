"""Property test of the readers: random and mutated files yield articles or one-line errors
naming the file, never a crash. CI runs a few hundred cases; FLASHPOINT_PROPERTY_CASES=10000 for
the benchmark run."""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoint.model import Article
from flashpoint.readers import ReadError, iter_path

CASES = int(os.environ.get("FLASHPOINT_PROPERTY_CASES", "200"))

SEED_TEXT = ("TITLE: Troops at the border\nDATE: 2021-11-12\nOUTLET: TRT\n\nRussia has sent paratroopers to "
             "Belarus in a show of support for its ally amid tensions over migrants.\n").encode()
SEED_FEED = (json.dumps({"id": 1, "text": "British troops have deployed to Poland.", "published": "2021-11-12"})
             + "\n").encode()
SEED_HTML = (b"<html><head><title>Border</title></head><body><p>Poland's prime minister called on NATO "
             b"to take concrete steps to solve the migrant crisis.</p></body></html>")
SEEDS = {".txt": SEED_TEXT, ".jsonl": SEED_FEED, ".html": SEED_HTML}


@st.composite
def mutated(draw):
    suffix = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[suffix])
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=20))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 20))]
        else:
            del data[at:]
    return suffix, bytes(data)


inputs = st.one_of(mutated(), st.tuples(st.sampled_from([".txt", ".jsonl", ".html"]), st.binary(max_size=400)))


@settings(max_examples=CASES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=inputs)
def test_any_input_gives_articles_or_one_line_errors(tmp_path, case):
    suffix, data = case
    path = tmp_path / f"input_2021-11-12{suffix}"
    path.write_bytes(data)
    for item in iter_path(path, published=None):
        if isinstance(item, ReadError):
            message = str(item)
            assert message.startswith(str(path)) and "\n" not in message, message
        else:
            assert isinstance(item, Article) and item.text.strip() and item.id
