"""Seed the load benchmark's world on the stack's database and print what the load client needs (JSON).

    DATABASE_URL=... python bench/load/seed.py --regions 100 --team 10 --seed 7 > world.json

Runs after the demo world is loaded. ``--regions`` regencies/cities (the first by code, the demo region
excluded) each get, through the real actions, a 2026–2030 masterplan profile, one OPD, six initiatives
with two KPIs each and an open 2027 reporting period, and a team of ``--team`` people (a coordinator and
OPD contributors). Sessions are written straight into the session store — logging 1,000 people in
through PBKDF2 would cost minutes of CPU and is not what is measured here. Printed: the session cookie
name, one session per person with the URLs their scenario opens, and the demo personas' URLs for the
per-endpoint throughput runs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DIMENSIONS = (
    ("governance", "governance.service"),
    ("living", "living.health"),
    ("economy", "economy.welfare"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=100)
    parser.add_argument("--team", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7, help="accepted for run.py; the world is fixed")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
    import django

    django.setup()
    from django.conf import settings

    endpoints, personas = demo_endpoints()
    regions = seeded_regions(args.regions)
    people = [person for region in regions for person in team(region, args.team)]
    # Each seeded region's coordinator saves its KPI reports: one record per client (concurrent saves of
    # one report would be refused as stale: the lost-update check, not the load, would speak).
    records = []
    for region, coordinator in zip(regions, people[:: args.team], strict=True):
        persona = f"coordinator {region['region'].code}"
        personas[persona] = coordinator["session"]
        records += [{"as": persona, "path": path} for path in region["report_paths"]]
    endpoints["KPI report save (POST)"] = {"records": records, "field": "value", "button": "save"}
    world = {
        "cookie": settings.SESSION_COOKIE_NAME,
        "personas": personas,
        "endpoints": endpoints,
        "people": people,
    }
    json.dump(world, sys.stdout)


def session_for(user: Any) -> str:
    """A logged-in session, as django.contrib.auth.login and the two-factor step would store it.

    A person who must use a second factor (a national admin, an assessor) gets a confirmed TOTP device
    when they have none, and the session carries it as verified (django-otp's ``otp_device_id``), as if
    they had typed their code; without it every page of theirs would redirect to the code step."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from kotacerdas.accounts.two_factor import ENROLLED_KEY, confirmed_totp, must_use_two_factor

    device = confirmed_totp(user)
    if device is None and must_use_two_factor(user):
        device = TOTPDevice.objects.create(user=user, name="bench/load", confirmed=True)
    store = import_module(settings.SESSION_ENGINE).SessionStore()  # the configured store and backend
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[ENROLLED_KEY] = device is not None
    if device is not None:
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.create()
    return str(store.session_key)


def demo_endpoints() -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """The pages measured one by one, on the demo region Kota Salatiga, as the persona who opens them."""
    from django.contrib.auth import get_user_model

    from kotacerdas.assessment.access import EDITABLE_ANSWER_STATES
    from kotacerdas.assessment.actions.common import instrument_of
    from kotacerdas.assessment.instruments import tree_rows
    from kotacerdas.assessment.models import Assessment

    users = {u.username: u for u in get_user_model().objects.filter(username__in=["ayu", "budi", "sari"])}
    personas = {name: session_for(user) for name, user in users.items()}
    draft = Assessment.objects.filter(region__code="33.73", state="draft").order_by("pk").first()
    assert draft is not None, "the demo world has a draft assessment"
    base = "/r/33.73/"
    answers = f"{base}asesmen/{draft.pk}/jawaban/"
    # Every indicator Budi (the coordinator) may save: one per client, see the KPI reports above.
    locked = set(draft.answers.exclude(state__in=EDITABLE_ANSWER_STATES).values_list("indicator", flat=True))
    rows = tree_rows(instrument_of(draft))
    indicators = [row.code for row in rows if row.indicator and row.code not in locked]
    endpoints: dict[str, dict[str, Any]] = {
        "trivial view": {"as": "budi", "get": "/sehat/"},
        "landing (anonymous)": {"as": "", "get": "/"},
        "regions API": {"as": "budi", "get": "/api/v1/regions?page=2"},
        "region page": {"as": "budi", "get": base},
        "initiatives list": {"as": "budi", "get": base + "masterplan/inisiatif/"},
        "monitoring page": {"as": "budi", "get": base + "monitoring/"},
        "answer page": {"as": "sari", "get": f"{base}asesmen/{draft.pk}/jawaban/1/"},
        "national dashboard": {"as": "ayu", "get": "/program/dasbor/"},
        "answer save (POST)": {
            "records": [{"as": "budi", "path": f"{answers}{indicator}/"} for indicator in indicators],
            "field": "explanation",
        },
    }
    return endpoints, personas


def seeded_regions(count: int) -> list[dict[str, Any]]:
    from django.contrib.auth import get_user_model

    from kotacerdas.monitoring.actions.periods import do_open_period
    from kotacerdas.planning.analysis.actions import do_save_profile
    from kotacerdas.planning.initiatives.actions import do_save_initiative, do_save_kpi
    from kotacerdas.regions.actions import do_create_opd
    from kotacerdas.regions.models import Region

    ayu = get_user_model().objects.get(username="ayu")
    regions = Region.objects.exclude(kind=Region.Kind.PROVINCE).exclude(code="33.73").order_by("code")[:count]
    seeded = []
    for region in regions:
        opd = do_create_opd(ayu, region, name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
        do_save_profile(ayu, region, period_start=2026, period_end=2030)
        kpis = []
        for n in range(6):
            dimension, element = DIMENSIONS[n % 3]
            item = do_save_initiative(
                ayu,
                region,
                budget={(y, "APBD"): Decimal(250_000_000) for y in range(2026, 2029)},
                code=f"I-{n + 1:02d}",
                name=f"Inisiatif contoh {n + 1}",
                dimension=dimension,
                element=element,
                type="application",
                owner=opd,
                horizon="medium",
                start_year=2026,
                duration=3,
            )
            for k in range(2):
                kpi = do_save_kpi(
                    ayu, item, name=f"KPI {n + 1}.{k + 1}", unit="%", baseline=Decimal(10), targets={2027: 40}
                )
                kpis.append(kpi.pk)
        period = do_open_period(ayu, region, year=2027, closes_on=date(2028, 1, 31))
        paths = [f"/r/{region.code}/monitoring/periode/{period.pk}/kpi/{kpi}/" for kpi in kpis]
        seeded.append(
            {"region": region, "opd": opd, "kpis": kpis, "period": period.pk, "report_paths": paths}
        )
    return seeded


def team(seeded: dict[str, Any], size: int) -> list[dict[str, Any]]:
    """A coordinator and OPD contributors, each with a session and the URLs of their working day."""
    from django.contrib.auth import get_user_model

    from kotacerdas.accounts.actions import do_add_membership
    from kotacerdas.accounts.models import Role

    user_model = get_user_model()
    ayu = user_model.objects.get(username="ayu")
    region = seeded["region"]
    base = f"/r/{region.code}/"
    people = []
    for n in range(size):
        user = user_model.objects.create(username=f"load-{region.code}-{n}", first_name=f"Contoh {n}")
        if n == 0:
            do_add_membership(ayu, user, role=Role.COORDINATOR, region=region)
        else:
            do_add_membership(ayu, user, role=Role.OPD_CONTRIBUTOR, region=region, opd=seeded["opd"])
        # each person their own KPI (a team of up to 12 never saves one report twice at once)
        kpi = seeded["kpis"][n % len(seeded["kpis"])]
        people.append(
            {
                "session": session_for(user),
                "region_page": base,
                "initiatives": base + "masterplan/inisiatif/",
                "monitoring": base + "monitoring/",
                "report": f"{base}monitoring/periode/{seeded['period']}/kpi/{kpi}/",
            }
        )
    return people


if __name__ == "__main__":
    main()
