"""The schemas' extensions, checked when the package loads: ``x-checks`` rules, ``x-datasette`` keys, roles.

A Table Schema may name cross-row rules (``x-checks``) and how the site shows its table
(``x-datasette``). Each rule here says which of its values name columns of the table itself and
which name columns of the table a foreign key points to, so that a typo in a rule name, a key or
a column is an error naming the schema file and the key (exit status 2), never a rule that
quietly stops checking anything.
"""
from __future__ import annotations

from typing import Callable

from .errors import PackageError


def _pairs(value) -> list[str]:
    return [c for pair in value for c in pair]


def _where(rule: dict) -> list[str]:
    return list(rule.get("where", {}))


#: Every rule a schema's ``x-checks`` may name, with the columns of its own table that it names.
RULE_COLUMNS: dict[str, Callable[[object], list[str]]] = {
    "dateOrder": _pairs,
    "yearOrder": _pairs,
    "pairs": _pairs,
    "precision": lambda v: [c for item in v.items() for c in item],
    "naturalKey": list,
    "minRows": lambda v: [],
    "minDistinct": lambda v: list(v),
    "retiredIds": lambda v: [],
    "agreesWith": lambda v: [c for r in v for c in (r["column"], r["via"], *([r["unlessFilled"]]
                                                                           if r.get("unlessFilled") else []))],
    "withinStated": lambda v: [v["via"], v["entityColumn"]],
    "minFilled": lambda v: [c for r in v for c in r["columns"]],
    "minCount": lambda v: [c for r in v for c in _where(r)],
    "requiredWhen": lambda v: [c for r in v for c in (*_where(r), *r["anyOf"])],
    "onlyWhen": lambda v: [c for r in v for c in (*_where(r), r["column"])],
    "entityCountry": lambda v: [c for r in v for c in (*_where(r), r["column"])],
    "referencedValue": lambda v: [c for r in v for c in (*_where(r), r["column"])],
    "hasRows": lambda v: [],
    "distinctFrom": lambda v: [c for r in v for c in (r["column"], r["via"])],
}

#: Rules that name columns of the table a foreign key points to: (key column, columns there).
RULE_REFERENCES: dict[str, Callable[[object], list[tuple[str, list[str]]]]] = {
    "agreesWith": lambda v: [(r["via"], [r["referenceColumn"]]) for r in v],
    "withinStated": lambda v: [(v["via"], [v["persons"], v["entities"]]), (v["entityColumn"], list(v["personWhere"]))],
    "distinctFrom": lambda v: [(r["via"], list(r["referenceColumns"])) for r in v],
    "entityCountry": lambda v: [(r["column"], [r.get("referenceColumn", "country")]) for r in v],
    "referencedValue": lambda v: [(r["column"], [r["referenceColumn"]]) for r in v],
}

#: Rules that name another table and columns of it: (table, columns there).
RULE_TABLES: dict[str, Callable[[object], list[tuple[str, list[str]]]]] = {
    "hasRows": lambda v: [(r["table"], [r["via"], *_where(r)]) for r in v],
}

#: The names of every rule, in the order the data dictionary lists them.
RULES = tuple(RULE_COLUMNS)

#: What a field's ``"x-role"`` may say it is: the row's main source (an id in ``sources``), the
#: source of a place's coordinates, the row's confidence, and whose claim an alleged row reports.
ROLES = ("source", "coordinates_source", "confidence", "claimant")

#: What ``x-datasette`` may say: the column that labels a row, facets shown by default, the columns
#: searched in full text, and the column holding a row's web address.
DATASETTE_KEYS = {"labelColumn": "column", "facets": "columns", "fts": "columns", "urlColumn": "column"}


