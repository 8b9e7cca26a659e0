"""The monitoring getters: a record of another region or another OPD is a 404 (nothing leaks)."""

from __future__ import annotations

import itertools

import pytest
from django.http import Http404

from kotacerdas.monitoring.access import (
    can_report,
    checked_id,
    get_initiative_for_reporter,
    get_initiative_report,
    get_kpi_for_reporter,
    get_kpi_report,
    get_period,
    reportable_initiatives,
    reportable_kpis,
)
from kotacerdas.monitoring.actions.reports import do_save_initiative_report, do_save_kpi_report
from kotacerdas.planning.models import Kpi
from kotacerdas.planning.revisions.actions import do_start_revision
from kotacerdas.web.memo import RequestMemoMiddleware

pytestmark = pytest.mark.django_db


def test_who_reports(world, budi, sari, rina, region_a) -> None:
    assert can_report(budi, region_a)  # the coordinator reports for any OPD
    assert can_report(sari, region_a)
    assert not can_report(rina, region_a)


def test_an_id_no_row_can_have_is_404() -> None:
    assert checked_id(7) == 7
    for pk in (0, -1, 2**63):
        with pytest.raises(Http404):
            checked_id(pk)


def test_a_period_is_found_only_through_its_region(world, region_a, region_b) -> None:
    assert get_period(region_a, world.period.pk) == world.period
    with pytest.raises(Http404):
        get_period(region_b, world.period.pk)


def test_sari_reaches_only_her_opds_initiative_and_reports(world, budi, sari, region_a) -> None:
    assert get_initiative_for_reporter(sari, region_a, world.telemed.pk, 2027) == world.telemed
    with pytest.raises(Http404):
        get_initiative_for_reporter(sari, region_a, world.portal.pk, 2027)
    kpi_report = do_save_kpi_report(budi, world.period, world.poverty, value="9")
    portal_report = do_save_initiative_report(budi, world.period, world.portal, implementation="running")
    own_report = do_save_initiative_report(sari, world.period, world.telemed, implementation="running")
    assert get_kpi_report(budi, region_a, kpi_report.pk) == kpi_report
    assert get_initiative_report(budi, region_a, portal_report.pk) == portal_report
    assert get_initiative_report(sari, region_a, own_report.pk) == own_report
    with pytest.raises(Http404):
        get_kpi_report(sari, region_a, kpi_report.pk)
    with pytest.raises(Http404):
        get_initiative_report(sari, region_a, portal_report.pk)


def _reach(user, region) -> tuple[bool, list[int], list[int]]:
    return (
        can_report(user, region),
        sorted(reportable_kpis(user, region).values_list("pk", flat=True)),
        sorted(reportable_initiatives(user, region).values_list("pk", flat=True)),
    )


def test_in_a_request_the_roles_already_read_give_the_same_reach(world, budi, sari, rina, dewi, region_a):
    for person in (budi, sari, rina, dewi):
        outside = _reach(person, region_a)
        assert RequestMemoMiddleware(lambda _request, p=person: _reach(p, region_a))(None) == outside
    sari_reach = RequestMemoMiddleware(lambda _request: _reach(sari, region_a))(None)
    assert sari_reach == (True, sorted([world.visits.pk, world.coverage.pk]), [world.telemed.pk])
    assert RequestMemoMiddleware(lambda _request: _reach(rina, region_a))(None) == (False, [], [])


def _getter(get, *args):
    try:
        return get(*args)
    except Http404:
        return None


def test_in_a_request_the_compiled_getters_find_what_the_querysets_find(
    world, budi, sari, rina, dewi, region_a, region_b
) -> None:
    do_start_revision(budi, region_a, 2029, 2033)  # 2027 stays revision 1's, 2029 is the copies'
    copies = list(Kpi.objects.filter(initiative__region=region_a).order_by("pk").values_list("pk", flat=True))
    assert len(copies) == 3  # visits, coverage (Sari's Dinkes), poverty (Diskominfo)
    kpis = [world.visits.pk, world.coverage.pk, world.poverty.pk, *copies, 987_654]
    for person, region, year in itertools.product(
        (budi, sari, rina, dewi), (region_a, region_b), (2027, 2029)
    ):
        outside = [_getter(get_kpi_for_reporter, person, region, pk, year) for pk in kpis]
        inside = RequestMemoMiddleware(
            lambda _r, p=person, r=region, y=year: [_getter(get_kpi_for_reporter, p, r, pk, y) for pk in kpis]
        )(None)
        assert inside == outside, (person, region, year)
        assert [k and (k.initiative.code, k.initiative.owner.name) for k in inside] == [
            k and (k.initiative.code, k.initiative.owner.name) for k in outside
        ]
    for year, found in (
        (2027, [True, True, False, False, False, False, False]),
        (2029, [False] * 3 + [True, True, False, False]),
    ):
        sari_finds = RequestMemoMiddleware(
            lambda _r, y=year: [_getter(get_kpi_for_reporter, sari, region_a, pk, y) for pk in kpis]
        )
        assert [bool(k) for k in sari_finds(None)] == found, year
    assert (
        RequestMemoMiddleware(lambda _r: _getter(get_period, region_a, world.period.pk))(None) == world.period
    )
    assert RequestMemoMiddleware(lambda _r: _getter(get_period, region_b, world.period.pk))(None) is None


def test_a_reports_history_and_evidence_are_the_orms_for_both_kinds(
    world, sari, budi, django_assert_num_queries
):
    from kotacerdas.monitoring.access import report_evidence, report_history
    from kotacerdas.monitoring.actions.reports import do_review_report

    kpi_report = do_save_kpi_report(
        sari,
        world.period,
        world.visits,
        value="12",
        evidence_label="Foto",
        evidence_link="https://contoh.go.id/a",
    )
    kpi_report = do_save_kpi_report(sari, world.period, world.visits, value="13", submit=True)
    do_review_report(budi, kpi_report, decision="returned", reason="Lengkapi bukti")
    other = do_save_kpi_report(sari, world.period, world.coverage, numerator="1", denominator="2")
    initiative_report = do_save_initiative_report(
        sari,
        world.period,
        world.telemed,
        implementation="running",
        evidence_label="SK",
        evidence_link="https://x.id",
    )
    for report in (kpi_report, other, initiative_report):
        with django_assert_num_queries(2):
            history, evidence = report_history(report), report_evidence(report)
            names = [step.actor.username for step in history]  # actors came with their steps
        orm_history = list(report.transitions.select_related("actor"))
        assert [(t.pk, t.to_status, t.actor.username) for t in orm_history] == [
            (t.pk, t.to_status, name) for t, name in zip(history, names, strict=True)
        ]
        assert [e.pk for e in evidence] == [e.pk for e in report.evidence.all()]
    assert [t.to_status for t in report_history(kpi_report)] == ["submitted", "returned"]
    assert [e.label for e in report_evidence(kpi_report)] == ["Foto"]
    assert report_history(other) == [] and [e.label for e in report_evidence(initiative_report)] == ["SK"]
