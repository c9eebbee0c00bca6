"""The served site as a person sees it: Playwright driving Debian's Chromium against Datasette on 127.0.0.1.

Screenshots are kept in build/screenshots/. Without /usr/bin/chromium these tests are
skipped, unless REQUIRE_BROWSER=1 (as in CI), where they fail instead.
"""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from belarus_russia_defence.outputs.sqlite import DATABASE_NAME, build_database
from belarus_russia_defence.outputs.downloads import build_dist
from belarus_russia_defence.site.queries import canned_queries
from belarus_russia_defence.schema import load_package
from belarus_russia_defence.site.metadata import write_metadata
from belarus_russia_defence.workspace import Workspace

from .conftest import QUERY_EXAMPLES, ROOT, copy_package, set_cell

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = ROOT / "build" / "screenshots"
XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'
DB = f"/{DATABASE_NAME}"

if not Path(CHROMIUM).exists():
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"{CHROMIUM} is missing but REQUIRE_BROWSER=1: install Debian's chromium")
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A package copy with a hostile cell, built and served exactly as `make serve` does."""
    root = copy_package(tmp_path_factory.mktemp("served"))
    set_cell(root, "entities", 0, "description", XSS)
    package, workspace = load_package(root), Workspace(root)
    build_database(package, workspace.database)
    write_metadata(package, workspace.metadata, prerender=False)  # no background rendering competing for the cores
    build_dist(package, workspace.downloads)  # the downloads the home page links, served under /downloads
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "belarus_russia_defence", "--root", str(root), "serve",
                               "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.kill()
        raise RuntimeError("datasette did not start: " + server.stderr.read().decode()[-2000:])
    yield base, root
    server.terminate()
    server.wait(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


def shot(page, name):
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def test_home_page_says_what_the_data_is(site, page):
    base, _ = site
    page.goto(base + "/")
    assert "Belarus–Russia defence ties" in page.title()
    body = page.inner_text("body")
    assert "CC BY 4.0" in body and "How to cite" in body
    page.locator('a[href="/-/dashboards"]:visible').first.click()
    page.wait_for_url("**/-/dashboards**")
    shot(page, "home-then-dashboards")


def test_home_page_lists_the_questions_and_every_download_which_answer(site, page):
    base, root = site
    page.goto(base + "/")
    questions = page.locator("ul.home-questions li a")
    assert questions.count() == len(canned_queries(load_package(root)))
    links = page.locator("ul.home-downloads a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert any(h.endswith(".zip") for h in hrefs) and any(h.endswith(".ftm.json") for h in hrefs)
    assert sum(h.endswith(".parquet") for h in hrefs) == len(load_package(root).tables)
    for href in hrefs:
        response = page.request.get(base + href)
        assert response.status == 200 and len(response.body()) > 0, href
    shot(page, "home-page")


def test_an_entity_page_shows_names_labelled_links_and_its_sanctions_panel(site, page):
    base, _ = site
    page.goto(f"{base}{DB}/entities/mzkt")
    assert "Belarus" in page.inner_text("td.col-country")
    parent = page.locator("td.col-parent_id a").first
    assert parent.inner_text().startswith("State Authority for Military Industry")
    assert page.locator("td.col-source_id a.document-link").count() == 1
    panel = page.locator("table.panel-sanctions")
    assert panel.locator("td.col-authority", has_text="EU").count() == 1
    assert panel.locator("td.col-first_act_id a").count() >= 1
    assert page.locator("p.entity-dossier-link a").get_attribute("href").endswith("entity_dossier?entity=mzkt")
    shot(page, "entity-mzkt-panels")
    parent.click()
    page.wait_for_url(f"**{DB}/entities/belarus-state-authority-for-military-industry")
    shot(page, "entity-parent-followed")


@pytest.mark.parametrize("table, term, row", [("entities", "plants", "mzkt"), ("entities", "Минский", "mzkt"),
                                               ("entities", "Минского завода", "mzkt"),
                                               ("aliases", "Lukashenka", "alexander-lukashenko")])
def test_search_finds_a_plural_a_cyrillic_name_and_an_alias(site, page, table, term, row):
    base, _ = site
    page.goto(f"{base}{DB}/{table}")
    page.fill("input#_search", term)
    page.press("input#_search", "Enter")
    page.wait_for_url("**_search=**")
    assert page.locator(f'table.rows-and-columns a[href="{DB}/entities/{row}"]').count() >= 1
    shot(page, f"search-{table}-{row}")


def test_a_question_shows_ids_as_labelled_links_and_values_with_labels(site, page):
    base, _ = site
    page.goto(f"{base}{DB}/weapons_depending_on_belarus")
    supplier = page.locator(f'table.rows-and-columns td.col-supplier_id a[href^="{DB}/entities/"]').first
    slug = supplier.get_attribute("href").rsplit("/", 1)[1]
    assert supplier.inner_text() and supplier.inner_text() != slug, "the link reads as a name, not as an id"
    assert page.locator("table.rows-and-columns td.col-confidence .value-label").count() > 0
    supplier.click()
    page.wait_for_url(f"**{DB}/entities/**")
    assert page.locator("#panel-sanctions").count() == 1
    shot(page, "question-supplier-followed")


def test_the_date_map_draws_what_was_where(site, page):
    base, _ = site
    page.goto(f"{base}{DB}/what_was_where_on_a_date?date=2022-02-20")
    page.wait_for_selector(".leaflet-marker-icon, .marker-cluster", timeout=20000)
    assert page.locator(".leaflet-marker-icon, .marker-cluster").count() > 0
    assert "Russian deployment" in page.inner_text("table.rows-and-columns")
    page.locator(".leaflet-container").screenshot(path=str(SCREENSHOTS / "date-map-2022-02-20.png"))


def test_table_with_a_facet_applied(site, page):
    base, _ = site
    page.goto(f"{base}{DB}/sanctions")
    page.click(".facet-info[data-column=authority] li >> nth=0 >> a")
    page.wait_for_url("**authority=**")
    assert "authority =" in page.inner_text(".filters") or "authority" in page.url
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() > 0
    shot(page, "sanctions-faceted")


def test_a_facet_that_is_cut_off_says_so(site, page):
    base, _ = site
    page.goto(f"{base}{DB}/sources")  # publisher is one of its facets, with far more than 30 values
    cut = page.locator(".facet-info[data-column=publisher] li.facet-cut-off a")
    assert cut.inner_text() == "… only the 30 most common values are shown: show them all"
    cut.click()
    page.wait_for_url("**_facet_size=max**")
    assert page.locator(".facet-info[data-column=publisher] li:not(.facet-truncated)").count() > 30
    shot(page, "facet-cut-off")


def test_column_descriptions_are_folded_so_rows_come_first(site, page):
    base, root = site
    page.goto(f"{base}{DB}/sanctions")
    fold = page.locator("details.column-notes")
    columns = len(json.loads((root / "schemas" / "sanctions.schema.json").read_text())["fields"])
    assert fold.locator("summary").inner_text() == f"What the {columns} columns mean"
    assert not page.locator("dl.column-descriptions dd").first.is_visible(), "folded until asked"
    first_row = page.locator("table.rows-and-columns tbody tr").first
    folded_y = first_row.bounding_box()["y"]
    schema = json.loads((root / "schemas" / "sanctions.schema.json").read_text())
    described = next(f["description"] for f in schema["fields"] if f["name"] == "authority")
    assert page.locator("th[data-column=authority]").get_attribute("title") == described
    fold.locator("summary").click()
    assert page.locator("dl.column-descriptions dd code", has_text="listing_date_note").count() >= 1
    assert first_row.bounding_box()["y"] > folded_y + 300, "unfolded, the descriptions push the rows down"
    shot(page, "sanctions-column-notes")


def test_foreign_key_link_is_followed(site, page):
    base, _ = site
    page.goto(f"{base}{DB}/sanctions?target_id=mzkt")
    page.click(f'a[href="{DB}/entities/mzkt"] >> nth=0')
    page.wait_for_url(f"**{DB}/entities/mzkt")
    assert "Minsk Wheel Tractor Plant" in page.inner_text("body")
    shot(page, "entity-mzkt")


def test_full_text_search(site, page):
    base, _ = site
    page.goto(f"{base}{DB}/exercises")
    page.fill("input#_search", "Zapad")
    page.press("input#_search", "Enter")
    page.wait_for_url("**_search=Zapad**")
    assert "zapad-2021" in page.inner_text("table.rows-and-columns")
    shot(page, "exercises-search")


#: the questions whose page draws a map in the browser (their rows have coordinates); every question's rows
#: are checked in-process by tests/test_site.py
MAP_QUERIES = [name for name, q in canned_queries(load_package(ROOT)).items() if "latitude" in q["sql"]]


@pytest.mark.parametrize("name", MAP_QUERIES)
def test_each_question_with_places_renders_its_rows_and_a_map(site, page, name):
    base, _ = site
    page.goto(f"{base}{DB}/{name}?{QUERY_EXAMPLES.get(name, '')}")
    assert page.locator("table.rows-and-columns tbody tr").count() > 0
    page.wait_for_selector(".leaflet-container", timeout=20000)
    shot(page, f"query-{name}")


def test_a_row_page_leads_to_every_source_behind_the_row(site, page):
    base, _ = site
    page.goto(f"{base}{DB}/exercises/union-shield-2019")
    page.click("p.row-sources-link a")
    page.wait_for_url("**/row_sources?**")
    roles = page.locator("table.rows-and-columns tbody td.col-role").all_inner_texts()
    assert roles.count("main source") == 1 and "citation" in roles
    shot(page, "row-sources-union-shield-2019")


def test_map_draws_markers(site, page):
    base, _ = site
    page.goto(f"{base}{DB}/places?_size=max")
    page.wait_for_selector(".leaflet-container", timeout=20000)
    page.wait_for_selector(".leaflet-marker-icon, .marker-cluster", timeout=20000)
    assert page.locator(".leaflet-marker-icon, .marker-cluster").count() > 0
    page.locator(".leaflet-container").screenshot(path=str(SCREENSHOTS / "places-map.png"))


def test_dashboard_draws_charts(site, page):
    base, _ = site
    page.goto(f"{base}/-/dashboards/overview")
    page.wait_for_selector("#chart-exercises-per-year svg, #chart-exercises-per-year canvas", timeout=20000)
    for chart in ("exercises-per-year", "designations-per-authority", "supply-by-category"):
        assert page.locator(f"#chart-{chart} svg, #chart-{chart} canvas").count() > 0
    shot(page, "dashboard")


def test_hostile_text_renders_as_text(site, page):
    base, root = site
    first_entity = (root / "data" / "entities.csv").read_text().splitlines()[1].split(",")[0]
    for url in (f"{base}{DB}/entities/{first_entity}", f"{base}{DB}/entities?id={first_entity}"):
        page.goto(url)
        page.wait_for_load_state("load")
        assert "<script>window.__xss = 1</script>" in page.inner_text("body")
        assert page.evaluate("window.__xss") is None
        assert page.dialogs == []
    shot(page, "hostile-text")
