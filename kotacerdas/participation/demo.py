"""An open consultation in Kota Salatiga with ideas from example citizens (example data, "contoh").

Three citizens (``warga1``–``warga3``, e-mail ``wargaN@contoh.invalid``, the demo password) post in
the consultation's open phase: one idea is promoted into the problem inventory (M-09) and linked to
initiative LIV-01, whose KPI has an approved actual from monitoring's demo; one is "not taken" with a
reason; one waits, with supports. Built through the actions, after planning's and monitoring's demos.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from kotacerdas.accounts.models import User
from kotacerdas.participation.actions import citizens, moderation, posting, setup
from kotacerdas.participation.models import Consultation
from kotacerdas.planning.models import Initiative, Problem
from kotacerdas.regions.models import Region

REGION = "33.73"
TITLE = "Masalah dan ide warga untuk revisi masterplan (contoh)"
CITIZENS = [("warga1", "Rini (contoh)"), ("warga2", "Agus (contoh)"), ("warga3", "Maya (contoh)")]
IDEAS = [
    (
        "warga1",
        "idea",
        "Daftar puskesmas lewat ponsel (contoh)",
        "Antrean pagi di puskesmas panjang; pendaftaran daring dengan nomor antrean di ponsel akan "
        "memendekkan waktu tunggu.",
        "living.health",
        "Sidorejo",
    ),
    (
        "warga2",
        "idea",
        "Festival kuliner tiap malam di alun-alun (contoh)",
        "Alun-alun bisa diramaikan dengan festival kuliner setiap malam untuk menarik wisatawan.",
        "branding.tourism",
        "Sidomukti",
    ),
    (
        "warga3",
        "problem",
        "Genangan air di jalan saat hujan deras (contoh)",
        "Setiap hujan deras jalan di dekat pasar tergenang; sensor ketinggian air bisa memberi peringatan.",
        "environment.protection",
        "Tingkir",
    ),
]


def _citizen(username: str, name: str) -> User:
    from kotacerdas.demo import DEMO_PASSWORD, demo_email

    existing = User.objects.filter(username=demo_email(username)).first()
    if existing:
        return existing
    user = citizens.do_register_citizen(
        name=name,
        email=demo_email(username),
        password=DEMO_PASSWORD,
        consent=True,
        address_key=f"demo-{username}",
        verify_url=lambda token: f"/partisipasi/verifikasi/{token}/",
    )
    citizens.do_verify_email(citizens.verification_token(user))
    return user


def load_demo(ayu: User) -> None:
    region = Region.objects.get(code=REGION)
    if Consultation.objects.filter(region=region, title=TITLE).exists():
        return
    budi = User.objects.filter(username="budi").first() or ayu
    today = timezone.localdate()
    consultation = setup.do_create_consultation(
        budi, region, title=TITLE, description="Data contoh: konsultasi dan warga ini tidak nyata."
    )
    setup.do_add_phase(
        budi,
        consultation,
        name="Pengumpulan masalah — Bimtek I",
        starts_on=today - timedelta(days=60),
        ends_on=today - timedelta(days=31),
    )
    setup.do_add_phase(
        budi,
        consultation,
        name="Revisi masterplan",
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=60),
    )
    people = {username: _citizen(username, name) for username, name in CITIZENS}
    ideas = [
        posting.do_submit_idea(
            people[who],
            consultation,
            kind=kind,
            title=title,
            text=text,
            element=element,
            kecamatan=kecamatan,
            address_key=f"demo-{who}",
        )
        for who, kind, title, text, element, kecamatan in IDEAS
    ]
    promoted, declined, waiting = ideas
    for supporter in ("warga2", "warga3"):
        posting.do_support(people[supporter], promoted, address_key=f"demo-{supporter}")
    posting.do_support(people["warga1"], waiting, address_key="demo-warga1")
    posting.do_comment(people["warga2"], promoted, text="Setuju, antrean di Puskesmas Sidorejo juga panjang.")
    code = "M-09" if not Problem.objects.filter(region=region, code="M-09").exists() else "M-19"
    moderation.do_promote_idea(budi, promoted, code=code, title="Pendaftaran puskesmas belum daring (contoh)")
    initiative = Initiative.objects.filter(region=region, code="LIV-01").first()
    if initiative is not None:
        moderation.do_link_initiative(budi, promoted, initiative)
    moderation.do_decline_idea(
        budi,
        declined,
        reason="Bukan program smart city; diteruskan ke Dinas Pariwisata sebagai usulan acara (contoh).",
    )
