"""The dependency direction of DESIGN.md §1, checked on the source: the engine packages never import Qt, and
no package imports one above it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QT = {"PySide6", "PyQt5", "PyQt6", "shiboken6", "pytestqt"}
FORBIDDEN = {
    "cache": QT | {"sync", "desktop", "devserver", "httpx"},
    "sync": QT | {"desktop", "devserver"},
    "devserver": QT | {"desktop", "sync", "cache"},
}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_below_itself(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package}/ has no Python files"
    offenders = {str(f.relative_to(ROOT)): sorted(imported_roots(f) & FORBIDDEN[package]) for f in files}
    assert {f: bad for f, bad in offenders.items() if bad} == {}


def test_supabase_folder_is_not_a_python_package():
    """A package named `supabase` would shadow the official client."""
    assert not (ROOT / "supabase" / "__init__.py").exists()
    assert not list((ROOT / "supabase").rglob("*.py"))
