"""Rules that a Table Schema cannot say: across columns, rows and tables.

Driven by each schema's ``x-checks`` block (date order, date precision, natural
keys, minimum row counts, paired columns, retired ids) and by the package's shape
(citations point at rows that exist; country and language codes are real).
"""
from __future__ import annotations

import pandas as pd

from ..code_lists import code_list
from ..read import TextTable
from ..schema import Package
from .report import Problem, cannot_run, problem
from ..arrow_text import is_in


def record_ids(text: TextTable) -> pd.Series | None:
    """The id a citation uses for each row: the primary key, joined by ``/`` when composite.

    None when a key column is missing from the file: no row can then be identified.
    """
    cols = list(text.table.primary_key)
    if not cols or any(c not in text.frame.columns for c in cols):
        return None
    return _key_ids(text.frame, cols)


def _key_ids(frame: pd.DataFrame, cols: list[str]) -> pd.Series:
    """The key of each row of ``frame`` as one text, its columns joined by ``/``."""
    if len(cols) == 1:
        return frame[cols[0]]  # already text: no copy of a million-row column
    ids = frame[cols[0]].astype("str")
    for c in cols[1:]:
        ids = ids + "/" + frame[c].astype("str")
    return ids


def date_order(text: TextTable) -> list[Problem]:
    """Rows whose later date or year comes before the earlier one (``dateOrder``, ``yearOrder``)."""
    problems = []
    frame = text.frame
    for first, second in text.table.checks.get("dateOrder", []):
        if first not in frame or second not in frame:
            problems += cannot_run(text, "dateOrder", (first, second))
            continue
        a, b = text.dates(first), text.dates(second)
        for i in frame.index[(b < a).fillna(False).astype(bool)]:
            problems.append(problem("date-order", text.file, text.line_of(i), second, column=second, earlier=first,
                                    value=frame.at[i, second], expected=f"on or after {first} {frame.at[i, first]}"))
    for first, second in text.table.checks.get("yearOrder", []):
        if first not in frame or second not in frame:
            problems += cannot_run(text, "yearOrder", (first, second))
            continue
        a, b = pd.to_numeric(frame[first], errors="coerce"), pd.to_numeric(frame[second], errors="coerce")
        for i in frame.index[(b < a).fillna(False).astype(bool)]:
            problems.append(problem("year-order", text.file, text.line_of(i), second, column=second, earlier=first,
                                    value=frame.at[i, second], expected=f"{first} {frame.at[i, first]} or later"))
    return problems


def date_precision(text: TextTable) -> list[Problem]:
    """A date known to the month or year is stored as the period's first day, and says so."""
    problems = []
    frame = text.frame
    for date_col, prec_col in text.table.checks.get("precision", {}).items():
        if date_col not in frame or prec_col not in frame:
            problems += cannot_run(text, "precision", (date_col, prec_col))
            continue
        dates, precs = frame[date_col], frame[prec_col]
        parsed = text.dates(date_col)
        unset = dates.notna() & precs.isna()
        day, month = parsed.dt.day, parsed.dt.month
        wrong = parsed.notna() & precs.notna() & (((precs == "month") & (day != 1))
                                                  | ((precs == "year") & ((day != 1) | (month != 1))))
        wrong = wrong.fillna(False).astype(bool)
        for i in frame.index[unset | wrong]:
            if unset.at[i]:
                problems.append(problem("precision-missing", text.file, text.line_of(i), prec_col, date_column=date_col,
                                        expected="day, month or year"))
                continue
            d, p, t = dates.at[i], precs.at[i], parsed.at[i]
            problems.append(problem("precision-day", text.file, text.line_of(i), date_col, precision=p, value=d,
                                    expected=t.strftime("%Y-%m-01") if p == "month" else t.strftime("%Y-01-01")))
    return problems


def natural_keys(text: TextTable) -> list[Problem]:
    """Rows that repeat another row's natural key (``naturalKey``)."""
    cols = text.table.checks.get("naturalKey")
    if not cols:
        return []
    if any(c not in text.frame for c in cols):
        return cannot_run(text, "naturalKey", cols)
    sub = text.frame[cols]
    dupes = sub[sub.notna().all(axis=1) & sub.duplicated(keep="first")]
    return [problem("natural-key", text.file, text.line_of(i), cols[0], columns=" + ".join(cols),
                    value=" + ".join(str(v) for v in row), expected="one row per real-world item")
            for i, row in zip(dupes.index, dupes.itertuples(index=False))]


