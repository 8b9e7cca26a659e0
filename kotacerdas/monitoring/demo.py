"""Two years of monitoring for Kota Salatiga (example data, "contoh"), built through the actions.

2026 is reported, approved and locked; 2027 is open with one report returned for revision, on which
mentor Rina asked a question and the author answered (a discussion thread), and one waiting for the
coordinator's approval (in Budi's inbox). The outcome series
include a Magelang-like poverty series (16 → 9 → 7 %), labelled as example data.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kotacerdas.accounts.models import User
from kotacerdas.monitoring.actions import periods, reports, setup
from kotacerdas.monitoring.models import Milestone, Period
from kotacerdas.monitoring.overview import active_in
from kotacerdas.monitoring.plan import pagu, plan_for
from kotacerdas.planning.models import Initiative, Kpi, Masterplan, QuickWin
from kotacerdas.regions.models import Region

REGION = "33.73"
EXAMPLE_SOURCE = "Contoh data (penurunan seperti pola Kota Magelang)"
# The poverty series goes on from the masterplan's key indicator (4,76 % in 2024, BPS) with invented
# later years, so the page shows one series of several years, not two series under two names.
POVERTY = "Tingkat kemiskinan (contoh)"
POVERTY_LATER_YEARS = [(2025, "4.58"), (2026, "4.31")]


def load_demo(ayu: User) -> None:
    region = Region.objects.get(code=REGION)
    if Period.objects.filter(region=region).exists() or not Masterplan.objects.filter(region=region).exists():
        return
    budi = User.objects.filter(username="budi").first() or ayu
    sari = User.objects.filter(username="sari").first()
    _milestones(budi, region)
    setup.do_seed_outcomes(budi, region)
    for year, value in POVERTY_LATER_YEARS:
        setup.do_save_outcome(
            budi,
            region,
            name=POVERTY,
            year=year,
            value=Decimal(value),
            unit="%",
            source=EXAMPLE_SOURCE,
            example=True,
        )
    first = periods.do_open_period(budi, region, year=2026, closes_on=date(2027, 1, 31))
    _report_year(budi, sari, region, first, share=Decimal("0.9"))
    periods.do_lock_period(ayu, first)
    second = periods.do_open_period(budi, region, year=2027, closes_on=date(2028, 1, 31))
    _report_year(budi, sari, region, second, share=Decimal("0.6"), return_one=True)
    _thread(region, second)


def _thread(region: Region, period: Period) -> None:
    """Rina's question on the returned 2027 report, and its author's answer (example text)."""
    from kotacerdas.discussion.actions import do_add_comment
    from kotacerdas.monitoring.models import KpiReport

    rina = User.objects.filter(username="rina").first()
    report = KpiReport.objects.filter(period=period, status="returned").select_related("reported_by").first()
    if rina is None or report is None:
        return
    question = do_add_comment(
        rina,
        report,
        body="Contoh: angka ini dari rekap puskesmas atau dari aplikasi? Mohon sebutkan sumbernya di narasi.",
    )
    author = report.reported_by
    if author != rina:
        do_add_comment(
            author, report, body="Contoh: dari rekap puskesmas; narasi akan dilengkapi.", parent=question
        )


def _milestones(budi: User, region: Region) -> None:
    for quick_win in QuickWin.objects.filter(region=region):  # as Budi's "make from the steps" button
        setup.do_seed_milestones(budi, quick_win, suffix=" (contoh)")


def _reporter(budi: User, sari: User | None, initiative: Initiative) -> User:
    return sari if sari is not None and initiative.owner.short_name == "Dinkes" else budi


def _report_year(
    budi: User, sari: User | None, region: Region, period: Period, *, share: Decimal, return_one: bool = False
) -> None:
    planned = pagu(plan_for(region))
    returned = waiting = False
    for initiative in Initiative.objects.filter(region=region).select_related("owner").order_by("code"):
        if not active_in(initiative, period.year):
            continue
        actor = _reporter(budi, sari, initiative)
        realised = {
            source: str((Decimal(years.get(period.year, 0)) * share).quantize(Decimal(1)))
            for source, years in planned.get(initiative.code, {}).items()
            if years.get(period.year)
        }
        last_year = initiative.start_year + initiative.duration - 1 == period.year
        done = [m for m in _quick_win_milestones(initiative) if m.year <= period.year]
        report = reports.do_save_initiative_report(
            actor,
            period,
            initiative,
            implementation="completed" if last_year and share > Decimal("0.8") else "running",
            realised=realised,
            milestones=done,
            narrative="Contoh: kegiatan berjalan sesuai rencana.",
            submit=True,
        )
        reports.do_review_report(budi, report, decision="approved")
        for kpi in Kpi.objects.filter(initiative=initiative):
            target = (kpi.targets or {}).get(str(period.year))
            if target is None:
                continue
            value = (Decimal(target) * share).quantize(Decimal("0.01"))
            kpi_report = reports.do_save_kpi_report(
                actor,
                period,
                kpi,
                value=str(value),
                narrative="Contoh realisasi.",
                evidence_link="https://salatiga.go.id/contoh-laporan",
                submit=True,
            )
            if return_one and not returned:
                reports.do_review_report(
                    budi, kpi_report, decision="returned", reason="Contoh: lampirkan rekap bulanan."
                )
                returned = True
            elif return_one and not waiting:
                waiting = True  # submitted, waiting for Budi's approval
            else:
                reports.do_review_report(budi, kpi_report, decision="approved")


def _quick_win_milestones(initiative: Initiative) -> list[Milestone]:
    return list(Milestone.objects.filter(quick_win__initiative=initiative))
