"""What a draft book still waits for, said the way a Bappeda officer reads it.

A draft prints a marked paragraph wherever a free text is empty or the record lacks data, naming
what to fill and where in kotacerdas (never an internal key). A final render (``draft=False``)
refuses to print one: ``UnfilledPlaceholders`` lists them instead, and ``placeholders()`` lists them
beforehand so an approval can be blocked with the same sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

# The free-text sections of the default outline, by key: the name a person sees in the
# "Teks bebas" form and in the book. An outline override may add keys; they get a readable name.
TEXT_LABELS = {
    "kata_pengantar": "Kata pengantar",
    "latar_belakang": "Latar belakang",
    "maksud_tujuan": "Maksud dan tujuan",
    "dasar_hukum": "Dasar hukum",
    "pengantar_kesiapan": "Pengantar analisis kesiapan",
    "strategi": "Strategi pembangunan",
    "penutup": "Penutup",
    "ruang_lingkup": "Ruang lingkup",
    "pengantar_inisiatif": "Pengantar program dan inisiatif",
    "tata_kelola": "Tata kelola dan kelembagaan",
    "ringkasan": "Ringkasan eksekutif",
    "pengantar_quick_win": "Pengantar quick win",
    "pengantar_roadmap": "Pengantar peta jalan",
}

TEXTS_MENU = "menu Buku › Teks bebas"

# Where in kotacerdas each kind of record data is filled (the words of the books' missing notes).
DATA_MENUS = {
    "jumlah penduduk": "Masterplan › Profil",
    "indikator daerah": "Masterplan › Indikator utama",
    "daftar perangkat daerah": "halaman daerah › OPD",
    "daftar perangkat daerah untuk blok tanda tangan": "halaman daerah › OPD",
    "inventarisasi permasalahan": "Masterplan › Masalah",
    "hasil analisis kesiapan dan kesenjangan": "menu Asesmen (asesmen kesiapan yang terverifikasi)",
    "matriks SWOT": "Masterplan › SWOT",
    "isu strategis": "Masterplan › Isu dan tujuan",
    "visi smart city": "Masterplan › Isu dan tujuan",
    "misi smart city": "Masterplan › Isu dan tujuan",
    "sasaran smart city": "Masterplan › Isu dan tujuan",
    "inisiatif per dimensi": "Masterplan › Inisiatif",
    "inisiatif dan anggaran": "Masterplan › Inisiatif",
    "indikator kinerja (KPI) dan target tahunan": "Masterplan › Inisiatif",
    "anggaran per tahun": "Masterplan › Inisiatif",
    "anggaran per sumber pendanaan": "Masterplan › Inisiatif",
    "peta jalan (tahun mulai dan selesai inisiatif)": "Masterplan › Peta jalan",
    "rencana yang ditetapkan": "Masterplan › Peta jalan (tetapkan hasil optimasi atau konfirmasi jadwal)",
    "quick win": "Masterplan › Quick Win",
    "susunan Dewan Smart City": "menu Program › Dewan Smart City dan Tim Pelaksana",
    "susunan Tim Pelaksana Smart City": "menu Program › Dewan Smart City dan Tim Pelaksana",
    "profil quick win": "Masterplan › Quick Win",
    "register risiko quick win": "Masterplan › Quick Win",
}
DEFAULT_DATA_MENU = "halaman daerah › Masterplan"


def text_label(key: str) -> str:
    return TEXT_LABELS.get(key) or key.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Placeholder:
    """One gap a draft shows: a free text (``kind="text"``) or record data (``kind="data"``)."""

    kind: str
    key: str  # the text key, or the data's name
    what: str  # what to fill, in Indonesian
    where: str  # where the book shows it (book, chapter, section)
    fix: str  # where in kotacerdas to fill it

    @property
    def sentence(self) -> str:
        """The line an approval check lists: what, where in the book, where to fill it."""
        verb = "Teks" if self.kind == "text" else "Data"
        return f"{verb} “{self.what}” belum diisi ({self.where}); isi di {self.fix}."

    @property
    def printed(self) -> str:
        """The paragraph a draft prints in place of the missing content."""
        if self.kind == "text":
            return (
                f"[Draf — belum diisi] Teks “{self.what}”: tulis di kotacerdas, {self.fix} › "
                f"“{self.what}”, lalu buat ulang buku ini."
            )
        return (
            f"[Draf — belum tersedia] {self.what[:1].upper()}{self.what[1:]}: lengkapi di kotacerdas, "
            f"{self.fix}, lalu buat ulang buku ini."
        )


def text_placeholder(key: str, where: str) -> Placeholder:
    return Placeholder("text", key, text_label(key), where, TEXTS_MENU)


def data_placeholder(what: str, where: str) -> Placeholder:
    known = [k for k in DATA_MENUS if what.startswith(k)]  # "register risiko quick win “X”"
    fix = DATA_MENUS[max(known, key=len)] if known else DEFAULT_DATA_MENU
    return Placeholder("data", what, what, where, fix)


class UnfilledPlaceholders(ValueError):
    """A final book was asked for while texts or data are still missing."""

    def __init__(self, placeholders: list[Placeholder]) -> None:
        self.placeholders = placeholders
        lines = "; ".join(p.sentence for p in placeholders)
        super().__init__(f"Buku final belum dapat dibuat: {lines}")
