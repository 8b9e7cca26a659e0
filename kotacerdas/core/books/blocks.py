"""The blocks of the books that come from the analysis and the masterplan record.

One method per block name in outline.BLOCKS (``_block_<name>``); the quick-win, governance and
commitment blocks are in blocks_programme.py. Amounts go through layout.money (right-aligned,
never broken, "–" for nothing) and every number through kotacerdas.core.formatting.
"""

from __future__ import annotations

from docx.table import _Cell

from kotacerdas.core.books.assets import Assets
from kotacerdas.core.books.data import PLAN_NOT_ADOPTED, BookData
from kotacerdas.core.books.docx_parts import DocWriter, period
from kotacerdas.core.books.layout import DASH, Cell, CellValue, figure, money
from kotacerdas.core.formatting import decimal, number, percent, rupiah, rupiah_terbilang

OUTSIDE_PLAN = "di luar rencana"  # the period of an initiative the adopted plan does not schedule


class Blocks(DocWriter):
    data: BookData
    assets: Assets

    def _missing(self, what: str) -> None:
        raise NotImplementedError  # the writer records and prints the placeholder

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
        self._table(f"Profil {r.name}", ["Uraian", "Keterangan"], rows)
        if r.population is None:
            self._missing("jumlah penduduk")

    def _block_indicators(self) -> None:
        items = self.data.region.indicators
        if not items:
            self._missing("indikator daerah")
            return
        rows = [(i.name, figure(i.value), i.unit, figure(str(i.year or DASH)), i.source) for i in items]
        headers: list[CellValue] = [
            "Indikator",
            Cell("Nilai", "right"),
            "Satuan",
            Cell("Tahun", "right"),
            "Sumber",
        ]
        self._table("Indikator daerah", headers, rows)

    def _block_opds(self) -> None:
        if not self.data.opds:
            self._missing("daftar perangkat daerah")
            return
        rows = [(figure(str(n)), o.name, o.short_name or DASH) for n, o in enumerate(self.data.opds, start=1)]
        self._table("Perangkat daerah yang terlibat", ["No", "Perangkat Daerah", "Singkatan"], rows)

    def _block_problems(self) -> None:
        if not self.data.problems:
            self._missing("inventarisasi permasalahan")
            return
        rows = [
            (figure(str(n)), p.dimension or DASH, p.title, p.description)
            for n, p in enumerate(self.data.problems, start=1)
        ]
        self._table(
            "Inventarisasi permasalahan",
            ["No", "Dimensi", "Permasalahan", "Keterangan"],
            rows,
        )

    def _block_readiness(self) -> None:
        if not self.data.readiness:
            self._missing("hasil analisis kesiapan dan kesenjangan")
            return
        rows = [
            (
                r.element,
                r.aspect,
                figure(decimal(r.score, 2) if r.score is not None else DASH),
                figure(decimal(r.target, 2) if r.target is not None else DASH),
                r.gap or DASH,
            )
            for r in self.data.readiness
        ]
        self._table(
            "Hasil analisis kesiapan dan kesenjangan",
            ["Elemen", "Aspek", Cell("Skor", "right"), Cell("Target", "right"), "Kesenjangan"],
            rows,
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
                    cell.add_paragraph(DASH)
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
                (figure(str(n)), g.text, g.dimension or DASH, "; ".join(g.indicators) or DASH)
                for n, g in enumerate(vision.goals, start=1)
            ]
            self._table(
                "Sasaran smart city",
                ["No", "Sasaran", "Dimensi", "Indikator Sasaran"],
                rows,
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
            rows: list[tuple[CellValue, ...]] = [
                (
                    i.code,
                    i.name,
                    i.element or DASH,
                    i.opd or DASH,
                    Cell(period(i.start_year, i.end_year) if i.in_plan else OUTSIDE_PLAN, nowrap=True),
                    money(i.budget_total),
                )
                for i in items
            ]
            rows.append(("", "Jumlah", "", "", "", money(sum(i.budget_total for i in items))))
            self._table(
                f"Inisiatif dimensi {dimension}",
                ["Kode", "Inisiatif", "Elemen", "OPD Penanggung Jawab", "Periode", Cell("Anggaran", "right")],
                rows,
                total_row=True,
                font_size=9,
            )
            for initiative in items:
                if initiative.description:
                    p = self._para("")
                    p.add_run(f"{initiative.code} {initiative.name}. ").bold = True
                    p.add_run(initiative.description)
        self._outside_plan_note()

    def _block_kpis(self) -> None:
        rows: list[tuple[CellValue, ...]] = []
        for initiative in self.data.initiatives:
            for kpi in initiative.kpis:
                targets = [figure(kpi.targets.get(str(y)) or DASH) for y in self.data.years]
                rows.append((initiative.code, kpi.name, kpi.unit, figure(kpi.baseline or DASH), *targets))
        if not rows:
            self._missing("indikator kinerja (KPI) dan target tahunan")
            return
        headers: list[CellValue] = [
            "Kode",
            "KPI",
            "Satuan",
            Cell("Baseline", "right"),
            *[Cell(str(y), "right") for y in self.data.years],
        ]
        self._table("Indikator kinerja dan target tahunan", headers, rows, font_size=9)

    def _outside_plan_note(self) -> None:
        """Beside a count or a total of the plan: which initiatives it leaves out, so a reader who counts
        the initiatives of the masterplan (the initiatives page, the export) finds the difference."""
        outside = self.data.outside_plan()
        if not outside:
            return
        names = "; ".join(f"{i.code} {i.name}" for i in outside)
        self._para(
            f"Catatan: {number(len(outside))} inisiatif tidak masuk rencana yang ditetapkan, sehingga tidak "
            f"dijadwalkan dan tidak dihitung dalam anggaran: {names}.",
            italic=True,
        )

    def _plan_missing(self) -> bool:
        """Bab V and VI print the adopted plan only: without one they say so (no entered years)."""
        if not self.data.plan_adopted:
            self._missing(PLAN_NOT_ADOPTED)
        return not self.data.plan_adopted

    def _block_budget_year(self) -> None:
        if self._plan_missing():
            return
        sources = list(self.data.budget_by_source())
        if not sources:
            self._missing("anggaran per tahun")
            return
        per = {(y, s): 0 for y in self.data.years for s in sources}
        for initiative in self.data.initiatives:
            for b in initiative.budgets:
                per[(b.year, b.source)] = per.get((b.year, b.source), 0) + b.amount
        rows: list[tuple[CellValue, ...]] = [
            (str(y), *[money(per.get((y, s), 0)) for s in sources], money(total))
            for y, total in self.data.budget_by_year().items()
        ]
        by_source = self.data.budget_by_source()
        rows.append(("Jumlah", *[money(by_source[s]) for s in sources], money(self.data.budget_total)))
        self._table(
            "Rencana anggaran per tahun dan sumber pendanaan",
            ["Tahun", *[Cell(s, "right") for s in sources], Cell("Jumlah", "right")],
            rows,
            total_row=True,
            font_size=9,
        )
        self._para(
            f"Total anggaran: {rupiah(self.data.budget_total)} ({rupiah_terbilang(self.data.budget_total)}) "
            f"untuk {number(len(self.data.planned()))} inisiatif dalam rencana yang ditetapkan."
        )
        self._outside_plan_note()
        if self.assets.budget_chart:
            self._figure(self.assets.budget_chart, "Rencana anggaran per tahun (miliar rupiah)")

    def _block_budget_source(self) -> None:
        if self._plan_missing():
            return
        by_source = self.data.budget_by_source()
        if not by_source:
            self._missing("anggaran per sumber pendanaan")
            return
        total = self.data.budget_total or 1
        rows = [(s, money(a), figure(percent(100 * a / total))) for s, a in by_source.items()]
        rows.append(("Jumlah", money(self.data.budget_total), figure(percent(100))))
        self._table(
            "Anggaran per sumber pendanaan",
            ["Sumber Pendanaan", Cell("Jumlah", "right"), Cell("Porsi", "right")],
            rows,
            total_row=True,
        )

    def _block_roadmap(self) -> None:
        if self._plan_missing():
            return
        items = [i for i in self.data.initiatives if i.start_year is not None]
        if not items:
            self._missing("peta jalan (tahun mulai dan selesai inisiatif)")
            return
        for page_number, png in enumerate(self.assets.gantt, start=1):
            part = f" ({page_number}/{len(self.assets.gantt)})" if len(self.assets.gantt) > 1 else ""
            self._figure(png, f"Peta jalan {self.data.period_start}–{self.data.period_end}{part}")
        rows = [
            (
                i.code,
                i.name,
                i.dimension,
                Cell(period(i.start_year, i.end_year), nowrap=True),
                i.horizon or DASH,
            )
            for i in items
        ]
        self._table(
            "Jadwal inisiatif",
            ["Kode", "Inisiatif", "Dimensi", "Periode", "Jangka"],
            rows,
            font_size=9,
        )
        self._outside_plan_note()

    def _block_summary(self) -> None:
        if not self.data.initiatives:
            self._missing("inisiatif dan anggaran")
            return
        # the count beside the plan's budget counts the plan's initiatives; the others are named below
        planned = self.data.planned()
        rows: list[tuple[CellValue, ...]] = []
        for dimension in self.data.dimensions():
            items = [i for i in planned if i.dimension == dimension]
            rows.append((dimension, figure(number(len(items))), money(sum(i.budget_total for i in items))))
        rows.append(("Jumlah", figure(number(len(planned))), money(self.data.budget_total)))
        self._table(
            "Jumlah inisiatif dan anggaran per dimensi",
            ["Dimensi", Cell("Inisiatif", "right"), Cell("Anggaran", "right")],
            rows,
            total_row=True,
        )
        self._outside_plan_note()
