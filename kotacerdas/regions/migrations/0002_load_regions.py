from django.db import migrations


def forwards(apps, schema_editor):
    from kotacerdas.regions.dataset import load_regions

    load_regions(apps.get_model("regions", "Region"), apps.get_model("regions", "SizeClassSchemeRecord"))


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
