"""The open data: every public table of the portal, built from the published snapshots only.

Each table is defined once, here: its rows and its columns (``Field``: the name that heads the CSV and
keys the JSON, the Frictionless type, and a title and description a reader can understand, with the
codes a column may hold). ``opendata_files`` writes it as CSV, JSON and XLSX (text through
``kotacerdas.core.spreadsheet``, so it never becomes a formula) and describes it by a Frictionless data
package (``datapackage.json``) whose schema carries each column's title and description; the reference
(docs/reference/open-data.md) lists the same columns, tested against these definitions. The DCAT-AP
catalogue (``dcat.py``) names every table with its download URLs.

A column's title and description are fixed Bahasa Indonesia, not gettext: the open data is published in
the programme's language, and they are part of the published files (the same bytes for every reader,
harvested by Satu Data and cached by anyone), as the codes and the Indonesian table slugs are; a column
must not change its meaning with the language of whoever downloaded it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.monitoring import CATEGORIES
from kotacerdas.planning.models import FundingSource
from kotacerdas.portal.models import Snapshot
from kotacerdas.portal.reading import evaluations_of, published_time
from kotacerdas.portal.snapshot import progress

Row = dict[str, Any]
S, N, INT = "string", "number", "integer"


@dataclass(frozen=True)
class Field:
    """One column of a table, as the data package's Table Schema declares it."""

    name: str  # the CSV header, the JSON key: an English identifier, stable across versions
    type: str  # Frictionless: string, number, integer, boolean, date, datetime
    title: str  # Bahasa Indonesia, fixed (see the module's docstring)
    description: str  # the meaning and the unit (Rupiah, persen, tonggak, orang)
    enum: tuple[str, ...] = ()  # the only codes the column holds, when the set is fixed

    def schema(self) -> dict[str, Any]:
        found = {"name": self.name, "type": self.type, "title": self.title, "description": self.description}
        return {**found, "constraints": {"enum": list(self.enum)}} if self.enum else found


@dataclass(frozen=True)
class Table:
    name: str  # the URL slug, Indonesian
    title: Any
    description: Any
    fields: list[Field]
    rows: Callable[[list[Snapshot]], Iterator[Row]]  # the current snapshots of the public regions

    @property
    def names(self) -> list[str]:
        return [field.name for field in self.fields]


def each(rows: Callable[[Snapshot], Iterator[Row]]) -> Callable[[list[Snapshot]], Iterator[Row]]:
    """A table whose rows come from each snapshot on its own."""

    def over(snapshots: list[Snapshot]) -> Iterator[Row]:
        for snap in snapshots:
            yield from rows(snap)

    return over


def _int(value: Any) -> int | None:
    return int(value) if value not in (None, "") else None


def _regions(snap: Snapshot) -> Iterator[Row]:
    region = snap.content["region"]
    yield {
        "region_code": region["code"],
        "region_name": region["name"],
        "province": region["province"],
        "size_class": region["size_class"],
        "published_at": published_time(snap.published_at),
        "content_hash": snap.content_hash,
        "overall_progress": progress(snap.content.get("overall")),
        "portal_url": reverse("portal:region", kwargs={"code": region["code"]}),
    }


def _initiatives(snap: Snapshot) -> Iterator[Row]:
    for dimension in snap.content.get("dimensions", []):
        for item in dimension["initiatives"]:
            yield {
                "region_code": snap.content["region"]["code"],
                "dimension": dimension["name"],
                "code": item["code"],
                "name": item["name"],
                "element": item["element"],
                "owner": item["owner"],
                "status": item["status"],
                "category": item["category"],
                "progress": progress(item["progress"]),
            }


def _kpis(snap: Snapshot) -> Iterator[Row]:
    for kpi in snap.content.get("kpis", []):
        for year in sorted({*kpi["targets"], *kpi["actuals"]}):
            yield {
                "region_code": snap.content["region"]["code"],
                "initiative_code": kpi["initiative"],
                "kpi": kpi["name"],
                "unit": kpi["unit"],
                "baseline": kpi["baseline"],
                "year": int(year),
                "target": kpi["targets"].get(year),
                "actual": kpi["actuals"].get(year),
            }


def _budget(snap: Snapshot) -> Iterator[Row]:
    for row in snap.content.get("budget", []):
        yield {"region_code": snap.content["region"]["code"], **row}


def _milestones(snap: Snapshot) -> Iterator[Row]:
    for row in snap.content.get("milestones", []):
        yield {
            "region_code": snap.content["region"]["code"],
            "initiative_code": row["initiative"],
            "quick_win": row["quick_win"],
            "milestone": row["title"],
            "year": row["year"],
            "done": row["done"],
        }


def _quick_win_progress(snap: Snapshot) -> Iterator[Row]:
    """The snapshot's frozen Quick Win progress per year; one published before it was frozen has none."""
    for row in snap.content.get("quick_win_progress", []):
        yield {
            "region_code": snap.content["region"]["code"],
            "year": row["year"],
            "milestones_done": row["done"],
            "milestones_planned": row["planned"],
        }


