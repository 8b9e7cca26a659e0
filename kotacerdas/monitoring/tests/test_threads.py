"""Rina's discussion threads on monitoring reports: shown on the report page, the author notified."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import logged_in, make_person
from kotacerdas.discussion.models import Comment
from kotacerdas.monitoring.actions.reports import do_save_initiative_report, do_save_kpi_report
from kotacerdas.notifications.models import Notification

pytestmark = pytest.mark.django_db


def comment_url(report) -> str:
    return reverse("discussion:add_comment", args=["33.73", report._meta.label_lower, report.pk])


@pytest.fixture
def reports(world, sari):
    kpi = do_save_kpi_report(sari, world.period, world.coverage, numerator="3", denominator="4", submit=True)
    initiative = do_save_initiative_report(sari, world.period, world.telemed, implementation="running")
    return [kpi, initiative]


def test_rina_comments_on_both_report_kinds_and_sari_is_notified(reports, rina, sari) -> None:
    mentor = logged_in(rina)
    for report in reports:
        page = report.get_absolute_url()
        assert mentor.get(page).status_code == 200
        body = {"body": "Mohon lampirkan rekap per puskesmas.", "next": page}
        answer = mentor.post(comment_url(report), body)
        assert answer.status_code == 302 and answer.url == page
        html = logged_in(sari).get(page).text
        assert "Mohon lampirkan rekap per puskesmas." in html
        assert 'name="parent"' in html
    notes = Notification.objects.filter(recipient=sari, kind="monitoring.commented")
    assert notes.count() == 2
    assert {n.url for n in notes} == {r.get_absolute_url() for r in reports}
    assert not Notification.objects.filter(recipient=rina, kind="monitoring.commented").exists()


def test_the_author_replying_is_not_notified_of_her_own_comment(reports, rina, sari) -> None:
    report = reports[0]
    logged_in(rina).post(comment_url(report), {"body": "Sumber datanya?"})
    question = Comment.objects.get()
    answer = logged_in(sari).post(comment_url(report), {"body": "Dinkes, SIMPUS.", "parent": question.pk})
    assert answer.status_code == 302
    assert question.replies.get().author == sari
    assert Notification.objects.filter(recipient=sari, kind="monitoring.commented").count() == 1


def test_the_mentor_reads_the_period_and_opens_reports_but_cannot_review(world, reports, rina) -> None:
    mentor = logged_in(rina)
    period = mentor.get(reverse("monitoring:period", args=["33.73", world.period.pk])).text
    assert reports[0].get_absolute_url() in period
    review = mentor.post(reports[0].get_absolute_url(), {"decision": "approved"})
    assert review.status_code == 403
    assert 'name="decision"' not in mentor.get(reports[0].get_absolute_url()).text


def test_another_region_and_another_opd_cannot_see_or_comment(world, reports, ayu, dewi, region_a) -> None:
    other = logged_in(dewi)
    for report in reports:
        assert other.get(report.get_absolute_url()).status_code == 404
        assert other.post(comment_url(report), {"body": "Halo"}).status_code == 404
    from kotacerdas.regions.models import Opd

    kominfo = Opd.objects.get(region=region_a, pk=world.portal.owner_id)
    stranger = logged_in(make_person(ayu, "wati", "opd_contributor", region_a, kominfo))
    assert stranger.get(reports[0].get_absolute_url()).status_code == 404
    assert not Comment.objects.exists()


def test_a_comment_on_a_report_of_another_region_is_a_404(reports, dewi, region_b) -> None:
    url = reverse("discussion:add_comment", args=[region_b.code, "monitoring.kpireport", reports[0].pk])
    assert logged_in(dewi).post(url, {"body": "Halo"}).status_code == 404
    assert not Comment.objects.exists()
