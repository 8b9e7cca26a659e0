"""The initiative form: a negative amount is named as negative, and a code is stored in capitals so
"gov-01" and GOV-01 are one initiative (the workbook's import stores codes the same way)."""

import pytest
from django.urls import reverse

from kotacerdas.planning.initiatives.tests.test_initiatives import form_data, new_url
from kotacerdas.planning.models import Initiative

pytestmark = pytest.mark.django_db


def test_a_negative_amount_is_refused_as_negative(as_budi, region_a, plan_a, kominfo_a) -> None:
    response = as_budi.post(new_url(region_a), form_data(kominfo_a, b_2026_APBD="-150.000.000"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Jumlahnya tidak boleh negatif." in body
    assert 'value="-150.000.000"' in body  # what Budi typed is kept
    assert not Initiative.objects.filter(code="PL-02").exists()


def test_a_code_typed_in_lower_case_is_saved_in_capitals(as_budi, region_a, plan_a, kominfo_a) -> None:
    response = as_budi.post(new_url(region_a), form_data(kominfo_a, code="gov-01"))
    assert response.status_code == 302
    assert list(Initiative.objects.filter(code__iexact="gov-01").values_list("code", flat=True)) == ["GOV-01"]
    portal = plan_a["portal"]
    response = as_budi.post(
        reverse("planning:initiative_edit", args=[region_a.code, portal.pk]),
        form_data(kominfo_a, code="gov-01", start_year=2026, duration=1, b_2027_CSR=None),
    )
    assert response.status_code == 400
    assert "Wilayah ini sudah memiliki inisiatif dengan kode ini." in response.content.decode()
