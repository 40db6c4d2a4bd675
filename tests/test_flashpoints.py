"""Flashpoints discovered from a multi-article corpus and defined in a config file, and their
escalation series (``flashpoint flashpoints``, ``flashpoint timeline``)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from flashpoint.cli import main
from flashpoint.escalation import synthetic
from flashpoint.escalation.build import open_merged
from flashpoint.escalation.flashpoints import find, flashpoints
from flashpoint.escalation.series import series
from flashpoint.store import Store


@pytest.fixture(scope="module")
def crisis_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("fp") / "crisis.duckdb"
    with Store(db) as store:
        synthetic.write(store, synthetic.border_crisis())
    open_merged(db).close()
    return db


@pytest.fixture
def con(crisis_db):
    store = Store(crisis_db, read_only=True)
    yield store.con
    store.close()


def test_both_flashpoints_come_out_unaided(con):
    fps = {f["name"]: f for f in flashpoints(con)}
    assert set(fps) == {"Polish-Belarusian border", "Black Sea"}
    border, sea = fps["Polish-Belarusian border"], fps["Black Sea"]
    assert 52.5 < border["lat"] < 54.0 and 23.0 < border["lon"] < 24.5
    assert (sea["lat"], sea["lon"]) == (43.4, 34.0)
    assert {"actor": "RUS", "recipient": "USA", "events": 4} in sea["dyads"]
    assert {d["actor"] for d in border["dyads"]} >= {"RUS", "BLR", "POL", "GBR"}
    assert border["n_articles"] >= 5 and border["source"] == "discovered"


def test_a_country_wide_place_makes_no_flashpoint(tmp_path):
    db = tmp_path / "country.duckdb"
    with Store(db) as store:
        synthetic.write(store, [synthetic.article(f"a{i}", f"Outlet {i}", f"2021-11-1{i}", [
            {"type": "ACCUSE", "actor": "POLGOV", "recipient": "BLRGOV", "place": "Poland",
             "date": f"2021-11-1{i}", "evidence": f"Poland blamed Minsk again ({i})."}]) for i in range(5)])
    with open_merged(db) as store:
        assert flashpoints(store.con) == []


def test_config_flashpoint_replaces_the_discovered_one(con, tmp_path):
    toml = tmp_path / "fp.toml"
    toml.write_text('[[flashpoint]]\nname = "Grodno front"\nlat = 53.5\nlon = 23.7\nradius_km = 120\n'
                    'actors = ["rus", "BLR"]\n')
    fps = flashpoints(con, toml)
    assert [f["name"] for f in fps] == ["Grodno front", "Black Sea"]
    grodno = fps[0]
    assert grodno["source"] == "config" and grodno["actors"] == ["RUS", "BLR"]
    # only events involving Russia or Belarus: the drill, the bombers, the massing, the denied claim
    assert grodno["n_events"] == 4
    js = tmp_path / "fp.json"
    js.write_text(json.dumps([{"name": "Sea", "area": {"lat": 43.4, "lon": 34.0, "radius_km": 50}}]))
    assert [f["name"] for f in flashpoints(con, js)][:1] == ["Sea"]


def test_weekly_series_of_the_border(con):
    border = find(flashpoints(con), "polish")
    rows = series(con, flashpoint=border, by="week")
    assert [str(r["period"]) for r in rows] == ["2021-10-04", "2021-10-11", "2021-10-18", "2021-10-25",
                                                 "2021-11-01", "2021-11-08"]
    quiet, crisis = rows[0], rows[-1]
    assert (quiet["events"], quiet["escalation"], quiet["rung_label"]) == (1, 1.0, "verbal conflict")
    assert crisis["events"] == 7 and crisis["rung_label"] == "mobilisation"
    assert crisis["q4"] == 6 and crisis["q2"] == 1  # the UK deployment is material cooperation
    # rungs x weights: drill, massing, Polish troops 6 (mobilisation); bombers 4 (show of force),
    # pushbacks 5 (coercion), UK deployment 4; the attributed claim 5 weighs 0.6
    assert crisis["escalation"] == 6 + 6 + 6 + 4 + 5 + 4 + 0.6 * 5
    assert crisis["articles"] == 6 and crisis["events_per_10_articles"] == round(7 / 0.6, 3)


def test_a_burst_of_coverage_is_not_an_escalation(tmp_path):
    db = tmp_path / "burst.duckdb"
    arts = [synthetic.article(f"w{i}", f"Wire {i}", "2021-11-12", [
        {"type": "MOBILIZE", "mode": "troops", "actor": "RUSMIL", "date": "2021-11-12", "place": "Grodno",
         "evidence": f"Russian paratroopers landed near Grodno in drills (copy {i})."}]) for i in range(10)]
    with Store(db) as store:
        synthetic.write(store, arts)
    with open_merged(db) as store:
        (row,) = series(store.con, dyad="RUS", by="day")
    assert (row["events"], row["articles"], row["escalation"]) == (1, 10, 6.0)
    assert row["escalation_per_10_articles"] == 6.0


def test_dyad_series_is_directed(con):
    ru_us = series(con, dyad="RUS->USA", by="week")
    us_ru = series(con, dyad="USA->RUS", by="week")
    assert sum(r["events"] for r in ru_us) == 4 and us_ru == []


def test_flashpoints_and_timeline_commands(crisis_db):
    runner = CliRunner()
    out = runner.invoke(main, ["flashpoints", "--db", str(crisis_db), "--format", "json"])
    assert out.exit_code == 0, out.output
    fps = json.loads(out.output)
    assert {"name", "lat", "lon", "dyads"} <= set(fps[0]) and fps[0]["name"] == "Polish-Belarusian border"
    chart = runner.invoke(main, ["timeline", "Polish-Belarusian border", "--db", str(crisis_db)])
    assert chart.exit_code == 0, chart.output
    last = chart.output.strip().splitlines()[-1]
    assert last.startswith("2021-11-08") and "#" * 40 in last and last.endswith("mobilisation")
    daily = runner.invoke(main, ["timeline", "black", "--by", "day", "--db", str(crisis_db), "--format", "csv"])
    assert daily.output.splitlines()[0].startswith("period,events,q1")
    missing = runner.invoke(main, ["timeline", "Taiwan", "--db", str(crisis_db)])
    assert missing.exit_code == 2 and "no flashpoint 'Taiwan'" in missing.output


def test_a_continent_makes_no_flashpoint(tmp_path):
    db = tmp_path / "continent.duckdb"
    europe = {"name": "Europe", "kind": "continent", "lat": 52.0, "lon": 20.0, "countries": []}
    with Store(db) as store:
        synthetic.write(store, [synthetic.article(f"a{i}", f"Outlet {i}", f"2021-11-1{i}", [
            {"type": "THREATEN", "actor": "RUSGOV", "recipient": "NATO", "place": europe,
             "date": f"2021-11-1{i}", "evidence": f"Moscow warned NATO against expansion in Europe ({i})."}])
            for i in range(5)])
    with open_merged(db) as store:
        assert flashpoints(store.con) == []
