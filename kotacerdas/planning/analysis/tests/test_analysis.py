"""Budi records the strategic analysis; bad input is refused in Indonesian and saves nothing."""

import re

import pytest
from django.urls import reverse

from kotacerdas.audit.models import AuditEntry
from kotacerdas.planning.models import (
    KeyIndicator,
    Masterplan,
    Problem,
    ProgrammeMapping,
    Statement,
    SwotItem,
)

pytestmark = pytest.mark.django_db


def url(name, region, *args):
    return reverse(f"planning:{name}", args=[region.code, *args])


def test_without_a_profile_pages_lead_to_the_profile(as_budi, region_a) -> None:
    response = as_budi.get(url("initiatives", region_a))
    assert response.status_code == 302
    assert response.url == url("profile", region_a)


def test_it_lets_budi_fill_the_profile(as_budi, budi, region_a) -> None:
    response = as_budi.post(
        url("profile", region_a),
        {
            "period_start": 2026,
            "period_end": 2030,
            "rpjmd_start": 2025,
            "rpjmd_end": 2029,
            "population": 200000,
            "vision": "Salatiga Hati Beriman Cerdas",
            "missions": "Satu\nDua",
        },
    )
    assert response.status_code == 302
    masterplan = Masterplan.objects.get(region=region_a)
    assert masterplan.years == [2026, 2027, 2028, 2029, 2030]
    assert AuditEntry.objects.get(action="masterplan.profile").actor == budi


def test_a_backwards_period_is_refused_in_indonesian(as_budi, region_a) -> None:
    response = as_budi.post(url("profile", region_a), {"period_start": 2030, "period_end": 2026})
    assert response.status_code == 400
    assert "Periode harus maju" in response.content.decode()
    assert not Masterplan.objects.exists()


def test_it_records_key_indicators_with_year_unit_and_source(as_budi, region_a, masterplan_a) -> None:
    response = as_budi.post(
        url("indicators", region_a),
        {
            "name": "Tingkat kemiskinan",
            "value": "4.76",
            "unit": "%",
            "year": 2024,
            "source": "BPS",
        },
    )
    assert response.status_code == 302
    indicator = KeyIndicator.objects.get(region=region_a)
    assert (str(indicator.value.normalize()), indicator.year, indicator.source) == ("4.76", 2024, "BPS")


def test_it_records_a_problem_tagged_with_an_element_from_the_instrument(
    as_budi, region_a, masterplan_a, dinkes_a
) -> None:
    response = as_budi.post(
        url("problems", region_a),
        {
            "code": "M-01",
            "title": "Antrean puskesmas panjang",
            "element": "living.health",
            "evidence": "Rata-rata 2 jam (Dinkes 2024)",
            "root_causes": "Belum ada pendaftaran daring",
            "opds": [dinkes_a.pk],
            "origin": "citizen",
        },
    )
    assert response.status_code == 302
    problem = Problem.objects.get(region=region_a)
    assert (problem.dimension, problem.element, problem.origin) == ("living", "living.health", "citizen")
    assert list(problem.opds.all()) == [dinkes_a]


def test_an_unknown_element_and_a_duplicate_code_are_refused(as_budi, region_a, masterplan_a) -> None:
    data = {"code": "M-01", "title": "X", "element": "health", "origin": "analysis"}
    response = as_budi.post(url("problems", region_a), data)
    assert response.status_code == 400
    assert "health bukan salah satu dari pilihan yang tersedia" in response.content.decode()
    as_budi.post(url("problems", region_a), {**data, "element": "living.health"})
    response = as_budi.post(url("problems", region_a), {**data, "code": "m-01", "element": "living.health"})
    assert response.status_code == 400
    assert "Wilayah ini sudah memiliki masalah dengan kode ini." in response.content.decode()
    assert Problem.objects.count() == 1


def test_swot_per_readiness_element_and_per_dimension(as_budi, region_a, masterplan_a) -> None:
    for scope in ("struktur", "environment"):
        response = as_budi.post(
            url("swot", region_a), {"scope": scope, "kind": "W", "text": f"Lemah {scope}"}
        )
        assert response.status_code == 302
    assert sorted(SwotItem.objects.values_list("scope", flat=True)) == ["environment", "struktur"]
    response = as_budi.post(url("swot", region_a), {"scope": "mars", "kind": "W", "text": "x"})
    assert response.status_code == 400
    page = as_budi.get(url("swot", region_a)).content.decode()
    assert "Lemah struktur" in page and "Struktur" in page


def test_programmes_need_a_valid_permendagri_code(as_budi, budi, region_a, masterplan_a) -> None:
    from kotacerdas.planning.analysis.actions import do_add_statement

    goal = do_add_statement(budi, region_a, kind="goal", dimension="governance", text="Layanan terintegrasi")
    data = {
        "code": "2.16.3",
        "name": "Pengelolaan Aplikasi Informatika",
        "document": "RPJMD",
        "goal": goal.pk,
    }
    response = as_budi.post(url("programmes", region_a), data)
    assert response.status_code == 400
    assert "jumlah digit" in response.content.decode()
    assert not ProgrammeMapping.objects.exists()
    response = as_budi.post(url("programmes", region_a), {**data, "code": "2.16.03"})
    assert response.status_code == 302
    assert ProgrammeMapping.objects.get().goal == goal
    assert Statement.objects.get().programmes.count() == 1


def test_rina_reads_but_cannot_change(rina, region_a, masterplan_a) -> None:
    from conftest import logged_in

    client = logged_in(rina)
    assert client.get(url("problems", region_a)).status_code == 200
    response = client.post(
        url("problems", region_a), {"code": "M-9", "title": "x", "element": "living.health"}
    )
    assert response.status_code == 403
    assert not Problem.objects.exists()


def test_the_period_cannot_shrink_below_the_initiatives(as_budi, region_a, plan_a) -> None:
    # SD-01 runs 2026-2027 and KS-01 runs 2028: a period 2026-2027 would cut KS-01 off
    response = as_budi.post(url("profile", region_a), {"period_start": 2026, "period_end": 2027})
    assert response.status_code == 400
    assert "Inisiatif KS-01 akan berada di luar periode baru." in response.content.decode()
    assert Masterplan.objects.get(region=region_a).period_end == 2030


@pytest.mark.parametrize("language", ["id", "en"])
def test_key_indicators_are_written_as_every_number_is(as_budi, region_a, masterplan_a, language) -> None:
    """A decimal comma and full-stop thousands in either language, no padding zeros, never 1E+2."""
    for name, value in (("Indeks SPBE", "3.1200"), ("Penduduk miskin", "12500"), ("Cakupan", "100")):
        KeyIndicator.objects.create(region=region_a, name=name, value=value, unit="", year=2024, source="BPS")
    as_budi.cookies["django_language"] = language
    page = as_budi.get(url("indicators", region_a)).content.decode()
    cells = re.findall(r'<td class="num">([^<]*)</td>', page)
    assert cells == ["100", "3,12", "12.500"]
