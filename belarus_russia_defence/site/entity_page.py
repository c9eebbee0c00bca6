"""An actor's page: what the dataset knows about one entity, gathered on its row page.

The row page of an entity (``templates/row-belarus_russia_defence-entities.html``) adds panels:
its sanctions (each authority that has listed it, with the first act and its date, and "none
recorded" for each major authority that has not), its supply and repair links with their
weapon systems, its training links, the exercises of its country (for states and armed forces),
the Russian deployments of its units, the figures about it, its other names, its parent and its children, and a link
to its dossier. Each panel is one hand-written query, run by a test against the built database.
"""
from __future__ import annotations

from ..constants import DATABASE_NAME
from .queries import MAJOR_AUTHORITIES, NONE_RECORDED, claimed_by_sql

#: Each panel: its heading, what an empty panel says, and its SQL (parameter ``:entity``).
PANELS = {
    "sanctions": ("Sanctions, as recorded", "No designation is recorded for this entity.", """
SELECT s.authority, COUNT(*) AS designations, MIN(a.act_date) AS first_act_date,
  (SELECT coalesce(a2.legal_instrument, a2.title) FROM sanctions s2 JOIN sanctions_acts a2 ON a2.id = s2.act_id
    WHERE s2.target_id = :entity AND s2.authority = s.authority ORDER BY a2.act_date LIMIT 1) AS first_act,
  (SELECT s2.act_id FROM sanctions s2 JOIN sanctions_acts a2 ON a2.id = s2.act_id
    WHERE s2.target_id = :entity AND s2.authority = s.authority ORDER BY a2.act_date LIMIT 1) AS first_act_id,
  MAX(s.end_date) AS latest_end_date
FROM sanctions s JOIN sanctions_acts a ON a.id = s.act_id
WHERE s.target_id = :entity GROUP BY s.authority ORDER BY first_act_date"""),
    "supply": ("Supply, repair and delivery links", "No supply or repair link is recorded.", f"""
SELECT c.id, CASE WHEN c.supplier_id = :entity THEN 'supplies' ELSE 'receives' END AS role, c.link_type, c.product,
  w.name AS weapon_system, c.weapon_system_id, o.name AS counterpart, o.id AS counterpart_id, c.start_year, c.end_year,
  c.confidence, {claimed_by_sql('c')} AS claimed_by
FROM component_trade c LEFT JOIN weapon_systems w ON w.id = c.weapon_system_id
LEFT JOIN entities o ON o.id = CASE WHEN c.supplier_id = :entity THEN c.recipient_id ELSE c.supplier_id END
WHERE c.supplier_id = :entity OR c.recipient_id = :entity ORDER BY c.start_year, c.id"""),
    "training": ("Training links", "No training link is recorded.", f"""
SELECT t.id, t.link_type, p.name AS trainee, t.trainee_id, i.name AS institution, t.institution_id, t.programme,
  t.start_year, t.end_year, t.confidence, {claimed_by_sql('t')} AS claimed_by
FROM training_links t LEFT JOIN entities p ON p.id = t.trainee_id LEFT JOIN entities i ON i.id = t.institution_id
WHERE t.trainee_id = :entity OR t.institution_id = :entity ORDER BY t.start_year, t.end_year, t.id"""),
    "exercises": ("Exercises of its country", "No exercise is recorded for its country.", """
SELECT x.id, x.name, x.start_date, x.date_precision, p.role, p.troops, x.declared_troops, x.declared_troops_scope,
  x.confidence
FROM entities e JOIN exercise_participants p ON p.country = e.country JOIN exercises x ON x.id = p.exercise_id
WHERE e.id = :entity AND e.entity_type IN ('state', 'armed_forces') ORDER BY x.start_date"""),
    "deployments": ("Russian deployments of this unit or body", "No deployment names this entity.", f"""
SELECT d.id, d.name, d.deployment_type, d.start_date, d.start_date_precision, d.end_date, d.end_date_precision,
  d.end_status, pl.name AS place, d.place_id, d.confidence, {claimed_by_sql('d')} AS claimed_by
FROM deployments d LEFT JOIN places pl ON pl.id = d.place_id
WHERE d.unit_id = :entity ORDER BY d.start_date"""),
    "figures": ("Figures", "No figure is recorded about this entity.", f"""
SELECT f.id, f.metric, f.value, f.unit, f.year, f.reported_date, w.name AS weapon_system, f.weapon_system_id,
  f.confidence, {claimed_by_sql('f')} AS claimed_by
FROM industry_figures f LEFT JOIN weapon_systems w ON w.id = f.weapon_system_id
WHERE f.entity_id = :entity ORDER BY f.year, f.reported_date, f.id"""),
    "aliases": ("Other names", "No other name is recorded.", """
SELECT a.alias, a.alias_type, a.language, a.source_id FROM aliases a WHERE a.entity_id = :entity ORDER BY a.alias"""),
    "children": ("Parts and subsidiaries", "No entity names this one as its parent.", """
SELECT c.id, c.name, c.name_native, c.entity_type FROM entities c WHERE c.parent_id = :entity ORDER BY c.name"""),
}

#: Which column of a panel links to which table's row page.
LINKS = {"id": None, "first_act_id": "sanctions_acts", "weapon_system_id": "weapon_systems",
         "counterpart_id": "entities", "trainee_id": "entities", "institution_id": "entities", "place_id": "places",
         "source_id": "sources"}
#: Link targets of the ``id`` column, by panel.
ID_TABLES = {"supply": "component_trade", "training": "training_links", "exercises": "exercises",
             "deployments": "deployments", "figures": "industry_figures", "children": "entities"}


async def entity_panels(datasette, entity_id: str) -> list[dict]:
    """The panels of one entity's page: heading, what an empty one says, columns, rows and links."""
    db = datasette.get_database(DATABASE_NAME)
    tables = set(await db.table_names())
    panels = []
    for key, (heading, empty, sql) in PANELS.items():
        if key == "aliases" and "aliases" not in tables:
            continue
        result = await db.execute(sql, {"entity": entity_id})
        rows = [dict(r) for r in result.rows]
        if key == "sanctions":
            listed = {r["authority"] for r in rows}
            rows += [{"authority": a, "designations": 0, "first_act_date": None, "first_act": NONE_RECORDED,
                      "first_act_id": None, "latest_end_date": None} for a in MAJOR_AUTHORITIES if a not in listed]
        columns = list(result.columns)
        panels.append({"key": key, "heading": heading, "empty": empty, "columns": columns,
                       "rows": [[_cell(datasette, key, c, r.get(c)) for c in columns] for r in rows]})
    return panels


def _cell(datasette, panel: str, column: str, value) -> dict:
    """One cell of a panel: its text, and the row page it links to (None when it links nowhere)."""
    table = ID_TABLES.get(panel) if column == "id" else LINKS.get(column)
    text = "" if value is None else str(value)
    if not table or not text:
        return {"text": text, "href": None}
    from datasette.utils import tilde_encode

    return {"text": text, "href": datasette.urls.row(DATABASE_NAME, table, tilde_encode(text))}
