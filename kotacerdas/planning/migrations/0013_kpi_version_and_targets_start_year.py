"""KPIs get an optimistic version and the start year their targets were set for.

An adopted roadmap moves an initiative (its start year and budget lines) but not its KPI targets; the
"shift the targets" action moves them by the difference between the adopted start and the start year
the targets were set for. For the KPIs that exist, that year is read back from the audit log: the start
year the initiative had before the first adoption that moved it after the KPI was last saved, or its
start year now when no adoption moved it since. When an adoption moved it but the KPI's save is not in
the log, the year is left unknown (None): the action then refuses for that KPI rather than guess.
"""

from django.db import migrations, models


def targets_start_years(apps, schema_editor):
    Kpi = apps.get_model("planning", "Kpi")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    moves = {}
    for entry in AuditEntry.objects.filter(
        action="masterplan.adopt.initiative", object_type="planning.initiative"
    ).order_by("created_at", "id"):
        before, after = entry.before or {}, entry.after or {}
        if "start_year" in before and before.get("start_year") != after.get("start_year"):
            moves.setdefault(entry.object_id, []).append((entry.created_at, before["start_year"]))
    saved = {
        object_id: created_at
        for object_id, created_at in AuditEntry.objects.filter(
            action="masterplan.kpi.save", object_type="planning.kpi"
        )
        .order_by("created_at", "id")
        .values_list("object_id", "created_at")
    }
    kpis = list(Kpi._base_manager.select_related("initiative"))
    for kpi in kpis:
        moved = moves.get(str(kpi.initiative_id), [])
        if not moved:
            kpi.targets_start_year = kpi.initiative.start_year
            continue
        last_saved = saved.get(str(kpi.pk))
        if last_saved is None:
            kpi.targets_start_year = None
            continue
        later = [start for when, start in moved if when > last_saved]
        kpi.targets_start_year = later[0] if later else kpi.initiative.start_year
    Kpi._base_manager.bulk_update(kpis, ["targets_start_year"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_latest_entry"),
        ("planning", "0012_roadmaprun_claimed_by"),
    ]

    operations = [
        migrations.AddField(
            model_name="kpi",
            name="targets_start_year",
            field=models.PositiveSmallIntegerField(
                blank=True, editable=False, null=True, verbose_name="targets set for the start year"
            ),
        ),
        migrations.AddField(
            model_name="kpi",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.RunPython(targets_start_years, migrations.RunPython.noop),
    ]
