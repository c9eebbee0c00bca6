"""Typed pandas DataFrames for users, validated before they are handed over.

Types come from the Table Schemas: nullable ``Int64`` and ``Float64``,
dates as ``date32[pyarrow]`` (true dates, no time), ``boolean``, categoricals for enum columns, ``string``
for text. The source can be this checkout, a folder, a ``datapackage.json``
path or URL (``file://``, ``https://``), or a downloaded zip.
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pandas as pd

from ..read import TextTable, read_all
from ..schema import Field, Package, Table, load_package, package_from_reader


from ..errors import SourceUnavailable, ValidationError  # noqa: F401  (raised by load and load_all)


def _url_reader(base: str):
    """Reads a package's files over HTTP: a 404 is a missing file, anything else is ``SourceUnavailable``."""

    def read_url(rel: str) -> bytes:
        url = f"{base}/{urllib.parse.quote(rel)}"
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                return response.read()
        except urllib.error.HTTPError as err:
            if err.code in (404, 410):
                raise FileNotFoundError(url) from err
            raise SourceUnavailable(url, f"unreachable: HTTP {err.code} {err.reason}") from err
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise SourceUnavailable(url, f"unreachable: {reason}") from err

    return read_url


def open_package(source: str | Path | None = None) -> Package:
    """A Package from a checkout, a folder, a descriptor path or URL, or a zip file.

    A missing file or folder, a zip without a descriptor and an unreachable URL each raise
    ``SourceUnavailable`` naming the cause; a network error is never called a missing file.
    """
    if source is None:
        return load_package()
    text = str(source)
    if "://" in text:
        base, name = text.rsplit("/", 1)
        reader = _url_reader(base)
        try:
            return package_from_reader(reader, Path("."), descriptor_name=name)
        except FileNotFoundError as err:
            raise SourceUnavailable(text, "missing: the server has no such descriptor (HTTP 404)") from err
    path = Path(source)
    if path.is_dir():
        return load_package(path)
    if not path.exists():
        raise SourceUnavailable(text, "missing: no such file or folder")
    if zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        descriptors = sorted((n for n in archive.namelist() if n.endswith("datapackage.json")), key=len)
        if not descriptors:
            raise SourceUnavailable(text, "not a data package: the zip holds no datapackage.json")
        prefix = descriptors[0][: -len("datapackage.json")]
        return package_from_reader(lambda rel: archive.read(prefix + rel), path.parent)
    if path.name.endswith(".json"):
        return load_package(path.parent)
    raise SourceUnavailable(text, "not a data package: expected a folder, a datapackage.json, a zip or a URL")


def pandas_dtype(f: Field):
    """The dtype of a column in a frame from ``load()`` (from the type registry)."""
    return f.kind.pandas_dtype(f)


def typed_column(f: Field, text: pd.Series) -> pd.Series:
    """A column of valid text cells as its typed column (from the type registry)."""
    return f.kind.to_pandas(f, text)


def typed_frame(table: Table, text: TextTable) -> pd.DataFrame:
    """One table's text cells as a typed DataFrame."""
    return pd.DataFrame({f.name: typed_column(f, text.frame[f.name]) for f in table.fields})


def load_all(source: str | Path | None = None, *, validate: bool = True) -> dict[str, pd.DataFrame]:
    """Every table as a typed DataFrame, keyed by table name."""
    from ..check import validate as run_checks

    package = open_package(source)
    texts = read_all(package)
    if validate:
        problems = run_checks(package, structure=False, texts=texts)
        if problems:
            raise ValidationError(problems)
    return typed_frames(package, texts)


def typed_frames(package: Package, texts: dict[str, TextTable]) -> dict[str, pd.DataFrame]:
    """Every table's text cells as a typed DataFrame (the cells are assumed valid)."""
    return {t.name: typed_frame(t, texts[t.name]) for t in package.tables}


def load(table: str, source: str | Path | None = None, *, validate: bool = True) -> pd.DataFrame:
    """One table as a typed DataFrame (the whole package is validated first)."""
    frames = load_all(source, validate=validate)
    if table not in frames:
        raise KeyError(f"no table {table!r}; tables are: {', '.join(frames)}")
    return frames[table]
