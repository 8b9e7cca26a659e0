"""The roadmap speaks the reader's words: a run's result, the funding sources of the pagu, the years
of a one-year initiative, the dimensions of the plan's workbook and the reasons an initiative is left
out; a source's pagu above the total pagu is refused."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kotacerdas.planning.models import Masterplan
from kotacerdas.planning.roadmap import actions
from kotacerdas.planning.roadmap.plan import plan_of_record
from kotacerdas.planning.roadmap.tests.test_roadmap import run_now

pytestmark = pytest.mark.django_db


def roadmap_page(client, region) -> str:
    return client.get(reverse("planning:roadmap", args=[region.code])).content.decode()


def test_the_list_of_runs_names_the_result_in_words(
    as_budi, budi, region_a, plan_a, django_capture_on_commit_callbacks
) -> None:
    actions.do_set_roadmap_constraints(budi, region_a, budget_ceilings={}, source_ceilings={}, opd_capacity=1)
    actions.do_pin_start(budi, plan_a["data"], 2026)
    actions.do_pin_start(budi, plan_a["portal"], 2026)
    run = run_now(django_capture_on_commit_callbacks, budi, region_a)
    assert run.result["status"] == "infeasible"
    page = roadmap_page(as_budi, region_a)
    assert " · tidak layak</a>" in page and "infeasible" not in page


def test_the_pagu_fields_are_labelled_with_the_source_names(as_budi, region_a, plan_a) -> None:
    page = roadmap_page(as_budi, region_a)
    assert '<label class="visually-hidden" for="id_c_2026_APBN_DAK">APBN/DAK 2026</label>' in page
    assert '<label class="visually-hidden" for="id_c_2026_OTHER">Lainnya 2026</label>' in page


def test_a_one_year_initiative_shows_one_year(as_budi, region_a, plan_a) -> None:
    pages = [
        roadmap_page(as_budi, region_a),
        as_budi.get(reverse("planning:initiatives", args=[region_a.code])).content.decode(),
        as_budi.get(plan_a["portal"].get_absolute_url()).content.decode(),
    ]
    for page in pages:
        assert "2026–2026" not in page
    assert "<td>2026–2027</td>" in pages[0] and "<td>2026</td>" in pages[0]


def test_a_source_pagu_above_the_total_pagu_is_refused(as_budi, region_a, plan_a) -> None:
    response = as_budi.post(
        reverse("planning:roadmap", args=[region_a.code]),
        {"opd_capacity": "3", "c_2026": "100", "c_2026_APBD": "1.000.000.000"},
    )
    assert response.status_code == 400
    assert (
        "Pagu APBD tahun 2026 (Rp1.000.000.000) lebih besar daripada pagu total (Rp100)."
        in response.content.decode()
    )
    assert Masterplan.objects.get(region=region_a).source_ceilings == {}


def test_a_negative_pagu_is_named_as_negative(as_budi, region_a, plan_a) -> None:
    response = as_budi.post(
        reverse("planning:roadmap", args=[region_a.code]), {"opd_capacity": "3", "c_2026": "-5"}
    )
    assert response.status_code == 400
    assert "Jumlahnya tidak boleh negatif." in response.content.decode()


def test_the_reasons_an_initiative_is_left_out_read_as_sentences(
    as_budi, budi, region_a, plan_a, django_capture_on_commit_callbacks
) -> None:
    # 150 juta a year: PL-01 (100 juta) fits, SD-01 (300 juta in its first year) fits no year
    ceilings = {year: Decimal(150_000_000) for year in range(2026, 2031)}
    actions.do_set_roadmap_constraints(
        budi, region_a, budget_ceilings=ceilings, source_ceilings={}, opd_capacity=3
    )
    actions.do_adopt_roadmap_run(budi, run_now(django_capture_on_commit_callbacks, budi, region_a))
    plan = plan_of_record(region_a)
    assert plan is not None
    reasons = {u.code: u.reason for u in plan.unscheduled}
    assert "Pagu anggaran tahun 2026 sudah habis. Pagu anggaran tahun 2027 sudah habis." in reasons["SD-01"]
    assert ".;" not in "".join(reasons.values())
    page = roadmap_page(as_budi, region_a)
    assert ".;" not in page


def test_the_plan_workbook_names_the_dimensions(as_budi, budi, region_a, plan_a) -> None:
    actions.do_confirm_schedule(budi, region_a)
    response = as_budi.get(reverse("planning:roadmap_plan_xlsx", args=[region_a.code]))
    rows = list(load_workbook(io.BytesIO(response.content))["Rencana"].iter_rows(values_only=True))
    assert {row[0]: row[2] for row in rows[1:]}["KS-01"] == "Smart Living"