def check_extensions(tables: list, schema_paths: dict[str, str]) -> None:
    """Raise PackageError for the first unknown rule, key or column in any table's extensions."""
    fields = {t.name: set(t.field_names) for t in tables}
    by_name = {t.name: t for t in tables}
    for t in tables:
        path = schema_paths.get(t.name, t.schema_path)
        seen_roles: dict[str, str] = {}
        for f in t.fields:
            if f.role is None:
                continue
            if f.role not in ROLES:
                raise PackageError(f"unknown role {f.role!r}; roles are: {', '.join(ROLES)}", path=path,
                                   key=f"fields[{f.name!r}].x-role")
            if f.role in seen_roles:
                raise PackageError(f"role {f.role!r} is already {seen_roles[f.role]!r}'s: a role names one column",
                                   path=path, key=f"fields[{f.name!r}].x-role")
            seen_roles[f.role] = f.name
        for rule, value in t.checks.items():
            if rule not in RULE_COLUMNS:
                raise PackageError(f"no such rule; rules are: {', '.join(RULES)}", path=path, key=f"x-checks.{rule}")
            try:
                named = RULE_COLUMNS[rule](value)
                referenced = RULE_REFERENCES.get(rule, lambda v: [])(value)
                other_tables = RULE_TABLES.get(rule, lambda v: [])(value)
            except (KeyError, TypeError, AttributeError, ValueError) as err:
                raise PackageError(f"malformed rule ({type(err).__name__}: {err})", path=path,
                                   key=f"x-checks.{rule}") from None
            _known(named, fields[t.name], t.name, path, f"x-checks.{rule}")
            for via, columns in referenced:
                target = next((fk.resource for fk in t.foreign_keys if fk.fields == (via,)), None)
                if target is None:
                    raise PackageError(f"{via!r} is not a foreign key of {t.name}", path=path, key=f"x-checks.{rule}")
                _known(columns, fields[by_name[target].name], target, path, f"x-checks.{rule}")
            for other, columns in other_tables:
                if other not in fields:
                    raise PackageError(f"no table {other!r} in the package", path=path, key=f"x-checks.{rule}")
                _known(columns, fields[other], other, path, f"x-checks.{rule}")
        for key, value in t.site.items():
            if key not in DATASETTE_KEYS:
                raise PackageError(f"Datasette has no use for this key; keys are: {', '.join(DATASETTE_KEYS)}",
                                   path=path, key=f"x-datasette.{key}")
            columns = [value] if DATASETTE_KEYS[key] == "column" else value
            if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
                raise PackageError(f"expected {'a column name' if DATASETTE_KEYS[key] == 'column' else 'a list of column names'}",
                                   path=path, key=f"x-datasette.{key}")
            _known(columns, fields[t.name], t.name, path, f"x-datasette.{key}")


def _known(columns: list[str], known: set[str], table: str, path: str, key: str) -> None:
    for column in columns:
        if column not in known:
            raise PackageError(f"no column {column!r} in {table}", path=path, key=key)


def check_vocabularies(descriptor: dict, tables: list, descriptor_path: str = "datapackage.json") -> None:
    """Raise PackageError when a vocabulary is malformed, or a field names one it lacks or differs from.

    A vocabulary (``"x-vocabularies"`` in the descriptor) maps each value to its label; a field's
    ``"x-vocabulary"`` names one, and its ``enum`` must hold exactly that vocabulary's values, so
    that a value is defined once with its label, and never without one.
    """
    vocabularies = descriptor.get("x-vocabularies", {})
    if not isinstance(vocabularies, dict):
        raise PackageError("expected an object of vocabularies", path=descriptor_path, key="x-vocabularies")
    for name, labels in vocabularies.items():
        if not isinstance(labels, dict) or not labels or not all(
                isinstance(v, str) and isinstance(label, str) and label.strip() for v, label in labels.items()):
            raise PackageError("expected an object of values and their labels (non-empty text)",
                               path=descriptor_path, key=f"x-vocabularies.{name}")
    for t in tables:
        for f in t.fields:
            if f.vocabulary is None:
                continue
            key = f"fields[{f.name!r}].x-vocabulary"
            if f.vocabulary not in vocabularies:
                raise PackageError(f"no vocabulary {f.vocabulary!r} in {descriptor_path}; vocabularies are: "
                                   f"{', '.join(vocabularies) or 'none'}", path=t.schema_path, key=key)
            values = [str(v) for v in (f.enum or [])]
            expected = list(vocabularies[f.vocabulary])
            if set(values) != set(expected):
                missing, extra = sorted(set(expected) - set(values)), sorted(set(values) - set(expected))
                raise PackageError(f"the enum and the vocabulary {f.vocabulary!r} differ"
                                   + (f"; only in the vocabulary: {', '.join(missing)}" if missing else "")
                                   + (f"; only in the enum: {', '.join(extra)}" if extra else ""),
                                   path=t.schema_path, key=key)
