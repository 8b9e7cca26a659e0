"""How a typed number is read (a decimal comma is accepted) and refused, field by field, in Indonesian."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from kotacerdas.monitoring.actions.common import parse_number
from kotacerdas.monitoring.actions.periods import do_close_period
from kotacerdas.monitoring.actions.reports import do_review_report, do_save_kpi_report
from kotacerdas.monitoring.models import InitiativeReport, KpiReport


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12,5", Decimal("12.5000")),
        (" 1 000.25 ", Decimal("1000.2500")),
        (Decimal("7.123456"), Decimal("7.1235")),
        # the full stop groups thousands: fifteen hundred, never one and a half
        ("1.500", Decimal("1500.0000")),
        ("1.500.000", Decimal("1500000.0000")),
        ("Rp 1.500.000", Decimal("1500000.0000")),
        ("1.234,5", Decimal("1234.5000")),
        ("0.5", Decimal("0.5000")),  # no group of thousands starts with 0
        ("4350.0000", Decimal("4350.0000")),  # a machine's decimal point
        (12.125, Decimal("12.1250")),  # a spreadsheet's numeric cell
    ],
)
def test_a_number_is_read_with_four_decimals(raw, expected) -> None:
    assert parse_number(raw, "value") == expected


def test_an_empty_optional_value_is_none() -> None:
    assert parse_number("  ", "value", required=False) is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Isi nilainya."),
        (None, "Isi nilainya."),
        ("banyak", "Masukkan angka, bukan teks."),
        ("NaN", "Masukkan angka, bukan teks."),
        ("Infinity", "Masukkan angka, bukan teks."),
        ("100000000000000", "Angkanya terlalu besar."),
        ("1,500.5", "Tulis angka seperti 1.234,5: titik di antara ribuan, koma untuk desimal."),
        ("1.50.000", "Tulis angka seperti 1.234,5: titik di antara ribuan, koma untuk desimal."),
    ],
)
def test_a_bad_number_names_its_field(raw, message) -> None:
    with pytest.raises(ValidationError) as error:
        parse_number(raw, "value")
    assert error.value.message_dict == {"value": [message]}


@pytest.mark.django_db
def test_no_new_report_in_a_closed_period(world, budi, sari) -> None:
    do_close_period(budi, world.period)
    with pytest.raises(ValidationError, match="ditutup"):
        do_save_kpi_report(sari, world.period, world.coverage, numerator="12", denominator="16")
    assert not KpiReport.objects.exists()


@pytest.mark.django_db
def test_budi_types_rupiah_with_full_stops_and_reads_them_back(world, as_budi) -> None:
    url = reverse("monitoring:initiative_report", args=["33.73", world.period.pk, world.portal.pk])
    sent = as_budi.post(url, {"implementation": "running", "progress": "12,5", "realised_APBD": "1.500.000"})
    assert sent.status_code == 302
    report = InitiativeReport.objects.get(initiative=world.portal)
    assert (report.realisations.get().amount, report.progress) == (Decimal(1_500_000), Decimal("12.5"))
    form = as_budi.get(url).text  # the stored numbers come back as typed, and read back the same
    assert 'value="1.500.000"' in form and 'value="12,5"' in form


@pytest.mark.django_db
def test_sari_types_a_decimal_comma_and_sees_it_again(world, as_sari) -> None:
    url = reverse("monitoring:kpi_report", args=["33.73", world.period.pk, world.visits.pk])
    assert as_sari.post(url, {"value": "1.234,5"}).status_code == 302
    assert KpiReport.objects.get(kpi=world.visits).value == Decimal("1234.5")
    assert 'value="1.234,5"' in as_sari.get(url).text


@pytest.mark.django_db
def test_the_api_takes_a_json_number_as_it_is_and_text_in_indonesian_format(world, sari) -> None:
    api = APIClient()
    api.force_authenticate(sari)
    url = f"/api/v1/regions/33.73/monitoring/periods/{world.period.pk}/kpis/{world.visits.pk}"
    assert api.post(url, {"value": 12.125}, format="json").json()["value"] == "12.1250"
    assert api.post(url, {"value": "12.125"}, format="json").json()["value"] == "12125.0000"
    refused = api.post(url, {"value": [1]}, format="json")
    assert refused.status_code == 400 and "1.234,5" in refused.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"numerator": "-5", "denominator": "20"}, "numerator"),
        ({"numerator": "5", "denominator": "-20"}, "denominator"),
    ],
)
def test_a_negative_count_in_a_percentage_kpi_is_refused(world, sari, fields, field) -> None:
    with pytest.raises(ValidationError) as refused:
        do_save_kpi_report(sari, world.period, world.coverage, **fields)
    assert refused.value.message_dict == {field: ["Jumlah tidak boleh negatif."]}
    assert not KpiReport.objects.exists()


@pytest.mark.django_db
def test_the_monitoring_table_writes_an_approved_value_as_the_portal_does(world, sari, budi, as_budi) -> None:
    report = do_save_kpi_report(
        sari, world.period, world.coverage, numerator="9", denominator="40", submit=True
    )
    do_review_report(budi, report, decision="approved")
    page = as_budi.get(reverse("monitoring:region", args=["33.73"])).text
    assert f'data-testid="actual-{world.coverage.pk}-2027">22,5<' in page  # it wrote 22,50
