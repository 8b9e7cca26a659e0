"""Two saves of one outcome value from the same version, released together: exactly one wins."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError

from kotacerdas.monitoring.actions.setup import do_save_outcome
from kotacerdas.monitoring.models import OutcomeValue
from tests.concurrency import ON_POSTGRESQL, stale, together

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), ON_POSTGRESQL]
FIELDS: dict[str, Any] = {"name": "Tingkat kemiskinan", "year": 2024, "unit": "%", "source": "BPS"}


def test_two_changes_of_one_value_from_the_same_version(budi, ayu, region_a) -> None:
    first = do_save_outcome(budi, region_a, **FIELDS, value="9,8", version=0)

    def change(actor: Any, value: str) -> Callable[[], OutcomeValue]:
        row = OutcomeValue.objects.get(pk=first.pk)  # each person's page read the same version
        return lambda: do_save_outcome(
            actor, region_a, outcome=row, version=first.version, **FIELDS, value=value
        )

    results = together(change(budi, "9,5"), change(ayu, "9,1"))
    winners = [r for r in results if isinstance(r, OutcomeValue)]
    assert len(winners) == 1, results
    assert sum(stale(r) for r in results) == 1, results
    stored = OutcomeValue.objects.get(pk=first.pk)
    assert (stored.value, stored.version) == (winners[0].value, first.version + 1)


def test_two_adds_of_the_same_year_save_one(budi, ayu, region_a) -> None:
    def add(actor: Any, value: str) -> Callable[[], OutcomeValue]:
        return lambda: do_save_outcome(actor, region_a, **FIELDS, value=value, version=0)

    results = together(add(budi, "9,5"), add(ayu, "9,1"))
    winners = [r for r in results if isinstance(r, OutcomeValue)]
    assert len(winners) == 1, results
    # the other is refused: the year was stored already, or its insert met the unique constraint (which
    # the page shows on the form as a clash, kotacerdas.web.pages.attempt)
    (loser,) = [r for r in results if not isinstance(r, OutcomeValue)]
    assert isinstance(loser, IntegrityError) or "sudah memiliki nilai untuk tahun 2024" in str(loser), results
    assert [v.value for v in OutcomeValue.objects.all()] == [Decimal(winners[0].value)]
