"""File names of the books: which book, of which region, which version, in safe ASCII.

Kept apart from render.py so the models can name a download without importing python-docx.
"""

from __future__ import annotations

import re
import unicodedata

from kotacerdas.core.books.outline import Book


def book_filename(book: Book, extension: str, region_name: str = "", version: int | None = None) -> str:
    """A file name that says which book, of which region, which version: safe ASCII, no spaces.

    ``Buku-II-Masterplan-Kota-Salatiga-v3.pdf``
    """
    return file_name(book.number, book.key, extension, region_name, version)


def file_name(
    number: str, key: str, extension: str, region_name: str = "", version: int | None = None
) -> str:
    words = [w.capitalize() for w in key.split("_")]
    parts = ["Buku", _slug(number), *words, _slug(region_name), f"v{version}" if version is not None else ""]
    return "-".join(p for p in parts if p) + f".{extension}"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[A-Za-z0-9]+", ascii_text))
