"""The Quick Win milestones page through the HTTP client: Budi lists, adds, changes, removes and makes
milestones from the Quick Win's steps; bad input is a 400 with the message on its field and the typing
kept; a milestone an approved report marked done is neither removed nor moved; readers see the list
without a form and get 403 on every write; another region, 404; the API lists what the page lists."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import logged_in
from kotacerdas.monitoring.actions.reports import do_review_report, do_save_initiative_report
from kotacerdas.monitoring.actions.setup import do_add_milestone
from kotacerdas.monitoring.models import Milestone
from kotacerdas.planning.quickwins.actions import do_save_quick_win_profile

pytestmark = pytest.mark.django_db

LIST = reverse("monitoring:milestones", args=["33.73"])
MONITORING = reverse("monitoring:region", args=["33.73"])
API = "/api/v1/regions/33.73/monitoring/milestones"


def edit_url(row: Milestone) -> str:
    return reverse("monitoring:milestone", args=["33.73", row.pk])


def remove_url(row: Milestone) -> str:
    return reverse("monitoring:remove_milestone", args=["33.73", row.pk])


def seed_url(row: Milestone) -> str:
    return reverse("monitoring:seed_milestones", args=["33.73", row.quick_win_id])


def approve_marked(budi, sari, world) -> None:
    report = do_save_initiative_report(
        sari, world.period, world.telemed, implementation="running", milestones=[world.milestone], submit=True
    )
    do_review_report(budi, report, decision="approved")


def test_budi_adds_a_milestone_and_sees_it_in_the_list(as_budi, world) -> None:
    page = as_budi.get(LIST)
    assert page.status_code == 200
    assert "<h1>Tonggak Quick Win</h1>" in page.text and "Aplikasi telemedis rilis" in page.text
    assert f'<option value="{world.milestone.quick_win_id}">' in page.text
    sent = {"quick_win": str(world.milestone.quick_win_id), "title": "Pelatihan nakes", "year": "2028"}
    answer = as_budi.post(LIST, sent | {"version": "0"})
    assert answer.status_code == 302 and answer.url == LIST
    added = Milestone.objects.get(title="Pelatihan nakes")
    assert (added.quick_win_id, added.year) == (world.milestone.quick_win_id, 2028)
    listed = as_budi.get(LIST).text
    assert "Tonggak ditambahkan." in listed and f'data-testid="milestone-{added.pk}"' in listed


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": " "}, "title", "Bidang ini harus diisi."),
        ({"year": "dua ribu"}, "year", "Tulis tahun sebagai angka, misalnya 2027."),
        ({"year": "2031"}, "year", "Tahun tonggak 2031 berada di luar periode masterplan"),
        ({"quick_win": "999999"}, "quick_win", "Pilih salah satu Quick Win dalam daftar."),
    ],
)
def test_bad_input_is_a_400_on_its_field_with_the_typing_kept(
    as_budi, world, changes, field, message
) -> None:
    sent = {
        "quick_win": str(world.milestone.quick_win_id),
        "title": "Uji <coba>",
        "year": "2027",
        "version": "0",
    }
    answer = as_budi.post(LIST, sent | changes)
    assert answer.status_code == 400
    assert f'id="id_{field}_error">{message}' in answer.text
    if (sent | changes)["title"].strip():
        assert 'value="Uji &lt;coba&gt;"' in answer.text  # what Budi typed is still there
    assert Milestone.objects.count() == 1


def test_budi_changes_a_milestone_from_its_own_form_and_a_stale_form_is_refused(
    as_budi, as_ayu, world
) -> None:
    milestone = world.milestone
    form = as_budi.get(edit_url(milestone))
    assert form.status_code == 200 and "Ubah tonggak “Aplikasi telemedis rilis”" in form.text
    opened = str(milestone.version)
    assert (
        as_ayu.post(edit_url(milestone), {"title": "Rilis", "year": "2027", "version": opened}).status_code
        == 302
    )
    late = as_budi.post(edit_url(milestone), {"title": "Rilis aplikasi", "year": "2028", "version": opened})
    assert late.status_code == 400
    assert "Data ini sudah diubah oleh Ayu" in late.text and 'value="Rilis aplikasi"' in late.text
    removal = as_budi.post(remove_url(milestone), {"version": opened})
    assert removal.status_code == 400 and "Data ini sudah diubah oleh Ayu" in removal.text
    milestone.refresh_from_db()
    assert (milestone.title, milestone.year) == ("Rilis", 2027)
    fresh = as_budi.post(edit_url(milestone), {"title": "Rilis aplikasi", "year": "2028", "version": "2"})
    assert fresh.status_code == 302
    assert "Tonggak disimpan." in as_budi.get(LIST).text


def test_budi_removes_a_milestone(as_budi, world) -> None:
    milestone = world.milestone
    listed = as_budi.get(LIST).text
    assert f'action="{remove_url(milestone)}"' in listed
    assert as_budi.get(remove_url(milestone)).status_code == 405  # a GET is never a removal
    answer = as_budi.post(remove_url(milestone), {"version": str(milestone.version)})
    assert answer.status_code == 302 and answer.url == LIST
    assert not Milestone.objects.exists()
    assert "Tonggak dihapus." in as_budi.get(LIST).text


def test_a_milestone_done_in_an_approved_report_is_neither_removed_nor_moved(
    as_budi, budi, sari, world
) -> None:
    approve_marked(budi, sari, world)
    milestone = world.milestone
    listed = as_budi.get(LIST).text
    row = listed.split(f'data-testid="milestone-{milestone.pk}"', 1)[1].split("</tr>", 1)[0]
    assert 'data-done="yes"' in row and "selesai (laporan 2027 disetujui)" in row
    assert remove_url(milestone) not in row  # no button for a refused removal
    removal = as_budi.post(remove_url(milestone), {"version": str(milestone.version)})
    assert removal.status_code == 400
    assert "Tonggak tidak dapat dihapus: “Aplikasi telemedis rilis” sudah ditandai selesai" in removal.text
    moved = as_budi.post(edit_url(milestone), {"title": "Rilis", "year": "2028", "version": "1"})
    assert moved.status_code == 400 and "Tahunnya tidak dapat dipindahkan" in moved.text
    assert 'value="Rilis"' in moved.text
    milestone.refresh_from_db()
    assert (milestone.title, milestone.year) == ("Aplikasi telemedis rilis", 2027)


def test_milestones_are_made_from_the_quick_win_steps_with_a_count(as_budi, budi, world) -> None:
    seed = seed_url(world.milestone)
    assert seed not in as_budi.get(LIST).text  # no steps written: nothing to make them from
    do_save_quick_win_profile(
        budi, world.milestone.quick_win, steps="Aplikasi telemedis rilis\nPelatihan nakes\n"
    )
    page = as_budi.get(LIST).text
    assert seed in page and "Buat dari langkah Quick Win" in page and "Langkah: 2," in page
    assert as_budi.get(seed).status_code == 405
    answer = as_budi.post(seed, follow=True)
    assert "Tonggak yang ditambahkan dari langkah Quick Win: 1." in answer.text
    assert Milestone.objects.count() == 2
    again = as_budi.post(seed, follow=True)
    assert (
        "Tidak ada tonggak yang ditambahkan: setiap langkah Quick Win ini sudah menjadi tonggak."
        in again.text
    )


@pytest.mark.parametrize("who", ["sari", "rina", "tono"])
def test_readers_see_the_list_without_forms_and_get_403_on_writes(request, budi, world, who) -> None:
    do_save_quick_win_profile(budi, world.milestone.quick_win, steps="Pelatihan nakes")
    reader = logged_in(request.getfixturevalue(who))
    milestone = world.milestone
    page = reader.get(LIST)
    assert page.status_code == 200 and "Aplikasi telemedis rilis" in page.text
    assert "<form" not in page.text.split("<h1>", 1)[1].split("<footer", 1)[0]
    assert edit_url(milestone) not in page.text
    sent = {"quick_win": str(milestone.quick_win_id), "title": "Lain", "year": "2027", "version": "0"}
    assert reader.post(LIST, sent).status_code == 403
    assert reader.post(edit_url(milestone), sent | {"version": "1"}).status_code == 403
    assert reader.post(remove_url(milestone), {"version": "1"}).status_code == 403
    assert reader.post(seed_url(milestone)).status_code == 403
    assert list(Milestone.objects.values_list("title", "year", "version")) == [
        ("Aplikasi telemedis rilis", 2027, 1)
    ]


def test_another_region_is_a_404(dewi, world) -> None:
    as_dewi = logged_in(dewi)
    milestone = world.milestone
    for url in (LIST, edit_url(milestone)):
        assert as_dewi.get(url).status_code == 404
    for url in (LIST, edit_url(milestone), remove_url(milestone), seed_url(milestone)):
        assert as_dewi.post(url, {"title": "x", "year": "2027"}).status_code == 404
    assert Milestone.objects.get().title == "Aplikasi telemedis rilis"


def test_the_monitoring_page_links_the_milestones_page(as_budi, as_sari, world) -> None:
    budi_page = as_budi.get(MONITORING).text
    assert f'<a href="{LIST}">Tonggak Quick Win</a>' in budi_page  # navigation and the Quick Win area
    assert f'Tetapkan tonggak setiap Quick Win di halaman <a href="{LIST}">Tonggak Quick Win</a>' in budi_page
    sari_page = as_sari.get(MONITORING).text
    assert f'<a href="{LIST}">Lihat tonggak setiap Quick Win</a>' in sari_page
    assert "Tetapkan tonggak setiap Quick Win" not in sari_page


def test_the_api_lists_the_milestones_and_done_flags_the_page_lists(
    as_budi, budi, sari, world, dewi, region_b
) -> None:
    do_add_milestone(budi, world.milestone.quick_win, title="Pelatihan nakes", year=2028)
    approve_marked(budi, sari, world)
    api = APIClient()
    api.force_authenticate(sari)  # a reader of the region, as on the page
    answer = api.get(API)
    assert answer.status_code == 200
    groups = answer.json()
    page = as_budi.get(LIST).text
    on_page = [
        (int(pk), done == "yes")
        for pk, done in re.findall(r'data-testid="milestone-(\d+)" data-done="(\w+)"', page)
    ]
    listed = [(m["id"], m["done"]) for g in groups for m in g["milestones"]]
    assert (
        listed
        == on_page
        == [(world.milestone.pk, True), (Milestone.objects.get(title="Pelatihan nakes").pk, False)]
    )
    first = groups[0]
    assert (first["quick_win"], first["initiative"], first["year"]) == (
        world.milestone.quick_win_id,
        "KS-01",
        2027,
    )
    assert first["milestones"][0]["done_in"]["year"] == 2027 and first["milestones"][1]["done_in"] is None
    assert APIClient().get(API).status_code in (401, 403)
    other = APIClient()
    other.force_authenticate(dewi)
    assert other.get(API).status_code == 404
