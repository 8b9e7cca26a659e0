"""A report narrative is bounded: a longer one gets a message on the field, keeps the text, saves nothing."""

from __future__ import annotations

import pytest

from kotacerdas.monitoring.models import KpiReport
from kotacerdas.monitoring.tests.test_pages import kpi_url
from kotacerdas.web.forms import NOTE_MAX

pytestmark = pytest.mark.django_db
TOO_LONG = (
    f"Pastikan nilai ini mengandung paling banyak {NOTE_MAX} karakter (sekarang {NOTE_MAX + 1} karakter)."
)


def test_a_narrative_longer_than_the_limit_is_refused_with_the_text_kept(world, as_sari) -> None:
    narrative = "Capaian naik. " + "x" * (NOTE_MAX - 13)
    page = as_sari.get(kpi_url(world, world.coverage))
    assert f'maxlength="{NOTE_MAX}"' in page.text  # the browser stops the typing there
    response = as_sari.post(
        kpi_url(world, world.coverage), {"numerator": "3", "denominator": "4", "narrative": narrative}
    )
    assert response.status_code == 400
    assert TOO_LONG in response.text
    assert narrative in response.text  # what Sari typed is still in the form
    assert not KpiReport.objects.exists()
    fits = as_sari.post(
        kpi_url(world, world.coverage), {"numerator": "3", "denominator": "4", "narrative": narrative[:-1]}
    )
    assert fits.status_code == 302
    assert KpiReport.objects.get().narrative == narrative[:-1]