def paired_columns(text: TextTable) -> list[Problem]:
    """Rows that fill one column of a pair without the other (``pairs``)."""
    problems = []
    for a, b in text.table.checks.get("pairs", []):
        if a not in text.frame or b not in text.frame:
            problems += cannot_run(text, "pairs", (a, b))
            continue
        lonely = text.frame[a].isna() != text.frame[b].isna()
        for i in text.frame.index[lonely]:
            missing = a if pd.isna(text.frame.at[i, a]) else b
            problems.append(problem("pair", text.file, text.line_of(i), missing, first=a, second=b,
                                    expected=f"both {a} and {b}, or neither"))
    return problems


def code_lists(text: TextTable) -> list[Problem]:
    """Cells that are not a code of the list their field declares (``"x-codeList"``: countries, languages)."""
    problems = []
    frame = text.frame
    for f in text.table.fields:
        if f.code_list is None or f.name not in frame:
            continue
        codes = code_list(f.code_list)
        bad = frame[f.name].notna() & ~is_in(frame[f.name], codes.codes)
        for i in frame.index[bad]:
            problems.append(problem("code-list", text.file, text.line_of(i), f.name, value=frame.at[i, f.name],
                                    expected=codes.expected))
    return problems


def minimum_rows(text: TextTable) -> list[Problem]:
    """A table with fewer rows than its floor (``minRows``)."""
    floor = text.table.checks.get("minRows", 0)
    if text.readable and len(text.frame) < floor:
        return [problem("min-rows", text.file, 0, rows=len(text.frame),
                        value=str(len(text.frame)), expected=f"at least {floor} rows")]
    return []


def minimum_distinct(text: TextTable) -> list[Problem]:
    """Coverage floors: e.g. sanctions name at least 60 distinct targets."""
    problems = []
    for column, floor in text.table.checks.get("minDistinct", {}).items():
        if text.readable and column not in text.frame:
            problems += cannot_run(text, "minDistinct", (column,))
        elif text.readable:
            n = text.frame[column].nunique(dropna=True)
            if n < floor:
                problems.append(problem("min-distinct", text.file, 0, column, distinct=n,
                                        value=str(n), expected=f"at least {floor} distinct values"))
    return problems


def retired_ids(text: TextTable) -> list[Problem]:
    """Ids are never reused: a row may not take an id the schema lists as retired."""
    retired = text.table.checks.get("retiredIds", {})
    if not retired:
        return []
    ids = record_ids(text)
    if ids is None:
        return cannot_run(text, "retiredIds", text.table.primary_key)
    problems = []
    for i in ids.index[is_in(ids, set(retired))]:
        problems.append(problem("retired-id", text.file, text.line_of(i), text.table.primary_key[0],
                                value=ids.at[i], expected=f"a new id (this one was {retired[ids.at[i]]})"))
    return problems


def citations_resolve(texts: dict[str, TextTable]) -> list[Problem]:
    """Citations whose table or record does not exist, or that repeat the row's own source."""
    cit = texts.get("citations")
    if cit is None or not cit.readable or cit.frame.empty:
        return []
    if not {"table_name", "record_id"} <= set(cit.frame.columns):
        return cannot_run(cit, "citations point at rows that exist", ("table_name", "record_id"))
    names, ids = cit.frame["table_name"], cit.frame["record_id"]
    bad = pd.Series(False, index=cit.frame.index)
    skipped = []
    for name in names.dropna().unique():
        if name not in texts:
            continue  # a missing or unknown table name is reported by the schema checks
        rows = (names == name).fillna(False).astype(bool) & ids.notna()
        found = _cited_ids_present(texts[name], ids[rows])
        if found is None:
            skipped += cannot_run(texts[name], "citations point at rows that exist", texts[name].table.primary_key)
            continue
        bad |= rows & ~is_in(ids, found)
    return skipped + [problem("citation-target", cit.file, cit.line_of(i), "record_id", table=names.at[i],
                    value=ids.at[i], expected=f"an existing {texts[names.at[i]].table.key_label} of {names.at[i]}")
            for i in cit.frame.index[bad]]


