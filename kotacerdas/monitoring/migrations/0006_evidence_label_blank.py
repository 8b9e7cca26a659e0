"""An evidence item without a label keeps it blank; the page words the default in the reader's language.

The default was stored as text in the writer's language ('Bukti' or 'Evidence'), so a reader in the
other language saw it untranslated. Those stored defaults become blank; going back restores 'Bukti'."""

from django.db import migrations, models

STORED_DEFAULTS = ["Bukti", "Evidence"]


def blank_the_stored_defaults(apps, schema_editor):
    Evidence = apps.get_model("monitoring", "Evidence")
    Evidence.objects.filter(label__in=STORED_DEFAULTS).update(label="")


def store_the_default(apps, schema_editor):
    Evidence = apps.get_model("monitoring", "Evidence")
    Evidence.objects.filter(label="").update(label="Bukti")


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0005_milestone_version"),
    ]

    operations = [
        migrations.AlterField(
            model_name="evidence",
            name="label",
            field=models.CharField(blank=True, max_length=200, verbose_name="label"),
        ),
        migrations.RunPython(blank_the_stored_defaults, store_the_default),
    ]
