"""Datasette in-process: every page answers, search works, keys link, everything is described."""
import html
import re

import pytest
from datasette.app import Datasette

from belarus_russia_defence.outputs.sqlite import DATABASE_NAME, build_database
from belarus_russia_defence.site.queries import canned_queries
from belarus_russia_defence.schema import load_package
from belarus_russia_defence.site.metadata import SETTINGS, metadata

from .conftest import QUERY_EXAMPLES, ROOT

PACKAGE = load_package(ROOT)
DB = f"/{DATABASE_NAME}"


@pytest.fixture(scope="module")
def datasette(tmp_path_factory):
    path = build_database(PACKAGE, tmp_path_factory.mktemp("site") / f"{DATABASE_NAME}.db")
    return Datasette(immutables=[str(path)], metadata=metadata(PACKAGE, prerender=False), settings=SETTINGS)


async def get(ds, path):
    response = await ds.client.get(path)
    assert response.status_code == 200, f"{path}: {response.status_code} {response.text[:500]}"
    return response


@pytest.mark.asyncio
async def test_every_table_page_answers(datasette):
    for table in PACKAGE.tables:
        page = await get(datasette, f"{DB}/{table.name}")
        assert table.description.split(":")[0][:40] in html.unescape(page.text)


def test_every_table_and_column_has_a_description_in_the_metadata():
    tables = metadata(PACKAGE, prerender=False)["databases"][DATABASE_NAME]["tables"]
    for t in PACKAGE.tables:
        meta = tables[t.name]
        assert meta["description_html"].strip()
        assert set(meta["columns"]) == set(t.field_names)
        assert all(text.strip() for text in meta["columns"].values()), t.name


@pytest.mark.asyncio
async def test_column_notes_script_is_on_table_and_row_pages_only(datasette):
    marker = 'document.querySelector("dl.column-descriptions")'
    assert marker in (await get(datasette, f"{DB}/sanctions")).text
    assert marker in (await get(datasette, f"{DB}/entities/mzkt")).text
    assert marker not in (await get(datasette, f"{DB}?sql=select+1")).text
    assert marker not in (await get(datasette, "/")).text


@pytest.mark.asyncio
async def test_row_pages_link_to_every_source_behind_the_row(datasette):
    page = (await get(datasette, f"{DB}/exercises/union-shield-2019")).text
    assert f'"{DB}/row_sources?table=exercises\\u0026id=union-shield-2019"' in page
    assert "row_sources?" not in (await get(datasette, f"{DB}/sources/geonames-gazetteer")).text
    assert "row_sources?" not in (await get(datasette, f"{DB}/exercises")).text


@pytest.mark.asyncio
async def test_row_pages_show_codes_with_names_and_keys_as_labelled_links(datasette):
    page = (await get(datasette, f"{DB}/entities/mzkt")).text
    assert 'BLR <span class="code-name">Belarus</span>' in page
    parent = re.search(r'<td class="col-parent_id[^>]*>(.*?)</td>', page).group(1)
    assert parent.startswith(f'<a href="{DB}/entities/belarus-state-authority-for-military-industry">State Authority')
    source = re.search(r'<td class="col-source_id[^>]*>(.*?)</td>', page).group(1)
    assert f'href="{DB}/sources/' in source and 'class="document-link" href="http' in source
    acts = (await get(datasette, f"{DB}/sanctions?authority=EU&_size=1")).text
    assert 'EU <span class="code-name">European Union</span>' in acts
    names = (await get(datasette, f"{DB}/code_names.json?code=BLR&_shape=array")).json()
    assert {"code_list": "iso3166-1-alpha3", "code": "BLR", "name": "Belarus"} in names


@pytest.mark.asyncio
async def test_vocabulary_values_show_the_label_the_package_documents(datasette):
    from belarus_russia_defence.schema import load_package

    from .conftest import ROOT

    page = (await get(datasette, f"{DB}/entities/mzkt")).text
    kind = re.search(r'<td class="col-entity_type[^>]*>(.*?)</td>', page).group(1)
    assert kind == '<span class="value-label">Enterprise</span> <span class="key-id">enterprise</span>'
    table = (await get(datasette, f"{DB}/agreements?status=in_force&_size=1")).text
    assert '<span class="value-label">In force</span> <span class="key-id">in_force</span>' in table
    rows = (await get(datasette, f"{DB}/value_labels.json?_shape=array&_size=max")).json()
    package = load_package(ROOT)
    expected = {(t.name, f.name, v, label) for t in package.tables for f in t.fields
                for v, label in package.value_labels(f).items()}
    assert {(r["table_name"], r["column_name"], r["value"], r["label"]) for r in rows} == expected
    assert len(expected) > 200


