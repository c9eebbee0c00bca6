"""Canned queries: the questions this dataset exists to answer, as Datasette SQL.

The entity dossier and "where a row comes from" are generated from the schemas:
every foreign key that points at ``entities`` (every ``source_id`` column) becomes
one branch of the query, so a new table joins them by declaring its columns.
"""
from __future__ import annotations

from ..schema import Package

MAJOR_AUTHORITIES = ("EU", "USA", "GBR", "CAN", "CHE", "JPN")


NONE_RECORDED = "none recorded"
#: what the dossier writes for the confidence of a reference row (an entity, a place), which has none
REFERENCE_ROW = "reference row"


def first_act_sql(target: str, authority: str) -> str:
    """The first recorded act by which ``authority`` listed ``target``: date and instrument, or "none recorded"."""
    return (f"coalesce((SELECT a.act_date || ' · ' || coalesce(a.legal_instrument, a.title) FROM sanctions s "
            f"JOIN sanctions_acts a ON a.id = s.act_id WHERE s.target_id = {target} AND s.authority = '{authority}' "
            f"ORDER BY a.act_date LIMIT 1), '{NONE_RECORDED}')")


def first_act_id_sql(target: str, authority: str) -> str:
    """SQL for the id of the first act by which ``authority`` listed ``target`` (NULL when none)."""
    return (f"(SELECT s.act_id FROM sanctions s JOIN sanctions_acts a ON a.id = s.act_id WHERE s.target_id = {target} "
            f"AND s.authority = '{authority}' ORDER BY a.act_date LIMIT 1)")


def listed_by_sql(target: str) -> str:
    """Every authority that lists ``target``, each with its first listing date, or "none recorded"."""
    return (f"coalesce((SELECT group_concat(x, '; ') FROM (SELECT s.authority || ' ' || MIN(s.listing_date) AS x "
            f"FROM sanctions s WHERE s.target_id = {target} GROUP BY s.authority ORDER BY MIN(s.listing_date))), "
            f"'{NONE_RECORDED}')")


def sanctions_gaps_sql() -> str:
    """SQL of *Sanctions gaps*: each Belarusian supplier with each major authority's first act, or "none recorded"."""
    per_authority = ",\n  ".join(
        f"{first_act_sql('e.id', a)} AS {a.lower()}_first_act, {first_act_id_sql('e.id', a)} AS {a.lower()}_act_id"
        for a in MAJOR_AUTHORITIES)
    return f"""SELECT e.id AS supplier_id, e.name, e.name_native,
  (SELECT COUNT(*) FROM component_trade c WHERE c.supplier_id = e.id) AS supply_links,
  (SELECT group_concat(DISTINCT c.product_category) FROM component_trade c WHERE c.supplier_id = e.id) AS categories,
  {per_authority},
  (SELECT COUNT(DISTINCT s.authority) FROM sanctions s WHERE s.target_id = e.id) AS authorities_listing
FROM entities e
WHERE e.id IN (SELECT supplier_id FROM component_trade WHERE link_type <> 'arms_delivery') AND e.country = 'BLR'
ORDER BY authorities_listing, supply_links DESC, e.name"""


def claimed_by_sql(alias: str, confidence: str = "confidence", claimant: str = "claimant_id") -> str:
    """Whose claim a row reports: the claimant's name on an alleged row, never a bare blank."""
    return (f"CASE WHEN {alias}.[{confidence}] = 'alleged' THEN coalesce((SELECT cl.name FROM entities cl "
            f"WHERE cl.id = {alias}.[{claimant}]), 'claimant not recorded') ELSE 'not an allegation' END")


WEAPONS_DEPENDING_ON_BELARUS = f"""SELECT w.name AS weapon_system, w.category, e.name AS supplier, e.name_native AS supplier_native,
  c.link_type, c.product, c.start_year, c.end_year, c.confidence, {claimed_by_sql('c')} AS claimed_by,
  {listed_by_sql('e.id')} AS listed_by,
  c.id AS component_trade_id, w.id AS weapon_system_id, e.id AS supplier_id
FROM component_trade c
JOIN weapon_systems w ON w.id = c.weapon_system_id
JOIN entities e ON e.id = c.supplier_id
WHERE e.country = 'BLR' AND c.link_type IN ('production_supply', 'repair_overhaul', 'joint_development')
ORDER BY w.name, e.name"""

