"""A reporting sheet is refused before parsing when it is too large or expands too far (a zip bomb),
with a message on the field; nothing is imported (the shared limit of kotacerdas.web.uploads)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kotacerdas.monitoring.models import KpiReport
from kotacerdas.web import uploads

pytestmark = pytest.mark.django_db


def with_part(workbook: bytes, name: str, size: int) -> bytes:
    """The workbook with one more part of ``size`` zero bytes (it compresses to almost nothing)."""
    buffer = io.BytesIO(workbook)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, b"\0" * size)
    return buffer.getvalue()


def import_sheet(client, world, content: bytes):  # type: ignore[no-untyped-def]
    url = reverse("monitoring:sheet_import", args=["33.73", world.period.pk])
    return client.post(url, {"file": SimpleUploadedFile("laporan.xlsx", content)})


def test_a_sheet_that_expands_beyond_the_limit_is_refused_unread(world, as_sari) -> None:
    sheet = as_sari.get(reverse("monitoring:sheet", args=["33.73", world.period.pk])).content
    bomb = with_part(sheet, "xl/worksheets/sheet9.xml", uploads.MAX_SHEET_UNPACKED + 1)
    assert len(bomb) < 1024 * 1024  # small on the wire
    response = import_sheet(as_sari, world, bomb)
    assert response.status_code == 400
    assert "Buku kerja ini berisi lebih dari 50 MB data setelah dibuka. Pecah menjadi" in response.text
    assert not KpiReport.objects.exists()
    fits = with_part(sheet, "xl/media/picture.bin", 1024)  # the same sheet, a little larger: read as usual
    assert import_sheet(as_sari, world, fits).status_code in (302, 400)
    assert "setelah dibuka" not in import_sheet(as_sari, world, fits).text


def test_a_sheet_larger_than_the_limit_is_refused_by_its_size(world, as_sari) -> None:
    response = import_sheet(as_sari, world, b"PK\x03\x04" + b"\0" * uploads.MAX_SHEET_BYTES)
    assert response.status_code == 400
    assert "Berkas lebih besar dari 5 MB." in response.text
