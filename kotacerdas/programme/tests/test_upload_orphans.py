"""A file handed in is not kept when its record cannot be committed (uploads.atomic_with_files)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from kotacerdas.assessment.tests.conftest import PNG
from kotacerdas.programme.actions.cohorts import do_remove_checklist_item
from kotacerdas.programme.actions.deliverables import do_add_submitted_item
from kotacerdas.programme.models import SubmittedItem
from kotacerdas.programme.tests.conftest import deliverable_of
from tests.reference_data import restore_reference_data


@pytest.fixture
def committed_world(django_db_serialized_rollback: None) -> None:
    restore_reference_data()  # the flush after a committing test empties every table


def stored_files() -> list[Path]:
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_scan_handed_in_to_a_deliverable_removed_meanwhile_is_not_kept(
    committed_world, ayu, budi, selected
) -> None:
    """Budi's page shows the deliverable; Ayu removes its checklist item (nothing handed in yet); Budi's
    upload then fails at the commit (the deliverable's row is gone) — and its file goes too."""
    swot = deliverable_of(selected["33.73"], "swot")
    do_remove_checklist_item(ayu, swot.item)
    before = stored_files()
    with pytest.raises(IntegrityError):
        do_add_submitted_item(budi, swot, label="SWOT", upload=SimpleUploadedFile("swot.png", PNG))
    assert not SubmittedItem.objects.exists()
    assert stored_files() == before
