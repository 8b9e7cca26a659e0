"""The result letters' PDFs are prepared by a background job, never in a download request.

One job per publication (queued with it) converts every letter, n of m on the cycle page; a
download of a letter not prepared yet says so in Indonesian, offers the DOCX and queues the job
(once, whatever the concurrency: the PostgreSQL race below); a letter prepared afresh deletes the
one it supersedes; a slow or killed conversion fails the job, leaves no process or folder behind,
and the next download queues it again.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from conftest import logged_in
from kotacerdas.core.books.pdf import find_soffice
from kotacerdas.evaluation import letter_pdfs
from kotacerdas.evaluation.actions import do_enter_results, do_publish
from kotacerdas.evaluation.models import LetterJob, Publication
from kotacerdas.evaluation.tests.test_cycle import GOOD, open_cycle
from kotacerdas.regions.models import Region
from kotacerdas.web.tests.race import concurrent_db, on_postgresql, race, statuses

pytestmark = pytest.mark.django_db

PREPARING = "PDF surat sedang disiapkan… Unduh DOCX-nya sekarang"
LETTERS = 4  # the regions of GOOD with a published result


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT / "evaluation" / "letters"


@pytest.fixture
def publication(ayu, media: Path) -> Publication:  # type: ignore[no-untyped-def]
    cycle = open_cycle(ayu)
    do_enter_results(ayu, cycle, GOOD)
    return do_publish(ayu, cycle)  # its letters' job is queued; nothing runs it in this test


@pytest.fixture
def converter(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """A stand-in LibreOffice: each PDF says which conversion made it; the letters converted."""
    made: list[str] = []

    def convert(paths, outdir, timeout):  # type: ignore[no-untyped-def]
        pdfs = []
        for path in paths:
            made.append(path.stem)
            pdf = outdir / (path.stem + ".pdf")
            pdf.write_bytes(f"%PDF-1.4 {path.stem} #{len(made)}".encode())
            pdfs.append(pdf)
        return pdfs

    monkeypatch.setattr(letter_pdfs, "convert_to_pdf", convert)
    return made


def no_conversion(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def convert(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a letter was converted")

    monkeypatch.setattr(letter_pdfs, "convert_to_pdf", convert)


def run_job(publication: Publication) -> LetterJob:
    job = LetterJob.objects.get(publication=publication)
    letter_pdfs.prepare_letter_pdfs.call(job.pk)
    job.refresh_from_db()
    return job


def kept(media: Path, publication: Publication) -> list[str]:
    folder = media / str(publication.pk)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def pdf_url(code: str = "33.73") -> str:
    return reverse("evaluation:letter_pdf", args=[code, 2027])


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_publishing_queues_one_job_that_prepares_every_letter_with_progress(
    as_ayu, as_budi, ayu, media, django_capture_on_commit_callbacks
) -> None:
    cycle = open_cycle(ayu)
    do_enter_results(ayu, cycle, GOOD)
    with django_capture_on_commit_callbacks(execute=True):  # the immediate backend: publish, then letters
        as_ayu.post(reverse("evaluation:publish", args=[cycle.pk]))
    job = LetterJob.objects.get(publication__cycle=cycle)
    assert (job.status, job.prepared, job.total, job.progress) == ("done", LETTERS, LETTERS, 100)
    assert len(kept(media, job.publication)) == LETTERS
    page = as_ayu.get(reverse("evaluation:cycle", args=[cycle.pk])).content.decode()
    assert f"PDF surat hasil: {LETTERS} dari {LETTERS} surat siap." in page
    response = as_budi.get(pdf_url())
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert 'filename="Surat-Hasil-Evaluasi-2027-Kota-Salatiga.pdf"' in response["Content-Disposition"]


def test_a_letter_not_prepared_yet_is_not_converted_in_the_request_and_the_docx_is_offered(
    as_budi, publication, monkeypatch, settings, django_capture_on_commit_callbacks
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # as in production
    no_conversion(monkeypatch)
    LetterJob.objects.filter(publication=publication).delete()  # as for a publication from before
    with django_capture_on_commit_callbacks(execute=True):
        response = as_budi.get(pdf_url(), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][0] == reverse("regions:workspace", args=["33.73"])
    page = response.content.decode()
    assert PREPARING in page and "evaluasi/2027/surat.docx" in page
    job = LetterJob.objects.get(publication=publication)
    assert job.status == "queued"
    assert DBTaskResult.objects.filter(task_path__endswith="prepare_letter_pdfs").count() == 1
    # asked again while it waits: the same message, no second job or task
    with django_capture_on_commit_callbacks(execute=True):
        assert PREPARING in as_budi.get(pdf_url(), follow=True).content.decode()
    assert DBTaskResult.objects.filter(task_path__endswith="prepare_letter_pdfs").count() == 1
    docx = as_budi.get(reverse("evaluation:letter_docx", args=["33.73", 2027]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")


def test_the_job_prepares_every_letter_once_and_a_download_reads_it_back(
    as_ayu, as_budi, publication, converter, media
) -> None:
    job = run_job(publication)
    assert (job.status, job.prepared, job.total) == ("done", LETTERS, LETTERS)
    assert sorted(converter) == sorted(publication.inputs)
    response = as_budi.get(pdf_url())
    assert response.status_code == 200 and response.content.startswith(b"%PDF-1.4 33.73 #")
    page = as_ayu.get(reverse("evaluation:cycle", args=[publication.cycle.pk])).content.decode()
    assert f"PDF surat hasil: {LETTERS} dari {LETTERS} surat siap." in page
    LetterJob.objects.filter(pk=job.pk).update(status="queued")
    assert run_job(publication).prepared == LETTERS
    assert len(converter) == LETTERS  # nothing converted twice


def test_a_letter_that_reads_differently_is_prepared_afresh_and_the_old_pdf_deleted(
    as_budi, publication, converter, media
) -> None:
    run_job(publication)
    before = kept(media, publication)
    old = next(name for name in before if name.startswith("33.73-"))
    Region.objects.filter(code="33.73").update(name="Kota Salatiga Baru")  # the addressee changes
    response = as_budi.get(pdf_url(), follow=True)
    assert PREPARING in response.content.decode()  # the kept one no longer is this letter
    assert LetterJob.objects.get(publication=publication).status == "queued"  # queued again
    assert old in kept(media, publication)  # still there until the new one is stored
    job = run_job(publication)
    assert (job.status, job.prepared) == ("done", LETTERS)
    assert converter[LETTERS:] == ["33.73"]  # only the changed letter
    after = kept(media, publication)
    assert old not in after and len(after) == LETTERS
    assert set(after) - set(before) == {next(n for n in after if n.startswith("33.73-"))}
    response = as_budi.get(pdf_url())
    assert response.content == f"%PDF-1.4 33.73 #{LETTERS + 1}".encode()
    assert 'filename="Surat-Hasil-Evaluasi-2027-Kota-Salatiga-Baru.pdf"' in response["Content-Disposition"]


def test_a_pdf_kept_by_older_code_is_deleted_when_the_letter_is_prepared_again(
    publication, converter, media
) -> None:
    folder = media / str(publication.pk)
    folder.mkdir(parents=True)
    (folder / "33.73-0123456789abcdef01234567.pdf").write_bytes(b"%PDF old release")
    (folder / "33.731-0123456789abcdef01234567.pdf").write_bytes(b"not a letter of 33.73")
    run_job(publication)
    names = kept(media, publication)
    assert "33.73-0123456789abcdef01234567.pdf" not in names
    assert "33.731-0123456789abcdef01234567.pdf" in names


def test_a_slow_libreoffice_fails_the_job_and_leaves_no_folder_and_the_next_download_retries(
    as_budi, publication, settings, monkeypatch, tmp_path, media
) -> None:
    import os
    import time

    from kotacerdas.core.tests.procs import slow_program

    settings.LETTER_PDF_TIMEOUT_SECONDS = 1
    monkeypatch.setenv("KOTACERDAS_SOFFICE", str(slow_program(tmp_path)))  # a LibreOffice that never ends
    began = time.monotonic()
    job = run_job(publication)
    assert time.monotonic() - began < 15
    assert job.status == "failed" and not job.pdf_unavailable
    assert "tidak menyelesaikan PDF surat dalam 1 detik dan dihentikan" in job.message
    assert not list(Path(tempfile.gettempdir()).glob(f"kc-{os.getpid()}-letters-*"))
    assert kept(media, publication) == []
    assert PREPARING in as_budi.get(pdf_url(), follow=True).content.decode()
    assert LetterJob.objects.get(publication=publication).status == "queued"  # tried again


def test_without_libreoffice_a_download_says_so_and_ayu_may_prepare_again(
    as_ayu, as_budi, publication, monkeypatch, tmp_path, converter
) -> None:
    from kotacerdas.core.books.pdf import PdfUnavailable

    def missing(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise PdfUnavailable("PDF memerlukan LibreOffice, yang tidak terpasang di sini.")

    with monkeypatch.context() as patched:
        patched.setattr(letter_pdfs, "convert_to_pdf", missing)
        job = run_job(publication)
    assert (job.status, job.pdf_unavailable) == ("failed", True)
    page = as_budi.get(pdf_url(), follow=True).content.decode()
    assert "PDF tidak dapat dibuat: PDF memerlukan LibreOffice" in page and "Unduh DOCX" in page
    assert LetterJob.objects.get(pk=job.pk).status == "failed"  # not queued again by every download
    cycle_page = reverse("evaluation:cycle", args=[publication.cycle.pk])
    assert "Siapkan PDF surat" in as_ayu.get(cycle_page).content.decode()
    response = as_ayu.post(reverse("evaluation:letters_prepare", args=[publication.cycle.pk]), follow=True)
    assert "PDF surat sedang disiapkan; halaman ini menunjukkan berapa yang sudah siap." in (
        response.content.decode()
    )
    assert LetterJob.objects.get(pk=job.pk).status == "queued"
    assert run_job(publication).status == "done"


def test_a_job_whose_worker_died_is_failed_by_the_sweep_and_queued_again_by_the_next_download(
    as_budi, publication, settings
) -> None:
    import subprocess
    import sys

    from kotacerdas.core.processes import process_identity
    from kotacerdas.jobs.liveness import recover

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    killed = process_identity(child.pid)
    child.kill()
    child.wait()
    LetterJob.objects.filter(publication=publication).update(status="running", claimed_by=killed)
    assert recover().swept["evaluation.LetterJob"] == 1  # a worker starting
    job = LetterJob.objects.get(publication=publication)
    assert job.status == "failed" and "proses pekerja berhenti" in job.message
    assert PREPARING in as_budi.get(pdf_url(), follow=True).content.decode()
    assert LetterJob.objects.get(publication=publication).status == "queued"


def test_only_ayu_may_prepare_the_letters_again(as_budi, publication) -> None:
    url = reverse("evaluation:letters_prepare", args=[publication.cycle.pk])
    assert as_budi.post(url).status_code == 404


@on_postgresql
@concurrent_db
def test_concurrent_first_downloads_queue_one_job_and_convert_nothing(
    ayu, budi, settings, tmp_path, monkeypatch
) -> None:
    """Three downloads of a letter not prepared, released at once: one job, one task, no conversion;
    once the job has ended, three more queue it again exactly once (the conditional update)."""
    from django_tasks_db.models import DBTaskResult

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    no_conversion(monkeypatch)
    cycle = open_cycle(ayu)
    do_enter_results(ayu, cycle, GOOD)
    publication = do_publish(ayu, cycle, prepare_letters=False)
    tasks = DBTaskResult.objects.filter(task_path__endswith="prepare_letter_pdfs")
    assert not tasks.exists()

    clients = [logged_in(budi) for _ in range(3)]
    results = race(*(lambda c=c: c.get(pdf_url()) for c in clients))
    assert statuses(results) == [302, 302, 302]
    assert LetterJob.objects.filter(publication=publication).count() == 1
    assert tasks.count() == 1

    LetterJob.objects.filter(publication=publication).update(status="done")  # ended; the PDF not kept
    results = race(*(lambda c=c: c.get(pdf_url()) for c in clients))
    assert statuses(results) == [302, 302, 302]
    assert LetterJob.objects.get(publication=publication).status == "queued"
    assert tasks.count() == 2


@pytest.mark.slow
@on_postgresql
@concurrent_db
def test_a_worker_killed_while_preparing_the_letters_leaves_no_process_or_folder_and_is_retried(
    ayu, as_budi, settings, tmp_path
) -> None:
    """A real ``kotacerdas worker`` takes the job; while LibreOffice (a stand-in that never ends)
    converts, the worker's whole process group gets SIGKILL. Its LibreOffice dies with it, the next
    worker fails the job at once (its claimant is gone) and removes its folders, and Budi's next
    download queues the job again."""
    import os
    import signal
    import uuid

    from kotacerdas.core.tests.procs import marked_processes, slow_program, wait_until_gone
    from kotacerdas.jobs.tests.test_worker_fault import start_worker, stop, wait_for, worker_env

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    mark, tmp, log = uuid.uuid4().hex, tmp_path / "tmp", tmp_path / "worker.log"
    tmp.mkdir()
    env = worker_env(settings, tmp, mark, KOTACERDAS_SOFFICE=str(slow_program(tmp_path)))
    cycle = open_cycle(ayu)
    do_enter_results(ayu, cycle, GOOD)
    publication = do_publish(ayu, cycle)  # queues the letters' job (committed: the worker sees it)
    job = LetterJob.objects.get(publication=publication)

    worker = start_worker(env, log)
    try:

        def converting() -> bool:
            job.refresh_from_db()
            return job.status == "running" and any(n == "sleep" for _pid, n in marked_processes(mark))

        wait_for(converting, 60, "LibreOffice converting the letters", log)
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(10)
    finally:
        stop(worker)
    assert wait_until_gone(mark, 5) == [], f"the killed worker's processes live on; log:\n{log.read_text()}"
    left = sorted(p.name for p in tmp.iterdir())
    assert left and all(name.startswith(f"kc-{worker.pid}-") for name in left), left

    next_worker = start_worker(env, log, "--batch")
    try:
        assert next_worker.wait(60) == 0, log.read_text()
    finally:
        stop(next_worker)
    job.refresh_from_db()
    assert job.status == "failed" and "proses pekerja berhenti" in job.message
    assert list(tmp.iterdir()) == []
    assert PREPARING in as_budi.get(pdf_url(), follow=True).content.decode()
    assert LetterJob.objects.get(pk=job.pk).status == "queued"


def published_without_letters(ayu) -> Publication:  # type: ignore[no-untyped-def]
    cycle = open_cycle(ayu)
    do_enter_results(ayu, cycle, GOOD)
    return do_publish(ayu, cycle, prepare_letters=False)


@concurrent_db  # committed for real: the immediate backend runs the job when the download queues it
def test_with_the_embedded_default_a_first_download_prepares_the_letters_and_gets_its_pdf(
    as_budi, ayu, media, converter
) -> None:
    """Tasks run in the web process by default (kotacerdas up): the queued job has run by the time
    the download looks again."""
    publication = published_without_letters(ayu)
    response = as_budi.get(pdf_url())
    assert response.status_code == 200 and response.content.startswith(b"%PDF-1.4 33.73")
    assert LetterJob.objects.get(publication=publication).prepared == LETTERS


@concurrent_db
def test_with_the_embedded_default_and_no_libreoffice_the_first_download_says_why(
    as_budi, ayu, media, monkeypatch
) -> None:
    monkeypatch.setenv("KOTACERDAS_SOFFICE", "/nonexistent/soffice")
    publication = published_without_letters(ayu)
    page = as_budi.get(pdf_url(), follow=True).content.decode()
    assert "PDF tidak dapat dibuat: PDF needs LibreOffice" in page and PREPARING not in page
    assert LetterJob.objects.get(publication=publication).pdf_unavailable
