"""The data package and its Table Schemas as plain objects.

This is the one place a column is defined: every check, the SQLite build, the
Datasette metadata, the pandas loader and the data dictionary read the field
definitions from here, and here only from ``datapackage.json`` and ``schemas/``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

#: The repository root when the package runs from a checkout.
ROOT = Path(__file__).resolve().parent.parent
#: Where an installed wheel keeps its copy of the data package (see ``setup.py``).
BUNDLED = Path(__file__).resolve().parent / "_data"


def default_root() -> Path:
    """The checkout when there is one, else the data package shipped inside the installed wheel."""
    if (ROOT / "datapackage.json").is_file() and (ROOT / "schemas").is_dir():
        return ROOT
    from importlib.resources import files

    bundled = Path(str(files(__package__) / "_data"))
    if (bundled / "datapackage.json").is_file():
        return bundled
    raise PackageError("no datapackage.json: not a checkout, and the installed package ships no data",
                       path=str(bundled))

from .code_lists import UnknownCodeList, code_list
from .errors import PackageError, SourceUnavailable
from .field_types import TYPE_NAMES as FIELD_TYPES  # noqa: F401  (the names of the registry's types)
from .field_types import FieldType, UnknownFieldType, field_type


@dataclass(frozen=True)
class Field:
    """One column of a Table Schema: its name, type, description and constraints."""
    name: str
    type: str
    description: str
    constraints: dict
    format: str | None = None
    true_values: tuple = ("true",)
    false_values: tuple = ("false",)
    #: the code list the column holds (``"x-codeList"``, see ``code_lists``), or None
    code_list: str | None = None
    #: what the column is for the package as a whole (``"x-role"``, see ``extensions.ROLES``), or None
    role: str | None = None
    #: the controlled vocabulary of the column's values (``"x-vocabulary"``: a name in the descriptor's
    #: ``"x-vocabularies"``, which gives each value its label), or None
    vocabulary: str | None = None

    @property
    def kind(self) -> FieldType:
        """This field's entry in the type registry (``field_types``)."""
        return field_type(self.type)

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    @property
    def unique(self) -> bool:
        return bool(self.constraints.get("unique"))

    @property
    def enum(self) -> list | None:
        return self.constraints.get("enum")

    @property
    def pattern(self) -> str | None:
        return self.constraints.get("pattern")


@dataclass(frozen=True)
class ForeignKey:
    """A foreign key: columns of this table that must match a key of another table."""
    fields: tuple
    resource: str
    reference_fields: tuple


@dataclass
class Table:
    """One resource of the package: its CSV path and its Table Schema."""

    name: str
    title: str
    description: str
    path: str
    schema_path: str
    fields: list[Field]
    primary_key: tuple
    foreign_keys: list[ForeignKey]
    missing_values: tuple
    checks: dict = field(default_factory=dict)
    site: dict = field(default_factory=dict)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no column {name!r}")

    def role_column(self, role: str) -> str | None:
        """The column that plays ``role`` (``"x-role"``: source, coordinates_source, confidence, claimant), or None."""
        return next((f.name for f in self.fields if f.role == role), None)

    @property
    def is_fact(self) -> bool:
        """A fact table states something about the world and carries a confidence (a column of role confidence)."""
        return self.role_column("confidence") is not None

    @property
    def key_label(self) -> str:
        return "/".join(self.primary_key)


@dataclass
class Package:
    """The descriptor and its tables, with a reader for the package's files (folder, zip or URL)."""
    root: Path
    descriptor: dict
    tables: list[Table]
    #: reads a file of the package by its relative path (a folder, a zip, a URL)
    reader: Callable[[str], bytes] | None = None

    def read_bytes(self, relative_path: str) -> bytes:
        """The bytes of a file of the package; FileNotFoundError if it is not there."""
        if self.reader is not None:
            return self.reader(relative_path)
        return (self.root / relative_path).read_bytes()

    def size_of(self, relative_path: str) -> int:
        """A file's size in bytes when the package is a folder; 0 when it is read through a reader or missing."""
        if self.reader is not None:
            return 0
        try:
            return (self.root / relative_path).stat().st_size
        except OSError:
            return 0

    @cached_property
    def by_name(self) -> dict[str, Table]:
        return {t.name: t for t in self.tables}

    def table(self, name: str) -> Table:
        try:
            return self.by_name[name]
        except KeyError:
            raise KeyError(f"no table {name!r}; tables are: {', '.join(self.by_name)}") from None

    @property
    def version(self) -> str:
        return self.descriptor.get("version", "")

    @property
    def vocabularies(self) -> dict[str, dict[str, str]]:
        """Every controlled vocabulary of the package (``"x-vocabularies"``): name -> {value: label}."""
        return self.descriptor.get("x-vocabularies", {})

    def value_labels(self, f: Field) -> dict[str, str]:
        """The label of each value of ``f``'s vocabulary; empty for a column without one."""
        return self.vocabularies.get(f.vocabulary, {}) if f.vocabulary else {}


