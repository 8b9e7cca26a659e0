"""Diskominfo hides and redacts (audited); Budi promotes an idea into the problem inventory or marks it
not taken; the citizen follows the chain to the latest KPI value the region published."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.test import Client
from django.urls import reverse

from conftest import logged_in
from kotacerdas.audit.models import AuditEntry
from kotacerdas.participation.conftest import post_idea
from kotacerdas.participation.models import Idea
from kotacerdas.planning.models import Problem
from kotacerdas.portal.actions import do_publish_portal


def _url(name: str, idea: Idea) -> str:
    return reverse(f"participation:{name}", args=[idea.region.code, idea.pk])


def test_budi_hides_an_idea_with_a_reason(as_budi, idea) -> None:
    assert as_budi.post(_url("idea_hide", idea), {"hide-reason": ""}).status_code == 400
    assert as_budi.post(_url("idea_hide", idea), {"hide-reason": "Iklan, bukan ide"}).status_code == 302
    idea.refresh_from_db()
    assert (idea.state, idea.hidden_reason) == ("hidden", "Iklan, bukan ide")
    assert Client().get(idea.get_absolute_url()).status_code == 404
    assert idea.title not in Client().get(idea.consultation.get_absolute_url()).content.decode()
    assert (
        Client().get(f"/api/v1/participation/consultations/{idea.consultation_id}/ideas").json()["count"] == 0
    )
    entry = AuditEntry.objects.get(action="participation.hide")
    assert (entry.before["state"], entry.after["hidden_reason"]) == ("published", "Iklan, bukan ide")


def test_a_held_idea_is_redacted_and_then_shown(as_budi, warga, consultation) -> None:
    held = post_idea(warga, consultation, text="Lampu mati. NIK saya 3373010101010001, HP 081234567890.")
    page = as_budi.get(_url("moderate_idea", held)).content.decode()
    assert "NIK saya [disamarkan], HP [disamarkan]." in page  # the suggested redaction
    still = as_budi.post(_url("idea_redact", held), {"redact-title": held.title, "redact-text": held.text})
    assert still.status_code == 400
    assert "Teks masih memuat NIK atau nomor telepon." in still.content.decode()
    text = "Lampu mati. NIK saya [disamarkan], HP [disamarkan]."
    assert (
        as_budi.post(_url("idea_redact", held), {"redact-title": held.title, "redact-text": text}).status_code
        == 302
    )
    held.refresh_from_db()
    assert (held.state, held.text) == ("published", text)
    assert Client().get(held.get_absolute_url()).status_code == 200
    entries = AuditEntry.objects.filter(object_type="participation.idea", object_id=str(held.pk))
    assert "3373010101010001" not in str([(e.before, e.after) for e in entries])


def test_only_the_coordinator_moderates(idea, sari, rina, warga2) -> None:
    for person in (sari, rina):
        assert logged_in(person).post(_url("idea_hide", idea), {"hide-reason": "x"}).status_code == 403
    assert logged_in(warga2).post(_url("idea_hide", idea), {"hide-reason": "x"}).status_code == 404
    idea.refresh_from_db()
    assert idea.state == "published"


def test_a_comment_is_hidden_and_redacted(as_budi, idea, warga2) -> None:
    from kotacerdas.participation.actions.posting import do_comment

    comment = do_comment(warga2, idea, text="Telepon saya 0812-3456-7890 ya")
    assert comment.state == "held"
    url = reverse("participation:comment_redact", args=[idea.region.code, comment.pk])
    assert as_budi.post(url, {f"c{comment.pk}-text": "Telepon saya [disamarkan] ya"}).status_code == 302
    assert "Telepon saya [disamarkan] ya" in Client().get(idea.get_absolute_url()).content.decode()
    url = reverse("participation:comment_hide", args=[idea.region.code, comment.pk])
    assert as_budi.post(url, {f"c{comment.pk}-reason": "Tidak relevan"}).status_code == 302
    assert "Telepon saya" not in Client().get(idea.get_absolute_url()).content.decode()


def _initiative_with_approved_kpi(budi, sari, region, dinkes, problem) -> None:
    from kotacerdas.monitoring.actions.periods import do_open_period
    from kotacerdas.monitoring.actions.reports import do_review_report, do_save_kpi_report
    from kotacerdas.planning.analysis.actions import do_save_profile
    from kotacerdas.planning.initiatives.actions import do_save_initiative, do_save_kpi

    do_save_profile(budi, region, period_start=2026, period_end=2030)
    initiative = do_save_initiative(
        budi,
        region,
        budget={},
        problems=[],
        code="LIV-01",
        name="Lampu jalan pintar",
        dimension="environment",
        element="environment.protection",
        type="infrastructure",
        owner=dinkes,
        horizon="short",
        start_year=2026,
        duration=1,
    )
    kpi = do_save_kpi(
        budi, initiative, name="Lampu menyala", unit="%", baseline=Decimal(40), targets={2026: 90}
    )
    period = do_open_period(budi, region, year=2026, closes_on=date(2027, 1, 31))
    approved = do_save_kpi_report(sari, period, kpi, value="75", submit=True)
    do_review_report(budi, approved, decision="approved", reason="")
    return initiative


def test_promotion_links_both_ways_and_shows_the_chain(as_budi, budi, sari, idea, region_a, dinkes_a) -> None:
    response = as_budi.post(
        _url("idea_promote", idea), {"promote-code": "M-05", "promote-title": "Penerangan jalan kurang"}
    )
    assert response.status_code == 302
    problem = Problem.objects.get(region=region_a, code="M-05")
    assert problem.origin == "citizen"
    assert list(problem.citizen_ideas.all()) == [idea]
    problem_page = as_budi.get(problem.get_absolute_url()).content.decode()
    assert f'<a href="{idea.get_absolute_url()}">{idea.title}</a>' in problem_page  # linked both ways
    initiative = _initiative_with_approved_kpi(budi, sari, region_a, dinkes_a, problem)
    link = as_budi.post(_url("idea_link", idea), {"link-initiative": initiative.pk})
    assert link.status_code == 302
    do_publish_portal(budi, region_a, parts=["kpis"])  # the public sees the figure the region published
    page = Client().get(idea.get_absolute_url()).content.decode()
    assert '<strong data-testid="problem-code">M-05</strong>' in page
    assert '<span data-testid="initiative-code">LIV-01</span>' in page
    assert '<span data-testid="kpi-actual">75</span>' in page
    again = as_budi.post(_url("idea_decline", idea), {"decline-reason": "Sudah diangkat"})
    assert again.status_code == 400
    assert "Keputusan atas ide ini sudah dibuat." in again.content.decode()


def test_a_draft_kpi_value_never_shows_in_the_chain(as_budi, budi, sari, idea, region_a, dinkes_a) -> None:
    from kotacerdas.monitoring.actions.reports import do_save_kpi_report
    from kotacerdas.monitoring.models import Period

    as_budi.post(
        _url("idea_promote", idea), {"promote-code": "M-05", "promote-title": "Penerangan jalan kurang"}
    )
    initiative = _initiative_with_approved_kpi(budi, sari, region_a, dinkes_a, None)
    as_budi.post(_url("idea_link", idea), {"link-initiative": initiative.pk})
    period = Period.objects.get(region=region_a)
    from kotacerdas.monitoring.actions.periods import do_open_period

    later = do_open_period(budi, region_a, year=2027, closes_on=date(2028, 1, 31))
    do_save_kpi_report(sari, later, initiative.kpis.get(), value="98765")  # a draft
    assert period.year == 2026
    do_publish_portal(budi, region_a, parts=["kpis"])
    page = Client().get(idea.get_absolute_url()).content.decode()
    assert "98765" not in page
    assert '<span data-testid="kpi-actual">75</span>' in page


def test_not_taken_with_a_reason(as_budi, idea) -> None:
    assert as_budi.post(_url("idea_decline", idea), {"decline-reason": ""}).status_code == 400
    assert (
        as_budi.post(_url("idea_decline", idea), {"decline-reason": "Di luar kewenangan kota"}).status_code
        == 302
    )
    page = Client().get(idea.get_absolute_url()).content.decode()
    assert "Tidak diambil: Di luar kewenangan kota" in page
