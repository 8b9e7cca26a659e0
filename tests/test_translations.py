"""Bahasa Indonesia is complete and compiled for every catalogue of the project."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent / "kotacerdas"
CATALOGUES = sorted(ROOT.rglob("locale/id/LC_MESSAGES/django.po"))


def test_there_is_a_project_catalogue() -> None:
    assert ROOT / "locale/id/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_message_is_translated(po_path: Path) -> None:
    po = polib.pofile(str(po_path))
    missing = [e.msgid for e in po if not e.obsolete and not (e.msgstr or any(e.msgstr_plural.values()))]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags and not e.obsolete]
    assert missing == []
    assert fuzzy == []


def translations(entries) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """msgid → its translation(s), the same shape for .po and .mo entries."""
    return {
        e.msgid: [e.msgstr] if not e.msgid_plural else [e.msgstr_plural[k] for k in sorted(e.msgstr_plural)]
        for e in entries
        if not getattr(e, "obsolete", False)
    }


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_compiled_catalogue_matches(po_path: Path) -> None:
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"compile {po_path} (scripts/fill_translations.py does)"
    compiled = translations(polib.mofile(str(mo_path)))
    for msgid, translated in translations(polib.pofile(str(po_path))).items():
        assert compiled.get(msgid) == translated, msgid
