"""Every kind of entry the code can write reads as what was done, in Indonesian and in English.

The demo's test (test_audit_log_demo.py) covers what the demo writes; the rarer writes went without a
sentence and read "… mengubah …": the nightly retention "system mengubah 2026" for deleting a
period's evidence files, a verifier "mengubah" an answer they returned, the mentor "mengubah" books
approved with an exception, the national admin "mengubah" a person whose personal data they erased.
Here the names come from the source (written_actions.py), so a new action cannot be forgotten."""

from __future__ import annotations

from pathlib import Path

import polib
from django.utils import translation

from kotacerdas.accounts.audit_sentences import sentence, template_of
from kotacerdas.audit.models import AuditEntry
from kotacerdas.audit.tests.written_actions import written_actions

# Django merges the apps' catalogues: a sentence may be in the project's or in accounts' (its module's)
ENGLISH = sorted((Path(__file__).resolve().parents[2]).rglob("locale/en/LC_MESSAGES/django.po"))


def test_the_source_is_read_through_every_way_an_action_is_named() -> None:
    written = written_actions()
    assert written.unknown == []  # a name built in a new way: list it in written_actions.BUILT
    assert len(written.actions) > 200
    assert {
        "evaluation.spbe_attach",  # record(actor, "…", …)
        "notification.read",  # save_audited(actor, "…", …)
        "masterplan.kpi.save",  # planning's save_record(actor, obj, "…", …), a helper passing it on
        "monitoring.status.remove",  # monitoring's _write_set(…, "…"), another
        "monitoring.period.reopen",  # _move_period(…, action="…")
        "monitoring.period.overdue",  # f"monitoring.period.{kind…}" from the notice kinds
        "assessment.review_return",  # f"assessment.review_{decision}" from the three decisions
        "deliverable.approved",  # f"deliverable.{target}" from the transitions
        "admin.user.change",  # the admin mirror's AuditEntry.objects.create(action=f"admin.…")
    } <= written.actions


def test_every_action_the_code_writes_has_a_sentence() -> None:
    missing = sorted(action for action in written_actions().actions if template_of(action) is None)
    assert missing == []


def test_every_sentence_reads_in_indonesian_and_is_catalogued_in_english() -> None:
    english_catalogue = {e.msgid for path in ENGLISH for e in polib.pofile(str(path)) if not e.obsolete}
    templates = {template_of(action) for action in written_actions().actions}
    untranslated, uncatalogued = [], []
    for template in templates:
        with translation.override("en"):
            english = str(template)
        with translation.override("id"):
            indonesian = str(template)
        assert "%(object)s" not in english or "%(object)s" in indonesian, english
        if indonesian == english:
            untranslated.append(english)
        if english not in english_catalogue:
            uncatalogued.append(english)
    assert sorted(untranslated) == []
    assert sorted(uncatalogued) == []


def _said(action: str, actor_name: str, object_repr: str, **entry: object) -> str:
    with translation.override("id"):
        return sentence(
            AuditEntry(action=action, actor_name=actor_name, object_repr=object_repr, **entry)
        ).text


def test_the_rarer_entries_read_as_what_was_done() -> None:
    assert (
        _said("monitoring.evidence_retention", "system", "2026")
        == "Sistem menghapus berkas bukti periode 2026 yang masa simpannya habis."
    )
    assert (
        _said("assessment.review_return", "Dewi", "SD-01 · Swanilai 2026")
        == "Dewi mengembalikan jawaban SD-01 · Swanilai 2026 untuk diperbaiki."
    )
    assert (
        _said("books.approve_exception", "Rina", "Kota Salatiga v3")
        == "Rina menyetujui buku Kota Salatiga v3 dengan pengecualian."
    )
    assert _said("person.erase", "Ayu", "warga-7f3a") == "Ayu menghapus data pribadi warga-7f3a."
    assert (
        _said("admin.region.change", "Ayu", "Kota Salatiga", object_type="regions.region")
        == "Ayu mengubah Kota Salatiga lewat halaman admin."
    )
    # a person whose name is "system" is still named; only the tasks' entries (no actor) read "Sistem"
    assert _said("notification.read", "system", "x", actor_id=5) == "system membaca notifikasi."
    with translation.override("en"):
        entry = AuditEntry(action="job.abandoned", actor_name="system", object_repr="Kota Salatiga v3")
        assert sentence(entry).text == (
            "The system marked the job Kota Salatiga v3 as failed: its worker process stopped."
        )
