"""Merge a dict of Indonesian translations into the .po file, then compile.

    python scripts/fill_translations.py TRANSLATIONS.py [path/to/locale/id/LC_MESSAGES/django.po]

TRANSLATIONS.py defines ``T`` (msgid → msgstr) and optionally ``PLURALS`` (msgid → its text, or
a tuple of as many texts as the catalogue's ``Plural-Forms`` names: Indonesian has one form,
``nplurals=1``, so one text serves every count). A message with a context (``pgettext``, ``{% translate
... context "verb" %}``) is keyed ``(context, msgid)``: ``("verb", "Change"): "Ubah"``;
a plain msgid key never fills an entry that has a context. Untranslated entries are
listed so nothing is forgotten; tests/test_translations.py fails while any remain, and
while two catalogues translate one message differently.
"""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "kotacerdas" / "locale" / "id" / "LC_MESSAGES" / "django.po"


def main(source: str, po_path: Path = PO) -> None:
    namespace = runpy.run_path(source)
    singles: dict[str | tuple[str, str], str] = namespace.get("T", {})
    plurals: dict[str, str | tuple[str, ...]] = namespace.get("PLURALS", {})
    po = polib.pofile(str(po_path))
    nplurals = plural_forms(po)
    for entry in po:
        if "fuzzy" in entry.flags:
            # msgmerge's guess from a similar msgid ("Assessments" ← "Assessor"): never keep it.
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            entry.msgstr = ""
            entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
        if entry.msgid_plural and entry.msgid in plurals:
            forms = plural_texts(plurals[entry.msgid])
            if len(forms) != nplurals:
                raise SystemExit(f"{entry.msgid!r}: {len(forms)} plural forms, the catalogue has {nplurals}")
            entry.msgstr_plural = dict(enumerate(forms))
        elif (key := (entry.msgctxt, entry.msgid) if entry.msgctxt else entry.msgid) in singles:
            entry.msgstr = singles[key]
    po.save()
    po.save_as_mofile(str(po_path.with_suffix(".mo")))
    english = po_path.parent.parent.parent / "en" / "LC_MESSAGES" / "django.po"
    if english.exists():  # English is the source language: compile it as is
        polib.pofile(str(english)).save_as_mofile(str(english.with_suffix(".mo")))
    missing = [e.msgid for e in po if not (e.msgstr or any(e.msgstr_plural.values()))]
    print(f"{len(po)} entries, {len(missing)} untranslated")
    for msgid in missing:
        print("  missing:", msgid)


def plural_forms(po: polib.POFile) -> int:
    """How many forms a plural message has in this catalogue (its header's ``nplurals``)."""
    found = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(found.group(1)) if found else 2


def plural_texts(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]) if len(sys.argv) > 2 else PO)
