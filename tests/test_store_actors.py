"""``event_actors``: the events looked up by actor or recipient code (``events --actor``, the
API's ``/api/v1/events?actor=``) must be exactly those, in exactly the order, that a plain filter
over every event gives; and the table must follow every write, replacement and migration."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil

import pytest

from flashpoint.ingest import ingest
from flashpoint.store import EVENT_ACTORS_SQL, Store, report_filters

from test_store import corpus

FIELDS = "article_id, idx, actor, recipient, type, date_start, date_end, published"


def reference(events: list[dict], *, actor=None, recipient=None, type=None, since=None, until=None,
              descending=False, limit=None, offset=0) -> list[tuple[str, int]]:
    """The filters as the README states them, in Python over every event: a code matches any
    member of the list it begins (RUS: RUSGOV); since against the end date (else the start, else
    the publication date), until against the start date; sorted by the start date (else the
    publication date), article and index, undated last."""
    def has(codes, code):
        return any(m.startswith(code.upper()) for m in (codes or "").split("+") if m)

    out = []
    for e in events:
        hi = e["date_end"] or e["date_start"] or e["published"]
        lo = e["date_start"] or e["date_end"] or e["published"]
        if ((actor and not has(e["actor"], actor)) or (recipient and not has(e["recipient"], recipient))
                or (type and e["type"] != type.upper()) or (since and not (hi is not None and hi >= since))
                or (until and not (lo is not None and lo <= until))):
            continue
        out.append(e)
    dated = sorted((e for e in out if (e["date_start"] or e["published"]) is not None),
                   key=lambda e: (e["date_start"] or e["published"], e["article_id"], e["idx"]), reverse=descending)
    undated = sorted((e for e in out if (e["date_start"] or e["published"]) is None),
                     key=lambda e: (e["article_id"], e["idx"]), reverse=descending)
    keys = [(e["article_id"], e["idx"]) for e in dated + undated]
    return keys[offset:offset + limit if limit else None]


def all_events(store: Store) -> list[dict]:
    cur = store.con.execute(f"SELECT {FIELDS} FROM events")
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def queries(events: list[dict]) -> list[dict]:
    """Every code and its three-letter prefix, as actor and as recipient, alone and with a type,
    dates and both directions; and pairs of actor and recipient."""
    codes = sorted({m for e in events for col in ("actor", "recipient") for m in (e[col] or "").split("+") if m})
    prefixes = sorted({c[:3] for c in codes} | set(codes) | {"ZZZ"})
    types = sorted({e["type"] for e in events})
    days = sorted({d for e in events for d in (e["date_start"], e["published"]) if d})
    mid = days[len(days) // 2]
    out = []
    for code in prefixes:
        for role in ("actor", "recipient"):
            out += [{role: code}, {role: code.lower(), "descending": True},
                    {role: code, "since": mid}, {role: code, "until": mid},
                    {role: code, "since": mid - dt.timedelta(days=3), "until": mid + dt.timedelta(days=3)},
                    {role: code, "type": types[0]}, {role: code, "limit": 2, "offset": 1},
                    {role: code, "limit": 3, "descending": True}]
    for a, r in itertools.islice(itertools.product(prefixes, prefixes), 0, None, 7):
        out.append({"actor": a, "recipient": r})
    return out


@pytest.fixture(scope="module")
def examples_store(examples_db):
    with Store(examples_db, read_only=True) as store:
        yield store


def test_lookup_by_code_gives_what_a_plain_filter_gives(examples_store):
    events = all_events(examples_store)
    assert len({e["actor"] for e in events}) > 5, "the example store should have varied actors"
    found = 0
    for q in queries(events):
        want = reference(events, **q)
        assert examples_store._by_actor(type=q.get("type"), actor=q.get("actor"), recipient=q.get("recipient"),
                                        since=q.get("since"), until=q.get("until"), article_id=None) is not None, q
        got = [(r["article_id"], r["idx"]) for r in examples_store.query_events(**q)]
        assert got == want, q
        found += bool(got)
    assert found > 50  # most queries find something: the comparison is not of empty lists


def test_lookup_by_code_gives_what_the_scan_of_events_gives(examples_store):
    """The same events as the SQL filter over ``events`` that it replaces (report_filters)."""
    events = all_events(examples_store)
    for q in queries(events)[::3]:
        where, args = report_filters(actor=q.get("actor"), recipient=q.get("recipient"), type=q.get("type"),
                                     since=q.get("since"), until=q.get("until"))
        d = " DESC" if q.get("descending") else ""
        scan = examples_store.con.execute(
            f"SELECT article_id, idx FROM events WHERE {' AND '.join(where)} "
            f"ORDER BY coalesce(date_start, published){d}, article_id{d}, idx{d}", args).fetchall()
        q = {k: v for k, v in q.items() if k not in ("limit", "offset")}
        assert [(r["article_id"], r["idx"]) for r in examples_store.query_events(**q)] == scan, q


def test_other_filters_and_codes_with_plus_scan_events(examples_store):
    """A status, place or article filter, or a code with '+', is not looked up by code but still
    filtered right (by the scan of events)."""
    events = all_events(examples_store)
    event = next(e for e in events if e["actor"])
    code = event["actor"].split("+")[0][:3]
    for extra in ({"status": "asserted"}, {"place": "a"}, {"article_id": event["article_id"]}, {"actor": code + "+"}):
        q = {"actor": code, **extra}
        assert examples_store._by_actor(**{"type": None, "recipient": None, "since": None, "until": None,
                                           "article_id": None, **q}) is None
        where, args = report_filters(**q)
        scan = examples_store.con.execute(f"SELECT article_id, idx FROM events WHERE {' AND '.join(where)} "
                                          "ORDER BY coalesce(date_start, published), article_id, idx", args).fetchall()
        assert [(r["article_id"], r["idx"]) for r in examples_store.query_events(**q)] == scan, q
    assert examples_store.query_events(actor=code, status="asserted")


def test_columns_asked_for(examples_store):
    full = examples_store.query_events(limit=5, actor="RUS")
    some = examples_store.query_events(limit=5, actor="RUS", columns=("record", "outlet"))
    assert [set(r) for r in some] == [{"article_id", "idx", "record", "outlet"}] * len(full)
    assert [r["record"] for r in some] == [r["record"] for r in full]
    with pytest.raises(ValueError, match="column"):
        examples_store.query_events(actor="RUS", columns=("record; DROP TABLE events",))


def rows_of(store: Store) -> list[tuple]:
    return sorted(store.con.execute("SELECT * EXCLUDE (appended) FROM event_actors").fetchall(), key=repr)


def expected_rows(store: Store) -> list[tuple]:
    sql = EVENT_ACTORS_SQL.format(appended="false", where="true")
    return sorted((r[:-1] for r in store.con.execute(sql).fetchall()), key=repr)


def test_writes_replacements_and_sorting_keep_it_whole(tmp_path, pipeline, monkeypatch):
    import flashpoint.ingest as ingest_module
    import flashpoint.pipeline as pipeline_module

    db = tmp_path / "fp.duckdb"
    ingest([corpus(tmp_path / "in")], db, pipeline=pipeline)
    with Store(db) as store:
        first = rows_of(store)
        assert first == expected_rows(store) and len(first) >= 5
        assert {r[0] for r in first} == {"actor", "recipient"}
        # a new article version replaces its rows (no stale row left)
        monkeypatch.setattr(pipeline_module, "PIPELINE_VERSION", "999.0")
        monkeypatch.setattr(ingest_module, "PIPELINE_VERSION", "999.0")
    again = ingest([corpus(tmp_path / "in")], db, pipeline=pipeline)
    assert again.replaced == 5
    with Store(db) as store:
        assert rows_of(store) == expected_rows(store) == first
        # sorted: rewritten in the order of role, code and day, nothing appended left
        assert store.sort_event_actors(force=True)
        assert rows_of(store) == first
        stored = store.con.execute("SELECT role, code, lo, appended FROM event_actors").fetchall()
        assert not any(r[3] for r in stored)
        keys = [r[:3] for r in stored]
        assert keys == sorted(keys, key=lambda r: (r[0], r[1], r[2] is None, r[2]))
        assert not store.sort_event_actors()  # nothing appended since
        store.con.execute("UPDATE event_actors SET appended = true WHERE rowid % 2 = 0")
        assert store.sort_event_actors()  # half of it appended: sorted again


def test_ingest_sorts_it_once_a_tenth_is_appended(tmp_path, pipeline):
    db = tmp_path / "fp.duckdb"
    ingest([corpus(tmp_path / "in")], db, pipeline=pipeline)
    with Store(db, read_only=True) as store:  # every row was appended by this run: sorted at its end
        assert store.con.execute("SELECT count(*) FILTER (WHERE appended) FROM event_actors").fetchone()[0] == 0


def test_migration_fills_it_from_the_stored_events(tmp_path, examples_db):
    db = tmp_path / "old.duckdb"
    shutil.copyfile(examples_db, db)
    with Store(db) as store:  # as a store written before the table existed
        want = rows_of(store)
        store.con.execute("DROP TABLE event_actors")
        store.con.execute("DELETE FROM schema_migrations WHERE name = '0006_event_actors'")
    with Store(db, read_only=True) as old:
        assert old.unapplied() == ["0006_event_actors"]
        assert [r["event_id"] for r in old.query_events(actor="RUS")]  # read-only: scans events
    from flashpoint.escalation.build import open_merged

    store = open_merged(db)  # what `flashpoint serve` opens: migrated first
    try:
        assert store.unapplied() == [] and rows_of(store) == want
    finally:
        store.close()
