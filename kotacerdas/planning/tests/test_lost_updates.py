"""Problems, SWOT items and Quick Win profiles: a save from an older form is refused, nothing is lost."""

import re

import pytest
from django.urls import reverse

from kotacerdas.planning.analysis.actions import do_save_problem, do_save_swot_item
from kotacerdas.planning.models import Problem, QuickWin, SwotItem
from kotacerdas.planning.quickwins.actions import do_select_quick_win

pytestmark = pytest.mark.django_db


def hidden_version(response) -> str:
    match = re.search(r'name="version" value="(\d+)"', response.content.decode())
    assert match, "the edit form carries the version it started from"
    return match.group(1)


def refused_for_budis_change(page) -> bool:
    return page.status_code == 400 and "Data ini sudah diubah oleh Budi" in page.content.decode()


def test_a_problem_edited_from_an_older_form(
    as_budi, as_ayu, budi, region_a, masterplan_a, kominfo_a
) -> None:
    problem = do_save_problem(
        budi,
        region_a,
        code="M-01",
        title="Layanan lambat",
        dimension="governance",
        element="governance.service",
    )
    url = reverse("planning:problem", args=[region_a.code, problem.pk])
    base = {"code": "M-01", "element": "governance.service", "origin": problem.origin}
    budis, ayus = hidden_version(as_budi.get(url)), hidden_version(as_ayu.get(url))
    budi_saves = as_budi.post(
        url, {**base, "title": "Layanan lambat", "evidence": "survei 2025", "version": budis}
    )
    assert budi_saves.status_code == 302
    ayu_saves = as_ayu.post(url, {**base, "title": "Layanan sangat lambat", "version": ayus})
    assert refused_for_budis_change(ayu_saves)
    assert "(data pendukung / bukti)" in ayu_saves.content.decode()
    stored = Problem.objects.get(pk=problem.pk)
    assert (stored.title, stored.evidence) == ("Layanan lambat", "survei 2025")


def test_a_swot_item_edited_from_an_older_form(as_budi, as_ayu, budi, region_a, masterplan_a) -> None:
    item = do_save_swot_item(budi, region_a, scope="governance", kind="S", text="SDM TI kuat")
    url = reverse("planning:swot_item", args=[region_a.code, item.pk])
    budis, ayus = hidden_version(as_budi.get(url)), hidden_version(as_ayu.get(url))
    same = {"scope": "governance", "kind": "S"}
    assert as_budi.post(url, {**same, "text": "SDM TI kuat (12 orang)", "version": budis}).status_code == 302
    assert refused_for_budis_change(as_ayu.post(url, {**same, "text": "SDM TI", "version": ayus}))
    assert SwotItem.objects.get(pk=item.pk).text == "SDM TI kuat (12 orang)"


def test_a_quick_win_profile_saved_from_an_older_form(
    as_budi, as_ayu, budi, region_a, plan_a, kominfo_a
) -> None:
    quick_win = do_select_quick_win(budi, plan_a["portal"], year=2026)
    url = quick_win.get_absolute_url()
    budis, ayus = hidden_version(as_budi.get(url)), hidden_version(as_ayu.get(url))
    same = {"brand": "Salatiga Lapor", "owner": kominfo_a.pk, "year": 2026}
    saved = as_budi.post(url, {**same, "steps": "Q1: SK ditandatangani", "version": budis})
    assert saved.status_code == 302
    assert refused_for_budis_change(as_ayu.post(url, {**same, "targets": "1.000 laporan", "version": ayus}))
    stored = QuickWin.objects.get(pk=quick_win.pk)
    assert (stored.steps, stored.targets) == ("Q1: SK ditandatangani", "")
