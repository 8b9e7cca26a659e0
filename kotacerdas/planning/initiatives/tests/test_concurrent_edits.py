"""Two saves of one initiative from the same version, released together: exactly one wins."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from kotacerdas.planning.initiatives.actions import do_save_initiative
from kotacerdas.planning.models import Initiative
from tests.concurrency import ON_POSTGRESQL, stale, together

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), ON_POSTGRESQL]


def test_two_initiative_saves_from_the_same_version(budi, ayu, region_a, plan_a, kominfo_a) -> None:
    portal = plan_a["portal"]
    started_from = portal.version

    def save(actor: Any, budget: int, description: str) -> Callable[[], Initiative]:
        def call() -> Initiative:
            fresh = Initiative.objects.get(pk=portal.pk)
            fields = {
                n: getattr(fresh, n)
                for n in ("code", "name", "dimension", "element", "type", "horizon", "start_year", "duration")
            }
            return do_save_initiative(
                actor,
                region_a,
                fresh,
                budget={(2026, "APBD"): Decimal(budget)},
                owner=kominfo_a,
                description=description,
                version=started_from,
                **fields,
            )

        return call

    results = together(save(budi, 999_000_000, "dari Budi"), save(ayu, 100_000_000, "dari Ayu"))
    winners = [r for r in results if isinstance(r, Initiative)]
    assert len(winners) == 1, results
    assert sum(stale(r) for r in results) == 1, results
    stored = Initiative.objects.get(pk=portal.pk)
    amount = stored.budget_lines.get().amount
    expected_amount = Decimal(999_000_000 if winners[0].description == "dari Budi" else 100_000_000)
    assert (stored.description, amount) == (winners[0].description, expected_amount)
    assert stored.version == started_from + 1
