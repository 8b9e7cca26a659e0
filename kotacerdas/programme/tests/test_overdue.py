"""Overdue reminders: a management command (and a task) notify regions and mentors once a day."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from kotacerdas.notifications.models import Notification
from kotacerdas.programme.tests.conftest import deliverable_of

pytestmark = pytest.mark.django_db


def test_the_command_reminds_once_per_day(
    selected, budi, dewi, rina, django_capture_on_commit_callbacks
) -> None:
    budi.email = "budi@salatiga.example"
    budi.save()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_overdue", "--today", "2026-07-10", stdout=out)
    assert "6 overdue reminder(s)" in out.getvalue()  # 3 Bimtek I items × 2 regions
    assert Notification.objects.filter(recipient=budi, kind="programme.overdue").count() == 3
    assert Notification.objects.filter(recipient=rina, kind="programme.overdue").count() == 3
    assert Notification.objects.filter(recipient=dewi, kind="programme.overdue").count() == 3
    note = Notification.objects.filter(recipient=budi, kind="programme.overdue").first()
    assert "terlambat (tenggat 2 Jul 2026)" in note.text  # a date as on the pages
    assert len(mail.outbox) == 3
    call_command("notify_overdue", "--today", "2026-07-10", stdout=StringIO())
    assert Notification.objects.filter(kind="programme.overdue").count() == 9


def test_submitted_and_approved_deliverables_are_not_overdue(selected, budi) -> None:
    from kotacerdas.programme.actions.deliverables import (
        do_add_submitted_item,
        do_notify_overdue,
        do_submit_deliverable,
    )

    d = deliverable_of(selected["33.73"], "swot")
    do_add_submitted_item(budi, d, label="SWOT", link="/r/33.73/")
    do_submit_deliverable(budi, d)
    assert do_notify_overdue(date(2026, 7, 10)) == 5


def test_the_task_runs_the_same_reminder(selected) -> None:
    from kotacerdas.programme.models import Deliverable
    from kotacerdas.programme.tasks import notify_overdue

    result = notify_overdue.enqueue()
    assert result.return_value == Deliverable.objects.filter(overdue_notified_on__isnull=False).count()


def test_the_worker_sends_the_reminders_as_a_daily_chore(selected, rina) -> None:
    """No cron line is needed (docs/how-to/deploy.md): the worker's ticker sends them once a day."""
    from kotacerdas.jobs import chores

    assert chores.run_due(date(2026, 7, 10))["programme.overdue"] == "done: 6"
    assert chores.run_due(date(2026, 7, 10))["programme.overdue"] == chores.SKIPPED
    assert Notification.objects.filter(recipient=rina, kind="programme.overdue").count() == 3
