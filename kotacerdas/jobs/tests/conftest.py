from __future__ import annotations

import pytest


@pytest.fixture
def committed_world(django_db_serialized_rollback: None) -> None:
    """For tests that commit for real (threads, worker processes): the flush after each of them
    empties every table, so serialized rollback reloads the migrated reference data (the regions);
    load them through the dataset loader if it could not."""
    from kotacerdas.regions.dataset import load_regions
    from kotacerdas.regions.models import Region, SizeClassSchemeRecord

    if not Region.objects.exists():
        load_regions(Region, SizeClassSchemeRecord)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
