"""A NUL in typed text (pasted from another program) on a real form: an error on its field with the
text kept, nothing saved (the kernel's middleware and attempt(); see web/tests/test_malformed_input.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import logged_in
from kotacerdas.regions.models import Opd

pytestmark = pytest.mark.django_db


def test_a_nul_in_typed_text_is_an_error_on_the_field_with_the_text_kept(ayu, region_a) -> None:
    """Pasted text can carry a NUL, which PostgreSQL cannot store: the form comes back with an error
    on that field and what was typed (without the NUL), nothing is saved; sent again, it saves."""
    client = logged_in(ayu)
    url = reverse("regions:opds", args=[region_a.code])

    response = client.post(url, {"name": "Dinas\x00 Kesehatan", "short_name": "Dinkes"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "karakter NUL" in page
    assert 'value="Dinas Kesehatan"' in page and 'value="Dinkes"' in page
    assert not Opd.objects.filter(region=region_a).exists()
    assert client.post(url, {"name": "Dinas Kesehatan", "short_name": "Dinkes"}).status_code == 302
    assert Opd.objects.filter(region=region_a, name="Dinas Kesehatan").exists()
