"""Example books for Kota Salatiga (33.73): a few free texts and one DOCX version. Idempotent."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from kotacerdas.documents import actions
from kotacerdas.documents.models import BookVersion
from kotacerdas.regions.models import Region

DEMO_REGION = "33.73"
TEXTS = {
    "kata_pengantar": (
        "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa atas tersusunnya Masterplan Smart City "
        "Kota Salatiga (contoh).\n\nDokumen ini disusun bersama perangkat daerah, Dewan Smart City dan "
        "Tim Pelaksana sebagai pedoman pembangunan kota cerdas."
    ),
    "latar_belakang": (
        "Kota Salatiga mengikuti Gerakan Menuju Smart City untuk mempercepat pelayanan publik dan "
        "pemanfaatan teknologi informasi (contoh)."
    ),
}


def load_demo(ayu: Any) -> None:
    region = Region.objects.get(code=DEMO_REGION)
    year = timezone.localdate().year
    if not region.book_texts.exists():
        actions.do_save_texts(ayu, region, TEXTS, year)
    if not BookVersion.objects.filter(region=region).exists():
        actions.do_request_books(ayu, region, programme_year=year, formats=["docx"])