@pytest.mark.asyncio
async def test_search_finds_plurals_cyrillic_names_and_what_citations_say(datasette):
    async def found(table, term):
        page = await get(datasette, f"{DB}/{table}.json?_search={term}&_shape=array&_size=max")
        return {r.get("id") or r.get("record_id") for r in page.json()}

    assert "mzkt" in await found("entities", "plants")  # its name says "Plant"
    assert "mzkt" in await found("entities", "Минский")
    assert "zapad-2021" in await found("exercises", "Запад")
    assert await found("citations", "declared")
    aliases = (await get(datasette, f"{DB}/aliases.json?_search=Volat&_shape=array")).json()
    assert [a["entity_id"] for a in aliases] == ["mzkt"]


@pytest.mark.asyncio
async def test_search_finds_russian_inflections_and_the_other_english_spelling(datasette):
    import sqlite3

    async def found(table, term):
        page = await get(datasette, f"{DB}/{table}.json?_search={term}&_shape=array&_size=max")
        assert page.status_code == 200, page.text
        return {r["id"] for r in page.json()}

    assert "mzkt" in await found("entities", "Минского завода")  # its native name: Минский завод ...
    assert "mzkt" not in await found("entities", "Минского горисполкома")
    path = datasette.databases[DATABASE_NAME].path
    with sqlite3.connect(path) as conn:
        defence = {r[0] for r in conn.execute("SELECT id FROM entities WHERE name LIKE '%defence%'")}
        armoured = {r[0] for r in conn.execute("SELECT id FROM weapon_systems WHERE name || ' ' || coalesce(description, '')"
                                               " LIKE '%armoured%'")}
    assert defence and defence <= await found("entities", "defense")
    assert armoured and armoured <= await found("weapon_systems", "armored")
    page = (await get(datasette, f"{DB}/entities?_search=defense")).text
    assert 'value="defense"' in page  # the search box keeps what was typed


@pytest.mark.asyncio
async def test_an_entity_page_gathers_its_sanctions_links_and_dossier(datasette):
    import sqlite3

    page = (await get(datasette, f"{DB}/entities/mzkt")).text
    panels = page.split('class="entity-panels"')[1]
    sanctions = panels.split('id="panel-sanctions"')[1].split("<h2")[0]
    path = datasette.databases[DATABASE_NAME].path
    listed = dict(sqlite3.connect(path).execute(
        "SELECT authority, MIN(listing_date) FROM sanctions WHERE target_id = 'mzkt' GROUP BY authority"))
    for authority, first in listed.items():
        assert f'<td class="col-authority">{authority}</td>' in sanctions and first in sanctions
    assert f'href="{DB}/sanctions_acts/' in sanctions
    for authority in {"EU", "USA", "GBR", "CAN", "CHE", "JPN"} - set(listed):
        assert f'<td class="col-authority">{authority}</td><td class="col-designations">0</td>' in sanctions
        assert "none recorded" in sanctions
    supply = panels.split('id="panel-supply"')[1].split("<h2")[0]
    assert f'href="{DB}/component_trade/mzkt-chassis-topol-m"' in supply and f'href="{DB}/weapon_systems/' in supply
    assert f"{DB}/entity_dossier?entity=mzkt" in panels
    figures = panels.split('id="panel-figures"')[1].split("<h2")[0]
    assert f'href="{DB}/industry_figures/mzkt-output-share-russia-90"' in figures


@pytest.mark.asyncio
async def test_every_entity_panel_query_runs_on_the_built_database(datasette):
    from belarus_russia_defence.site.entity_page import PANELS, entity_panels

    for entity in ("mzkt", "belarus", "viktor-khrenin", "russia-armed-forces"):
        panels = await entity_panels(datasette, entity)
        assert [p["key"] for p in panels] == list(PANELS)
    assert any(p["rows"] for p in await entity_panels(datasette, "viktor-khrenin") if p["key"] == "training")


