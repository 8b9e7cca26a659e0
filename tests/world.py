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

Built once per test module (the ``module_world`` fixture in tests/conftest.py).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import PASSWORD, REGION_A, REGION_B

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
INSTRUMENT = "readiness-2019"
INDICATOR = "struktur.sdm.1"
YEAR = 2026


@cache
def _actions() -> dict[str, Callable[..., Any]]:
    import kotacerdas

    found: dict[str, Callable[..., Any]] = {}
    for module_info in pkgutil.walk_packages(kotacerdas.__path__, "kotacerdas."):
        if "actions" not in module_info.name.split(".")[2:]:  # actions.py or a module of an actions/ package
            continue
        module = importlib.import_module(module_info.name)
        app = module_info.name.split(".")[1]
        for name, value in vars(module).items():
            if name.startswith("do_") and callable(value) and value.__module__ == module.__name__:
                found[f"{app}.{name}"] = value
    return found


def action(name: str) -> Callable[..., Any]:
    """The action ``"<app>.do_<verb>"`` wherever it lives inside the app.

    Found by name rather than imported from a module path, so moving an action between an app's
    modules (planning is being split into sub-packages) does not break every URL test at once."""
    return _actions()[name]


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _person(ayu: Any, username: str, role: str, region: Any = None, opd: Any = None) -> Any:
    user = action("accounts.do_create_user")(
        ayu, username=username, password=PASSWORD, first_name=username.capitalize()
    )
    action("accounts.do_add_membership")(ayu, user, role=role, region=region, opd=opd)
    return user


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
        budi=_person(ayu, "budi", "coordinator", region_a),
        dewi=_person(ayu, "dewi", "coordinator", region_b),
        # region B's members who may look but not change (docs/reference/roles.md)
        mentor=_person(ayu, "mentor_b", "mentor", region_b),
        contributor=_person(ayu, "sari_b", "opd_contributor", region_b, dinkes),
        assessor=_person(ayu, "assessor_b", "assessor", region_b),
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
        dewi, assessment, INDICATOR, _pdf("sk.pdf"), name="sk.pdf", size=len(PDF)
    )
    world.update(assessment_id=assessment.pk, indicator=INDICATOR, evidence_id=evidence.pk)


