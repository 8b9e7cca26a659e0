"""``kotacerdas books REGION_CODE --out DIR [--format docx,pdf]``: a region's books from the database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kotacerdas.cli import CommandError

FORMATS = ("docx", "pdf")


def parse_formats(text: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise CommandError(f"--format takes docx, pdf or docx,pdf (got {text!r})")
    return chosen


def run_books(args: argparse.Namespace) -> int:
    formats = parse_formats(args.format)
    from kotacerdas.cli.app import setup_django

    setup_django()
    from django.utils import timezone

    from kotacerdas.core.books.outline import OutlineError
    from kotacerdas.core.books.pdf import ConversionTimeout, PdfUnavailable
    from kotacerdas.core.books.placeholders import UnfilledPlaceholders
    from kotacerdas.documents.generate import outline_for, write_books
    from kotacerdas.regions.models import Region

    region = Region.objects.exclude(kind=Region.Kind.PROVINCE).filter(code=args.region_code).first()
    if region is None:
        raise CommandError(
            f"no kabupaten/kota with the code {args.region_code!r} (use the form PP.KK, e.g. 33.73)"
        )
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CommandError(f"{out} exists and is not a folder")
    year = args.year or timezone.localdate().year

    def progress(percent: int, key: str) -> None:  # on stderr: standard output lists the files
        step = "converting to PDF (LibreOffice)" if key == "pdf" else f"writing {titles.get(key, key)}"
        print(f"{percent:3d}% {step}", file=sys.stderr, flush=True)

    try:
        titles = {book.key: book.full_title for book in outline_for(year).books}
        generated = write_books(region, year, out, formats, progress=progress, draft=not args.final)
    except PdfUnavailable as error:
        raise CommandError(str(error)) from None
    except ConversionTimeout as error:
        raise CommandError(
            f"{error} It was stopped; try again, write the DOCX only, or allow more time with "
            "BOOKS_CONVERT_TIMEOUT_SECONDS."
        ) from None
    except UnfilledPlaceholders as error:
        lines = "\n".join(f"  - {p.sentence}" for p in error.placeholders)
        raise CommandError(f"a final book set cannot be written while these are unfilled:\n{lines}") from None
    except OutlineError as error:
        raise CommandError(f"the book outline for {year} is not valid: {error}") from None
    for book, fmt, path in generated.files:
        print(f"{book.full_title} ({fmt.upper()}): {path}")
    if generated.data.missing():
        print("missing in the record (the draft books say so): " + "; ".join(generated.data.missing()))
    return 0


def register(subparsers: Any) -> None:
    books = subparsers.add_parser(
        "books", help="write a region's masterplan books (DOCX, PDF) from the database"
    )
    books.add_argument("region_code", metavar="REGION_CODE", help="Kemendagri code, e.g. 33.73")
    books.add_argument("--out", required=True, help="folder to write the books into")
    books.add_argument("--format", default="docx", help="docx, pdf or docx,pdf (default: docx)")
    books.add_argument("--year", type=int, default=0, help="programme year (default: this year)")
    books.add_argument(
        "--final",
        action="store_true",
        help="refuse to write books that still show a placeholder (a draft marks what is unfilled)",
    )
    books.set_defaults(func=run_books)
