"""The book set and chapter outlines: a YAML data file, overridable per programme year.

``load_outline()`` reads the default (outline_default.yaml beside this module);
``merge_outline(base, override_yaml)`` applies a programme year's override: a
YAML document in the same format whose books replace the default books of the
same key field by field (a new key adds a book). ``OutlineError`` carries a
message a person can act on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_OUTLINE = Path(__file__).with_name("outline_default.yaml")
KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
BLOCKS = {
    "profile": "profil dan data umum daerah",
    "indicators": "indikator daerah",
    "opds": "daftar perangkat daerah",
    "problems": "inventarisasi permasalahan per dimensi",
    "readiness": "hasil analisis kesiapan dan kesenjangan",
    "swot": "matriks SWOT per elemen",
    "strategic_issues": "isu strategis",
    "vision": "visi, misi dan sasaran",
    "initiatives": "inisiatif per dimensi dengan OPD penanggung jawab",
    "kpis": "KPI dan target tahunan",
    "budget_year": "tabel dan grafik anggaran per tahun",
    "budget_source": "tabel anggaran per sumber pendanaan",
    "roadmap": "peta jalan (Gantt) inisiatif",
    "summary": "ringkasan angka inisiatif dan anggaran",
    "quick_win_list": "daftar quick win",
    "quick_wins": "profil quick win",
    "quick_win_risks": "register risiko quick win",
    "governance": "Dewan Smart City dan Tim Pelaksana",
    "commitment": "lembar komitmen dengan blok tanda tangan",
}


class OutlineError(ValueError):
    """The outline file is not usable; the message says where and why.

    ``code`` names the problem and ``params`` its details (``where``, ``key`` …), so a page can say it
    in its reader's language (``kotacerdas.documents.actions``); ``str()`` is the English sentence."""

    def __init__(self, code: str, message: str, **params: str) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass
class Section:
    title: str = ""
    text: str = ""  # free-text key
    block: str = ""  # generated content


@dataclass
class Chapter:
    key: str
    title: str
    sections: list[Section] = field(default_factory=list)


@dataclass
class Book:
    key: str
    number: str
    title: str
    default: bool = True
    foreword: str = ""
    chapters: list[Chapter] = field(default_factory=list)
    appendices: list[Chapter] = field(default_factory=list)

    @property
    def full_title(self) -> str:
        return f"Buku {self.number} {self.title}"

    def text_keys(self) -> list[str]:
        keys = [self.foreword] if self.foreword else []
        for chapter in self.chapters + self.appendices:
            keys += [s.text for s in chapter.sections if s.text]
        return keys


@dataclass
class Outline:
    books: list[Book]
    raw: dict[str, Any] = field(default_factory=dict)  # the merged document, for the recipe

    def book(self, key: str) -> Book:
        for book in self.books:
            if book.key == key:
                return book
        raise KeyError(key)

    def book_set(self, extra: list[str] | tuple[str, ...] = ()) -> list[Book]:
        """The default books plus the optional ones a region chose (e.g. the Road Map book)."""
        return [b for b in self.books if b.default or b.key in extra]

    def text_keys(self) -> list[str]:
        return list(dict.fromkeys(k for b in self.books for k in b.text_keys()))


def load_outline(path: Path = DEFAULT_OUTLINE) -> Outline:
    return parse_outline(yaml.safe_load(path.read_text(encoding="utf-8")))


def merge_outline(base: Outline, override_yaml: str) -> Outline:
    """Apply a programme year's override (YAML text) to the default outline."""
    if not override_yaml.strip():
        return base
    try:
        override = yaml.safe_load(override_yaml)
    except yaml.YAMLError as error:
        raise OutlineError("yaml", f"the override is not valid YAML: {error}", error=str(error)) from None
    if not isinstance(override, dict) or not isinstance(override.get("books"), list):
        raise OutlineError("override_shape", "the override must be a mapping with a list under 'books'")
    books = {b["key"]: dict(b) for b in base.raw["books"]}
    order = list(books)
    for index, entry in enumerate(override["books"]):
        if not isinstance(entry, dict) or "key" not in entry:
            raise OutlineError("needs_key", f"books[{index}] needs a 'key'", where=f"books[{index}]")
        key = str(entry["key"])
        if key not in books:
            order.append(key)
        books[key] = {**books.get(key, {}), **entry}
    return parse_outline({"version": base.raw.get("version", 1), "books": [books[k] for k in order]})


