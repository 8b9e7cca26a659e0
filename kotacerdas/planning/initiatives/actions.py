"""Writes of the initiatives and their KPIs: permission → validation → transaction → audit.

An initiative is checked against the whole plan (order, years, budget) before anything is saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, save_audited
from kotacerdas.audit.versioning import require_version
from kotacerdas.core.budget_codes import BudgetCodeError, parse_budget_code
from kotacerdas.core.masterplan_checks import check_plan
from kotacerdas.planning.checks import blocking_error, budget_code_message, planned, planned_initiatives
from kotacerdas.planning.common import (
    check_dimension,
    check_opds,
    delete_record,
    require_editor,
    require_masterplan,
    save_record,
    snapshot_if_saved,
    stripped,
)
from kotacerdas.planning.initiatives.fields import ATTRIBUTE_FIELDS, initiative_code
from kotacerdas.planning.initiatives.spbe import clean_spbe_codes
from kotacerdas.planning.models import BudgetLine, FundingSource, Initiative, Kpi, Masterplan, Problem
from kotacerdas.regions.models import Region

Budget = Mapping[tuple[int, str], Decimal]


def clean_subactivity_codes(codes: Iterable[str]) -> list[str]:
    cleaned, errors = [], []
    for code in codes:
        if not code.strip():
            continue
        try:
            cleaned.append(str(parse_budget_code(code, require="sub_kegiatan")))
        except BudgetCodeError as error:
            errors.append(budget_code_message(error))
    if errors:
        raise ValidationError({"subactivity_codes": errors})
    return cleaned


def do_save_initiative(
    actor: User,
    region: Region,
    initiative: Initiative | None = None,
    *,
    budget: Budget,
    predecessors: Iterable[Initiative] = (),
    problems: Iterable[Problem] = (),
    subactivity_codes: Iterable[str] = (),
    version: int | None = None,
    **fields: Any,
) -> Initiative:
    """Create or update an initiative with its budget rows, all checked against the whole plan.

    ``version`` is the one the person's form started from: a save from an older one is refused
    (``require_version``); None (the XLSX import, scripts) skips that check."""
    require_editor(actor, region)
    masterplan = require_masterplan(region)
    if initiative is not None:
        initiative.require_active_plan()  # an earlier revision is read-only
    initiative = initiative or Initiative(region=region)
    before = snapshot_if_saved(initiative)
    if isinstance(fields.get("code"), str):
        fields["code"] = initiative_code(fields["code"])
    for name in ATTRIBUTE_FIELDS:
        if name in fields:
            setattr(initiative, name, stripped(fields[name]))
    check_dimension(initiative.dimension, initiative.element)
    # the model field takes 0, which would give a period like "2026–2025" and break every roadmap run
    if initiative.duration is not None and initiative.duration < 1:
        raise ValidationError({"duration": _("The duration must be at least 1 year.")})
    check_opds(region, [fields.get("owner")], "owner")
    predecessors, problems = list(predecessors), list(problems)
    if any(p.region_id != region.pk for p in predecessors):
        raise ValidationError({"predecessors": _("Choose initiatives of this region.")})
    if any(p.region_id != region.pk for p in problems):
        raise ValidationError({"problems": _("Choose problems of this region.")})
    initiative.subactivity_codes = clean_subactivity_codes(subactivity_codes)
    clash = Initiative.objects.filter(region=region, code__iexact=initiative.code).exclude(pk=initiative.pk)
    if clash.exists():
        raise ValidationError({"code": _("This region already has an initiative with this code.")})
    budget = _check_budget(budget)
    initiative.full_clean()
    _check_plan_with(region, initiative, masterplan, budget, predecessors)
    budget_before = _budget_record(initiative) if initiative.pk else None
    with transaction.atomic():
        require_version(initiative, version, labels={"masterplan.initiative.budget": _("budget")})
        save_record(actor, initiative, "masterplan.initiative.save", region, before)
        initiative.predecessors.set(predecessors)
        initiative.problems.set(problems)
        initiative.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(
            BudgetLine(initiative=initiative, year=year, source=source, amount=amount)
            for (year, source), amount in sorted(budget.items())
        )
        record(
            actor,
            "masterplan.initiative.budget",
            initiative,
            before=budget_before,
            after={f"{year} {source}": str(amount) for (year, source), amount in sorted(budget.items())},
            region=region,
        )
    return initiative


def _check_budget(budget: Budget) -> dict[tuple[int, str], Decimal]:
    """The non-empty budget rows as decimals; a funding source must be one of ours."""
    rows = {key: Decimal(value) for key, value in budget.items() if value}
    bad_sources = {source for _year, source in rows} - set(FundingSource.values)
    if bad_sources:
        raise ValidationError(_("Unknown funding source: %(s)s.") % {"s": ", ".join(sorted(bad_sources))})
    return rows


def _check_plan_with(
    region: Region,
    initiative: Initiative,
    masterplan: Masterplan,
    budget: Budget,
    predecessors: list[Initiative],
) -> None:
    """Refuse the initiative when, together with the region's others, the plan would break."""
    others = planned_initiatives(region, exclude_pk=initiative.pk)
    mine = planned(initiative, budget, [p.code for p in predecessors])
    findings = check_plan([*others, mine], (masterplan.period_start, masterplan.period_end))
    error = blocking_error([f for f in findings if f.code in ("", initiative.code)])
    if error is not None:
        raise error