def test_row_link_is_a_safe_script_string():
    from belarus_russia_defence.site.row_links import script_for

    script = script_for("row", DATABASE_NAME, "exercises", "</script><b>x", "/db")
    assert "</script>" not in script and "<b>" not in script
    assert script_for("row", DATABASE_NAME, "exercise_participants", "zapad-2021,BLR", "/db") == ""
    assert script_for("row", "other", "exercises", "zapad-2021", "/db") == ""


def test_descriptions_show_backticked_values_as_code_and_escape_the_rest():
    from belarus_russia_defence.site.metadata import with_code

    assert with_code("sets `end_date` when <b>delisted</b> & `x`") == \
        "sets <code>end_date</code> when &lt;b&gt;delisted&lt;/b&gt; &amp; <code>x</code>"
    assert with_code("an odd ` backtick") == "an odd ` backtick"


@pytest.mark.asyncio
async def test_full_text_search_finds_a_known_row(datasette):
    page = await get(datasette, f"{DB}/exercises.json?_search=Zapad&_shape=objects")
    assert "zapad-2021" in {r["id"] for r in page.json()["rows"]}


@pytest.mark.asyncio
async def test_foreign_keys_render_as_links_with_labels(datasette):
    page = await get(datasette, f"{DB}/sanctions?target_id=mzkt")
    assert re.search(r'<a href="/belarus_russia_defence/entities/mzkt">[^<]*Minsk Wheel Tractor Plant', page.text)


@pytest.mark.asyncio
async def test_default_facets_are_shown(datasette):
    page = await get(datasette, f"{DB}/sanctions.json")
    facets = page.json()["facet_results"]
    assert {"authority", "confidence"} <= set(facets)


@pytest.mark.asyncio
@pytest.mark.parametrize("name", list(canned_queries(PACKAGE)))
async def test_each_canned_query_runs_and_returns_rows(datasette, name):
    params = QUERY_EXAMPLES.get(name, "")
    page = await get(datasette, f"{DB}/{name}.json?_shape=objects&{params}")
    rows = page.json()["rows"]
    assert rows, f"{name} returned nothing"
    html = await get(datasette, f"{DB}/{name}?{params}")
    assert canned_queries(PACKAGE)[name]["title"] in html.text
    # a date whose schema records its precision is shown with it
    precision = {}
    for t in PACKAGE.tables:
        for date_column, precision_column in t.checks.get("precision", {}).items():
            precision.setdefault(date_column, set()).add(precision_column)
    shown = set(rows[0])
    for column in shown & set(precision):
        assert shown & precision[column], f"{name} shows {column} without {' or '.join(sorted(precision[column]))}"


@pytest.mark.asyncio
async def test_query_results_show_keys_as_links_and_values_with_labels(datasette):
    """Every declared column of every canned query holds what it claims; ids are links, values have labels."""
    import sqlite3

    from belarus_russia_defence.site.metadata import query_cell_config
    from belarus_russia_defence.site.queries import NONE_RECORDED, QUERY_COLUMNS, QUERY_ROW_OF, REFERENCE_ROW

    configs = query_cell_config(PACKAGE)
    assert set(configs) == set(QUERY_COLUMNS) | set(QUERY_ROW_OF), "every declared column resolves on the package"
    conn = sqlite3.connect(datasette.databases[DATABASE_NAME].path)
    checked = set()
    for name in canned_queries(PACKAGE):
        page = (await get(datasette, f"{DB}/{name}.json?_shape=objects&_size=max&{QUERY_EXAMPLES.get(name, '')}")).json()
        for row in page["rows"]:
            for column, value in row.items():
                assert not column.endswith("_id") or column in configs, (name, column)
                if column in QUERY_ROW_OF and value not in (None, ""):  # a row of the table another column names
                    target = PACKAGE.table(row[QUERY_ROW_OF[column]])
                    where = " AND ".join(f"[{c}] = ?" for c in target.primary_key)
                    assert conn.execute(f"SELECT 1 FROM [{target.name}] WHERE {where}", value.split("/")).fetchone()
                    checked |= {column}
                if column not in QUERY_COLUMNS or value in (None, ""):
                    continue
                config, checked = configs[column], checked | {column}
                if "link" in config:
                    link = config["link"]
                    found = conn.execute(f"SELECT 1 FROM [{link['table']}] WHERE [{link['column']}] = ?", (value,))
                    assert found.fetchone(), (name, column, value)
                elif "labels" in config:
                    assert value in config["labels"] or value in (REFERENCE_ROW, NONE_RECORDED), (name, column, value)
    assert {"supplier_id", "eu_act_id", "confidence", "link_type", "record_id"} <= checked
    dossier = (await get(datasette, f"{DB}/entity_dossier?entity=mzkt")).text
    records = re.findall(r'<td class="col-record_id[^>]*>(.*?)</td>', dossier)
    assert records and all(r.startswith(f'<a href="{DB}/') for r in records)
    assert any(f'href="{DB}/component_trade/' in r for r in records)
    html = (await get(datasette, f"{DB}/weapons_depending_on_belarus")).text
    supplier = re.search(r'<td class="col-supplier_id[^>]*>(.*?)</td>', html).group(1)
    assert supplier.startswith(f'<a href="{DB}/entities/') and '<span class="key-id">' in supplier
    confidence = re.search(r'<td class="col-confidence[^>]*>(.*?)</td>', html).group(1)
    assert '<span class="value-label">' in confidence


