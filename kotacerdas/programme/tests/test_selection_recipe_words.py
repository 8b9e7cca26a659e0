"""The selection's recipe reads in Indonesian on the print page, the ranking page and the workbook."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

TIES_RULE = (
    "Peringkat bersama (1, 1, 3): skor yang sama mendapat peringkat yang sama; nilai seri di batas "
    "kelulusan diputuskan lewat pengecualian."
)
SCORE_SOURCE = (
    "Hasil terverifikasi dari asesmen yang ditautkan ke pencalonan; bila tidak ada, skor terverifikasi "
    "yang dicatat untuk pencalonan."
)


def test_the_print_page_states_the_ties_rule_in_indonesian(as_ayu, cohort, selected) -> None:
    body = as_ayu.get(reverse("programme:selection_print", args=[cohort.pk])).content.decode()
    assert f"Aturan nilai seri: {TIES_RULE}" in body
    assert "competition ranking" not in body and "left to an override" not in body


def test_the_ranking_page_states_its_recipe_in_indonesian(as_ayu, cohort, candidates) -> None:
    body = as_ayu.get(reverse("programme:selection", args=[cohort.pk])).content.decode()
    assert TIES_RULE in body and SCORE_SOURCE in body
    assert "assessment.Result" not in body and "InterimScore" not in body


def test_the_recipe_sheet_labels_every_line_in_indonesian(as_ayu, cohort, selected) -> None:
    response = as_ayu.get(reverse("programme:selection_xlsx", args=[cohort.pk]))
    sheet = load_workbook(BytesIO(response.content))["Resep"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Butir", "Nilai")
    recipe = dict(rows[1:])
    assert list(recipe) == [
        "Instrumen",
        "Kode instrumen",
        "Kuota",
        "Aturan nilai seri",
        "Margin batas",
        "Sumber skor",
        "Hash masukan (SHA-256)",
    ]
    assert recipe["Kode instrumen"] == "readiness-2019"  # the identifier is kept, under a label
    assert recipe["Kuota"] == 2
    assert recipe["Aturan nilai seri"] == TIES_RULE
    assert recipe["Sumber skor"] == SCORE_SOURCE
    assert len(recipe["Hash masukan (SHA-256)"]) == 64
