"""An entry no person wrote (a task's: a job's sweep, retention, a reminder) names its actor as people read
it, "Sistem", in the log and in the refusals that say who moved a record, not the stored word "system"."""

import pytest

from kotacerdas.audit.log import record
from kotacerdas.audit.transitions import stale
from kotacerdas.documents.models import BookVersion

pytestmark = pytest.mark.django_db


def _failed_by(actor, region_a) -> BookVersion:  # type: ignore[no-untyped-def]
    book = BookVersion.objects.create(region=region_a, number=1, programme_year=2026, status="running")
    book.status = "failed"
    book.save()
    record(actor, "job.abandoned", book, before={"status": "running"}, after={"status": "failed"})
    return book


def test_a_task_that_moved_a_record_is_named_as_the_system(region_a) -> None:  # type: ignore[no-untyped-def]
    book = _failed_by(None, region_a)
    (message,) = stale(book).messages
    assert message == "Status sudah berubah menjadi “gagal” oleh Sistem; muat ulang halaman.", message


def test_a_person_who_moved_a_record_is_named_as_at_the_time(budi, region_a) -> None:  # type: ignore[no-untyped-def]
    (message,) = stale(_failed_by(budi, region_a)).messages
    assert f"oleh {budi}; muat ulang halaman." in message, message
