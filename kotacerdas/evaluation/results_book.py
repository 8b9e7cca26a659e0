"""The national results book of a publication: built from the publication only, in the background.

The ranking tables are results_table.results_rows (the rows of the cycle page and of the XLSX),
grouped by size class; the province summary and the part scores read the publication's rows and
inputs. Nothing reads the participants or monitoring: a book built years later shows what was
published. The PDF goes through the books' guarded LibreOffice conversion, as the result letter does.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation

from kotacerdas.core.books.pdf import ConversionTimeout, PdfUnavailable, convert_to_pdf
from kotacerdas.core.evaluation import PARTS
from kotacerdas.core.evaluation.book import BookData, Table, book_filename, render_book
from kotacerdas.core.evaluation.letter import PART_LABELS, score_text, signed_score_text
from kotacerdas.core.formatting import tanggal
from kotacerdas.core.processes import owned_tempdir
from kotacerdas.evaluation.models import Publication
from kotacerdas.evaluation.results_table import EMPTY, NUMBER, SIGNED, columns, results_rows
from kotacerdas.regions.models import Region

SIZE_CLASS = 4  # the size-class column of results_rows
PROVINCE_HEADER = ("Kode", "Provinsi", "Wilayah", "Diperingkat", "Peringkat 1 provinsi", "Total tertinggi")


def book_data(publication: Publication) -> BookData:
    with translation.override("id"):  # an official document: Indonesian whatever the reader's language
        header = [str(column.label) for column in columns()]
        rows = [as_written(row) for row in results_rows(publication)]
    ranked = [row for row in rows if row[5] != EMPTY]
    classes: dict[str, list[list[str]]] = defaultdict(list)
    for row in ranked:
        classes[row[SIZE_CLASS]].append(row)
    size_classes = [
        Table(f"Kelas {name}", header, sorted(items, key=lambda r: int(r[7])))
        for name, items in classes.items()
    ]
    not_ranked = Table("Belum diperingkat (belum terverifikasi)", header, [r for r in rows if r[5] == EMPTY])
    return BookData(
        year=publication.cycle.year,
        input_hash=publication.input_hash,
        published_on=tanggal(timezone.localdate(publication.published_at)),
        note=publication.cycle.note,
        size_classes=size_classes,
        not_ranked=not_ranked,
        provinces=province_table(publication),
        parts=parts_table(publication, rows),
    )


def as_written(row: list[str]) -> list[str]:
    """A results row as the cycle page and the result letter write it: a total 3,475, a change +0,23
    (the exact text 3.475 would read as three thousand in an Indonesian book)."""
    kinds = [column.kind for column in columns()]
    return [
        signed_score(cell) if kind == SIGNED else score_cell(cell) if kind == NUMBER else cell
        for cell, kind in zip(row, kinds, strict=True)
    ]


def score_cell(text: str) -> str:
    return EMPTY if text in ("", EMPTY) else score_text(text)


def signed_score(text: str) -> str:
    return EMPTY if text in ("", EMPTY) else signed_score_text(text)


def province_table(publication: Publication) -> Table:
    by_province: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in publication.rows:
        by_province[row["region_code"][:2]].append(row)
    codes = [row["region_code"] for row in publication.rows] + list(by_province)
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    lines = []
    for province in sorted(by_province):
        rows = by_province[province]
        ranked = [row for row in rows if row["rank_province"]]
        first = ", ".join(
            names.get(r["region_code"], r["region_code"]) for r in ranked if r["rank_province"] == "1"
        )
        best = max((row["total"] for row in ranked), key=float, default=EMPTY)
        lines.append(
            [
                province,
                names.get(province, ""),
                str(len(rows)),
                str(len(ranked)),
                first or EMPTY,
                score_cell(best),
            ]
        )
    return Table("Ringkasan per provinsi", PROVINCE_HEADER, lines)


def parts_table(publication: Publication, rows: list[list[str]]) -> Table:
    header = ["Kode wilayah", "Wilayah", *(PART_LABELS[part] for part in PARTS), "Total"]
    lines = []
    for row in rows:
        parts = publication.inputs.get(row[0], {}).get("parts", {})
        lines.append([row[0], row[1], *(score_cell(parts.get(part, EMPTY)) for part in PARTS), row[2]])
    return Table("Nilai per bagian evaluasi", header, lines)


def build_files(publication: Publication) -> tuple[bytes, bytes, str]:
    """(DOCX, PDF or b"", why there is no PDF) of the publication's book."""
    docx = render_book(book_data(publication))
    with owned_tempdir("results-book") as folder:
        source = Path(folder) / book_filename(publication.cycle.year, "docx")
        source.write_bytes(docx)
        try:
            (pdf,) = convert_to_pdf([source], Path(folder), timeout=settings.BOOKS_CONVERT_TIMEOUT_SECONDS)
        except (PdfUnavailable, ConversionTimeout) as error:
            return docx, b"", str(error)
        return docx, pdf.read_bytes(), ""
