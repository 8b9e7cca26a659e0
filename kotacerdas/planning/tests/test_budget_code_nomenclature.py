"""Permendagri 90 codes against the shipped nomenclature (Kepmendagri 050-5889/2021): a listed code
shows its name; a well-formed code that does not exist is saved with a warning, never refused —
on the initiative form, in the XLSX import and in the RPJMD programme mapping."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from kotacerdas.planning.analysis import actions as analysis
from kotacerdas.planning.initiatives import xlsx
from kotacerdas.planning.initiatives.tests.test_initiatives import form_data, new_url
from kotacerdas.planning.models import Initiative, ProgrammeMapping

pytestmark = pytest.mark.django_db

MISSING_PROGRAM = (
    "“2.16.07.2.01.0001”: program 2.16.07 tidak ada dalam nomenklatur Permendagri 90 (Kepmendagri "
    "050-5889/2021). Periksa kodenya."
)
INTRANET = "Penyelenggaraan Jaringan Intra Pemerintah Daerah Kabupaten/Kota"


def test_the_initiative_form_warns_but_saves_and_the_page_names_the_codes(
    as_budi, region_a, plan_a, kominfo_a
) -> None:
    data = form_data(kominfo_a, subactivity_codes="2.16.03.2.02.0014\n2.16.07.2.01.0001")
    response = as_budi.post(new_url(region_a), data, follow=True)
    assert response.status_code == 200
    item = Initiative.objects.get(code="PL-02")
    assert item.subactivity_codes == ["2.16.03.2.02.0014", "2.16.07.2.01.0001"]
    page = response.content.decode()
    assert MISSING_PROGRAM in page
    assert f"2.16.03.2.02.0014 — {INTRANET}" in page
    assert "tidak ada dalam nomenklatur Permendagri 90 (Kepmendagri 050-5889/2021): periksa kodenya" in page


def test_a_code_the_nomenclature_does_not_cover_gets_no_warning(as_budi, region_a, plan_a, kominfo_a) -> None:
    data = form_data(kominfo_a, subactivity_codes="2.16.03.2.02.0035")  # sub-kegiatan lists: partial
    page = as_budi.post(new_url(region_a), data, follow=True).content.decode()
    assert "nomenklatur" not in page


def test_the_xlsx_import_warns_about_a_code_that_does_not_exist(as_budi, budi, region_a, plan_a) -> None:
    workbook = load_workbook(io.BytesIO(xlsx.export_workbook(region_a)))
    sheet = workbook["Inisiatif"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("subactivity_codes") + 1, value="2.16.07.2.01.0001")
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("inisiatif.xlsx", buffer.getvalue())
    url = reverse("planning:initiatives_import", args=[region_a.code])
    page = as_budi.post(url, {"file": upload}, follow=True).content.decode()
    code = sheet.cell(row=2, column=header.index("code") + 1).value
    assert f"{code}: {MISSING_PROGRAM}" in page
    assert Initiative.objects.get(region=region_a, code=code).subactivity_codes == ["2.16.07.2.01.0001"]


def test_the_rpjmd_mapping_warns_and_lists_the_name(as_budi, budi, region_a, masterplan_a, kominfo_a) -> None:
    goal = analysis.do_add_statement(budi, region_a, kind="goal", dimension="governance", text="Layanan")
    url = reverse("planning:programmes", args=[region_a.code])
    data = {"code": "2.16.09", "name": "Program X", "document": "RPJMD", "opd": kominfo_a.pk, "goal": goal.pk}
    page = as_budi.post(url, data, follow=True).content.decode()
    assert ProgrammeMapping.objects.get(region=region_a).code == "2.16.09"
    assert (
        "“2.16.09”: program 2.16.09 tidak ada dalam nomenklatur Permendagri 90 (Kepmendagri 050-5889/2021). "
        "Periksa kodenya."
    ) in page
    analysis.do_add_programme(
        budi, region_a, code="2.16.03", name="Aplikasi", document="RPJMD", opd=kominfo_a, goal=goal
    )
    assert "PROGRAM APLIKASI INFORMATIKA" in as_budi.get(url).content.decode()
