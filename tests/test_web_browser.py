"""The pages in a real browser: Debian's chromium driven by Playwright, on a live server over the
example articles. Screenshots are saved under test-artefacts/ (FLASHPOINT_TEST_ARTEFACTS)."""

from __future__ import annotations

import shutil
import urllib.parse
from pathlib import Path

import pytest

from web_server import ARTEFACTS, TOKEN

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists() or shutil.which("chromium") is None,
                                reason="Debian's chromium is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, live):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live.url)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    outside: list[str] = []
    pg.on("request", lambda req: outside.append(req.url) if not req.url.startswith(live.url) else None)
    yield pg
    ctx.close()
    assert not errors, f"script errors on the page: {errors}"
    assert not outside, f"the page asked for something outside the server: {outside}"


def shot(pg, name: str) -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=False)
    return path


def test_map_shows_flashpoints_and_events(page):
    page.goto("/")
    svg = page.locator("svg#map")
    assert svg.is_visible()
    assert page.locator("svg#map .countries path").count() > 150  # the offline basemap
    names = page.locator("svg#map .flashpoint").evaluate_all("els => els.map(e => e.dataset.name)")
    assert "Belarus-Poland border" in names and "Black Sea" in names
    assert page.locator("svg#map .event-dot").count() >= 20
    shot(page, "map")
    # zooming with the wheel changes the view box (the vendored map.js runs)
    before = svg.get_attribute("viewBox")
    box = svg.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)
    page.wait_for_function("v => document.getElementById('map').getAttribute('viewBox') !== v", arg=before)
    # a double click anywhere on the map (sea or country, whatever lies under the pointer) resets it
    page.mouse.dblclick(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("v => document.getElementById('map').getAttribute('viewBox') === v", arg=before)
    assert svg.get_attribute("viewBox") == before


def test_border_flashpoint_timeline_and_alert(page):
    page.goto("/")
    page.locator('svg#map .flashpoint[data-name="Belarus-Poland border"] circle').click()
    page.wait_for_url("**/flashpoints/Belarus-Poland%20border")
    assert page.locator("h1").inner_text() == "Belarus-Poland border"
    chart = page.locator("svg.timeline")
    assert chart.is_visible()
    assert chart.locator("rect.bar").count() >= 3
    marker = chart.locator("a.alert-marker").first
    assert marker.get_attribute("data-rule") == "surge"
    assert "MOBILIZE" in page.locator("section.alert").first.inner_text()
    shot(page, "flashpoint")
    marker.click()
    page.wait_for_url("**#alert-0")
    alert = page.locator("#alert-0")
    assert "surge alert, 2021-11-08 – 2021-11-14" in alert.inner_text()
    assert alert.locator("table.driving tbody tr").count() >= 2
    shot(page, "flashpoint-alert")


def test_paratrooper_drill_merged_event_with_its_outlets(page):
    page.goto("/flashpoints/" + urllib.parse.quote("Belarus-Poland border"))
    rows = page.locator("#alert-0 table.driving tbody tr", has_text="paratrooper")
    most = max(range(rows.count()), key=lambda i: int(rows.nth(i).locator("td").nth(3).inner_text()))
    rows.nth(most).locator("a", has_text="MOBILIZE").click()
    page.wait_for_url("**/merged/*")
    outlets = page.locator(".report h3.outlet").all_inner_texts()
    assert any(o.startswith("TRT World") for o in outlets)
    assert any(o.startswith("The Goa Spotlight") for o in outlets)
    assert len(set(outlets)) >= 3
    assert "place" in page.locator(".disagreements").inner_text()
    assert page.locator(".report dd.hl").count() >= 2  # the places they disagree on
    trt = page.locator(".report", has_text="TRT World").first
    assert trt.locator("mark.trigger").count() == 1 and trt.locator("mark.actor").count() >= 1
    assert "paratroopers" in trt.locator("blockquote.sentence").inner_text()
    shot(page, "merged-event")
    trt.locator(".meta a").click()
    page.wait_for_url("**/articles/05_trtworld*")


def test_article_with_its_marks(page):
    page.goto("/articles/05_trtworld")
    assert page.locator("h1").inner_text() == "Russia, Belarus stage paratrooper drills near Polish border"
    sent = page.locator(".article-text mark.trigger", has_text="sent").first
    assert sent.get_attribute("data-label") == "e1"
    assert page.locator(".article-text mark.actor", has_text="Russia").count() >= 1
    assert "framing:" in page.locator(".framing-line").inner_text()
    assert page.locator("table.events tbody tr").count() >= 3
    shot(page, "article")


def test_search_box_finds_a_place(page):
    page.goto("/")
    page.fill("form.search input", "Black Sea")
    page.press("form.search input", "Enter")
    page.wait_for_url("**/search?q=Black+Sea")
    assert page.locator("a", has_text="Black Sea").count() >= 1
    assert page.locator("table.merged-list tbody tr").count() >= 1


HOSTILE = ("Russian troops crossed the border into Ukraine on Monday, the ministry said. "
           "<script>window.__pwned = 1</script> The army <img src=x onerror=\"window.__pwned = 2\"> "
           "deployed tanks near Kharkiv. \"><svg onload=window.__pwned=3>")


def test_hostile_article_shows_as_text(page, live):
    import httpx

    r = httpx.post(f"{live.url}/api/v1/articles", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120,
                   json={"id": "hostile-<script>", "title": "<script>window.__pwned=4</script>Hostile",
                         "outlet": "<img src=x onerror=window.__pwned=5>", "published": "2022-02-24",
                         "text": HOSTILE})
    assert r.status_code == 200, r.text
    article_id = r.json()["articles"][0]["id"]
    page.goto("/articles/" + urllib.parse.quote(article_id, safe=""))
    assert page.evaluate("window.__pwned") is None
    assert page.locator("script").count() == 0  # the base page has none but the map's
    assert "<script>window.__pwned = 1</script>" in page.locator(".article-text").inner_text()
    assert page.locator(".article-text img, .article-text svg").count() == 0
    assert page.locator("h1").inner_text().startswith("<script>")
    page.goto("/articles")
    page.goto("/search?q=" + urllib.parse.quote("<script>"))
    assert page.evaluate("window.__pwned") is None
    page.goto("/")
    assert page.evaluate("window.__pwned") is None


def test_api_docs_load_offline(page):
    page.goto("/docs")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/v1/merged" in p for p in paths)
    assert any("/api/v1/articles" in p for p in paths)


def test_the_alerts_page_shows_new_alerts_without_a_reload(browser, tmp_path, pipeline):
    """An ingest (or flashpoint watch) adds articles while the page is open: their alert appears."""
    from web_server import LiveServer, make_app

    from flashpoint.ingest import ingest

    from conftest import shared

    nov = shared("examples", "nov2021")
    db = tmp_path / "growing.duckdb"
    ingest([nov / "11_sputnik_2021-11-09_mod-us-actions-in-black-sea.txt"], db, pipeline=pipeline)
    with LiveServer(make_app(db)) as server:
        ctx = browser.new_context(base_url=server.url)
        pg = ctx.new_page()
        pg.goto("/alerts")
        assert pg.locator("#no-alerts").is_visible()
        ingest(sorted(nov.glob("0*.txt")), db, pipeline=pipeline)
        fresh = pg.locator('section.alert.new[data-key^="Belarus-Poland border|surge|"]')
        fresh.wait_for(timeout=60_000)
        assert "2021-11-08 – 2021-11-14" in fresh.locator("h3").inner_text()
        assert "British troops have deployed to Poland" in fresh.locator(".reasons").inner_text()
        assert pg.locator("#live").inner_text().endswith("since this page was opened")
        assert pg.locator("#no-alerts").count() == 0
        ctx.close()
