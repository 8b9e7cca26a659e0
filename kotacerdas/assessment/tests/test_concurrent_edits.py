"""Two saves of one answer from the same version, released together: exactly one wins."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kotacerdas.assessment.actions import answering
from kotacerdas.assessment.models import Answer
from kotacerdas.assessment.tests.conftest import STRUKTUR
from tests.concurrency import ON_POSTGRESQL, stale, together

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), ON_POSTGRESQL]


def test_two_answer_saves_from_the_same_version(budi, sari, assessment) -> None:
    code = STRUKTUR[0]
    first = answering.do_save_answer(sari, assessment, code, value="no", explanation="belum")

    def save(actor: Any, value: str, explanation: str) -> Callable[[], Answer]:
        return lambda: answering.do_save_answer(
            actor, assessment, code, value=value, explanation=explanation, version=first.version
        )

    results = together(save(sari, "yes", "SK terlampir"), save(budi, "no", ""))
    winners = [r for r in results if isinstance(r, Answer)]
    assert len(winners) == 1, results
    assert sum(stale(r) for r in results) == 1, results
    stored = Answer.objects.get(pk=first.pk)
    assert (stored.value, stored.explanation) == (winners[0].value, winners[0].explanation)
    assert stored.version == first.version + 1
