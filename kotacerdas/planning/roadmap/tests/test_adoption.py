"""Adopting a roadmap run (or a hand-edited schedule) as the plan of record, and what changed since."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.audit.models import AuditEntry
from kotacerdas.planning.conftest import add_initiative
from kotacerdas.planning.initiatives.actions import do_delete_initiative, do_save_initiative
from kotacerdas.planning.models import AdoptedPlan, Initiative, RoadmapRun
from kotacerdas.planning.roadmap import actions
from kotacerdas.planning.roadmap.plan import plan_of_record

pytestmark = pytest.mark.django_db


def finished_run(capture, actor, region) -> RoadmapRun:
    with capture(execute=True):
        run = actions.do_start_roadmap_run(actor, region, time_limit=5)
    run.refresh_from_db()
    assert run.state == "done", run.error
    return run


@pytest.fixture
def tight(budi, region_a, plan_a):
    """A 2026 ceiling of 350 juta: SD-01 (300 juta in 2026) and PL-01 (100 juta) cannot both start."""
    actions.do_set_roadmap_constraints(
        budi, region_a, budget_ceilings={2026: Decimal(350_000_000)}, source_ceilings={}, opd_capacity=3
    )
    return plan_a


def test_adopting_a_run_moves_the_initiatives_and_makes_the_plan_of_record(
    budi, region_a, tight, django_capture_on_commit_callbacks
) -> None:
    run = finished_run(django_capture_on_commit_callbacks, budi, region_a)
    schedule = run.result["schedule_years"]
    assert plan_of_record(region_a) is None
    actions.do_adopt_roadmap_run(budi, run)
    plan = plan_of_record(region_a)
    assert plan is not None and plan.run_id == run.pk and plan.input_hash == run.inputs_hash
    assert {i.code: i.start_year for i in plan.initiatives} == schedule
    assert plan.ceilings == {2026: 350_000_000}
    assert plan.totals_by_year()[2026] <= 350_000_000
    assert plan.changes_since_adoption == ()
    portal = Initiative.objects.get(code="PL-01")
    assert portal.start_year == schedule["PL-01"]
    # the budget lines moved with the start year
    assert {line.year for line in portal.budget_lines.all()} == {schedule["PL-01"]}
    document = plan.as_document()
    assert document["run_id"] == run.pk
    assert all(isinstance(v, int) for i in document["initiatives"] for v in i["cost"].values())
    entry = AuditEntry.objects.filter(action="masterplan.adopt").get()
    assert entry.after["input_hash"] == run.inputs_hash and entry.after["recipe"]["run"] == run.pk


def test_a_change_after_adoption_is_named(
    budi, region_a, tight, kominfo_a, django_capture_on_commit_callbacks
):
    actions.do_adopt_roadmap_run(budi, finished_run(django_capture_on_commit_callbacks, budi, region_a))
    portal = Initiative.objects.get(code="PL-01")
    do_save_initiative(
        budi,
        region_a,
        portal,
        budget={(portal.start_year, "APBD"): Decimal(150_000_000)},
        duration=1,
        name="Portal layanan terpadu",
    )
    add_initiative(budi, region_a, "PL-02", kominfo_a)
    do_delete_initiative(budi, Initiative.objects.get(code="KS-01"))
    plan = plan_of_record(region_a)
    assert plan is not None and plan.changed_since_adoption
    assert "PL-01: rincian anggaran berubah." in plan.changes_since_adoption
    adopted_name = next(i.name for i in plan.initiatives if i.code == "PL-01")  # what was signed
    assert f"PL-01: berganti nama “{adopted_name}” → “Portal layanan terpadu”." in plan.changes_since_adoption
    assert "PL-02 ditambahkan setelah adopsi." in plan.changes_since_adoption
    assert "KS-01 dihapus atau dibatalkan setelah adopsi." in plan.changes_since_adoption


def test_a_new_adoption_replaces_the_previous_plan(budi, region_a, tight, django_capture_on_commit_callbacks):
    first = actions.do_confirm_schedule(budi, region_a)
    second = actions.do_adopt_roadmap_run(
        budi, finished_run(django_capture_on_commit_callbacks, budi, region_a)
    )
    first.refresh_from_db()
    assert first.superseded_at is not None and second.superseded_at is None
    assert AdoptedPlan.objects.filter(region=region_a, superseded_at__isnull=True).get() == second


def test_a_stale_or_foreign_run_is_refused(
    budi, dewi, region_a, tight, kominfo_a, django_capture_on_commit_callbacks
) -> None:
    run = finished_run(django_capture_on_commit_callbacks, budi, region_a)
    with pytest.raises(ActionNotAllowed):
        actions.do_adopt_roadmap_run(dewi, run)
    add_initiative(budi, region_a, "PL-03", kominfo_a)
    with pytest.raises(ValidationError, match="berubah setelah optimasi ini"):
        actions.do_adopt_roadmap_run(budi, run)
    assert plan_of_record(region_a) is None


def test_confirming_the_hand_edited_schedule_keeps_the_entered_years(budi, region_a, tight) -> None:
    actions.do_confirm_schedule(budi, region_a)
    plan = plan_of_record(region_a)
    assert plan is not None and plan.run_id is None
    assert {i.code: (i.start_year, i.end_year) for i in plan.initiatives} == {
        "SD-01": (2026, 2027),
        "KS-01": (2028, 2028),
        "PL-01": (2026, 2026),
    }
    assert plan.totals_by_year()[2026] == 400_000_000  # over the 350 juta pagu: the approval check says so


def test_budi_adopts_a_run_on_its_page_and_the_roadmap_page_shows_the_plan(
    as_budi, budi, region_a, tight, django_capture_on_commit_callbacks
) -> None:
    from django.urls import reverse

    run = finished_run(django_capture_on_commit_callbacks, budi, region_a)
    page = as_budi.get(run.get_absolute_url()).content.decode()
    assert "Adopsi jadwal ini sebagai rencana" in page
    response = as_budi.post(reverse("planning:roadmap_adopt", args=[region_a.code, run.pk]))
    assert response.status_code == 302
    roadmap = as_budi.get(reverse("planning:roadmap", args=[region_a.code])).content.decode()
    assert f"#{run.pk}</a> diadopsi pada" in roadmap
    assert 'id="plan-schedule"' in roadmap and "Rp350.000.000" in roadmap
    assert (
        "Hasil optimasi ini adalah rencana yang ditetapkan."
        in as_budi.get(run.get_absolute_url()).content.decode()
    )
    Initiative.objects.filter(code="PL-01").update(duration=2)  # a change the plan has not taken over
    roadmap = as_budi.get(reverse("planning:roadmap", args=[region_a.code])).content.decode()
    assert 'id="changed-since-adoption"' in roadmap and "PL-01: durasi 1 → 2 tahun." in roadmap
    region_page = as_budi.get(reverse("regions:workspace", args=[region_a.code])).content.decode()
    assert "Rencana ditetapkan pada" in region_page and "Berubah sejak adopsi." in region_page


def test_sari_cannot_adopt(as_sari, budi, region_a, tight, django_capture_on_commit_callbacks) -> None:
    from django.urls import reverse

    run = finished_run(django_capture_on_commit_callbacks, budi, region_a)
    assert as_sari.post(reverse("planning:roadmap_adopt", args=[region_a.code, run.pk])).status_code == 403
    assert as_sari.post(reverse("planning:roadmap_confirm", args=[region_a.code])).status_code == 403
    assert plan_of_record(region_a) is None


def test_the_plan_of_record_downloads_as_xlsx(as_budi, budi, region_a, tight) -> None:
    import io

    from django.urls import reverse
    from openpyxl import load_workbook

    actions.do_confirm_schedule(budi, region_a)
    response = as_budi.get(reverse("planning:roadmap_plan_xlsx", args=[region_a.code]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook["Rencana"].iter_rows(values_only=True))
    assert rows[0][:6] == ("kode", "nama", "dimensi", "opd", "mulai", "selesai")
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["SD-01"][4:8] == (2026, 2027, 300_000_000, 200_000_000)
    totals = {
        row[0]: row[1:] for row in workbook["Anggaran per tahun"].iter_rows(min_row=2, values_only=True)
    }
    assert totals[2026] == (400_000_000, 350_000_000)


def test_why_an_initiative_is_left_out_reads_in_the_readers_language(
    as_budi, budi, region_a, plan_a, django_capture_on_commit_callbacks
) -> None:
    """Budi adopts in Indonesian; a reader in English sees the reason in English, not as it was stored."""
    from django.urls import reverse

    ceilings = {year: Decimal(150_000_000) for year in range(2026, 2031)}  # SD-01 needs 300 juta at once
    actions.do_set_roadmap_constraints(
        budi, region_a, budget_ceilings=ceilings, source_ceilings={}, opd_capacity=3
    )
    run = finished_run(django_capture_on_commit_callbacks, budi, region_a)
    actions.do_adopt_roadmap_run(budi, run)
    roadmap = reverse("planning:roadmap", args=[region_a.code])
    assert (
        "SD-01 Inisiatif SD-01: Pagu anggaran tahun 2026 sudah habis."
        in as_budi.get(roadmap).content.decode()
    )
    as_budi.cookies["django_language"] = "en"
    page = as_budi.get(roadmap).content.decode()
    assert "The budget ceiling in 2026 is used up." in page
    assert "sudah habis" not in page
