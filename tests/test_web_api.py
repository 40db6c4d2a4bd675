"""The JSON API in process over the example articles: filters, pages, one record, errors as JSON,
limits, and writing with the token through the same readers as the CLI."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from web_server import TOKEN, make_app

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client(examples_db, tmp_path_factory):
    import shutil

    db = tmp_path_factory.mktemp("api") / "api.duckdb"
    shutil.copyfile(examples_db, db)
    with TestClient(make_app(db), base_url="http://127.0.0.1") as c:
        yield c


def test_events_filtered_sorted_and_paginated(client):
    first = client.get("/api/v1/events", params={"actor": "RUS", "type": "mobilize", "limit": 2}).json()
    assert len(first["items"]) == 2 and first["next_offset"] == 2
    assert all(e["type"] == "MOBILIZE" and any(a["entity"]["country"] == "RUS" for a in e["actor"])
               for e in first["items"])
    second = client.get("/api/v1/events", params={"actor": "RUS", "type": "MOBILIZE", "limit": 2, "offset": 2}).json()
    assert {e["id"] for e in first["items"]}.isdisjoint(e["id"] for e in second["items"])
    newest = client.get("/api/v1/events", params={"order": "desc", "limit": 1}).json()["items"][0]
    assert newest["published"] >= first["items"][0]["published"]
    every = client.get("/api/v1/events", params={"limit": 500}).json()["items"]
    assert len(every) < 500 and {e["status"] for e in every} >= {"asserted", "attributed"}
    for status in ("asserted", "attributed", "denied"):
        got = client.get("/api/v1/events", params={"status": status, "limit": 500}).json()["items"]
        assert [e["id"] for e in got] == [e["id"] for e in every if e["status"] == status]
    box = client.get("/api/v1/events", params={"bbox": "22,51,25,54", "limit": 500}).json()["items"]
    assert box and all(22 <= e["place"]["lon"] <= 25 and 51 <= e["place"]["lat"] <= 54 for e in box)


def test_merged_event_with_reports_outlets_and_disagreements(client):
    page = client.get("/api/v1/merged", params={"type": "MOBILIZE", "since": "2021-11-12",
                                                "until": "2021-11-12"}).json()
    # the paratroopers' jump into the Grodno region, told by TRT World, RIA (via The Goa Spotlight)
    # and the WSWS; TRT's lede ('Russia has sent paratroopers to Belarus') and RFE/RL's 'surprise
    # joint drills' may form a second merged event of the same day, as one article's two reports must
    drill = max((m for m in page["items"] if any((r["outlet"] or "").startswith("TRT World") for r in m["reports"])),
                key=lambda m: m["corroboration"])
    one = client.get(f"/api/v1/merged/{drill['id']}").json()
    assert one["corroboration"] >= 3 and len(one["outlets"]) >= 3
    assert any(o.startswith("The Goa Spotlight") for o in one["outlets"])
    assert {"BLR", "RUS"} <= set(one["actor_countries"])
    assert {d["field"] for d in one["disagreements"]} >= {"place"}
    trt = next(r for r in one["reports"] if r["outlet"].startswith("TRT World") and r["marks"])
    trigger = next(m for m in trt["marks"] if m["kind"] == "trigger")
    assert trt["sentence"][trigger["start"]:trigger["end"]] == trigger["text"]


def test_article_with_marks_and_framing(client):
    art = client.get("/api/v1/articles/05_trtworld").json()
    assert art["title"] == "Russia, Belarus stage paratrooper drills near Polish border"
    e1 = next(m for m in art["marks"] if m["label"] == "e1")
    assert art["text"][e1["start"]:e1["end"]] == "sent"
    assert art["framing_line"].startswith("framing:")
    listed = client.get("/api/v1/articles", params={"q": "paratrooper"}).json()["items"]
    assert any(a["id"] == art["id"] for a in listed)


def test_flashpoints_timeline_alerts_actors(client):
    names = [f["name"] for f in client.get("/api/v1/flashpoints").json()]
    assert "Belarus-Poland border" in names
    tl = client.get("/api/v1/flashpoints/Belarus-Poland border/timeline", params={"by": "day"}).json()
    assert tl["by"] == "day" and sum(r["events"] for r in tl["series"]) >= 5
    alerts = client.get("/api/v1/alerts", params={"flashpoint": "Belarus"}).json()["items"]
    surge = next(a for a in alerts if a["rule"] == "surge")
    assert surge["period"] == {"start": "2021-11-08", "end": "2021-11-14"}
    assert any(e["type"] == "MOBILIZE" for e in surge["events"]) and surge["reasons"]
    actors = client.get("/api/v1/actors", params={"limit": 3}).json()
    assert actors[0]["actor"] == "RUS"
    rus = client.get("/api/v1/actors/RUS/timeline").json()
    assert sum(r["events"] for r in rus["series"]) == rus["events"]


def test_timelines_made_with_the_snapshot_are_each_flashpoints_series(client):
    """Every flashpoint's series is computed for all of them at once when a snapshot is made
    (series_all); what is served must be what series() gives for that flashpoint alone, and a
    dyad's or a date range's series is computed on request."""
    import json

    from flashpoint.escalation.series import series

    snap = client.app.state.replica.current
    fps = client.get("/api/v1/flashpoints").json()
    assert len(fps) >= 2
    for fp in fps:
        for by in ("day", "week"):
            assert ("timeline", fp["name"], fp["source"], by) in snap.cache
            served = client.get(f"/api/v1/flashpoints/{fp['name']}/timeline", params={"by": by}).json()["series"]
            alone = json.loads(json.dumps(series(snap.cursor(), flashpoint=fp, by=by), default=str))
            assert served == alone and served, (fp["name"], by)
    dyad = client.get("/api/v1/flashpoints/Belarus-Poland border/timeline", params={"dyad": "RUS->BLR"}).json()
    assert 0 < sum(r["events"] for r in dyad["series"]) < sum(r["events"] for r in client.get(
        "/api/v1/flashpoints/Belarus-Poland border/timeline").json()["series"])


@pytest.mark.parametrize("url, status, words", [
    ("/api/v1/events?limit=501", 422, "limit"),
    ("/api/v1/events?since=yesterday", 422, "since"),
    ("/api/v1/events?bbox=1,2,3", 422, "bbox"),
    ("/api/v1/events?actor=RUS'%20OR%201=1--", 422, "actor"),
    ("/api/v1/events?status=maybe", 422, "status"),
    ("/api/v1/merged/nothing-like-it", 404, "no merged event"),
    ("/api/v1/articles/nope", 404, "no article"),
    ("/api/v1/flashpoints/Atlantis/timeline", 404, "no flashpoint"),
    ("/api/v1/nowhere", 404, "not found"),
])
def test_bad_requests_get_a_json_error(client, url, status, words):
    r = client.get(url)
    assert r.status_code == status
    assert words in r.json()["error"]["message"].lower()


def test_place_filter_is_a_value_not_sql(client):
    r = client.get("/api/v1/events", params={"place": "x' OR '1'='1"})
    assert r.status_code == 200 and r.json()["items"] == []


def test_writing_needs_the_token(client):
    body = {"text": "Russia moved troops to the border with Ukraine on Monday.", "published": "2022-01-10"}
    assert client.post("/api/v1/articles", json=body).status_code == 401
    assert client.post("/api/v1/articles", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    cross = client.post("/api/v1/articles", json=body, headers={**AUTH, "Origin": "http://evil.example"})
    assert cross.status_code == 403


def test_post_an_article_then_read_it(client):
    text = ("Russia moved 5,000 troops to its border with Ukraine on Monday, the Ukrainian defence ministry "
            "said. Kyiv accused Moscow of preparing an invasion.")
    r = client.post("/api/v1/articles", headers=AUTH,
                    json={"text": text, "title": "Troops at the border", "outlet": "Test Wire",
                          "published": "2022-01-10"})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["new"] == 1 and out["events"] >= 1 and out["failures"] == []
    article_id = out["articles"][0]["id"]
    art = client.get(f"/api/v1/articles/{article_id}").json()  # the new snapshot serves it at once
    assert art["outlet"] == "Test Wire" and art["events"]
    again = client.post("/api/v1/articles", headers=AUTH, json={"articles": [
        {"text": text, "title": "Troops at the border", "outlet": "Test Wire", "published": "2022-01-10"}]}).json()
    assert again["unchanged"] == 1 and again["new"] == 0


@pytest.mark.parametrize("body, reason", [
    ({"text": "", "published": "2022-01-10"}, "empty"),
    ({"text": "Russland hat am Montag Truppen an die Grenze zur Ukraine verlegt, sagte das Ministerium "
              "in Kiew. Die Regierung in Moskau bestreitet jede Absicht eines Angriffs.",
      "published": "2022-01-10"}, "english"),
    ({"text": "Russia moved troops to the border with Ukraine on Monday, officials said."}, "publication date"),
])
def test_bad_articles_get_the_readers_errors(client, body, reason):
    r = client.post("/api/v1/articles", headers=AUTH, json=body)
    assert r.status_code == 400
    message = r.json()["error"]["message"]
    assert message.startswith("request.jsonl") and reason in message.lower()


def test_file_upload_uses_the_readers(client, example_path):
    ok = client.post("/api/v1/articles/files", headers=AUTH,
                     files=[("files", (example_path.name, example_path.read_bytes(), "text/plain"))])
    assert ok.status_code == 200 and ok.json()["read"] == 1
    bad = client.post("/api/v1/articles/files", headers=AUTH,
                      files=[("files", ("../../notes.docx", b"PK\x03\x04 binary", "application/octet-stream"))])
    assert bad.status_code == 400
    assert bad.json()["error"]["message"] == "notes.docx: unsupported file type '.docx'; expected one of .htm, .html, .jsonl, .pdf, .text, .txt"


def test_too_large_a_body_is_refused(client):
    r = client.post("/api/v1/articles", headers={**AUTH, "Content-Type": "application/json"},
                    content=b"x" * (33 * 1024 * 1024))
    assert r.status_code == 413 and "too large" in r.json()["error"]["message"]


def test_only_loopback_host_names_are_answered(client):
    assert client.get("/api/v1/status", headers={"Host": "attacker.example"}).status_code == 400


def test_pages_are_served_with_a_strict_content_policy(client):
    r = client.get("/")
    assert r.status_code == 200 and "script-src 'self'" in r.headers["content-security-policy"]
    assert client.get("/docs").status_code == 200 and client.get("/openapi.json").json()["info"]["title"] == "flashpoint"
