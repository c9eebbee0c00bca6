"""The errors that are about the data, not the code.

A ``DataPackageError`` is something a contributor or a user can act on: the command line
prints it as one line and exits with status 2. Any other exception is a bug in this
project and keeps its traceback.

- ``PackageError``: the descriptor or a Table Schema is wrong when the package loads
  (an unknown field type, an ``x-checks`` rule naming a column that does not exist, ...);
  it names the schema file and the key.
- ``ValidationError``: the data did not pass validation; ``problems`` holds them all.
- ``SourceUnavailable``: a file of the package could not be read (missing, or a network
  error); it says which, and never calls a network error a missing file.
"""
from __future__ import annotations


class DataPackageError(Exception):
    """A problem with the data package that its user can fix; not a bug."""


class PackageError(DataPackageError, ValueError):
    """The descriptor or a schema is malformed; the message names the file and the key."""

    def __init__(self, message: str, *, path: str = "", key: str = ""):
        self.path, self.key = path, key
        where = ": ".join(p for p in (path, key) if p)
        super().__init__(f"{where}: {message}" if where else message)


class ValidationError(DataPackageError, ValueError):
    """The data did not pass validation; ``problems`` holds every problem found."""

    def __init__(self, problems):
        from .check.report import format_text

        self.problems = problems
        super().__init__("the data package has problems:\n" + format_text(problems))


class SourceUnavailable(DataPackageError, OSError):
    """A file of the package cannot be read: ``reason`` says whether it is missing or unreachable."""

    def __init__(self, location: str, reason: str):
        self.location, self.reason = location, reason
        super().__init__(f"{location}: {reason}")
