"""The core must stay free of Django so it can be tested and reused alone."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent
FORBIDDEN = ("django", "rest_framework", "kotacerdas.accounts", "kotacerdas.regions", "kotacerdas.web")


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_it_has_no_django_imports() -> None:
    offenders = [
        f"{path.relative_to(CORE)} imports {name}"
        for path in CORE.rglob("*.py")
        for name in imported_modules(path)
        if name.split(".")[0] in FORBIDDEN or name.startswith(FORBIDDEN)
    ]
    assert offenders == []


def test_the_checker_sees_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from django.db import models\nimport numpy\n")
    assert imported_modules(sample) == ["django.db", "numpy"]
