"""One region's records, built through the real actions, for the tests that walk every URL.

Region B (Kabupaten Sleman, 34.04) gets a record behind every object a URL names: a masterplan
with a problem, SWOT item, statement, programme, initiative with KPI, roadmap run, quick win and
risk; an assessment with an answer and evidence; a book version with its file; a programme cohort
with Sleman selected, a deliverable with an uploaded file and an institution with its decree; an
evaluation cycle with Sleman taking part (and its pre-filled self-assessment), and a
published one of the year before with its national results book and a composite-index run on its
results. Region
A (Kota Salatiga, 33.73) has only its coordinator, Budi, who must get a 404 for all of it while
Dewi, Sleman's coordinator, opens it.

Built once per test module (the ``module_world`` fixture in tests/conftest.py). The monitoring and
evaluation half is in tests/world_second_half.py, the means it is built with in tests/world_kit.py.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from conftest import PASSWORD, REGION_A, REGION_B
from tests import world_second_half as second_half
from tests.world_kit import INDICATOR, INSTRUMENT, PDF, YEAR, action, new_person, pdf_file

__all__ = ["action", "build_world", "kwarg_value"]  # what the tests import from here


def _people(world: dict[str, Any]) -> None:
    from kotacerdas.accounts.models import Membership, Role, User
    from kotacerdas.regions.models import Region

    ayu = User.objects.create_user("ayu", password=PASSWORD, first_name="Ayu")
    Membership.objects.create(user=ayu, role=Role.NATIONAL_ADMIN)
    region_a, region_b = Region.objects.get(code=REGION_A), Region.objects.get(code=REGION_B)
    dinkes = action("regions.do_create_opd")(ayu, region_b, name="Dinas Kesehatan", short_name="Dinkes")
    world.update(
        ayu=ayu,
        region_a=region_a,
        region=region_b,
        opd=dinkes,
        budi=new_person(ayu, "budi", "coordinator", region_a),
        dewi=new_person(ayu, "dewi", "coordinator", region_b),
        # region B's members who may look but not change (docs/reference/roles.md)
        mentor=new_person(ayu, "mentor_b", "mentor", region_b),
        contributor=new_person(ayu, "sari_b", "opd_contributor", region_b, dinkes),
        assessor=new_person(ayu, "assessor_b", "assessor", region_b),
    )


def _masterplan(world: dict[str, Any]) -> None:
    dewi, region, opd = world["dewi"], world["region"], world["opd"]

    def planning(verb: str, *args: Any, **kwargs: Any) -> Any:
        return action(f"planning.{verb}")(dewi, *args, **kwargs)

    planning("do_save_profile", region, period_start=YEAR, period_end=YEAR + 4, vision="Sleman cerdas")
    # Region A has a masterplan period too, so a region B record asked for under A's code reaches the
    # record lookup (404) instead of the "fill in the profile first" redirect.
    action("planning.do_save_profile")(
        world["ayu"], world["region_a"], period_start=YEAR, period_end=YEAR + 4
    )
    indicator = planning(
        "do_add_indicator", region, name="IPM", value=Decimal(80), unit="indeks", year=2024, source="BPS"
    )
    problem = planning(
        "do_save_problem",
        region,
        code="M-01",
        title="Layanan belum terintegrasi",
        dimension="governance",
        element="governance.service",
        opds=[opd],
    )
    swot = planning("do_save_swot_item", region, scope="struktur", kind="S", text="Tim berpengalaman")
    goal = planning("do_add_statement", region, kind="goal", dimension="governance", text="Layanan daring")
    programme = planning(
        "do_add_programme",
        region,
        code="2.16.03",
        name="Program Pengelolaan Aplikasi Informatika",
        document="RPJMD",
        opd=opd,
        goal=goal,
    )
    initiative = planning(
        "do_save_initiative",
        region,
        budget={(YEAR, "APBD"): Decimal(100_000_000)},
        problems=[problem],
        code="GOV-01",
        name="Satu Data Sleman",
        dimension="governance",
        element="governance.service",
        type="application",
        owner=opd,
        horizon="short",
        start_year=YEAR,
        duration=1,
    )
    kpi = planning(
        "do_save_kpi", initiative, name="Capaian", unit="%", baseline=Decimal(0), targets={YEAR: 100}
    )
    run = planning("do_start_roadmap_run", region, time_limit=5)
    planning("do_confirm_schedule", region)  # a plan of record for the plan API
    quick_win = planning("do_select_quick_win", initiative, year=YEAR)
    risk = planning(
        "do_add_risk",
        quick_win,
        description="Adopsi rendah",
        likelihood=3,
        impact=4,
        handling="reduce",
        mitigation="Sosialisasi",
        owner="Kepala Bidang",
    )
    world.update(
        indicator_id=indicator.pk,
        problem_id=problem.pk,
        swot_item_id=swot.pk,
        statement_id=goal.pk,
        programme_id=programme.pk,
        initiative_id=initiative.pk,
        kpi_id=kpi.pk,
        run_id=run.pk,
        dimension="semua",
        quickwin_id=quick_win.pk,
        risk_id=risk.pk,
        target="planning.problem",
        object_id=problem.pk,
        revision=1,  # the masterplan's revision number (region A has a revision 1 too)
    )


def _assessment(world: dict[str, Any]) -> None:
    dewi, region = world["dewi"], world["region"]
    assessment = action("assessment.do_start_assessment")(
        dewi, region, instrument_id=INSTRUMENT, title="Kesiapan 2026"
    )
    action("assessment.do_assign")(dewi, assessment, code="struktur", opd=world["opd"])
    action("assessment.do_save_answer")(dewi, assessment, INDICATOR, value="yes", explanation="ada SK")
    evidence = action("assessment.do_upload_evidence")(
        dewi, assessment, INDICATOR, pdf_file("sk.pdf"), name="sk.pdf", size=len(PDF)
    )
    world.update(assessment_id=assessment.pk, indicator=INDICATOR, evidence_id=evidence.pk)


def _books(world: dict[str, Any]) -> None:
    version = action("documents.do_request_books")(
        world["dewi"], world["region"], programme_year=YEAR, formats=["docx"]
    )
    # approved and ratified, so the signed scan exists too
    action("documents.do_approve")(world["ayu"], version, exception_reason="Contoh untuk uji akses")
    action("documents.do_ratify")(
        world["dewi"],
        version,
        number="Perbup 1/2026",
        ratified_on=date(2026, 1, 2),
        scan=pdf_file("perbup.pdf"),
    )
    world.update(number=version.number, file_id=version.files.first().pk)


def _programme(world: dict[str, Any]) -> None:
    ayu, dewi, region = world["ayu"], world["dewi"], world["region"]

    def programme(verb: str, *args: Any, **kwargs: Any) -> Any:
        return action(f"programme.{verb}")(*args, **kwargs)

    stages = {n: (date(YEAR, 5 + n, 1), date(YEAR, 5 + n, 2)) for n in (1, 2, 3, 4)}
    cohort = programme(
        "do_create_cohort",
        ayu,
        year=YEAR,
        name="Kohort 2026",
        quota=1,
        instrument=INSTRUMENT,
        stage_dates=stages,
    )
    (candidacy,) = programme("do_invite_regions", ayu, cohort, [region])
    programme("do_assign_assessor", ayu, candidacy, world["assessor"])
    programme("do_record_verified_score", world["assessor"], candidacy, "3.10")
    programme("do_select", ayu, cohort)
    candidacy.refresh_from_db()
    programme(
        "do_record_mou",
        ayu,
        candidacy,
        number="NK-1/2026",
        signed_on=date(YEAR, 5, 20),
        upload=pdf_file("mou.pdf"),
    )
    programme("do_assign_mentor", ayu, candidacy, world["mentor"])
    deliverable = candidacy.deliverables.select_related("item").order_by("item__stage", "pk").first()
    item = programme("do_add_submitted_item", dewi, deliverable, label="Draf", upload=pdf_file("draf.pdf"))
    kind = "dewan"
    institution = programme(
        "do_save_institution",
        ayu,
        region,
        kind=kind,
        decree_number="188/1/2026",
        decree_date=date(YEAR, 4, 1),
        upload=pdf_file("sk.pdf"),
    )
    member = programme(
        "do_add_institution_member",
        ayu,
        institution,
        name="Bupati",
        position="Bupati",
        agency="Pemda",
        role="chair",
    )
    world.update(
        cohort_id=cohort.pk,
        deliverable_id=deliverable.pk,
        deliverable_item_id=item.pk,
        checklist_item_id=deliverable.item_id,
        kind=kind,
        member_id=member.pk,
    )


def _accounts(world: dict[str, Any]) -> None:
    from kotacerdas.accounts.consent import give_consent
    from kotacerdas.accounts.models import Membership, Purpose

    world.update(
        consent_id=give_consent(world["dewi"], Purpose.EMAIL_DIGEST).pk,
        code=world["region"].code,
        opd_id=world["opd"].pk,
        user_id=world["dewi"].pk,
        membership_id=Membership.objects.get(user=world["dewi"]).pk,
        version="v1",
    )


def build_world() -> dict[str, Any]:
    world: dict[str, Any] = {}
    for step in (
        _people,
        _accounts,
        _masterplan,
        _assessment,
        _books,
        _programme,
        second_half.monitoring,
        second_half.evaluation,
        second_half.index,
        second_half.participation,
        second_half.portal,
    ):
        step(world)
    return world


# kwargs whose name means a different record depending on the URL
BY_URL = {
    "planning:swot_item": {"item_id": "swot_item_id"},
    "planning:swot_delete": {"item_id": "swot_item_id"},
    "programme:checklist_item": {"item_id": "checklist_item_id"},
    "programme:checklist_item_remove": {"item_id": "checklist_item_id"},
    "programme:item_file": {"item_id": "deliverable_item_id"},
    # the assessment's evidence and monitoring's evidence are different records under one URL name
    "monitoring:evidence": {"evidence_id": "monitoring_evidence_id"},
    "evaluation:results_xlsx": {"cycle_id": "published_cycle_id"},
    "evaluation:cycle_letter_docx": {"cycle_id": "published_cycle_id"},
    "evaluation:cycle_letter_pdf": {"cycle_id": "published_cycle_id"},
    "evaluation:book_request": {"cycle_id": "published_cycle_id"},
    "evaluation:book_docx": {"cycle_id": "published_cycle_id"},
    "evaluation:book_pdf": {"cycle_id": "published_cycle_id"},
    # the books' file and an event's photo are different records under one kwarg name
    "portal:public_file": {"file_id": "event_file_id"},
    "portal:event_file": {"file_id": "event_file_id"},
    "portal:event_file_delete": {"file_id": "event_file_id"},
}


def kwarg_value(world: dict[str, Any], url_name: str, kwarg: str) -> Any:
    """The world's record for one URL parameter; KeyError when the world lacks it (a test bug)."""
    key = BY_URL.get(url_name, {}).get(kwarg, kwarg)
    return world[key]
