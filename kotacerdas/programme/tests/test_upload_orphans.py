"""A file handed in is not kept when its record cannot be committed (uploads.atomic_with_files), and a
file replaced by a committed write is deleted (uploads.discard_on_commit)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.utils import translation

from kotacerdas.assessment.tests.conftest import PNG
from kotacerdas.programme.actions import cohorts, deliverables
from kotacerdas.programme.actions.candidacy import do_record_mou
from kotacerdas.programme.actions.cohorts import do_remove_checklist_item
from kotacerdas.programme.actions.deliverables import do_add_submitted_item
from kotacerdas.programme.actions.institutions import do_save_institution
from kotacerdas.programme.models import ChecklistItem, Institution, Mou, SubmittedItem
from kotacerdas.programme.tests.conftest import deliverable_of, pdf
from kotacerdas.web import uploads
from kotacerdas.web.tests.race import on_postgresql
from tests.reference_data import restore_reference_data

ITEM_GONE = "Luaran ini sudah dihapus dari daftar periksa; tidak ada yang diserahkan. Muat ulang halaman."


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
    upload is then refused with a message saying why (not an integrity error at the commit), and no file
    is stored."""
    swot = deliverable_of(selected["33.73"], "swot")
    do_remove_checklist_item(ayu, swot.item)
    before = stored_files()
    with pytest.raises(ValidationError) as refused:
        do_add_submitted_item(budi, swot, label="SWOT", upload=SimpleUploadedFile("swot.png", PNG))
    assert refused.value.messages == [ITEM_GONE]
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


# ------------------------------------------------------------------ a hand-in while the item is removed
# Budi hands in a file at the moment Ayu removes its checklist item, on real threads and connections.
# Each test starts the other person's action from inside the first one's transaction (at its audit
# entry, after its locks), gives it time to run, then lets the first one commit: the second either waits
# for the first one's lock or — without the locks — commits in between. PostgreSQL only (row locks).

PAUSE = 3  # seconds the first action waits for the second before it goes on to commit


def meanwhile(call: Callable[[], Any]) -> tuple[threading.Thread, list[Any]]:
    """Run ``call`` on its own thread and connection; its result or exception lands in the list."""
    outcome: list[Any] = []

    def run() -> None:
        translation.activate("id")
        try:
            outcome.append(call())
        except Exception as error:  # the refusal is what the test looks at
            outcome.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(PAUSE)  # with the locks, it waits for the first action's commit: go on without it
    return thread, outcome


def during_audit_entry(module: Any, call: Callable[[], Any]) -> tuple[Callable[..., Any], list[Any]]:
    """``module.record`` that, the first time, runs ``call`` meanwhile (see :func:`meanwhile`)."""
    real = module.record
    started: list[Any] = []

    def record(*args: Any, **kwargs: Any) -> Any:
        if not started:
            started.append(meanwhile(call))
        return real(*args, **kwargs)

    return record, started


def finished(started: list[Any]) -> Any:
    thread, outcome = started[0]
    thread.join(60)
    assert not thread.is_alive(), "the second action hung"
    return outcome[0]


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_file_handed_in_while_the_item_is_being_removed_is_refused_and_not_kept(
    committed_world, ayu, budi, selected, monkeypatch
) -> None:
    """Ayu's removal has begun (its locks taken, its audit entry being written) when Budi hands in a
    file: his hand-in waits, then finds the deliverable gone and is refused; no file is left behind.
    Without the locks it committed in between, the removal deleted its row but not its file."""
    swot = deliverable_of(selected["33.73"], "swot")
    before = stored_files()
    hand_in = lambda: do_add_submitted_item(  # noqa: E731
        budi, swot, label="SWOT", upload=SimpleUploadedFile("swot.png", PNG)
    )
    record, started = during_audit_entry(cohorts, hand_in)
    monkeypatch.setattr(cohorts, "record", record)
    do_remove_checklist_item(ayu, swot.item)
    refused = finished(started)
    assert isinstance(refused, ValidationError), refused
    assert refused.messages == [ITEM_GONE]
    assert not ChecklistItem.objects.filter(pk=swot.item_id).exists()
    assert not SubmittedItem.objects.exists()
    assert stored_files() == before


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_item_removed_while_a_file_is_being_handed_in_takes_the_file_with_it(
    committed_world, ayu, budi, selected, monkeypatch
) -> None:
    """Budi's hand-in has stored its file and is writing its audit entry when Ayu removes the checklist
    item: the removal waits for the hand-in's commit, then removes the deliverable and discards the
    file. Without the locks the removal committed first and Budi's hand-in failed with an integrity
    error at its commit."""
    swot = deliverable_of(selected["33.73"], "swot")
    before = stored_files()
    record, started = during_audit_entry(deliverables, lambda: do_remove_checklist_item(ayu, swot.item))
    monkeypatch.setattr(deliverables, "record", record)
    handed = do_add_submitted_item(budi, swot, label="SWOT", upload=SimpleUploadedFile("swot.png", PNG))
    assert finished(started) is None  # the removal went through
    assert handed.file.name
    assert not ChecklistItem.objects.filter(pk=swot.item_id).exists()
    assert not SubmittedItem.objects.exists()
    assert stored_files() == before
