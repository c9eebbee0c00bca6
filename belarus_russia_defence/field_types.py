"""The one registry of Table Schema field types.

Each type the package uses is one object that knows everything about it: the text a
CSV cell must hold and what a bad cell is told, the pandas dtype and the conversion of
a text column to it, the pyarrow type written to Parquet, the SQLite affinity and the
values stored there (and back), the Excel cell, the CSV text written from a typed
column, and the phrase the data dictionary prints. Every consumer (validation, the
loader, the SQLite build, the downloads, the export and the docs) looks a type up
here, so adding a type or changing what a boolean accepts is one edit.

An unknown type is an error when the package loads (``schema.load_package``).
Importing this module imports nothing heavy: pandas and pyarrow are imported by
the methods that need them.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .schema import Field

ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
INTEGER = r"-?[0-9]+"
NUMBER = r"-?[0-9]+(\.[0-9]+)?"


class UnknownFieldType(ValueError):
    """A Table Schema names a field type that no entry of the registry handles."""


class FieldType:
    """One Table Schema type. Subclasses fill in what differs; the defaults are text's."""

    #: the Table Schema name of the type
    name = "string"
    #: SQLite column affinity, and the Python type sqlite-utils creates the column from
    sqlite_affinity = "TEXT"
    python_type: type = str
    #: the regular expression a cell's text must match in full (None: any text)
    text_pattern: str | None = None
    #: what a cell that fails the type check is told, and what was expected
    invalid_message = ""
    expected = ""
    #: Excel number format of a cell of this type (None: Excel's default)
    excel_number_format: str | None = None
    #: how the data dictionary describes the written form (None: nothing to add)
    dictionary_phrase: str | None = None

    # --- pandas -----------------------------------------------------------------
    def pandas_dtype(self, f: Field) -> Any:
        """The dtype of this column in a frame from ``load()``."""
        import pandas as pd

        if f.enum:
            return pd.CategoricalDtype(categories=[str(v) for v in f.enum])
        return "string"

    def to_pandas(self, f: Field, text: pd.Series) -> pd.Series:
        """A column of valid text cells (missing = NA) as a typed column."""
        return text.astype(self.pandas_dtype(f))

    def to_csv(self, f: Field, column: pd.Series) -> list[str]:
        """A typed column back to CSV cell text; missing values become ``""``. Inverse of ``to_pandas``."""
        missing = column.isna().to_numpy()
        values = column.astype(object).where(~missing, "").astype(str).tolist()
        return ["" if m else v for v, m in zip(values, missing)]

    # --- pyarrow / Parquet --------------------------------------------------------
    def arrow_type(self, f: Field):
        """The pyarrow type of this column in the Parquet downloads."""
        import pyarrow as pa

        if f.enum:
            return pa.dictionary(pa.int32(), pa.string())
        return pa.string()

    # --- SQLite -------------------------------------------------------------------
    def to_sql(self, f: Field, text: pd.Series) -> list:
        """A column of valid text cells as the SQLite values that read back to the same text."""
        arr = text.array
        if hasattr(arr, "__arrow_array__"):  # pyarrow gives None for missing cells directly
            return arr.__arrow_array__().to_pylist()
        return [None if m else v for v, m in zip(text.astype(object).tolist(), text.isna().to_numpy())]

    def from_sql(self, f: Field, value) -> str:
        """The CSV text of a SQLite value: the inverse of ``to_sql``."""
        return "" if value is None else str(value)

    # --- Excel --------------------------------------------------------------------
    def to_excel(self, f: Field, text: str | None):
        """The Excel cell value of one valid text cell (None for a missing cell)."""
        return None if _missing(text) else text

    def from_excel(self, f: Field, value) -> str:
        """An Excel cell back to CSV text: the inverse of ``to_excel``."""
        return "" if value is None else str(value)

    # --- validation -----------------------------------------------------------------
    def valid(self, f: Field, text: pd.Series) -> pd.Series:
        """True where a non-missing cell's text is a valid value of this type."""
        if self.text_pattern is None:
            import pandas as pd

            return pd.Series(True, index=text.index)
        return text.str.fullmatch(self.text_pattern).fillna(False).astype(bool)

    def expected_text(self, f: Field) -> str:
        return self.expected

    def __repr__(self) -> str:
        return f"<field type {self.name}>"


class StringType(FieldType):
    """Text: any cell, kept as written."""
    pass


class IntegerType(FieldType):
    """A whole number, written without a decimal point."""
    name = "integer"
    sqlite_affinity = "INTEGER"
    python_type = int
    text_pattern = INTEGER
    invalid_message = "not an integer"
    expected = "a whole number such as 1200"

    def pandas_dtype(self, f):
        return "Int64"

    def to_pandas(self, f, text):
        import pandas as pd

        return pd.to_numeric(text, errors="raise").astype("Int64")

    def to_csv(self, f, column):
        missing = column.isna().to_numpy()
        return ["" if m else str(int(v)) for v, m in zip(column.astype(object).tolist(), missing)]

    def arrow_type(self, f):
        import pyarrow as pa

        return pa.int64()

    def to_sql(self, f, text):
        return _nones(self.to_pandas(f, text))

    def to_excel(self, f, text):
        return None if _missing(text) else int(text)

    def from_excel(self, f, value):
        return "" if value is None else str(int(value))