def _evaluations(snapshots: list[Snapshot]) -> Iterator[Row]:
    """The national publications' rows of the regions that publish the evaluation part (reading.py)."""
    for code, rows in sorted(evaluations_of(snapshots).items()):
        for row in rows:
            yield {
                "region_code": code,
                "year": row["year"],
                "total": row["total"],
                "improvement": row["improvement"],
                "size_class": row["size_class"],
                "rank_national": _int(row["rank_national"]),
                "rank_province": _int(row["rank_province"]),
                "rank_in_class": _int(row["rank_in_class"]),
            }


def _events(snap: Snapshot) -> Iterator[Row]:
    for event in snap.content.get("events", []):
        yield {
            "region_code": snap.content["region"]["code"],
            "held_on": event["held_on"],
            "title": event["title"],
            "place": event["place"],
            **event["audience"],
            "head_count": event["head_count"],
        }


REGION_CODE = Field(
    "region_code",
    S,
    "Kode wilayah",
    "Kode Kemendagri kabupaten/kota (mis. 33.73); menghubungkan tabel-tabel.",
)
SIZE_CLASS = Field(
    "size_class",
    S,
    "Kelas ukuran kota",
    "Kode kelas ukuran kota menurut skema yang dipakai (PP 26/2008: kecil, sedang, besar, metropolitan).",
)  # no enum: the size-class schemes are data files (kotacerdas/frameworks/size-classes), not code
INITIATIVE_CODE = Field(
    "initiative_code", S, "Kode inisiatif", "Kode inisiatif (kolom code tabel inisiatif)."
)
PERCENT = "dalam persen (0–100, satu desimal)"
RANK = "1 = tertinggi; kosong bila hasilnya belum terverifikasi (tidak diperingkat)"


def _year(title: str, description: str) -> Field:
    return Field("year", INT, title, description)


def _audience(name: str, group: str) -> Field:
    return Field(name, INT, f"Peserta {group}", f"Jumlah peserta dari unsur {group} (orang).")


