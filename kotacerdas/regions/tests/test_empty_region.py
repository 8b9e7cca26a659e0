"""A region that starts from nothing: each card of its page says what the part is for and links to
the first step, instead of a bare "No X yet."."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def region_page(client, region) -> str:  # type: ignore[no-untyped-def]
    return client.get(reverse("regions:workspace", args=[region.code])).content.decode()


def test_the_assessment_card_says_what_an_assessment_is_for_and_links_to_starting_one(
    as_budi, region_a
) -> None:
    page = region_page(as_budi, region_a)
    start = reverse("assessment:list", args=[region_a.code])
    assert "Belum ada asesmen: asesmen mengukur kesiapan smart city wilayah" in page
    assert f'<a href="{start}">Mulai asesmen pertama</a>' in page


def test_the_masterplan_card_says_what_the_masterplan_is_and_links_to_its_profile(as_budi, region_a) -> None:
    page = region_page(as_budi, region_a)
    profile = reverse("planning:profile", args=[region_a.code])
    assert "Masterplan belum dimulai: masterplan memuat masalah, strategi, inisiatif" in page
    assert f'<a href="{profile}">profil wilayah dan periode masterplan</a>' in page


def test_the_books_card_says_where_the_books_come_from_and_links_to_the_masterplan(as_budi, region_a) -> None:
    page = region_page(as_budi, region_a)
    masterplan = reverse("planning:overview", args=[region_a.code])
    assert "Belum ada buku yang dibuat: buku (analisis strategis, masterplan" in page
    assert f'disusun dari catatan <a href="{masterplan}">masterplan</a>' in page


def test_the_empty_assessments_and_opds_pages_say_what_they_are_for(as_budi, as_ayu, region_a) -> None:
    page = as_budi.get(reverse("assessment:list", args=[region_a.code])).content.decode()
    assert "Belum ada asesmen: asesmen mengukur kesiapan smart city wilayah dengan sebuah instrumen" in page
    assert "Mulai yang pertama di bawah." in page
    page = as_ayu.get(reverse("regions:opds", args=[region_a.code])).content.decode()
    assert "Belum ada OPD yang dicatat: OPD adalah perangkat daerah wilayah" in page
    assert "Tambahkan yang pertama di bawah." in page
