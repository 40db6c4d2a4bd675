"""Alerts: the surge and rolling-baseline rules, their floor, and the events named as reasons."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from flashpoint.cli import main
from flashpoint.escalation import synthetic
from flashpoint.escalation.alerts import alerts, evaluate
from flashpoint.escalation.build import open_merged
from flashpoint.escalation.flashpoints import flashpoints
from flashpoint.store import Store

D = dt.date


@pytest.fixture(scope="module")
def crisis_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("alerts") / "crisis.duckdb"
    with Store(db) as store:
        synthetic.write(store, synthetic.border_crisis())
    open_merged(db).close()
    return db


@pytest.fixture(scope="module")
def found(crisis_db):
    with Store(crisis_db, read_only=True) as store:
        return alerts(store.con, flashpoints(store.con))


def test_the_border_alerts_in_the_crisis_week_and_names_the_drill_and_troop_movements(found):
    border = [a for a in found if a["flashpoint"] == "Polish-Belarusian border"]
    assert {a["rule"] for a in border} == {"surge", "zscore"}
    surge = next(a for a in border if a["rule"] == "surge")
    assert surge["period"] == {"start": "2021-11-08", "end": "2021-11-14"}
    assert surge["baseline"] == 1.0 and surge["value"] == 34.0  # four quiet weeks of one protest each
    why = " ".join(surge["reasons"])
    assert "at least 2 x the mean of the 4 weeks before (1.0)" in why
    assert "paratroopers held joint drills" in why and "moved 15,000 soldiers" in why
    top = surge["events"][0]
    assert (top["type"], top["actor"], top["n_reports"]) == ("MOBILIZE", "RUSMIL+BLRMIL", 5)


def test_a_steady_flashpoint_does_not_alert(found):
    assert not [a for a in found if a["flashpoint"] == "Black Sea"]


def test_quiet_weeks_do_not_alert(found):
    assert all(a["period"]["end"] == "2021-11-14" for a in found)


def _days(*items):
    return {D.fromisoformat(d): (n, v) for d, n, v in items}


def test_surge_needs_double_the_four_week_mean():
    base = [("2021-10-06", 2, 3.0), ("2021-10-13", 2, 3.0), ("2021-10-20", 2, 3.0), ("2021-10-27", 2, 3.0)]
    just = evaluate(_days(*base, ("2021-11-03", 3, 6.0)), settings={"zscore_threshold": 99})
    assert [(a["rule"], a["period"]["end"], a["baseline"]) for a in just] == [("surge", "2021-11-07", 3.0)]
    below = evaluate(_days(*base, ("2021-11-03", 3, 5.9)), settings={"zscore_threshold": 99})
    assert below == []


def test_zscore_against_the_rolling_baseline():
    weeks = [("2021-09-01", 3, 5.0), ("2021-09-08", 3, 7.0)] * 1 + [
        (f"2021-09-{d:02d}", 3, v) for d, v in ((15, 5.0), (22, 7.0), (29, 5.0))] + [
        ("2021-10-06", 3, 7.0), ("2021-10-13", 3, 5.0), ("2021-10-20", 3, 7.0)]
    hit = evaluate(_days(*weeks, ("2021-10-27", 3, 9.5)))
    # mean 6, sd 1 (floor 1): z = 3.5; the first weeks have no history for a z-score
    assert [(a["period"]["end"], a["z"], a["baseline"]) for a in hit if a["rule"] == "zscore"] == [
        ("2021-10-31", 3.5, 6.0)]
    # the first week surges out of nothing, the second over 2 x 5/4; 9.5 is not double 6
    assert [a["period"]["end"] for a in hit if a["rule"] == "surge"] == ["2021-09-05", "2021-09-12"]
    miss = evaluate(_days(*weeks, ("2021-10-27", 3, 7.5)))
    assert [a for a in miss if a["rule"] == "zscore"] == []


def test_the_floor_keeps_a_single_event_from_alerting():
    assert evaluate(_days(("2021-11-10", 1, 8.0))) == []  # one event, however high its rung
    assert evaluate(_days(("2021-11-10", 3, 3.0))) == []  # three events, all of them verbal
    assert [a["rule"] for a in evaluate(_days(("2021-11-10", 3, 8.0)))] == ["surge"]  # no history: no z


def test_daily_alerts_collapse_to_their_peak():
    found = evaluate(_days(("2021-11-10", 3, 8.0), ("2021-11-11", 2, 6.0)), by="day",
                     settings={"zscore_threshold": 99})
    # the rolling week alerts from the 11th to the 16th; one alert, at its peak
    assert [(a["rule"], a["period"]["end"], a["value"]) for a in found] == [("surge", "2021-11-11", 14.0)]


def test_alerts_command(crisis_db):
    out = CliRunner().invoke(main, ["alerts", "--db", str(crisis_db), "--format", "json"])
    assert out.exit_code == 0, out.output
    first = json.loads(out.output)[0]
    assert {"flashpoint", "period", "rule", "value", "baseline", "events", "reasons"} <= set(first)
    table = CliRunner().invoke(main, ["alerts", "--db", str(crisis_db), "--flashpoint", "black"])
    assert table.exit_code == 0 and "Polish" not in table.output


def _random_corpus(seed):
    """Twenty weeks of made-up reports at four places, with bursts: many alerts of both rules."""
    import random

    rnd = random.Random(seed)
    places = ["Polish-Belarusian border", "Grodno", "Black Sea", "Donbas"]
    arts = []
    for i in range(160):
        day = dt.date(2021, 7, 1) + dt.timedelta(days=rnd.randrange(140))
        burst = rnd.random() < 0.3
        arts.append(synthetic.article(f"r{i}", f"Outlet {i % 6}", day, [
            {"type": rnd.choice(["MOBILIZE", "ASSAULT", "PROTEST", "CONSULT"]),
             "actor": rnd.choice(["RUSMIL", "UKRMIL", "POLGOV", "BLRMIL"]), "date": day.isoformat(),
             "place": rnd.choice(places), "status": rnd.choice(["asserted", "asserted", "attributed"]),
             "evidence": f"Report {i}.{k} of a clash near the line (burst {burst})."}
            for k in range(rnd.randint(1, 6 if burst else 2))]))
    return arts


@pytest.mark.parametrize("by", ["week", "day"])
def test_alerts_of_all_flashpoints_in_one_query_are_those_of_the_rules_one_by_one(tmp_path, crisis_db, by):
    from flashpoint.escalation.alerts import daily

    db = tmp_path / "random.duckdb"
    with Store(db) as store:
        synthetic.write(store, _random_corpus(3))
    open_merged(db).close()
    fps = [{"name": n, "lat": p["lat"], "lon": p["lon"], "radius_km": r, "actors": a}
           for n, p, r, a in (("border", synthetic.PLACES["Grodno"], 200, []),
                              ("sea", synthetic.PLACES["Black Sea"], 300, []),
                              ("donbas-ru", synthetic.PLACES["Donbas"], 150, ["RUS"]))]
    n_alerts = 0
    for path, found_fps in ((db, fps), (crisis_db, None)):
        with Store(path, read_only=True) as store:
            found_fps = found_fps or flashpoints(store.con)
            sql = alerts(store.con, found_fps, by=by)
            series = daily(store.con, found_fps)
        one_by_one = [dict(a, flashpoint=fp["name"]) for fp in found_fps for a in evaluate(series[fp["name"]], by=by)]
        strip = lambda a: json.dumps({k: v for k, v in a.items() if k != "events"} | {"reasons": a["reasons"][:1]},  # noqa: E731
                                     sort_keys=True)
        assert sorted(map(strip, sql)) == sorted(map(strip, one_by_one))
        n_alerts += len(sql)
    assert n_alerts > 10 and {a["rule"] for a in sql} == {"surge", "zscore"}


def test_stored_flashpoint_membership_follows_an_incremental_merge(tmp_path, monkeypatch):
    from flashpoint.escalation.build import rebuild, update
    from flashpoint.escalation.merge import params

    monkeypatch.setitem(params()["flashpoints"], "rediscover_fraction", 100.0)  # keep the flashpoints
    arts = synthetic.border_crisis()
    late = {"wsws-drill", "lbc-uk", "pap-moves"}  # the crisis week's troop movements come in later
    db = tmp_path / "grow.duckdb"
    with Store(db) as store:
        synthetic.write(store, [a for a in arts if a.id not in late])
        rebuild(store)
        synthetic.write(store, arts)
        assert update(store)["rediscovered"] is False
        fps = flashpoints(store.con)
        stored = alerts(store.con, fps)
        computed = alerts(store.con, [dict(f, source="config") for f in fps])  # membership joined afresh
    assert stored == computed
    # the flashpoint found in the quiet weeks (the Kuznica crossing) alerts on the crisis week's moves
    surge = next(a for a in stored if a["rule"] == "surge")
    assert surge["period"]["end"] == "2021-11-14" and "moved 15,000 soldiers" in " ".join(surge["reasons"])