class NumberType(FieldType):
    """A decimal number such as 53.9."""
    name = "number"
    sqlite_affinity = "REAL"
    python_type = float
    text_pattern = NUMBER
    invalid_message = "not a number"
    expected = "a decimal number such as 53.9"

    def pandas_dtype(self, f):
        return "Float64"

    def to_pandas(self, f, text):
        import pandas as pd

        return pd.to_numeric(text, errors="raise").astype("Float64")

    def to_csv(self, f, column):
        missing = column.isna().to_numpy()
        return ["" if m else repr(float(v)) for v, m in zip(column.astype(object).tolist(), missing)]

    def arrow_type(self, f):
        import pyarrow as pa

        return pa.float64()

    def to_sql(self, f, text):
        return _nones(self.to_pandas(f, text).astype("float64"))

    def from_sql(self, f, value):
        return "" if value is None else repr(float(value))

    def to_excel(self, f, text):
        return None if _missing(text) else float(text)

    def from_excel(self, f, value):
        return "" if value is None else repr(float(value))


class BooleanType(FieldType):
    """A boolean written as one of the schema's trueValues or falseValues."""
    name = "boolean"
    sqlite_affinity = "INTEGER"
    python_type = int
    invalid_message = "not a boolean"

    def expected_text(self, f):
        return " or ".join(f.true_values + f.false_values)

    def dictionary_text(self, f) -> str:
        return " / ".join(f"`{v}`" for v in (f.true_values[0], f.false_values[0]))

    def valid(self, f, text):
        from .arrow_text import is_in

        return is_in(text, list(f.true_values + f.false_values))

    def truth(self, f, text: pd.Series) -> pd.Series:
        """True/False/NA for a column of valid cells: the one reading of the schema's trueValues/falseValues."""
        mapping = {**{v: True for v in f.true_values}, **{v: False for v in f.false_values}}
        return text.map(mapping).astype("boolean")

    def pandas_dtype(self, f):
        return "boolean"

    def to_pandas(self, f, text):
        return self.truth(f, text)

    def to_csv(self, f, column):
        missing = column.isna().to_numpy()
        true, false = f.true_values[0], f.false_values[0]
        return ["" if m else (true if v else false) for v, m in zip(column.astype(object).tolist(), missing)]

    def arrow_type(self, f):
        import pyarrow as pa

        return pa.bool_()

    def to_sql(self, f, text):
        return [None if v is None else int(v) for v in _nones(self.truth(f, text))]

    def from_sql(self, f, value):
        if value is None:
            return ""
        return f.true_values[0] if value else f.false_values[0]

    def to_excel(self, f, text):
        return None if _missing(text) else text in f.true_values

    def from_excel(self, f, value):
        return self.from_sql(f, value)


class DateType(FieldType):
    """An ISO 8601 calendar date, YYYY-MM-DD."""
    name = "date"
    text_pattern = ISO_DATE
    invalid_message = "not a valid date"
    expected = "an ISO 8601 date YYYY-MM-DD that exists on the calendar"
    excel_number_format = "yyyy-mm-dd"
    dictionary_phrase = "ISO 8601 `YYYY-MM-DD`"
    #: the formats a schema may give a date field (all mean ISO 8601)
    formats = (None, "default", "%Y-%m-%d")

    def parse(self, text: pd.Series) -> pd.Series:
        """Strict ISO dates as datetime64 (NaT where a cell is not a real calendar date)."""
        import pandas as pd

        ok = text.str.fullmatch(ISO_DATE).fillna(False).astype(bool)
        return pd.to_datetime(text.where(ok), format="%Y-%m-%d", errors="coerce")

    def valid(self, f, text):
        return self.parse(text).notna()

    def pandas_dtype(self, f):
        import pandas as pd
        import pyarrow as pa

        return pd.ArrowDtype(pa.date32())

    def to_pandas(self, f, text):
        import pandas as pd
        import pyarrow as pa
        import pyarrow.compute as pc

        from .arrow_text import arrow_strings

        days = pc.cast(pc.strptime(arrow_strings(text), format="%Y-%m-%d", unit="s"), pa.date32())
        return pd.Series(pd.arrays.ArrowExtensionArray(days), index=text.index, name=text.name)

    def to_csv(self, f, column):
        import pandas as pd

        missing = column.isna().to_numpy()
        values = pd.to_datetime(column.astype(object).where(~pd.isna(column), None)).dt.strftime("%Y-%m-%d")
        return ["" if m else v for v, m in zip(values.tolist(), missing)]

    def arrow_type(self, f):
        import pyarrow as pa

        return pa.date32()

    def to_excel(self, f, text):
        return None if _missing(text) else dt.date.fromisoformat(text)

    def from_excel(self, f, value):
        if value is None:
            return ""
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()


#: Every field type the package handles, by its Table Schema name.
REGISTRY: dict[str, FieldType] = {t.name: t for t in (StringType(), IntegerType(), NumberType(), BooleanType(), DateType())}

#: The names of the types, for messages and the schema check.
TYPE_NAMES = tuple(REGISTRY)


def field_type(name: str) -> FieldType:
    """The registry entry for a Table Schema type name; ``UnknownFieldType`` if there is none."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise UnknownFieldType(f"unknown field type {name!r}; the types handled are {', '.join(TYPE_NAMES)}") from None


def _missing(text) -> bool:
    return text is None or text != text or text == ""


def _nones(column) -> list:
    """A typed pandas column as Python values with None for missing."""
    missing = column.isna().to_numpy()
    return [None if m else v for v, m in zip(column.astype(object).tolist(), missing)]
