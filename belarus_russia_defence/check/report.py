"""One problem type for every check, and the three ways of showing problems."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ..problem_kinds import kind

MAX_VALUE_CHARS = 60


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in the data, located as precisely as the check allows.

    ``line`` is the physical line of the CSV file (the header is line 1); it is
    0 when the problem concerns the whole file (a missing file, a row count). ``code`` is a kind
    of the catalogue (``problem_kinds``); any other code is a bug and raises here.
    """

    file: str
    line: int
    column: str
    message: str
    value: str | None = None
    expected: str | None = None
    code: str = ""

    def __post_init__(self):
        kind(self.code)

    @property
    def scope(self) -> str:
        """What the problem locates: package, file, header, row or cell (from its kind)."""
        return kind(self.code).scope

    def text(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.column else f"{self.file}:{self.line}"
        detail = []
        if self.value is not None:
            detail.append(f"got {shorten(self.value)}")
        if self.expected:
            detail.append(f"expected {self.expected}")
        suffix = f" ({'; '.join(detail)})" if detail else ""
        return f"{where}: {self.message}{suffix}"

    def as_dict(self) -> dict:
        """The problem as plain values, with its scope."""
        return {**asdict(self), "scope": self.scope}


def problem(code: str, file: str, line: int, column: str = "", /, *, value: str | None = None,
            expected: str | None = None, **fields) -> Problem:
    """A Problem of the catalogue's kind ``code``, its message the kind's template filled with ``fields``.

    The location is positional only, so that a template may have a field called ``column`` or ``file``.
    """
    return Problem(file, line, column, kind(code).message(**fields), value=value, expected=expected, code=code)


def cannot_run(text, check: str, columns) -> list["Problem"]:
    """A check whose columns are missing from the file says so, once per column; the other checks go on.

    The header check already reports the missing column; this adds which check it turned off, so
    that a damaged header never passes for data that was checked.
    """
    return [problem("check-skipped", text.file, 1, c, check=check, reason="its column is missing",
                    expected=f"column {c} in the header of {text.file}")
            for c in dict.fromkeys(columns) if c not in text.frame.columns]


def shorten(value: str) -> str:
    """A cell value shown safely on one line: repr-quoted and cut when long."""
    text = str(value)
    if len(text) > MAX_VALUE_CHARS:
        text = text[:MAX_VALUE_CHARS] + f"… [{len(str(value))} chars]"
    return repr(text)


def deduplicate(problems: list[Problem]) -> list[Problem]:
    """Keep the first problem reported for each (file, line, column, code) and sort them."""
    seen = set()
    kept = []
    for p in problems:
        key = (p.file, p.line, p.column, p.code)
        if key in seen:
            continue
        seen.add(key)
        kept.append(p)
    return sorted(kept, key=lambda p: (p.file, p.line, p.column, p.code, p.message))


def summary(problems: list[Problem]) -> str:
    """One line that counts the problems and the files they are in."""
    if not problems:
        return "OK: no problems found."
    files = len({p.file for p in problems})
    return f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {files} file{'s' if files != 1 else ''}."


def format_text(problems: list[Problem]) -> str:
    """The problems as text, one line each, and the summary line."""
    return "\n".join([p.text() for p in problems] + [summary(problems)])


def format_json(problems: list[Problem]) -> str:
    """The problems as a JSON report."""
    return json.dumps({"valid": not problems, "count": len(problems), "problems": [p.as_dict() for p in problems]},
                      ensure_ascii=False, indent=2)


def _escape_github(text: str, is_property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands: each problem annotates its file and line."""
    lines = []
    for p in problems:
        props = f"file={_escape_github(p.file, True)}"
        if p.line:
            props += f",line={p.line}"
        if p.column:
            props += f",title={_escape_github(p.column + ': ' + p.code, True)}"
        lines.append(f"::error {props}::{_escape_github(p.text())}")
    lines.append(summary(problems))
    return "\n".join(lines)


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
