"""Example masterplan for Kota Salatiga (33.73), built through the planning actions. Idempotent.

Everything here is an EXAMPLE ("contoh"): the figures are plausible, not official.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from kotacerdas.accounts.models import User
from kotacerdas.planning import actions
from kotacerdas.planning.access import masterplan_of
from kotacerdas.planning.models import Initiative, Problem
from kotacerdas.regions.models import Opd, Region

REGION = "33.73"
JUTA = Decimal(1_000_000)

PROBLEMS = [
    # code, title, element, origin, OPD short names
    (
        "M-01",
        "Layanan perizinan belum terintegrasi (contoh)",
        "governance.service",
        "analysis",
        ["Diskominfo"],
    ),
    (
        "M-02",
        "Data sektoral tersebar di tiap OPD (contoh)",
        "governance.bureaucracy",
        "opd",
        ["Bappeda", "Diskominfo"],
    ),
    ("M-03", "Promosi wisata kota belum terpadu (contoh)", "branding.tourism", "analysis", ["Diskominfo"]),
    (
        "M-04",
        "UMKM belum memanfaatkan pembayaran digital (contoh)",
        "economy.transaction",
        "citizen",
        ["Bappeda"],
    ),
    ("M-05", "Antrean pendaftaran puskesmas panjang (contoh)", "living.health", "citizen", ["Dinkes"]),
    ("M-06", "Kemacetan di simpul sekolah pagi hari (contoh)", "living.mobility", "citizen", ["Dishub"]),
    ("M-07", "Literasi digital pelajar rendah (contoh)", "society.learning", "analysis", ["Disdikbud"]),
    ("M-08", "Sampah belum terpilah di sumber (contoh)", "environment.waste", "opd", ["DLH"]),
]

# code, name, element, type, owner, start, duration, {year: (source, juta)}, predecessors, problems,
# direct citizen benefit
INITIATIVES: list[tuple[Any, ...]] = [
    (
        "GOV-01",
        "Satu Data Salatiga",
        "governance.bureaucracy",
        "policy",
        "Diskominfo",
        2026,
        2,
        {2026: ("APBD", 400), 2027: ("APBD", 300)},
        [],
        ["M-02"],
        False,
    ),
    (
        "GOV-02",
        "Mal Pelayanan Publik Digital",
        "governance.service",
        "application",
        "Diskominfo",
        2027,
        2,
        {2027: ("APBD", 600), 2028: ("APBN_DAK", 500)},
        ["GOV-01"],
        ["M-01"],
        True,
    ),
    (
        "GOV-03",
        "SALATIGA LAPOR (kanal aduan warga)",
        "governance.policy",
        "application",
        "Diskominfo",
        2026,
        1,
        {2026: ("APBD", 150)},
        [],
        ["M-01"],
        True,
    ),
    (
        "BRD-01",
        "Portal Wisata Hati Beriman",
        "branding.tourism",
        "application",
        "Diskominfo",
        2027,
        1,
        {2027: ("APBD", 250)},
        [],
        ["M-03"],
        True,
    ),
    (
        "BRD-02",
        "Penataan wajah kota koridor Jl. Jenderal Sudirman",
        "branding.city_appearance",
        "infrastructure",
        "Bappeda",
        2028,
        2,
        {2028: ("APBD", 900), 2029: ("KPBU", 1200)},
        [],
        ["M-03"],
        False,
    ),
    (
        "ECO-01",
        "QRIS untuk UMKM dan pasar rakyat",
        "economy.transaction",
        "programme",
        "Bappeda",
        2026,
        1,
        {2026: ("CSR", 120)},
        [],
        ["M-04"],
        True,
    ),
    (
        "ECO-02",
        "Dashboard ekonomi daerah",
        "economy.welfare",
        "application",
        "Bappeda",
        2028,
        1,
        {2028: ("APBD", 200)},
        ["GOV-01"],
        ["M-02"],
        False,
    ),
    (
        "LIV-01",
        "Pendaftaran puskesmas daring",
        "living.health",
        "application",
        "Dinkes",
        2026,
        1,
        {2026: ("APBD", 180)},
        [],
        ["M-05"],
        True,
    ),
    (
        "LIV-02",
        "Rekam medis elektronik terintegrasi",
        "living.health",
        "application",
        "Dinkes",
        2027,
        2,
        {2027: ("APBN_DAK", 700), 2028: ("APBN_DAK", 500)},
        ["GOV-01", "LIV-01"],
        ["M-05"],
        False,
    ),
    (
        "LIV-03",
        "Lampu lalu lintas adaptif di simpul sekolah",
        "living.mobility",
        "infrastructure",
        "Dishub",
        2027,
        2,
        {2027: ("APBD", 800), 2028: ("APBD", 600)},
        [],
        ["M-06"],
        False,
    ),
    (
        "SOC-01",
        "Gerakan literasi digital pelajar",
        "society.learning",
        "programme",
        "Disdikbud",
        2026,
        3,
        {2026: ("APBD", 100), 2027: ("APBD", 100), 2028: ("CSR", 100)},
        [],
        ["M-07"],
        True,
    ),
    (
        "ENV-01",
        "Bank sampah digital kelurahan",
        "environment.waste",
        "programme",
        "DLH",
        2026,
        2,
        {2026: ("APBD", 200), 2027: ("CSR", 150)},
        [],
        ["M-08"],
        True,
    ),
]

SCORES = {  # impact, urgency, readiness, rpjmd alignment, SPBE relevance (1-5)
    "GOV-01": (3, 5, 4, 5, 5),
    "GOV-02": (5, 4, 3, 5, 5),
    "GOV-03": (4, 4, 5, 4, 4),
    "BRD-01": (3, 2, 4, 3, 2),
    "BRD-02": (3, 2, 2, 3, 1),
    "ECO-01": (4, 3, 5, 4, 2),
    "ECO-02": (2, 2, 3, 3, 3),
    "LIV-01": (5, 5, 4, 5, 3),
    "LIV-02": (5, 4, 2, 5, 4),
    "LIV-03": (4, 3, 2, 3, 1),
    "SOC-01": (4, 3, 4, 4, 2),
    "ENV-01": (4, 3, 4, 4, 1),
}
SCORE_KEYS = ("impact", "urgency", "readiness", "rpjmd_alignment", "spbe_relevance")

# Pairwise judgements of the criteria (Saaty 1-9), a consistent-enough example set.
JUDGEMENTS = {
    ("impact", "urgency"): "2",
    ("impact", "readiness"): "3",
    ("impact", "cost"): "3",
    ("impact", "rpjmd_alignment"): "2",
    ("impact", "spbe_relevance"): "4",
    ("urgency", "readiness"): "2",
    ("urgency", "cost"): "2",
    ("urgency", "rpjmd_alignment"): "1",
    ("urgency", "spbe_relevance"): "3",
    ("readiness", "cost"): "1",
    ("readiness", "rpjmd_alignment"): "1/2",
    ("readiness", "spbe_relevance"): "2",
    ("cost", "rpjmd_alignment"): "1/2",
    ("cost", "spbe_relevance"): "2",
    ("rpjmd_alignment", "spbe_relevance"): "3",
}


@transaction.atomic
def load_demo(ayu: User) -> None:
    region = Region.objects.get(code=REGION)
    if masterplan_of(region) is not None:
        return
    actor = User.objects.filter(username="budi").first() or ayu
    opds = {o.short_name: o for o in Opd.objects.filter(region=region)}
    if not {"Diskominfo", "Dinkes", "Bappeda", "Dishub", "DLH", "Disdikbud"} <= set(opds):
        return  # the core demo creates these OPDs first
    actions.do_save_profile(
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
        actions.do_add_indicator(
            actor,
            region,
            name=name,
            value=Decimal(value),
            unit=unit,
            year=year,
            source="BPS / KemenPANRB (contoh)",
        )
    for code, title, element, origin, owners in PROBLEMS:
        actions.do_save_problem(
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
        actions.do_save_swot_item(actor, region, scope=scope, kind=kind, text=text)
    goals = {}
    for dimension, issue, goal in (
        ("governance", "Layanan publik belum terintegrasi", "Semua layanan perizinan dapat diajukan daring"),
        ("branding", "Citra wisata kota belum kuat", "Kunjungan wisata naik 20 %"),
        ("economy", "Transaksi UMKM masih tunai", "Separuh UMKM menerima pembayaran digital"),
        ("living", "Akses layanan kesehatan lambat", "Waktu tunggu puskesmas di bawah 30 menit"),
        ("society", "Literasi digital rendah", "Setiap sekolah menjalankan kelas literasi digital"),
        ("environment", "Sampah belum terpilah", "Sampah terpilah di sumber 40 %"),
    ):
        actions.do_add_statement(actor, region, kind="issue", dimension=dimension, text=f"{issue} (contoh)")
        goals[dimension] = actions.do_add_statement(
            actor, region, kind="goal", dimension=dimension, text=f"{goal} (contoh)"
        )
    actions.do_add_programme(
        actor,
        region,
        code="2.16.03",
        name="Program Pengelolaan Aplikasi Informatika",
        document="RPJMD",
        opd=opds["Diskominfo"],
        goal=goals["governance"],
    )
    actions.do_add_programme(
        actor,
        region,
        code="1.02.02.2.01",
        name="Penyediaan Fasilitas Pelayanan Kesehatan",
        document="Renstra",
        opd=opds["Dinkes"],
        goal=goals["living"],
    )
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
        saved[code] = actions.do_save_initiative(
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
        actions.do_save_kpi(
            actor,
            saved[code],
            name=f"Capaian {name} (contoh)",
            unit="%",
            baseline=Decimal(0),
            targets={y: Decimal(min(100, 25 * (y - start + 1))) for y in range(start, 2031)},
        )
    actions.do_set_ahp_weights(actor, region, JUDGEMENTS)
    actions.do_set_scores(
        actor, region, {saved[c].pk: dict(zip(SCORE_KEYS, v, strict=True)) for c, v in SCORES.items()}
    )
    actions.do_set_roadmap_constraints(
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
    actions.do_start_roadmap_run(actor, region, time_limit=10)
    for code, steps in (
        ("GOV-03", "TW1 2026: SK tim pengelola aduan\nTW2 2026: uji coba\nTW3 2026: peluncuran"),
        ("LIV-01", "TW1 2026: integrasi data pasien\nTW2 2026: peluncuran di 6 puskesmas"),
    ):
        quick_win = actions.do_select_quick_win(actor, saved[code], year=2026)
        actions.do_save_quick_win_profile(
            actor,
            quick_win,
            brand=f"{saved[code].name} (contoh)",
            steps=steps,
            targets="Contoh: 80 % warga puas",
        )
        actions.do_add_risk(
            actor,
            quick_win,
            description="Adopsi warga rendah (contoh)",
            likelihood=3,
            impact=4,
            handling="reduce",
            mitigation="Sosialisasi di kelurahan (contoh)",
            owner="Kepala Bidang",
        )
        actions.do_add_risk(
            actor,
            quick_win,
            description="Gangguan server (contoh)",
            likelihood=2,
            impact=5,
            handling="transfer",
            mitigation="Pusat data cadangan (contoh)",
            owner="Diskominfo",
        )
