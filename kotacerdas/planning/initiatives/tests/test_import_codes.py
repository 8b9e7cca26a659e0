"""Initiative codes in the workbook are compared without regard to case, as on the form: "brd-01"
beside BRD-01 is refused as the same code, and a code in lower case updates the initiative."""

import pytest
from openpyxl import Workbook

from kotacerdas.planning.initiatives import xlsx
from kotacerdas.planning.initiatives.tests.workbooks import edited, put, row_of
from kotacerdas.planning.initiatives.xlsx_read import ImportRejected
from kotacerdas.planning.models import BudgetLine, Initiative

pytestmark = pytest.mark.django_db


def copy_row(wb: Workbook, sheet: str, row: int, code: str) -> None:
    ws = wb[sheet]
    ws.append([code, *[c.value for c in ws[row]][1:]])


def test_a_code_that_differs_only_in_case_is_refused_as_a_duplicate(budi, region_a, rich_plan) -> None:
    def edit(wb):
        copy_row(wb, "Inisiatif", row_of(wb, "Inisiatif", "PL-01"), "pl-01")
        copy_row(wb, "Anggaran", row_of(wb, "Anggaran", "PL-01"), "pl-01")

    with pytest.raises(ImportRejected) as rejected:
        xlsx.do_import_initiatives(budi, region_a, edited(region_a, edit))
    assert "Lembar Inisiatif, baris 5, kolom code: Kode PL-01 muncul dua kali." in [
        str(e) for e in rejected.value.row_errors
    ]
    assert Initiative.objects.filter(code__iexact="PL-01").count() == 1


def test_a_code_in_lower_case_updates_the_initiative_with_that_code(budi, region_a, rich_plan) -> None:
    def edit(wb):
        row = row_of(wb, "Inisiatif", "PL-01")
        put(wb, "Inisiatif", row, "code", "pl-01")
        put(wb, "Inisiatif", row, "name", "Portal aduan")
        put(wb, "Anggaran", row_of(wb, "Anggaran", "PL-01"), "initiative_code", "pl-01")
        put(wb, "Inisiatif", row_of(wb, "Inisiatif", "KS-01"), "predecessors", "sd-01")

    summary = xlsx.do_import_initiatives(budi, region_a, edited(region_a, edit))
    assert summary["created"] == 0
    assert Initiative.objects.get(code="PL-01").name == "Portal aduan"
    assert BudgetLine.objects.filter(initiative__code="PL-01").count() == 1
    assert [p.code for p in Initiative.objects.get(code="KS-01").predecessors.all()] == ["SD-01"]
