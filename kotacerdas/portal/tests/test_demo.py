"""The demo gives Kota Salatiga two socialisation events and a published portal, once."""

import pytest
from django.test import Client
from django.urls import reverse

from kotacerdas.portal.demo import load_demo
from kotacerdas.portal.models import Event, RegionPortal, Snapshot

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_salatiga_with_two_events(ayu, budi, region_a) -> None:
    load_demo(ayu)
    load_demo(ayu)  # idempotent
    assert Event.objects.filter(region=region_a).count() == 2
    assert Snapshot.objects.filter(region=region_a).count() == 1
    assert RegionPortal.objects.get(region=region_a).is_public
    page = Client().get(reverse("portal:region", kwargs={"code": "33.73"}))
    assert page.status_code == 200
    assert "Dialog Smart City bersama UMKM dan komunitas (contoh)" in page.text
    photo = Event.objects.get(title__startswith="Dialog").files.get(kind="photo")
    image = Client().get(reverse("portal:public_file", kwargs={"code": "33.73", "file_id": photo.pk}))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
