"""Downloads in ``dist/``: a versioned zip of the package, the SQLite database, Excel and Parquet."""
from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

from ..schema import Package

PACKAGE_FILES = ("datapackage.json", "README.md", "LICENSE-DATA.md", "CITATION.cff")
MAX_SHEET_NAME = 31


#: Every download: the end of its file name after the stem, and what it is for (the site lists them in this order).
DOWNLOADS = {
    ".zip": "the data package: CSV files, Table Schemas and datapackage.json, for any spreadsheet or frictionless",
    ".xlsx": "an Excel workbook, a sheet per table, with dates as dates",
    ".db": "the SQLite database the site serves, with views and full-text search",
    ".ftm.json": "FollowTheMoney entities, one per line, for OpenSanctions tools, Aleph and nomenklatura",
    "-parquet/{table}.parquet": "Parquet, one file per table, for DuckDB, pandas and polars",
}


def stem(package: Package) -> str:
    """The file name stem of the downloads: the package name and version."""
    return f"{package.descriptor['name']}-{package.version}"


def download_name(package: Package, ending: str, table: str = "") -> str:
    """The file name of one download (a path inside ``dist/``), from its ending in ``DOWNLOADS``."""
    return stem(package) + ending.format(table=table)


def download_names(package: Package) -> list[tuple[str, str]]:
    """Every download's file name (inside ``dist/``) with what it is for, one per Parquet table."""
    names = []
    for ending, what in DOWNLOADS.items():
        tables = [t.name for t in package.tables] if "{table}" in ending else [""]
        names += [(download_name(package, ending, t), f"{what} ({t})" if t else what) for t in tables]
    return names


def write_zip(package: Package, out: Path) -> Path:
    """Write the versioned zip of the descriptor, schemas, CSVs and docs."""
    path = out / download_name(package, ".zip")
    folder = stem(package)
    from ..docs import data_dictionary

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in PACKAGE_FILES:
            data = _optional(package, name)
            if data is not None:
                archive.writestr(f"{folder}/{name}", data)
        for table in package.tables:
            archive.writestr(f"{folder}/{table.path}", package.read_bytes(table.path))
            archive.writestr(f"{folder}/{table.schema_path}", package.read_bytes(table.schema_path))
        archive.writestr(f"{folder}/docs/data-dictionary.md", data_dictionary(package))
    return path


def _optional(package: Package, name: str) -> bytes | None:
    """A file the package may lack (README, licence, citation), read through the package's own reader."""
    from ..errors import SourceUnavailable

    try:
        return package.read_bytes(name)
    except (FileNotFoundError, KeyError, SourceUnavailable):
        return None


def write_sqlite(package: Package, out: Path, texts) -> Path:
    """Write the SQLite database into the downloads."""
    from .sqlite import build_database

    return build_database(package, out / download_name(package, ".db"), texts=texts)


def excel_value(field, value):
    """A typed cell for Excel: numbers as numbers, dates as dates, booleans as booleans, text as text."""
    return field.kind.to_excel(field, value)


def write_excel(package: Package, out: Path, texts) -> Path:
    """Write the Excel workbook: a README sheet, one typed sheet per table, and the labels of vocabulary values."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = out / download_name(package, ".xlsx")
    wb = Workbook()
    readme = wb.active
    readme.title = "README"
    d = package.descriptor
    readme.append([d["title"], f"version {package.version}"])
    readme.append([d["description"]])
    readme.append([f"Licence: {d['licenses'][0]['name']} ({d['licenses'][0]['path']})"])
    readme.append([])
    readme.append(["sheet", "column", "type", "description"])
    for cell in readme[5]:
        cell.font = Font(bold=True)
    for table in package.tables:
        readme.append([table.name[:MAX_SHEET_NAME], "", "", table.description])
        for f in table.fields:
            readme.append([table.name[:MAX_SHEET_NAME], f.name, f.type, f.description])
    for table in package.tables:
        ws = wb.create_sheet(table.name[:MAX_SHEET_NAME])
        ws.append(table.field_names)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        frame = texts[table.name].frame
        columns = [frame[f.name].tolist() for f in table.fields]
        for i in range(len(frame)):
            ws.append([excel_value(f, col[i]) for f, col in zip(table.fields, columns)])
        for f, letter_cell in zip(table.fields, ws[1]):
            if f.kind.excel_number_format:
                for row in ws.iter_rows(min_row=2, min_col=letter_cell.column, max_col=letter_cell.column):
                    row[0].number_format = f.kind.excel_number_format
            elif f.kind.python_type is str:
                for row in ws.iter_rows(min_row=2, min_col=letter_cell.column, max_col=letter_cell.column):
                    row[0].data_type = "s"  # never a formula, whatever the text
        ws.freeze_panes = "A2"
    labels = wb.create_sheet("value_labels")  # what each vocabulary value means, as in the database's table
    labels.append(["table_name", "column_name", "value", "label"])
    for cell in labels[1]:
        cell.font = Font(bold=True)
    for table in package.tables:
        for f in table.fields:
            for value, label in package.value_labels(f).items():
                labels.append([table.name, f.name, value, label])
    labels.freeze_panes = "A2"
    wb.save(path)
    return path


def arrow_schema(table):
    """The Parquet schema of a table, from the type registry: date32 dates, booleans, dictionary-encoded vocabularies."""
    import pyarrow as pa

    return pa.schema([pa.field(f.name, f.kind.arrow_type(f), nullable=not (f.required or f.name in table.primary_key),
                               metadata={"description": f.description}) for f in table.fields],
                     metadata={"table": table.name, "description": table.description})


def write_parquet(package: Package, out: Path, texts) -> list[Path]:
    """Write one Parquet file per table, with the schema from the type registry."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .frames import typed_frames

    paths = []
    for name, frame in typed_frames(package, texts).items():
        table = package.table(name)
        path = out / download_name(package, "-parquet/{table}.parquet", name)
        path.parent.mkdir(parents=True, exist_ok=True)
        arrow = pa.Table.from_pandas(frame, schema=arrow_schema(table), preserve_index=False)
        pq.write_table(arrow.replace_schema_metadata({**arrow.schema.metadata, **arrow_schema(table).metadata}), path)
        paths.append(path)
    return paths


def write_ftm(package: Package, out: Path, texts) -> Path:
    """Write the package as FollowTheMoney entities (``*.ftm.json``)."""
    from .ftm import write_ftm as write

    return write(package, out, texts, download_name(package, ".ftm.json"))


def build_dist(package: Package, out: Path) -> list[Path]:
    """Validate, then write every download into the folder ``out`` (replacing what was there).

    A checkout's downloads go to ``Workspace.downloads``.

    Nothing is written unless the package validates, and the files are written into a
    temporary folder beside ``out`` that replaces it only when every file is complete:
    a failure leaves the previous downloads as they were and no half-written file.
    """
    import tempfile

    from ..check import validate
    from ..errors import ValidationError
    from ..read import read_all

    texts = read_all(package)  # read once: validated, then written in every format
    problems = validate(package, structure=False, texts=texts)
    if problems:
        raise ValidationError(problems)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        written = [write_zip(package, work), write_sqlite(package, work, texts), write_excel(package, work, texts),
                   write_ftm(package, work, texts), *write_parquet(package, work, texts)]
        old = out.with_name(f".{out.name}.old")
        if old.exists():
            shutil.rmtree(old)
        if out.exists():
            out.rename(old)
        work.rename(out)
        out.chmod(0o755)  # a temporary folder is private; downloads are for everyone
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    return [out / p.relative_to(work) for p in written]
