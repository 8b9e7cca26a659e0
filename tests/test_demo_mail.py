"""The first start of the demo shows the logins, not the fifty example e-mails its actions send."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from kotacerdas.demo import load_demo


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
