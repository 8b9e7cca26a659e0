"""The demo's audit log reads as what each person did, the way the first-login tutorial sends Ayu to it.

Before, 36 of the 83 kinds of entry the demo writes had no sentence and read "… mengubah …": Budi
"mengubah 257 · 2026-12-06 22:58" when he published the portal (a snapshot's id and a UTC time), Sari
"mengubah" her KPI report when she sent it, Agus "mengubah" his own comment."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import logged_in
from kotacerdas.accounts.audit_sentences import SENTENCES, sentence
from kotacerdas.accounts.models import User
from kotacerdas.audit.models import AuditEntry
from kotacerdas.demo import load_demo


@pytest.mark.django_db
def test_every_kind_of_entry_the_demo_writes_reads_as_what_was_done(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    load_demo()  # one test, one load: the demo takes most of its time
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert len(actions) > 50
    assert sorted(actions - set(SENTENCES)) == []

    with translation.override("id"):
        said = {sentence(entry).text for entry in AuditEntry.objects.all()}
    assert "Budi (contoh) menerbitkan portal publik." in said
    assert (
        "Sari (contoh) mengirim laporan Capaian Pendaftaran puskesmas daring (contoh) 2026 untuk ditinjau."
        in said
    )
    assert "Budi (contoh) menyetujui laporan Capaian Pendaftaran puskesmas daring (contoh) 2026." in said
    assert [text for text in said if text.endswith(" mengunci periode pelaporan 2026.")]
    assert "Rini (contoh) mengirim Daftar puskesmas lewat ponsel (contoh) ke konsultasi." in said
    assert "Budi (contoh) memasukkan Daftar puskesmas lewat ponsel (contoh) ke daftar masalah." in said
    assert "Agus (contoh) berkomentar: “Setuju, antrean di Puskesmas Sidorejo juga panjang.”" in said
    assert "panjang.”." not in said  # the quoted sentence ends itself
    assert "Ayu (contoh) menerbitkan Evaluasi 2026." in said

    page = logged_in(User.objects.get(username="ayu")).get(reverse("audit:log"), {"region": "33.73"})
    rows = page.content.decode()
    assert "menerbitkan portal publik." in rows
    assert " · 20" not in rows.split("<tbody>")[1]  # no snapshot's "id · UTC time" as its name
