"""Two people edit the same initiative from the same page: the older form is refused, nothing is lost."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from kotacerdas.planning.initiatives.tests.test_initiatives import form_data
from kotacerdas.planning.models import Initiative

pytestmark = pytest.mark.django_db


def hidden_version(response) -> str:
    match = re.search(r'name="version" value="(\d+)"', response.content.decode())
    assert match, "the edit form carries the version it started from"
    return match.group(1)


def test_ayus_older_form_does_not_wipe_budis_budget(as_budi, as_ayu, region_a, plan_a, kominfo_a) -> None:
    portal = plan_a["portal"]
    url = reverse("planning:initiative_edit", args=[region_a.code, portal.pk])
    budis_version = hidden_version(as_budi.get(url))
    ayus_version = hidden_version(as_ayu.get(url))
    same = {
        "code": portal.code,
        "name": portal.name,
        "start_year": portal.start_year,
        "duration": portal.duration,
        "b_2027_CSR": None,
    }
    budi_saves = as_budi.post(
        url, form_data(kominfo_a, **same, b_2026_APBD="999000000", version=budis_version)
    )
    assert budi_saves.status_code == 302, budi_saves.content.decode()[-2000:]

    ayu_saves = as_ayu.post(
        url,
        form_data(
            kominfo_a,
            **same,
            b_2026_APBD="100000000",
            description="Deskripsi baru dari Ayu",
            version=ayus_version,
        ),
    )
    assert ayu_saves.status_code == 400
    page = ayu_saves.content.decode()
    assert "Data ini sudah diubah oleh Budi" in page
    assert "anggaran" in page
    assert "Deskripsi baru dari Ayu" in page  # what Ayu typed is still in her form
    portal.refresh_from_db()
    assert portal.description == ""
    assert [(b.year, b.source, b.amount) for b in portal.budget_lines.all()] == [
        (2026, "APBD", Decimal(999_000_000))
    ]


def test_a_save_without_a_version_still_works(as_budi, region_a, plan_a, kominfo_a) -> None:
    """Old callers (the XLSX import, tasks, a script) send no version and are not refused."""
    portal = plan_a["portal"]
    url = reverse("planning:initiative_edit", args=[region_a.code, portal.pk])
    data = form_data(kominfo_a, code=portal.code, name=portal.name, duration=1, b_2027_CSR=None)
    assert as_budi.post(url, data).status_code == 302
    assert Initiative.objects.get(pk=portal.pk).version == 2
