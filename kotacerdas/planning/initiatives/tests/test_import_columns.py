"""The workbook's columns are checked before any cell: a misspelt, missing or unknown column is refused
by name, never read as an empty column that wipes what the initiatives hold."""

import pytest

from kotacerdas.planning.initiatives import xlsx
from kotacerdas.planning.initiatives.tests.conftest import state
from kotacerdas.planning.initiatives.tests.workbooks import edited, put, rename
from kotacerdas.planning.initiatives.xlsx_read import ImportRejected
from kotacerdas.planning.models import Initiative

pytestmark = pytest.mark.django_db


def refusals(budi, region, data: bytes) -> list[str]:
    before = state(region)
    with pytest.raises(ImportRejected) as rejected:
        xlsx.do_import_initiatives(budi, region, data)
    assert state(region) == before
    return [str(e) for e in rejected.value.row_errors]


def test_a_misspelt_optional_column_is_refused_and_the_predecessors_stay(budi, region_a, rich_plan) -> None:
    data = edited(region_a, lambda wb: rename(wb, "Inisiatif", "predecessors", "pendahulu"))
    assert refusals(budi, region_a, data) == [
        "Lembar Inisiatif, baris 1, kolom pendahulu: Kolom tidak dikenal; periksa namanya.",
        "Lembar Inisiatif, baris 1, kolom predecessors: Kolom ini tidak ada.",
    ]
    telemed = Initiative.objects.get(code="KS-01")
    assert [p.code for p in telemed.predecessors.all()] == ["SD-01"]


def test_a_renamed_total_cost_and_a_missing_target_year_are_refused(budi, region_a, rich_plan) -> None:
    def edit(wb):
        rename(wb, "Inisiatif", "total_cost", "biaya_total")
        wb["KPI"].delete_cols(wb["KPI"].max_column)  # target_2030

    assert refusals(budi, region_a, edited(region_a, edit)) == [
        "Lembar Inisiatif, baris 1, kolom biaya_total: Kolom tidak dikenal; periksa namanya.",
        "Lembar Inisiatif, baris 1, kolom total_cost: Kolom ini tidak ada.",
        "Lembar KPI, baris 1, kolom target_2030: Kolom ini tidak ada.",
    ]


def test_a_column_twice_or_values_under_no_name_are_refused(budi, region_a, rich_plan) -> None:
    def edit(wb):
        rename(wb, "Anggaran", "source_name", "amount")
        wb["KPI"].cell(row=2, column=wb["KPI"].max_column + 2, value="catatan")

    assert refusals(budi, region_a, edited(region_a, edit)) == [
        "Lembar Anggaran, baris 1, kolom amount: Kolom ini muncul dua kali.",
        "Lembar Anggaran, baris 1, kolom source_name: Kolom ini tidak ada.",
        "Lembar KPI, baris 1, kolom K: Kolom ini tidak bernama di baris 1.",
    ]


def test_an_edited_name_column_is_refused_because_it_would_be_ignored(budi, region_a, rich_plan) -> None:
    data = edited(region_a, lambda wb: put(wb, "Inisiatif", 2, "type_name", "Kebijakan"))
    assert refusals(budi, region_a, data) == [
        "Lembar Inisiatif, baris 2, kolom type_name: Kolom ini hanya menampilkan nama; ubahlah kolom type."
    ]


def test_the_name_columns_in_english_or_emptied_are_accepted(budi, region_a, rich_plan) -> None:
    def edit(wb):
        put(wb, "Inisiatif", 2, "type_name", "Application")
        put(wb, "Inisiatif", 3, "status_name", None)

    xlsx.do_import_initiatives(budi, region_a, edited(region_a, edit))
