"""Kota Salatiga's socialisation events and its published portal (example data, "contoh").

Runs after the monitoring and evaluation demos (INSTALLED_APPS order), so the snapshot shows their
approved values. Idempotent: nothing is added when Salatiga already has an event.
"""

from __future__ import annotations

import struct
import zlib
from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.accounts.models import User
from kotacerdas.portal.actions import do_add_event_file, do_publish_portal, do_save_event
from kotacerdas.portal.models import Event
from kotacerdas.portal.snapshot import PART_KEYS
from kotacerdas.regions.models import Region

REGION = "33.73"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EVENTS: list[dict[str, Any]] = [
    {
        "title": "Sosialisasi Masterplan Smart City kepada OPD dan camat (contoh)",
        "held_on": date(2026, 11, 12),
        "place": "Aula Bappeda Kota Salatiga",
        "from_government": 38,
        "from_business": 4,
        "from_academia": 6,
        "from_community": 8,
        "from_media": 4,
        "head_count": 60,
        "summary": "Contoh: paparan empat buku masterplan kepada kepala OPD, camat dan rektor kampus.",
    },
    {
        "title": "Dialog Smart City bersama UMKM dan komunitas (contoh)",
        "held_on": date(2027, 2, 20),
        "place": "Lapangan Pancasila, Salatiga",
        "from_government": 10,
        "from_business": 35,
        "from_academia": 5,
        "from_community": 42,
        "from_media": 3,
        "head_count": 110,
        "summary": "Contoh: masukan pelaku UMKM dan kelompok masyarakat untuk inisiatif layanan publik.",
    },
]


def _png(width: int = 48, height: int = 32) -> bytes:
    """A small solid-colour PNG (the demo's stand-in for an event photo)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes((31, 95, 139)) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def load_demo(ayu: User) -> None:
    region = Region.objects.get(code=REGION)
    if Event.objects.filter(region=region).exists():
        return
    budi = User.objects.filter(username="budi").first() or ayu
    for number, fields in enumerate(EVENTS, start=1):
        event = do_save_event(budi, region, **fields)
        photo = SimpleUploadedFile(f"foto-{number}.png", _png(), content_type="image/png")
        do_add_event_file(
            budi, event, upload=photo, kind="photo", label="Foto acara (contoh)", is_public=True
        )
        material = SimpleUploadedFile(f"paparan-{number}.pdf", PDF, content_type="application/pdf")
        do_add_event_file(
            budi, event, upload=material, kind="material", label="Bahan paparan (contoh)", is_public=True
        )
    do_publish_portal(budi, region, parts=PART_KEYS)
