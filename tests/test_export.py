"""``flashpoint export``: each format's header is the published one, in order; each file is read
back with the reader its users use (pandas ``read_csv``, ``json.loads`` per line, DuckDB
``read_parquet``, a GeoJSON validator) and holds the example article's events; a Parquet round
trip gives back the stored events; CSV meant for spreadsheets is safe from formula injection."""

from __future__ import annotations

import io
import json

import duckdb
import geojson
import pandas as pd
import pytest
from click.testing import CliRunner

from flashpoint import export as api_export
from flashpoint.cli import main
from flashpoint.escalation import synthetic
from flashpoint.exports import ExportError, export, sibling
from flashpoint.store import Store

from conftest import shared

# -- the published column lists (golden) ----------------------------------------------------------
# ICEWS Coded Event Data, Dataverse doi:10.7910/DVN/28075
ICEWS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
         "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
         "City", "District", "Province", "Country", "Latitude", "Longitude"]
# POLECAT weekly files, Dataverse doi:10.7910/DVN/AJGVIT
POLECAT = ["Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
           "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
           "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW",
           "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
           "Wikipedia Recipient ID", "Placename", "City", "District", "Province", "Country", "Latitude",
           "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
           "Story People", "Story Organizations", "Story Locations", "Language", "Version"]
# ACLED codebook 2023
ACLED = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
         "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
         "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
         "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
# GDELT 2.0 Mentions table (Event Codebook V2.0)
MENTIONS = ["GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
            "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
            "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras"]
# PLOVER manual draft 2.0, table "PLOVER JSON"
PLOVER_FIELDS = {"id", "has_event", "date", "time", "enddate", "endtime", "actor", "recipient", "event", "event_loc",
                 "event_text", "quad_code", "event_scale", "mode", "context", "link", "text", "text_info",
                 "cite_info", "coder", "coded_date", "coded_time", "comment"}


def gdelt_events_columns() -> list[str]:
    """GDELT 2.0's 61 columns: the daily-update header with ADM2Code after each ADM1Code."""
    header = shared("data", "cameo", "GDELT.CSV.header.dailyupdates.txt").read_text().split("\n")[0].strip().split("\t")
    out = []
    for name in header:
        out.append(name)
        if name.endswith("Geo_ADM1Code"):
            out.append(name.replace("ADM1", "ADM2"))
    return out


@pytest.fixture(scope="module")
def db(tmp_path_factory, example):
    path = tmp_path_factory.mktemp("export") / "example.duckdb"
    with Store(path) as store:
        store.write_article(example)
    return path


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return tmp_path_factory.mktemp("files")


def _uk_deployment(example):
    """The example's 'the UK already deployed troops to the border' event."""
    (e,) = [e for e in example.events if e.trigger.text == "deployed" and e.actor[0].entity.country == "GBR"]
    return e


def test_icews_header_and_read_back(db, out, example):
    path = out / "events.icews.tab"
    export(db, "icews", out=path)
    df = pd.read_csv(path, sep="\t", dtype={"CAMEO Code": str, "Event ID": "int64", "Story ID": "int64"})
    assert list(df.columns) == ICEWS
    uk = df[(df["Source Country"] == "United Kingdom") & (df["Target Country"] == "Poland")]
    assert len(uk) == 1
    row = uk.iloc[0]
    assert row["CAMEO Code"].startswith("15") and row["Event Text"]
    assert row["Country"] == "Belarus" and abs(row["Latitude"] - 52.57) < 0.5
    assert row["Sentence Number"] == _uk_deployment(example).sentence + 1
    assert row["Publisher"] == "World Socialist Web Site"


def test_polecat_header_and_read_back(db, out, example):
    path = out / "ngecEvents.flashpoint.txt"
    export(db, "polecat", out=path)
    df = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    assert list(df.columns) == POLECAT
    assert len(df) == len(example.events)
    uk = df[df["Event ID"] == _uk_deployment(example).id].iloc[0]
    assert (uk["Event Type"], uk["Event Mode"], uk["Quad Code"]) == ("MOBILIZE", "troops", "MATERIAL CONFLICT")
    assert (uk["Actor Country"], uk["Recipient Country"], uk["Actor Name Raw"]) == ("GBR", "POL", "the UK")
    assert uk["Raw Placename"] == "border" or "border" in uk["Placename"]
    nato = df[df["Actor Country"] == "NATO"]
    assert set(nato["Actor Name"]) == {"North Atlantic Treaty Organization"}


