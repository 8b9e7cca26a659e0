"""The reporting sheet speaks names, not codes: Sari fills it with the labels the pages show."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from kotacerdas.monitoring.actions.reports import (
    do_save_initiative_report,
    do_save_kpi_report,
    do_submit_report,
)
from kotacerdas.monitoring.actions.sheets import do_import_sheet
from kotacerdas.monitoring.models import InitiativeReport, KpiReport
from kotacerdas.monitoring.sheets import SheetRejected
from kotacerdas.monitoring.tests.test_sheets import cells, edit, export

pytestmark = pytest.mark.django_db


def rename(content: bytes, sheet: str, old: str, new: str) -> bytes:
    book = load_workbook(io.BytesIO(content))
    for header in book[sheet][1]:
        if header.value == old:
            header.value = new
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_sheet_names_kinds_statuses_and_funding_sources(world, sari) -> None:
    do_save_kpi_report(sari, world.period, world.visits, value="4100")
    do_save_initiative_report(
        sari, world.period, world.telemed, implementation="running", realised={"OTHER": "5"}
    )
    with translation.override("id"):
        rows = cells(export(world, sari))
    kpi_header, *kpis = rows["KPI"]
    assert [row[kpi_header.index("jenis")] for row in kpis] == ["angka", "persentase (pembilang / penyebut)"]
    assert [row[kpi_header.index("status")] for row in kpis] == ["draf", None]
    header, telemed = rows["Inisiatif"]
    assert header[5:10] == (
        "realisasi APBD",
        "realisasi APBN/DAK",
        "realisasi KPBU",
        "realisasi CSR",
        "realisasi Lainnya",
    )
    assert telemed[header.index("status_pelaksanaan")] == "berjalan"
    assert telemed[header.index("realisasi Lainnya")] == 5
    assert telemed[header.index("status")] == "draf"


def test_the_status_column_has_a_dropdown_of_the_region_s_labels(world, sari) -> None:
    with translation.override("id"):
        book = load_workbook(io.BytesIO(export(world, sari)))
    options = book["Pilihan"]
    assert options.sheet_state == "hidden"
    assert [row[0] for row in options.iter_rows(values_only=True)] == [
        "belum dimulai",
        "persiapan",
        "berjalan",
        "tertunda",
        "selesai",
    ]
    [dropdown] = book["Inisiatif"].data_validations.dataValidation
    assert (dropdown.type, dropdown.formula1, str(dropdown.sqref)) == ("list", "'Pilihan'!$A$1:$A$5", "D2")
    assert dropdown.error == "Pilih salah satu: belum dimulai, persiapan, berjalan, tertunda, selesai."


def test_a_status_label_and_readable_realisation_headers_import(world, sari) -> None:
    sheet = export(world, sari)
    sheet = edit(sheet, "Inisiatif", 2, "status_pelaksanaan", "  BERJALAN ")
    sheet = edit(sheet, "Inisiatif", 2, "realisasi Lainnya", "1.500")  # fifteen hundred, typed as text
    sheet = edit(sheet, "Inisiatif", 2, "realisasi APBN/DAK", 2000000)
    assert do_import_sheet(sari, world.period, sheet) == 1
    report = InitiativeReport.objects.get()
    assert report.implementation == "running"
    assert dict(report.realisations.values_list("source", "amount")) == {"OTHER": 1500, "APBN_DAK": 2000000}


def test_the_english_label_the_code_and_the_old_headers_are_still_read(world, sari) -> None:
    sheet = rename(export(world, sari), "Inisiatif", "realisasi Lainnya", "realisasi_OTHER")
    sheet = rename(sheet, "Inisiatif", "realisasi APBD", "Realisasi Apbd")
    sheet = edit(sheet, "Inisiatif", 2, "status_pelaksanaan", "Delayed")
    sheet = edit(sheet, "Inisiatif", 2, "realisasi_OTHER", 7)
    sheet = edit(sheet, "Inisiatif", 2, "Realisasi Apbd", 9)
    assert do_import_sheet(sari, world.period, sheet) == 1
    report = InitiativeReport.objects.get()
    assert report.implementation == "delayed"
    assert dict(report.realisations.values_list("source", "amount")) == {"OTHER": 7, "APBD": 9}
    assert (
        do_import_sheet(sari, world.period, edit(sheet, "Inisiatif", 2, "status_pelaksanaan", "completed"))
        == 1
    )
    assert InitiativeReport.objects.get().implementation == "completed"


def test_a_refusal_lists_the_labels_and_names_the_readable_column(world, sari) -> None:
    sheet = edit(export(world, sari), "Inisiatif", 2, "status_pelaksanaan", "jalan")
    with translation.override("en"):
        with pytest.raises(SheetRejected) as refused:
            do_import_sheet(sari, world.period, sheet)
        messages = [str(e) for e in refused.value.row_errors]
    assert messages == [
        "Sheet Inisiatif, row 2, column status_pelaksanaan: "
        "Choose one of: not started, preparing, running, delayed, completed."
    ]
    sheet = edit(
        edit(sheet, "Inisiatif", 2, "status_pelaksanaan", "berjalan"),
        "Inisiatif",
        2,
        "realisasi Lainnya",
        "x",
    )
    with translation.override("id"), pytest.raises(SheetRejected) as refused:
        do_import_sheet(sari, world.period, sheet)
    assert [str(e) for e in refused.value.row_errors] == [
        "Lembar Inisiatif, baris 2, kolom realisasi Lainnya: Masukkan angka, bukan teks."
    ]
    assert not InitiativeReport.objects.exists()


def test_a_sheet_downloaded_in_english_imports_unchanged_in_indonesian(world, sari) -> None:
    do_save_kpi_report(sari, world.period, world.visits, value="4100")
    do_save_initiative_report(
        sari, world.period, world.telemed, implementation="delayed", realised={"APBD": "9"}
    )
    with translation.override("en"):
        sheet = export(world, sari)
    header, telemed = cells(sheet)["Inisiatif"]
    assert (header[9], telemed[3]) == ("realisasi Lainnya", "delayed")  # headers stay Indonesian
    with translation.override("id"):
        assert do_import_sheet(sari, world.period, sheet) == 0


def test_a_number_typed_the_indonesian_way_over_a_submitted_report_is_unchanged(world, sari) -> None:
    report = do_save_kpi_report(sari, world.period, world.coverage, numerator="1200", denominator="1600")
    do_submit_report(sari, report)
    sheet = edit(export(world, sari), "KPI", 3, "pembilang", "1.200")  # the same number, as text
    assert do_import_sheet(sari, world.period, sheet) == 0
    assert KpiReport.objects.get().numerator == 1200


def test_sari_types_the_label_she_sees_in_the_downloaded_sheet(world, as_sari) -> None:
    download = reverse("monitoring:sheet", args=["33.73", world.period.pk])
    upload = reverse("monitoring:sheet_import", args=["33.73", world.period.pk])
    sheet = as_sari.get(download).content
    bad = edit(sheet, "Inisiatif", 2, "status_pelaksanaan", "jalan")
    refused = as_sari.post(upload, {"file": SimpleUploadedFile("s.xlsx", bad)})
    assert refused.status_code == 400
    assert (
        "Lembar Inisiatif, baris 2, kolom status_pelaksanaan: "
        "Pilih salah satu: belum dimulai, persiapan, berjalan, tertunda, selesai."
    ) in refused.content.decode()
    good = edit(sheet, "Inisiatif", 2, "status_pelaksanaan", "berjalan")
    assert as_sari.post(upload, {"file": SimpleUploadedFile("s.xlsx", good)}).status_code == 302
    assert InitiativeReport.objects.get().implementation == "running"
    assert cells(as_sari.get(download).content)["Inisiatif"][1][3] == "berjalan"


def test_a_row_with_figures_but_no_status_or_value_is_refused_not_dropped(world, sari) -> None:
    sheet = edit(export(world, sari), "Inisiatif", 2, "progres", "40")  # no status_pelaksanaan
    sheet = edit(sheet, "KPI", 2, "narasi", "Rekap menyusul")  # a narrative without a value
    with translation.override("id"), pytest.raises(SheetRejected) as refused:
        do_import_sheet(sari, world.period, sheet)
    assert [str(e) for e in refused.value.row_errors] == [
        "Lembar KPI, baris 2, kolom nilai: Isi nilainya.",
        "Lembar Inisiatif, baris 2, kolom status_pelaksanaan: "
        "Pilih salah satu: belum dimulai, persiapan, berjalan, tertunda, selesai.",
    ]
    assert not InitiativeReport.objects.exists() and not KpiReport.objects.exists()


def test_a_formula_cell_is_refused_not_read_as_empty(world, sari) -> None:
    sheet = edit(export(world, sari), "KPI", 2, "nilai", "=10*2")  # saved without a computed value
    with translation.override("id"), pytest.raises(SheetRejected) as refused:
        do_import_sheet(sari, world.period, sheet)
    assert [str(e) for e in refused.value.row_errors] == [
        "Lembar KPI, baris 2, kolom nilai: Sel ini berisi rumus; tulis nilainya."
    ]
    assert not KpiReport.objects.exists()
