"""From a region's record to book files: outline + assets + BookData → DOCX (and PDF).

Shared by the background task (which stores the files with the version) and the
``kotacerdas books`` command (which writes them to a folder).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings as django_settings
from django.core.files.storage import default_storage

from kotacerdas.core.books.data import BookData
from kotacerdas.core.books.outline import Book, Outline, load_outline, merge_outline, parse_outline
from kotacerdas.core.books.pdf import convert_to_pdf
from kotacerdas.core.books.placeholders import Placeholder
from kotacerdas.core.books.render import Assets, placeholders, render_books
from kotacerdas.documents.collect import collect_book_data
from kotacerdas.documents.models import BookSettings, BookVersion, OutlineOverride
from kotacerdas.regions.models import Region

FORMATS = ("docx", "pdf")
GENERATOR = "kotacerdas.core.books/1"


def outline_for(year: int) -> Outline:
    """The default outline with the national admin's override for this programme year."""
    override = OutlineOverride.objects.filter(year=year).first()
    return merge_outline(load_outline(), override.yaml if override else "")


def settings_for(region: Region) -> BookSettings:
    return BookSettings.objects.filter(region=region).first() or BookSettings(region=region)


def assets_for(settings: BookSettings) -> Assets:
    """Template and logo as bytes, read now: the files may be replaced (and deleted) while books render."""
    return Assets(template=_read(settings.template), logo=_read(settings.logo))


def _read(name: str) -> bytes | None:
    if not name:
        return None
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def roadmap_chart_for(region: Region) -> dict[str, Any] | None:
    """The plan of record's roadmap chart, the same dict the roadmap page draws (None: no plan yet)."""
    if not apps.is_installed("kotacerdas.planning"):
        return None
    from kotacerdas.planning.roadmap.chart import book_chart

    return book_chart(region)


@dataclass
class Generated:
    data: BookData
    books: list[Book]
    recipe: dict[str, Any]
    files: list[tuple[Book, str, Path]] = field(default_factory=list)  # (book, format, path)

    @property
    def placeholders(self) -> list[Placeholder]:
        """What the (draft) books still show as unfilled, in book order."""
        return placeholders(self.data, self.books)


def write_books(
    region: Region,
    programme_year: int,
    outdir: Path,
    formats: tuple[str, ...] = ("docx",),
    progress: Callable[[int, str], None] | None = None,
    draft: bool = True,
) -> Generated:
    """Write the region's book set into ``outdir``.

    PdfUnavailable (no LibreOffice) and ConversionTimeout (LibreOffice ran out of
    ``BOOKS_CONVERT_TIMEOUT_SECONDS`` and was killed) propagate for the caller to report; so does
    UnfilledPlaceholders when a final set (``draft=False``) still has a gap.
    """
    settings = settings_for(region)
    outline = outline_for(programme_year)
    books = outline.book_set(list(settings.extra_books or []))
    data = collect_book_data(region, programme_year)
    generated = Generated(data=data, books=books, recipe=recipe(data, outline, books, settings, formats))
    steps = len(books) + (1 if "pdf" in formats else 0)
    done = 0

    def step(book_key: str) -> None:
        nonlocal done
        if progress:
            progress(10 + int(80 * done / steps), book_key)
        done += 1

    assets = assets_for(settings)
    assets.roadmap_chart = roadmap_chart_for(region)
    paths = render_books(data, books, outdir, assets, progress=step, draft=draft)
    generated.files = [(book, "docx", path) for book, path in zip(books, paths, strict=True)]
    if "pdf" in formats:
        step("pdf")
        pdfs = convert_to_pdf(paths, outdir, timeout=django_settings.BOOKS_CONVERT_TIMEOUT_SECONDS)
        generated.files += [(book, "pdf", path) for book, path in zip(books, pdfs, strict=True)]
    if "docx" not in formats:  # the DOCX were only the way to the PDF
        for path in paths:
            path.unlink(missing_ok=True)
        generated.files = [f for f in generated.files if f[1] != "docx"]
    return generated


def recipe(
    data: BookData, outline: Outline, books: list[Book], settings: BookSettings, formats: tuple[str, ...]
) -> dict[str, Any]:
    outline_json = json.dumps(outline.raw, sort_keys=True, ensure_ascii=False)
    return {
        "generator": GENERATOR,
        "data_hash": data.data_hash(),
        "programme_year": data.programme_year,
        "books": [b.key for b in books],
        "formats": list(formats),
        "outline": outline.raw,
        "outline_hash": hashlib.sha256(outline_json.encode()).hexdigest(),
        "template": (
            {"name": settings.template_name, "sha256": settings.template_sha256}
            if settings.template
            else {"name": "default", "sha256": ""}
        ),
    }


def unfilled_placeholders(version: BookVersion) -> list[Placeholder]:
    """The gaps a generated version's books show (unfilled texts, missing data), in book order.

    Read from what the version was made of (its stored data and outline), so the list matches its
    files. Empty for a version that may be approved; each item's ``sentence`` says what to fill,
    where the book shows it and where in kotacerdas to fill it.
    """
    if not version.data:
        return []
    data = BookData.from_dict(version.data)
    outline = parse_outline(version.recipe["outline"]) if version.recipe.get("outline") else load_outline()
    keys = version.recipe.get("books") or [b.key for b in outline.book_set()]
    return placeholders(data, [outline.book(k) for k in keys])


def region_placeholders(region: Region, programme_year: int) -> list[Placeholder]:
    """The gaps the region's books would show if they were generated now."""
    books = outline_for(programme_year).book_set(list(settings_for(region).extra_books or []))
    return placeholders(collect_book_data(region, programme_year), books)
