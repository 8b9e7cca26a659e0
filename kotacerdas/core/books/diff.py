"""What changed in the data between two book versions (their BookData JSON).

``diff_book_data(old, new)`` returns a list of ``Change`` lines a person can
read: initiatives added/removed/changed (name, OPD, period, budget), KPIs,
quick wins, budget totals per year and source, and any other field that differs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kotacerdas.core.formatting import rupiah

KEYED_LISTS = {"initiatives": "code", "quick_wins": "name", "opds": "name", "problems": "title"}
LABELS = {
    "initiatives": "Inisiatif",
    "quick_wins": "Quick win",
    "opds": "Perangkat daerah",
    "problems": "Permasalahan",
}


@dataclass(frozen=True)
class Change:
    kind: str  # added / removed / changed
    what: str  # e.g. "Inisiatif SG-01"
    detail: str = ""


def diff_book_data(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes: list[Change] = []
    for key, id_field in KEYED_LISTS.items():
        changes += _keyed(LABELS[key], old.get(key) or [], new.get(key) or [], id_field)
    changes += _budget_totals(old, new)
    for key in sorted(set(old) | set(new)):
        if key in KEYED_LISTS or key == "generated_on":
            continue
        if old.get(key) != new.get(key):
            changes += _fields(key, old.get(key), new.get(key))
    return changes


def _keyed(label: str, old: list[dict[str, Any]], new: list[dict[str, Any]], id_field: str) -> list[Change]:
    before = {str(item.get(id_field)): item for item in old}
    after = {str(item.get(id_field)): item for item in new}
    changes = []
    for key in after.keys() - before.keys():
        changes.append(Change("added", f"{label} {key}", _name(after[key])))
    for key in before.keys() - after.keys():
        changes.append(Change("removed", f"{label} {key}", _name(before[key])))
    for key in before.keys() & after.keys():
        if before[key] != after[key]:
            for path, a, b in _leaf_differences(before[key], after[key]):
                changes.append(
                    Change("changed", f"{label} {key}", f"{path}: {_show(path, a)} → {_show(path, b)}")
                )
    return sorted(changes, key=lambda c: (c.what, c.kind, c.detail))


def _budget_totals(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes = []
    for label, grouping in (("Anggaran tahun", "year"), ("Anggaran sumber", "source")):
        a, b = _totals(old, grouping), _totals(new, grouping)
        for key in sorted(set(a) | set(b), key=str):
            if a.get(key, 0) != b.get(key, 0):
                changes.append(
                    Change("changed", f"{label} {key}", f"{rupiah(a.get(key, 0))} → {rupiah(b.get(key, 0))}")
                )
    total_a, total_b = sum(_totals(old, "year").values()), sum(_totals(new, "year").values())
    if total_a != total_b:
        changes.append(Change("changed", "Total anggaran", f"{rupiah(total_a)} → {rupiah(total_b)}"))
    return changes


def _totals(data: dict[str, Any], grouping: str) -> dict[Any, int]:
    totals: dict[Any, int] = {}
    for initiative in data.get("initiatives") or []:
        for budget in initiative.get("budgets") or []:
            totals[budget[grouping]] = totals.get(budget[grouping], 0) + int(budget["amount"])
    return totals


def _fields(key: str, a: Any, b: Any) -> list[Change]:
    return [
        Change("changed", key, f"{path}: {_show(path, x)} → {_show(path, y)}")
        for path, x, y in _leaf_differences(a, b, key)
    ]


def _leaf_differences(a: Any, b: Any, path: str = "") -> list[tuple[str, Any, Any]]:
    if isinstance(a, dict) and isinstance(b, dict):
        found = []
        for key in sorted(set(a) | set(b), key=str):
            found += _leaf_differences(a.get(key), b.get(key), f"{path}.{key}" if path else str(key))
        return found
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and a and isinstance(a[0], dict):
        found = []
        for n, (x, y) in enumerate(zip(a, b, strict=True)):
            found += _leaf_differences(x, y, f"{path}[{n + 1}]")
        return found
    return [] if a == b else [(path, a, b)]


def _name(item: dict[str, Any]) -> str:
    return str(item.get("name") or item.get("title") or "")


def _show(path: str, value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return f"{len(value)} butir"
        return "; ".join(str(v) for v in value) or "–"
    if isinstance(value, int) and path.endswith("amount"):
        return rupiah(value)
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"
