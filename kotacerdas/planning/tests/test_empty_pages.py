"""A region that starts from nothing: each masterplan page says what it is for and what to do first,
with a link where that step is done, instead of a bare "No X yet."."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def page_of(client, name: str, region) -> str:  # type: ignore[no-untyped-def]
    return client.get(reverse(f"planning:{name}", args=[region.code])).content.decode()


def test_the_analysis_pages_say_what_they_are_for(as_budi, region_a, masterplan_a) -> None:
    problems = reverse("planning:problems", args=[region_a.code])
    swot = reverse("planning:swot", args=[region_a.code])
    expected = {
        "indicators": "Belum ada indikator: indikator utama (tingkat kemiskinan, IPM",
        "problems": "Belum ada masalah yang dicatat: inventarisasi masalah mendaftar",
        "swot": f'berdasarkan <a href="{problems}">inventarisasi masalah</a> dan asesmen kesiapan',
        "strategy": f'diturunkan dari <a href="{problems}">masalah</a> dan <a href="{swot}">SWOT</a>',
        "programmes": "Belum ada program yang dipetakan: pemetaan program RPJMD dan Renstra",
    }
    for name, text in expected.items():
        page = page_of(as_budi, name, region_a)
        assert text in page, name
        if name != "programmes":
            assert "Tambahkan yang pertama di bawah." in page, name


def test_mapping_a_programme_without_goals_sends_to_the_goals(as_budi, region_a, masterplan_a) -> None:
    page = page_of(as_budi, "programmes", region_a)
    strategy = reverse("planning:strategy", args=[region_a.code])
    assert f'belum ada tujuan: <a href="{strategy}">tambahkan tujuannya</a> terlebih dahulu.' in page


def test_the_initiatives_and_quick_wins_pages_say_what_they_are_for(as_budi, region_a, masterplan_a) -> None:
    assert "Belum ada inisiatif: inisiatif adalah proyek masterplan" in page_of(
        as_budi, "initiatives", region_a
    )
    page = page_of(as_budi, "quickwins", region_a)
    initiatives = reverse("planning:initiatives", args=[region_a.code])
    assert "Belum ada yang dipilih: Quick Win adalah inisiatif yang cepat menunjukkan hasil" in page
    assert f'belum ada inisiatif. <a href="{initiatives}">Isi inisiatif</a> terlebih dahulu.' in page
