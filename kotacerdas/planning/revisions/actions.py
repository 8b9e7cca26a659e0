"""Start a new revision of a region's masterplan (e.g. the 2023–2027 plan after the 2017–2021 one).

The previous revision stays as it was, read-only, with its adopted plan, monitoring periods and books;
the new one becomes the active plan and starts as a copy of the previous plan's problems and
initiatives (with their KPIs, budget lines and links), each copy pointing to its original
("carried over"). See docs/explanation/masterplan-revisions.md.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, snapshot
from kotacerdas.planning.common import require_editor, require_masterplan
from kotacerdas.planning.models import AdoptedPlan, Masterplan
from kotacerdas.planning.revisions.copy import carry_over
from kotacerdas.regions.models import Region

# What the new revision takes over from the previous one: the region's profile, the vision and the
# planning settings. Yearly ceilings belong to the old years and are left behind.
COPIED_FIELDS = [
    "rpjmd_start",
    "rpjmd_end",
    "population",
    "area_km2",
    "head_vision",
    "head_missions",
    "vision",
    "missions",
    "weight_method",
    "judgements",
    "weights",
    "opd_capacity",
    "opd_capacities",
    "qw_max_years",
    "qw_cost_ceiling",
    "qw_citizen_benefit",
    "qw_min_readiness",
]


def check_period(previous: Masterplan, start: int, end: int) -> None:
    if not (2000 <= start <= end <= start + 19):
        raise ValidationError(
            {"period_end": _("The period must run forward and last at most 20 years (e.g. 2026–2030).")}
        )
    if start <= previous.period_start:
        raise ValidationError(
            {
                "period_start": _("A new revision must start after the current one (%(start)s).")
                % {"start": previous.period_start}
            }
        )


def do_start_revision(actor: User, region: Region, period_start: int, period_end: int) -> Masterplan:
    """Make a new active revision for ``period_start``–``period_end`` from the current one."""
    require_editor(actor, region)
    previous = require_masterplan(region)
    check_period(previous, period_start, period_end)
    with transaction.atomic():
        # the row lock makes two people starting a revision at once wait for each other
        previous = Masterplan.objects.select_for_update().get(pk=previous.pk)
        number = Masterplan.all_revisions.filter(region=region).aggregate(n=Max("revision"))["n"] + 1
        Masterplan.all_revisions.filter(pk=previous.pk).update(is_active=False)
        AdoptedPlan.objects.filter(region=region, superseded_at__isnull=True).update(
            superseded_at=timezone.now()
        )
        masterplan = Masterplan(
            region=region,
            revision=number,
            period_start=period_start,
            period_end=period_end,
            **{name: getattr(previous, name) for name in COPIED_FIELDS},
        )
        masterplan.full_clean()
        masterplan.save()
        counts = carry_over(previous, masterplan)
        after = {**snapshot(masterplan), "previous_revision": previous.revision, **counts}
        record(actor, "masterplan.revision.start", masterplan, before=None, after=after, region=region)
    return masterplan
