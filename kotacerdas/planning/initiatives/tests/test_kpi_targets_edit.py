"""Budi corrects a KPI's yearly targets in place (no more deleting the KPI and adding it again)."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import logged_in
from kotacerdas.audit.models import AuditEntry
from kotacerdas.planning.initiatives.actions import do_save_kpi, do_set_kpi_targets
from kotacerdas.planning.models import Kpi

pytestmark = pytest.mark.django_db


@pytest.fixture
def kpi(budi, plan_a) -> Kpi:
    return do_save_kpi(
        budi,
        plan_a["data"],
        name="Layanan daring",
        unit="layanan",
        baseline=None,
        targets={2026: "10", 2027: "1.125"},
    )


def url(kpi: Kpi) -> str:
    return reverse("planning:kpi_targets", args=[kpi.initiative.region.code, kpi.pk])


def version_of(response) -> str:
    match = re.search(r'name="version" value="(\d+)"', response.content.decode())
    assert match, "the form carries the version it started from"
    return match.group(1)


def test_budi_corrects_the_targets_on_one_form_with_a_decimal_comma(as_budi, kpi) -> None:
    initiative_page = as_budi.get(kpi.initiative.get_absolute_url()).content.decode()
    assert url(kpi) in initiative_page  # the button beside the KPI
    form = as_budi.get(url(kpi))
    page = form.content.decode()
    assert form.status_code == 200
    assert 'value="1,125"' in page  # 1.125 shown as the pages write it, not as "1.125" (= 1125)
    assert all(f'name="t_{year}"' in page for year in range(2026, 2031))  # a row per year of the period
    data = {"version": version_of(form), "t_2026": "", "t_2027": "1,125", "t_2028": "12,5", "t_2030": "1.500"}
    response = as_budi.post(url(kpi), data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#kpi-{kpi.pk}")
    kpi.refresh_from_db()
    assert kpi.targets == {"2027": "1.125", "2028": "12.5", "2030": "1500"}
    assert kpi.version == 2
    entry = AuditEntry.objects.get(action="masterplan.kpi.targets")
    assert entry.before["targets"] == {"2026": "10", "2027": "1.125"}
    assert entry.after["targets"] == {"2027": "1.125", "2028": "12.5", "2030": "1500"}
    assert "Target IKU “Layanan daring” disimpan." in as_budi.get(response["Location"]).content.decode()


def test_a_form_opened_before_someone_elses_save_is_refused_and_keeps_the_typing(
    as_budi, as_ayu, kpi
) -> None:
    budis, ayus = version_of(as_budi.get(url(kpi))), version_of(as_ayu.get(url(kpi)))
    assert as_budi.post(url(kpi), {"version": budis, "t_2026": "20"}).status_code == 302
    response = as_ayu.post(url(kpi), {"version": ayus, "t_2026": "30", "t_2029": "77,5"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Data ini sudah diubah oleh Budi" in page
    assert 'value="77,5"' in page  # what Ayu typed is still in her form
    kpi.refresh_from_db()
    assert kpi.targets == {"2026": "20"}


def test_a_bad_number_is_shown_on_its_field_and_nothing_is_saved(as_budi, kpi) -> None:
    response = as_budi.post(url(kpi), {"version": kpi.version, "t_2026": "sepuluh", "t_2028": "5"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tulis angka" in page and 'value="sepuluh"' in page
    kpi.refresh_from_db()
    assert kpi.targets == {"2026": "10", "2027": "1.125"} and kpi.version == 1


def test_the_action_refuses_a_year_outside_the_period_and_a_non_number(budi, kpi) -> None:
    with pytest.raises(ValidationError) as outside:
        do_set_kpi_targets(budi, kpi, targets={2026: "5", 2031: "9"}, version=kpi.version)
    assert "2031" in str(outside.value) and "2026–2030" in str(outside.value)
    assert "di luar periode masterplan" in " ".join(outside.value.messages)
    for bad in ("abc", "NaN", "Infinity"):
        with pytest.raises(ValidationError, match="angka"):
            do_set_kpi_targets(budi, kpi, targets={2026: bad}, version=kpi.version)
    kpi.refresh_from_db()
    assert kpi.targets == {"2026": "10", "2027": "1.125"}
    assert not AuditEntry.objects.filter(action="masterplan.kpi.targets").exists()


def test_a_stored_target_outside_the_period_can_be_cleared_on_the_form(as_budi, budi, kpi) -> None:
    Kpi.objects.filter(pk=kpi.pk).update(targets={"2026": "10", "2032": "4"})  # e.g. a period shortened
    form = as_budi.get(url(kpi)).content.decode()
    assert 'name="t_2032"' in form and "di luar periode masterplan" in form
    refused = as_budi.post(url(kpi), {"version": kpi.version, "t_2026": "10", "t_2032": "4"})
    assert refused.status_code == 400
    assert "Target untuk 2032 berada di luar periode masterplan (2026–2030)" in refused.content.decode()
    assert as_budi.post(url(kpi), {"version": kpi.version, "t_2026": "10", "t_2032": ""}).status_code == 302
    kpi.refresh_from_db()
    assert kpi.targets == {"2026": "10"}


def test_readers_see_no_button_and_are_refused(rina, sari, budi, kpi) -> None:
    for person in (rina, sari):
        client = logged_in(person)
        assert url(kpi) not in client.get(kpi.initiative.get_absolute_url()).content.decode()
        assert client.get(url(kpi)).status_code == 403
        assert client.post(url(kpi), {"version": kpi.version, "t_2026": "99"}).status_code == 403
        with pytest.raises(PermissionDenied):
            do_set_kpi_targets(person, kpi, targets={2026: "99"}, version=kpi.version)
    kpi.refresh_from_db()
    assert kpi.targets["2026"] == "10"
