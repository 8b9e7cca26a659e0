"""A fully populated, synthetic BookData (deterministic) for benchmarks and tests.

Clearly invented ("contoh"): six Kominfo dimensions, initiatives spread over
the period with budgets per year and source, KPIs with yearly targets, quick
wins with risk registers, governance bodies and free texts.
"""

from __future__ import annotations

import random
from datetime import date

from kotacerdas.core.books.data import (
    BookData,
    Budget,
    Goal,
    Governance,
    Indicator,
    Initiative,
    Kpi,
    Member,
    Opd,
    Problem,
    QuickWin,
    ReadinessItem,
    RegionProfile,
    Risk,
    Swot,
    Vision,
)

DIMENSIONS = {
    "Smart Governance": ("SG", ["Pelayanan Publik", "Birokrasi", "Kebijakan Publik"]),
    "Smart Branding": ("SB", ["Pariwisata", "Bisnis", "Wajah Kota"]),
    "Smart Economy": ("SE", ["Industri", "Kesejahteraan", "Transaksi Keuangan"]),
    "Smart Living": ("SL", ["Harmonisasi Wilayah", "Kesehatan", "Mobilitas"]),
    "Smart Society": ("SS", ["Komunitas", "Ekosistem Belajar", "Keamanan"]),
    "Smart Environment": ("SV", ["Proteksi Lingkungan", "Sampah dan Limbah", "Energi"]),
}
OPDS = [
    ("Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    ("Dinas Kesehatan", "Dinkes"),
    ("Dinas Perhubungan", "Dishub"),
    ("Dinas Lingkungan Hidup", "DLH"),
    ("Dinas Pendidikan", "Disdik"),
    ("Dinas Pariwisata", "Dispar"),
    ("Dinas Penanaman Modal dan PTSP", "DPMPTSP"),
]
SOURCES = ["APBD", "APBN", "CSR"]
TEXT_KEYS = [
    "kata_pengantar",
    "latar_belakang",
    "maksud_tujuan",
    "dasar_hukum",
    "pengantar_kesiapan",
    "strategi",
    "penutup",
    "ruang_lingkup",
    "pengantar_inisiatif",
    "tata_kelola",
    "ringkasan",
    "pengantar_quick_win",
    "pengantar_roadmap",
]


def sample_book_data(
    name: str = "Kota Contoh",
    code: str = "99.71",
    initiatives: int = 60,
    kpis: int = 150,
    start: int = 2027,
    years: int = 5,
    seed: int = 7,
) -> BookData:
    rng = random.Random(seed)
    end = start + years - 1
    dims = list(DIMENSIONS.items())
    items = []
    for n in range(initiatives):
        dimension, (prefix, elements) = dims[n % len(dims)]
        first = start + rng.randrange(years)
        last = min(end, first + rng.randrange(years))
        budgets = [
            Budget(year=y, amount=rng.randrange(1, 40) * 50_000_000, source=rng.choice(SOURCES))
            for y in range(first, last + 1)
        ]
        items.append(
            Initiative(
                code=f"{prefix}-{n // len(dims) + 1:02d}",
                name=f"Inisiatif contoh {n + 1} {elements[n % 3].lower()}",
                dimension=dimension,
                element=elements[n % 3],
                opd=OPDS[n % len(OPDS)][0],
                description="Uraian inisiatif contoh untuk uji kinerja pembuatan buku.",
                horizon="pendek" if last == first else "menengah",
                start_year=first,
                end_year=last,
                budgets=budgets,
            )
        )
    for k in range(kpis):
        base = rng.randrange(10, 60)
        items[k % len(items)].kpis.append(
            Kpi(
                name=f"Indikator kinerja contoh {k + 1}",
                unit="%",
                baseline=str(base),
                targets={str(y): str(base + 5 * (y - start + 1)) for y in range(start, end + 1)},
            )
        )
    return BookData(
        region=RegionProfile(
            code=code,
            name=name,
            kind="kota",
            province="Jawa Contoh",
            population=192_322,
            population_year=2024,
            area_km2=57.36,
            size_class="sedang",
            head_title="Wali Kota",
            head_name="Nama Wali Kota (contoh)",
            indicators=[
                Indicator("Indeks Pembangunan Manusia", "83,6", "", 2024, "BPS"),
                Indicator("Pertumbuhan ekonomi", "5,2", "%", 2024, "BPS"),
                Indicator("Indeks SPBE", "3,1", "", 2024, "KemenPANRB"),
            ],
        ),
        programme_year=start - 1,
        period_start=start,
        period_end=end,
        opds=[Opd(n, s, head_name=f"Kepala {s} (contoh)") for n, s in OPDS],
        problems=[
            Problem(f"Permasalahan contoh {n + 1}", dims[n % 6][0], "Uraian permasalahan contoh.")
            for n in range(24)
        ],
        readiness=[
            ReadinessItem(element, aspect, round(rng.uniform(1, 4), 2), 4.0, "Kesenjangan contoh")
            for element, aspects in (
                ("Struktur", ["SDM", "Anggaran", "Tata kelola"]),
                ("Infrastruktur", ["Fisik", "Digital", "Sosial"]),
                ("Suprastruktur", ["Regulasi", "Kelembagaan", "Prosedur"]),
            )
            for aspect in aspects
        ],
        swot=[
            Swot(
                e,
                [f"Kekuatan {e} {i}" for i in (1, 2)],
                [f"Kelemahan {e} {i}" for i in (1, 2)],
                [f"Peluang {e} {i}" for i in (1, 2)],
                [f"Ancaman {e} {i}" for i in (1, 2)],
            )
            for e in ("Struktur", "Infrastruktur", "Suprastruktur")
        ],
        strategic_issues=[f"Isu strategis contoh {n}" for n in range(1, 6)],
        vision=Vision(
            vision="Kota contoh yang cerdas, inklusif dan berkelanjutan",
            missions=[f"Misi contoh {n}" for n in range(1, 5)],
            goals=[Goal(f"Sasaran contoh {n}", [f"Indikator sasaran {n}"]) for n in range(1, 7)],
        ),
        initiatives=items,
        quick_wins=[
            QuickWin(
                name=f"Quick win contoh {n}",
                opd=OPDS[n][0],
                year=start + (n > 3),
                initiative_code=items[n % len(items)].code if items else "",
                profile="Profil quick win contoh.",
                target="Target quick win contoh",
                budget=750_000_000,
                steps=["Persiapan", "Pelaksanaan", "Evaluasi"],
                risks=[
                    Risk(
                        "Risiko contoh A",
                        "Kemungkinan sedang, dampak tinggi",
                        "Tinggi",
                        "Mitigasi awal",
                        "Rencana cadangan",
                    ),
                    Risk("Risiko contoh B", "Kemungkinan rendah", "Sedang", "Pemantauan", "Koordinasi OPD"),
                ],
            )
            for n in range(1, 7)
        ],
        governance=Governance(
            dewan=[Member(f"Anggota Dewan {n} (contoh)", f"Kepala OPD {n}", "Anggota") for n in range(1, 9)],
            dewan_decree="Keputusan Wali Kota Nomor 100/2026 (contoh)",
            tim_pelaksana=[Member(f"Anggota Tim {n} (contoh)", "Akademisi", "Anggota") for n in range(1, 13)],
            tim_decree="Keputusan Wali Kota Nomor 101/2026 (contoh)",
        ),
        texts={key: f"Teks contoh untuk bagian {key.replace('_', ' ')}." for key in TEXT_KEYS},
        generated_on=date(2026, 11, 22),
    )
