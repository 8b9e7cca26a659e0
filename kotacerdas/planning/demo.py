"""Example masterplan for Kota Salatiga (33.73), built through the planning actions. Idempotent.

Everything here is an EXAMPLE ("contoh"): the figures are plausible, not official
(they are in :mod:`kotacerdas.planning.demo_data`).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from kotacerdas.accounts.models import User
from kotacerdas.planning.access import can_judge_criteria, masterplan_of
from kotacerdas.planning.analysis import actions as analysis
from kotacerdas.planning.demo_data import (
    INITIATIVES,
    JUDGEMENTS,
    MENTOR_JUDGEMENTS,
    PROBLEMS,
    SCORE_KEYS,
    SCORES,
)
from kotacerdas.planning.initiatives import actions as initiatives
from kotacerdas.planning.models import Initiative, Problem
from kotacerdas.planning.prioritisation import actions as prioritisation
from kotacerdas.planning.quickwins import actions as quickwins
from kotacerdas.planning.roadmap import actions as roadmap
from kotacerdas.planning.roadmap.tasks import optimise_now
from kotacerdas.regions.models import Opd, Region

REGION = "33.73"
JUTA = Decimal(1_000_000)
OPDS_NEEDED = {"Diskominfo", "Dinkes", "Bappeda", "Dishub", "DLH", "Disdikbud"}


@transaction.atomic
def load_demo(ayu: User) -> None:
    region = Region.objects.get(code=REGION)
    if masterplan_of(region) is not None:
        return
    actor = User.objects.filter(username="budi").first() or ayu
    opds = {o.short_name: o for o in Opd.objects.filter(region=region)}
    if not set(opds) >= OPDS_NEEDED:
        return  # the core demo creates these OPDs first
    _analysis(actor, region, opds)
    saved = _initiatives(actor, region, opds)
    _group_weights(actor, region)
    prioritisation.do_set_scores(
        actor, region, {saved[c].pk: dict(zip(SCORE_KEYS, v, strict=True)) for c, v in SCORES.items()}
    )
    _roadmap(actor, region)
    _quick_wins(actor, saved)


def _group_weights(actor: User, region: Region) -> None:
    """Two experts' judgements (Budi and the mentor Rina); Budi adopts the group weights. Without
    Rina (a partial demo) Budi's own judgements are the weights."""
    mentor = User.objects.filter(username="rina").first()
    if mentor is None or not can_judge_criteria(mentor, region) or not can_judge_criteria(actor, region):
        prioritisation.do_set_ahp_weights(actor, region, JUDGEMENTS)
        return
    prioritisation.do_save_expert_judgements(actor, region, JUDGEMENTS)
    prioritisation.do_save_expert_judgements(mentor, region, MENTOR_JUDGEMENTS)
    prioritisation.do_use_group_weights(actor, region)


def _analysis(actor: User, region: Region, opds: dict[str, Opd]) -> None:
    analysis.do_save_profile(
        actor,
        region,
        period_start=2026,
        period_end=2030,
        rpjmd_start=2025,
        rpjmd_end=2029,
        population=region.population,
        area_km2=region.area_km2,
        head_vision="Contoh: Salatiga kota kreatif, maju dan sejahtera",
        head_missions=(
            "Contoh: tata kelola pemerintahan yang bersih dan digital\nContoh: layanan dasar yang merata"
        ),
        vision="Contoh: Salatiga Hati Beriman Cerdas 2030",
        missions=(
            "Layanan publik terintegrasi\nEkonomi kreatif berbasis digital\nLingkungan hidup yang lestari"
        ),
    )
    for name, value, unit, year in (
        ("Tingkat kemiskinan (contoh)", "4.76", "%", 2024),
        ("Indeks Pembangunan Manusia (contoh)", "84.99", "indeks", 2024),
        ("Indeks SPBE (contoh)", "3.12", "indeks", 2023),
    ):
        analysis.do_add_indicator(
            actor,
            region,
            name=name,
            value=Decimal(value),
            unit=unit,
            year=year,
            source="BPS / KemenPANRB (contoh)",
        )
    for code, title, element, origin, owners in PROBLEMS:
        analysis.do_save_problem(
            actor,
            region,
            code=code,
            title=title,
            dimension=element.split(".")[0],
            element=element,
            origin=origin,
            description="Contoh uraian masalah.",
            evidence="Contoh data pendukung.",
            root_causes="Contoh akar masalah.",
            opds=[opds[s] for s in owners],
        )
    for scope, kind, text in (
        ("struktur", "S", "Tim Diskominfo berpengalaman mengelola aplikasi (contoh)"),
        ("struktur", "W", "Jumlah pranata komputer terbatas (contoh)"),
        ("infrastruktur", "S", "Jaringan fiber menghubungkan semua OPD (contoh)"),
        ("infrastruktur", "T", "Ancaman serangan siber meningkat (contoh)"),
        ("suprastruktur", "O", "Perpres SPBE mendorong integrasi layanan (contoh)"),
        ("suprastruktur", "W", "Belum ada Perwali Satu Data (contoh)"),
        ("living", "O", "Program transformasi kesehatan nasional (contoh)"),
    ):
        analysis.do_save_swot_item(actor, region, scope=scope, kind=kind, text=text)
    _strategy(actor, region, opds)