ACT_COMPLETENESS = """SELECT act_id, authority, act_date, legal_instrument, title, programme, stated_persons, stated_entities,
  recorded_persons, recorded_entities, recorded_share_pct, completeness, confidence
FROM sanctions_act_completeness
WHERE (:authority = '' OR authority = :authority)
ORDER BY act_date, authority"""


EXERCISE_TIMELINE = """SELECT substr(x.start_date, 1, 4) AS year, x.series, x.name, x.name_native, x.exercise_type,
  x.framework, x.start_date, x.end_date, x.date_precision, x.declared_troops, x.declared_troops_scope,
  x.declared_troops_in_belarus, x.estimated_troops,
  (SELECT group_concat(p.country, ', ') FROM exercise_participants p WHERE p.exercise_id = x.id) AS countries,
  x.confidence, s.url AS source_url
FROM exercises x LEFT JOIN sources s ON s.id = x.source_id
ORDER BY x.start_date, x.name"""

TRAINED_IN_RUSSIA = """SELECT p.id, p.name, p.name_native, p.position, i.name AS institution, i.name_native AS institution_native,
  t.programme, t.era, t.start_year, t.end_year,
  (SELECT group_concat(DISTINCT s.authority) FROM sanctions s WHERE s.target_id = p.id) AS sanctioned_by,
  t.confidence, src.url AS source_url
FROM training_links t
JOIN entities p ON p.id = t.trainee_id
LEFT JOIN entities i ON i.id = t.institution_id
LEFT JOIN sources src ON src.id = t.source_id
WHERE t.link_type = 'individual'
ORDER BY p.name, t.end_year"""

AGREEMENTS_IN_FORCE = """SELECT a.domain, a.title, a.title_native, a.agreement_type, a.framework, a.signed_date,
  a.signed_date_precision,
  a.in_force_date, m.title AS amends, a.id, a.confidence, s.url AS source_url
FROM agreements a
LEFT JOIN agreements m ON m.id = a.amends_id
LEFT JOIN sources s ON s.id = a.source_id
WHERE a.status = 'in_force'
ORDER BY a.domain, a.signed_date"""

MAP_OF_ACTIVITY = """SELECT p.id, p.name, p.name_native, p.place_type, p.country, p.latitude, p.longitude, p.coordinates_basis,
  (SELECT COUNT(*) FROM exercise_locations l WHERE l.place_id = p.id) AS exercises,
  (SELECT group_concat(x.name, ', ') FROM exercise_locations l JOIN exercises x ON x.id = l.exercise_id
     WHERE l.place_id = p.id) AS exercise_names,
  (SELECT COUNT(*) FROM deployments d WHERE d.place_id = p.id) AS russian_deployments,
  (SELECT group_concat(d.name, '; ') FROM deployments d WHERE d.place_id = p.id) AS deployment_names,
  (SELECT group_concat(e.name, '; ') FROM entities e WHERE e.place_id = p.id) AS enterprises_and_units
FROM places p
WHERE p.latitude IS NOT NULL
ORDER BY exercises + russian_deployments DESC, p.name"""

