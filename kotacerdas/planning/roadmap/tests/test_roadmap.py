"""The roadmap optimiser as a stored, explained run with charts; pins and capacities."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kotacerdas.planning import reports
from kotacerdas.planning.conftest import add_initiative
from kotacerdas.planning.models import Masterplan, RoadmapRun
from kotacerdas.planning.roadmap import actions

pytestmark = pytest.mark.django_db


def test_roadmap_run_defers_over_budget_and_explains_why(
    as_budi, budi, region_a, plan_a, kominfo_a, django_capture_on_commit_callbacks
) -> None:
    # a tight 2026 ceiling: SD-01 (300 juta in its first year) and PL-01 (100 juta) cannot both start in 2026
    ceilings = {"c_2026": "350000000", "opd_capacity": "3"}
    assert as_budi.post(reverse("planning:roadmap", args=[region_a.code]), ceilings).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = as_budi.post(reverse("planning:roadmap_start", args=[region_a.code]), {"time_limit": "5"})
    run = RoadmapRun.objects.get()
    assert response.url == run.get_absolute_url()
    assert run.state == "done"
    assert run.result["status"] in ("optimal", "feasible")
    assert len(run.inputs_hash) == 64 and run.time_limit == 5 and run.solver.startswith("HiGHS")
    assert run.instance["budget"][0] == 350.0  # juta rupiah
    page = as_budi.get(run.get_absolute_url()).content.decode()
    # the run finished: nothing on its page still says it is being optimised
    assert f"Optimasi peta jalan #{run.pk} dimulai." in page
    assert "sedang dioptimasi" not in page.lower() and "masih berjalan" not in page
    assert "ditunda ke" in page
    assert "Pagu anggaran tahun 2026 sudah habis." in page
    assert 'id="roadmap-chart-data"' in page  # the combined chart (its own tests: test_roadmap_chart_page)
    spend = reports.spend_by_year_and_source(run)
    assert round(sum(spend[2026].values())) <= 350


def run_now(capture, actor, region):
    with capture(execute=True):
        run = actions.do_start_roadmap_run(actor, region, time_limit=5)
    run.refresh_from_db()
    return run


def test_a_pinned_start_year_is_kept_on_the_next_run(
    as_budi, budi, region_a, plan_a, django_capture_on_commit_callbacks
) -> None:
    portal = plan_a["portal"]
    response = as_budi.post(
        reverse("planning:roadmap_pin", args=[region_a.code, portal.pk]), {"year": "2029"}
    )
    assert response.status_code == 302
    first = run_now(django_capture_on_commit_callbacks, budi, region_a)
    assert first.result["schedule_years"]["PL-01"] == 2029
    as_budi.post(reverse("planning:roadmap_pin", args=[region_a.code, portal.pk]), {"year": ""})
    second = run_now(django_capture_on_commit_callbacks, budi, region_a)
    assert second.result["schedule_years"]["PL-01"] == 2026
    assert first.inputs_hash != second.inputs_hash


def test_a_pin_that_does_not_fit_is_refused_in_indonesian(as_budi, region_a, plan_a) -> None:
    data = plan_a["data"]  # two years long
    response = as_budi.post(reverse("planning:roadmap_pin", args=[region_a.code, data.pk]), {"year": "2030"})
    assert response.status_code == 400
    assert "tetapkan tahun mulai antara 2026 dan 2029" in response.content.decode()
    data.refresh_from_db()
    assert data.pinned_start_year is None


def test_dependencies_hold_in_the_schedule(
    budi, region_a, plan_a, kominfo_a, django_capture_on_commit_callbacks
) -> None:
    add_initiative(
        budi,
        region_a,
        "SD-02",
        kominfo_a,
        start=2028,
        predecessors=[plan_a["telemed"]],
        budget={(2028, "APBD"): Decimal(1)},
    )
    run = run_now(django_capture_on_commit_callbacks, budi, region_a)
    years = run.result["schedule_years"]
    assert years["KS-01"] >= years["SD-01"] + 2
    assert years["SD-02"] >= years["KS-01"] + 1


def test_infeasible_pins_are_explained_in_indonesian(
    budi, region_a, plan_a, django_capture_on_commit_callbacks
) -> None:
    # one OPD that can run one initiative at a time, and two of its initiatives pinned to the same year
    actions.do_set_roadmap_constraints(budi, region_a, budget_ceilings={}, source_ceilings={}, opd_capacity=1)
    actions.do_pin_start(budi, plan_a["data"], 2026)
    actions.do_pin_start(budi, plan_a["portal"], 2026)
    run = run_now(django_capture_on_commit_callbacks, budi, region_a)
    assert run.result["status"] == "infeasible"
    assert any("2026" in text for text in reports.infeasibility(run))
    page = logged_in_budi_page(budi, run)
    assert "tidak dapat dijadwalkan semuanya" in page


def logged_in_budi_page(budi, run) -> str:
    from conftest import logged_in

    return logged_in(budi).get(run.get_absolute_url()).content.decode()


def test_one_opd_can_have_its_own_capacity(
    as_budi, budi, region_a, plan_a, kominfo_a, django_capture_on_commit_callbacks
) -> None:
    # Diskominfo runs SD-01 (2026-27) and PL-01 (2026); with capacity 1 they cannot overlap
    response = as_budi.post(
        reverse("planning:roadmap", args=[region_a.code]), {"opd_capacity": "3", f"cap_{kominfo_a.pk}": "1"}
    )
    assert response.status_code == 302
    assert Masterplan.objects.get().opd_capacities == {str(kominfo_a.pk): 1}
    run = run_now(django_capture_on_commit_callbacks, budi, region_a)
    agencies = {a["id"]: a["max_concurrent"] for a in run.instance["agencies"]}
    assert agencies[f"opd-{kominfo_a.pk}"] == 1
    years = run.result["schedule_years"]
    assert years["PL-01"] >= 2028 or years["SD-01"] >= 2027
    assert "Diskominfo sudah menjalankan inisiatif sebanyak kapasitasnya" in "".join(
        " ".join(o["reasons"]) for o in reports.outcomes(run)
    )
    response = as_budi.post(
        reverse("planning:roadmap", args=[region_a.code]), {"opd_capacity": "3", f"cap_{kominfo_a.pk}": "0"}
    )
    assert response.status_code == 400
    assert Masterplan.objects.get().opd_capacities == {str(kominfo_a.pk): 1}


def test_the_roadmap_page_lists_runs_with_their_status_but_not_their_schedules(
    as_budi, budi, region_a, plan_a, kominfo_a, django_capture_on_commit_callbacks
) -> None:
    """A run's instance, details and result hold every initiative (hundreds of KB at 300); the list of
    runs shows each one's state and result status only."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run = run_now(django_capture_on_commit_callbacks, budi, region_a)
    status = run.result["status"]
    with CaptureQueriesContext(connection) as captured:
        page = as_budi.get(reverse("planning:roadmap", args=[region_a.code])).content.decode()
    assert f"#{run.pk} · " in page and f" · {status}</a>" in page
    listed = [
        q["sql"] for q in captured if 'FROM "planning_roadmaprun"' in q["sql"] and "LIMIT 10" in q["sql"]
    ]
    assert len(listed) == 1
    assert [
        column for column in ("instance", "details") if f'"planning_roadmaprun"."{column}"' in listed[0]
    ] == []


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_solver_time_limit_is_written_as_every_number(
    as_budi, budi, region_a, plan_a, django_capture_on_commit_callbacks, language
) -> None:
    """ "batas 5 detik" and "limit 5 s" (the stored float read 5,0 and 5.0 by language)."""
    run = run_now(django_capture_on_commit_callbacks, budi, region_a)
    as_budi.cookies["django_language"] = language
    page = as_budi.get(run.get_absolute_url()).content.decode()
    solver = page.split("<dd>HiGHS", 1)[1].split("</dd>", 1)[0]
    assert solver.endswith(("batas 5 detik", "limit 5 s")), solver
