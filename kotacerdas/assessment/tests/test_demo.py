"""The demo hook builds a verified and a draft assessment, through the actions, once."""

from __future__ import annotations

import pytest

from kotacerdas.assessment.demo import DRAFT_TITLE, VERIFIED_TITLE, load_demo
from kotacerdas.assessment.models import Assessment, State
from kotacerdas.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_it_builds_the_example_and_is_idempotent(ayu, budi, sari, tono) -> None:
    load_demo(ayu)
    verified = Assessment.objects.get(title=VERIFIED_TITLE)
    draft = Assessment.objects.get(title=DRAFT_TITLE)
    assert verified.state == State.VERIFIED
    assert verified.results.get(kind="verified").total < verified.results.get(kind="self").total
    assert draft.state == State.DRAFT and 0 < draft.answers.count() < 47
    entries = AuditEntry.objects.count()
    load_demo(ayu)
    assert Assessment.objects.count() == 2
    assert AuditEntry.objects.count() == entries


def test_it_needs_the_personas(ayu) -> None:
    load_demo(ayu)
    assert not Assessment.objects.exists()