@pytest.mark.asyncio
async def test_sanctions_gaps_lists_suppliers_with_authorities(datasette):
    rows = (await get(datasette, f"{DB}/sanctions_gaps.json?_shape=objects")).json()["rows"]
    mzkt = next(r for r in rows if r["supplier_id"] == "mzkt")
    assert mzkt["eu_first_act"].startswith("20") and mzkt["usa_act_id"].startswith("usa-")
    assert all(r["supply_links"] >= 1 for r in rows)
    firsts = [k for k in rows[0] if k.endswith("_first_act")]
    assert len(firsts) == 6
    # never a bare blank: a supplier an authority has not listed reads "none recorded"
    assert all(r[k] for r in rows for k in firsts)
    assert any(r[k] == "none recorded" for r in rows for k in firsts)
    assert all((r[k] == "none recorded") == (r[k.replace("_first_act", "_act_id")] is None) for r in rows for k in firsts)


@pytest.mark.asyncio
async def test_act_completeness_view_counts_what_is_recorded(datasette):
    import sqlite3

    db = sqlite3.connect(datasette.databases[DATABASE_NAME].path)
    rows = (await get(datasette, f"{DB}/sanctions_act_completeness.json?_shape=objects&_size=max")).json()["rows"]
    acts = db.execute("SELECT COUNT(*) FROM sanctions_acts").fetchone()[0]
    assert len(rows) == acts
    for r in rows:
        persons, entities = db.execute(
            "SELECT SUM(e.entity_type = 'person'), SUM(e.entity_type <> 'person') FROM "
            "(SELECT DISTINCT target_id FROM sanctions WHERE act_id = ?) s JOIN entities e ON e.id = s.target_id",
            [r["act_id"]]).fetchone()
        assert (r["recorded_persons"], r["recorded_entities"]) == (persons or 0, entities or 0)
        if r["stated_targets"] is None:
            assert r["completeness"] == "size not stated" and r["recorded_share_pct"] is None
        else:
            assert r["completeness"] in ("every stated target recorded", "partly recorded")


@pytest.mark.asyncio
async def test_weapons_depending_on_belarus_names_suppliers_and_listings(datasette):
    rows = (await get(datasette, f"{DB}/weapons_depending_on_belarus.json?_shape=objects&_size=max")).json()["rows"]
    assert rows and all(r["listed_by"] for r in rows)
    assert all(r["link_type"] != "arms_delivery" for r in rows)
    mzkt = [r for r in rows if r["supplier_id"] == "mzkt"]
    assert mzkt and all("EU 20" in r["listed_by"] for r in mzkt)


@pytest.mark.asyncio
async def test_entity_dossier_reaches_every_table_that_points_at_entities(datasette):
    rows = (await get(datasette, f"{DB}/entity_dossier.json?_shape=objects&entity=mzkt")).json()["rows"]
    assert {"entities", "sanctions", "component_trade"} <= {r["table_name"] for r in rows}


