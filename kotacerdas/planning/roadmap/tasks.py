"""Background work of the planning context (Django tasks API)."""

from __future__ import annotations

from django_tasks import task

from kotacerdas.core.roadmap import RoadmapFormatError, optimise_roadmap, parse_instance
from kotacerdas.planning.models import RoadmapRun


@task()
def run_roadmap(run_id: int) -> str:
    """Optimise one stored roadmap run and keep its result next to its recipe."""
    run = RoadmapRun.objects.get(pk=run_id)
    run.state = RoadmapRun.State.RUNNING
    run.save(update_fields=["state"])
    try:
        instance = parse_instance(run.instance)
    except RoadmapFormatError as error:
        run.state, run.error = RoadmapRun.State.FAILED, str(error)
        run.save(update_fields=["state", "error"])
        return run.state
    result = optimise_roadmap(instance, time_limit=run.time_limit)
    run.result = result.as_dict(instance)
    run.solver = result.solver
    run.state = RoadmapRun.State.DONE
    run.save(update_fields=["result", "solver", "state"])
    return run.state
