"""Salatiga's example consultation loads through the actions, once, and shows the whole chain."""

import pytest
from django.test import Client

from kotacerdas.monitoring.demo import load_demo as load_monitoring_demo
from kotacerdas.participation.demo import TITLE, load_demo
from kotacerdas.participation.models import Consultation
from kotacerdas.planning.demo import load_demo as load_planning_demo
from kotacerdas.portal.demo import load_demo as load_portal_demo
from kotacerdas.regions.actions import do_create_opd

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_promoted_a_declined_and_an_open_idea(
    ayu, budi, region_a, django_capture_on_commit_callbacks
) -> None:
    from kotacerdas.demo import OPDS

    for name, short in OPDS["33.73"]:
        do_create_opd(ayu, region_a, name=name, short_name=short)
    with django_capture_on_commit_callbacks(execute=True):
        load_planning_demo(ayu)
    load_monitoring_demo(ayu)
    load_demo(ayu)
    load_demo(ayu)  # idempotent
    load_portal_demo(ayu)  # Salatiga publishes its portal: the idea page shows the published KPI figure
    consultation = Consultation.objects.get(region=region_a, title=TITLE)
    outcomes = sorted(consultation.ideas.values_list("outcome", flat=True))
    assert outcomes == ["not_taken", "open", "promoted"]
    promoted = consultation.ideas.get(outcome="promoted")
    assert (promoted.problem.code, promoted.problem.origin) == ("M-09", "citizen")
    page = Client().get(promoted.get_absolute_url()).content.decode()
    assert '<span data-testid="initiative-code">LIV-01</span>' in page
    assert 'data-testid="kpi-actual"' in page  # the approved actual the portal published
    assert "(contoh)" in page
