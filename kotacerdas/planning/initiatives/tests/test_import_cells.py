"""Every cell of the initiatives workbook is checked as strictly as the form checks the same field,
and each refusal names its own sheet, row and column: nothing is saved that the pages cannot show."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kotacerdas.planning.initiatives import xlsx
from kotacerdas.planning.initiatives.tests.conftest import state
from kotacerdas.planning.initiatives.tests.workbooks import edited, put
from kotacerdas.planning.initiatives.xlsx_read import ImportRejected
from kotacerdas.planning.models import BudgetLine

pytestmark = pytest.mark.django_db


def refusals(budi, region, data: bytes) -> list[str]:
    """The import's messages for ``data``; fails when the import accepts it."""
    before = state(region)
    with pytest.raises(ImportRejected) as rejected:
        xlsx.do_import_initiatives(budi, region, data)
    assert state(region) == before  # nothing was saved
    return [str(e) for e in rejected.value.row_errors]


def test_an_amount_larger_than_the_database_holds_is_refused_and_every_page_still_opens(
    as_budi, region_a, rich_plan
) -> None:
    data = edited(region_a, lambda wb: put(wb, "Anggaran", 2, "amount", 1e30))
    upload = SimpleUploadedFile("inisiatif.xlsx", data)
    response = as_budi.post(reverse("planning:initiatives_import", args=[region_a.code]), {"file": upload})
    assert response.status_code == 400
    assert (
        "Lembar Anggaran, baris 2, kolom amount: “1e+30” terlalu besar: paling banyak 18 digit."
        in response.content.decode()
    )
    assert as_budi.get(reverse("planning:initiatives", args=[region_a.code])).status_code == 200
    assert BudgetLine.objects.filter(amount__gt=10**17).count() == 0


def test_a_total_cost_or_kpi_number_larger_than_the_form_takes_is_refused(budi, region_a, rich_plan) -> None:
    def edit(wb):
        put(wb, "Inisiatif", 2, "total_cost", 1e30)
        put(wb, "KPI", 2, "target_2028", 1e20)
        put(wb, "KPI", 2, "baseline", "1.23456")

    messages = refusals(budi, region_a, edited(region_a, edit))
    assert (
        "Lembar Inisiatif, baris 2, kolom total_cost: “1e+30” terlalu besar: paling banyak 18 digit."
        in messages
    )
    assert (
        "Lembar KPI, baris 2, kolom target_2028: “1e+20” terlalu besar: paling banyak 14 digit sebelum koma."
        in messages
    )
    assert (
        "Lembar KPI, baris 2, kolom baseline: “1.23456” memiliki terlalu banyak angka di belakang koma: "
        "paling banyak 4." in messages
    )


def test_years_and_texts_longer_than_their_fields_are_refused(budi, region_a, rich_plan) -> None:
    def edit(wb):
        put(wb, "Inisiatif", 2, "earliest_start_year", 99999)
        put(wb, "Inisiatif", 3, "pinned_start_year", -1)
        put(wb, "KPI", 2, "unit", "x" * 41)

    messages = refusals(budi, region_a, edited(region_a, edit))
    assert (
        "Lembar Inisiatif, baris 2, kolom earliest_start_year: “99999” terlalu besar: paling banyak 32767."
        in messages
    )
    assert "Lembar Inisiatif, baris 3, kolom pinned_start_year: “-1” tidak boleh negatif." in messages
    assert "Lembar KPI, baris 2, kolom unit: Paling banyak 40 karakter." in messages


def test_a_formula_is_refused_not_read_as_an_empty_cell(budi, region_a, rich_plan) -> None:
    def edit(wb):
        put(wb, "KPI", 2, "target_2028", "=10*2")  # openpyxl saves it without a computed value
        put(wb, "Anggaran", 2, "amount", "=400000000*1")
        put(wb, "KPI", 3, "name", '="Aduan"&" selesai"')

    messages = refusals(budi, region_a, edited(region_a, edit))
    assert messages == [
        "Lembar Anggaran, baris 2, kolom amount: Sel ini berisi rumus; tulis nilainya.",
        "Lembar KPI, baris 2, kolom target_2028: Sel ini berisi rumus; tulis nilainya.",
        "Lembar KPI, baris 3, kolom name: Sel ini berisi rumus; tulis nilainya.",
    ]


def test_an_amount_is_written_as_on_the_form_and_a_negative_one_is_named_on_its_own_row(
    budi, region_a, rich_plan
) -> None:
    def edit(wb):
        put(wb, "Anggaran", 2, "amount", "Rp 400.000.000")
        put(wb, "Inisiatif", 2, "total_cost", "400.000.005")
        put(wb, "Anggaran", 5, "amount", "-300.000.000")
        put(wb, "Anggaran", 6, "amount", -5)

    messages = refusals(budi, region_a, edited(region_a, edit))
    assert messages == [
        "Lembar Anggaran, baris 5, kolom amount: Jumlahnya tidak boleh negatif.",
        "Lembar Anggaran, baris 6, kolom amount: Jumlahnya tidak boleh negatif.",
    ]


def test_amounts_with_thousand_separators_are_imported(budi, region_a, rich_plan) -> None:
    def edit(wb):
        put(wb, "Anggaran", 2, "amount", "Rp 400.000.000")
        put(wb, "Anggaran", 5, "amount", "250.000.000")
        put(wb, "Inisiatif", 4, "total_cost", "450.000.000")

    xlsx.do_import_initiatives(budi, region_a, edited(region_a, edit))
    assert BudgetLine.objects.get(initiative__code="KS-01", source="APBN_DAK").amount == Decimal(400_000_000)
    assert BudgetLine.objects.get(initiative__code="SD-01", year=2026).amount == Decimal(250_000_000)


def test_a_budget_row_outside_the_initiatives_years_is_named_on_its_own_row(
    budi, region_a, rich_plan
) -> None:
    messages = refusals(budi, region_a, edited(region_a, lambda wb: put(wb, "Anggaran", 4, "year", 2029)))
    assert messages == [
        "Lembar Anggaran, baris 4, kolom year: PL-01: ada anggaran pada 2029 (APBD), padahal inisiatif "
        "berjalan pada 2026."
    ]


def test_the_budget_total_mismatch_names_rupiah_with_separators(budi, region_a, rich_plan) -> None:
    messages = refusals(
        budi, region_a, edited(region_a, lambda wb: put(wb, "Inisiatif", 4, "total_cost", 1_000_000))
    )
    assert messages == [
        "Lembar Inisiatif, baris 4, kolom total_cost: SD-01: baris anggaran berjumlah Rp500.000.000, "
        "tidak sama dengan total biaya yang dinyatakan Rp1.000.000."
    ]