def _cited_ids_present(text: TextTable, cited: pd.Series) -> pd.Series | None:
    """The record ids among ``cited`` that ``text`` has; None when a key column is missing.

    Only the rows whose first key column is cited are looked at: a citation names a few rows of
    a table that can hold a million, and hashing a million ids to find a thousand is the slow way.
    """
    cols = list(text.table.primary_key)
    if not cols or any(c not in text.frame.columns for c in cols):
        return None
    first = cited.str.split("/").str[0] if len(cols) > 1 else cited
    return _key_ids(text.frame[is_in(text.frame[cols[0]], first.dropna())], cols).dropna()


def citations_add_a_source(texts: dict[str, TextTable]) -> list[Problem]:
    """A citation names a further source: one that repeats the row's own main source adds nothing."""
    cit = texts.get("citations")
    if cit is None or not cit.readable or cit.frame.empty:
        return []
    if not {"table_name", "record_id", "source_id"} <= set(cit.frame.columns):
        return cannot_run(cit, "citations add a source", ("table_name", "record_id", "source_id"))
    problems = []
    for name in cit.frame["table_name"].dropna().unique():
        target = texts.get(name)
        if target is None or not target.readable or len(target.table.primary_key) != 1:
            continue
        source = target.table.role_column("source")  # the row's main source (``"x-role": "source"``)
        if source is None:
            continue
        ids = record_ids(target)
        if ids is None or source not in target.frame:
            problems += cannot_run(target, "citations add a source", (*target.table.primary_key, source))
            continue
        rows = cit.frame[(cit.frame["table_name"] == name).fillna(False).astype(bool)]
        cited = is_in(ids, rows["record_id"].dropna())  # look up only the rows that are cited: tables can be large
        main = pd.Series(target.frame[source][cited].to_numpy(), index=ids[cited].to_numpy())
        main = main[~main.index.duplicated()]
        repeated = rows["source_id"].notna() & (rows["record_id"].map(main) == rows["source_id"]).fillna(False).astype(bool)
        for i in rows.index[repeated]:
            problems.append(problem("citation-repeats-source", cit.file, cit.line_of(i), "source_id", table=name,
                                    value=rows.at[i, "source_id"], expected="a further source, other than the row's source_id"))
    return problems


def _referenced(text: TextTable, via: str, texts: dict[str, TextTable]):
    """The table that column ``via`` of ``text`` points to by its foreign key, and the key column there."""
    for fk in text.table.foreign_keys:
        if fk.fields == (via,):
            return texts.get(fk.resource), fk.reference_fields[0]
    raise KeyError(f"{text.table.schema_path}: x-checks names {via!r}, which is not a foreign key")


def _lookup(ref: TextTable, key: str, column: str) -> pd.Series:
    """``column`` of ``ref`` by its ``key`` (first row of each key)."""
    f = ref.frame.dropna(subset=[key])
    values = pd.Series(f[column].to_numpy(), index=f[key].to_numpy())
    return values[~values.index.duplicated()]


def agrees_with(text: TextTable, texts: dict[str, TextTable]) -> list[Problem]:
    """A column repeated for readers of one file equals the value on the row it points to (``x-checks.agreesWith``).

    E.g. a designation's ``authority`` is its act's, and its ``listing_date`` is the act's date unless
    ``listing_date_note`` says why not.
    """
    problems = []
    for rule in text.table.checks.get("agreesWith", []):
        column, via, ref_column, unless = rule["column"], rule["via"], rule["referenceColumn"], rule.get("unlessFilled")
        ref, key = _referenced(text, via, texts)
        if ref is None or not ref.readable:
            continue
        needed = [column, via] + ([unless] if unless else [])
        if any(c not in text.frame for c in needed) or key not in ref.frame or ref_column not in ref.frame:
            problems += cannot_run(text, "agreesWith", needed) + cannot_run(ref, "agreesWith", (key, ref_column))
            continue
        frame = text.frame
        expected = frame[via].map(_lookup(ref, key, ref_column))
        known = frame[via].notna() & expected.notna()
        differs = known & (frame[column].isna() | (frame[column] != expected).fillna(True).astype(bool))
        if unless:
            differs &= frame[unless].isna()
        label = via.removesuffix("_id")
        for i in frame.index[differs.astype(bool)]:
            problems.append(problem("disagrees-with-reference", text.file, text.line_of(i), column,
                                    column=column, reference_column=ref_column, via=label, target=frame.at[i, via],
                                    value=frame.at[i, column] if pd.notna(frame.at[i, column]) else "",
                                    expected=f"{expected.at[i]}" + (f", or a reason in {unless}" if unless else "")))
    return problems