LISTED_BY_ONE_NOT_ANOTHER = f"""SELECT e.id AS target_id, e.name, e.name_native, e.entity_type, e.country,
  (SELECT a.act_date || ' · ' || coalesce(a.legal_instrument, a.title) FROM sanctions s JOIN sanctions_acts a ON a.id = s.act_id
     WHERE s.target_id = e.id AND s.authority = :listed_by ORDER BY a.act_date LIMIT 1) AS first_listed_by_first,
  coalesce((SELECT a.act_date || ' · ' || coalesce(a.legal_instrument, a.title) FROM sanctions s
     JOIN sanctions_acts a ON a.id = s.act_id WHERE s.target_id = e.id AND s.authority = :not_listed_by
     ORDER BY a.act_date LIMIT 1), '{NONE_RECORDED}') AS listed_by_second,
  {listed_by_sql('e.id')} AS every_listing_recorded
FROM entities e
WHERE e.id IN (SELECT target_id FROM sanctions WHERE authority = :listed_by)
  AND e.id NOT IN (SELECT target_id FROM sanctions WHERE authority = :not_listed_by)
ORDER BY e.entity_type, e.name"""

SUPPLY_BY_WEAPON_CATEGORY = f"""SELECT coalesce(w.category, c.product_category) AS category, e.name AS supplier,
  e.name_native AS supplier_native, e.country AS supplier_country, c.link_type, c.product, c.product_category,
  coalesce(w.name, 'no system named') AS weapon_system, r.name AS recipient, c.start_year, c.end_year, c.confidence,
  {claimed_by_sql('c')} AS claimed_by, {listed_by_sql('e.id')} AS listed_by, c.id AS component_trade_id
FROM component_trade c
JOIN entities e ON e.id = c.supplier_id
LEFT JOIN entities r ON r.id = c.recipient_id
LEFT JOIN weapon_systems w ON w.id = c.weapon_system_id
WHERE :category = '' OR w.category = :category OR c.product_category = :category
ORDER BY category, e.name, c.start_year"""

def label(table: str, column: str, value: str | None = None) -> str:
    """SQL giving the label of a vocabulary value (the ``value_labels`` table; ``value`` defaults to the column)."""
    return (f"(SELECT label FROM value_labels WHERE table_name = '{table}' AND column_name = '{column}' "
            f"AND value = {value or column})")


WHAT_WAS_WHERE_ON_A_DATE = f"""SELECT 'Russian deployment' AS kind, d.name,
  {label('deployments', 'deployment_type', 'd.deployment_type')} AS type, d.start_date,
  d.start_date_precision, coalesce(d.end_date, 'end not recorded') AS end_date, d.end_date_precision, d.end_status,
  p.name AS place, p.country, p.latitude, p.longitude, d.confidence, 'deployments' AS table_name, d.id AS record_id
FROM deployments d JOIN places p ON p.id = d.place_id
WHERE p.latitude IS NOT NULL AND d.start_date <= :date AND (d.end_date IS NULL OR d.end_date >= :date)
UNION ALL
SELECT 'exercise', x.name, {label('exercises', 'exercise_type', 'x.exercise_type')}, x.start_date, x.date_precision,
  coalesce(x.end_date, 'end not recorded'),
  x.date_precision, CASE WHEN x.end_date IS NULL THEN 'end_not_known' ELSE 'ended' END, p.name, p.country,
  p.latitude, p.longitude, x.confidence, 'exercises', x.id
FROM exercises x JOIN exercise_locations l ON l.exercise_id = x.id JOIN places p ON p.id = l.place_id
WHERE p.latitude IS NOT NULL AND x.start_date <= :date AND coalesce(x.end_date, x.start_date) >= :date
ORDER BY kind, start_date"""

EXERCISE_ON_THE_MAP = """SELECT x.name AS exercise, p.name AS place, p.name_native AS place_native, p.place_type,
  p.country, n.name AS country_name, p.latitude, p.longitude, p.coordinates_basis, x.start_date, x.end_date,
  x.date_precision, p.id AS place_id
FROM exercise_locations l
JOIN exercises x ON x.id = l.exercise_id
JOIN places p ON p.id = l.place_id
LEFT JOIN code_names n ON n.code_list = 'iso3166-1-alpha3' AND n.code = p.country
WHERE x.id = :exercise
ORDER BY p.country, p.name"""

DETAIL_COLUMNS = ("name", "title", "product", "programme", "reason", "summary")
DATE_COLUMNS = ("listing_date", "start_date", "signed_date", "reported_date", "start_year", "end_year")