TABLES = [
    Table(
        "wilayah",
        _("Regions with a published portal"),
        _("Every region whose portal is public, with its snapshot's date, hash and overall progress."),
        [
            REGION_CODE,
            Field("region_name", S, "Nama wilayah", "Nama kabupaten/kota (mis. Kota Salatiga)."),
            Field("province", S, "Provinsi", "Nama provinsi tempat wilayah berada."),
            SIZE_CLASS,
            Field(
                "published_at",
                "datetime",
                "Waktu terbit",
                "Saat snapshot portal diterbitkan: ISO 8601 dengan zona waktu (2027-01-05T09:30:00+07:00).",
            ),
            Field("content_hash", S, "Hash isi", "SHA-256 (heksadesimal) isi snapshot yang diterbitkan."),
            Field(
                "overall_progress",
                N,
                "Progres keseluruhan",
                f"Progres pelaksanaan seluruh inisiatif dari laporan yang disetujui, {PERCENT}; kosong bila "
                "wilayah tidak menerbitkan inisiatif.",
            ),
            Field("portal_url", S, "Alamat portal", "Alamat halaman publik wilayah (mis. /publik/r/33.73/)."),
        ],
        each(_regions),
    ),
    Table(
        "inisiatif",
        _("Initiatives"),
        _("Initiatives per dimension with their implementation status and approved progress (%)."),
        [
            REGION_CODE,
            Field("dimension", S, "Dimensi", "Kode dimensi smart city (mis. governance, economy)."),
            Field("code", S, "Kode inisiatif", "Kode inisiatif dalam masterplan wilayah (mis. GOV-01)."),
            Field("name", S, "Nama inisiatif", "Nama inisiatif (program/kegiatan smart city)."),
            Field("element", S, "Elemen", "Kode elemen dimensi (mis. governance.service)."),
            Field("owner", S, "OPD pengampu", "Nama perangkat daerah (OPD) penanggung jawab inisiatif."),
            Field(
                "status",
                S,
                "Status pelaksanaan",
                "Kode status dari laporan terakhir yang disetujui (bawaan: not_started, preparing, running, "
                "delayed, completed; wilayah dapat mengatur kodenya sendiri); kosong bila belum ada.",
            ),
            Field(
                "category",
                S,
                "Kategori status",
                "not_started (belum dimulai), on_track (sesuai jadwal), late (terlambat), done (selesai).",
                tuple(CATEGORIES),
            ),
            Field("progress", N, "Progres", f"Progres pelaksanaan dari laporan yang disetujui, {PERCENT}."),
        ],
        each(_initiatives),
    ),
    Table(
        "kpi",
        _("KPIs with targets and approved actuals"),
        _("Each KPI's target per year against its approved actual (empty while none is approved)."),
        [
            REGION_CODE,
            INITIATIVE_CODE,
            Field("kpi", S, "Indikator kinerja", "Nama indikator kinerja utama (IKU) inisiatif."),
            Field("unit", S, "Satuan", "Satuan nilai dasar, target dan realisasi (mis. persen, unit)."),
            Field("baseline", N, "Nilai dasar", "Nilai awal indikator, dalam satuan kolom unit."),
            _year("Tahun", "Tahun target dan realisasi."),
            Field("target", N, "Target", "Target tahun itu, dalam satuan kolom unit; kosong bila tidak ada."),
            Field(
                "actual",
                N,
                "Realisasi",
                "Realisasi dari laporan yang disetujui, dalam satuan kolom unit; kosong selama belum ada.",
            ),
        ],
        each(_kpis),
    ),
    Table(
        "anggaran",
        _("Budget plan and realisation"),
        _("Pagu of the plan of record against approved realisation (Rp), per year and funding source."),
        [
            REGION_CODE,
            _year("Tahun anggaran", "Tahun anggaran."),
            Field(
                "source",
                S,
                "Sumber dana",
                "APBD, APBN_DAK (APBN/DAK), KPBU, CSR, OTHER (lainnya).",
                tuple(FundingSource.values),
            ),
            Field("pagu", N, "Pagu", "Pagu anggaran dalam rencana yang berlaku, dalam Rupiah."),
            Field("realised", N, "Realisasi", "Realisasi dari laporan yang disetujui, dalam Rupiah."),
        ],
        each(_budget),
    ),
    Table(
        "tonggak",
        _("Quick Win milestones"),
        _("Quick Win milestones per planned year, and whether an approved report marked them done."),
        [
            REGION_CODE,
            INITIATIVE_CODE,
            Field("quick_win", S, "Quick Win", "Nama inisiatif Quick Win."),
            Field("milestone", S, "Tonggak", "Uraian tonggak (milestone) Quick Win."),
            _year("Tahun rencana", "Tahun tonggak direncanakan selesai."),
            Field(
                "done",
                "boolean",
                "Selesai",
                "true bila laporan yang disetujui menandai tonggak selesai, false bila belum.",
            ),
        ],
        each(_milestones),
    ),
    Table(
        "progres-quick-win",
        _("Quick Win progress"),
        _(
            "Per year with a reporting period: the Quick Win milestones of the masterplan revision the "
            "year belongs to, planned up to the year, and how many an approved report marked done."
        ),
        [
            REGION_CODE,
            _year("Tahun", "Tahun yang memiliki periode pelaporan."),
            Field(
                "milestones_done",
                INT,
                "Tonggak selesai",
                "Dari tonggak yang direncanakan, yang ditandai selesai oleh laporan yang disetujui dari "
                "periode sampai tahun itu (jumlah tonggak).",
            ),
            Field(
                "milestones_planned",
                INT,
                "Tonggak direncanakan",
                "Tonggak Quick Win revisi masterplan tahun itu yang direncanakan sampai tahun itu (jumlah "
                "tonggak; 0 bila belum ada).",
            ),
        ],
        each(_quick_win_progress),
    ),
    Table(
        "evaluasi",
        _("Evaluation results"),
        _("Each region's results in the published national evaluations (monev)."),
        [
            REGION_CODE,
            _year("Tahun evaluasi", "Tahun siklus evaluasi nasional (monev)."),
            Field(
                "total",
                N,
                "Nilai total",
                "Rata-rata tertimbang nilai Baseline, Output, Outcome, Impact dan Quick Win (skala 0–5).",
            ),
            Field(
                "improvement",
                N,
                "Peningkatan",
                "Nilai total dikurangi nilai total siklus sebelumnya (poin); kosong tanpa nilai sebelumnya.",
            ),
            SIZE_CLASS,
            Field("rank_national", INT, "Peringkat nasional", f"Peringkat di antara semua wilayah; {RANK}."),
            Field("rank_province", INT, "Peringkat provinsi", f"Peringkat dalam provinsinya; {RANK}."),
            Field("rank_in_class", INT, "Peringkat kelas", f"Peringkat dalam kelas ukuran kotanya; {RANK}."),
        ],
        _evaluations,
    ),
    Table(
        "sosialisasi",
        _("Socialisation events"),
        _("Socialisation events with their audience per stakeholder group and total head count."),
        [
            REGION_CODE,
            Field("held_on", "date", "Tanggal", "Tanggal acara (ISO 8601, mis. 2026-11-12)."),
            Field("title", S, "Nama acara", "Nama acara sosialisasi."),
            Field("place", S, "Tempat", "Tempat acara."),
            _audience("government", "pemerintah"),
            _audience("business", "dunia usaha"),
            _audience("academia", "akademisi"),
            _audience("community", "komunitas"),
            _audience("media", "media"),
            Field("head_count", INT, "Jumlah peserta", "Jumlah seluruh peserta acara (orang)."),
        ],
        each(_events),
    ),
]
BY_NAME = {table.name: table for table in TABLES}


def rows_of(table: Table, snapshots: list[Snapshot]) -> list[Row]:
    return list(table.rows(snapshots))
