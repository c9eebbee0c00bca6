"""Ships the data package inside the wheel.

``pyproject.toml`` holds the project's metadata; this file only adds a build step: the
descriptor, the Table Schemas, the CSV files and the data licence are copied into
``belarus_russia_defence/_data/`` of the built package, so that an installed
``belarus_russia_defence.load()`` reads them through ``importlib.resources``.
"""
import json
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
EXTRA_FILES = ("LICENSE-DATA.md", "CITATION.cff")


class build_py_with_data(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "belarus_russia_defence" / "_data"
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        descriptor = json.loads((HERE / "datapackage.json").read_text(encoding="utf-8"))
        files = ["datapackage.json", *EXTRA_FILES]
        for resource in descriptor["resources"]:
            files += [resource["path"], resource["schema"]]
        for name in files:
            source = HERE / name
            if source.is_file():
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target / name)


setup(cmdclass={"build_py": build_py_with_data})