def entity_dossier_sql(package: Package) -> str:
    """SQL of *Entity dossier*: every row that points to one entity, generated from the foreign keys."""
    branches = ["SELECT 'entities' AS table_name, e.id AS record_id, 'the entity itself' AS relation, "
                "e.name || coalesce(' — ' || e.position, '') || coalesce(' — ' || e.description, '') AS detail, "
                f"NULL AS date, '{REFERENCE_ROW}' AS confidence, 'not an allegation' AS claimed_by, e.source_id "
                "FROM entities e WHERE e.id = :entity"]
    for t in package.tables:
        if len(t.primary_key) != 1:
            continue
        names = t.field_names
        detail = next((c for c in DETAIL_COLUMNS if c in names), t.primary_key[0])
        date = next((c for c in DATE_COLUMNS if c in names), None)
        for fk in t.foreign_keys:
            if fk.resource != "entities":
                continue
            col = fk.fields[0]
            extra = (" || ' (' || authority || ', ' || (SELECT coalesce(a.legal_instrument, a.title) FROM sanctions_acts a "
                     "WHERE a.id = act_id) || ')'") if t.name == "sanctions" else ""
            confidence, claimant, source = (t.role_column(r) for r in ("confidence", "claimant", "source"))
            if confidence and claimant:
                claim = f"[{confidence}], {claimed_by_sql(f'[{t.name}]', confidence, claimant)}"
            else:
                claim = f"{f'[{confidence}]' if confidence else repr(REFERENCE_ROW)}, 'not an allegation'"
            branches.append(
                f"SELECT '{t.name}', [{t.primary_key[0]}], '{col}', [{detail}]{extra}, "
                f"{f'[{date}]' if date else 'NULL'}, {claim}, {f'[{source}]' if source else 'NULL'} "
                f"FROM [{t.name}] WHERE [{col}] = :entity")
    return "\nUNION ALL\n".join(branches) + "\nORDER BY 1, 5"


def claimant_allegations_sql(package: Package) -> str:
    """SQL of *Everything one claimant alleges*: every alleged row naming ``:claimant``, from every fact table."""
    branches = []
    for t in package.tables:
        names = t.field_names
        claimant, confidence, source = (t.role_column(r) for r in ("claimant", "confidence", "source"))
        if not (claimant and confidence and source) or len(t.primary_key) != 1:
            continue
        detail = next((c for c in DETAIL_COLUMNS if c in names), t.primary_key[0])
        summary = "summary" if "summary" in names and detail != "summary" else "NULL"
        date = next((c for c in DATE_COLUMNS if c in names), None)
        branches.append(f"SELECT '{t.name}' AS table_name, [{t.primary_key[0]}] AS record_id, [{detail}] AS claim, "
                        f"{summary} AS summary, {f'[{date}]' if date else 'NULL'} AS date, [{confidence}] AS confidence, "
                        f"[{source}] AS source_id FROM [{t.name}] WHERE [{claimant}] = :claimant")
    return "\nUNION ALL\n".join(branches) + "\nORDER BY 1, 5"


def row_sources_sql(package: Package) -> str:
    """Every source behind one row: its main source (and coordinates source) and its ``citations``.

    Generated from the schemas: each table with a column of role ``source`` (``"x-role"``) is one
    branch, so a new table joins the query by declaring its main source.
    """
    branches = []
    for t in package.tables:
        if len(t.primary_key) != 1:
            continue
        key = t.primary_key[0]
        for col, role in ((t.role_column("source"), "main source"), (t.role_column("coordinates_source"), "coordinates")):
            if col:
                branches.append(f"SELECT '{role}' AS role, [{col}] AS source_id, NULL AS locator, NULL AS note "
                                f"FROM [{t.name}] WHERE :table = '{t.name}' AND [{key}] = :id")
    branches.append("SELECT 'citation', source_id, locator, note FROM citations "
                    "WHERE table_name = :table AND record_id = :id")
    rows = "\nUNION ALL\n".join(branches)
    return (f"SELECT r.role, s.title, s.publisher, s.published_date, r.note, r.locator, s.source_type, s.url, s.id AS source_id\n"
            f"FROM (\n{rows}\n) r JOIN sources s ON s.id = r.source_id\n"
            "ORDER BY r.role = 'citation', s.published_date")


