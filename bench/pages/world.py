"""The worlds bench_pages.py measures: the demo, or a seeded region of a given size, and the rest of
bench/load's working day on it. Imported by bench_pages.py's worker (this folder is on its path)."""

from __future__ import annotations

from typing import Any


def working_day_pages(region: Any) -> dict[str, tuple[Any, ...]]:
    """The other pages of bench/load's working day (issue 17, helper wt-lists): the region's monitoring
    page, a KPI report of the open period (its form, and its save), and a draft assessment's answer page
    (as the OPD contributor Sari in the demo, the coordinator elsewhere) and its save. A save is
    (user, url, field, values): the form is read from one GET, then each timed POST changes ``field``."""
    from django.contrib.auth import get_user_model

    from kotacerdas.assessment.models import Assessment
    from kotacerdas.monitoring.models import KpiReport, Period
    from kotacerdas.planning.models import Kpi

    users = get_user_model().objects
    budi = users.get(username="budi")
    answerer = users.filter(username="sari").first() or budi
    base = f"/r/{region.code}/"
    pages: dict[str, tuple[Any, ...]] = {
        "monitoring page": (budi, base + "monitoring/"),
        "member home": (budi, "/"),
        "OPD member home": (answerer, "/"),  # her inbox: assessment and monitoring work
    }
    period = Period.objects.filter(region=region, state=Period.State.OPEN).order_by("-year").first()
    done = KpiReport.objects.filter(period=period, status__in=["submitted", "approved"]).values("kpi")
    kpi = Kpi.objects.filter(initiative__region=region).exclude(pk__in=done).order_by("pk").first()
    if period is not None and kpi is not None:
        report = f"{base}monitoring/periode/{period.pk}/kpi/{kpi.pk}/"
        pages["KPI report page"] = (budi, report)
        pages["KPI report save"] = (budi, report, "value", "save")
        pages["KPI report save, GET + POST"] = (budi, report, "value", "save", True)
    draft = Assessment.objects.filter(region=region, state="draft").order_by("pk").first()
    if draft is not None:
        from kotacerdas.assessment.instruments import get_instrument

        first = get_instrument(draft.instrument_id).indicators()[0].code  # "1" in the demo's instrument
        answer = f"{base}asesmen/{draft.pk}/jawaban/{first}/"
        pages["answer page"] = (answerer, answer)
        pages["answer save (POST)"] = (budi, answer, "explanation", "")
        pages["answer save, GET + POST"] = (budi, answer, "explanation", "", True)
    return pages


def load_demo() -> tuple[Any, Any, Any]:
    """The demo's Ayu, Budi and Kota Salatiga (``kotacerdas up`` loads the same data)."""
    from kotacerdas.accounts.models import User
    from kotacerdas.demo import load_demo as load
    from kotacerdas.regions.models import Region

    load()
    return (
        User.objects.get(username="ayu"),
        User.objects.get(username="budi"),
        Region.objects.get(code="33.73"),
    )


def seed(size: dict[str, int]) -> tuple[Any, Any, Any]:
    """Ayu, Budi (coordinator of the first kab/kota by code, so that it is in the programme cohort)
    and the region, with ``size`` records."""
    from datetime import date
    from decimal import Decimal

    from kotacerdas.accounts.models import Membership, Role, User

    try:
        from kotacerdas.assessment.actions.answering import do_start_assessment
    except ImportError:  # a --before checkout older than the actions' split into modules
        from kotacerdas.assessment.actions import do_start_assessment
    from kotacerdas.monitoring.actions.periods import do_open_period
    from kotacerdas.planning.analysis.actions import do_save_problem, do_save_profile
    from kotacerdas.planning.initiatives.actions import do_save_initiative, do_save_kpi
    from kotacerdas.programme.tests.bulk import seed_cohort
    from kotacerdas.regions.actions import do_create_opd
    from kotacerdas.regions.models import Region

    region = Region.objects.exclude(kind=Region.Kind.PROVINCE).order_by("code").first()
    assert region is not None
    ayu = User.objects.create_user("ayu", password="x")
    Membership.objects.create(user=ayu, role=Role.NATIONAL_ADMIN)
    budi = User.objects.create_user("budi", password="x", first_name="Budi")
    Membership.objects.create(user=budi, role=Role.COORDINATOR, region=region)
    opd = do_create_opd(ayu, region, name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    for n in range(size["members"]):
        user = User.objects.create_user(f"staf{n:03}", password="x")
        Membership.objects.create(user=user, role=Role.OPD_CONTRIBUTOR, region=region, opd=opd)
    do_save_profile(budi, region, period_start=2026, period_end=2030, vision="Salatiga cerdas")
    for n in range(size["problems"]):
        do_save_problem(
            budi, region, code=f"M-{n:03}", title=f"Masalah {n}", dimension="governance",
            element="governance.service", opds=[opd],
        )  # fmt: skip
    previous = None
    for n in range(size["initiatives"]):
        fields = {
            "code": f"IN-{n:03}", "name": f"Inisiatif {n}", "dimension": "governance",
            "element": "governance.service", "type": "application", "owner": opd, "horizon": "short",
            "start_year": 2026 + n % 4, "duration": 1,
        }  # fmt: skip
        budget = {(2026 + n % 4, "APBD"): Decimal(100_000_000)}
        predecessors = [previous] if previous is not None and n % 3 == 0 else []
        previous = do_save_initiative(budi, region, budget=budget, predecessors=predecessors, **fields)
    initiatives = list(region.planning_initiatives.order_by("code")) if size["kpis"] else []
    for n in range(size["kpis"]):
        initiative = initiatives[n % len(initiatives)]
        do_save_kpi(
            budi, initiative, name=f"KPI {n}", unit="%", baseline=Decimal(10),
            targets={initiative.start_year: Decimal(50), 2030: Decimal(90)},
        )  # fmt: skip
    if size["initiatives"]:
        do_open_period(budi, region, year=2026, closes_on=date(2027, 1, 31))
    for n in range(3):
        do_start_assessment(budi, region, instrument_id="readiness-2019", title=f"Asesmen {n}")
    seed_cohort(ayu, 2026, size["regions"])
    return ayu, budi, region