def _as_tuple(value) -> tuple:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list) else (value,)


def _field(d: dict, schema_path: str = "") -> Field:
    try:
        field_type(d.get("type", "string"))
    except UnknownFieldType as err:
        raise PackageError(str(err), path=schema_path, key=f"fields[{d.get('name')!r}].type") from None
    if d.get("x-codeList") is not None:
        try:
            code_list(d["x-codeList"])
        except UnknownCodeList as err:
            raise PackageError(str(err), path=schema_path, key=f"fields[{d.get('name')!r}].x-codeList") from None
    return Field(
        name=d["name"],
        type=d.get("type", "string"),
        description=d.get("description", ""),
        constraints=dict(d.get("constraints", {})),
        format=d.get("format"),
        true_values=tuple(d.get("trueValues", ["true"])),
        false_values=tuple(d.get("falseValues", ["false"])),
        code_list=d.get("x-codeList"),
        role=d.get("x-role"),
        vocabulary=d.get("x-vocabulary"),
    )


def table_from_descriptor(resource: dict, schema: dict) -> Table:
    """A Table from a resource of the descriptor and its Table Schema."""
    fks = []
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        fks.append(
            ForeignKey(
                fields=_as_tuple(fk["fields"]),
                resource=ref.get("resource") or resource["name"],
                reference_fields=_as_tuple(ref["fields"]),
            )
        )
    return Table(
        name=resource["name"],
        title=resource.get("title") or schema.get("title", resource["name"]),
        description=resource.get("description") or schema.get("description", ""),
        path=resource["path"],
        schema_path=resource["schema"] if isinstance(resource["schema"], str) else "",
        fields=[_field(f, resource["schema"] if isinstance(resource["schema"], str) else "") for f in schema["fields"]],
        primary_key=_as_tuple(schema.get("primaryKey")),
        foreign_keys=fks,
        missing_values=tuple(schema.get("missingValues", [""])),
        checks=dict(schema.get("x-checks", {})),
        site=dict(schema.get("x-datasette", {})),
    )


def _json(reader: Callable[[str], bytes], name: str) -> dict:
    """A JSON file of the package; PackageError naming the file and the place when it is not valid JSON."""
    try:
        return json.loads(reader(name).decode("utf-8"))
    except json.JSONDecodeError as err:
        raise PackageError(f"not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}", path=name) from None
    except UnicodeDecodeError as err:
        raise PackageError(f"not UTF-8 text ({err.reason} at byte {err.start})", path=name) from None


def package_from_reader(reader: Callable[[str], bytes], root: Path, descriptor_name: str = "datapackage.json") -> Package:
    """Read the descriptor and the Table Schemas it points to through ``reader``."""
    descriptor = _json(reader, descriptor_name)
    if not isinstance(descriptor.get("resources"), list):
        raise PackageError("the descriptor has no list of resources", path=descriptor_name, key="resources")
    tables = []
    for resource in descriptor["resources"]:
        schema = resource.get("schema")
        if isinstance(schema, str):
            schema = _json(reader, schema)
        if not isinstance(schema, dict) or "fields" not in schema:
            raise PackageError("the resource has no Table Schema with fields", path=descriptor_name,
                               key=f"resources[{resource.get('name')!r}].schema")
        tables.append(table_from_descriptor(resource, schema))
    from .extensions import check_extensions, check_vocabularies

    check_extensions(tables, {t.name: t.schema_path for t in tables})
    check_vocabularies(descriptor, tables, descriptor_name)
    return Package(root=root, descriptor=descriptor, tables=tables, reader=reader)


def load_package(root: str | Path | None = None) -> Package:
    """Read ``datapackage.json`` and the Table Schemas it points to, from a folder."""
    root = Path(root) if root is not None else default_root()
    if not (root / "datapackage.json").is_file():
        raise SourceUnavailable(str(root / "datapackage.json"), "missing: no data package descriptor in this folder")

    def read(rel: str) -> bytes:
        try:
            return (root / rel).read_bytes()
        except FileNotFoundError:
            raise SourceUnavailable(str(root / rel), "missing") from None

    package = package_from_reader(read, root)
    package.reader = None
    return package
