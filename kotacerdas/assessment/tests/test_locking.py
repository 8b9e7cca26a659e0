"""Verified data is locked: the only way to change it is a recorded reopening."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.assessment.actions import answering, reviewing
from kotacerdas.assessment.models import State, Transition
from kotacerdas.assessment.tests.conftest import OTHERS, STRUKTUR

pytestmark = pytest.mark.django_db

# The refusals these tests expect, by their message (in the active language): a bare
# pytest.raises(ValidationError) would also pass for any other refusal, such as a bad value.
LOCKED = "This answer is locked: it has been submitted or verified."
LOCKED_IN_FILE = "These answers are locked and cannot be changed: %(codes)s."
NO_REASON = "Give a reason."
NOT_IN_THIS_STATE = "This is not possible while the assessment is “%(state)s”."


def refused_because(error: pytest.ExceptionInfo[ValidationError], msgid: str, **params: str) -> bool:
    """The refusal is exactly this message (translated, then filled in like the action does)."""
    return error.value.messages == [gettext(msgid) % params if params else gettext(msgid)]


@pytest.mark.parametrize("who", ["budi", "sari"])
def test_nobody_edits_a_verified_answer(verified, who, request) -> None:
    user = request.getfixturevalue(who)
    with pytest.raises(ValidationError) as error:
        answering.do_save_answer(user, verified, STRUKTUR[0], value="no", explanation="")
    assert refused_because(error, LOCKED)
    assert verified.answers.get(indicator=STRUKTUR[0]).value == "yes"


def _workbook(values: dict[str, str]) -> bytes:
    from kotacerdas.assessment.instruments import get_instrument
    from kotacerdas.core.instruments import export_answers_xlsx

    return export_answers_xlsx(get_instrument("readiness-2019"), {None: values})


def test_a_verified_assessment_takes_no_import(verified, budi) -> None:
    with pytest.raises(ValidationError) as error:
        answering.do_import_answers(budi, verified, _workbook({STRUKTUR[0]: "no"}))
    assert refused_because(error, NOT_IN_THIS_STATE, state=verified.get_state_display())
    assert verified.answers.get(indicator=STRUKTUR[0]).value == "yes"


def test_nobody_imports_over_a_verified_answer(verified, budi, tono) -> None:
    # One answer reopened: the assessment takes answers again, but its verified answers stay locked.
    reviewing.do_reopen_answer(tono, verified.answers.get(indicator=OTHERS[0]), reason="Bukti baru")
    verified.refresh_from_db()
    assert verified.state == State.RETURNED
    with pytest.raises(ValidationError) as error:
        answering.do_import_answers(budi, verified, _workbook({STRUKTUR[0]: "no"}))
    assert error.value.message_dict == {"file": [gettext(LOCKED_IN_FILE) % {"codes": STRUKTUR[0]}]}
    assert verified.answers.get(indicator=STRUKTUR[0]).value == "yes"


def test_reopening_needs_a_reason_and_the_right_person(verified, budi, tono) -> None:
    answer = verified.answers.get(indicator=OTHERS[0])
    with pytest.raises(ActionNotAllowed):
        reviewing.do_reopen_answer(budi, answer, reason="mau ubah")
    with pytest.raises(ValidationError) as error:
        reviewing.do_reopen_answer(tono, answer, reason="")
    assert error.value.message_dict == {"reason": [gettext(NO_REASON)]}
    answer.refresh_from_db()
    assert answer.state == State.VERIFIED


def test_a_recorded_reopening_lets_the_region_revise(verified, tono, budi) -> None:
    answer = verified.answers.get(indicator=OTHERS[0])
    reviewing.do_reopen_answer(tono, answer, reason="Bukti baru dari wawancara")
    step = Transition.objects.get(answer=answer, action="reopen")
    assert (step.actor, step.reason, step.to_state) == (tono, "Bukti baru dari wawancara", State.RETURNED)
    verified.refresh_from_db()
    assert verified.state == State.RETURNED
    answering.do_save_answer(budi, verified, OTHERS[0], value="no", explanation="dikoreksi")
    assert verified.answers.get(indicator=OTHERS[0]).value == "no"
    with pytest.raises(ValidationError) as error:  # the other verified answers stay locked
        answering.do_save_answer(budi, verified, OTHERS[1], value="no", explanation="")
    assert refused_because(error, LOCKED)


def test_submitted_answers_are_locked_until_review(in_review, sari) -> None:
    with pytest.raises(ValidationError) as error:
        answering.do_save_answer(sari, in_review, STRUKTUR[0], value="no", explanation="")
    assert refused_because(error, LOCKED)