def test_gdelt_events_and_mentions(db, out, example):
    path = out / "20211115000000.export.CSV"
    written = export(db, "gdelt", out=path)
    mentions = sibling(path, "mentions")
    assert mentions.name == "20211115000000.mentions.CSV" and set(written) == {str(path), str(mentions)}
    columns = gdelt_events_columns()
    assert len(columns) == 61
    ev = pd.read_csv(path, sep="\t", header=None, dtype={26: str, 27: str, 28: str})
    assert ev.shape[1] == 61
    ev.columns = columns
    uk = ev[(ev["Actor1CountryCode"] == "GBR") & (ev["Actor2CountryCode"] == "POL")]
    assert len(uk) == 1
    uk = uk.iloc[0]
    assert uk["EventRootCode"] == "15" and uk["QuadClass"] == 4 and uk["SQLDATE"] // 100 == 202111
    assert uk["Actor1Code"] == "GBRMIL" or uk["Actor1Code"].startswith("GBR")
    assert uk["ActionGeo_CountryCode"] == "BO" and uk["SOURCEURL"] == example.url
    assert (uk["NumMentions"], uk["NumSources"], uk["NumArticles"]) == (1, 1, 1)
    me = pd.read_csv(mentions, sep="\t", header=None, names=MENTIONS)
    assert me.shape[1] == 16
    (m,) = me[me["GLOBALEVENTID"] == uk["GLOBALEVENTID"]].itertuples()
    e = _uk_deployment(example)
    assert m.SentenceID == e.sentence + 1 and m.ActionCharOffset == e.trigger.start
    assert example.text[m.ActionCharOffset:m.ActionCharOffset + len("deployed")] == "deployed"
    assert m.Actor1CharOffset == e.actor[0].span.start and example.text[m.Actor1CharOffset:].startswith("the UK")
    assert m.MentionSourceName == "www.wsws.org" and m.MentionDocLen == len(example.text)


def test_acled_covers_what_acled_codes(db, out, example):
    path = out / "acled.csv"
    skipped: dict[str, int] = {}
    written = export(db, "acled", out=path, skipped=skipped)
    df = pd.read_csv(path, dtype={"event_id_cnty": str})
    assert list(df.columns) == ACLED
    assert written[str(path)] == len(df) and len(df) + skipped[str(path)] == len(example.events)
    uk = df[df["actor1"] == "Military Forces of United Kingdom"].iloc[0]
    assert (uk["disorder_type"], uk["event_type"], uk["sub_event_type"]) == (
        "Strategic developments", "Strategic developments", "Change to group/activity")
    assert uk["inter1"] == 8  # British forces outside the United Kingdom: external forces
    assert uk["actor2"] == "Government of Poland" and uk["country"] == "Belarus" and uk["iso"] == 112
    assert "deployed troops" in uk["notes"]
    drill = df[df["notes"].str.contains("paratroopers died")].iloc[0]
    assert drill["fatalities"] == 2
    # statements, threats and planned events are not ACLED events
    assert not df["notes"].str.contains("intended to").any()


def test_plover_json_lines(db, out, example):
    path = out / "events.plover.jsonl"
    export(db, "plover", out=path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(example.events)
    for r in records:
        assert {"id", "date", "actor", "event"} <= set(r)
        assert all(k in PLOVER_FIELDS or k in {"status", "modality", "attributed_to", "historical", "cameo",
                                               "goldstein", "quantities", "provenance", "size"} for k in r)
    e = _uk_deployment(example)
    (uk,) = [r for r in records if r["id"] == e.id]
    assert uk["event"] == ["MOBILIZE"] and uk["mode"] == ["troops"]
    assert uk["actor"][0]["code"] == "GBR" and uk["recipient"][0]["code"] == "POL"
    assert uk["status"] == "asserted" and uk["modality"] == "actual"
    trig = uk["provenance"]["trigger"]
    assert example.text[trig["start"]:trig["end"]] == "deployed"
    assert uk["event_loc"]["lat"] == pytest.approx(e.place.lat)
    claims = [r for r in records if r["status"] == "attributed"]
    assert claims and all(r["attributed_to"] for r in claims)


def test_geojson_is_valid_and_draws_borders_as_lines(db, out, example):
    path = out / "events.geojson"
    export(db, "geojson", out=path)
    fc = geojson.loads(path.read_text(encoding="utf-8"))
    assert fc.is_valid, fc.errors()
    located = [e for e in example.events if e.place]
    assert len(fc["features"]) == len(located)
    uk = next(f for f in fc["features"] if f["id"] == _uk_deployment(example).id)
    assert uk["geometry"]["type"] == "LineString" and uk["properties"]["type"] == "MOBILIZE"
    lons, lats = zip(*uk["geometry"]["coordinates"])
    assert 23 < min(lons) and 51 < min(lats) < max(lats) < 54


def test_merged_geojson_has_flashpoints(tmp_path):
    path = tmp_path / "crisis.duckdb"
    with Store(path) as store:
        synthetic.write(store, synthetic.border_crisis())
    target = tmp_path / "merged.geojson"
    export(path, "geojson", out=target, merged=True)
    fc = geojson.loads(target.read_text(encoding="utf-8"))
    assert fc.is_valid, fc.errors()
    kinds = {f["properties"]["kind"] for f in fc["features"]}
    assert kinds == {"event", "flashpoint"}
    drill = [f for f in fc["features"] if f["properties"]["kind"] == "event" and f["properties"]["n_reports"] >= 4]
    assert drill and len(drill[0]["properties"]["reports"]) == drill[0]["properties"]["n_reports"]
    gdelt = tmp_path / "merged.export.CSV"
    export(path, "gdelt", out=gdelt, merged=True)
    ev = pd.read_csv(gdelt, sep="\t", header=None)
    me = pd.read_csv(sibling(gdelt, "mentions"), sep="\t", header=None, names=MENTIONS)
    counts = me.groupby("GLOBALEVENTID").size()
    assert (ev[31] >= ev[32]).all() and (ev.set_index(0)[31] == counts.reindex(ev[0]).values).all()


def test_parquet_round_trip(db, out, example):
    path = out / "events.parquet"
    export(db, "parquet", out=path)
    fresh = duckdb.connect()
    back = fresh.execute(f"SELECT * FROM read_parquet('{path}') ORDER BY event_id").df()
    with Store(db, read_only=True) as store:
        stored = store.con.execute("SELECT * FROM events ORDER BY event_id").df()
        types = dict(store.con.execute("SELECT column_name, column_type FROM (DESCRIBE events)").fetchall())
    assert sorted(back["event_id"]) == sorted(e.id for e in example.events)
    assert list(back.columns) == list(stored.columns)
    pd.testing.assert_frame_equal(back.drop(columns=["actor_countries", "recipient_countries", "place_countries"]),
                                  stored.drop(columns=["actor_countries", "recipient_countries", "place_countries"]))
    for col in ("actor_countries", "recipient_countries", "place_countries"):
        assert [list(v) for v in back[col]] == [list(v) for v in stored[col]]
    read_types = dict(fresh.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "
                                    f"read_parquet('{path}'))").fetchall())
    assert read_types["date_start"] == types["date_start"] == "DATE" and read_types["goldstein"] == "DOUBLE"


