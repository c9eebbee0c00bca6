"""Every public function and class of the package says what it is for."""
import ast
from pathlib import Path

from .conftest import ROOT


def test_every_public_function_and_class_has_a_docstring():
    missing = []
    for path in sorted((ROOT / "belarus_russia_defence").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                if not ast.get_docstring(node):
                    missing.append(f"{Path(path).relative_to(ROOT)}:{node.lineno}: {node.name}")
    assert not missing, "public functions or classes without a docstring:\n" + "\n".join(missing)
