"""Summary views built into the database: answers computed once, in SQL, for the site and the docs alike.

Each view is defined here only. The build creates it; Datasette shows it as a table with the
description below; ``docs/coverage.md`` reads the same view, so the figures a reader sees on the
site and in the report can never differ.
"""
from __future__ import annotations

#: How much of each sanctions act is recorded: designations recorded ÷ targets the act states.
SANCTIONS_ACT_COMPLETENESS = """
SELECT a.id AS act_id, a.authority, a.issuing_body, p.title AS programme, a.act_date, a.legal_instrument, a.title,
  a.stated_persons, a.stated_entities,
  CASE WHEN a.stated_persons IS NULL AND a.stated_entities IS NULL THEN NULL
       ELSE coalesce(a.stated_persons, 0) + coalesce(a.stated_entities, 0) END AS stated_targets,
  r.persons AS recorded_persons, r.entities AS recorded_entities, r.persons + r.entities AS recorded_targets,
  CASE WHEN a.stated_persons IS NULL AND a.stated_entities IS NULL THEN NULL
       WHEN coalesce(a.stated_persons, 0) + coalesce(a.stated_entities, 0) = 0 THEN NULL
       ELSE round(100.0 * (CASE WHEN a.stated_persons IS NULL THEN 0 ELSE r.persons END
                           + CASE WHEN a.stated_entities IS NULL THEN 0 ELSE r.entities END)
                  / (coalesce(a.stated_persons, 0) + coalesce(a.stated_entities, 0)), 0) END AS recorded_share_pct,
  CASE WHEN a.stated_persons IS NULL AND a.stated_entities IS NULL THEN 'size not stated'
       WHEN (CASE WHEN a.stated_persons IS NULL THEN 0 ELSE r.persons END
             + CASE WHEN a.stated_entities IS NULL THEN 0 ELSE r.entities END)
            >= coalesce(a.stated_persons, 0) + coalesce(a.stated_entities, 0) THEN 'every stated target recorded'
       ELSE 'partly recorded' END AS completeness,
  a.scope_note, a.confidence, a.source_id
FROM sanctions_acts a
LEFT JOIN sanctions_programmes p ON p.id = a.programme_id
JOIN (SELECT a2.id AS act_id,
        (SELECT COUNT(DISTINCT s.target_id) FROM sanctions s JOIN entities e ON e.id = s.target_id
          WHERE s.act_id = a2.id AND e.entity_type = 'person') AS persons,
        (SELECT COUNT(DISTINCT s.target_id) FROM sanctions s JOIN entities e ON e.id = s.target_id
          WHERE s.act_id = a2.id AND e.entity_type <> 'person') AS entities
      FROM sanctions_acts a2) r ON r.act_id = a.id
ORDER BY a.act_date, a.authority, a.id
"""

VIEWS = {
    "sanctions_act_completeness": {
        "sql": SANCTIONS_ACT_COMPLETENESS,
        "needs": {"sanctions_acts", "sanctions", "entities", "sanctions_programmes"},
        "title": "Sanctions acts: how much of each is recorded",
        "description": "Every sanctions act with the number of Belarus-related targets it states, the designations "
                       "recorded for it here (persons and entities), and the share recorded. `size not stated` means "
                       "no page read gives the act's size; the stated counts can include targets outside this "
                       "dataset's scope (judges, propagandists), as `scope_note` says.",
    },
}


def create_views(conn, table_names: set[str]) -> list[str]:
    """Create every view whose tables the database has; returns the names created."""
    created = []
    for name, view in VIEWS.items():
        if view["needs"] <= table_names:
            conn.execute(f"CREATE VIEW [{name}] AS {view['sql']}")
            created.append(name)
    return created
