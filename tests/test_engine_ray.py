"""ingest --engine ray: on a local Ray (num_cpus=2) the same articles, events and event ids as the
local engine on the shared examples; a crashing article reported; a re-run after an interruption
analyses only what is missing.

No real article is known to crash the pipeline (a text over spaCy's length limit is parsed in
sections), so the Ray workers of this module are started with a setup hook (Ray's own
``worker_process_setup_hook``) that makes the quantities stage fail on one marked article, as a
stage's bug would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import ray

from flashpoint.engine_ray import block_sizes, ingest_ray, shards
from flashpoint.ingest import ingest
from flashpoint.store import Store

from conftest import shared



@pytest.fixture
def examples():
    return shared("examples")

EVENTS = "SELECT article_id, event_id, type, actor, recipient, status, record FROM events ORDER BY article_id, event_id"


CRASH_MARKER = "<<a sentence the quantities stage cannot read>>"


def _quantities_fail_on_the_marker() -> None:
    """Runs in every Ray worker before it takes work."""
    from flashpoint.stages.quantities import Quantities

    read = Quantities.__call__

    def call(self, article):
        if CRASH_MARKER in article.text:
            raise ValueError("cannot read the quantities of this article")
        return read(self, article)

    Quantities.__call__ = call


@pytest.fixture(scope="module", autouse=True)
def local_ray():
    import sys

    from ray import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this module
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False,
             runtime_env={"worker_process_setup_hook": _quantities_fail_on_the_marker})
    yield
    ray.shutdown()


def _rows(db: Path, sql: str) -> list[tuple]:
    with Store(db, read_only=True) as store:
        return store.con.execute(sql).fetchall()


def test_ray_gives_the_local_engines_events_and_ids(tmp_path, examples):
    local, distributed = tmp_path / "local.duckdb", tmp_path / "ray.duckdb"
    a = ingest([examples], local)
    b = ingest_ray([examples], distributed, tmp_path / "out", workers=2)
    assert (b.read, b.new, b.events, b.failures) == (a.read, a.new, a.events, [])
    assert a.events > 100
    assert _rows(distributed, "SELECT id, content_hash, text FROM articles ORDER BY id") == \
        _rows(local, "SELECT id, content_hash, text FROM articles ORDER BY id")
    assert _rows(distributed, EVENTS) == _rows(local, EVENTS)
    rows = list(shards(tmp_path / "out"))
    assert sorted(r["id"] for r in rows) == [r[0] for r in _rows(local, "SELECT id FROM articles ORDER BY id")]
    assert sum(r["n_events"] for r in rows) == a.events
    # each actor wrote one shard per batch, and nothing half-written is left
    files = sorted(p.name for p in (tmp_path / "out" / "articles").iterdir())
    assert len(files) == len(block_sizes(len(rows), 2, 8)) and all(f.endswith(".parquet") for f in files)


def test_batches_shrink_at_the_end_so_the_actors_finish_together():
    sizes = block_sizes(220, 2, 8)
    assert sum(sizes) == 220 and sizes == sorted(sizes, reverse=True)
    assert sizes[:20] == [8] * 20 and sizes[-4:] == [1, 1, 1, 1]
    assert sum(sizes[-8:]) <= 16  # the last eight batches hold fewer articles than two full ones
    assert block_sizes(3, 2, 8) == [1, 1, 1] and block_sizes(1, 1, 8) == [1]


def test_a_crashing_article_is_reported_and_a_rerun_analyses_only_what_is_missing(tmp_path, examples):
    nov = examples / "nov2021"
    inbox, out, db = tmp_path / "inbox", tmp_path / "out", tmp_path / "fp.duckdb"
    inbox.mkdir()
    first = sorted(nov.glob("0*.txt"))
    for f in first:
        shutil.copy(f, inbox / f.name)
    bad = {"id": "bad-wire-item", "published": "2021-11-12", "outlet": "wire",
           "text": f"Belarusian troops moved to the border near Kuznica. {CRASH_MARKER}"}
    (inbox / "dump.jsonl").write_text(json.dumps(bad) + "\n", encoding="utf-8")

    s1 = ingest_ray([inbox], db, out, workers=2)
    assert (s1.read, s1.new) == (len(first) + 1, len(first))
    assert len(s1.failures) == 1 and "bad-wire-item" in s1.failures[0] and "quantities" in s1.failures[0]
    failed = [r for r in shards(out) if r["error"]]
    assert len(failed) == 1 and "bad-wire-item" in failed[0]["id"] and failed[0]["record"] is None

    # an interruption after the dataset was written and before the store was: the store is lost,
    # and more articles have arrived
    db.unlink()
    later = sorted(nov.glob("1*.txt"))
    for f in later:
        shutil.copy(f, inbox / f.name)
    before = len(list((out / "articles").glob("*.parquet")))
    s2 = ingest_ray([inbox], db, out, workers=2)
    assert s2.new == len(first) + len(later) and len(s2.failures) == 1
    new_rows = [r for r in shards(out)][:]
    analysed = sorted(r["id"].split("_")[0] for r in new_rows)
    # the first files were analysed once; the later ones and the crashing dump once more
    assert analysed.count("03") == 1 and analysed.count("11") == 1
    assert sum("bad-wire-item" in r["id"] for r in new_rows) == 2
    assert len(list((out / "articles").glob("*.parquet"))) > before

    s3 = ingest_ray([inbox], db, out, workers=2)  # all stored: only the crashing article is tried again
    assert (s3.unchanged, s3.new, len(s3.failures)) == (len(first) + len(later), 0, 1)
    assert sum("bad-wire-item" in r["id"] for r in shards(out)) == 3


def test_articles_no_worker_ran_are_failures_not_an_empty_success(tmp_path, examples, monkeypatch):
    # as when Ray cannot schedule the pool on a loaded machine: the run ends with no shard written
    monkeypatch.setattr("flashpoint.engine_ray._analyse", lambda *args, **kwargs: [])
    monkeypatch.setattr(ray, "is_initialized", lambda: True)
    summary = ingest_ray([examples / "wsws-2021-11-15-nato-escalation.txt"], tmp_path / "fp.duckdb", tmp_path / "out")
    assert (summary.read, summary.new) == (1, 0)
    assert len(summary.failures) == 1 and "not analysed" in summary.failures[0]
