"""A book generation never stays "running" for ever: heartbeat and sweep, LibreOffice's time limit,
temporary folders. Through the HTTP client, with real processes (a shell script stands in for a
hanging soffice)."""

from __future__ import annotations

import tempfile
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from kotacerdas.core.tests.procs import MARK, slow_program, wait_until_gone
from kotacerdas.documents.models import BookSettings, BookVersion

pytestmark = pytest.mark.django_db

REFRESH = 'data-refresh="2" data-refresh-end="reload"'  # the progress refreshes itself (live-status.js)
ABANDONED = "Pembuatan terhenti karena proses pekerja berhenti; silakan buat ulang buku."


def a_running_version(region, minutes_silent: int) -> BookVersion:  # type: ignore[no-untyped-def]
    """A version at 74 % (the PDF step), as a killed worker leaves it."""
    version = BookVersion.objects.create(
        region=region, number=1, programme_year=2026, formats="docx,pdf", status="running", progress=74
    )
    BookVersion.objects.filter(pk=version.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_silent)
    )
    return version


def test_a_version_whose_worker_died_is_shown_failed_and_its_page_stops_refreshing(as_budi, region_a) -> None:
    version = a_running_version(region_a, minutes_silent=60)
    page = as_budi.get(version.get_absolute_url()).content.decode()
    assert REFRESH not in page
    assert f"Pembuatan gagal: {ABANDONED}" in page
    version.refresh_from_db()
    assert version.status == "failed"


def test_a_running_version_names_its_step(as_budi, region_a) -> None:
    """The PDF step can take minutes at 74 %: the page says it is LibreOffice that works, not a stall."""
    version = a_running_version(region_a, minutes_silent=0)
    BookVersion.objects.filter(pk=version.pk).update(heartbeat_at=timezone.now(), message="pdf")
    page = as_budi.get(version.get_absolute_url()).content.decode()
    assert REFRESH in page
    assert '74%</span> · <span data-testid="step">konversi PDF (LibreOffice)</span>' in page
    BookVersion.objects.filter(pk=version.pk).update(progress=30, message="masterplan")
    assert (
        '<span data-testid="step">Buku II Masterplan Smart City</span>'
        in as_budi.get(version.get_absolute_url()).text
    )


def test_a_version_no_worker_takes_says_so_after_a_while(as_budi, budi, region_a) -> None:
    """Queued jobs are never swept (a worker may yet come); without one the page polled for ever."""
    from kotacerdas.planning.models import RoadmapRun

    version = BookVersion.objects.create(region=region_a, number=1, programme_year=2026, formats="docx")
    assert 'data-testid="unclaimed"' not in as_budi.get(version.get_absolute_url()).text  # just queued
    BookVersion.objects.filter(pk=version.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    page = as_budi.get(version.get_absolute_url()).text
    assert REFRESH in page
    assert "Belum ada proses pekerja latar belakang yang mengambil pekerjaan ini sejak" in page
    assert "(kotacerdas worker) tidak berjalan." in page
    BookVersion.objects.filter(pk=version.pk).update(status="running", heartbeat_at=timezone.now())
    assert 'data-testid="unclaimed"' not in as_budi.get(version.get_absolute_url()).text  # taken
    run = RoadmapRun.objects.create(
        region=region_a, created_by=budi, instance={}, inputs_hash="0" * 64, time_limit=5
    )
    RoadmapRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    assert 'data-testid="unclaimed"' in as_budi.get(run.get_absolute_url()).text


def test_the_list_of_versions_and_the_region_page_show_it_failed(as_budi, region_a) -> None:
    version = a_running_version(region_a, minutes_silent=60)
    listing = as_budi.get(reverse("documents:index", args=[region_a.code])).content.decode()
    assert "(74%)" not in listing
    assert BookVersion.objects.get(pk=version.pk).status == "failed"
    BookVersion.objects.filter(pk=version.pk).update(status="running")
    as_budi.get(reverse("regions:workspace", args=[region_a.code]))
    assert BookVersion.objects.get(pk=version.pk).status == "failed"


def test_the_region_pages_books_card_is_live_while_a_version_runs_and_kept_after(as_budi, region_a) -> None:
    """The card is a kept fragment (kotacerdas/web/region_cache.py) except while a generation runs: a
    worker dying after the first view is still caught by the next view's sweep; the worker ending the
    job (no audit entry) renews the kept card."""
    from django.test.utils import override_settings

    url = reverse("regions:workspace", args=[region_a.code])

    def status_on_card() -> str:
        html = as_budi.get(url).text
        card = html[html.index('id="section-books"') :]
        return card[: card.index("</section>")].split(" · ")[1]

    version = a_running_version(region_a, minutes_silent=0)
    BookVersion.objects.filter(pk=version.pk).update(heartbeat_at=timezone.now())
    assert status_on_card() == "berjalan"
    BookVersion.objects.filter(pk=version.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    assert status_on_card() == "gagal"  # built again while a job runs: its sweep failed the silent one
    assert BookVersion.objects.get(pk=version.pk).status == "failed"
    with override_settings(REGION_SECTIONS_VERIFY_CACHE=False):
        BookVersion.objects.filter(pk=version.pk).update(progress=10)  # not shown, not in the stamp
        assert status_on_card() == "gagal"
        BookVersion.objects.filter(pk=version.pk).update(status="done")  # as a worker would, no audit entry
        assert status_on_card() == "selesai"


def test_a_version_that_still_beats_keeps_refreshing(as_budi, region_a) -> None:
    version = a_running_version(region_a, minutes_silent=60)
    BookVersion.objects.filter(pk=version.pk).update(heartbeat_at=timezone.now())
    page = as_budi.get(version.get_absolute_url()).content.decode()
    assert REFRESH in page
    assert BookVersion.objects.get(pk=version.pk).status == "running"


@pytest.fixture
def tmp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A dedicated temporary folder: whatever a generation leaves there shows."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def generate(client, formats: list[str]):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("documents:generate", args=["33.73"]), {"programme_year": 2026, "formats": formats}
    )


def test_a_generation_leaves_no_temporary_folder_after_success_or_failure(
    as_budi, region_a, tmp_root
) -> None:
    generate(as_budi, ["docx"])
    done = BookVersion.objects.get(region=region_a, number=1)
    assert (done.status, done.progress) == ("done", 100)
    assert done.heartbeat_at is not None
    assert list(tmp_root.iterdir()) == []
    BookSettings.objects.create(
        region=region_a, template="documents/hilang.docx", template_name="hilang.docx"
    )
    generate(as_budi, ["docx"])
    assert BookVersion.objects.get(region=region_a, number=2).status == "failed"
    assert list(tmp_root.iterdir()) == []


def test_libreoffice_past_its_time_limit_fails_the_version_naming_the_step(
    as_budi, region_a, tmp_root, tmp_path, settings, monkeypatch
) -> None:
    mark = uuid.uuid4().hex
    monkeypatch.setenv(MARK, mark)
    monkeypatch.setenv("KOTACERDAS_SOFFICE", str(slow_program(tmp_path)))
    settings.BOOKS_CONVERT_TIMEOUT_SECONDS = 2
    response = generate(as_budi, ["docx", "pdf"])
    version = BookVersion.objects.get(region=region_a)
    assert version.status == "failed"
    expected = "Langkah “konversi PDF (LibreOffice)” tidak selesai dalam 2 detik dan dihentikan."
    assert version.message.startswith(expected)
    assert not version.files.exists()
    assert wait_until_gone(mark, 2) == []
    assert list(tmp_root.iterdir()) == []
    page = as_budi.get(response.url).content.decode()
    assert expected in page and REFRESH not in page
