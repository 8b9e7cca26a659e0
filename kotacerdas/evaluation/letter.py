"""A region's result letter, read only from the immutable publication (DOCX, and PDF by LibreOffice).

Nothing here reads the participants or the region's current record beyond its name and kind: a
letter downloaded years later shows what was published. The PDF goes through the books' guarded
converter (kotacerdas/core/books/pdf.py: time limit, own process group, temporary files removed).
The DOCX is made on each request (milliseconds). The PDF takes LibreOffice seconds of a web worker,
under ``LETTER_PDF_TIMEOUT_SECONDS`` (60 s, below the web server's own timeout, so a slow conversion
ends in a message offering the DOCX rather than a killed worker), so it is made once and kept in
the default storage under a name that hashes what the letter shows and the code that drew it
(``kotacerdas.release.code_fingerprint``): the next download of the same letter is read back, and
a letter that would read differently (a renamed region, a new release) is made afresh.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils import timezone, translation

from kotacerdas.core.books.pdf import convert_to_pdf
from kotacerdas.core.evaluation.letter import LetterData, letter_filename, render_letter
from kotacerdas.core.processes import owned_tempdir
from kotacerdas.evaluation.models import Publication
from kotacerdas.planning.reference import dimension_label
from kotacerdas.regions.models import Region
from kotacerdas.release import code_fingerprint

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def letter_number(publication: Publication, region: Region) -> str:
    """A stable number: the publication, the region and the year (e.g. 3/EVKC/33.73/2027)."""
    return f"{publication.pk}/EVKC/{region.code}/{publication.cycle.year}"


def letter_data(publication: Publication, region: Region) -> LetterData:
    """The letter's figures for a region of the publication; 404 when it has no published result."""
    row = next((r for r in publication.rows if r["region_code"] == region.code), None)
    inputs = publication.inputs.get(region.code)
    if row is None or inputs is None:
        raise Http404
    weights = publication.recipe.get("instrument", {}).get("weights", {})
    uncertainty = publication.recipe.get("uncertainty") or {}
    return LetterData(
        year=publication.cycle.year,
        number=letter_number(publication, region),
        date=timezone.localdate(publication.published_at),
        region_code=region.code,
        region_name=region.name,
        region_kind=region.kind,
        parts=inputs["parts"],
        weights=weights,
        total=row["total"],
        improvement=row["improvement"],
        previous_total=inputs.get("previous_total", ""),
        size_class=row["size_class"],
        rank_national=row["rank_national"],
        rank_province=row["rank_province"],
        rank_in_class=row["rank_in_class"],
        ranked_national=sum(1 for r in publication.rows if r["rank_national"]),
        band=publication.bands.get(region.code),
        input_hash=publication.input_hash,
        replications=int(uncertainty.get("replications", 0)),
        dimensions=dimension_names(inputs.get("dimensions", {})),
        note=publication.cycle.note,
    )


def dimension_names(frozen: dict[str, str]) -> dict[str, str]:
    """The frozen dimension scores keyed by the dimension's Indonesian name (the letter is official)."""
    with translation.override("id"):
        return {dimension_label(code): score for code, score in frozen.items()}


def letter_file(publication: Publication, region: Region, extension: str) -> tuple[bytes, str]:
    """(content, file name) of the letter as DOCX or PDF.

    PdfUnavailable (no LibreOffice) and ConversionTimeout propagate for the view to report.
    """
    data = letter_data(publication, region)
    docx = render_letter(data)
    name = letter_filename(data.year, data.region_name, extension)
    if extension == "docx":
        return docx, name
    kept = kept_pdf_name(publication, data)
    if default_storage.exists(kept):
        with default_storage.open(kept, "rb") as handle:
            return handle.read(), name
    with owned_tempdir("letter") as folder:
        source = Path(folder) / letter_filename(data.year, data.region_name, "docx")
        source.write_bytes(docx)
        (pdf,) = convert_to_pdf([source], Path(folder), timeout=in_request_limit())
        content = pdf.read_bytes()
    if not default_storage.exists(kept):  # a second request may have kept it meanwhile
        default_storage.save(kept, ContentFile(content))
    return content, name


def in_request_limit() -> int:
    """Seconds LibreOffice may take inside a web request: never more than the books' own limit."""
    return min(settings.LETTER_PDF_TIMEOUT_SECONDS, settings.BOOKS_CONVERT_TIMEOUT_SECONDS)


def kept_pdf_name(publication: Publication, data: LetterData) -> str:
    """Where the PDF of exactly this letter, drawn by this code, is kept."""
    digest = hashlib.sha256(f"{code_fingerprint()}\n{data!r}".encode()).hexdigest()[:24]
    return f"evaluation/letters/{publication.pk}/{data.region_code}-{digest}.pdf"
