"""A file handed in is not kept when its record cannot be committed (uploads.atomic_with_files), and a
file replaced by a committed write is deleted (uploads.discard_on_commit)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from kotacerdas.assessment.tests.conftest import PNG
from kotacerdas.programme.actions.candidacy import do_record_mou
from kotacerdas.programme.actions.cohorts import do_remove_checklist_item
from kotacerdas.programme.actions.deliverables import do_add_submitted_item
from kotacerdas.programme.actions.institutions import do_save_institution
from kotacerdas.programme.models import Institution, Mou, SubmittedItem
from kotacerdas.programme.tests.conftest import deliverable_of, pdf
from kotacerdas.web import uploads
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


class Failed(Exception):
    """A later step of the same write fails after the replacement was stored."""


def mou_scan(candidacy) -> Path:  # type: ignore[no-untyped-def]
    return Path(settings.MEDIA_ROOT, Mou.objects.get(candidacy=candidacy).file.name)


def record_mou(ayu, candidacy) -> None:  # type: ignore[no-untyped-def]
    do_record_mou(ayu, candidacy, number="NK-2/2026", signed_on=date(2026, 6, 1), upload=pdf("baru.pdf"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_replaced_mou_scan_is_deleted_once_the_new_one_is_committed(committed_world, ayu, selected) -> None:
    candidacy = selected["33.73"]
    old = mou_scan(candidacy)
    record_mou(ayu, candidacy)
    new = mou_scan(candidacy)
    assert new != old and new.is_file()
    assert not old.exists()
    assert mou_scan(selected["34.04"]).is_file()  # the other region's scan is its own


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_mou_replacement_keeps_the_old_scan_only(committed_world, ayu, selected) -> None:
    candidacy = selected["33.73"]
    old = mou_scan(candidacy)
    before = stored_files()
    with pytest.raises(Failed), uploads.atomic_with_files():
        record_mou(ayu, candidacy)
        raise Failed
    assert mou_scan(candidacy) == old and old.is_file()
    assert stored_files() == before


def decree(budi, region, name: str) -> Path:  # type: ignore[no-untyped-def]
    body = do_save_institution(
        budi, region, kind="dewan", decree_number="188/1/2026", decree_date=date(2026, 4, 1), upload=pdf(name)
    )
    return Path(settings.MEDIA_ROOT, body.decree_file.name)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_replaced_sk_is_deleted_and_a_failed_replacement_keeps_it(committed_world, budi, region_a) -> None:
    first = decree(budi, region_a, "sk-lama.pdf")
    second = decree(budi, region_a, "sk-baru.pdf")
    assert second.is_file() and not first.exists()
    before = stored_files()
    with pytest.raises(Failed), uploads.atomic_with_files():
        decree(budi, region_a, "sk-gagal.pdf")
        raise Failed
    assert Path(settings.MEDIA_ROOT, Institution.objects.get().decree_file.name) == second
    assert stored_files() == before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_sk_saved_again_without_a_new_file_keeps_it(committed_world, budi, region_a) -> None:
    first = decree(budi, region_a, "sk.pdf")
    do_save_institution(
        budi, region_a, kind="dewan", decree_number="188/2/2026", decree_date=date(2026, 4, 2), upload=None
    )
    assert first.is_file()
    assert Path(settings.MEDIA_ROOT, Institution.objects.get().decree_file.name) == first


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_discarding_outside_a_transaction_is_refused(committed_world) -> None:
    """Outside a transaction the file would go before the record stops naming it."""
    with pytest.raises(RuntimeError):
        uploads.discard_on_commit("programme/mou/x.pdf", [(Mou, "file")])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_files_handed_in_to_a_removed_checklist_item_go_with_it(
    committed_world, ayu, budi, selected
) -> None:
    """Budi handed in a file but never submitted the deliverable; Ayu removes the item: the file goes,
    another deliverable's file stays."""
    swot = deliverable_of(selected["33.73"], "swot")
    other = deliverable_of(selected["33.73"], "roadmap")
    gone = do_add_submitted_item(budi, swot, label="SWOT", upload=SimpleUploadedFile("swot.png", PNG))
    kept = do_add_submitted_item(budi, other, label="Profil", upload=SimpleUploadedFile("p.png", PNG))
    do_remove_checklist_item(ayu, swot.item)
    files = stored_files()
    assert Path(settings.MEDIA_ROOT, kept.file.name) in files
    assert Path(settings.MEDIA_ROOT, gone.file.name) not in files
