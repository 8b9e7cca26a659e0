"""KPI targets against the adopted roadmap: a KPI whose yearly targets lie in years the adopted plan does
not run its initiative is a finding (masterplan and roadmap pages, with a link to the KPI), and Budi may
shift its targets by the years the plan moved the initiative — refused as a whole when a target would
leave the masterplan period, from a stale page, or by a reader."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from conftest import logged_in
from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.audit.models import AuditEntry
from kotacerdas.planning.checks import finding_lines, kpi_targets_outside_plan, plan_findings
from kotacerdas.planning.conftest import add_initiative
from kotacerdas.planning.initiatives.actions import do_save_initiative, do_save_kpi
from kotacerdas.planning.models import AdoptedPlan, Initiative, Kpi
from kotacerdas.planning.roadmap import actions
from kotacerdas.planning.roadmap.tests.test_adoption import finished_run

pytestmark = pytest.mark.django_db


def _defer(budi, region, initiative: Initiative, start: int) -> Initiative:
    """Budi moves the initiative to ``start`` (budget along) and confirms the schedule as the plan."""
    budget = {
        (start + line.year - initiative.start_year, line.source): line.amount
        for line in initiative.budget_lines.all()
    }
    moved = do_save_initiative(
        budi, region, initiative, budget=budget, start_year=start, duration=initiative.duration
    )
    actions.do_confirm_schedule(budi, region)
    return moved


@pytest.fixture
def deferred(budi, region_a, masterplan_a, kominfo_a):
    """KS-02 was planned 2027–2028 with KPI targets for those years; the adopted plan runs it 2029–2030."""
    telemed = add_initiative(
        budi,
        region_a,
        "KS-02",
        kominfo_a,
        start=2027,
        duration=2,
        budget={(2027, "APBD"): Decimal(100_000_000), (2028, "APBD"): Decimal(50_000_000)},
    )
    kpi = do_save_kpi(
        budi, telemed, name="Konsultasi daring", unit="orang", baseline=None, targets={2027: 100, 2028: 250}
    )
    assert kpi.targets_start_year == 2027
    _defer(budi, region_a, telemed, 2029)
    kpi.refresh_from_db()
    return kpi


def _versions(*kpis: Kpi) -> dict[int, int]:
    return {k.pk: Kpi.objects.get(pk=k.pk).version for k in kpis}


def _plan(region) -> int:
    return AdoptedPlan.objects.get(region=region, superseded_at=None).pk


def test_a_kpi_with_targets_outside_the_adopted_years_is_a_finding_with_a_link(budi, region_a, deferred):
    lines = finding_lines(plan_findings(region_a))
    kpi_lines = [line for line in lines if "Konsultasi daring" in line.text]
    assert [line.text for line in kpi_lines] == [
        "KS-02: IKU “Konsultasi daring” memiliki target pada tahun 2027, 2028, padahal rencana yang "
        "ditetapkan menjalankan inisiatifnya pada 2029–2030."
    ]
    initiative = deferred.initiative
    assert kpi_lines[0].url == f"/r/{region_a.code}/masterplan/inisiatif/{initiative.pk}/#kpi-{deferred.pk}"


def test_a_kpi_inside_the_adopted_years_or_without_an_adopted_plan_is_no_finding(
    budi, region_a, masterplan_a, kominfo_a
):
    portal = add_initiative(budi, region_a, "PL-09", kominfo_a, start=2026, duration=2, budget={})
    do_save_kpi(budi, portal, name="Pengguna", unit="orang", baseline=None, targets={2026: 5, 2027: 9})
    assert kpi_targets_outside_plan(region_a) == []  # nothing adopted yet
    actions.do_confirm_schedule(budi, region_a)
    assert kpi_targets_outside_plan(region_a) == []
    do_save_kpi(budi, portal, name="Kepuasan", unit="%", baseline=None, targets={2028: 80})  # after the end
    assert [o.years for o in kpi_targets_outside_plan(region_a)] == [(2028,)]


def test_the_optimiser_deferring_an_initiative_flags_its_kpi(
    budi, region_a, plan_a, django_capture_on_commit_callbacks
):
    """A 2026 ceiling that SD-01 and PL-01 cannot share: the optimiser defers one of them; its KPI,
    entered for 2026, is flagged and can be shifted by the years it was deferred."""
    actions.do_set_roadmap_constraints(
        budi, region_a, budget_ceilings={2026: Decimal(350_000_000)}, source_ceilings={}, opd_capacity=3
    )
    for initiative in plan_a.values():
        do_save_kpi(
            budi,
            initiative,
            name=f"Capaian {initiative.code}",
            unit="%",
            baseline=None,
            targets={initiative.start_year: 50},
        )
    actions.do_adopt_roadmap_run(budi, finished_run(django_capture_on_commit_callbacks, budi, region_a))
    outside = kpi_targets_outside_plan(region_a)
    assert len(outside) >= 1
    for o in outside:
        assert o.initiative.start_year == o.adopted_start > o.kpi.targets_start_year
        assert o.shift == o.adopted_start - o.kpi.targets_start_year
    actions.do_shift_kpi_targets(
        budi, region_a, plan_id=_plan(region_a), versions=_versions(*(o.kpi for o in outside))
    )
    assert kpi_targets_outside_plan(region_a) == []


def test_budi_shifts_the_targets_by_the_years_the_plan_moved_the_initiative(budi, region_a, deferred):
    shifted = actions.do_shift_kpi_targets(
        budi, region_a, plan_id=_plan(region_a), versions=_versions(deferred), initiative=deferred.initiative
    )
    assert [k.pk for k in shifted] == [deferred.pk]
    kpi = Kpi.objects.get(pk=deferred.pk)
    assert kpi.targets == {"2029": "100", "2030": "250"}
    assert kpi.targets_start_year == 2029 and kpi.version == deferred.version + 1
    assert kpi_targets_outside_plan(region_a) == []
    entry = AuditEntry.objects.get(action="masterplan.kpi.shift_targets")
    assert entry.before["targets"] == {"2027": "100", "2028": "250"}
    assert entry.after == {"targets": {"2029": "100", "2030": "250"}, "targets_start_year": 2029}


def test_a_shift_out_of_the_period_is_refused_and_nothing_moves(budi, region_a, masterplan_a, kominfo_a):
    late = add_initiative(
        budi, region_a, "KS-03", kominfo_a, start=2028, duration=1, budget={(2028, "APBD"): Decimal(1)}
    )
    kpi = do_save_kpi(budi, late, name="Layanan", unit="unit", baseline=None, targets={2028: 1, 2029: 2})
    _defer(budi, region_a, late, 2030)
    with pytest.raises(ValidationError) as refused:
        actions.do_shift_kpi_targets(budi, region_a, plan_id=_plan(region_a), versions=_versions(kpi))
    assert refused.value.messages == [
        "KS-03, IKU “Layanan”: target 2029 akan bergeser ke 2031, di luar periode masterplan (2026–2030). "
        "Tidak ada yang digeser; perbaiki target ini secara manual di halaman inisiatifnya."
    ]
    assert Kpi.objects.get(pk=kpi.pk).targets == {"2028": "1", "2029": "2"}
    assert not AuditEntry.objects.filter(action="masterplan.kpi.shift_targets").exists()


def test_a_stale_page_is_refused_with_who_changed_the_kpi(budi, region_a, deferred):
    seen = _versions(deferred)
    do_save_kpi(
        budi,
        deferred.initiative,
        deferred,
        name="Konsultasi daring",
        unit="orang",
        baseline=None,
        targets={2027: 120, 2028: 250},
    )
    with pytest.raises(ValidationError) as refused:
        actions.do_shift_kpi_targets(budi, region_a, plan_id=_plan(region_a), versions=seen)
    assert "Data ini sudah diubah oleh" in " ".join(refused.value.messages)
    assert Kpi.objects.get(pk=deferred.pk).targets == {"2027": "120", "2028": "250"}


def test_a_page_from_before_another_adoption_or_another_kpi_is_refused(budi, region_a, deferred):
    old_plan = _plan(region_a)
    actions.do_confirm_schedule(budi, region_a)
    with pytest.raises(ValidationError, match="ditetapkan lagi"):
        actions.do_shift_kpi_targets(budi, region_a, plan_id=old_plan, versions=_versions(deferred))
    with pytest.raises(ValidationError, match="berubah setelah"):
        actions.do_shift_kpi_targets(budi, region_a, plan_id=_plan(region_a), versions={})
    assert Kpi.objects.get(pk=deferred.pk).targets == {"2027": "100", "2028": "250"}


def test_a_reader_may_not_shift(rina, region_a, deferred):
    with pytest.raises(ActionNotAllowed):
        actions.do_shift_kpi_targets(rina, region_a, plan_id=_plan(region_a), versions=_versions(deferred))


SHIFT_URL = "/r/{code}/masterplan/roadmap/geser-target/"


def test_budi_sees_the_finding_and_the_button_and_shifts_from_the_page(budi, region_a, deferred):
    client = logged_in(budi)
    for page in ("masterplan/", "masterplan/roadmap/"):
        html = client.get(f"/r/{region_a.code}/{page}").content.decode()
        assert "IKU “Konsultasi daring” memiliki target pada tahun 2027, 2028" in html, page
        assert f"#kpi-{deferred.pk}" in html
        assert "Geser target IKU KS-02 mengikuti peta jalan (2 tahun)" in html
    initiative_page = client.get(deferred.initiative.get_absolute_url()).content.decode()
    assert f'id="kpi-{deferred.pk}"' in initiative_page
    data = {
        "plan": _plan(region_a),
        "initiative": deferred.initiative.pk,
        f"kpi-{deferred.pk}": deferred.version,
    }
    response = client.post(SHIFT_URL.format(code=region_a.code), data, follow=True)
    assert response.redirect_chain[-1][0] == f"/r/{region_a.code}/masterplan/roadmap/"
    assert "Target 1 IKU kini mengikuti rencana yang ditetapkan." in response.content.decode()
    assert Kpi.objects.get(pk=deferred.pk).targets == {"2029": "100", "2030": "250"}
    again = client.post(SHIFT_URL.format(code=region_a.code), data, follow=True)  # the same page again
    assert "Data ini sudah diubah oleh" in again.content.decode()


def test_readers_see_the_finding_without_a_button_and_get_403(rina, sari, region_a, deferred):
    """Rina (mentor) and Sari (OPD staff) read the masterplan; Ayu, like for every planning write, may
    act as the coordinator (can_edit_masterplan)."""
    data = {"plan": _plan(region_a), f"kpi-{deferred.pk}": deferred.version}
    for reader in (rina, sari):
        client = logged_in(reader)
        html = client.get(f"/r/{region_a.code}/masterplan/roadmap/").content.decode()
        assert "IKU “Konsultasi daring” memiliki target" in html
        assert "geser-target" not in html and "Geser target IKU" not in html
        assert client.post(SHIFT_URL.format(code=region_a.code), data).status_code == 403
    assert Kpi.objects.get(pk=deferred.pk).targets == {"2027": "100", "2028": "250"}


def test_odd_input_is_a_message_not_a_500(budi, region_a, deferred):
    response = logged_in(budi).post(SHIFT_URL.format(code=region_a.code), {"plan": "x"}, follow=True)
    assert response.status_code == 200
    assert "Muat ulang halaman" in response.content.decode()
