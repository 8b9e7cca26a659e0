"""SPBE alignment: initiatives map to SPBE 2020 indicator codes (an unknown one is refused, nothing saved),
the coverage of the 47 indicators, and the ratified masterplan attached to an SPBE self-assessment."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kotacerdas.assessment.actions.answering import do_start_assessment
from kotacerdas.documents.actions import do_approve, do_ratify, do_request_books
from kotacerdas.evaluation.models import EvidenceLink
from kotacerdas.evaluation.spbe import coverage
from kotacerdas.monitoring.tests.journey import initiative
from kotacerdas.planning.analysis.actions import do_save_profile
from kotacerdas.planning.initiatives.actions import do_set_spbe_codes

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def portal(budi, region_a, dinkes_a):  # type: ignore[no-untyped-def]
    do_save_profile(budi, region_a, period_start=2026, period_end=2030, vision="Salatiga cerdas")
    return initiative(budi, region_a, "PL-01", dinkes_a, "governance", {(2027, "APBD"): Decimal(1)})


def test_an_unknown_code_is_refused_and_nothing_is_saved(budi, portal) -> None:
    with pytest.raises(ValidationError) as refused:
        do_set_spbe_codes(budi, portal, ["12", "48", "x"])
    assert "48, x" in str(refused.value.message_dict["spbe_codes"])
    portal.refresh_from_db()
    assert portal.spbe_codes == []
    do_set_spbe_codes(budi, portal, ["16", "12", "12"])
    portal.refresh_from_db()
    assert portal.spbe_codes == ["12", "16"]  # the instrument's order, each once


def test_the_coverage_page_lists_the_47_indicators_and_refuses_bad_codes(
    as_budi, budi, portal, region_a
) -> None:
    do_set_spbe_codes(budi, portal, ["12"])
    rows = coverage(region_a)
    assert len(rows) == 47 and [i.code for i in rows[11].initiatives] == ["PL-01"]
    assert rows[11].name == "Peta Rencana SPBE" and not rows[0].initiatives
    url = reverse("evaluation:spbe", args=[region_a.code])
    page = as_budi.get(url).content.decode()
    assert "1 dari 47 indikator SPBE 2020" in page
    response = as_budi.post(url, {"initiative": portal.pk, "spbe_codes": "12 99"})
    assert response.status_code == 400
    assert "Kode indikator SPBE 2020 tidak dikenal: 99" in response.content.decode()
    portal.refresh_from_db()
    assert portal.spbe_codes == ["12"]


def test_the_ratified_masterplan_is_attached_to_an_spbe_self_assessment(
    as_budi, budi, ayu, portal, region_a, django_capture_on_commit_callbacks
) -> None:
    spbe = do_start_assessment(budi, region_a, instrument_id="spbe-2020", title="SPBE 2027")
    attach = reverse("evaluation:spbe_attach", args=[region_a.code, spbe.pk])
    response = as_budi.post(attach, {"indicator": "12"})
    assert response.status_code == 400  # no ratified masterplan yet
    with django_capture_on_commit_callbacks(execute=True):
        version = do_request_books(budi, region_a, programme_year=2027, formats=["docx"])
    version.refresh_from_db()
    do_approve(ayu, version, exception_reason="uji")
    scan = SimpleUploadedFile("perwali.pdf", PDF, content_type="application/pdf")
    do_ratify(budi, version, number="Perwali 7/2027", ratified_on=date(2026, 12, 1), scan=scan)
    assert as_budi.post(attach, {"indicator": "48"}).status_code == 400
    assert as_budi.post(attach, {"indicator": "12"}).status_code == 302
    link = EvidenceLink.objects.get(assessment=spbe, indicator="12")
    assert link.label == "Masterplan yang disahkan (Perkada Perwali 7/2027)"
    assert as_budi.get(link.url).status_code == 200  # the reference resolves
    again = as_budi.post(attach, {"indicator": "12"})
    assert again.status_code == 400 and EvidenceLink.objects.count() == 1


def test_a_region_without_a_masterplan_is_told_what_the_page_is_for_and_where_to_begin(
    as_budi, budi, region_a
) -> None:
    """The page of a region with nothing yet was 47 rows of '—' and a form choosing among no initiatives."""
    url = reverse("evaluation:spbe", args=[region_a.code])
    page = as_budi.get(url).content.decode()
    assert "Keselarasan SPBE menunjukkan indikator mana dari 47 indikator evaluasi SPBE 2020" in page
    profile = reverse("planning:profile", args=[region_a.code])
    assert "Wilayah ini belum memiliki masterplan: indikator SPBE dipetakan ke inisiatifnya. " in page
    assert f'<a href="{profile}">profil wilayah dan periode masterplan</a>' in page
    assert 'name="spbe_codes"' not in page  # no form choosing among no initiatives
    do_save_profile(budi, region_a, period_start=2026, period_end=2030, vision="Salatiga cerdas")
    page = as_budi.get(url).content.decode()
    initiatives = reverse("planning:initiatives", args=[region_a.code])
    assert "Belum ada inisiatif: setiap inisiatif masterplan dipetakan di sini ke indikator SPBE" in page
    assert f'<a href="{initiatives}">Isi inisiatif</a> terlebih dahulu.' in page
    assert "Wilayah ini belum memiliki masterplan:" not in page and 'name="spbe_codes"' not in page


def test_with_an_initiative_the_first_step_gives_way_to_the_mapping_form(as_budi, portal, region_a) -> None:
    page = as_budi.get(reverse("evaluation:spbe", args=[region_a.code])).content.decode()
    assert 'data-testid="spbe-first-step"' not in page
    assert 'name="spbe_codes"' in page and "Keselarasan SPBE menunjukkan" in page
