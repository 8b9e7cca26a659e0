"""Indonesian of the evaluation app's newer messages, merged into
kotacerdas/evaluation/locale/id/LC_MESSAGES/django.po by scripts/fill_translations.py (the older ones were
written in the .po directly)."""
# ruff: noqa: E501  (one translation per line, as in the .po file)

T = {
    "The SPBE alignment shows which of the 47 indicators of the SPBE 2020 evaluation (PermenPANRB 59/2020) the masterplan's initiatives support; the ratified masterplan then serves as evidence in the region's SPBE self-assessment.": "Keselarasan SPBE menunjukkan indikator mana dari 47 indikator evaluasi SPBE 2020 (PermenPANRB 59/2020) yang didukung inisiatif masterplan; masterplan yang disahkan kemudian menjadi bukti dalam swanilai SPBE wilayah.",
    'No initiatives yet: each initiative of the masterplan is mapped here to the SPBE indicators it supports. <a href="%(initiatives_url)s">Add the initiatives</a> first.': 'Belum ada inisiatif: setiap inisiatif masterplan dipetakan di sini ke indikator SPBE yang didukungnya. <a href="%(initiatives_url)s">Isi inisiatif</a> terlebih dahulu.',
    'This region has no masterplan yet: the SPBE indicators are mapped to its initiatives. It begins with <a href="%(profile_url)s">the region\'s profile and the masterplan period</a>.': 'Wilayah ini belum memiliki masterplan: indikator SPBE dipetakan ke inisiatifnya. Masterplan dimulai dengan <a href="%(profile_url)s">profil wilayah dan periode masterplan</a>.',
}
