"""The first start of the demo shows the logins, not the fifty example e-mails its actions send."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from kotacerdas.accounts.models import User
from kotacerdas.demo import load_demo
from kotacerdas.programme.actions.cohorts import do_update_checklist_item
from kotacerdas.programme.models import ChecklistItem


@pytest.mark.django_db
def test_loading_the_demo_prints_no_example_e_mails_and_says_how_many_it_held(
    settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # what `kotacerdas up` uses
    held = load_demo()  # in a test's transaction only the e-mails sent at once (citizens' verification)
    printed = capsys.readouterr().out
    assert held >= 3 and "Subject:" not in printed
    assert load_demo() == 0  # already there: nothing done, nothing held


@pytest.mark.django_db
def test_a_tests_own_outbox_is_given_back(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = [mail.EmailMessage("before", "kept", to=["x@contoh.invalid"])]
    load_demo()
    assert [message.subject for message in mail.outbox] == ["before"]


@pytest.mark.django_db
def test_the_first_chore_tick_after_the_demo_writes_its_e_mails_to_files_not_the_terminal(
    settings: Any, capsys: pytest.CaptureFixture[str], tmp_path: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """`kotacerdas up` ticks the daily chores once started; their reminders buried the logins."""
    import kotacerdas.settings as project_settings
    from kotacerdas.jobs import chores

    # The default outside production (the test runner swaps its own outbox in for the settings).
    assert project_settings.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend"
    assert str(project_settings.VAR_DIR / "mail") == project_settings.EMAIL_FILE_PATH
    settings.EMAIL_BACKEND = project_settings.EMAIL_BACKEND
    settings.EMAIL_FILE_PATH = str(tmp_path)
    load_demo()
    # the demo owes nothing past its date (its Bimtek calendar is counted from today): Ayu moves the
    # roadmap of Bimtek IV, still owed by Sleman, to yesterday, so the chore has a reminder to send
    roadmap = ChecklistItem.objects.get(code="roadmap")
    yesterday = timezone.localdate() - timedelta(days=1)
    ayu = User.objects.get(username="ayu")
    do_update_checklist_item(
        ayu, roadmap, title=roadmap.title, description=roadmap.description, due_on=yesterday
    )
    capsys.readouterr()
    with django_capture_on_commit_callbacks(execute=True):  # the e-mails go once the chore commits
        ran = chores.run_due()
    printed = capsys.readouterr().out
    written = "".join(path.read_text() for path in tmp_path.iterdir())
    assert ran["programme.overdue"] not in ("done: 0", chores.SKIPPED)  # Sleman's roadmap is late
    assert "Subject:" not in printed and "Subject:" in written