def _strategy(actor: User, region: Region, opds: dict[str, Opd]) -> None:
    goals = {}
    for dimension, issue, goal in (
        ("governance", "Layanan publik belum terintegrasi", "Semua layanan perizinan dapat diajukan daring"),
        ("branding", "Citra wisata kota belum kuat", "Kunjungan wisata naik 20 %"),
        ("economy", "Transaksi UMKM masih tunai", "Separuh UMKM menerima pembayaran digital"),
        ("living", "Akses layanan kesehatan lambat", "Waktu tunggu puskesmas di bawah 30 menit"),
        ("society", "Literasi digital rendah", "Setiap sekolah menjalankan kelas literasi digital"),
        ("environment", "Sampah belum terpilah", "Sampah terpilah di sumber 40 %"),
    ):
        analysis.do_add_statement(actor, region, kind="issue", dimension=dimension, text=f"{issue} (contoh)")
        goals[dimension] = analysis.do_add_statement(
            actor, region, kind="goal", dimension=dimension, text=f"{goal} (contoh)"
        )
    analysis.do_add_programme(
        actor,
        region,
        code="2.16.03",
        name="Program Pengelolaan Aplikasi Informatika",
        document="RPJMD",
        opd=opds["Diskominfo"],
        goal=goals["governance"],
    )
    analysis.do_add_programme(
        actor,
        region,
        code="1.02.02.2.01",
        name="Penyediaan Fasilitas Pelayanan Kesehatan",
        document="Renstra",
        opd=opds["Dinkes"],
        goal=goals["living"],
    )


def _initiatives(actor: User, region: Region, opds: dict[str, Opd]) -> dict[str, Initiative]:
    problems = {p.code: p for p in Problem.objects.filter(region=region)}
    saved: dict[str, Initiative] = {}
    for (
        code,
        name,
        element,
        kind,
        owner,
        start,
        duration,
        budget,
        predecessors,
        linked,
        benefit,
    ) in INITIATIVES:
        saved[code] = initiatives.do_save_initiative(
            actor,
            region,
            budget={(y, s): Decimal(a) * JUTA for y, (s, a) in budget.items()},
            predecessors=[saved[p] for p in predecessors],
            problems=[problems[p] for p in linked],
            subactivity_codes=["2.16.03.2.02.0014"] if owner == "Diskominfo" else [],
            code=code,
            name=name,
            dimension=element.split(".")[0],
            element=element,
            type=kind,
            owner=opds[owner],
            horizon="short" if duration == 1 else "medium",
            start_year=start,
            duration=duration,
            description="Contoh inisiatif.",
            citizen_benefit=benefit,
            status="planned",
        )
        initiatives.do_save_kpi(
            actor,
            saved[code],
            name=f"Capaian {name} (contoh)",
            unit="%",
            baseline=Decimal(0),
            # targets for the years the initiative is planned to run; where the roadmap defers it
            # (LIV-02: planned 2027, adopted 2029) they stay in the planned years, so the masterplan and
            # roadmap pages show the finding and the button that shifts them
            targets={y: Decimal(min(100, 25 * (y - start + 1))) for y in range(start, start + duration)},
        )
    return saved


def _roadmap(actor: User, region: Region) -> None:
    roadmap.do_set_roadmap_constraints(
        actor,
        region,
        budget_ceilings={
            2026: Decimal(900) * JUTA,
            2027: Decimal(1500) * JUTA,
            2028: Decimal(1800) * JUTA,
            2029: Decimal(1500) * JUTA,
            2030: Decimal(1500) * JUTA,
        },
        source_ceilings={},
        opd_capacity=2,
    )
    # optimised here (not by the worker after the commit) so the demo ships with an adopted plan of
    # record, which the demo books then print
    run = optimise_now(roadmap.do_start_roadmap_run(actor, region, time_limit=10))
    if run.result and run.result.get("status") in roadmap.ADOPTABLE:
        roadmap.do_adopt_roadmap_run(actor, run)


def _quick_wins(actor: User, saved: dict[str, Initiative]) -> None:
    for code, steps in (
        ("GOV-03", "TW1 2026: SK tim pengelola aduan\nTW2 2026: uji coba\nTW3 2026: peluncuran"),
        ("LIV-01", "TW1 2026: integrasi data pasien\nTW2 2026: peluncuran di 6 puskesmas"),
    ):
        quick_win = quickwins.do_select_quick_win(actor, saved[code], year=2026)
        quickwins.do_save_quick_win_profile(
            actor,
            quick_win,
            brand=f"{saved[code].name} (contoh)",
            steps=steps,
            targets="Contoh: 80 % warga puas",
        )
        quickwins.do_add_risk(
            actor,
            quick_win,
            description="Adopsi warga rendah (contoh)",
            likelihood=3,
            impact=4,
            handling="reduce",
            mitigation="Sosialisasi di kelurahan (contoh)",
            owner="Kepala Bidang",
        )
        quickwins.do_add_risk(
            actor,
            quick_win,
            description="Gangguan server (contoh)",
            likelihood=2,
            impact=5,
            handling="transfer",
            mitigation="Pusat data cadangan (contoh)",
            owner="Diskominfo",
        )
