"""Reliability: the defects of issue 16, one test each (collisions, edits, versions, reads that
write, hostile output, the API's wrong path)."""

from __future__ import annotations

import json

import pytest

from flashpoint.ingest import ingest
from flashpoint.store import Store

TEXTS = [
    "Russia has sent paratroopers to Belarus in a show of support for its ally amid tensions over migrants.",
    "British troops have deployed to Poland to address the ongoing situation at the Belarus border.",
    "Poland's prime minister called on NATO to take concrete steps to solve the migrant crisis.",
    "The Kremlin rejected claims that it was behind the migrant crisis on the Polish border.",
]


def feed(path, texts, *, start=1):
    path.write_text("".join(json.dumps({"id": i, "text": t, "published": "2021-11-12", "outlet": "TRT"}) + "\n"
                            for i, t in enumerate(texts, start=start)))
    return path


def stored(db, sql="SELECT count(*) FROM articles"):
    with Store(db, read_only=True) as store:
        return store.con.execute(sql).fetchall()


def test_two_feeds_with_the_same_ids_keep_all_their_articles(tmp_path):
    db = tmp_path / "fp.duckdb"
    a, b = feed(tmp_path / "a.jsonl", TEXTS[:2]), feed(tmp_path / "b.jsonl", TEXTS[2:])
    first = ingest([a, b], db)
    assert (first.read, first.new, first.replaced) == (4, 4, 0)
    assert stored(db) == [(4,)]
    again = ingest([a, b], db)
    assert (again.new, again.replaced, again.unchanged) == (0, 0, 4)
    texts = {t for (t,) in stored(db, "SELECT text FROM articles")}
    assert all(any(t.strip() == s for s in texts) for t in TEXTS)


def test_an_edited_file_replaces_its_earlier_version(tmp_path):
    db, path = tmp_path / "fp.duckdb", tmp_path / "report_2021-11-12.txt"
    path.write_text("OUTLET: TRT\n\n" + TEXTS[0] + "\n")
    ingest([path], db)
    (before,) = stored(db, "SELECT id, content_hash FROM articles")
    path.write_text("OUTLET: TRT\n\n" + TEXTS[0] + " " + TEXTS[1] + "\n")
    again = ingest([path], db)
    assert (again.new, again.replaced) == (0, 1)
    (after,) = stored(db, "SELECT id, content_hash FROM articles")
    assert after[0] == before[0] and after[1] != before[1]
    events = stored(db, "SELECT DISTINCT article_id FROM events")
    assert events == [(before[0],)]


def test_an_edited_feed_line_replaces_its_article(tmp_path):
    db, path = tmp_path / "fp.duckdb", tmp_path / "feed.jsonl"
    ingest([feed(path, TEXTS[:2])], db)
    ingest([feed(path, [TEXTS[0], TEXTS[3]])], db)
    assert stored(db) == [(2,)]
    assert sorted(t.strip() for (t,) in stored(db, "SELECT text FROM articles")) == sorted([TEXTS[0], TEXTS[3]])


def test_the_pipeline_version_follows_the_stages_data(tmp_path, monkeypatch):
    import shutil

    from flashpoint import version
    from flashpoint.pipeline import PIPELINE_VERSION

    assert PIPELINE_VERSION == version.pipeline_version()
    assert PIPELINE_VERSION.startswith(version.__version__ + "+")
    current = version.pipeline_version.__wrapped__()  # the files as they are now
    copy = tmp_path / "flashpoint"
    shutil.copytree(version.PACKAGE, copy, ignore=shutil.ignore_patterns("classifier", "web", "__pycache__"))
    monkeypatch.setattr(version, "PACKAGE", copy)
    version.pipeline_version.cache_clear()
    try:
        assert version.pipeline_version() == current  # the same files, the same version
        lexicon = sorted((copy / "data" / "events").iterdir())[0]
        lexicon.write_bytes(lexicon.read_bytes() + b"\n")
        edited = version.pipeline_version.__wrapped__()
        assert edited != current and edited.startswith(version.__version__ + "+")
    finally:
        version.pipeline_version.cache_clear()


