"""The OPD's reporting sheet: a lossless round trip, and a bad row named by sheet, row and column."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from kotacerdas.monitoring.actions.reports import (
    do_save_initiative_report,
    do_save_kpi_report,
    do_submit_report,
)
from kotacerdas.monitoring.actions.sheets import do_import_sheet, sheet_items
from kotacerdas.monitoring.models import InitiativeReport, KpiReport
from kotacerdas.monitoring.sheets import SheetRejected, write

pytestmark = pytest.mark.django_db


def export(world, user) -> bytes:
    return write(world.period, *sheet_items(user, world.period))


def cells(content: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(content))
    return {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}


def edit(content: bytes, sheet: str, row: int, column: str, value) -> bytes:
    book = load_workbook(io.BytesIO(content))
    header = [c.value for c in book[sheet][1]]
    book[sheet].cell(row=row, column=header.index(column) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_export_import_export_is_lossless_and_the_sheet_only_holds_sari_s_opd(world, sari) -> None:
    do_save_kpi_report(sari, world.period, world.visits, value="4350.5", narrative="=SUM(A1) bukan rumus")
    do_save_kpi_report(sari, world.period, world.coverage, numerator="12", denominator="16")
    do_save_initiative_report(
        sari,
        world.period,
        world.telemed,
        implementation="running",
        progress="55.5",
        realised={"APBD": "250000000"},
    )
    first = export(world, sari)
    assert [row[2] for row in cells(first)["KPI"][1:]] == ["Kunjungan telemedis", "Puskesmas terhubung"]
    assert cells(first)["KPI"][1][9] == "=SUM(A1) bukan rumus"  # text, not a formula
    assert do_import_sheet(sari, world.period, first) == 0  # nothing changed
    assert cells(export(world, sari)) == cells(first)


def test_an_imported_row_saves_a_draft_and_a_bad_row_saves_nothing(world, sari) -> None:
    sheet = export(world, sari)
    good = edit(sheet, "KPI", 2, "nilai", 4100)
    assert do_import_sheet(sari, world.period, good) == 1
    assert KpiReport.objects.get().value == 4100
    bad = edit(edit(good, "KPI", 2, "nilai", 4200), "Inisiatif", 2, "status_pelaksanaan", "running")
    bad = edit(bad, "KPI", 3, "penyebut", 0)
    bad = edit(bad, "KPI", 3, "pembilang", 3)
    with translation.override("id"), pytest.raises(SheetRejected) as refused:
        do_import_sheet(sari, world.period, bad)
    assert [str(e) for e in refused.value.row_errors] == [
        "Lembar KPI, baris 3, kolom penyebut: Penyebut tidak boleh 0."
    ]
    assert KpiReport.objects.get().value == 4100 and not InitiativeReport.objects.exists()


def test_each_bad_row_is_named_and_nothing_is_saved(world, sari) -> None:
    visits = do_save_kpi_report(sari, world.period, world.visits, value="4100")
    report = do_save_kpi_report(sari, world.period, world.coverage, numerator="12", denominator="16")
    do_submit_report(sari, report)
    sheet = export(world, sari)
    bad = edit(sheet, "KPI", 2, "nilai", "banyak")  # text over a saved number
    bad = edit(bad, "KPI", 3, "pembilang", 13)  # the submitted report waits for review
    bad = edit(bad, "Inisiatif", 2, "status_pelaksanaan", "paused")
    with translation.override("id"), pytest.raises(SheetRejected) as refused:
        do_import_sheet(sari, world.period, bad)
    assert [str(e) for e in refused.value.row_errors] == [
        "Lembar KPI, baris 2, kolom nilai: Masukkan angka, bukan teks.",
        "Lembar KPI, baris 3, kolom -: Laporan ini menunggu tinjauan; "
        "laporan dapat diubah lagi jika dikembalikan.",
        "Lembar Inisiatif, baris 2, kolom status_pelaksanaan: "
        "Pilih salah satu: belum dimulai, persiapan, berjalan, tertunda, selesai.",
    ]
    assert set(KpiReport.objects.values_list("pk", "value", "numerator")) == {
        (visits.pk, 4100, None),
        (report.pk, 75, 12),
    }
    assert not InitiativeReport.objects.exists()
