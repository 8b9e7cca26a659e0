# A region holds successive masterplans (revisions). Schema first (nullable links), then
# 0008 fills the links from each region's one masterplan, then 0009 makes them required and adds
# the constraints. Three migrations so PostgreSQL never alters a table with pending row updates.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0006_merge_0005_adopted_plan_0005_expert_judgements"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="masterplan",
            options={
                "ordering": ["region", "-revision"],
                "verbose_name": "masterplan",
                "verbose_name_plural": "masterplans",
            },
        ),
        migrations.RemoveConstraint(model_name="initiative", name="unique_initiative_code"),
        migrations.RemoveConstraint(model_name="problem", name="unique_problem_code"),
        migrations.AddField(
            model_name="masterplan",
            name="revision",
            field=models.PositiveSmallIntegerField(default=1, editable=False, verbose_name="revision"),
        ),
        migrations.AddField(
            model_name="masterplan",
            name="is_active",
            field=models.BooleanField(default=True, editable=False, verbose_name="active"),
        ),
        migrations.AlterField(
            model_name="masterplan",
            name="region",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="masterplans",
                to="regions.region",
                verbose_name="region",
            ),
        ),
        migrations.AddField(
            model_name="adoptedplan",
            name="masterplan",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="adopted_plans",
                to="planning.masterplan",
                verbose_name="masterplan",
            ),
        ),
        migrations.AddField(
            model_name="initiative",
            name="masterplan",
            field=models.ForeignKey(
                blank=True,
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="initiatives",
                to="planning.masterplan",
                verbose_name="masterplan",
            ),
        ),
        migrations.AddField(
            model_name="initiative",
            name="carried_over_from",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="planning.initiative",
                verbose_name="carried over from",
            ),
        ),
        migrations.AddField(
            model_name="problem",
            name="masterplan",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="problems",
                to="planning.masterplan",
                verbose_name="masterplan",
            ),
        ),
        migrations.AddField(
            model_name="problem",
            name="carried_over_from",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="planning.problem",
                verbose_name="carried over from",
            ),
        ),
    ]
