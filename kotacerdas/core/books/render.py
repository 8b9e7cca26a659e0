"""Render BookData into editable DOCX books (python-docx).

``render_book`` writes one book following its outline: a cover with the region's
name and logo, the foreword, a real Word table of contents (a TOC field, filled
with the chapter list until Word or LibreOffice updates it), numbered chapters
(BAB I, II, …; sections 1.1, 1.2), headers and footers with page numbers, and
captions for tables (above) and figures (below). Whatever the record does not
hold yet is said in the book, in a marked paragraph, instead of failing.

A template (.docx) may replace the styles, page set-up, headers and footers:
its body is emptied and the book is written with its styles.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from kotacerdas.core.books import charts
from kotacerdas.core.books.data import BookData
from kotacerdas.core.books.outline import Book, Chapter, Outline, Section
from kotacerdas.core.formatting import decimal, number, percent, rupiah, rupiah_terbilang, tanggal

REQUIRED_STYLES = ("Normal", "Heading 1", "Heading 2")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
MISSING_COLOUR = RGBColor(0xB2, 0x3A, 0x48)
TOC_PLACEHOLDER = "Daftar isi diperbarui otomatis saat dokumen dibuka (Word: klik kanan › Perbarui bidang)."

Progress = Callable[[str], None]


@dataclass
class Assets:
    """Inputs shared by all books of one generation (charts are drawn once)."""

    template: Path | None = None
    logo: bytes | None = None
    gantt: list[bytes] = field(default_factory=list)  # the combined roadmap chart, one PNG a page
    budget_chart: bytes | None = None
    charts_drawn: bool = False
    # the plan of record's chart dict (kotacerdas.core.roadmap_chart.chart_data), as the roadmap page has it
    roadmap_chart: dict[str, Any] | None = None

    def draw(self, data: BookData) -> None:
        if not self.charts_drawn:
            self.gantt = charts.roadmap_gantt(data, self.roadmap_chart)
            self.budget_chart = charts.budget_per_year(data)
            self.charts_drawn = True


def roman(n: int) -> str:
    return ROMAN[n - 1] if 0 < n <= len(ROMAN) else str(n)


def render_books(
    data: BookData,
    books: Iterable[Book],
    outdir: Path,
    assets: Assets | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Write each book as ``<outdir>/Buku-<number>-<key>.docx``; returns the paths."""
    assets = assets or Assets()
    assets.draw(data)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for book in books:
        if progress:
            progress(book.key)
        path = outdir / book_filename(book, "docx")
        render_book(data, book, path, assets)
        paths.append(path)
    return paths


def book_filename(book: Book, extension: str) -> str:
    return f"Buku-{book.number}-{book.key}.{extension}"


def render_book(data: BookData, book: Book, path: Path, assets: Assets | None = None) -> Path:
    assets = assets or Assets()
    assets.draw(data)
    writer = _Writer(data, book, assets)
    writer.write()
    writer.doc.save(str(path))
    return path


def check_template(source: Path | io.BytesIO) -> list[str]:
    """Problems that make a .docx unusable as a book template (empty list = usable)."""
    try:
        doc = Document(source)  # type: ignore[arg-type]
    except Exception:
        return ["the file is not a Word document (.docx)"]
    names = {s.name for s in doc.styles}
    return [f"the template lacks the style '{name}'" for name in REQUIRED_STYLES if name not in names]


@dataclass
class _Counters:
    chapter: str = ""
    tables: int = 0
    figures: int = 0