def test_csv_is_typed_and_spreadsheet_safe(tmp_path):
    path = tmp_path / "hostile.duckdb"
    hostile = '=HYPERLINK("http://evil.example","Russia moved troops")'
    with Store(path) as store:
        synthetic.write(store, [synthetic.article("hostile", "@Outlet", "2021-11-12", [
            {"type": "MOBILIZE", "actor": "RUSMIL", "recipient": "-REF", "date": "2021-11-12",
             "place": synthetic.PLACES["Grodno"], "evidence": hostile},
            {"type": "PROTEST", "actor": "POLCVL", "date": "2021-11-12", "place": synthetic.PLACES["Kuznica"],
             "evidence": "-Protesters marched in Kuznica."}])])
    target = tmp_path / "events.csv"
    export(path, "csv", out=target)
    df = pd.read_csv(target, keep_default_na=False).sort_values("idx")
    assert list(df["evidence"]) == ["'" + hostile, "'-Protesters marched in Kuznica."]
    assert set(df["outlet"]) == {"'@Outlet"}
    assert "-REF" in set(df["recipient"])  # a code, not article text: left as it is
    acled = tmp_path / "acled.csv"
    export(path, "acled", out=acled)
    rows = pd.read_csv(acled, keep_default_na=False)
    assert not any(str(v).startswith(("=", "+", "-", "@")) for v in rows.to_numpy().ravel() if isinstance(v, str))
    assert "'-Protesters marched in Kuznica." in set(rows["notes"])
    parquet = tmp_path / "events.parquet"
    export(path, "parquet", out=parquet)
    assert duckdb.connect().execute(f"SELECT evidence FROM read_parquet('{parquet}') ORDER BY idx").fetchone()[0] == hostile


def test_merged_parquet_writes_reports_beside(tmp_path):
    path = tmp_path / "crisis.duckdb"
    with Store(path) as store:
        synthetic.write(store, synthetic.border_crisis())
    target = tmp_path / "merged.parquet"
    written = export(path, "parquet", out=target, merged=True, type="MOBILIZE")
    reports = sibling(target, "reports")
    con = duckdb.connect()
    merged = con.execute(f"SELECT id, n_reports FROM read_parquet('{target}')").fetchall()
    n = con.execute(f"SELECT count(*) FROM read_parquet('{reports}')").fetchone()[0]
    assert written == {str(target): len(merged), str(reports): n} and n == sum(r for _, r in merged)


def test_cli_to_standard_output_with_filters(db, example):
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "icews", "--actor", "GBR"])
    assert result.exit_code == 0, result.output
    df = pd.read_csv(io.StringIO(result.stdout), sep="\t")
    assert list(df.columns) == ICEWS and set(df["Source Country"]) == {"United Kingdom"}
    bad = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "icews", "--table", "mentions"])
    assert bad.exit_code == 2 and "--table mentions" in bad.output
    missing = CliRunner().invoke(main, ["export", "--db", str(db) + ".nope", "--format", "csv"])
    assert missing.exit_code == 2 and "no such database" in missing.output


def test_python_api(db, tmp_path):
    target = tmp_path / "e.plover"
    written = api_export(db, "plover", out=target, type="MOBILIZE")
    lines = target.read_text(encoding="utf-8").splitlines()
    assert written == {str(target): len(lines)} and {json.loads(x)["event"][0] for x in lines} == {"MOBILIZE"}
    with pytest.raises(ExportError, match="unknown format"):
        api_export(db, "xlsx", out=tmp_path / "x")
