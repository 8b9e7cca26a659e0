"""Background work of the composite index: computing a run (Django tasks API).

The run is a job with a heartbeat (kotacerdas/jobs/liveness.py): a run whose worker dies is marked
failed by the next sweep (its page sweeps before showing it). Everything is computed in memory, so
no temporary file is left behind whatever happens. The results are written once, by ``finish``.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from kotacerdas.core.index import CompositeIndexError
from kotacerdas.evaluation.index_compute import compute, result_hash
from kotacerdas.evaluation.index_inputs import tables_hash
from kotacerdas.evaluation.index_models import IndexRun
from kotacerdas.jobs.liveness import JobLost, LiveJob, keep_alive

logger = logging.getLogger(__name__)


@task()
def run_index(run_id: int) -> str:
    try:
        with keep_alive(IndexRun, run_id, progress=5) as job:
            return execute(job, IndexRun.objects.get(pk=run_id))
    except JobLost:
        logger.warning("index run %s was swept as abandoned; stopped", run_id)
    except Exception:  # keep_alive has failed the run with the error
        logger.exception("index run %s failed", run_id)
    return IndexRun.Status.FAILED


def run_in_process(run_id: int) -> str:
    """Compute a queued run here and now, without a worker (the demo): the same work as the task."""
    IndexRun.objects.filter(pk=run_id, status=IndexRun.Status.QUEUED).update(
        status=IndexRun.Status.RUNNING, heartbeat_at=timezone.now()
    )
    return execute(LiveJob(IndexRun, run_id), IndexRun.objects.get(pk=run_id))


def execute(job: LiveJob, run: IndexRun) -> str:
    with translation.override(settings.LANGUAGE_CODE):  # the message is stored: in the site's language
        if tables_hash(run.tables) != run.input_hash:
            job.fail(_("The stored input of this run no longer matches its hash."))
            return IndexRun.Status.FAILED
        try:
            results = compute(run.tables, run.recipe, progress=lambda share: job.beat(progress=share))
        except CompositeIndexError as error:
            job.fail(_("The index cannot be built with this recipe: %(error)s") % {"error": error})
            return IndexRun.Status.FAILED
    done = job.finish(
        status=IndexRun.Status.DONE,
        progress=100,
        results=results,
        result_hash=result_hash(results),
        finished_at=timezone.now(),
    )
    return IndexRun.Status.DONE if done else IndexRun.Status.FAILED
