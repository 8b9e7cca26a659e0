"""Masterplan revisions: a region keeps its 2026–2030 plan when it starts the next one."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.audit.models import AuditEntry
from kotacerdas.planning.access import active_masterplan, get_revision, masterplan_revisions
from kotacerdas.planning.analysis.actions import do_save_problem
from kotacerdas.planning.initiatives.actions import do_save_initiative, do_save_kpi
from kotacerdas.planning.models import BudgetLine, Initiative, Kpi, Masterplan, Problem
from kotacerdas.planning.revisions.actions import do_start_revision

pytestmark = pytest.mark.django_db
READ_ONLY = "hanya dapat dibaca"


@pytest.fixture
def old_plan(budi, region_a, plan_a, dinkes_a):
    """Revision 1 (2026–2030) with a problem the telemedicine initiative addresses and a KPI."""
    problem = do_save_problem(
        budi,
        region_a,
        code="M-01",
        title="Antrean puskesmas",
        dimension="living",
        element="living.health",
        opds=[dinkes_a],
    )
    telemed = plan_a["telemed"]
    telemed.problems.set([problem])
    kpi = do_save_kpi(
        budi,
        telemed,
        name="Konsultasi daring",
        unit="orang",
        baseline=Decimal(0),
        targets={2028: "100", 2029: "200"},
    )
    return {**plan_a, "problem": problem, "kpi": kpi}


def start(actor, region, start=2028, end=2032):
    return do_start_revision(actor, region, start, end)


def test_a_region_with_one_plan_has_it_as_revision_1_active(masterplan_a, region_a) -> None:
    assert (masterplan_a.revision, masterplan_a.is_active) == (1, True)
    assert active_masterplan(region_a) == masterplan_a
    assert Masterplan.objects.get(region=region_a) == masterplan_a


def test_a_revision_starts_as_a_copy_marked_carried_over(budi, region_a, old_plan) -> None:
    new = start(budi, region_a)
    old = Masterplan.all_revisions.get(region=region_a, revision=1)
    assert (new.revision, new.is_active, old.is_active) == (2, True, False)
    assert active_masterplan(region_a) == new
    assert new.vision == "Salatiga cerdas"
    copies = {i.code: i for i in Initiative.objects.filter(region=region_a)}
    assert set(copies) == {"SD-01", "KS-01", "PL-01"}
    assert all(i.masterplan == new for i in copies.values())
    assert copies["KS-01"].carried_over_from == old_plan["telemed"]
    # years fitted to 2028–2032: the 2026–2027 data initiative starts in 2028
    assert (copies["SD-01"].start_year, copies["SD-01"].duration) == (2028, 2)
    assert list(copies["KS-01"].predecessors.all()) == [copies["SD-01"]]
    # budget of the years still inside the copy's run; the 2026–2027 lines stay with revision 1
    assert [(b.year, b.amount) for b in copies["KS-01"].budget_lines.all()] == [(2028, Decimal(400_000_000))]
    assert not copies["SD-01"].budget_lines.exists()
    assert BudgetLine.all_revisions.filter(initiative=old_plan["data"]).count() == 2
    kpi = Kpi.objects.get(initiative=copies["KS-01"])
    # the copy runs in 2028 only: the 2029 target stays with revision 1
    assert (kpi.name, kpi.targets) == ("Konsultasi daring", {"2028": "100"})
    problem = Problem.objects.get(region=region_a)
    assert problem.carried_over_from == old_plan["problem"]
    assert list(problem.opds.all()) == list(old_plan["problem"].opds.all())
    assert list(copies["KS-01"].problems.all()) == [problem]
    entry = AuditEntry.objects.get(action="masterplan.revision.start")
    assert entry.after["initiatives"] == 3 and entry.after["kpis"] == 1


def test_the_earlier_revision_stays_readable_with_its_records(budi, as_budi, region_a, old_plan) -> None:
    start(budi, region_a)
    assert [m.revision for m in masterplan_revisions(region_a)] == [1, 2]
    page = as_budi.get(reverse("planning:revision", args=[region_a.code, 1]), HTTP_ACCEPT_LANGUAGE="id")
    assert page.status_code == 200
    text = page.content.decode()
    assert "SD-01" in text and "Konsultasi daring" in text and READ_ONLY in text
    assert "500.000.000" in text  # the data initiative's two years of budget, kept with revision 1
    assert as_budi.get(reverse("planning:revision", args=[region_a.code, 3])).status_code == 404
    profile = as_budi.get(reverse("planning:profile", args=[region_a.code])).content.decode()
    assert reverse("planning:revision", args=[region_a.code, 1]) in profile
    # the active plan's pages show the copies with the badge
    listing = as_budi.get(reverse("planning:initiatives", args=[region_a.code]), HTTP_ACCEPT_LANGUAGE="id")
    assert "dilanjutkan" in listing.content.decode()


def test_writes_to_an_earlier_revision_are_refused(budi, as_budi, region_a, old_plan, kominfo_a) -> None:
    start(budi, region_a)
    old = old_plan["portal"]
    edit = reverse("planning:initiative_edit", args=[region_a.code, old.pk])
    assert as_budi.post(edit, {"code": "PL-01", "name": "Diubah"}).status_code == 404
    delete = reverse("planning:initiative_delete", args=[region_a.code, old.pk])
    assert as_budi.post(delete).status_code == 404
    with translation.override("id"):
        with pytest.raises(ValidationError, match=READ_ONLY):
            do_save_initiative(budi, region_a, old, budget={}, name="Diubah")
        with pytest.raises(ValidationError, match=READ_ONLY):
            do_save_kpi(
                budi, old_plan["telemed"], old_plan["kpi"], name="x", unit="x", baseline=None, targets={}
            )
        with pytest.raises(ValidationError, match=READ_ONLY):
            get_revision(region_a, 1).save()
        with pytest.raises(ValidationError, match=READ_ONLY):
            old_plan["problem"].delete()
    assert Initiative.all_revisions.get(pk=old.pk).name == "Inisiatif PL-01"
    assert Problem.all_revisions.filter(pk=old_plan["problem"].pk).exists()


def test_only_the_coordinator_or_the_national_admin_starts_a_revision(
    sari, as_sari, ayu, region_a, masterplan_a
) -> None:
    with pytest.raises(ActionNotAllowed):
        start(sari, region_a)
    url = reverse("planning:revision_start", args=[region_a.code])
    assert as_sari.get(url).status_code == 403
    assert as_sari.post(url, {"period_start": 2031, "period_end": 2035, "confirm": "on"}).status_code == 403
    assert start(ayu, region_a, 2031, 2035).revision == 2


def test_the_page_starts_a_revision_after_confirmation(as_budi, region_a, plan_a) -> None:
    url = reverse("planning:revision_start", args=[region_a.code])
    assert as_budi.get(url).status_code == 200
    unconfirmed = as_budi.post(url, {"period_start": 2031, "period_end": 2035}, HTTP_ACCEPT_LANGUAGE="id")
    assert unconfirmed.status_code == 400
    too_early = as_budi.post(url, {"period_start": 2026, "period_end": 2030, "confirm": "on"})
    assert too_early.status_code == 400
    assert "2026" in too_early.content.decode()
    assert Masterplan.all_revisions.filter(region=region_a).count() == 1
    done = as_budi.post(url, {"period_start": 2031, "period_end": 2035, "confirm": "on"})
    assert done.status_code == 302
    assert active_masterplan(region_a).period_start == 2031


def test_one_active_revision_per_region_is_a_database_constraint(region_a, masterplan_a) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Masterplan.all_revisions.create(region=region_a, revision=2, period_start=2031, period_end=2035)
    with pytest.raises(IntegrityError), transaction.atomic():
        Masterplan.all_revisions.create(
            region=region_a, revision=1, is_active=False, period_start=2031, period_end=2035
        )


def test_codes_are_unique_per_revision(budi, region_a, old_plan, kominfo_a) -> None:
    start(budi, region_a)
    # the copy may keep the code of its original; a second SD-01 in the same revision is refused
    with pytest.raises(ValidationError):
        do_save_initiative(
            budi,
            region_a,
            budget={},
            code="SD-01",
            name="Lagi",
            dimension="governance",
            element="governance.service",
            type="application",
            owner=kominfo_a,
            horizon="short",
            start_year=2029,
            duration=1,
        )


def test_a_problem_recorded_before_the_first_profile_joins_revision_1(budi, region_a) -> None:
    from kotacerdas.planning.analysis.actions import do_save_profile

    problem = do_save_problem(
        budi, region_a, code="M-09", title="Antrean", dimension="living", element="living.health"
    )
    assert problem.masterplan is None
    plan = do_save_profile(budi, region_a, period_start=2026, period_end=2030)
    assert Problem.objects.get(pk=problem.pk).masterplan == plan
