"""The folder the commands work in: the package's checkout, every path derived from it, and git.

A ``Package`` (``schema.py``) is the data: the descriptor, its tables and a reader of its files,
from a folder, a zip or a URL; it knows nothing of where anything is built. A ``Workspace`` owns a
checkout's root and the paths that the commands write (the database, the site metadata, the
inspect file, the generated docs, the downloads) and the git calls of ``diff``. The command line
makes one; a library function that writes is given the path to write, never guesses it.
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from .constants import DATABASE_NAME
from .errors import DataPackageError


@dataclass(frozen=True)
class Workspace:
    """A checkout: ``root`` holds ``datapackage.json``; everything built from it goes below ``root``."""

    root: Path

    def package(self):
        """The data package of this checkout."""
        from .schema import load_package

        return load_package(self.root)

    @property
    def build_dir(self) -> Path:
        """Where the database, the site metadata and the inspect file are written."""
        return self.root / "build"

    @property
    def database(self) -> Path:
        """The SQLite database that ``make build`` writes and Datasette serves."""
        return self.build_dir / f"{DATABASE_NAME}.db"

    @property
    def metadata(self) -> Path:
        """The Datasette metadata generated from the schemas."""
        return self.build_dir / "metadata.json"

    @property
    def inspect_data(self) -> Path:
        """Datasette's ``inspect`` of the database (row counts, served as immutable)."""
        return self.build_dir / "inspect-data.json"

    @property
    def downloads(self) -> Path:
        """The release's downloads (``make dist``), served under ``/downloads``."""
        return self.root / "dist"

    @property
    def docs_dir(self) -> Path:
        """The generated docs."""
        return self.root / "docs"

    @property
    def data_dictionary(self) -> Path:
        """``docs/data-dictionary.md``, generated from the schemas."""
        return self.docs_dir / "data-dictionary.md"

    @property
    def coverage_report(self) -> Path:
        """``docs/coverage.md``, the curator's report, generated from the data."""
        return self.docs_dir / "coverage.md"

    @property
    def validation_messages(self) -> Path:
        """``docs/validation-messages.md``: the bad-input catalogue and the problem kinds."""
        return self.docs_dir / "validation-messages.md"

    @property
    def readme(self) -> Path:
        """The README, whose table of tables ``make docs`` keeps up to date."""
        return self.root / "README.md"

    def git_ref_exists(self, ref: str) -> None:
        """Raise ``DataPackageError`` naming the ref when git does not know it."""
        check = subprocess.run(["git", "rev-parse", "--verify", f"{ref}^{{commit}}"], cwd=self.root,
                               capture_output=True, text=True)
        if check.returncode != 0:
            raise DataPackageError(f"unknown git ref {ref!r}: {check.stderr.strip()}")

    def git_show(self, ref: str, path: str) -> str | None:
        """The text of ``path`` (relative to ``root``) at git ``ref``, or None when the file is not there."""
        # "./" makes git read the path from the package folder, which need not be the top of the repository
        result = subprocess.run(["git", "show", f"{ref}:./{path}"], cwd=self.root, capture_output=True)
        if result.returncode != 0:
            return None
        return result.stdout.decode("utf-8", errors="replace")
