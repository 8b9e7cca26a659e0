"""The portal's actions refuse with a specific message and change nothing; out-of-region reads are 404."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.portal import access
from kotacerdas.portal.actions import (
    do_add_event_file,
    do_delete_event_file,
    do_publish_portal,
    do_save_event,
    do_unpublish_portal,
)
from kotacerdas.portal.models import Event, EventFile, RegionPortal, Snapshot

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EVENT = {
    "title": "Sosialisasi masterplan",
    "place": "Aula Setda",
    "held_on": date(2026, 5, 4),
    "head_count": 40,
}
WHOLE = "Isi jumlah orang berupa bilangan bulat dari 0 sampai 1.000.000."


def test_only_the_coordinator_publishes_at_least_one_known_part(budi, sari, region_a) -> None:
    with pytest.raises(
        ActionNotAllowed, match="Hanya koordinator daerah yang dapat mengubah portal publiknya"
    ):
        do_publish_portal(sari, region_a, parts=["vision"])
    for parts in ([], ["vision", "gosip"]):
        with pytest.raises(ValidationError) as error:
            do_publish_portal(budi, region_a, parts=parts)
        assert error.value.message_dict == {
            "parts": ["Pilih sekurang-kurangnya satu bagian untuk diterbitkan."]
        }
    assert not Snapshot.objects.exists()
    with pytest.raises(ValidationError) as error:
        do_unpublish_portal(budi, region_a)
    assert error.value.messages == ["Portal wilayah ini belum diterbitkan."]
    assert not RegionPortal.objects.exists()


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"title": " "}, {"title": ["Isi judul acara."]}),
        ({"place": ""}, {"place": ["Isi tempat acara berlangsung."]}),
        ({"held_on": "2026-05-04"}, {"held_on": ["Isi tanggal acara."]}),
        ({"from_media": -1}, {"from_media": [WHOLE]}),
        ({"head_count": "40"}, {"head_count": [WHOLE]}),
        (
            {"from_government": 30, "from_community": 20},
            {"head_count": ["Jumlah peserta lebih kecil daripada jumlah kelompok pemangku kepentingan."]},
        ),
    ],
)
def test_an_event_needs_a_title_place_date_and_counts_that_add_up(budi, region_a, change, errors) -> None:
    with pytest.raises(ValidationError) as error:
        do_save_event(budi, region_a, **(EVENT | change))
    assert error.value.message_dict == errors
    assert not Event.objects.exists()


def test_an_event_file_is_a_material_or_photo_that_was_uploaded(budi, region_a) -> None:
    event = do_save_event(budi, region_a, **EVENT)
    with pytest.raises(ValidationError) as error:
        do_add_event_file(budi, event, upload=None, kind="video")
    assert error.value.message_dict == {"kind": ["Pilih bahan atau foto."]}
    with pytest.raises(ValidationError) as error:
        do_add_event_file(budi, event, upload=None, kind=EventFile.Kind.PHOTO)
    assert error.value.message_dict == {"upload": ["Pilih berkas untuk diunggah."]}
    assert not EventFile.objects.exists()


def test_events_and_files_of_another_region_or_out_of_range_ids_are_404(budi, region_a, region_b) -> None:
    event = do_save_event(budi, region_a, **EVENT)
    assert access.get_event(region_a, event.pk) == event
    for region, pk in ((region_b, event.pk), (region_a, 0), (region_a, 2**63)):
        with pytest.raises(Http404):
            access.get_event(region, pk)
    with pytest.raises(Http404):
        access.get_event_file(region_a, 1)
    with pytest.raises(Http404):
        access.get_public_snapshot(region_a.code)  # never published


def test_a_public_file_must_be_listed_in_the_snapshot_and_still_exist(
    budi, region_a, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    event = do_save_event(budi, region_a, **EVENT)
    scan = SimpleUploadedFile("bahan.pdf", PDF, content_type="application/pdf")
    item = do_add_event_file(budi, event, upload=scan, kind=EventFile.Kind.MATERIAL, is_public=True)
    snapshot = do_publish_portal(budi, region_a, parts=["events"])
    assert access.get_public_snapshot(region_a.code) == snapshot
    assert access.get_public_event_file(snapshot, item.pk) == item
    with pytest.raises(Http404):
        access.get_public_event_file(snapshot, item.pk + 1)  # not listed
    item_id = item.pk
    do_delete_event_file(budi, item)
    with pytest.raises(Http404):
        access.get_public_event_file(snapshot, item_id)  # listed when frozen, since removed
