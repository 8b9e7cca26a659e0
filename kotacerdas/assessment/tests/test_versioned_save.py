"""A save after ``require_version`` knows its new version without reading it back; any other reads it."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from kotacerdas.assessment.actions import answering
from kotacerdas.assessment.models import Answer
from kotacerdas.assessment.tests.conftest import STRUKTUR
from kotacerdas.audit.versioning import require_version

pytestmark = pytest.mark.django_db


def selects_after_the_update(sql: list[str]) -> list[str]:
    update = next(i for i, query in enumerate(sql) if query.startswith('UPDATE "assessment_answer"'))
    return [
        query for query in sql[update + 1 :] if query.startswith("SELECT") and "assessment_answer" in query
    ]


def test_a_save_in_the_transaction_that_locked_the_row_reads_no_version_back(sari, assessment) -> None:
    answer = answering.do_save_answer(sari, assessment, STRUKTUR[0], value="no", explanation="")
    stored = Answer.objects.get(pk=answer.pk)
    with CaptureQueriesContext(connection) as captured, transaction.atomic():
        require_version(stored, stored.version)
        stored.explanation = "SK terlampir"
        stored.save()
    assert not selects_after_the_update([q["sql"] for q in captured.captured_queries])
    assert stored.version == Answer.objects.get(pk=answer.pk).version == answer.version + 1


def test_a_save_in_a_later_transaction_reads_the_version_the_database_gave(sari, budi, assessment) -> None:
    answer = answering.do_save_answer(sari, assessment, STRUKTUR[0], value="no", explanation="")
    mine = Answer.objects.get(pk=answer.pk)
    with transaction.atomic():
        require_version(mine, mine.version)  # locked, then the transaction ends without a save
    Answer.objects.get(pk=answer.pk).save()  # someone else's save in between: the version moves on
    with CaptureQueriesContext(connection) as captured, transaction.atomic():
        mine.save()
    assert selects_after_the_update([q["sql"] for q in captured.captured_queries])
    assert mine.version == Answer.objects.get(pk=answer.pk).version == answer.version + 2


def test_the_answer_save_reads_its_version_once_to_lock_it(sari, assessment) -> None:
    first = answering.do_save_answer(sari, assessment, STRUKTUR[0], value="no", explanation="")
    with CaptureQueriesContext(connection) as captured:
        saved = answering.do_save_answer(
            sari, assessment, STRUKTUR[0], value="yes", explanation="", version=first.version
        )
    sql = [q["sql"] for q in captured.captured_queries]
    assert sum(q.startswith('SELECT "assessment_answer"."version"') for q in sql) == 1  # the lock
    assert saved.version == Answer.objects.get(pk=first.pk).version == first.version + 1
