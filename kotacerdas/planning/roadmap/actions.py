"""Writes of the roadmap: its constraints, pinned starts and optimiser runs."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, save_audited
from kotacerdas.planning.common import require_editor, require_masterplan
from kotacerdas.planning.models import Initiative, Masterplan, RoadmapRun
from kotacerdas.planning.roadmap.instance import build_instance
from kotacerdas.planning.roadmap.tasks import run_roadmap
from kotacerdas.regions.models import Region


def do_set_roadmap_constraints(
    actor: User,
    region: Region,
    *,
    budget_ceilings: Mapping[int, Decimal | None],
    source_ceilings: Mapping[str, Mapping[int, Decimal | None]],
    opd_capacity: int,
    opd_capacities: Mapping[int, int | None] | None = None,
) -> Masterplan:
    require_editor(actor, region)
    masterplan = require_masterplan(region)
    if opd_capacity < 1:
        raise ValidationError({"opd_capacity": _("An OPD must be able to run at least one initiative.")})
    capacities = {pk: n for pk, n in (opd_capacities or {}).items() if n is not None}
    if any(n < 1 for n in capacities.values()):
        raise ValidationError(_("An OPD must be able to run at least one initiative."))
    if set(capacities) - set(region.opds.values_list("pk", flat=True)):
        raise ValidationError(_("Choose an OPD of this region."))
    for amount in [*budget_ceilings.values(), *(v for s in source_ceilings.values() for v in s.values())]:
        if amount is not None and amount < 0:
            raise ValidationError(_("Budget ceilings cannot be negative."))
    changes = {
        "budget_ceilings": {str(y): str(a) for y, a in budget_ceilings.items() if a is not None},
        "source_ceilings": {
            source: {str(y): str(a) for y, a in years.items() if a is not None}
            for source, years in source_ceilings.items()
            if any(a is not None for a in years.values())
        },
        "opd_capacity": opd_capacity,
        "opd_capacities": {str(pk): n for pk, n in sorted(capacities.items())},
    }
    save_audited(actor, "masterplan.roadmap_constraints", masterplan, changes, region=region)
    return masterplan


def do_pin_start(actor: User, initiative: Initiative, year: int | None) -> Initiative:
    """Fix (or with None, free) the year the roadmap must start the initiative in."""
    region = initiative.region
    require_editor(actor, region)
    masterplan = require_masterplan(region)
    last_start = masterplan.period_end - initiative.duration + 1
    if year is not None and not masterplan.period_start <= year <= last_start:
        raise ValidationError(
            {
                "year": _("%(code)s runs %(n)s year(s); pin a start between %(a)s and %(b)s.")
                % {
                    "code": initiative.code,
                    "n": initiative.duration,
                    "a": masterplan.period_start,
                    "b": last_start,
                }
            }
        )
    save_audited(actor, "masterplan.pin", initiative, {"pinned_start_year": year}, region=region)
    return initiative


def do_start_roadmap_run(actor: User, region: Region, *, time_limit: float = 10.0) -> RoadmapRun:
    """Build the roadmap instance from the region's records and optimise it in the background."""
    require_editor(actor, region)
    if not 1 <= time_limit <= 120:
        raise ValidationError({"time_limit": _("The time limit must be between 1 and 120 seconds.")})
    built = build_instance(region)
    run = RoadmapRun(
        region=region,
        created_by=actor,
        instance=built.document,
        details=built.details,
        inputs_hash=built.inputs_hash(time_limit),
        time_limit=time_limit,
    )
    with transaction.atomic():
        run.save()
        record(
            actor,
            "masterplan.roadmap.run",
            run,
            before=None,
            after={"inputs_hash": run.inputs_hash, "time_limit": time_limit},
            region=region,
        )
        transaction.on_commit(lambda: run_roadmap.enqueue(run.pk))
    return run
