"""The result letters' PDFs, prepared in the background: one job per publication, n of m letters.

LibreOffice takes seconds; a web request never waits for it. :func:`queue_letter_pdfs` queues the
publication's :class:`~kotacerdas.evaluation.models.LetterJob` — when the cycle is published, and when
a download finds a letter's PDF not kept — and the task :func:`prepare_letter_pdfs` converts, in
batches of ``BATCH`` letters per LibreOffice run, every letter whose PDF is not kept yet, stores each
under its content-and-code hash (letter.kept_pdf_name) and deletes the PDFs of the same region that
it supersedes. The job is a heartbeat job (kotacerdas/jobs/liveness.py): a worker killed mid-way
leaves it "running" only until the sweep fails it (at once at the next worker start when the worker
ran on this machine), LibreOffice's process group dies with the worker
(kotacerdas/core/processes.py), and the one temporary folder, an ``owned_tempdir``, is removed at the
end or, after a kill, by the next worker or ``sweep_jobs``. The next download queues the job again;
what was already kept is not converted twice.

No two conversions of a letter run at once: the job row is one per publication (a unique column),
and a finished job goes back to "queued" only by an ``UPDATE … WHERE status IN (done, failed)`` that
one concurrent request wins; only that request queues the task.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record
from kotacerdas.core.books.pdf import ConversionTimeout, PdfUnavailable, convert_to_pdf
from kotacerdas.core.evaluation.letter import LetterData, render_letter
from kotacerdas.core.processes import owned_tempdir
from kotacerdas.evaluation.letter import kept_pdf_name, letter_data, letters_folder
from kotacerdas.evaluation.models import LetterJob, Publication
from kotacerdas.jobs.liveness import JobLost, keep_alive
from kotacerdas.regions.models import Region
from kotacerdas.web.uploads import delete_stored

logger = logging.getLogger(__name__)

BATCH = 10  # letters per LibreOffice run: its start takes longer than a one-page letter
Progress = Callable[[int, int], None]  # (letters prepared, letters in all)


def queue_letter_pdfs(publication: Publication, actor: User | None) -> bool:
    """Queue the job preparing the publication's letter PDFs unless it is queued or running already.

    True when this call queued it (and the task is enqueued when the caller's transaction commits).
    Whoever may read a letter may cause this: the job only prepares what the publication shows.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                job = LetterJob.objects.create(publication=publication, requested_by=actor)
        except IntegrityError:  # there is one: queue it again if it has ended (one caller wins)
            job = LetterJob.objects.get(publication=publication)
            ended = [LetterJob.Status.DONE, LetterJob.Status.FAILED]
            requeued = LetterJob.objects.filter(pk=job.pk, status__in=ended).update(
                status=LetterJob.Status.QUEUED,
                progress=0,
                prepared=0,
                message="",
                pdf_unavailable=False,
                requested_by=actor,
                created_at=timezone.now(),  # queued now: "no worker has taken it" counts from here
                finished_at=None,
            )
            if not requeued:
                return False
        record(
            actor,
            "evaluation.letters_requested",
            job,
            before=None,
            after={"cycle": publication.cycle.year},
        )
        transaction.on_commit(lambda: prepare_letter_pdfs.enqueue(job.pk))
    return True


@task()
def prepare_letter_pdfs(job_id: int) -> str:
    """Convert every letter of the job's publication whose PDF is not kept yet, with progress n of m."""
    try:
        with keep_alive(LetterJob, job_id, progress=0, prepared=0, message="") as job:
            publication = LetterJob.objects.select_related("publication__cycle").get(pk=job_id).publication

            def progress(prepared: int, total: int) -> None:
                job.beat(prepared=prepared, total=total, progress=prepared * 100 // max(total, 1))

            try:
                prepare_letters(publication, progress)
            except PdfUnavailable as error:  # said on the cycle page and by every download
                job.finish(
                    status=LetterJob.Status.FAILED,
                    message=str(error),
                    pdf_unavailable=True,
                    finished_at=timezone.now(),
                )
                return LetterJob.Status.FAILED
            except ConversionTimeout as error:
                job.fail(timeout_message(error.seconds))
                return LetterJob.Status.FAILED
            done = job.finish(status=LetterJob.Status.DONE, progress=100, finished_at=timezone.now())
            return LetterJob.Status.DONE if done else LetterJob.Status.FAILED
    except JobLost:
        logger.warning("letter PDF job %s was swept as abandoned; stopped", job_id)
    except Exception:  # keep_alive has failed the job with the error
        logger.exception("letter PDF job %s failed", job_id)
    return LetterJob.Status.FAILED


def timeout_message(seconds: float) -> str:
    with translation.override(settings.LANGUAGE_CODE):  # stored: in the site's language
        return _(
            "LibreOffice did not finish the letters' PDFs within %(seconds)s seconds and was stopped; "
            "the next PDF download tries again."
        ) % {"seconds": f"{seconds:g}"}


def prepare_letters(publication: Publication, progress: Progress) -> int:
    """Convert and keep the letters not kept yet; how many were converted."""
    letters = [(data, kept_pdf_name(publication, data)) for data in publication_letters(publication)]
    missing = [(data, kept) for data, kept in letters if not default_storage.exists(kept)]
    prepared = len(letters) - len(missing)
    progress(prepared, len(letters))
    with owned_tempdir("letters") as tmp:
        folder = Path(tmp)
        for batch in batches(missing, BATCH):
            sources = []
            for data, _kept in batch:
                source = folder / f"{data.region_code}.docx"
                source.write_bytes(render_letter(data))
                sources.append(source)
            pdfs = convert_to_pdf(sources, folder, timeout=settings.LETTER_PDF_TIMEOUT_SECONDS)
            for (data, kept), source, pdf in zip(batch, sources, pdfs, strict=True):
                keep(publication, data.region_code, kept, pdf.read_bytes())
                source.unlink()
                pdf.unlink()
            prepared += len(batch)
            progress(prepared, len(letters))
    return len(missing)


def publication_letters(publication: Publication) -> list[LetterData]:
    """The letter of every region with a published result, by region code."""
    codes = [row["region_code"] for row in publication.rows if row["region_code"] in publication.inputs]
    regions = Region.objects.filter(code__in=codes).order_by("code")
    return [letter_data(publication, region) for region in regions]


def batches(items: list[tuple[LetterData, str]], size: int) -> Iterator[list[tuple[LetterData, str]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def keep(publication: Publication, code: str, kept: str, content: bytes) -> None:
    """Store a letter's PDF under its name, then delete the region's PDFs it supersedes."""
    if not default_storage.exists(kept):
        saved = default_storage.save(kept, ContentFile(content))
        if saved != kept:  # kept meanwhile under the same name: the same letter, keep that one
            delete_stored([saved])
    prune_superseded(publication, code, kept)


def prune_superseded(publication: Publication, code: str, kept: str) -> list[str]:
    """Delete the region's other kept PDFs of the publication (another hash: the letter then read
    differently, or older code drew it); the names deleted."""
    folder = letters_folder(publication)
    try:
        _folders, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return []
    superseded = [
        f"{folder}/{name}"
        for name in files
        if name.startswith(f"{code}-") and name.endswith(".pdf") and f"{folder}/{name}" != kept
    ]
    delete_stored(superseded)
    return superseded
