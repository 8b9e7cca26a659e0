"""Verified data is locked: the only way to change it is a recorded reopening."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.assessment import actions
from kotacerdas.assessment.models import State, Transition
from kotacerdas.assessment.tests.conftest import OTHERS, STRUKTUR

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["budi", "sari"])
def test_nobody_edits_a_verified_answer(verified, who, request) -> None:
    user = request.getfixturevalue(who)
    with pytest.raises(ValidationError):
        actions.do_save_answer(user, verified, STRUKTUR[0], value="no", explanation="")
    assert verified.answers.get(indicator=STRUKTUR[0]).value == "yes"


def test_nobody_imports_over_a_verified_answer(verified, budi) -> None:
    from kotacerdas.assessment.instruments import get_instrument
    from kotacerdas.core.instruments import export_answers_xlsx

    data = export_answers_xlsx(get_instrument("readiness-2019"), {None: {STRUKTUR[0]: "no"}})
    with pytest.raises(ValidationError):
        actions.do_import_answers(budi, verified, data)
    assert verified.answers.get(indicator=STRUKTUR[0]).value == "yes"


def test_reopening_needs_a_reason_and_the_right_person(verified, budi, tono) -> None:
    answer = verified.answers.get(indicator=OTHERS[0])
    with pytest.raises(ActionNotAllowed):
        actions.do_reopen_answer(budi, answer, reason="mau ubah")
    with pytest.raises(ValidationError):
        actions.do_reopen_answer(tono, answer, reason="")
    answer.refresh_from_db()
    assert answer.state == State.VERIFIED


def test_a_recorded_reopening_lets_the_region_revise(verified, tono, budi) -> None:
    answer = verified.answers.get(indicator=OTHERS[0])
    actions.do_reopen_answer(tono, answer, reason="Bukti baru dari wawancara")
    step = Transition.objects.get(answer=answer, action="reopen")
    assert (step.actor, step.reason, step.to_state) == (tono, "Bukti baru dari wawancara", State.RETURNED)
    verified.refresh_from_db()
    assert verified.state == State.RETURNED
    actions.do_save_answer(budi, verified, OTHERS[0], value="no", explanation="dikoreksi")
    assert verified.answers.get(indicator=OTHERS[0]).value == "no"
    with pytest.raises(ValidationError):  # the other verified answers stay locked
        actions.do_save_answer(budi, verified, OTHERS[1], value="no", explanation="")


def test_submitted_answers_are_locked_until_review(in_review, sari) -> None:
    with pytest.raises(ValidationError):
        actions.do_save_answer(sari, in_review, STRUKTUR[0], value="no", explanation="")
