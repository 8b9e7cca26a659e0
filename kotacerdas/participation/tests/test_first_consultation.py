"""A region that starts from nothing: the consultations page says what a consultation is for, and a
new consultation opens on its own page, where its phases are added."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotacerdas.participation.models import Consultation

pytestmark = pytest.mark.django_db


def test_a_new_consultation_opens_where_its_phases_are_added(as_budi, region_a) -> None:
    response = as_budi.post(
        reverse("participation:manage", args=[region_a.code]), {"title": "Ide untuk Salatiga cerdas"}
    )
    made = Consultation.objects.get(region=region_a)
    assert response.status_code == 302
    assert response.url == reverse("participation:manage_consultation", args=[region_a.code, made.pk])
    page = as_budi.get(response.url).content.decode()
    assert "Konsultasi dibuat; tambahkan tahapnya." in page


def test_the_empty_consultations_page_says_what_a_consultation_is_for(as_budi, region_a) -> None:
    page = as_budi.get(reverse("participation:manage", args=[region_a.code])).content.decode()
    assert "Belum ada konsultasi: konsultasi meminta ide warga untuk masterplan" in page
    assert "Buat yang pertama di bawah, lalu tambahkan tahapnya." in page
