"""The demo personas open populated inboxes: a newcomer sees what the inbox is for."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from conftest import logged_in
from kotacerdas.accounts.models import User
from kotacerdas.demo import load_demo
from kotacerdas.web.inbox import collect_inbox


@pytest.mark.django_db
def test_every_demo_persona_with_work_sees_it(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    load_demo()
    people = {user.username: user for user in User.objects.all()}

    sari = collect_inbox(people["sari"])
    answers = [item.title.split(" · ")[1] for item in sari.items if item.source == "assessment"]
    assert answers == ["Indeks SPBE 2026 (contoh)"] * 4
    assert [item.title for item in sari.items if item.source == "monitoring"] == [
        "Laporkan realisasi periode 2027"
    ]
    budi = collect_inbox(people["budi"])
    # Salatiga is in Bimtek IV: of its deliverables only the commitment sheet is Budi's, returned for a
    # missing signature (due with Bimtek IV, three weeks ahead). The demo evaluation cycle's pre-filled
    # self-assessment (due at the end of August) is no longer overdue: the cycle is published, which
    # closed it, so it asks nothing of Budi or Dewi
    deliverables = [item for item in budi.items if item.source == "programme"]
    assert [(i.kind, i.detail) for i in deliverables] == [
        ("returned", "Tanda tangan Kepala Dishub belum ada (contoh)")
    ]
    assert budi.counts()["overdue"] == 0
    assert not [i for i in budi.items if "Evaluasi smart city 2026" in i.title]
    # the 2027 monitoring period: a report to approve, one Budi wrote that came back; a citizen's idea
    assert sorted((i.kind, i.title) for i in budi.items if i.source in ("monitoring", "participation")) == [
        ("returned", "Perbaiki laporan “Capaian Portal Wisata Hati Beriman (contoh)” · periode 2027"),
        ("review", "Putuskan 1 ide warga di “Masalah dan ide warga untuk revisi masterplan (contoh)”"),
        ("review", "Tinjau laporan periode 2027"),
    ]
    rina = collect_inbox(people["rina"])
    assert [(i.kind, i.title) for i in rina.items if i.source == "programme"] == [
        ("review", "Tinjau “Buku ditinjau (Bimtek IV)”")
    ]
    assert [item.title for item in rina.items if item.source == "documents"] == [
        "Setujui buku masterplan versi 1"
    ]
    assert "Setujui buku masterplan versi 1" in logged_in(people["rina"]).get("/").content.decode()
    # Sleman has its own mentor, Hadi, with its Bimtek III Quick Win candidates to review; Dewi owes
    # only Bimtek IV, not due yet (its Bimtek I deliverables were all overdue, with nobody to review them)
    hadi = collect_inbox(people["hadi"])
    assert [(i.kind, i.region_name) for i in hadi.items if i.source == "programme"] == [
        ("review", "Kabupaten Sleman")
    ]
    assert "(Bimtek III)" in next(i.title for i in hadi.items if i.source == "programme")
    dewi = collect_inbox(people["dewi"])
    owed = [i for i in dewi.items if i.source == "programme"]
    assert len(owed) == 3 and {i.group(dewi.today) for i in owed} <= {"assigned", "due_soon"}
    assert not [i for i in dewi.items if "Evaluasi smart city 2026" in i.title]
    # her region has OPDs and Bimtek I done, no masterplan yet: her home's first step is its profile
    home = logged_in(people["dewi"]).get("/").content.decode()
    assert "Langkah pertama untuk Kabupaten Sleman" in home
    assert '<a href="/r/34.04/masterplan/profil/">Isi profil dan periode masterplan</a>' in home
    assert "<s>Serahkan luaran Bimtek I</s>" in home

    out = StringIO()
    call_command("send_inbox_digest", stdout=out)
    assert "inbox summary e-mail(s) sent" in out.getvalue()
    from django.core import mail

    assert {"sari@contoh.invalid", "budi@contoh.invalid", "rina@contoh.invalid"} <= {
        message.to[0] for message in mail.outbox
    }
