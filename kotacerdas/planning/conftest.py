"""A small masterplan for Kota Salatiga (region A), built through the planning actions.

Shared by the tests of every planning sub-context (``planning/<sub>/tests``) and ``planning/tests``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import pytest

from kotacerdas.accounts.models import User
from kotacerdas.planning.analysis.actions import do_save_profile
from kotacerdas.planning.initiatives.actions import do_save_initiative
from kotacerdas.planning.models import Initiative, Masterplan
from kotacerdas.regions.actions import do_create_opd
from kotacerdas.regions.models import Opd, Region


@pytest.fixture
def kominfo_a(ayu: User, region_a: Region) -> Opd:
    return do_create_opd(ayu, region_a, name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")


@pytest.fixture
def masterplan_a(budi: User, region_a: Region) -> Masterplan:
    return do_save_profile(budi, region_a, period_start=2026, period_end=2030, vision="Salatiga cerdas")


def add_initiative(
    actor: User,
    region: Region,
    code: str,
    owner: Opd,
    *,
    start: int = 2026,
    duration: int = 1,
    budget: Mapping[tuple[int, str], Decimal] | None = None,
    predecessors: Iterable[Initiative] = (),
    **extra: Any,
) -> Initiative:
    fields = {
        "code": code,
        "name": extra.pop("name", f"Inisiatif {code}"),
        "dimension": "governance",
        "element": "governance.service",
        "type": "application",
        "owner": owner,
        "horizon": "short",
        "start_year": start,
        "duration": duration,
        **extra,
    }
    budget = budget if budget is not None else {(start, "APBD"): Decimal(100_000_000)}
    return do_save_initiative(actor, region, budget=budget, predecessors=predecessors, **fields)


@pytest.fixture
def plan_a(
    budi: User, region_a: Region, masterplan_a: Masterplan, dinkes_a: Opd, kominfo_a: Opd
) -> dict[str, Initiative]:
    """Three initiatives: data (2 yrs) → telemed; portal independent."""
    data = add_initiative(
        budi,
        region_a,
        "SD-01",
        kominfo_a,
        duration=2,
        budget={(2026, "APBD"): Decimal(300_000_000), (2027, "APBD"): Decimal(200_000_000)},
    )
    telemed = add_initiative(
        budi,
        region_a,
        "KS-01",
        dinkes_a,
        start=2028,
        predecessors=[data],
        element="living.health",
        dimension="living",
        budget={(2028, "APBN_DAK"): Decimal(400_000_000)},
    )
    portal = add_initiative(budi, region_a, "PL-01", kominfo_a, citizen_benefit=True)
    return {"data": data, "telemed": telemed, "portal": portal}
