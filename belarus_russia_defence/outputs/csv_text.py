"""Typed frames back to CSV text, driven by the Table Schema's field types.

The inverse of ``load``: a frame from ``load("sanctions")`` written with ``to_csv_text``
reads back to the same values (``NA``, ``None`` and ``0012`` stay text; a missing value is
an empty cell; dates are ``YYYY-MM-DD``; booleans are the schema's first true/false value).
"""
from __future__ import annotations

import csv
import io

import pandas as pd

from ..schema import Field, Table


def text_cells(f: Field, column: pd.Series) -> list[str]:
    """One column of a typed frame as CSV cell text, by the field's type; missing values become ``""``."""
    return f.kind.to_csv(f, column)


def to_csv_text(table: Table, frame: pd.DataFrame) -> str:
    """The CSV text of a typed frame: the schema's header, ``\\n`` line endings, quotes only where needed."""
    columns = [text_cells(f, frame[f.name]) for f in table.fields]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(table.field_names)
    writer.writerows(zip(*columns))
    return buf.getvalue()
