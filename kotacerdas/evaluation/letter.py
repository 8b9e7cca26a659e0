"""A region's result letter, read only from the immutable publication (DOCX, and PDF by LibreOffice).

Nothing here reads the participants or the region's current record beyond its name and kind: a
letter downloaded years later shows what was published. The DOCX is made on each request
(milliseconds). The PDF is never made in a request: the background job of letter_pdfs.py converts
every letter of a publication through the books' guarded converter and keeps each in the default
storage under a name that hashes what the letter shows and the code that drew it
(``kotacerdas.release.code_fingerprint``); a download reads it back (:func:`kept_letter_pdf`), and a
letter that would read differently (a renamed region, a new release) has a new name, so it is not
"kept" until the job has prepared it afresh.
"""

from __future__ import annotations

import hashlib

from django.core.files.storage import default_storage
from django.http import Http404
from django.utils import timezone, translation

from kotacerdas.core.evaluation.letter import LetterData, letter_filename, render_letter
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


def letter_docx(publication: Publication, region: Region) -> tuple[bytes, str]:
    """(content, file name) of the letter as DOCX, made now (milliseconds)."""
    data = letter_data(publication, region)
    return render_letter(data), letter_filename(data.year, data.region_name, "docx")


def kept_letter_pdf(publication: Publication, region: Region) -> tuple[bytes | None, str]:
    """(content, file name) of the letter's kept PDF; content None while it is not prepared yet.

    Never converts: the PDFs are prepared in the background (letter_pdfs.py).
    """
    data = letter_data(publication, region)
    name = letter_filename(data.year, data.region_name, "pdf")
    try:
        with default_storage.open(kept_pdf_name(publication, data), "rb") as handle:
            return handle.read(), name
    except FileNotFoundError:
        return None, name


def letters_folder(publication: Publication) -> str:
    return f"evaluation/letters/{publication.pk}"


def kept_pdf_name(publication: Publication, data: LetterData) -> str:
    """Where the PDF of exactly this letter, drawn by this code, is kept."""
    digest = hashlib.sha256(f"{code_fingerprint()}\n{data!r}".encode()).hexdigest()[:24]
    return f"{letters_folder(publication)}/{data.region_code}-{digest}.pdf"
