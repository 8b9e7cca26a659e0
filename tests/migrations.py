"""Moving the test database along the migration graph, for the tests of data migrations: each sets up
records as the schema before the migration had them, migrates forwards (and back), and reads them
through the historical models of that point."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets: list[tuple[str, str]]) -> Any:
    """Migrate to ``targets`` (app label, migration name) and return the apps registry of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest() -> list[tuple[str, str]]:
    """The newest migration of every app: where a test puts the database back when it is done."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()
