"""The blocks of the books about carrying the masterplan out: quick wins, governance, commitment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt
from docx.table import Table, _Cell

from kotacerdas.core.books.blocks import Blocks
from kotacerdas.core.books.docx_parts import keep_row_together, set_widths
from kotacerdas.core.books.layout import DASH, Cell, CellValue, figure
from kotacerdas.core.formatting import rupiah, tanggal


class ProgrammeBlocks(Blocks):
    def _block_quick_win_list(self) -> None:
        if not self.data.quick_wins:
            self._missing("quick win")
            return
        rows = [(q.name, q.opd or DASH, figure(str(q.year or DASH))) for q in self.data.quick_wins]
        headers: list[CellValue] = ["Quick Win", "OPD Penanggung Jawab", Cell("Tahun", "right")]
        self._table("Daftar quick win", headers, rows)

    def _block_quick_wins(self) -> None:
        if not self.data.quick_wins:
            self._missing("profil quick win")
            return
        for qw in self.data.quick_wins:
            self._heading(qw.name, 3)
            rows = [
                ("OPD penanggung jawab", qw.opd or DASH),
                ("Tahun pelaksanaan", str(qw.year or DASH)),
                ("Inisiatif induk", qw.initiative_code or DASH),
                ("Target", qw.target or DASH),
                ("Anggaran", rupiah(qw.budget) if qw.budget else DASH),
            ]
            self._table(f"Profil quick win {qw.name}", ["Uraian", "Keterangan"], rows)
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
            rows = [(figure(str(n)), m.name, m.position, m.role) for n, m in enumerate(members, start=1)]
            self._table(title, ["No", "Nama", "Jabatan", "Kedudukan"], rows)
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
        if not self.data.opds:
            self._missing("daftar perangkat daerah untuk blok tanda tangan")
        heads = [
            Signatory(f"{o.head_title or 'Kepala'} {o.name}", o.head_name, nip=True) for o in self.data.opds
        ]
        width = self._text_width_cm()
        for pair in (heads[i : i + 2] for i in range(0, len(heads), 2)):
            self._signatures(pair, [width / 2, width / 2])
        # the head of the region acknowledges, centred beneath the heads of the OPDs
        self._signatures([Signatory(f"Mengetahui,\n{head} {place}", region.head_name)], [width / 2])

    def _signatures(self, people: list[Signatory], widths: list[float]) -> Table:
        """One row each for role, signing space, name and NIP: names and NIP lines stay level."""
        table = self._new_table(4, len(widths), grid=False)
        rows = table.rows
        rows[1].height, rows[1].height_rule = Cm(2.0), WD_ROW_HEIGHT_RULE.EXACTLY
        for column, person in enumerate(people):
            role, space, name, nip = (row.cells[column] for row in rows)
            _centred(role, person.role)
            _centred(space, "")
            _centred(name, person.name or DOTS, bold=bool(person.name), underline=bool(person.name))
            _centred(nip, f"NIP. {DOTS_NIP}" if person.nip else "")
            role.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        for row in rows:
            keep_row_together(row._tr)
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
        set_widths(table, widths)
        self._para("", space_after=6)
        return table


DOTS = "(" + "." * 44 + ")"
DOTS_NIP = "." * 36


@dataclass(frozen=True)
class Signatory:
    role: str
    name: str = ""
    nip: bool = False  # a civil servant signs with a NIP line; the elected head does not


def _centred(cell: _Cell, text: str, bold: bool = False, underline: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    for n, line in enumerate(text.split("\n")):
        run = paragraph.add_run(line)
        run.bold = bold or None
        run.underline = underline or None
        if n:
            run._r.addprevious(_break())


def _break() -> Any:
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:br"))
    return run
