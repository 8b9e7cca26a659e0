"""Outcome indicators in a real browser: Budi follows the monitoring page's empty state to the outcome
indicators page, starts the series from the masterplan's key indicators, adds a year's value typed
with a comma, corrects it, and the monitoring page shows the series."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_budi_enters_an_outcome_series(page, budi, region_a) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.monitoring.models import OutcomeValue
    from kotacerdas.planning.analysis.actions import do_add_indicator

    do_add_indicator(
        budi,
        region_a,
        name="Tingkat kemiskinan",
        value=Decimal("9.8"),
        unit="%",
        year=2023,
        source="BPS 2023",
    )
    log_in(page, "budi")
    page.goto(page.base_url + "/r/33.73/monitoring/")
    expect(page.get_by_test_id("no-outcomes")).to_contain_text("Belum ada nilai outcome.")
    page.get_by_test_id("no-outcomes").get_by_role("link", name="indikator outcome").click()
    expect(page.get_by_role("heading", name="Indikator outcome", level=1)).to_be_visible()

    page.get_by_role("button", name="Mulai deret dari indikator utama masterplan").click()
    expect(page.get_by_text("Nilai yang ditambahkan dari indikator utama masterplan: 1.")).to_be_visible()

    page.get_by_label("Indikator outcome", exact=False).fill("Tingkat kemiskinan")
    page.get_by_label("Tahun").fill("2024")
    page.get_by_role("textbox", name="Nilai").fill("9,15")
    page.get_by_label("Satuan").fill("%")
    page.get_by_role("textbox", name="Sumber").fill("Susenas 2024")
    page.get_by_role("button", name="Simpan nilai").click()
    expect(page.get_by_text("Nilai outcome disimpan.")).to_be_visible()
    added = OutcomeValue.objects.get(year=2024)
    expect(page.get_by_test_id(f"outcome-{added.pk}")).to_contain_text("9,15%")

    page.get_by_role("link", name="Ubah Tingkat kemiskinan 2024").click()
    expect(page.get_by_role("textbox", name="Nilai")).to_have_value("9,15")
    page.get_by_role("textbox", name="Nilai").fill("9,1")
    page.get_by_label("Sudah dicocokkan dengan sumbernya").check()
    page.get_by_role("button", name="Simpan nilai").click()
    expect(page.get_by_test_id(f"outcome-{added.pk}")).to_contain_text("✔ terverifikasi")

    page.goto(page.base_url + "/r/33.73/monitoring/")
    expect(page.get_by_text("2024: 9,1% — Susenas 2024")).to_be_visible()
    expect(page.get_by_text("2023: 9,8% — BPS 2023")).to_be_visible()
