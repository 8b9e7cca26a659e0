"""Writes of the strategic analysis: permission → validation → transaction → audit.

Each do_* function changes one thing completely or not at all; a ValidationError
carries Indonesian messages keyed by form field.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import User
from kotacerdas.audit.versioning import require_version
from kotacerdas.core.budget_codes import BudgetCodeError, parse_budget_code
from kotacerdas.core.masterplan_checks import check_plan
from kotacerdas.planning import reference
from kotacerdas.planning.access import masterplan_of
from kotacerdas.planning.checks import PERIOD_KINDS, budget_code_message, planned_initiatives
from kotacerdas.planning.common import (
    check_dimension,
    check_opds,
    delete_record,
    require_editor,
    save_record,
    snapshot_if_saved,
    stripped,
)
from kotacerdas.planning.models import (
    KeyIndicator,
    Masterplan,
    Problem,
    ProgrammeMapping,
    Statement,
    SwotItem,
)
from kotacerdas.regions.models import Opd, Region

PROFILE_FIELDS = [
    "period_start",
    "period_end",
    "rpjmd_start",
    "rpjmd_end",
    "population",
    "area_km2",
    "head_vision",
    "head_missions",
    "vision",
    "missions",
]


# A masterplan's and an RPJMD's years, and a key indicator's (older data may describe the baseline):
# a year typed as 20026 or 3000000000 is refused on its field, not saved.
FIRST_YEAR, INDICATOR_FIRST_YEAR, LAST_YEAR = 2000, 1900, 2100


def _year_error(first: int) -> str:
    return _("Enter a year between %(first)s and %(last)s.") % {"first": first, "last": LAST_YEAR}


def check_year(year: int | None, first: int = FIRST_YEAR) -> int | None:
    """``year`` when it lies between ``first`` and ``LAST_YEAR`` (or is None); ValidationError otherwise.
    The forms call it on their year fields too, so the message is the same on every database (on
    PostgreSQL a model's smallint range would otherwise answer first: "at most 32767")."""
    if year is not None and not first <= year <= LAST_YEAR:
        raise ValidationError(_year_error(first))
    return year


def do_save_profile(actor: User, region: Region, **fields: Any) -> Masterplan:
    require_editor(actor, region)
    masterplan = masterplan_of(region) or Masterplan(region=region, period_start=0, period_end=0)
    before = snapshot_if_saved(masterplan)
    for name in PROFILE_FIELDS:
        if name in fields:
            setattr(masterplan, name, fields[name])
    start, end = masterplan.period_start, masterplan.period_end
    stray = [
        name
        for name in ("period_start", "period_end", "rpjmd_start", "rpjmd_end")
        if getattr(masterplan, name) is not None and not FIRST_YEAR <= getattr(masterplan, name) <= LAST_YEAR
    ]
    if stray:
        raise ValidationError(dict.fromkeys(stray, _year_error(FIRST_YEAR)))
    if not (2000 <= start <= end <= start + 19):
        raise ValidationError(
            {"period_end": _("The period must run forward and last at most 20 years (e.g. 2026–2030).")}
        )
    if masterplan.rpjmd_start and masterplan.rpjmd_end and masterplan.rpjmd_end < masterplan.rpjmd_start:
        raise ValidationError({"rpjmd_end": _("The RPJMD period must end after it starts.")})
    if masterplan.pk:
        _check_initiatives_stay_inside(region, start, end)
    with transaction.atomic():
        save_record(actor, masterplan, "masterplan.profile", region, before)
        if before is None:  # the first plan: problems inventoried before it belong to it
            Problem.all_revisions.filter(region=region, masterplan=None).update(masterplan=masterplan)
    return masterplan


def _check_initiatives_stay_inside(region: Region, start: int, end: int) -> None:
    findings = check_plan(planned_initiatives(region), (start, end))
    outside = sorted({f.code for f in findings if f.kind in PERIOD_KINDS})
    if outside:
        raise ValidationError(
            {
                "period_start": _("Initiatives %(codes)s would fall outside the new period.")
                % {"codes": ", ".join(outside)}
            }
        )


def do_add_indicator(actor: User, region: Region, **fields: Any) -> KeyIndicator:
    require_editor(actor, region)
    indicator = KeyIndicator(region=region, **fields)
    if not INDICATOR_FIRST_YEAR <= int(indicator.year) <= LAST_YEAR:
        raise ValidationError({"year": _year_error(INDICATOR_FIRST_YEAR)})
    with transaction.atomic():
        save_record(actor, indicator, "masterplan.indicator.add", region, None)
    return indicator


def do_delete_indicator(actor: User, indicator: KeyIndicator) -> None:
    require_editor(actor, indicator.region)
    delete_record(actor, indicator, "masterplan.indicator.delete", indicator.region)


def do_save_problem(
    actor: User,
    region: Region,
    problem: Problem | None = None,
    *,
    opds: Iterable[Opd] = (),
    version: int | None = None,
    **fields: Any,
) -> Problem:
    """Create or update a problem; ``version`` (from the edit form) refuses a save from an older one."""
    require_editor(actor, region)
    opds = list(opds)
    check_dimension(fields.get("dimension", ""), fields.get("element", ""))
    check_opds(region, opds, "opds")
    if problem is not None:
        problem.require_active_plan()  # an earlier revision is read-only
    problem = problem or Problem(region=region)
    before = snapshot_if_saved(problem)
    for name, value in fields.items():
        setattr(problem, name, stripped(value))
    clash = Problem.objects.filter(region=region, code__iexact=problem.code).exclude(pk=problem.pk)
    if clash.exists():
        raise ValidationError({"code": _("This region already has a problem with this code.")})
    with transaction.atomic():
        require_version(problem, version)
        save_record(actor, problem, "masterplan.problem.save", region, before)
        problem.opds.set(opds)
    return problem


def do_delete_problem(actor: User, problem: Problem) -> None:
    require_editor(actor, problem.region)
    delete_record(actor, problem, "masterplan.problem.delete", problem.region)


def do_save_swot_item(
    actor: User,
    region: Region,
    item: SwotItem | None = None,
    *,
    scope: str,
    kind: str,
    text: str,
    version: int | None = None,
) -> SwotItem:
    require_editor(actor, region)
    if scope not in dict(reference.swot_scopes()):
        raise ValidationError({"scope": _("Choose a readiness element or a smart city dimension.")})
    item = item or SwotItem(region=region)
    before = snapshot_if_saved(item)
    item.scope, item.kind, item.text = scope, kind, text.strip()
    with transaction.atomic():
        require_version(item, version)
        save_record(actor, item, "masterplan.swot.save", region, before)
    return item


def do_delete_swot_item(actor: User, item: SwotItem) -> None:
    require_editor(actor, item.region)
    delete_record(actor, item, "masterplan.swot.delete", item.region)


def do_add_statement(actor: User, region: Region, *, kind: str, dimension: str, text: str) -> Statement:
    require_editor(actor, region)
    check_dimension(dimension)
    statement = Statement(region=region, kind=kind, dimension=dimension, text=text.strip())
    with transaction.atomic():
        save_record(actor, statement, "masterplan.statement.add", region, None)
    return statement


def do_delete_statement(actor: User, statement: Statement) -> None:
    require_editor(actor, statement.region)
    if statement.programmes.exists():
        raise ValidationError(_("Programmes are mapped to this goal; remove those mappings first."))
    delete_record(actor, statement, "masterplan.statement.delete", statement.region)


def do_add_programme(
    actor: User, region: Region, *, code: str, name: str, document: str, opd: Opd | None, goal: Statement
) -> ProgrammeMapping:
    require_editor(actor, region)
    try:
        code = str(parse_budget_code(code))
    except BudgetCodeError as error:
        raise ValidationError({"code": budget_code_message(error)}) from None
    check_opds(region, [opd], "opd")
    if goal.region_id != region.pk or goal.kind != Statement.Kind.GOAL:
        raise ValidationError({"goal": _("Choose a smart city goal of this region.")})
    mapping = ProgrammeMapping(
        region=region, code=code, name=name.strip(), document=document, opd=opd, goal=goal
    )
    with transaction.atomic():
        save_record(actor, mapping, "masterplan.programme.add", region, None)
    return mapping


def do_delete_programme(actor: User, mapping: ProgrammeMapping) -> None:
    require_editor(actor, mapping.region)
    delete_record(actor, mapping, "masterplan.programme.delete", mapping.region)