def corpus(folder):
    folder.mkdir(exist_ok=True)
    for i, text in enumerate(TEXTS):
        (folder / f"article{i}_2021-11-1{i}.txt").write_text(f"OUTLET: Outlet {i}\n\n{text}\n")
    return folder


HOLD = """
import sys, time
from flashpoint.store import Store
with Store(sys.argv[1], read_only=True):
    print("open", flush=True)
    time.sleep(60)
"""


def test_queries_only_read_and_run_while_another_process_reads(tmp_path, monkeypatch):
    import os
    import subprocess
    import sys

    from click.testing import CliRunner

    from flashpoint.cli import main

    db = tmp_path / "fp.duckdb"
    ingest([corpus(tmp_path / "in")], db)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout.readline().strip() == "open"  # another reader holds the file from here on
        monkeypatch.setenv("FLASHPOINT_LOCK_WAIT", "0")
        runner = CliRunner()
        for command in (["events", "--merged"], ["flashpoints"], ["timeline", "--dyad", "RUS"], ["alerts"],
                        ["events", "--actor", "RUS"]):
            result = runner.invoke(main, [*command, "--db", str(db)])
            assert result.exit_code == 0, (command, result.output)
        merged = runner.invoke(main, ["events", "--merged", "--db", str(db), "--format", "csv"]).output
        assert "RUS" in merged
    finally:
        holder.kill()
        holder.wait()


def _workers(pid):
    """The pool's worker processes under ``pid`` (not multiprocessing's resource tracker)."""
    import pathlib

    found = []
    for task in pathlib.Path(f"/proc/{pid}/task").glob("*"):
        for child in (task / "children").read_text().split():
            try:
                cmd = pathlib.Path(f"/proc/{child}/cmdline").read_bytes()
            except OSError:
                continue
            if b"spawn_main" in cmd:
                found.append(int(child))
    return found


def _alive(pid):
    import pathlib

    try:
        return pathlib.Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def reports(folder, n):
    folder.mkdir()
    for i in range(n):
        (folder / f"report{i:02d}_2021-11-12.txt").write_text(f"{TEXTS[i % 4]} It was report {i}.\n")
    return folder