@pytest.mark.asyncio
async def test_row_sources_lists_main_source_coordinates_and_citations(datasette):
    import csv

    def rows_of(table, id_):
        url = f"{DB}/row_sources.json?_shape=objects&table={table}&id={id_}"
        return datasette.client.get(url)

    place = next(r for r in csv.DictReader(open(ROOT / "data" / "places.csv", encoding="utf-8"))
                 if r["coordinates_basis"] == "nearby_town" and r["coordinates_source_id"] == "geonames-gazetteer")
    cited = [c for c in csv.DictReader(open(ROOT / "data" / "citations.csv", encoding="utf-8"))
             if c["table_name"] == "places" and c["record_id"] == place["id"]]
    rows = (await rows_of("places", place["id"])).json()["rows"]
    assert [r["role"] for r in rows].count("main source") == 1
    assert {r["source_id"] for r in rows if r["role"] == "coordinates"} == {"geonames-gazetteer"}
    assert {r["source_id"] for r in rows if r["role"] == "citation"} == {c["source_id"] for c in cited}
    assert (await rows_of("exercises", place["id"])).json()["rows"] == [], "a table and id that do not match give nothing"


@pytest.mark.asyncio
async def test_home_page_says_what_the_data_is_its_licence_and_how_to_cite(datasette):
    page = await get(datasette, "/")
    assert "CC BY 4.0" in page.text and "How to cite" in page.text and "/-/dashboards" in page.text


@pytest.mark.asyncio
async def test_database_is_immutable(datasette):
    response = await datasette.client.post(f"{DB}/-/create", json={"table": "x", "rows": [{"a": 1}]})
    assert response.status_code in (403, 404, 405)
    page = await datasette.client.get(f"{DB}.json?sql=" + "DELETE FROM sources")
    assert page.status_code == 400
    assert (await get(datasette, f"{DB}/sources.json?_shape=objects&_size=1")).json()["rows"]


@pytest.mark.asyncio
async def test_dashboard_page_answers(datasette):
    page = await get(datasette, "/-/dashboards/overview")
    assert "Joint exercises per year" in page.text


@pytest.mark.asyncio
async def test_each_dashboard_bar_leads_to_exactly_its_rows(datasette):
    import sqlite3

    from belarus_russia_defence.site.dashboards import dashboards

    conn = sqlite3.connect(datasette.databases[DATABASE_NAME].path)
    conn.row_factory = sqlite3.Row
    for name, chart in dashboards()["overview"]["charts"].items():
        value = chart["display"]["encoding"]["y"]["field"]
        assert chart["display"]["encoding"]["href"] == {"field": "rows_url"}, name
        bars = conn.execute(chart["query"]).fetchall()
        for bar in bars:
            page = (await get(datasette, bar["rows_url"].replace("?", ".json?", 1) + "&_size=0")).json()
            assert page["filtered_table_rows_count"] == bar[value], (name, bar["rows_url"])
        color = chart["display"]["encoding"].get("color")
        if color:  # a palette of 20 colours gives every series its own
            assert color["scale"]["scheme"] == "tableau20" and len({b[color["field"]] for b in bars}) <= 20, name
        # series and categories are named, not coded: no label is a bare vocabulary slug or country code
        for field in filter(None, [chart["display"]["encoding"]["x"]["field"], color and color["field"]]):
            shown = {b[field] for b in bars}
            assert not shown & {"union_shield", "air_defence", "GBR", "USA"}, (name, field)
    exercises = conn.execute(dashboards()["overview"]["charts"]["exercises-per-year"]["query"]).fetchall()
    assert "Union Shield" in {b["series"] for b in exercises}
    authorities = conn.execute(dashboards()["overview"]["charts"]["designations-per-authority"]["query"]).fetchall()
    assert {"United Kingdom", "European Union"} <= {b["authority_name"] for b in authorities}


@pytest.mark.asyncio
async def test_map_plugin_is_active_on_places(datasette):
    page = await get(datasette, f"{DB}/places")
    assert "datasette-cluster-map" in page.text or "cluster-map" in page.text
    plugins = (await get(datasette, "/-/plugins.json")).json()
    assert {"datasette-cluster-map", "datasette-dashboards", "datasette-search-all"} <= {p["name"] for p in plugins}


