"""Initiatives and KPIs as XLSX: the export re-imports losslessly; bad rows are named by row and column."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from kotacerdas.planning.analysis import actions as analysis
from kotacerdas.planning.initiatives import xlsx
from kotacerdas.planning.initiatives.tests.conftest import state
from kotacerdas.planning.initiatives.xlsx_read import ImportRejected
from kotacerdas.planning.models import Initiative, Kpi

pytestmark = pytest.mark.django_db


def test_the_export_re_imports_losslessly(budi, region_a, rich_plan) -> None:
    before = state(region_a)
    data = xlsx.export_workbook(region_a)
    Initiative.objects.filter(region=region_a).update(name="x", start_year=2026)
    Kpi.objects.all().delete()
    summary = xlsx.do_import_initiatives(budi, region_a, data)
    assert summary == {"created": 0, "updated": 3, "kpis": 2}
    assert state(region_a) == before
    assert xlsx.export_workbook(region_a) != b""  # and exporting again works


def test_the_import_creates_initiatives_in_a_fresh_region(
    budi, dewi, ayu, region_a, region_b, rich_plan
) -> None:
    from kotacerdas.regions.actions import do_create_opd

    for opd in region_a.opds.all():
        do_create_opd(ayu, region_b, name=opd.name, short_name=opd.short_name)
    analysis.do_save_profile(dewi, region_b, period_start=2026, period_end=2030)
    analysis.do_save_problem(
        dewi, region_b, code="M-01", title="Antrean", dimension="living", element="living.health"
    )
    summary = xlsx.do_import_initiatives(dewi, region_b, xlsx.export_workbook(region_a))
    assert summary["created"] == 3
    assert state(region_b) == state(region_a)


def broken_workbook(region) -> bytes:
    workbook = load_workbook(io.BytesIO(xlsx.export_workbook(region)))
    sheet = workbook["Inisiatif"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=header.index("start_year") + 1, value="tahun depan")
    sheet.cell(row=4, column=header.index("owner_opd") + 1, value="Dinas Antah")
    budget = workbook["Anggaran"]
    budget.cell(row=2, column=3, value="DANA DESA")
    kpi = workbook["KPI"]
    kpi.cell(row=2, column=1, value="ZZ-99")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_saved(as_budi, region_a, rich_plan) -> None:
    before = state(region_a)
    upload = SimpleUploadedFile("inisiatif.xlsx", broken_workbook(region_a))
    response = as_budi.post(reverse("planning:initiatives_import", args=[region_a.code]), {"file": upload})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Lembar Inisiatif, baris 3, kolom start_year: “tahun depan” bukan bilangan bulat." in body
    assert "Lembar Inisiatif, baris 4, kolom owner_opd: “Dinas Antah” bukan OPD wilayah ini." in body
    assert "Lembar Anggaran, baris 2, kolom source: “DANA DESA” bukan salah satu dari" in body
    assert (
        "Lembar KPI, baris 2, kolom initiative_code: Inisiatif ZZ-99 tidak ada di lembar Inisiatif." in body
    )
    assert "Tidak ada yang diimpor" in body
    assert state(region_a) == before


def test_a_cycle_in_the_file_is_refused(budi, region_a, rich_plan) -> None:
    workbook = load_workbook(io.BytesIO(xlsx.export_workbook(region_a)))
    sheet = workbook["Inisiatif"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(row=r, column=1).value == "SD-01")
    sheet.cell(row=row, column=header.index("predecessors") + 1, value="KS-01")
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportRejected) as error:
        xlsx.do_import_initiatives(budi, region_a, buffer.getvalue())
    messages = [str(e) for e in error.value.row_errors]
    assert any("kolom predecessors" in m and "siklus" in m for m in messages), messages


def test_a_file_that_is_not_xlsx_is_refused(as_budi, region_a, masterplan_a) -> None:
    upload = SimpleUploadedFile("x.xlsx", b"not a workbook")
    response = as_budi.post(reverse("planning:initiatives_import", args=[region_a.code]), {"file": upload})
    assert response.status_code == 400
    body = response.content.decode()
    assert "<li>Berkas ini bukan buku kerja XLSX.</li>" in body
    assert "Lembar -" not in body and "baris 0" not in body


def test_a_missing_sheet_is_named_without_a_row_or_column(budi, region_a, masterplan_a) -> None:
    workbook = load_workbook(io.BytesIO(xlsx.export_workbook(region_a)))
    del workbook["KPI"]
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportRejected) as error:
        xlsx.do_import_initiatives(budi, region_a, buffer.getvalue())
    assert [str(e) for e in error.value.row_errors] == ["Lembar KPI: Lembar ini tidak ada."]


def test_the_download_is_an_xlsx_file(as_budi, region_a, plan_a) -> None:
    response = as_budi.get(reverse("planning:initiatives_export", args=[region_a.code]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Inisiatif", "Anggaran", "KPI"]
    assert [c.value for c in workbook["KPI"][1]][-1] == "target_2030"


HOSTILE = {
    "name": "=> tahap awal",
    "description": '=HYPERLINK("http://contoh.invalid","klik")',
    "partners": "=1+1",
    "risks": "@SUM(A1)",
}


def test_text_that_looks_like_a_formula_stays_text_and_re_imports(budi, region_a, rich_plan) -> None:
    Initiative.objects.filter(region=region_a, code="KS-01").update(**HOSTILE)
    before = state(region_a)
    data = xlsx.export_workbook(region_a)
    sheet = load_workbook(io.BytesIO(data))["Inisiatif"]
    formulas = [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formulas == []
    xlsx.do_import_initiatives(budi, region_a, data)
    assert state(region_a) == before


def test_stored_control_characters_never_break_the_export(budi, region_a, rich_plan) -> None:
    # Text stored before the boundary cleaned it (or by another route) must still export.
    Initiative.objects.filter(region=region_a, code="KS-01").update(name="Telemedisin\x0b tahap\x1b 1")
    sheet = load_workbook(io.BytesIO(xlsx.export_workbook(region_a)))["Inisiatif"]
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Telemedisin tahap 1" in names