def within_stated(text: TextTable, texts: dict[str, TextTable]) -> list[Problem]:
    """An act records no more targets than it states (``x-checks.withinStated``), persons and entities apart.

    ``{"via", "entityColumn", "persons", "entities", "personWhere"}``: the designations point to their
    act by ``via`` and to their target by ``entityColumn``; the act states ``persons`` and ``entities``;
    a target is a person when its row matches ``personWhere`` (e.g. ``{"entity_type": ["person"]}``).
    """
    rule = text.table.checks.get("withinStated")
    if not rule:
        return []
    via, entity_column = rule["via"], rule["entityColumn"]
    acts, act_key = _referenced(text, via, texts)
    entities, entity_key = _referenced(text, entity_column, texts)
    if acts is None or entities is None or not acts.readable or not entities.readable:
        return []
    counts = {rule["persons"]: True, rule["entities"]: False}
    needed_acts = (act_key, *counts)
    person_where = rule["personWhere"]
    if (any(c not in text.frame for c in (via, entity_column)) or any(c not in acts.frame for c in needed_acts)
            or any(c not in entities.frame for c in (entity_key, *person_where))):
        return (cannot_run(text, "withinStated", (via, entity_column)) + cannot_run(acts, "withinStated", needed_acts)
                + cannot_run(entities, "withinStated", (entity_key, *person_where)))
    persons = set(entities.frame[entity_key][_where(entities, person_where)].dropna())
    rows = pd.DataFrame({"act": text.frame[via], "person": is_in(text.frame[entity_column], persons),
                         "target": text.frame[entity_column]})
    rows = rows.dropna(subset=["act", "target"]).drop_duplicates(["act", "target"])
    problems = []
    for column, is_person in counts.items():
        recorded = rows[rows["person"].fillna(False).astype(bool) == is_person].groupby("act").size()
        stated = pd.to_numeric(acts.frame[column], errors="coerce")
        have = acts.frame[act_key].map(recorded).fillna(0).astype(int)
        over = stated.notna() & (have > stated)
        kind = "persons" if is_person else "entities"
        for i in acts.frame.index[over]:
            problems.append(problem("exceeds-stated", acts.file, acts.line_of(i), column, recorded=have.at[i], kind=kind,
                                    file=text.file, value=str(acts.frame.at[i, column]),
                                    expected=f"at least {have.at[i]}, or fewer {kind} in {text.file}"))
    return problems


def minimum_filled(text: TextTable) -> list[Problem]:
    """Fill-rate floors (``x-checks.minFilled``): a share of rows (optionally of some kinds) with a value.

    A row counts when any of ``columns`` is filled, or when it matches ``orWhere`` (e.g. an agreement
    whose status says why it has no date of entry into force).
    """
    problems = []
    for rule in text.table.checks.get("minFilled", []):
        columns, share, where = rule["columns"], rule["share"], rule.get("where", {})
        counted = filled_share(text, rule)
        if counted is None:
            problems += cannot_run(text, "minFilled", [*columns, *where, *rule.get("orWhere", {})])
            continue
        k, n = counted
        if n and k / n < share:
            problems.append(problem("min-filled", text.file, 0, columns[0], filled=k, rows=n,
                                    kind=f" {describe_where(where)}" if where else "", percent=f"{100 * k / n:.0f}",
                                    columns=" or ".join(columns),
                                    value=f"{100 * k / n:.0f}%", expected=f"at least {100 * share:.0f}%"))
    return problems


def filled_share(text: TextTable, rule: dict) -> tuple[int, int] | None:
    """(rows that count as filled, rows the rule is about) for one ``minFilled`` rule; None when a column it
    names is missing from the file."""
    frame = text.frame
    if any(c not in frame for c in [*rule["columns"], *rule.get("where", {}), *rule.get("orWhere", {})]):
        return None
    rows = _where(text, rule.get("where", {}))
    filled = frame[rule["columns"]].notna().any(axis=1)
    for c, values in rule.get("orWhere", {}).items():
        filled |= is_in(frame[c], values)
    return int((filled & rows).sum()), int(rows.sum())


