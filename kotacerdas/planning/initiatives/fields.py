"""The fields of an initiative a person fills in: defined once, for the form, the save action and the
XLSX workbook (docs/reference/initiatives-xlsx.md)."""

from __future__ import annotations

# In the order of the form and of the workbook's columns.
INITIATIVE_FIELDS = [
    "code",
    "name",
    "element",
    "type",
    "description",
    "owner",
    "partners",
    "problems",
    "rpjmd_targets",
    "subactivity_codes",
    "horizon",
    "start_year",
    "duration",
    "total_cost",
    "predecessors",
    "risks",
    "status",
    "mandatory",
    "citizen_benefit",
    "earliest_start_year",
]
# Saved apart from the initiative's own columns: its links to other records and its checked codes.
LINKED_FIELDS = ("problems", "predecessors", "subactivity_codes")
# What the save action sets on the initiative itself; the dimension follows from the element.
ATTRIBUTE_FIELDS = [name for name in INITIATIVE_FIELDS if name not in LINKED_FIELDS] + ["dimension"]


def initiative_code(text: str) -> str:
    """The code as it is stored: without surrounding blanks, in capitals. Codes are compared without
    regard to case ("gov-02" is GOV-02), so the form, the action and the workbook all store one spelling
    and an import cannot create "brd-01" beside BRD-01."""
    return text.strip().upper()
