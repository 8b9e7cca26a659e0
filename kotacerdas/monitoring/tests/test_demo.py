"""Two years of example monitoring for Kota Salatiga load through the actions, once."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kotacerdas.monitoring.demo import load_demo
from kotacerdas.monitoring.models import KpiReport, OutcomeValue, Period
from kotacerdas.planning.demo import load_demo as load_planning_demo
from kotacerdas.regions.actions import do_create_opd

pytestmark = pytest.mark.django_db


@pytest.fixture
def salatiga_plan(ayu, budi, region_a, django_capture_on_commit_callbacks):
    from kotacerdas.demo import OPDS

    for name, short in OPDS["33.73"]:
        do_create_opd(ayu, region_a, name=name, short_name=short)
    with django_capture_on_commit_callbacks(execute=True):
        load_planning_demo(ayu)


def test_the_demo_shows_two_years_a_locked_one_and_a_returned_report(
    ayu, as_budi, region_a, salatiga_plan
) -> None:
    load_demo(ayu)
    load_demo(ayu)  # idempotent
    assert [(p.year, p.state) for p in Period.objects.filter(region=region_a)] == [
        (2026, "locked"),
        (2027, "open"),
    ]
    assert KpiReport.objects.filter(period__year=2027, status="returned").count() == 1
    assert KpiReport.objects.filter(period__year=2027, status="submitted").count() == 1  # Budi's to approve
    assert KpiReport.objects.filter(period__year=2026, status="approved").exists()
    example = OutcomeValue.objects.filter(example=True).order_by("year")
    assert [(v.year, v.value) for v in example] == [(2025, Decimal("4.58")), (2026, Decimal("4.31"))]
    poverty = OutcomeValue.objects.filter(region=region_a, name="Tingkat kemiskinan (contoh)")
    poverty = poverty.order_by("year")
    assert [(v.year, v.example) for v in poverty] == [(2024, False), (2025, True), (2026, True)]  # one series
    page = as_budi.get(reverse("monitoring:region", args=["33.73"]))
    assert page.status_code == 200
    assert "data contoh" in page.text and "Rp" in page.text
    outcomes = as_budi.get(reverse("monitoring:outcomes", args=["33.73"])).text
    # the example series (tagged) and the series started from the masterplan's key indicators
    assert (
        "Tingkat kemiskinan (contoh)" in outcomes
        and "4,58%" in outcomes
        and '<span class="tag">data contoh</span>' in outcomes
    )
    assert "Indeks Pembangunan Manusia (contoh)" in outcomes and "84,99 indeks" in outcomes


def test_the_demo_has_rinas_thread_on_the_returned_report(ayu, budi, rina, region_a, salatiga_plan) -> None:
    from conftest import logged_in
    from kotacerdas.discussion.models import Comment

    load_demo(ayu)
    report = KpiReport.objects.get(period__year=2027, status="returned")
    question = Comment.objects.get(author=rina, object_id=report.pk, parent=None)
    assert question.replies.get().author == report.reported_by
    page = logged_in(rina).get(report.get_absolute_url())
    assert page.status_code == 200 and "rekap puskesmas" in page.text