def _where(text: TextTable, where: dict) -> pd.Series:
    """Rows whose columns hold one of the listed values, for every column of ``where``."""
    rows = pd.Series(True, index=text.frame.index)
    for column, values in where.items():
        rows &= is_in(text.frame[column], values)
    return rows


def describe_where(where: dict) -> str:
    """A row condition of the schema's checks in words: ``{"status": ["signed"]}`` is "status signed"."""
    return " and ".join(f"{c} {'/'.join(v)}" for c, v in where.items())


def minimum_count(text: TextTable) -> list[Problem]:
    """Row floors for kinds of rows (``x-checks.minCount``), e.g. at least 8 arms deliveries: one line for all."""
    problems, short = [], []
    for rule in text.table.checks.get("minCount", []):
        where, floor = rule["where"], rule["rows"]
        if any(c not in text.frame for c in where):
            problems += cannot_run(text, "minCount", where)
            continue
        n = int(_where(text, where).sum())
        if n < floor:
            short.append((f"{n} rows with {describe_where(where)}", f"at least {floor}"))
    if short:
        column = next(iter(text.table.checks["minCount"][0]["where"]))
        problems.append(problem("min-count", text.file, 0, column, shortfalls="; ".join(s for s, _ in short),
                                value="; ".join(s for s, _ in short), expected="; ".join(e for _, e in short)))
    return problems


def required_when(text: TextTable) -> list[Problem]:
    """A kind of row needs one of some columns (``x-checks.requiredWhen``), e.g. unit training names its system or unit."""
    problems = []
    for rule in text.table.checks.get("requiredWhen", []):
        where, any_of = rule["where"], rule["anyOf"]
        if any(c not in text.frame for c in (*where, *any_of)):
            problems += cannot_run(text, "requiredWhen", (*where, *any_of))
            continue
        lacking = _where(text, where) & text.frame[any_of].isna().all(axis=1)
        for i in text.frame.index[lacking]:
            kind = f"a row with {describe_where(where)}" if where else "every row"
            problems.append(problem("required-when", text.file, text.line_of(i), any_of[0], rows=kind,
                                    columns=" or ".join(any_of), expected=" or ".join(any_of)))
    return problems


def only_when(text: TextTable) -> list[Problem]:
    """A column may be filled only on a kind of row (``x-checks.onlyWhen``), e.g. a claimant only on an alleged row."""
    problems = []
    for rule in text.table.checks.get("onlyWhen", []):
        where, column = rule["where"], rule["column"]
        if any(c not in text.frame for c in (*where, column)):
            problems += cannot_run(text, "onlyWhen", (*where, column))
            continue
        misplaced = ~_where(text, where) & text.frame[column].notna()
        for i in text.frame.index[misplaced]:
            problems.append(problem("only-when", text.file, text.line_of(i), column, condition=describe_where(where),
                                    column=column, value=text.frame.at[i, column], expected=f"empty, or {describe_where(where)}"))
    return problems


def referenced_values(text: TextTable, texts: dict[str, TextTable]) -> list[Problem]:
    """The row a kind of row points to has (or has not) one of some values in one of its columns.

    ``x-checks.referencedValue``: ``{"where", "column", "referenceColumn", "in" | "notIn"}``, e.g. an
    individual training link's trainee is an entity of type person. ``x-checks.entityCountry`` is the
    same rule on the referenced entity's ``country`` (``"country"`` or ``"notCountry"``): an arms
    delivery comes from a Russian supplier; a transfer from Belarusian stocks never from a Russian one.
    """
    problems = []
    rules = [(r, r.get("referenceColumn", "country"), r.get("country"), r.get("notCountry"), "entity-country")
             for r in text.table.checks.get("entityCountry", [])]
    rules += [(r, r["referenceColumn"], r.get("in"), r.get("notIn"), "referenced-value")
              for r in text.table.checks.get("referencedValue", [])]
    for rule, ref_column, allowed, refused, code in rules:
        where, column = rule["where"], rule["column"]
        ref, key = _referenced(text, column, texts)
        if ref is None or not ref.readable:
            continue
        if any(c not in text.frame for c in (*where, column)) or key not in ref.frame or ref_column not in ref.frame:
            problems += cannot_run(text, code, (*where, column)) + cannot_run(ref, code, (key, ref_column))
            continue
        value = text.frame[column].map(_lookup(ref, key, ref_column))
        rows = _where(text, where) & text.frame[column].notna() & value.notna()
        wanted = "/".join(allowed if allowed is not None else refused)
        negation = "" if allowed is not None else "not "
        expected = (f"an entity {negation}of {wanted}" if code == "entity-country"
                    else f"a row of {ref.table.name} whose {ref_column} is {negation}{wanted}")
        bad = rows & (~is_in(value, allowed) if allowed is not None else is_in(value, refused))
        for i in text.frame.index[bad]:
            problems.append(problem(code, text.file, text.line_of(i), column, condition=describe_where(where),
                                    target=column.removesuffix("_id"),
                                    value=f"{text.frame.at[i, column]} ({value.at[i]})", expected=expected))
    return problems


