"""Initiative codes are stored in capitals (``initiative_code``); codes saved before that ("gov-02") would
no longer match the codes the roadmap compares (the optimiser's schedule and the adopted plan's entries
are keyed by code). This writes every such code in capitals: the initiative's, and the code and
predecessor codes its adopted-plan entries stored.

A code whose capitals another initiative of the same masterplan already holds ("gov-02" beside "GOV-02")
is left as it is, as is an adopted entry whose capitals another entry of the same plan holds: merging
them is a person's decision. Each one left is printed, never passed over silently.
"""

from collections import defaultdict

from django.db import migrations


def uppercase_codes(apps, schema_editor, out=print):
    Initiative = apps.get_model("planning", "Initiative")
    AdoptedItem = apps.get_model("planning", "AdoptedItem")
    per_plan = defaultdict(list)
    for pk, masterplan_id, code in Initiative._base_manager.values_list("pk", "masterplan_id", "code"):
        per_plan[masterplan_id].append((pk, code))
    for masterplan_id, rows in per_plan.items():
        for pk, _code, upper in _renames(rows):
            Initiative._base_manager.filter(pk=pk).update(code=upper)
        for code, others in _clashes(rows):
            out(
                f"planning 0014: masterplan {masterplan_id}: initiative code {code!r} left as it is, "
                f"{', '.join(map(repr, others))} differ only by case"
            )
    per_adopted = defaultdict(list)
    for item in AdoptedItem._base_manager.order_by("plan_id", "pk"):
        per_adopted[item.plan_id].append(item)
    for plan_id, items in per_adopted.items():
        rows = [(item.pk, item.code) for item in items]
        renamed = {code: upper for _pk, code, upper in _renames(rows)}
        for code, others in _clashes(rows):
            out(
                f"planning 0014: adopted plan {plan_id}: entry {code!r} left as it is, "
                f"{', '.join(map(repr, others))} differ only by case"
            )
        for item in items:
            code = renamed.get(item.code, item.code)
            predecessors = [renamed.get(p, p) for p in item.predecessors]
            if code != item.code or predecessors != item.predecessors:
                AdoptedItem._base_manager.filter(pk=item.pk).update(code=code, predecessors=predecessors)


def _renames(rows):
    """(pk, code, CODE) for each code not in capitals whose capitals no other row of the group holds."""
    groups = defaultdict(list)
    for pk, code in rows:
        groups[code.upper()].append((pk, code))
    return [
        (pk, code, upper)
        for upper, same in groups.items()
        if len(same) == 1
        for pk, code in same
        if code != upper
    ]


def _clashes(rows):
    """(code, [the others]) for each code not in capitals that another row's code equals but for case."""
    groups = defaultdict(list)
    for _pk, code in rows:
        groups[code.upper()].append(code)
    return [
        (code, same[:i] + same[i + 1 :])
        for same in groups.values()
        if len(same) > 1
        for i, code in enumerate(same)
        if code != code.upper()
    ]


class Migration(migrations.Migration):
    dependencies = [("planning", "0013_kpi_version_and_targets_start_year")]

    operations = [migrations.RunPython(uppercase_codes, migrations.RunPython.noop)]
