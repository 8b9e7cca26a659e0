# The links filled by 0008 become required (initiatives); codes are unique per masterplan revision;
# a region has one revision per number and exactly one active revision (partial unique index).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("planning", "0008_masterplan_revisions_backfill")]

    operations = [
        migrations.AlterField(
            model_name="initiative",
            name="masterplan",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="initiatives",
                to="planning.masterplan",
                verbose_name="masterplan",
            ),
        ),
        migrations.AddConstraint(
            model_name="masterplan",
            constraint=models.UniqueConstraint(fields=("region", "revision"), name="unique_masterplan_revision"),
        ),
        migrations.AddConstraint(
            model_name="masterplan",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_active", True)), fields=("region",), name="one_active_masterplan"
            ),
        ),
        migrations.AddConstraint(
            model_name="initiative",
            constraint=models.UniqueConstraint(fields=("masterplan", "code"), name="unique_initiative_code_per_plan"),
        ),
        migrations.AddConstraint(
            model_name="problem",
            constraint=models.UniqueConstraint(fields=("masterplan", "code"), name="unique_problem_code_per_plan"),
        ),
        migrations.AddConstraint(
            model_name="problem",
            constraint=models.UniqueConstraint(
                condition=models.Q(("masterplan", None)), fields=("region", "code"), name="unique_problem_code_no_plan"
            ),
        ),
    ]
