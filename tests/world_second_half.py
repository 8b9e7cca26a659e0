"""The second half of the shared world (tests/world.py): Sleman's evaluation cycles (an open one, and a
published one of the year before with its results book), a composite-index run, a year of monitoring
with its reports, evidence, outcome and Quick Win milestone, a consultation with an idea, and a portal
event with its photo."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.world_kit import YEAR, action, pdf_file


def evaluation(world: dict[str, Any]) -> None:
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


def index(world: dict[str, Any]) -> None:
    """A composite-index run on the published cycle's verified results (the national admin's)."""
    from kotacerdas.evaluation.index_actions import do_create_index_run
    from kotacerdas.evaluation.models import Cycle

    choices = {"impute": "none", "normalise": "none", "weights": "meta", "aggregate": "a_amean"}
    run = do_create_index_run(
        world["ayu"], title="Indeks", choices=choices, cycle=Cycle.objects.get(pk=world["published_cycle_id"])
    )
    world.update(index_run_id=run.pk)


def monitoring(world: dict[str, Any]) -> None:
    """A 2026 period of Sleman with the OPD's KPI report (with evidence) and initiative report, a
    value of its poverty outcome series, and a milestone of its Quick Win."""
    from kotacerdas.monitoring.models import InitiativeReport, KpiReport
    from kotacerdas.planning.models import Initiative, Kpi

    dewi, region = world["dewi"], world["region"]
    period = action("monitoring.do_open_period")(dewi, region, year=YEAR, closes_on=date(YEAR + 1, 1, 31))
    kpi = Kpi.objects.get(pk=world["kpi_id"])
    initiative = Initiative.objects.get(pk=world["initiative_id"])
    kpi_report: KpiReport = action("monitoring.do_save_kpi_report")(
        world["contributor"], period, kpi, value="80", evidence_file=pdf_file("bukti.pdf"), submit=True
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


def participation(world: dict[str, Any]) -> None:
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


def portal(world: dict[str, Any]) -> None:
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