@pytest.mark.asyncio
async def test_a_pathological_query_is_stopped_while_other_requests_are_answered(datasette):
    import asyncio
    import time
    import urllib.parse

    endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
    cross = "SELECT count(*) FROM citations a, citations b, citations c"
    finished = {}

    async def timed(name, path):
        start = time.perf_counter()
        response = await datasette.client.get(path)
        finished[name] = time.perf_counter() - start
        return response

    slow, other, crossed = await asyncio.gather(
        timed("slow", f"{DB}.json?sql=" + urllib.parse.quote(endless)),
        timed("other", f"{DB}/sources.json?_size=5"),
        timed("cross", f"{DB}.json?sql=" + urllib.parse.quote(cross)),
    )
    for response in (slow, crossed):
        assert response.status_code == 400
        assert "interrupted" in response.text.lower() or "time limit" in response.text.lower()
    assert other.status_code == 200 and len(other.json()["rows"]) == 5
    assert finished["other"] < finished["slow"]
    assert finished["slow"] < SETTINGS["sql_time_limit_ms"] / 1000 + 3


@pytest.mark.asyncio
async def test_max_returned_rows_bounds_a_response(datasette):
    import urllib.parse

    many = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000) SELECT x FROM c"
    page = await get(datasette, f"{DB}.json?_shape=objects&sql=" + urllib.parse.quote(many))
    body = page.json()
    assert len(body["rows"]) == SETTINGS["max_returned_rows"] and body["truncated"] is True


@pytest.mark.asyncio
async def test_analytic_views_mark_claims_with_their_claimant(datasette):
    import csv

    trade = {r["id"]: r for r in csv.DictReader(open(ROOT / "data" / "component_trade.csv", encoding="utf-8"))}
    names = {r["id"]: r["name"] for r in csv.DictReader(open(ROOT / "data" / "entities.csv", encoding="utf-8"))}
    rows = (await get(datasette, f"{DB}/weapons_depending_on_belarus.json?_shape=objects&_size=max")).json()["rows"]
    assert rows and all(r["claimed_by"] and r["confidence"] for r in rows)
    for r in rows:
        source = trade[r["component_trade_id"]]
        expected = names[source["claimant_id"]] if source["confidence"] == "alleged" else "not an allegation"
        assert r["claimed_by"] == expected
    assert any(r["confidence"] == "alleged" for r in rows)
    # the dossier of a claimant lists what it alleges, each row marked with its confidence and claimant
    dossier = (await get(datasette, f"{DB}/entity_dossier.json?entity=belpol&_shape=objects&_size=max")).json()["rows"]
    alleged = [r for r in dossier if r["relation"] == "claimant_id"]
    assert {r["record_id"] for r in alleged if r["table_name"] == "component_trade"} == {
        i for i, t in trade.items() if t["claimant_id"] == "belpol"}
    assert all(r["confidence"] == "alleged" and r["claimed_by"] == names["belpol"] for r in alleged)


@pytest.mark.asyncio
async def test_search_on_a_table_without_full_text_search_says_so(datasette):
    response = await datasette.client.get(f"{DB}/exercise_participants.json?_search=anything")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error.startswith("The table exercise_participants has no full-text search") and "exercises" in error
    page = await datasette.client.get(f"{DB}/exercise_participants?_search=anything")
    assert page.status_code == 400 and "has no full-text search" in page.text
    # a table with full-text search still searches, and a table page without _search is untouched
    assert (await get(datasette, f"{DB}/exercises.json?_search=Zapad")).status_code == 200
    assert (await get(datasette, f"{DB}/exercise_participants.json")).status_code == 200


def test_the_site_metadata_is_built_from_the_package_it_is_given_not_the_checkout(package_dir):
    import json

    path = package_dir / "schemas" / "exercises.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    next(f for f in schema["fields"] if f["name"] == "summary")["description"] = "What happened (a test's own words)."
    next(f for f in schema["fields"] if f["name"] == "source_id")["name"] = "main_source_id"
    next(fk for fk in schema["foreignKeys"] if fk["fields"] == "source_id")["fields"] = "main_source_id"
    path.write_text(json.dumps(schema), encoding="utf-8")
    meta = metadata(load_package(package_dir), prerender=False)["databases"][DATABASE_NAME]
    assert meta["tables"]["exercises"]["columns"]["summary"] == "What happened (a test's own words)."
    assert "[main_source_id]" in meta["queries"]["row_sources"]["sql"], "generated from this package's schemas"
