"""make diff: what a change adds, removes and modifies, keyed by primary key."""
import shutil
import subprocess

from .conftest import copy_package, run_main, set_cell, write_rows, read_rows


def _git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_diff_reports_added_removed_and_modified_rows(tmp_path):
    root = copy_package(tmp_path)
    _git(root, "init", "-q")
    _git(root, "-c", "user.email=t@t", "-c", "user.name=t", "add", ".")
    _git(root, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "base")
    rows = read_rows(root, "exercises")
    first_id, second_id = rows[1][0], rows[2][0]
    old_name = rows[1][1]
    set_cell(root, "exercises", 0, "name", old_name + " (renamed)")
    rows = read_rows(root, "exercises")
    del rows[2]
    new = list(rows[1])
    new[0] = "brand-new-exercise"
    rows.append(new)
    write_rows(root, "exercises", rows)
    result = run_main(root, "diff", "--base", "HEAD")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "exercises: +1 / -1 / ~1" in out
    assert "  added brand-new-exercise" in out
    assert f"  removed {second_id}" in out
    assert f"  modified {first_id}" in out
    assert f"    name: {old_name!r} → {old_name + ' (renamed)'!r}" in out
    md = run_main(root, "diff", "--base", "HEAD", "--markdown").stdout
    assert "| exercises | 1 | 1 | 1 |" in md
    shutil.rmtree(root / ".git")


def test_diff_against_an_unknown_ref_is_a_clear_error(tmp_path):
    root = copy_package(tmp_path)
    _git(root, "init", "-q")
    result = run_main(root, "diff", "--base", "no-such-ref")
    assert result.returncode == 2 and "unknown git ref 'no-such-ref'" in result.stderr


def test_diff_of_a_package_in_a_subfolder_of_the_repository(tmp_path):
    folder = tmp_path / "packages" / "brd"
    folder.mkdir(parents=True)
    root = copy_package(folder)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "-c", "user.email=t@t", "-c", "user.name=t", "add", ".")
    _git(tmp_path, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "base")
    set_cell(root, "exercises", 0, "name", "Renamed")
    out = run_main(root, "diff", "--base", "HEAD").stdout
    assert "exercises: +0 / -0 / ~1" in out, out[:2000]
    assert "sources:" not in out or "sources: +0 / -0 / ~0" in out
