"""The privacy notice writes retention periods as people do: whole years without a decimal."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_retention_is_written_in_whole_years(settings) -> None:
    settings.EVIDENCE_RETENTION_DAYS, settings.AUDIT_SNAPSHOT_RETENTION_DAYS = 3650, 1825
    body = Client().get(reverse("accounts:privacy")).content.decode()
    assert "dihapus setelah 10 tahun" in body and "setelah 5 tahun" in body
    assert "10,0" not in body and "5,0" not in body
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "deleted after 10 years" in client.get(reverse("accounts:privacy")).content.decode()


def test_a_fraction_of_a_year_is_written_the_indonesian_way(settings) -> None:
    settings.EVIDENCE_RETENTION_DAYS = 912  # 2.5 years
    assert "dihapus setelah 2,5 tahun" in Client().get(reverse("accounts:privacy")).content.decode()
