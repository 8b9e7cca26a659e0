"""Background work of the planning context (Django tasks API).

A roadmap run is a job with a heartbeat (kotacerdas/jobs/liveness.py): the heartbeat thread keeps
it alive while the solver works, and a run whose worker died is marked failed by the next sweep.
"""

from __future__ import annotations

import logging

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from kotacerdas.core.roadmap import RoadmapFormatError, optimise_roadmap, parse_instance
from kotacerdas.jobs.liveness import JobLost, keep_alive
from kotacerdas.planning.models import RoadmapRun

logger = logging.getLogger(__name__)


def optimise_now(run: RoadmapRun) -> RoadmapRun:
    """Optimise a queued run in this process, without a worker (the demo loader adopts it at once).

    No heartbeat thread: its own connection could not see (and would wait on) the caller's
    transaction. The queued task then finds the run finished and leaves it.
    """
    instance = parse_instance(run.instance)
    result = optimise_roadmap(instance, time_limit=run.time_limit)
    run.result, run.solver, run.state = result.as_dict(instance), result.solver, RoadmapRun.State.DONE
    run.save(update_fields=["result", "solver", "state"])
    return run


def _explain(error: RoadmapFormatError) -> str:
    """The person's next step for a record the optimiser cannot read (never its English message)."""
    if "duration" in str(error):
        return _("every initiative needs a duration of at least 1 year.")
    return _("check the initiatives' years, durations, budgets and predecessors, then run again.")


@task()
def run_roadmap(run_id: int) -> str:
    """Optimise one stored roadmap run and keep its result next to its recipe."""
    if RoadmapRun.objects.filter(pk=run_id, state=RoadmapRun.State.DONE).exists():
        return RoadmapRun.State.DONE  # optimised in-process already (optimise_now)
    try:
        with keep_alive(RoadmapRun, run_id, running_since=timezone.now()) as job:
            run = RoadmapRun.objects.get(pk=run_id)
            try:
                instance = parse_instance(run.instance)
            except RoadmapFormatError as error:
                # the detail is for developers (English, in the log); people read what to do
                logger.warning("roadmap run %s: %s", run_id, error)
                job.fail(
                    _("The roadmap could not be computed from these records: %(error)s")
                    % {"error": _explain(error)}
                )
                return RoadmapRun.State.FAILED
            result = optimise_roadmap(instance, time_limit=run.time_limit)
            done = job.finish(
                result=result.as_dict(instance), solver=result.solver, state=RoadmapRun.State.DONE
            )
            return RoadmapRun.State.DONE if done else RoadmapRun.State.FAILED
    except JobLost:
        logger.warning("roadmap run %s was swept as abandoned; stopped", run_id)
    except Exception:  # keep_alive has failed the run with the error
        logger.exception("roadmap run %s failed", run_id)
    return RoadmapRun.State.FAILED
