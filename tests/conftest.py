"""Fixtures for the tests that walk every URL: region B's records, built once per module."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import TestCase
from django.test.utils import override_settings

from tests.reference_data import restore_reference_data
from tests.world import build_world


@pytest.fixture(scope="module")
def module_world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """Region B's records, built once for the module and rolled back after its last test.

    The whole module runs inside one transaction; each test's own transaction is a savepoint in
    it (pytest-django's ``db``), so what one test changes the next one does not see."""
    media = tmp_path_factory.mktemp("media")
    quiet = override_settings(MEDIA_ROOT=media, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    with django_db_blocker.unblock():
        restore_reference_data()  # outside the module's transaction: a flush elsewhere removed them
    with quiet, django_db_blocker.unblock(), transaction.atomic():
        # the roadmap run and e-mails start on commit, which never comes inside this transaction
        with TestCase.captureOnCommitCallbacks(execute=True):
            world = build_world()
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def world(module_world: dict[str, Any], db: None) -> dict[str, Any]:
    """Region B's records for one test (its changes are rolled back after it: ``db``'s savepoint)."""
    return module_world
