"""Bahasa Indonesia is complete and compiled for every catalogue of the project."""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
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


# "daerah" stays in the role and in fixed names (docs/explanation/glossary.md, UI wording); anywhere
# else it means region, which the Indonesian UI calls "wilayah".
DAERAH_IN_NAMES = re.compile(
    r"(koordinator|kepala|perangkat|pemerintah|aparatur|sekretaris|pembangunan|belanja|jangka menengah)"
    r" daerah",
    re.IGNORECASE,
)


def test_region_is_wilayah_and_daerah_stays_only_in_fixed_names() -> None:
    """The monitoring pages said "8 daerah program" next to "Kode wilayah" on the region pages."""
    found = [
        (str(po_path.relative_to(ROOT)), e.msgid)
        for po_path in CATALOGUES
        for e in polib.pofile(str(po_path))
        if not e.obsolete
        and any(re.search(r"daerah", DAERAH_IN_NAMES.sub("", text), re.IGNORECASE) for text in translation(e))
    ]
    assert found == []
    assert (
        DAERAH_IN_NAMES.sub("", "Hanya koordinator daerah; visi kepala daerah; APBD") == "Hanya ; visi ; APBD"
    )


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
            expected = (forms,) if isinstance(forms, str) else tuple(forms)  # Indonesian: one form
            assert translation(entries[(None, msgid)]) == expected, msgid
    # every key reaches an entry: a plain key never fills an entry that has a context
    assert [key for key in singles if key not in entries] == []


EVERY_CATALOGUE = sorted(ROOT.rglob("locale/*/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("po_path", EVERY_CATALOGUE, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_plural_message_has_as_many_forms_as_its_catalogue_says(po_path: Path) -> None:
    """Indonesian has one plural form (nplurals=1): a second msgstr[1] is never read, and msgfmt
    warns '...but some messages have 2 plural forms' (it did for every Indonesian catalogue)."""
    po = polib.pofile(str(po_path))
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))  # type: ignore[union-attr]
    assert nplurals == (1 if "/id/" in str(po_path) else 2)
    wrong = [e.msgid for e in po if e.msgid_plural and sorted(e.msgstr_plural) != list(range(nplurals))]
    assert wrong == []
    defaults = [k for k, v in po.metadata.items() if v in ("", "PACKAGE VERSION", "YEAR-MO-DA HO:MI+ZONE")]
    assert [k for k in defaults if k != "Report-Msgid-Bugs-To"] == []
    assert po.metadata["Language"] == po_path.parts[-3]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("po_path", EVERY_CATALOGUE, ids=lambda p: str(p.relative_to(ROOT)))
def test_msgfmt_checks_every_catalogue_without_a_warning(po_path: Path) -> None:
    checked = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po_path)], capture_output=True, text=True, check=False
    )
    assert (checked.returncode, checked.stderr) == (0, "")


def test_djangos_unique_clash_says_already_exists_in_indonesian() -> None:
    """Django's own Indonesian says "tidak ada" (does not exist); the project's catalogue corrects it."""
    from django.utils import translation

    from kotacerdas.web.django_messages import UNIQUE_CLASH

    with translation.override("id"):
        text = translation.gettext(UNIQUE_CLASH) % {"model_name": "Masalah", "field_labels": "Kode"}
    assert text == "Masalah dengan Kode ini sudah ada."
