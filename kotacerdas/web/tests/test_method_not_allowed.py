"""A form's target opened as a page answers 405 with the shared explanation page, not an empty body
(which the browser shows as its own English error page, with no way back)."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_form_target_opened_as_a_page_explains_and_links_to_its_page(as_budi) -> None:
    # the evidence upload is POST only; the answer page above it is where its form lives
    url = reverse("assessment:evidence_upload", args=["33.73", 7, "struktur.sdm.1"])
    response = as_budi.get(url)
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    assert response.headers["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Alamat ini bukan halaman" in page
    above = reverse("assessment:answer", args=["33.73", 7, "struktur.sdm.1"])
    assert f'href="{above}"' in page
    assert "Content-Security-Policy" in response.headers  # the shared page keeps the policy


def test_a_target_with_no_page_above_links_home(as_budi) -> None:
    response = as_budi.get(reverse("logout"))
    assert response.status_code == 405
    page = response.content.decode()
    assert "Alamat ini bukan halaman" in page
    assert 'href="/">Kembali ke beranda' in page


def test_a_405_that_has_a_body_is_left_as_it_is(db) -> None:
    # the API answers its own 405 in JSON
    response = Client().delete(reverse("api:regions", kwargs={"version": "v1"}))
    assert response.status_code == 405
    assert response.headers["Content-Type"] == "application/json"
