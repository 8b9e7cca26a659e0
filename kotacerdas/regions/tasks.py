"""Background work of the regions context (Django tasks API)."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from kotacerdas.regions.models import Region, SizeClassSchemeRecord


@task()
def refresh_size_classes() -> int:
    """Recompute every kab/kota's size class from the active scheme; returns how many changed."""
    scheme = SizeClassSchemeRecord.objects.get(is_active=True).as_core()
    changed = []
    for region in Region.objects.exclude(kind=Region.Kind.PROVINCE).only("id", "population", "size_class"):
        size_class = scheme.classify(region.population) or ""
        if size_class != region.size_class:
            region.size_class = size_class
            changed.append(region)
    with transaction.atomic():
        Region.objects.bulk_update(changed, ["size_class"], batch_size=500)
    return len(changed)
