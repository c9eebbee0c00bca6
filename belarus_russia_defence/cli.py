"""The command-line face: validate, build, metadata, docs, dist, diff.

Only this module prints and decides exit statuses.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import DataPackageError
from .schema import ROOT
from .workspace import Workspace


def _workspace(args) -> Workspace:
    return Workspace(Path(args.root))


def _package(args):
    return _workspace(args).package()


def cmd_validate(args) -> int:
    """`validate`: run every check and print the problems; exit 1 if there are any."""
    from .check import validate
    from .check.report import FORMATTERS

    problems = validate(_package(args), structure=not args.no_frictionless, engine=args.engine)
    print(FORMATTERS[args.format](problems))
    return 1 if problems else 0


def cmd_build(args) -> int:
    """`build`: validate (unless told not to), then write the SQLite database."""
    from .outputs.sqlite import build_database
    from .check import validate
    from .check.report import format_text

    from .read import read_all

    package = _package(args)
    texts = None  # unchecked: the build reads each table while it indexes the one before
    if not args.skip_validation:
        texts = read_all(package)  # read once, for the checks and the build
        problems = validate(package, structure=not args.no_frictionless, texts=texts)
        if problems:
            print(format_text(problems), file=sys.stderr)
            print("Not built: fix the problems above first.", file=sys.stderr)
            return 1
    path = build_database(package, Path(args.output) if args.output else _workspace(args).database, texts=texts)
    print(f"Built {path}")
    return 0


def cmd_metadata(args) -> int:
    """`metadata`: write the Datasette metadata generated from the schemas."""
    from .site.metadata import write_metadata

    path = write_metadata(_package(args), Path(args.output) if args.output else _workspace(args).metadata)
    print(f"Wrote {path}")
    return 0


def cmd_docs(args) -> int:
    """`docs`: write (or with --check, compare) the data dictionary, the coverage report and the problem kinds."""
    from .coverage import write_coverage
    from .docs import write_data_dictionary, write_problem_kinds

    from .read import read_all

    workspace = _workspace(args)
    package = workspace.package()
    texts = read_all(package)  # read once: row counts for the README and the coverage report
    status = 0
    for name, write in (("docs/data-dictionary.md (and the README's table of tables)", write_data_dictionary),
                        ("docs/coverage.md", write_coverage),
                        ("docs/validation-messages.md (its problem kinds)", write_problem_kinds)):
        path = write(package, workspace, check=args.check, texts=texts)
        if path is None:
            print(f"{name} is out of date: run `make docs`.", file=sys.stderr)
            status = 1
        else:
            print(f"{'Checked' if args.check else 'Wrote'} {path}")
    return status


def cmd_serve(args) -> int:
    """`serve`: inspect the built database and serve it, one worker process per core (``serve.py``)."""
    import subprocess

    from .site.serve import serve

    workspace = _workspace(args)
    db = workspace.database
    if not db.is_file():
        print(f"{db} is missing: run `make build` first.", file=sys.stderr)
        return 1
    inspect = subprocess.run([sys.executable, "-m", "datasette", "inspect", str(db)], capture_output=True, text=True,
                             check=True)
    workspace.inspect_data.write_text(inspect.stdout, encoding="utf-8")
    workers = f"{args.workers} worker(s)" if args.workers else "a worker per core"
    print(f"Serving on http://{args.host}:{args.port}/ with {workers} (Ctrl-C to stop)", flush=True)
    downloads = workspace.downloads
    if not downloads.is_dir():
        print(f"{downloads} is missing: the home page's download links will not answer (run `make dist`).",
              file=sys.stderr)
    serve(db, workspace.inspect_data, workspace.metadata, args.host, args.port, args.workers,
          downloads if downloads.is_dir() else None)
    return 0


def cmd_dist(args) -> int:
    """`dist`: validate, then write every download into dist/."""
    from .outputs.downloads import build_dist

    for path in build_dist(_package(args), _workspace(args).downloads):
        print(f"Wrote {path}")
    return 0


def cmd_diff(args) -> int:
    """`diff`: print the row-level changes of the tables against a git ref."""
    from .diff import diff_against_ref, format_diff

    changes = diff_against_ref(_package(args), _workspace(args), args.base)
    print(format_diff(changes, markdown=args.markdown))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv``, run the command and return its exit status (2 for a data-package error)."""
    parser = argparse.ArgumentParser(prog="belarus-russia-defence", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=str(ROOT), help="folder holding datapackage.json (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check every table; exit 1 on any problem")
    p.add_argument("--format", choices=["text", "json", "github"], default="text")
    p.add_argument("--no-frictionless", action="store_true", help="skip the frictionless structural pass")
    p.add_argument("--engine", choices=["auto", "pandera", "direct"], default="auto",
                   help="run the generated rules through Pandera, directly, or Pandera for packages up to 50k rows")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("build", help="validate, then build the SQLite database")
    p.add_argument("--output", help="database path (default build/belarus_russia_defence.db)")
    p.add_argument("--skip-validation", action="store_true")
    p.add_argument("--no-frictionless", action="store_true")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("metadata", help="write Datasette metadata generated from the schemas")
    p.add_argument("--output", help="path (default build/metadata.json)")
    p.set_defaults(func=cmd_metadata)

    p = sub.add_parser("docs", help="write docs/data-dictionary.md from the schemas and docs/coverage.md from the data")
    p.add_argument("--check", action="store_true", help="fail if the file is out of date instead of writing it")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("serve", help="serve the built database with Datasette")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8001)
    p.add_argument("--workers", type=int, help="worker processes (default: one per core)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("dist", help="build downloads in dist/: zip, SQLite, Excel, Parquet")
    p.set_defaults(func=cmd_dist)

    p = sub.add_parser("diff", help="row-level diff of the tables against a git ref")
    p.add_argument("--base", default="origin/main")
    p.add_argument("--markdown", action="store_true")
    p.set_defaults(func=cmd_diff)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except DataPackageError as err:  # a problem with the data package: one line the contributor can act on
        print(f"error: {err}", file=sys.stderr)
        return 2
    # anything else is a bug in this project: Python prints its traceback


if __name__ == "__main__":
    sys.exit(main())