#: What a column of the canned queries' results holds, by its name (the same in every query): the table
#: column whose values it shows, so that it renders as that column does on a table page (a key as a
#: labelled link, a code with its name, a vocabulary value with its label). A test checks every value.
QUERY_COLUMNS = {
    **{f"{authority}_act_id": ("sanctions_acts", "id") for authority in ("eu", "usa", "gbr", "can", "che", "jpn")},
    "act_id": ("sanctions_acts", "id"),
    "supplier_id": ("entities", "id"),
    "target_id": ("entities", "id"),
    "weapon_system_id": ("weapon_systems", "id"),
    "component_trade_id": ("component_trade", "id"),
    "place_id": ("places", "id"),
    "source_id": ("sources", "id"),
    "authority": ("sanctions", "authority"),
    "country": ("places", "country"),
    "supplier_country": ("entities", "country"),
    "confidence": ("exercises", "confidence"),
    "agreement_type": ("agreements", "agreement_type"),
    "domain": ("agreements", "domain"),
    "framework": ("exercises", "framework"),
    "link_type": ("component_trade", "link_type"),
    "product_category": ("component_trade", "product_category"),
    "category": ("weapon_systems", "category"),
    "declared_troops_scope": ("exercises", "declared_troops_scope"),
    "date_precision": ("exercises", "date_precision"),
    "signed_date_precision": ("agreements", "signed_date_precision"),
    "start_date_precision": ("deployments", "start_date_precision"),
    "end_date_precision": ("deployments", "end_date_precision"),
    "end_status": ("deployments", "end_status"),
    "entity_type": ("entities", "entity_type"),
    "era": ("training_links", "era"),
    "exercise_type": ("exercises", "exercise_type"),
    "series": ("exercises", "series"),
    "place_type": ("places", "place_type"),
    "coordinates_basis": ("places", "coordinates_basis"),
    "source_type": ("sources", "source_type"),
}


#: Query columns that hold the key of a row of whichever table another column of the same row names
#: (the dossier's, the allegations' and the date map's ``record_id`` beside ``table_name``)
QUERY_ROW_OF = {"record_id": "table_name"}


