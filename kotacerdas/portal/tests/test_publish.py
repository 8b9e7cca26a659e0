"""Publishing freezes a snapshot: approved values only, the chosen parts, immutable, the newest shown."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from conftest import logged_in
from kotacerdas.audit.models import AuditEntry
from kotacerdas.portal.actions import do_publish_portal
from kotacerdas.portal.models import ImmutableError, RegionPortal, Snapshot
from kotacerdas.portal.snapshot import content_hash
from kotacerdas.portal.tests.builders import approved_plan, event, material, photo


@pytest.fixture
def plan(budi, sari, region_a, dinkes_a):
    return approved_plan(budi, sari, region_a, dinkes_a)


@pytest.mark.django_db
def test_budi_publishes_the_parts_he_chooses(plan, budi, region_a) -> None:
    response = logged_in(budi).post(
        reverse("portal:manage", kwargs={"code": region_a.code}), {"parts": ["vision", "kpis", "budget"]}
    )
    assert response.status_code == 302
    snap = RegionPortal.objects.get(region=region_a).current
    assert snap.parts == ["vision", "kpis", "budget"] and snap.published_by == budi
    assert snap.content_hash == content_hash(snap.content)
    assert "dimensions" not in snap.content and "events" not in snap.content
    poverty = next(k for k in snap.content["kpis"] if k["name"] == "Kemiskinan")
    assert poverty["targets"] == {"2027": "7"} and poverty["actuals"] == {"2027": "11.25"}
    # budget: the plan of record's pagu against approved realisation
    assert {"year": 2027, "source": "APBD", "pagu": "500000000", "realised": "50000000"} in snap.content[
        "budget"
    ]
    entry = AuditEntry.objects.get(action="portal.publish")
    assert entry.actor_id == budi.pk and entry.after["content_hash"] == snap.content_hash
    page = Client().get(reverse("portal:region", kwargs={"code": region_a.code})).content.decode()
    assert "Kemiskinan" in page and 'class="kpi-chart"' in page and "Rp50.000.000" in page


@pytest.mark.django_db
def test_only_approved_progress_counts_and_no_staff_names(plan, budi, sari, region_a) -> None:
    snap = do_publish_portal(budi, region_a, parts=["initiatives", "milestones"])
    lines = {i["code"]: i for d in snap.content["dimensions"] for i in d["initiatives"]}
    assert lines["PL-01"]["progress"] == "40" and lines["KS-01"]["progress"] == "0"
    assert snap.content["milestones"][0]["done"] is False
    text = str(snap.content)
    assert "budi" not in text.lower() and "sari" not in text.lower()


@pytest.mark.django_db
def test_a_snapshot_never_changes_and_publishing_again_makes_a_new_one(plan, budi, region_a) -> None:
    first = do_publish_portal(budi, region_a, parts=["vision", "events"])  # the plan's vision, no event yet
    event(budi, region_a)
    with pytest.raises(ImmutableError):
        first.save()
    with pytest.raises(ImmutableError):
        first.delete()
    second = do_publish_portal(budi, region_a, parts=["events"])
    assert first.content["events"] == [] and len(second.content["events"]) == 1
    assert RegionPortal.objects.get(region=region_a).current == second
    assert Snapshot.objects.filter(region=region_a).count() == 2


@pytest.mark.django_db
def test_only_files_marked_public_are_published(budi, region_a) -> None:
    item = event(budi, region_a)
    shown, hidden = photo(budi, item, public=True), material(budi, item, public=False)
    snap = do_publish_portal(budi, region_a, parts=["events"])
    client = Client()
    url = "portal:public_file"
    assert client.get(reverse(url, kwargs={"code": region_a.code, "file_id": shown.pk})).status_code == 200
    assert client.get(reverse(url, kwargs={"code": region_a.code, "file_id": hidden.pk})).status_code == 404
    assert [f["id"] for f in snap.content["events"][0]["photos"]] == [shown.pk]
    assert snap.content["events"][0]["materials"] == []


@pytest.mark.django_db
def test_publishing_nothing_is_refused_with_a_message(budi, region_a) -> None:
    response = logged_in(budi).post(reverse("portal:manage", kwargs={"code": region_a.code}), {"parts": []})
    assert response.status_code == 400
    assert "Bidang ini harus diisi." in response.content.decode()
    assert not Snapshot.objects.exists()


@pytest.mark.django_db
def test_sari_may_look_but_not_publish_or_unpublish(budi, sari, region_a) -> None:
    event(budi, region_a)
    do_publish_portal(budi, region_a, parts=["events"])
    client = logged_in(sari)
    url = reverse("portal:manage", kwargs={"code": region_a.code})
    assert client.get(url).status_code == 200
    assert client.post(url, {"parts": ["vision"]}).status_code == 403
    assert client.post(reverse("portal:unpublish", kwargs={"code": region_a.code})).status_code == 403
    assert Snapshot.objects.count() == 1 and RegionPortal.objects.get().is_public


@pytest.mark.django_db
def test_unpublishing_hides_the_region_and_publishing_again_shows_it(budi, region_a) -> None:
    event(budi, region_a)
    do_publish_portal(budi, region_a, parts=["events"])
    client, page = logged_in(budi), reverse("portal:region", kwargs={"code": region_a.code})
    response = client.post(reverse("portal:unpublish", kwargs={"code": region_a.code}), follow=True)
    assert "Portal tidak lagi publik." in response.content.decode()
    assert Client().get(page).status_code == 404
    again = client.post(reverse("portal:unpublish", kwargs={"code": region_a.code}), follow=True)
    assert "Portal wilayah ini belum diterbitkan." in again.content.decode()
    do_publish_portal(budi, region_a, parts=["events"])
    assert Client().get(page).status_code == 200


@pytest.mark.django_db
def test_the_region_page_card_says_whether_the_portal_is_public(budi, region_a) -> None:
    event(budi, region_a)
    page = logged_in(budi).get(reverse("regions:workspace", kwargs={"code": region_a.code})).content.decode()
    assert 'id="section-portal"' in page and "<dd>tidak</dd>" in page and "<dd>1</dd>" in page
    do_publish_portal(budi, region_a, parts=["events"])
    page = logged_in(budi).get(reverse("regions:workspace", kwargs={"code": region_a.code})).content.decode()
    assert "ya, sejak" in page and reverse("portal:region", kwargs={"code": region_a.code}) in page


@pytest.mark.django_db
def test_the_portal_and_the_monitoring_page_name_the_funding_sources(plan, budi, region_a) -> None:
    do_publish_portal(budi, region_a, parts=["budget"])
    portal = Client().get(reverse("portal:region", kwargs={"code": region_a.code})).content.decode()
    monitoring = logged_in(budi).get(reverse("monitoring:region", args=[region_a.code])).content.decode()
    for page in (portal, monitoring):
        assert "<td>APBN/DAK</td>" in page and "<td>APBD</td>" in page
        assert ">APBN_DAK<" not in page


@pytest.mark.django_db
def test_the_list_of_snapshots_names_their_parts_in_the_readers_language(plan, budi, region_a) -> None:
    do_publish_portal(budi, region_a, parts=["vision", "kpis", "budget"])
    client = logged_in(budi)
    manage = reverse("portal:manage", kwargs={"code": region_a.code})
    assert "<td>Visi, IKU, Anggaran</td>" in client.get(manage).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "<td>Vision, KPIs, Budget</td>" in client.get(manage).content.decode()


@pytest.mark.django_db
def test_the_national_portal_dates_each_publication_as_the_pages_do(plan, budi, region_a) -> None:
    snap = do_publish_portal(budi, region_a, parts=["vision"])
    published = Snapshot.objects.filter(pk=snap.pk)
    published.update(published_at=datetime.datetime(2027, 3, 2, 9, tzinfo=datetime.UTC))
    client = Client()
    assert "<td>2 Mar 2027</td>" in client.get(reverse("portal:national")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "<td>2 Mar 2027</td>" in client.get(reverse("portal:national")).content.decode()
    published.update(published_at=datetime.datetime(2027, 8, 2, 9, tzinfo=datetime.UTC))
    assert "<td>2 Aug 2027</td>" in client.get(reverse("portal:national")).content.decode()
    client.post(reverse("set_language"), {"language": "id", "next": "/"})
    assert "<td>2 Agu 2027</td>" in client.get(reverse("portal:national")).content.decode()


@pytest.mark.django_db
def test_a_region_with_nothing_to_show_is_told_what_to_fill_in_not_published(budi, region_a) -> None:
    """A region that starts from nothing: publishing would put a page of empty sections before citizens
    (and count as a published portal nationally). The page says what the portal shows and where to
    start; the button is refused in Indonesian and nothing is published."""
    url = reverse("portal:manage", kwargs={"code": region_a.code})
    client = logged_in(budi)
    page = client.get(url).content.decode()
    masterplan = reverse("planning:overview", args=[region_a.code])
    events = reverse("portal:events", args=[region_a.code])
    assert (
        f'Isi <a href="{masterplan}">masterplan</a> atau catat <a href="{events}">acara sosialisasi</a>'
        in page
    )
    response = client.post(url, {"parts": ["vision", "initiatives", "kpis", "events"]})
    assert response.status_code == 400
    assert "Semua bagian yang dipilih masih kosong" in response.content.decode()
    assert not Snapshot.objects.exists() and not RegionPortal.objects.filter(is_public=True).exists()
    assert Client().get(reverse("portal:region", kwargs={"code": region_a.code})).status_code == 404
