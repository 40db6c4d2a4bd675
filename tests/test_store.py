"""The store and ingest: one transaction per article, idempotent, resumable after a kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from flashpoint.ingest import ingest
from flashpoint.model import Actor, Entity, Event, Span
from flashpoint.readers import read
from flashpoint.store import Store

TEXTS = [
    "Russia has sent paratroopers to Belarus in a show of support for its ally amid tensions over migrants.",
    "British troops have deployed to Poland to address the ongoing situation at the Belarus border.",
    "Poland's prime minister called on NATO to take concrete steps to solve the migrant crisis.",
    "The Kremlin rejected claims that it was behind the migrant crisis on the Polish border.",
    "Ukraine said it would move 8,500 soldiers and police officers to its border with Belarus.",
]


def corpus(folder, n=len(TEXTS)):
    folder.mkdir(exist_ok=True)
    for i, text in enumerate(TEXTS[:n]):
        (folder / f"article{i}_2021-11-1{i}.txt").write_text(f"OUTLET: Outlet {i}\n\n{text}\n")
    return folder


def counts(db):
    with Store(db, read_only=True) as store:
        return store.counts()


def test_ingest_twice_changes_nothing(tmp_path):
    db, folder = tmp_path / "fp.duckdb", corpus(tmp_path / "in")
    first = ingest([folder], db)
    assert (first.new, first.unchanged, first.failures) == (5, 0, [])
    before = counts(db)
    assert before["articles"] == 5 and before["sentences"] >= 5
    second = ingest([folder], db)
    assert (second.new, second.unchanged) == (0, 5)
    assert counts(db) == before


def test_newer_pipeline_version_replaces_records(tmp_path, monkeypatch):
    import flashpoint.ingest as ingest_module
    import flashpoint.pipeline as pipeline_module

    db, folder = tmp_path / "fp.duckdb", corpus(tmp_path / "in", 2)
    ingest([folder], db)
    monkeypatch.setattr(pipeline_module, "PIPELINE_VERSION", "999.0")
    monkeypatch.setattr(ingest_module, "PIPELINE_VERSION", "999.0")
    again = ingest([folder], db)
    assert (again.replaced, again.new) == (2, 0)
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 2
        versions = {r[0] for r in store.con.execute("SELECT pipeline_version FROM articles").fetchall()}
    assert versions == {"999.0"}


def test_failed_write_leaves_nothing_half_written(tmp_path, pipeline):
    (article,) = read(corpus(tmp_path / "in", 1))
    article = pipeline(article)
    article.events = [Event(type="MOBILIZE", trigger=Span(10, 14, "sent", 0), sentence=0,
                            actor=[Actor(Entity("RUS", "MIL"))]),
                      Event(type="MOBILIZE", trigger=Span(10, 14, "sent", 0), sentence=0, actor=[])]
    db = tmp_path / "fp.duckdb"
    with Store(db) as store:
        original = store._event_row

        def boom(a, i, e):
            if i == 1:
                raise RuntimeError("disk full")
            return original(a, i, e)

        store._event_row = boom
        with pytest.raises(RuntimeError):
            store.write_article(article)
        assert store.counts() == {"articles": 0, "sentences": 0, "mentions": 0, "events": 0}
        store._event_row = original
        assert store.write_article(article) == "new"
        assert store.counts()["events"] == 2


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path):
    folder = corpus(tmp_path / "in", 2)
    (folder / "empty.txt").write_text("")
    (folder / "feed.jsonl").write_text('{"id": "x1", "text": "broken\n')
    summary = ingest([folder], tmp_path / "fp.duckdb")
    assert summary.new == 2 and len(summary.failures) == 2
    assert any("empty.txt: empty" in f for f in summary.failures)
    assert any("feed.jsonl:1: malformed JSON" in f for f in summary.failures)


def test_killed_ingest_finishes_on_rerun(tmp_path):
    """SIGKILL an ingest after its first stored article; running it again stores the rest, once."""
    db, folder = tmp_path / "fp.duckdb", corpus(tmp_path / "in")
    cmd = [sys.executable, "-m", "flashpoint", "ingest", str(folder), "--db", str(db), "--no-progress"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    first = proc.stderr.readline()
    assert first.startswith("new"), first
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(0.2)
    stored = counts(db)["articles"]
    assert 1 <= stored <= 5
    rerun = subprocess.run(cmd, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{5 - stored} new" in rerun.stdout and f"{stored} unchanged" in rerun.stdout
    final = counts(db)
    assert final["articles"] == 5
    with Store(db, read_only=True) as store:
        ids = [r[0] for r in store.con.execute("SELECT article_id FROM sentences").fetchall()]
        articles = store.con.execute("SELECT id, n_sentences FROM articles").fetchall()
    for article_id, n in articles:
        assert ids.count(article_id) == n  # no duplicated and no missing rows


def test_workers_give_the_same_records(tmp_path):
    folder = corpus(tmp_path / "in")
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    ingest([folder], one)
    summary = ingest([folder], two, workers=2)
    assert summary.new == 5 and not summary.failures
    q = "SELECT id, n_sentences, n_events, text FROM articles ORDER BY id"
    with Store(one, read_only=True) as a, Store(two, read_only=True) as b:
        assert a.con.execute(q).fetchall() == b.con.execute(q).fetchall()


def test_load_events_dataframe(tmp_path, pipeline):
    import flashpoint

    (article,) = read(corpus(tmp_path / "in", 1))
    article = pipeline(article)
    start = article.text.index("sent")
    article.events = [Event(type="MOBILIZE", trigger=article.span(start, start + 4), sentence=0,
                            actor=[Actor(Entity("RUS", "MIL"))], evidence=article.sentences[0].text)]
    db = tmp_path / "fp.duckdb"
    with Store(db) as store:
        store.write_article(article)
        assert store.article(article.id).events[0].actor[0].entity.code == "RUSMIL"
        assert store.query_events(actor="RUS")[0]["trigger"] == "sent"
        assert store.query_events(actor="POL") == []
    df = flashpoint.load_events(db)
    assert list(df["type"]) == ["MOBILIZE"] and df["actor"][0] == "RUSMIL"