def canned_queries(package: Package) -> dict:
    """Every canned query of the site for ``package`` (never the checkout's by default): title, description, SQL."""
    return {
        "sanctions_gaps": {
            "title": "Sanctions gaps: Belarusian suppliers and who has listed them, as recorded",
            "description": "Every Belarusian enterprise that supplies or repairs for Russian forces or industry, with the "
                           "first act by which each major authority (EU, USA, GBR, CAN, CHE, JPN) listed it: its date "
                           "and instrument, and the act's id. This shows what is recorded here: \"none recorded\" "
                           "means no designation is in the data, not that none exists; see *Sanctions acts: how much "
                           "of each is recorded* for how complete each act is. The least-listed suppliers come first.",
            "sql": sanctions_gaps_sql(),
        },
        "weapons_depending_on_belarus": {
            "title": "Russian weapon systems that depend on Belarus",
            "description": "For each Russian weapon system: its Belarusian suppliers and repairers (from component "
                           "trade), what each supplies, and which authorities list each supplier, with the date of "
                           "their first listing (\"none recorded\" where the data holds none).",
            "sql": WEAPONS_DEPENDING_ON_BELARUS,
        },
        "act_completeness_by_authority": {
            "title": "Sanctions acts: stated size and share recorded",
            "description": "Every act with the number of Belarus-related targets it states and how many are recorded "
                           "here. Leave the authority empty for all, or enter EU, USA, GBR, CAN, ...",
            "sql": ACT_COMPLETENESS,
        },
        "exercise_timeline": {
            "title": "Exercise timeline",
            "description": "Joint exercises by year and series, with the precision of their dates, the declared troops "
                           "and what that figure counts (the whole exercise, the joint part or the forces in Belarus), "
                           "the troops declared in Belarus where a source gives them apart, and independent estimates.",
            "sql": EXERCISE_TIMELINE,
        },
        "trained_in_russia": {
            "title": "Trained in Russia",
            "description": "Senior Belarusian officers and officials with the Russian or Soviet-era institution where they "
                           "studied, their current or last post, and which authorities have sanctioned them.",
            "sql": TRAINED_IN_RUSSIA,
        },
        "agreements_in_force": {
            "title": "Agreements in force, by domain",
            "description": "Defence and security instruments in force between Belarus and Russia, by domain, with the "
                           "instrument each one amends or extends.",
            "sql": AGREEMENTS_IN_FORCE,
        },
        "map_of_activity": {
            "title": "Map: exercises, Russian deployments and enterprises by place",
            "description": "Every place with coordinates, on a map, with the exercises held there, the Russian "
                           "deployments there and the enterprises or units sited there. `coordinates_basis` says "
                           "whether a point marks the site itself or the town or village that names it.",
            "sql": MAP_OF_ACTIVITY,
        },
        "listed_by_one_not_another": {
            "title": "Listed by one authority but not by another, as recorded",
            "description": "Every target that the first authority lists and the second does not, with the first act of "
                           "each (\"none recorded\" where the data holds none) and every listing recorded. Enter "
                           "authorities as EU or a country code: USA, GBR, CAN, CHE, JPN, AUS, NZL, UKR, NOR.",
            "sql": LISTED_BY_ONE_NOT_ANOTHER,
        },
        "supply_by_weapon_category": {
            "title": "Supply and repair links by weapon-system category",
            "description": "Every supply, repair, transfer or delivery link whose weapon system is of the category, or "
                           "whose product is (so that a supplier whose row names no system still shows), with who "
                           "lists the supplier. Leave the category empty for all, or enter air_defence, aircraft, "
                           "missile_system, radar, ...",
            "sql": SUPPLY_BY_WEAPON_CATEGORY,
        },
        "claimant_allegations": {
            "title": "Everything one claimant alleges",
            "description": "Every alleged row, in any table, that reports the claim of one claimant: an intelligence "
                           "service, a monitoring group, a belligerent's official. Enter the claimant's entity id, "
                           "such as belpol or ukraine-main-intelligence-directorate.",
            "sql": claimant_allegations_sql(package),
            "hide_sql": True,
        },
        "what_was_where_on_a_date": {
            "title": "Map: what was where on a date",
            "description": "Russian deployments in place and exercises under way on one day, on a map, with each date's "
                           "precision (a month- or year-precise date stands for its whole period's first day). A "
                           "deployment whose end no source gives is shown with `end_status` end_not_known: it may have "
                           "left before that day. Enter a date such as 2022-02-20.",
            "sql": WHAT_WAS_WHERE_ON_A_DATE,
        },
        "exercise_on_the_map": {
            "title": "Map: where one exercise was held",
            "description": "The places of one exercise, with their countries, on a map. Enter an exercise id such as "
                           "zapad-2021.",
            "sql": EXERCISE_ON_THE_MAP,
        },
        "row_sources": {
            "title": "Where a row comes from",
            "description": "Every source behind one row of any table: the main source, the source of a place's "
                           "coordinates, and the further sources in citations, with what each supports. Enter a "
                           "table name such as exercises and a row id such as zapad-2021.",
            "sql": row_sources_sql(package),
            "hide_sql": True,  # generated, one branch per table: long, and not what a reader came for
        },
        "entity_dossier": {
            "title": "Entity dossier",
            "description": "Everything the dataset says about one entity, across all tables. Enter an entity id such as "
                           "mzkt or belarus-ministry-of-defence.",
            "sql": entity_dossier_sql(package),
            "hide_sql": True,
        },
    }
