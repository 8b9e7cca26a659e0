"""Bahasa Indonesia is complete and compiled for every catalogue of the project."""

from __future__ import annotations

import runpy
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


def translation(entry: polib.POEntry) -> tuple[str, ...]:
    return (
        (entry.msgstr,)
        if not entry.msgid_plural
        else tuple(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural))
    )


def test_one_message_has_one_translation_across_catalogues() -> None:
    """Django merges the catalogues in INSTALLED_APPS order: a message translated two ways
    shows whichever app comes first ("Region" was Wilayah on one page, Daerah on the next).
    A word with two meanings gets a context (pgettext, {% translate ... context %}) instead."""
    seen: dict[tuple[str | None, str, str], dict[tuple[str, ...], list[str]]] = {}
    for po_path in CATALOGUES:
        for e in polib.pofile(str(po_path)):
            if not e.obsolete:
                key = (e.msgctxt, e.msgid, e.msgid_plural)
                seen.setdefault(key, {}).setdefault(translation(e), []).append(str(po_path.relative_to(ROOT)))
    differing = {key: found for key, found in seen.items() if len(found) > 1}
    assert differing == {}


TRANSLATION_DICTS = sorted(ROOT.rglob("locale/translations_id.py"))


@pytest.mark.parametrize("source", TRANSLATION_DICTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_translation_dict_matches_its_catalogue(source: Path) -> None:
    """scripts/fill_translations.py refills the catalogue from this dict: a wording changed
    only in the .po comes back at the next fill."""
    namespace = runpy.run_path(str(source))
    po = polib.pofile(str(source.parent / "id/LC_MESSAGES/django.po"))
    entries = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
    singles = {key if isinstance(key, tuple) else (None, key): text for key, text in namespace["T"].items()}
    for key, text in singles.items():
        if key in entries:
            assert entries[key].msgstr == text, key
    for msgid, forms in namespace.get("PLURALS", {}).items():
        if (None, msgid) in entries:
            assert translation(entries[(None, msgid)]) == tuple(forms), msgid
    # every key reaches an entry: a plain key never fills an entry that has a context
    assert [key for key in singles if key not in entries] == []


def test_djangos_unique_clash_says_already_exists_in_indonesian() -> None:
    """Django's own Indonesian says "tidak ada" (does not exist); the project's catalogue corrects it."""
    from django.utils import translation

    from kotacerdas.web.django_messages import UNIQUE_CLASH

    with translation.override("id"):
        text = translation.gettext(UNIQUE_CLASH) % {"model_name": "Masalah", "field_labels": "Kode"}
    assert text == "Masalah dengan Kode ini sudah ada."