def has_rows(text: TextTable, texts: dict[str, TextTable]) -> list[Problem]:
    """Each row has rows of a kind in another table that point to it (``x-checks.hasRows``).

    ``{"table", "via", "where"}``: e.g. every exercise has a participant row for Belarus, one for
    Russia, and a host.
    """
    problems = []
    keys = text.table.primary_key
    for rule in text.table.checks.get("hasRows", []):
        other, via, where = texts.get(rule["table"]), rule["via"], rule["where"]
        if other is None or not other.readable:
            continue
        if len(keys) != 1 or keys[0] not in text.frame or any(c not in other.frame for c in (via, *where)):
            problems += cannot_run(text, "hasRows", keys) + cannot_run(other, "hasRows", (via, *where))
            continue
        ids = text.frame[keys[0]]
        pointing = other.frame[via][_where(other, where)].dropna()
        for i in text.frame.index[ids.notna() & ~is_in(ids, pointing)]:
            problems.append(problem("has-rows", text.file, text.line_of(i), keys[0], table=rule["table"],
                                    condition=describe_where(where),
                                    value=ids.at[i], expected=f"a row in {rule['table']} with {via} = this {keys[0]} "
                                                              f"and {describe_where(where)}"))
    return problems


def distinct_from(text: TextTable, texts: dict[str, TextTable]) -> list[Problem]:
    """A column differs, ignoring case, from columns of the row it points to (``x-checks.distinctFrom``).

    E.g. an alias is another name: it never repeats its entity's own ``name`` or ``name_native``.
    """
    problems = []
    for rule in text.table.checks.get("distinctFrom", []):
        column, via = rule["column"], rule["via"]
        ref, key = _referenced(text, via, texts)
        if ref is None or not ref.readable:
            continue
        missing = [c for c in rule["referenceColumns"] if c not in ref.frame]
        if column not in text.frame or via not in text.frame or key not in ref.frame or missing:
            problems += cannot_run(text, "distinctFrom", (column, via)) + cannot_run(ref, "distinctFrom", (key, *missing))
            continue
        mine = text.frame[column].astype("str").str.casefold()
        for other in rule["referenceColumns"]:  # a lookup that finds nothing is all missing: keep it text
            theirs = text.frame[via].map(_lookup(ref, key, other)).astype("str").str.casefold()
            same = (mine == theirs).fillna(False).astype(bool)
            for i in text.frame.index[same]:
                problems.append(problem("distinct-from", text.file, text.line_of(i), column, column=other,
                                        table=ref.table.name,
                                        value=text.frame.at[i, column], expected=f"a name other than its {other}"))
    return problems


def crosstable_problems(package: Package, texts: dict[str, TextTable]) -> list[Problem]:
    """Every problem that spans rows or tables, from the rules each schema's ``x-checks`` names."""
    problems = []
    for text in texts.values():
        if not text.readable:
            continue
        for rule in (date_order, date_precision, natural_keys, paired_columns, code_lists, minimum_rows, minimum_distinct,
                     retired_ids, minimum_filled, minimum_count, required_when, only_when):
            problems.extend(rule(text))
        problems.extend(agrees_with(text, texts))
        problems.extend(referenced_values(text, texts))
        problems.extend(has_rows(text, texts))
        problems.extend(within_stated(text, texts))
        problems.extend(distinct_from(text, texts))
    problems.extend(citations_resolve(texts))
    problems.extend(citations_add_a_source(texts))
    return problems
