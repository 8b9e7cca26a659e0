from __future__ import annotations

import pytest

from tests.reference_data import restore_reference_data


@pytest.fixture
def committed_world(django_db_serialized_rollback: None) -> None:
    """For tests that commit for real (threads, worker processes): the flush after each of them
    empties every table; the migrated reference data must be back first."""
    restore_reference_data()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
