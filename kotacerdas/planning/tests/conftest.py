"""A small masterplan for Kota Salatiga (region A), built through the planning actions."""

from decimal import Decimal

import pytest

from kotacerdas.planning import actions
from kotacerdas.regions.actions import do_create_opd


@pytest.fixture
def kominfo_a(ayu, region_a):
    return do_create_opd(ayu, region_a, name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")


@pytest.fixture
def masterplan_a(budi, region_a):
    return actions.do_save_profile(
        budi, region_a, period_start=2026, period_end=2030, vision="Salatiga cerdas"
    )


def add_initiative(
    actor, region, code, owner, *, start=2026, duration=1, budget=None, predecessors=(), **extra
):
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
    return actions.do_save_initiative(actor, region, budget=budget, predecessors=predecessors, **fields)


@pytest.fixture
def plan_a(budi, region_a, masterplan_a, dinkes_a, kominfo_a):
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
