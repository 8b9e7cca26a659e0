# Every existing masterplan becomes revision 1, active (the field defaults of 0007); every existing
# problem, initiative and adopted plan is attached to its region's masterplan. Nothing is deleted: a
# region with initiatives but no masterplan (not reachable through the actions, but possible in old
# data) gets a revision 1 spanning its initiatives' years, so the required link can be filled.

from django.db import migrations


def attach(apps, schema_editor):
    Masterplan = apps.get_model("planning", "Masterplan")
    Problem = apps.get_model("planning", "Problem")
    Initiative = apps.get_model("planning", "Initiative")
    AdoptedPlan = apps.get_model("planning", "AdoptedPlan")
    orphans = Initiative.objects.filter(masterplan=None).values("region_id")
    for region_id in set(orphans.values_list("region_id", flat=True)):
        if not Masterplan.objects.filter(region_id=region_id).exists():
            runs = Initiative.objects.filter(region_id=region_id).values_list("start_year", "duration")
            start = min(first for first, _years in runs)
            end = max(first + max(years, 1) - 1 for first, years in runs)
            Masterplan.objects.create(region_id=region_id, period_start=start, period_end=end)
    for plan in Masterplan.objects.all():
        for model in (Problem, Initiative, AdoptedPlan):
            model.objects.filter(region_id=plan.region_id, masterplan=None).update(masterplan=plan)


def detach(apps, schema_editor):
    """Backwards: only regions with one masterplan can go back to the one-to-one link."""
    Masterplan = apps.get_model("planning", "Masterplan")
    if Masterplan.objects.exclude(revision=1).exists():
        raise RuntimeError("Regions hold several masterplan revisions; they cannot go back to one each.")


class Migration(migrations.Migration):
    dependencies = [("planning", "0007_masterplan_revisions")]

    operations = [migrations.RunPython(attach, detach)]
