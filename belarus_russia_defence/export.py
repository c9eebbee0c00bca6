"""Typed frames back to CSV text, driven by the Table Schema's field types.

The inverse of ``load``: a frame from ``load("sanctions")`` written with ``to_csv_text``
reads back to the same values (``NA``, ``None`` and ``0012`` stay text; a missing value is
an empty cell; dates are ``YYYY-MM-DD``; booleans are the schema's first true/false value).
"""
from __future__ import annotations

import csv
import io

import pandas as pd

from .schema import Field, Table


def text_cells(f: Field, column: pd.Series) -> list[str]:
    """One column of a typed frame as CSV cell text, by the field's type; missing values become ``""``."""
    missing = column.isna().to_numpy()
    if f.type == "integer":
        values = [str(int(v)) for v in column.fillna(0)]
    elif f.type == "number":
        values = [repr(float(v)) for v in column.astype("float64").fillna(0.0)]
    elif f.type == "boolean":
        true, false = f.true_values[0], f.false_values[0]
        values = [true if v else false for v in column.fillna(False).astype(bool)]
    elif f.type == "date":
        values = pd.to_datetime(column).dt.strftime("%Y-%m-%d").fillna("").tolist()
    else:
        values = column.astype(object).where(~missing, "").astype(str).tolist()
    return ["" if m else v for v, m in zip(values, missing)]


def to_csv_text(table: Table, frame: pd.DataFrame) -> str:
    """The CSV text of a typed frame: the schema's header, ``\\n`` line endings, quotes only where needed."""
    columns = [text_cells(f, frame[f.name]) for f in table.fields]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(table.field_names)
    writer.writerows(zip(*columns))
    return buf.getvalue()