def _books(world: dict[str, Any]) -> None:
    version = action("documents.do_request_books")(
        world["dewi"], world["region"], programme_year=YEAR, formats=["docx"]
    )
    # approved and ratified, so the signed scan exists too
    action("documents.do_approve")(world["ayu"], version, exception_reason="Contoh untuk uji akses")
    action("documents.do_ratify")(
        world["dewi"], version, number="Perbup 1/2026", ratified_on=date(2026, 1, 2), scan=_pdf("perbup.pdf")
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
        upload=_pdf("mou.pdf"),
    )
    programme("do_assign_mentor", ayu, candidacy, world["mentor"])
    deliverable = candidacy.deliverables.select_related("item").order_by("item__stage", "pk").first()
    item = programme("do_add_submitted_item", dewi, deliverable, label="Draf", upload=_pdf("draf.pdf"))
    kind = "dewan"
    institution = programme(
        "do_save_institution",
        ayu,
        region,
        kind=kind,
        decree_number="188/1/2026",
        decree_date=date(YEAR, 4, 1),
        upload=_pdf("sk.pdf"),
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


def _evaluation(world: dict[str, Any]) -> None:
    cycle = action("evaluation.do_open_cycle")(
        world["ayu"],
        year=YEAR,
        instrument="monev-2022",
        scheme="pp26-2008",
        regions=[world["region"]],
        self_assessment_until=date(YEAR, 8, 31),
        verification_until=date(YEAR, 10, 31),
        publication_on=date(YEAR, 12, 5),
    )
    published = action("evaluation.do_open_cycle")(
        world["ayu"],
        year=YEAR - 1,
        instrument="monev-2022",
        scheme="pp26-2008",
        regions=[world["region"]],
        self_assessment_until=date(YEAR - 1, 8, 31),
        verification_until=date(YEAR - 1, 10, 31),
        publication_on=date(YEAR - 1, 12, 5),
    )
    scores = "region_code,baseline,output,outcome,impact,quick_win\n" + world["region"].code + ",3,3,3,3,3\n"
    action("evaluation.do_enter_results")(world["ayu"], published, scores)
    action("evaluation.do_publish")(world["ayu"], published)
    action("evaluation.do_request_results_book")(world["ayu"], published)  # built on commit
    # the open cycle for the pages that change it, the published one for letters, tables and the API
    world.update(cycle_id=cycle.pk, published_cycle_id=published.pk, year=published.year)


def _index(world: dict[str, Any]) -> None:
    """A composite-index run on the published cycle's verified results (the national admin's)."""
    from kotacerdas.evaluation.index_actions import do_create_index_run
    from kotacerdas.evaluation.models import Cycle

    choices = {"impute": "none", "normalise": "none", "weights": "meta", "aggregate": "a_amean"}
    run = do_create_index_run(
        world["ayu"], title="Indeks", choices=choices, cycle=Cycle.objects.get(pk=world["published_cycle_id"])
    )
    world.update(index_run_id=run.pk)


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


def _monitoring(world: dict[str, Any]) -> None:
    """A 2026 period of Sleman with the OPD's KPI report (with evidence) and initiative report, a
    value of its poverty outcome series, and a milestone of its Quick Win."""
    from kotacerdas.monitoring.models import InitiativeReport, KpiReport
    from kotacerdas.planning.models import Initiative, Kpi

    dewi, region = world["dewi"], world["region"]
    period = action("monitoring.do_open_period")(dewi, region, year=YEAR, closes_on=date(YEAR + 1, 1, 31))
    kpi = Kpi.objects.get(pk=world["kpi_id"])
    initiative = Initiative.objects.get(pk=world["initiative_id"])
    kpi_report: KpiReport = action("monitoring.do_save_kpi_report")(
        world["contributor"], period, kpi, value="80", evidence_file=_pdf("bukti.pdf"), submit=True
    )
    initiative_report: InitiativeReport = action("monitoring.do_save_initiative_report")(
        world["contributor"], period, initiative, implementation="running", submit=True
    )
    outcome = action("monitoring.do_save_outcome")(
        dewi, region, name="Tingkat kemiskinan", year=YEAR, value="9,5", unit="%", source="BPS"
    )
    from kotacerdas.planning.models import QuickWin

    quick_win = QuickWin.objects.get(pk=world["quickwin_id"])
    milestone = action("monitoring.do_add_milestone")(dewi, quick_win, title="Peluncuran", year=YEAR)
    world.update(
        milestone_id=milestone.pk,
        quick_win_id=quick_win.pk,
        outcome_id=outcome.pk,
        period_id=period.pk,
        kpi_report_id=kpi_report.pk,
        initiative_report_id=initiative_report.pk,
        monitoring_evidence_id=kpi_report.evidence.get().pk,
    )


def _participation(world: dict[str, Any]) -> None:
    """Sleman's open consultation with a verified citizen's idea (with a photo) and a comment."""
    from kotacerdas.participation.actions.citizens import verification_token

    dewi, region = world["dewi"], world["region"]
    consultation = action("participation.do_create_consultation")(dewi, region, title="Masalah Sleman")
    phase = action("participation.do_add_phase")(
        dewi, consultation, name="Pengumpulan masalah", starts_on=date(2020, 1, 1), ends_on=date(2099, 12, 31)
    )
    warga = action("participation.do_register_citizen")(
        name="Warga Sleman",
        email="warga@example.org",
        password="Rahasia-Warga-2026",
        consent=True,
        address_key="world",
        verify_url=lambda token: token,
    )
    token = verification_token(warga)
    action("participation.do_verify_email")(token)
    photo = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + bytes(32), content_type="image/png")
    idea = action("participation.do_submit_idea")(
        warga,
        consultation,
        kind="problem",
        title="Jalan berlubang di Depok",
        text="Jalan di dekat pasar berlubang dan membahayakan pengendara.",
        element="living.mobility",
        photo=photo,
    )
    comment = action("participation.do_comment")(warga, idea, text="Sudah dua bulan belum diperbaiki.")
    world.update(
        consultation_id=consultation.pk,
        phase_id=phase.pk,
        idea_id=idea.pk,
        comment_id=comment.pk,
        token=token,
    )


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _portal(world: dict[str, Any]) -> None:
    """A socialisation event of Sleman with a public photo, and Sleman's portal published."""
    dewi, region = world["dewi"], world["region"]
    event = action("portal.do_save_event")(
        dewi,
        region,
        title="Sosialisasi masterplan",
        held_on=date(YEAR, 3, 2),
        place="Pendopo",
        from_government=20,
        head_count=30,
    )
    photo = action("portal.do_add_event_file")(
        dewi,
        event,
        upload=SimpleUploadedFile("foto.png", PNG, content_type="image/png"),
        kind="photo",
        is_public=True,
    )
    action("portal.do_publish_portal")(dewi, region, parts=["vision", "kpis", "events", "evaluation"])
    world.update(event_id=event.pk, event_file_id=photo.pk, table="kpi", fmt="csv")


def build_world() -> dict[str, Any]:
    world: dict[str, Any] = {}
    for step in (
        _people,
        _accounts,
        _masterplan,
        _assessment,
        _books,
        _programme,
        _monitoring,
        _evaluation,
        _index,
        _participation,
        _portal,
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