def _budget_record(initiative: Initiative) -> dict[str, str]:
    return {f"{b.year} {b.source}": str(b.amount) for b in initiative.budget_lines.all()}


def do_delete_initiative(actor: User, initiative: Initiative) -> None:
    require_editor(actor, initiative.region)
    if initiative.successors.exists():
        raise ValidationError(
            _("Other initiatives depend on this one (%(codes)s); change them first.")
            % {"codes": ", ".join(initiative.successors.values_list("code", flat=True))}
        )
    delete_record(actor, initiative, "masterplan.initiative.delete", initiative.region)


def clean_targets(masterplan: Masterplan, targets: Mapping[int, Any]) -> dict[str, str]:
    """The non-blank targets as {"2027": "12.5"}; a target outside the masterplan period, or one that
    is not a number, refuses them all."""
    cleaned = {}
    for year, value in sorted(targets.items()):
        if value in (None, ""):
            continue
        if year not in masterplan.years:
            raise ValidationError(
                {
                    "targets": _(
                        "The target for %(year)s lies outside the masterplan period (%(first)s–%(last)s): "
                        "clear it or choose a year inside the period."
                    )
                    % {"year": year, "first": masterplan.period_start, "last": masterplan.period_end}
                }
            )
        try:
            number = Decimal(str(value).strip())
        except ArithmeticError:
            number = Decimal("NaN")
        if not number.is_finite():
            raise ValidationError({"targets": _("Targets must be numbers.")})
        cleaned[str(year)] = format(number.normalize(), "f")
    return cleaned


def do_save_kpi(
    actor: User,
    initiative: Initiative,
    kpi: Kpi | None = None,
    *,
    name: str,
    unit: str,
    baseline: Decimal | None,
    targets: Mapping[int, Any],
) -> Kpi:
    region = initiative.region
    require_editor(actor, region)
    masterplan = require_masterplan(region)
    kpi = kpi or Kpi(initiative=initiative)
    before = snapshot_if_saved(kpi)
    kpi.name, kpi.unit, kpi.baseline = name.strip(), unit.strip(), baseline
    cleaned = clean_targets(masterplan, targets)
    if kpi.pk is None or cleaned != kpi.targets:
        # targets entered now are set for the initiative's start year as it stands
        kpi.targets_start_year = initiative.start_year
    kpi.targets = cleaned
    with transaction.atomic():
        save_record(actor, kpi, "masterplan.kpi.save", region, before)
    return kpi


def do_set_kpi_targets(
    actor: User, kpi: Kpi, *, targets: Mapping[int, Any], version: int | None = None
) -> Kpi:
    """Correct a KPI's yearly targets in place: ``targets`` is the whole set ({year: value}, a blank
    value is no target for that year), replacing the stored one.

    ``version`` is the KPI's version the person's form started from: a save from an older one is
    refused (``require_version``). Monitoring reads these same targets (it keeps no copy), so an
    approved realisation of a changed year is compared with the new target from then on."""
    initiative = kpi.initiative
    region = initiative.region
    require_editor(actor, region)
    initiative.require_active_plan()  # an earlier revision is read-only
    masterplan = require_masterplan(region)
    cleaned = clean_targets(masterplan, targets)
    with transaction.atomic():
        require_version(kpi, version)
        if cleaned != kpi.targets:
            # as when a KPI is added: targets entered now are set for the initiative's start year
            changes = {"targets": cleaned, "targets_start_year": initiative.start_year}
            save_audited(actor, "masterplan.kpi.targets", kpi, changes, region=region, watch=["version"])
    return kpi


def do_delete_kpi(actor: User, kpi: Kpi) -> None:
    region = kpi.initiative.region
    require_editor(actor, region)
    delete_record(actor, kpi, "masterplan.kpi.delete", region)


def do_set_spbe_codes(actor: User, initiative: Initiative, codes: Iterable[str]) -> Initiative:
    """Map an initiative to the SPBE 2020 indicators it supports (an unknown code refuses them all)."""
    require_editor(actor, initiative.region)
    cleaned = clean_spbe_codes(codes)
    with transaction.atomic():
        before = {"spbe_codes": list(initiative.spbe_codes)}
        initiative.spbe_codes = cleaned
        initiative.save(update_fields=["spbe_codes"])
        record(
            actor,
            "masterplan.initiative.spbe",
            initiative,
            before=before,
            after={"spbe_codes": cleaned},
            region=initiative.region,
        )
    return initiative