@dataclass
class _Writer:
    data: BookData
    book: Book
    assets: Assets
    doc: DocxDocument = field(init=False)
    count: _Counters = field(default_factory=_Counters)

    def __post_init__(self) -> None:
        if self.assets.template:
            self.doc = Document(str(self.assets.template))
            body = self.doc.element.body
            for child in list(body):
                if child.tag != qn("w:sectPr"):
                    body.remove(child)
        else:
            self.doc = Document()
            self._default_page_setup()
        self.styles = {s.name for s in self.doc.styles}

    # -- the whole book -------------------------------------------------------
    def write(self) -> None:
        self._cover()
        self._headers_and_footers()
        if self.book.foreword:
            self._heading("KATA PENGANTAR", 1, numbered=False)
            self._free_text(self.book.foreword)
            self._page_break()
        self._toc()
        for n, chapter in enumerate(self.book.chapters, start=1):
            self._chapter(chapter, f"BAB {roman(n)}", str(n))
        for n, chapter in enumerate(self.book.appendices):
            letter = chr(ord("A") + n)
            self._chapter(chapter, f"LAMPIRAN {letter}", letter)
        self._update_fields_on_open()

    def _default_page_setup(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
        normal = self.doc.styles["Normal"]
        normal.font.name = "Liberation Sans"  # metric-compatible with Arial, present with LibreOffice
        normal.font.size = Pt(11)

    def _cover(self) -> None:
        region = self.data.region
        self._para("", space_after=60)
        if self.assets.logo:
            paragraph = self.doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run().add_picture(io.BytesIO(self.assets.logo), height=Cm(4))
        self._para(f"BUKU {self.book.number}", size=20, bold=True, center=True)
        title = self._para(self.book.title.upper(), size=26, bold=True, center=True, style="Title")
        title.paragraph_format.space_after = Pt(24)
        self._para(region.name.upper(), size=20, bold=True, center=True)
        self._para(
            f"Periode {self.data.period_start}–{self.data.period_end}", size=14, center=True, space_after=120
        )
        government = f"PEMERINTAH {region.name.upper()}"
        self._para(government, size=12, bold=True, center=True)
        if region.province:
            self._para(f"PROVINSI {region.province.upper()}", size=12, center=True)
        self._para(tanggal(self.data.generated_on or date.today()), size=11, center=True)
        self._page_break()

    def _headers_and_footers(self) -> None:
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0] if section.header.paragraphs else section.header.add_paragraph()
        if not header.text.strip():  # a template's own header wins
            header.text = f"{self.book.full_title} · {self.data.region.name}"
            header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for run in header.runs:
                run.font.size = Pt(8)
        footer = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
        if "PAGE" not in footer._p.xml:
            footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
            footer.add_run("Halaman ")
            _field(footer, "PAGE", "1")

    def _toc(self) -> None:
        # "TOC Heading" has no outline level, so the table of contents does not list itself
        self.doc.add_paragraph("DAFTAR ISI", style=self._style("TOC Heading", "Heading 1"))
        paragraph = self.doc.add_paragraph()
        entries = [f"BAB {roman(n)} {c.title.upper()}" for n, c in enumerate(self.book.chapters, start=1)]
        entries += [f"LAMPIRAN {chr(65 + n)} {c.title.upper()}" for n, c in enumerate(self.book.appendices)]
        _field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', "\n".join([TOC_PLACEHOLDER, *entries]))
        self._page_break()

    def _update_fields_on_open(self) -> None:
        settings = self.doc.settings.element
        if settings.find(qn("w:updateFields")) is None:
            update = OxmlElement("w:updateFields")
            update.set(qn("w:val"), "true")
            settings.append(update)

    # -- chapters and sections ---------------------------------------------------
    def _chapter(self, chapter: Chapter, label: str, number_: str) -> None:
        self.count = _Counters(chapter=number_)
        self._heading(f"{label} {chapter.title.upper()}", 1)
        numbered = 0
        for section in chapter.sections:
            if section.title:
                numbered += 1
                self._heading(f"{number_}.{numbered} {section.title}", 2)
            self._section(section)
        self._page_break()

    def _section(self, section: Section) -> None:
        if section.text:
            self._free_text(section.text)
        else:
            getattr(self, f"_block_{section.block}")()

    def _free_text(self, key: str) -> None:
        text = self.data.texts.get(key, "").strip()
        if not text:
            self._missing(f"teks “{key}” belum diisi (menu Buku › Teks di kotacerdas)")
            return
        for paragraph in text.replace("\r\n", "\n").split("\n\n"):
            if paragraph.strip():
                p = self.doc.add_paragraph(" ".join(paragraph.split()))
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    def _missing(self, what: str) -> None:
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(
            f"Data belum tersedia: {what}. Lengkapi di kotacerdas, lalu buat ulang buku ini."
        )
        run.italic = True
        run.font.color.rgb = MISSING_COLOUR

    # -- blocks (one per name in outline.BLOCKS) ----------------------------------
    def _block_profile(self) -> None:
        r = self.data.region
        rows = [("Nama daerah", r.name), ("Kode Kemendagri", r.code)]
        if r.kind:
            rows.append(("Jenis", r.kind.capitalize()))
        if r.province:
            rows.append(("Provinsi", r.province))
        if r.population is not None:
            year = f" ({r.population_year})" if r.population_year else ""
            rows.append(("Jumlah penduduk", f"{number(r.population)} jiwa{year}"))
        if r.area_km2:
            rows.append(("Luas wilayah", f"{decimal(r.area_km2, 2)} km²"))
            if r.population:
                rows.append(("Kepadatan penduduk", f"{decimal(r.population / r.area_km2, 1)} jiwa/km²"))
        if r.size_class:
            rows.append(("Kelas ukuran kota", r.size_class))
        if r.head_name:
            rows.append((r.head_title or "Kepala daerah", r.head_name))
        self._table(f"Profil {r.name}", ["Uraian", "Keterangan"], rows, widths=[5, 11])
        if r.population is None:
            self._missing("jumlah penduduk")

    def _block_indicators(self) -> None:
        items = self.data.region.indicators
        if not items:
            self._missing("indikator daerah")
            return
        rows = [(i.name, i.value, i.unit, str(i.year or "–"), i.source) for i in items]
        self._table("Indikator daerah", ["Indikator", "Nilai", "Satuan", "Tahun", "Sumber"], rows)

    def _block_opds(self) -> None:
        if not self.data.opds:
            self._missing("daftar perangkat daerah")
            return
        rows = [(str(n), o.name, o.short_name or "–") for n, o in enumerate(self.data.opds, start=1)]
        self._table(
            "Perangkat daerah yang terlibat", ["No", "Perangkat Daerah", "Singkatan"], rows, [1.2, 11, 3.8]
        )

    def _block_problems(self) -> None:
        if not self.data.problems:
            self._missing("inventarisasi permasalahan")
            return
        rows = [
            (str(n), p.dimension or "–", p.title, p.description)
            for n, p in enumerate(self.data.problems, start=1)
        ]
        self._table(
            "Inventarisasi permasalahan",
            ["No", "Dimensi", "Permasalahan", "Keterangan"],
            rows,
            [1.0, 2.8, 5.5, 6.7],
        )

    def _block_readiness(self) -> None:
        if not self.data.readiness:
            self._missing("hasil analisis kesiapan dan kesenjangan")
            return
        rows = [
            (
                r.element,
                r.aspect,
                decimal(r.score, 2) if r.score is not None else "–",
                decimal(r.target, 2) if r.target is not None else "–",
                r.gap,
            )
            for r in self.data.readiness
        ]
        self._table(
            "Hasil analisis kesiapan dan kesenjangan",
            ["Elemen", "Aspek", "Skor", "Target", "Kesenjangan"],
            rows,
            [3.0, 4.5, 1.6, 1.6, 5.3],
        )

    def _block_swot(self) -> None:
        if not self.data.swot:
            self._missing("matriks SWOT")
            return
        for swot in self.data.swot:
            self._caption("Tabel", f"Matriks SWOT elemen {swot.element}")
            table = self._new_table(2, 2)
            quadrants = [
                ("Kekuatan (Strengths)", swot.strengths),
                ("Kelemahan (Weaknesses)", swot.weaknesses),
                ("Peluang (Opportunities)", swot.opportunities),
                ("Ancaman (Threats)", swot.threats),
            ]
            cells = [c for tr in table._tbl.tr_lst for c in (_Cell(tc, table) for tc in tr.tc_lst)]
            for cell, (title, items) in zip(cells, quadrants, strict=True):
                cell.paragraphs[0].add_run(title).bold = True
                for item in items:
                    cell.add_paragraph(f"• {item}")
                if not items:
                    cell.add_paragraph("–")
            self._para("")

    def _block_strategic_issues(self) -> None:
        if not self.data.strategic_issues:
            self._missing("isu strategis")
            return
        for n, issue in enumerate(self.data.strategic_issues, start=1):
            self._para(f"{n}. {issue}")

    def _block_vision(self) -> None:
        vision = self.data.vision
        if not vision.vision:
            self._missing("visi smart city")
        else:
            self._para("Visi", bold=True)
            self._para(f"“{vision.vision}”", center=True, italic=True)
        if vision.missions:
            self._para("Misi", bold=True)
            for n, mission in enumerate(vision.missions, start=1):
                self._para(f"{n}. {mission}")
        elif vision.vision:
            self._missing("misi smart city")
        if vision.goals:
            rows = [
                (str(n), g.text, g.dimension or "–", "; ".join(g.indicators) or "–")
                for n, g in enumerate(vision.goals, start=1)
            ]
            self._table(
                "Sasaran smart city",
                ["No", "Sasaran", "Dimensi", "Indikator Sasaran"],
                rows,
                [1.0, 7.0, 3.0, 5.0],
            )
        else:
            self._missing("sasaran smart city")

    def _block_initiatives(self) -> None:
        if not self.data.initiatives:
            self._missing("inisiatif per dimensi")
            return
        for dimension in self.data.dimensions():
            self._heading(f"Dimensi {dimension}", 3)
            items = [i for i in self.data.initiatives if i.dimension == dimension]
            rows = [
                (
                    i.code,
                    i.name,
                    i.element or "–",
                    i.opd or "–",
                    _period(i.start_year, i.end_year),
                    rupiah(i.budget_total),
                )
                for i in items
            ]
            rows.append(("", "Jumlah", "", "", "", rupiah(sum(i.budget_total for i in items))))
            self._table(
                f"Inisiatif dimensi {dimension}",
                ["Kode", "Inisiatif", "Elemen", "OPD Penanggung Jawab", "Periode", "Anggaran"],
                rows,
                [1.9, 4.0, 2.4, 2.9, 1.9, 2.9],
                total_row=True,
                font_size=9,
            )
            for initiative in items:
                if initiative.description:
                    p = self._para("")
                    p.add_run(f"{initiative.code} {initiative.name}. ").bold = True
                    p.add_run(initiative.description)

    def _block_kpis(self) -> None:
        rows = []
        for initiative in self.data.initiatives:
            for kpi in initiative.kpis:
                targets = [kpi.targets.get(str(y), "–") for y in self.data.years]
                rows.append((initiative.code, kpi.name, kpi.unit, kpi.baseline or "–", *targets))
        if not rows:
            self._missing("indikator kinerja (KPI) dan target tahunan")
            return
        headers = ["Kode", "KPI", "Satuan", "Baseline", *[str(y) for y in self.data.years]]
        years = len(self.data.years)
        widths = [1.9, 4.6, 1.5, 1.5] + [max(0.9, 6.5 / max(years, 1))] * years
        self._table("Indikator kinerja dan target tahunan", headers, rows, widths, font_size=8)

    def _block_budget_year(self) -> None:
        sources = list(self.data.budget_by_source())
        if not sources:
            self._missing("anggaran per tahun")
            return
        per = {(y, s): 0 for y in self.data.years for s in sources}
        for initiative in self.data.initiatives:
            for b in initiative.budgets:
                per[(b.year, b.source)] = per.get((b.year, b.source), 0) + b.amount
        rows = [
            (str(y), *[rupiah(per.get((y, s), 0)) for s in sources], rupiah(total))
            for y, total in self.data.budget_by_year().items()
        ]
        by_source = self.data.budget_by_source()
        rows.append(("Jumlah", *[rupiah(by_source[s]) for s in sources], rupiah(self.data.budget_total)))
        self._table(
            "Rencana anggaran per tahun dan sumber pendanaan",
            ["Tahun", *sources, "Jumlah"],
            rows,
            total_row=True,
            font_size=9,
        )
        self._para(
            f"Total anggaran: {rupiah(self.data.budget_total)} ({rupiah_terbilang(self.data.budget_total)})."
        )
        if self.assets.budget_chart:
            self._figure(self.assets.budget_chart, "Rencana anggaran per tahun (miliar rupiah)")

    def _block_budget_source(self) -> None:
        by_source = self.data.budget_by_source()
        if not by_source:
            self._missing("anggaran per sumber pendanaan")
            return
        total = self.data.budget_total or 1
        rows = [(s, rupiah(a), percent(100 * a / total)) for s, a in by_source.items()]
        rows.append(("Jumlah", rupiah(self.data.budget_total), percent(100)))
        self._table(
            "Anggaran per sumber pendanaan", ["Sumber Pendanaan", "Jumlah", "Porsi"], rows, total_row=True
        )

    def _block_roadmap(self) -> None:
        items = [i for i in self.data.initiatives if i.start_year is not None]
        if not items:
            self._missing("peta jalan (tahun mulai dan selesai inisiatif)")
            return
        for page_number, png in enumerate(self.assets.gantt, start=1):
            part = f" ({page_number}/{len(self.assets.gantt)})" if len(self.assets.gantt) > 1 else ""
            self._figure(png, f"Peta jalan {self.data.period_start}–{self.data.period_end}{part}")
        rows = [
            (i.code, i.name, i.dimension, _period(i.start_year, i.end_year), i.horizon or "–") for i in items
        ]
        self._table(
            "Jadwal inisiatif",
            ["Kode", "Inisiatif", "Dimensi", "Periode", "Jangka"],
            rows,
            [1.9, 6.2, 3.2, 2.4, 2.3],
            font_size=9,
        )

    def _block_summary(self) -> None:
        if not self.data.initiatives:
            self._missing("inisiatif dan anggaran")
            return
        rows = []
        for dimension in self.data.dimensions():
            items = [i for i in self.data.initiatives if i.dimension == dimension]
            rows.append((dimension, str(len(items)), rupiah(sum(i.budget_total for i in items))))
        rows.append(("Jumlah", str(len(self.data.initiatives)), rupiah(self.data.budget_total)))
        self._table(
            "Jumlah inisiatif dan anggaran per dimensi",
            ["Dimensi", "Inisiatif", "Anggaran"],
            rows,
            total_row=True,
        )

    def _block_quick_win_list(self) -> None:
        if not self.data.quick_wins:
            self._missing("quick win")
            return
        rows = [(q.name, q.opd or "–", str(q.year or "–")) for q in self.data.quick_wins]
        self._table("Daftar quick win", ["Quick Win", "OPD Penanggung Jawab", "Tahun"], rows)

    def _block_quick_wins(self) -> None:
        if not self.data.quick_wins:
            self._missing("profil quick win")
            return
        for qw in self.data.quick_wins:
            self._heading(qw.name, 3)
            rows = [
                ("OPD penanggung jawab", qw.opd or "–"),
                ("Tahun pelaksanaan", str(qw.year or "–")),
                ("Inisiatif induk", qw.initiative_code or "–"),
                ("Target", qw.target or "–"),
                ("Anggaran", rupiah(qw.budget) if qw.budget is not None else "–"),
            ]
            self._table(f"Profil quick win {qw.name}", ["Uraian", "Keterangan"], rows, [5, 11])
            if qw.profile:
                self._para(qw.profile)
            if qw.steps:
                self._para("Tahapan pelaksanaan", bold=True)
                for n, step in enumerate(qw.steps, start=1):
                    self._para(f"{n}. {step}")

    def _block_quick_win_risks(self) -> None:
        if not self.data.quick_wins:
            self._missing("register risiko quick win")
            return
        for qw in self.data.quick_wins:
            if not qw.risks:
                self._missing(f"register risiko quick win “{qw.name}”")
                continue
            rows = [(r.identification, r.analysis, r.level, r.handling, r.mitigation) for r in qw.risks]
            self._table(
                f"Register risiko quick win {qw.name}",
                ["Identifikasi", "Analisis", "Tingkat", "Penanganan", "Mitigasi"],
                rows,
                font_size=9,
            )

    def _block_governance(self) -> None:
        g = self.data.governance
        for title, members, decree, missing in (
            ("Susunan Dewan Smart City", g.dewan, g.dewan_decree, "susunan Dewan Smart City"),
            (
                "Susunan Tim Pelaksana Smart City",
                g.tim_pelaksana,
                g.tim_decree,
                "susunan Tim Pelaksana Smart City",
            ),
        ):
            if not members:
                self._missing(missing)
                continue
            rows = [(str(n), m.name, m.position, m.role) for n, m in enumerate(members, start=1)]
            self._table(title, ["No", "Nama", "Jabatan", "Kedudukan"], rows, [1.2, 5, 6.3, 3.5])
            if decree:
                self._para(f"Ditetapkan dengan {decree}.")

    def _block_commitment(self) -> None:
        region = self.data.region
        head = region.head_title or ("Bupati" if region.kind == "kabupaten" else "Wali Kota")
        self._para(
            "Kami yang bertanda tangan di bawah ini menyatakan berkomitmen untuk melaksanakan "
            f"Masterplan Smart City {region.name} periode {self.data.period_start}–{self.data.period_end} "
            "sesuai dengan peran dan kewenangan masing-masing, termasuk penganggaran inisiatif "
            "dan quick win dalam dokumen perencanaan daerah."
        ).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        place = region.name.removeprefix("Kota ").removeprefix("Kabupaten ")
        self._para(f"{place}, {tanggal(self.data.generated_on or date.today())}", space_after=12)
        signatories = [(f"{head} {region.name}", region.head_name)]
        signatories += [(f"{o.head_title or 'Kepala'} {o.name}", o.head_name) for o in self.data.opds]
        if not self.data.opds:
            self._missing("daftar perangkat daerah untuk blok tanda tangan")
        table = self._new_table((len(signatories) + 1) // 2, 2, grid=False)  # signature blocks, no borders
        cells = [c for tr in table._tbl.tr_lst for c in (_Cell(tc, table) for tc in tr.tc_lst)]
        for cell, (role, name) in zip(cells, signatories, strict=False):
            cell.paragraphs[0].text = role
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            for _ in range(3):
                cell.add_paragraph("")
            line = cell.add_paragraph(f"( {name or '.' * 40} )")
            line.alignment = WD_ALIGN_PARAGRAPH.CENTER

    # -- primitives -------------------------------------------------------------
    def _style(self, name: str, fallback: str = "Normal") -> str:
        return name if name in self.styles else fallback

    def _para(
        self,
        text: str,
        *,
        size: int | None = None,
        bold: bool = False,
        italic: bool = False,
        center: bool = False,
        style: str | None = None,
        space_after: int | None = None,
    ) -> Paragraph:
        paragraph = self.doc.add_paragraph(style=self._style(style) if style else None)
        if text:
            run = paragraph.add_run(text)
            run.bold = bold or None
            run.italic = italic or None
            if size:
                run.font.size = Pt(size)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if space_after is not None:
            paragraph.paragraph_format.space_after = Pt(space_after)
        return paragraph

    def _heading(self, text: str, level: int, numbered: bool = True) -> Paragraph:
        return self.doc.add_paragraph(text, style=self._style(f"Heading {level}"))

    def _page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _caption(self, kind: str, title: str) -> None:
        if kind == "Tabel":
            self.count.tables += 1
            n = self.count.tables
        else:
            self.count.figures += 1
            n = self.count.figures
        paragraph = self.doc.add_paragraph(style=self._style("Caption"))
        paragraph.add_run(f"{kind} {self.count.chapter}.{n} ")
        paragraph.add_run(title)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = kind == "Tabel"

    def _new_table(self, rows: int, cols: int, grid: bool = True) -> Table:
        table = self.doc.add_table(rows=rows, cols=cols)
        if grid and "Table Grid" in self.styles:
            table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        return table

    def _table(
        self,
        caption: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float] | None = None,
        total_row: bool = False,
        font_size: int | None = None,
    ) -> Table:
        self._caption("Tabel", caption)
        table = self._new_table(1, len(headers))
        header_cells = [_Cell(tc, table) for tc in table._tbl.tr_lst[0].tc_lst]
        for cell, text in zip(header_cells, headers, strict=True):
            run = cell.paragraphs[0].add_run(str(text))
            run.bold = True
            if font_size:
                run.font.size = Pt(font_size)
        _repeat_header(table._tbl.tr_lst[0])
        for index, values in enumerate(rows):
            tr = table.add_row()._tr
            last = total_row and index == len(rows) - 1
            for cell, value in zip((_Cell(tc, table) for tc in tr.tc_lst), values, strict=True):
                run = cell.paragraphs[0].add_run(str(value))
                if last:
                    run.bold = True
                if font_size:
                    run.font.size = Pt(font_size)
        if widths:
            table.autofit = False
            for column, width in zip(table.columns, widths, strict=False):
                column.width = Cm(width)
            for tr in table._tbl.tr_lst:
                for tc, width in zip(tr.tc_lst, widths, strict=False):
                    tc.width = Cm(width)
        self.doc.add_paragraph()
        return table

    def _figure(self, png: bytes, caption: str) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(15.5))
        self._caption("Gambar", caption)


def _period(start: int | None, end: int | None) -> str:
    if start is None:
        return "–"
    if end is None or end == start:
        return str(start)
    return f"{start}–{end}"


def _repeat_header(tr: Any) -> None:
    properties = tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _field(paragraph: Paragraph, instruction: str, cached: str) -> None:
    """A Word field (PAGE, TOC, …) with its cached result; lines of ``cached`` become line breaks."""

    def fld_char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    fld_char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    fld_char("separate")
    for n, line in enumerate(cached.split("\n")):
        run = paragraph.add_run(line)
        if n:
            run._r.addprevious(_line_break())
    fld_char("end")


def _line_break() -> Any:
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:br"))
    return run


def book_set(outline: Outline, extra: Sequence[str] = ()) -> list[Book]:
    return outline.book_set(list(extra))