def _start_ingest(folder, db):
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path), FLASHPOINT_LOCK_WAIT="5")
    return subprocess.Popen([sys.executable, "-m", "flashpoint", "ingest", str(folder), "--db", str(db),
                             "--workers", "2", "--no-progress"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def test_a_killed_worker_costs_nothing_and_workers_die_with_their_parent(tmp_path):
    import os
    import signal
    import time

    folder = reports(tmp_path / "in", 12)
    db = tmp_path / "fp.duckdb"
    run = _start_ingest(folder, db)
    try:
        first = run.stderr.readline()
        assert first.startswith("new"), first + run.stderr.read()
        (victim, *_) = _workers(run.pid)
        os.kill(victim, signal.SIGKILL)  # as the OOM killer would
        out, err = run.communicate(timeout=300)
    finally:
        run.kill()
    assert run.returncode == 0, err
    assert "12 articles read: 12 new" in out
    assert stored(db) == [(12,)]

    run = _start_ingest(folder, tmp_path / "other.duckdb")
    try:
        deadline = time.monotonic() + 120
        while len(_workers(run.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        workers = _workers(run.pid)
        assert workers
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
        deadline = time.monotonic() + 20
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(w) for w in workers)
    finally:
        run.kill()


def test_sigterm_stops_an_ingest_cleanly_with_143(tmp_path):
    import os
    import signal

    folder = reports(tmp_path / "in", 40)
    db = tmp_path / "fp.duckdb"
    run = _start_ingest(folder, db)
    try:
        assert run.stderr.readline().startswith("new")
        os.kill(run.pid, signal.SIGTERM)
        out, err = run.communicate(timeout=120)
    finally:
        run.kill()
    assert run.returncode == 143, err
    assert err.strip().splitlines()[-1].startswith("terminated: the articles stored so far are complete")
    assert "Traceback" not in err


def test_an_interruption_while_an_article_is_written_stops_the_workers_there_and_then(tmp_path):
    """Ctrl-C or SIGTERM lands, as often as not, while ingest writes or reports an article, out
    of the worker pool's code: the pool is stopped then, not left to finish the articles in
    flight while Python exits (which kept `flashpoint ingest` alive for 3 to 27 s after its
    "terminated" line at load 4, past the two minutes of the test above on a loaded machine)."""
    import os
    import time

    folder = reports(tmp_path / "in", 12)
    before = set(_workers(os.getpid()))

    def interrupted(kind, where, article):
        raise KeyboardInterrupt  # what the SIGTERM handler raises (Terminated), where it lands

    with pytest.raises(KeyboardInterrupt) as caught:  # holding the traceback, as the CLI does
        ingest([folder], tmp_path / "fp.duckdb", workers=2, on_article=interrupted)
    deadline = time.monotonic() + 30
    while [w for w in _workers(os.getpid()) if w not in before and _alive(w)] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [w for w in _workers(os.getpid()) if w not in before and _alive(w)]
    assert caught.value is not None
    assert stored(tmp_path / "fp.duckdb") == [(1,)]  # the article written before the interruption


def _sends_half_a_result(flag):
    """In a pool's worker: write the length of a large result to the results pipe, then stop
    there, as a worker killed in the middle of sending a long article's result would."""
    import gc
    import pathlib
    import struct
    import time
    from multiprocessing.queues import SimpleQueue

    (results,) = [o for o in gc.get_objects() if isinstance(o, SimpleQueue)]
    results._writer._send(struct.pack("!i", 1_000_000))
    pathlib.Path(flag).touch()
    time.sleep(600)


def test_workers_killed_while_one_sends_its_result_let_the_pool_wind_down(tmp_path):
    """Interrupted, ingest kills its workers: one killed while it sent a result larger than a
    pipe holds left the pool's manager thread reading the rest forever, and Python's exit
    joins that thread (`flashpoint ingest` hung after its "terminated" line, its workers dead)."""
    import multiprocessing
    import time
    from concurrent.futures import ProcessPoolExecutor

    from flashpoint.workers import _kill_workers

    flag = tmp_path / "half-sent"
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    pool.submit(_sends_half_a_result, str(flag))
    manager, results = pool._executor_manager_thread, pool._result_queue
    deadline = time.monotonic() + 120
    while not flag.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert flag.exists()
    time.sleep(0.5)  # the manager has read the length and waits for the rest
    try:
        _kill_workers(pool)
        pool.shutdown(wait=False, cancel_futures=True)
        manager.join(timeout=30)
        assert not manager.is_alive()
    finally:  # else the test session could not exit
        if manager.is_alive():
            results._writer.close()


def test_ctrl_c_and_sigterm_are_raised_between_the_pools_calls_not_inside_them():
    """While ingest calls its worker pool (submit, wait, a result), SIGINT and SIGTERM are held
    and raised once the call is over. Raised inside one, between a lock's acquire and the
    ``with`` that releases it, the exception left the lock held, and the pool's manager thread,
    then Python's exit, waited on it forever: `flashpoint ingest` printed its "terminated" line
    and hung (1 run in 9 of the SIGTERM test above at load 4; one trace had the signal land in
    ``Queue.put`` within ``submit``). While ingest has a result in hand, they are raised as they
    come."""
    import signal
    import time

    from flashpoint.workers import _HeldSignals

    class Stop(KeyboardInterrupt):
        pass

    def stop(signum, frame):
        raise Stop()

    def deliver(signum):
        signal.raise_signal(signum)
        time.sleep(0.01)  # its handler runs here, in the main thread

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        with pytest.raises(Stop):
            with _HeldSignals() as held:
                deliver(signal.SIGTERM)  # held: nothing raised in the pool's calls
                assert held.signals == [signal.SIGTERM]
                held.check()  # raised at the safe point
        with _HeldSignals() as held:
            with pytest.raises(Stop):
                with held.released():  # a result in hand: raised as it comes
                    assert signal.getsignal(signal.SIGTERM) is stop
                    deliver(signal.SIGTERM)
            assert signal.getsignal(signal.SIGTERM) == held._hold and not held.signals
        with pytest.raises(Stop):
            with _HeldSignals():
                deliver(signal.SIGTERM)  # held while the pool shuts down, raised after
        assert signal.getsignal(signal.SIGTERM) is stop
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_csv_cells_cannot_run_as_formulas_and_keep_their_header(tmp_path):
    import csv
    import io

    from click.testing import CliRunner

    from flashpoint.cli import main

    path = tmp_path / "hostile_2021-11-12.txt"
    path.write_text("OUTLET: =cmd|' /C calc'!A0\n\n" + TEXTS[0] + "\n")
    db = tmp_path / "fp.duckdb"
    ingest([path], db)
    runner = CliRunner()
    out = runner.invoke(main, ["events", "--db", str(db), "--format", "csv"]).output
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {r["outlet"] for r in rows} == {"'=cmd|' /C calc'!A0"}
    texts = [v for r in rows for v in r.values() if v and v.lstrip("-").replace(".", "", 1).isdigit() is False]
    assert texts and all(not v.startswith(("=", "+", "-", "@", "[")) for v in texts)  # numbers stay numbers
    empty = runner.invoke(main, ["events", "--db", str(db), "--format", "csv", "--actor", "XYZ"])
    assert empty.exit_code == 0 and empty.output.startswith("article_id,")
    from flashpoint.cli.output import csv_cell

    assert [csv_cell(v) for v in (["RUS", "BLR"], "-1", "+7", "@SUM(A1)", "\tx", 3, -2.5, "Kyiv")] == [
        "RUS;BLR", "'-1", "'+7", "'@SUM(A1)", "'\tx", 3, -2.5, "Kyiv"]


def test_show_prints_no_escape_sequence_from_the_article(tmp_path):
    from click.testing import CliRunner

    from flashpoint.cli import main

    path = tmp_path / "escapes_2021-11-12.txt"
    path.write_text("TITLE: \x1b]0;pwned\x07Border\n\nRussia has sent \x1b[2Jparatroopers to Belarus in a "
                    "show of support for its ally amid tensions over migrants.\n")
    db = tmp_path / "fp.duckdb"
    ingest([path], db)
    (article_id,) = stored(db, "SELECT id FROM articles")[0]
    result = CliRunner().invoke(main, ["show", article_id, "--db", str(db), "--color"])
    assert result.exit_code == 0, result.output
    assert "\x07" not in result.output and "\x1b]" not in result.output and "\x1b[2J" not in result.output
    assert result.output.startswith("\ufffd]0;pwned\ufffdBorder")  # shown, harmless
    assert "paratroopers" in result.output


def test_utf16_text_and_lower_case_headers_are_read(tmp_path):
    import datetime as dt

    from flashpoint.readers import read

    path = tmp_path / "report.txt"
    path.write_bytes(b"\xff\xfe" + f"Date: 2021-11-12\noutlet: TRT\n\n{TEXTS[0]}\n".encode("utf-16-le"))
    (article,) = read(path)
    assert (article.published, article.outlet) == (dt.date(2021, 11, 12), "TRT")
    assert article.text.strip() == TEXTS[0]
    para = tmp_path / "kyiv_2021-11-12.txt"
    para.write_text("Kyiv: the capital woke to sirens.\n\n" + TEXTS[1] + "\n")
    (article,) = read(para)
    assert article.text.startswith("Kyiv: the capital")  # a first paragraph is no header


def test_the_api_tells_a_missing_file_from_text(tmp_path, pipeline):
    import pytest

    import flashpoint

    with pytest.raises(FileNotFoundError, match="a/typo/path.txt: no such file"):
        flashpoint.analyze("a/typo/path.txt", pipeline=pipeline)
    with pytest.raises(FileNotFoundError):
        flashpoint.analyze_file(tmp_path / "missing.txt", pipeline=pipeline)
    path = tmp_path / "report_2021-11-12.txt"
    path.write_text(TEXTS[0] + "\n")
    from_file = flashpoint.analyze(path, pipeline=pipeline)
    from_text = flashpoint.analyze_text(TEXTS[0], published="2021-11-12", pipeline=pipeline)
    assert [e.type for e in from_file.events] == [e.type for e in from_text.events] == ["MOBILIZE"]


@pytest.mark.parametrize("args, names", [
    (["events", "--db", "{folder}"], "{folder}"),
    (["flashpoints", "--db", "{notdb}"], "not a valid DuckDB database file"),
    (["ingest", "{text}", "--db", "{notdb}", "--no-progress"], "{notdb}"),
    (["events", "--db", "{db}", "--limit", "-1"], "--limit"),
    (["analyze", "{text}", "--stages", "nope"], "--stages"),
    (["eval", "timex", "{badjsonl}"], "{badjsonl}:1: malformed JSON"),
])
def test_bad_options_and_files_end_in_one_line(tmp_path, args, names):
    from click.testing import CliRunner

    from flashpoint.cli import main

    where = {"folder": tmp_path / "adir", "notdb": tmp_path / "notes.duckdb", "db": tmp_path / "fp.duckdb",
             "text": tmp_path / "report_2021-11-12.txt", "badjsonl": tmp_path / "gold.jsonl"}
    where["folder"].mkdir()
    where["notdb"].write_text("not a database\n")
    where["text"].write_text(TEXTS[0] + "\n")
    where["badjsonl"].write_text('{"id": "t1", "text": \n')
    result = CliRunner().invoke(main, [a.format(**where) for a in args])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [ln for ln in result.output.strip().splitlines() if ln.strip()]
    assert names.format(**where) in lines[-1] and "Traceback" not in result.output


def test_a_second_ingest_into_a_held_store_ends_in_one_line(tmp_path, monkeypatch):
    import os
    import subprocess
    import sys

    from click.testing import CliRunner

    from flashpoint.cli import main

    db = tmp_path / "fp.duckdb"
    Store(db).close()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    holder = subprocess.Popen([sys.executable, "-c", HOLD.replace("read_only=True", "read_only=False"), str(db)],
                              stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout.readline().strip() == "open"
        monkeypatch.setenv("FLASHPOINT_LOCK_WAIT", "0")
        text = tmp_path / "report_2021-11-12.txt"
        text.write_text(TEXTS[0] + "\n")
        result = CliRunner().invoke(main, ["ingest", str(text), "--db", str(db), "--no-progress"])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 2
    (line,) = [ln for ln in result.output.splitlines() if ln.strip()]
    assert line.startswith(f"error: {db}: held by another process")


def test_remove_deletes_articles_with_their_events_and_the_merge_follows(tmp_path):
    from click.testing import CliRunner

    from flashpoint.cli import main
    from flashpoint.escalation.build import needed

    db = tmp_path / "fp.duckdb"
    folder = corpus(tmp_path / "in")
    ingest([folder, feed(tmp_path / "feed.jsonl", TEXTS[:2])], db)
    ids = [i for (i,) in stored(db, "SELECT id FROM articles WHERE source LIKE '%article0%' OR source LIKE '%article1%'")]
    runner = CliRunner()
    result = runner.invoke(main, ["remove", *(i[:-3] for i in ids), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"2 articles removed from {db}"
    assert stored(db) == [(4,)]
    assert stored(db, f"SELECT count(*) FROM events WHERE article_id IN ('{ids[0]}', '{ids[1]}')") == [(0,)]
    assert stored(db, f"SELECT count(*) FROM event_actors WHERE article_id IN ('{ids[0]}', '{ids[1]}')") == [(0,)]
    assert stored(db, f"SELECT count(*) FROM merged_articles WHERE article_id IN ('{ids[0]}', '{ids[1]}')") == [(0,)]
    result = runner.invoke(main, ["remove", "--source", str(tmp_path / "feed.jsonl"), "--db", str(db)])
    assert result.output.strip() == f"2 articles removed from {db}"
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 2 and needed(store) is None
    missing = runner.invoke(main, ["remove", "nope", "--db", str(db)])
    assert missing.exit_code == 2 and "nope: no such article" in missing.output


def test_reanalyze_brings_an_old_store_to_the_current_pipeline(tmp_path):
    from click.testing import CliRunner

    from flashpoint.cli import main
    from flashpoint.pipeline import PIPELINE_VERSION

    db = tmp_path / "fp.duckdb"
    ingest([corpus(tmp_path / "in")], db)
    before = stored(db, "SELECT article_id, type, actor, evidence FROM events ORDER BY ALL")
    with Store(db) as store:  # as an older flashpoint left it: an old version, events it no longer finds
        store.con.execute("UPDATE articles SET pipeline_version = '0.1.0'")
        store.con.execute("DELETE FROM events WHERE idx > 0")
    runner = CliRunner()
    result = runner.invoke(main, ["reanalyze", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("4 articles re-analysed (0 already current)")
    assert stored(db, "SELECT DISTINCT pipeline_version FROM articles") == [(PIPELINE_VERSION,)]
    assert stored(db, "SELECT article_id, type, actor, evidence FROM events ORDER BY ALL") == before
    again = runner.invoke(main, ["reanalyze", "--db", str(db)])
    assert again.output.startswith("0 articles re-analysed (4 already current)")


def test_a_feed_bigger_than_the_file_limit_streams_and_its_limit_is_per_article(tmp_path, monkeypatch):
    import itertools

    import flashpoint.readers as readers
    import flashpoint.readers.jsonl as jsonl
    from flashpoint.readers import ReadError, iter_path

    monkeypatch.setattr(readers, "MAX_BYTES", 2_000)
    monkeypatch.setattr(jsonl, "MAX_BYTES", 2_000)
    path = feed(tmp_path / "big.jsonl", [TEXTS[i % 4] + f" Report {i}." for i in range(100)])
    with path.open("a") as fh:
        fh.write(json.dumps({"id": "huge", "text": "Troops massed at the border. " * 200}) + "\n")
        fh.write(json.dumps({"id": "last", "text": TEXTS[0], "published": "2021-11-13"}) + "\n")
    assert path.stat().st_size > 5 * 2_000
    items = list(iter_path(path))
    articles = [i for i in items if not isinstance(i, ReadError)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert len(articles) == 101 and articles[-1].published.isoformat() == "2021-11-13"
    assert [e.path for e in errors] == [f"{path}:101"] and "line too large" in errors[0].reason
    first = next(itertools.islice(iter_path(path), 1))  # lazily: the first article before the rest is read
    assert first.text.startswith(TEXTS[0])


def test_a_text_over_the_parser_limit_is_parsed_in_sections_with_its_offsets(monkeypatch, rules_pipeline):
    from flashpoint.readers import article_from_text
    from flashpoint.stages import nlp

    stage = next(s for s in rules_pipeline.stages if getattr(s, "stage_name", "") == "nlp")
    paragraphs = [f"{TEXTS[i % 4]} That was on day {i}." for i in range(120)]
    text = "\n\n".join(paragraphs)
    monkeypatch.setattr(stage.nlp, "max_length", 3_000)  # spaCy refuses a longer text (E088)
    assert len(text) > 4 * 3_000
    article = rules_pipeline(article_from_text(text, source="<long>", published="2021-11-15", check=False))
    assert len(article.sentences) == 240
    assert all(article.text[s.start:s.end] == s.text for s in article.sentences)
    assert [article.text[e.trigger.start:e.trigger.end] for e in article.events] == [e.trigger.text for e in article.events]
    assert sum(e.type == "MOBILIZE" and "paratroopers" in e.evidence for e in article.events) == 30
    assert [p[-1] for p in nlp.sections(text, 3_000)[:-1]] == ["\n"] * (len(nlp.sections(text, 3_000)) - 1)


def test_a_full_disk_is_reported_as_such_not_as_a_failed_rollback(tmp_path, pipeline):
    import duckdb

    from flashpoint.readers import read

    path = tmp_path / "report_2021-11-12.txt"
    path.write_text(TEXTS[0] + "\n")
    (article,) = read(path)
    article = pipeline(article)
    with Store(tmp_path / "fp.duckdb") as store:
        def full_disk(a, i, e):  # DuckDB aborts the transaction when a write fails for want of space
            store.con.execute("ROLLBACK")
            raise duckdb.IOException('Could not write file "fp.duckdb.wal": No space left on device')

        store._event_row = full_disk
        with pytest.raises(duckdb.IOException, match="No space left on device"):
            store.write_article(article)
        assert store.counts()["articles"] == 0