def parse_outline(document: Any) -> Outline:
    if not isinstance(document, dict) or not isinstance(document.get("books"), list):
        raise OutlineError("outline_shape", "an outline is a mapping with a list under 'books'")
    books = [_book(entry, f"books[{i}]") for i, entry in enumerate(document["books"])]
    _unique([b.key for b in books], "book keys")
    if not any(b.default for b in books):
        raise OutlineError("no_default", "at least one book must have default: true")
    return Outline(books=books, raw=document)


def _book(entry: Any, where: str) -> Book:
    if not isinstance(entry, dict):
        raise OutlineError("not_mapping", f"{where} must be a mapping", where=where)
    key = _key(entry.get("key"), f"{where}.key")
    for required in ("number", "title"):
        if not str(entry.get(required) or "").strip():
            raise OutlineError(
                "needs_field", f"{where} ({key}) needs a '{required}'", where=where, key=key, field=required
            )
    chapters = [_chapter(c, f"{where}.chapters[{i}]") for i, c in enumerate(entry.get("chapters") or [])]
    if not chapters:
        raise OutlineError("no_chapter", f"{where} ({key}) needs at least one chapter", where=where, key=key)
    appendices = [
        _chapter(c, f"{where}.appendices[{i}]") for i, c in enumerate(entry.get("appendices") or [])
    ]
    _unique([c.key for c in chapters + appendices], f"chapter keys of book {key}")
    foreword = entry.get("foreword") or ""
    return Book(
        key=key,
        number=str(entry["number"]).strip(),
        title=str(entry["title"]).strip(),
        default=bool(entry.get("default", True)),
        foreword=_key(foreword, f"{where}.foreword") if foreword else "",
        chapters=chapters,
        appendices=appendices,
    )


def _chapter(entry: Any, where: str) -> Chapter:
    if not isinstance(entry, dict):
        raise OutlineError("not_mapping", f"{where} must be a mapping", where=where)
    key = _key(entry.get("key"), f"{where}.key")
    title = str(entry.get("title") or "").strip()
    if not title:
        raise OutlineError(
            "needs_field", f"{where} ({key}) needs a 'title'", where=where, key=key, field="title"
        )
    sections = []
    for i, raw in enumerate(entry.get("sections") or []):
        here = f"{where}.sections[{i}]"
        if not isinstance(raw, dict) or bool(raw.get("text")) == bool(raw.get("block")):
            raise OutlineError("text_or_block", f"{here} needs exactly one of 'text' or 'block'", where=here)
        block = str(raw.get("block") or "")
        if block and block not in BLOCKS:
            known = ", ".join(sorted(BLOCKS))
            raise OutlineError(
                "unknown_block",
                f"{here}: unknown block '{block}' (known: {known})",
                where=here,
                block=block,
                known=known,
            )
        text = _key(raw["text"], f"{here}.text") if raw.get("text") else ""
        sections.append(Section(title=str(raw.get("title") or "").strip(), text=text, block=block))
    return Chapter(key=key, title=title, sections=sections)


def _key(value: Any, where: str) -> str:
    if not isinstance(value, str) or not KEY.match(value):
        raise OutlineError(
            "bad_key",
            f"{where} must be a lower-case key (a-z, 0-9, _), got {value!r}",
            where=where,
            value=repr(value),
        )
    return value


def _unique(keys: list[str], what: str) -> None:
    seen = {k for k in keys if keys.count(k) > 1}
    if seen:
        raise OutlineError(
            "not_unique", f"{what} must be unique: {', '.join(sorted(seen))}", keys=", ".join(sorted(seen))
        )
