"""The built wheel works as a library outside the checkout: it ships the data and pins nothing."""
import json
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from belarus_russia_defence.schema import load_package

from .conftest import ROOT

PACKAGE = load_package(ROOT)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--disable-pip-version-check", "-w", str(out), str(ROOT)], check=True, capture_output=True)
    return next(out.glob("*.whl"))


def test_the_wheel_ships_the_data_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    base = "belarus_russia_defence/_data/"
    assert base + "datapackage.json" in names
    for t in PACKAGE.tables:
        assert base + t.path in names and base + t.schema_path in names


def test_runtime_dependencies_have_lower_bounds_and_the_site_is_an_extra(wheel):
    with zipfile.ZipFile(wheel) as z:
        metadata = z.read(next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))).decode()
    requires = [line.split(":", 1)[1].strip() for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    assert requires and not any("==" in r.split(";")[0] for r in requires)  # no exact pins
    core = [r for r in requires if "extra ==" not in r]
    assert not any(r.startswith("datasette") for r in core)  # DataFrames do not need the site
    assert any(r.startswith("datasette") and "extra == \"site\"" in r for r in requires)
    assert any("extra == \"test\"" in r for r in requires)


def test_an_installed_wheel_loads_every_table_without_the_checkout(wheel, tmp_path):
    """Installed into a new environment whose only other packages are the dependencies, run from elsewhere."""
    env = tmp_path / "env"
    venv.create(env, with_pip=False)
    site = Path(subprocess.run([str(env / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check",
                    "--target", str(site), str(wheel)], check=True, capture_output=True)
    # the dependencies come from this environment's site-packages; its editable link to the checkout does not
    # (a path in a .pth file is added to sys.path, but the .pth files inside it are not run)
    (site / "_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    script = (
        "import json, belarus_russia_defence as b\n"
        "from belarus_russia_defence.schema import default_root\n"
        "frames = b.load_all()\n"
        "print(json.dumps({'module': b.__path__[0], 'root': str(default_root()),\n"
        "                  'rows': {k: len(v) for k, v in frames.items()},\n"
        "                  'date': str(b.load('sanctions')['listing_date'].dtype)}))\n"
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    result = subprocess.run([str(env / "bin" / "python"), "-c", script], cwd=work, capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["module"].startswith(str(site)) and found["root"].startswith(str(site))
    assert not found["root"].startswith(str(ROOT) + "/belarus")
    from belarus_russia_defence.read import read_all

    texts = read_all(PACKAGE)
    assert found["rows"] == {name: len(t.frame) for name, t in texts.items()}
    assert found["date"] == "date32[day][pyarrow]"
