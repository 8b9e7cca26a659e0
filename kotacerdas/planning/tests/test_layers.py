"""planning's modules import each other in one direction only.

    shared base (models, access, reference, common, checks, pages, reports, readiness)
      < analysis < initiatives < prioritisation < roadmap < quickwins
      < the top (overview views, urls, api, demo, region_section, apps)

Read from the source (every import, at module level or inside a function), so an import added for
convenience fails here before it becomes a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import kotacerdas.planning

ROOT = Path(kotacerdas.planning.__file__).parent
PACKAGE = "kotacerdas.planning"
SUB_CONTEXTS = ["analysis", "initiatives", "prioritisation", "roadmap", "quickwins"]
TOP = {"views", "urls", "api", "api_urls", "demo", "demo_data", "region_section", "apps"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


def is_module(name: str) -> bool:
    relative = Path(*name.split(".")[2:])
    return (ROOT / relative).with_suffix(".py").exists() or (ROOT / relative / "__init__.py").exists()


def planning_imports(path: Path) -> set[str]:
    """The planning modules this file imports (``from package import module`` counts as the module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [
                f"{node.module}.{alias.name}" if is_module(f"{node.module}.{alias.name}") else node.module
                for alias in node.names
            ]
        else:
            continue
        found |= {n for n in names if n.startswith(PACKAGE + ".")}
    return found


def source_files() -> list[Path]:
    skipped = {"tests", "migrations"}
    return [
        p
        for p in ROOT.rglob("*.py")
        if not skipped & set(p.relative_to(ROOT).parts) and p.name != "conftest.py"
    ]


GRAPH = {module_name(p): planning_imports(p) for p in source_files()}


def layer(module: str) -> int:
    """0 for the shared base, 1..5 for the sub-contexts in order, 6 for the top."""
    first = module.split(".")[2] if module.count(".") >= 2 else ""
    if first in SUB_CONTEXTS:
        return 1 + SUB_CONTEXTS.index(first)
    return len(SUB_CONTEXTS) + 1 if first in TOP else 0


def test_no_module_imports_a_higher_layer() -> None:
    upward = sorted(
        (module, imported)
        for module, imports in GRAPH.items()
        for imported in imports
        if layer(imported) > layer(module)
    )
    assert upward == []


def test_there_is_no_import_circle() -> None:
    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in GRAPH.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    assert sorted(m for m in GRAPH if reaches(m, m, {m})) == []


def test_the_graph_is_read() -> None:
    assert "kotacerdas.planning.common" in GRAPH["kotacerdas.planning.roadmap.instance"]
    assert "kotacerdas.planning.prioritisation.ranking" in GRAPH["kotacerdas.planning.quickwins.views"]
