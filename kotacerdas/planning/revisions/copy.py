"""Copy a revision's problems and initiatives into the next one, each copy linked to its original.

Years are made to fit the new period: an initiative starts no earlier than the new period and runs no
longer than its end; budget lines and KPI targets are kept for the years the copy still runs in
(the years already past belong to the previous revision and stay there).
"""

from __future__ import annotations

from django.db.models import Model

from kotacerdas.planning.models import BudgetLine, Initiative, Kpi, Masterplan, Problem

# set by the copy itself, never taken from the original
NOT_COPIED = {"id", "masterplan", "carried_over_from", "version"}


def _fields(instance: Model) -> dict[str, object]:
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.name not in NOT_COPIED and f.attname not in NOT_COPIED
    }


def _copy_problems(previous: Masterplan, new: Masterplan) -> dict[int, Problem]:
    originals = list(Problem.all_revisions.filter(masterplan=previous).prefetch_related("opds"))
    copies = Problem.all_revisions.bulk_create(
        Problem(**_fields(p), masterplan=new, carried_over_from=p) for p in originals
    )
    through = Problem.opds.through
    through.objects.bulk_create(
        through(problem_id=copy.pk, opd_id=opd.pk)
        for original, copy in zip(originals, copies, strict=True)
        for opd in original.opds.all()
    )
    return {original.pk: copy for original, copy in zip(originals, copies, strict=True)}


def _fitted(initiative: Initiative, new: Masterplan) -> Initiative:
    start = min(max(initiative.start_year, new.period_start), new.period_end)
    initiative.start_year = start
    initiative.duration = max(1, min(initiative.duration, new.period_end - start + 1))
    years = range(start, start + initiative.duration)
    if initiative.earliest_start_year not in years:
        initiative.earliest_start_year = None
    if initiative.pinned_start_year not in years:
        initiative.pinned_start_year = None
    return initiative


def _copy_initiatives(previous: Masterplan, new: Masterplan) -> dict[int, Initiative]:
    originals = list(Initiative.all_revisions.filter(masterplan=previous))
    copies = Initiative.all_revisions.bulk_create(
        _fitted(Initiative(**_fields(i), masterplan=new, carried_over_from=i), new) for i in originals
    )
    return {original.pk: copy for original, copy in zip(originals, copies, strict=True)}


def _copy_links(problems: dict[int, Problem], initiatives: dict[int, Initiative]) -> None:
    """The copies address the copied problems and follow the copied predecessors."""
    solves = Initiative.problems.through
    solves.objects.bulk_create(
        solves(initiative_id=initiatives[row.initiative_id].pk, problem_id=problems[row.problem_id].pk)
        for row in solves.objects.filter(initiative_id__in=list(initiatives))
        if row.problem_id in problems
    )
    follows = Initiative.predecessors.through
    follows.objects.bulk_create(
        follows(
            from_initiative_id=initiatives[row.from_initiative_id].pk,
            to_initiative_id=initiatives[row.to_initiative_id].pk,
        )
        for row in follows.objects.filter(from_initiative_id__in=list(initiatives))
    )


def _copy_kpis_and_budget(initiatives: dict[int, Initiative]) -> tuple[int, int]:
    running = {pk: set(range(c.start_year, c.start_year + c.duration)) for pk, c in initiatives.items()}
    kpis = Kpi.all_revisions.bulk_create(
        Kpi(
            **{
                **_fields(kpi),
                "initiative_id": initiatives[kpi.initiative_id].pk,
                "targets": {y: v for y, v in kpi.targets.items() if int(y) in running[kpi.initiative_id]},
            }
        )
        for kpi in Kpi.all_revisions.filter(initiative_id__in=list(initiatives))
    )
    lines = BudgetLine.all_revisions.bulk_create(
        BudgetLine(**{**_fields(line), "initiative_id": initiatives[line.initiative_id].pk})
        for line in BudgetLine.all_revisions.filter(initiative_id__in=list(initiatives))
        if line.year in running[line.initiative_id]
    )
    return len(kpis), len(lines)


def carry_over(previous: Masterplan, new: Masterplan) -> dict[str, int]:
    """Copy everything of ``previous`` that the new revision starts from; the counts, for the audit."""
    problems = _copy_problems(previous, new)
    initiatives = _copy_initiatives(previous, new)
    _copy_links(problems, initiatives)
    kpis, lines = _copy_kpis_and_budget(initiatives)
    return {"problems": len(problems), "initiatives": len(initiatives), "kpis": kpis, "budget_lines": lines}
