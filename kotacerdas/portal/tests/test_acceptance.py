"""Issue 16, acceptance 1 and 2: nothing unpublished leaks; unpublished regions are 404; the catalogue links.

One test walks every public page, public API response and dataset (in every format) after a sentinel
was placed in a draft KPI actual, an unapproved initiative progress, an unpublished region's vision
(and an event of it), and — after publishing — in the published region's live vision.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from kotacerdas.monitoring.actions.reports import do_save_initiative_report, do_save_kpi_report
from kotacerdas.planning.analysis.actions import do_save_profile
from kotacerdas.portal.actions import do_publish_portal, do_unpublish_portal
from kotacerdas.portal.opendata import TABLES
from kotacerdas.portal.opendata_files import WRITERS
from kotacerdas.portal.snapshot import PART_KEYS
from kotacerdas.portal.tests.builders import approved_plan, event, material, photo
from kotacerdas.web.access_classes import PUBLIC
from tests.urlmap import names_in

SENTINEL = "SENTINEL-BOCOR-7f3a"
# the draft KPI actual and the unapproved progress, as any page or file could print them
SENTINEL_NUMBERS = ["97531", "97.531", "64,37", "64.37"]


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"PK"):  # an XLSX: the text of every part
        book = zipfile.ZipFile(io.BytesIO(body))
        return "".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())
    return body.decode("utf-8", "replace")


def _public_urls(codes: list[str], file_ids: list[int]) -> list[str]:
    urls = [
        reverse("portal:national"),
        reverse("portal:data_index"),
        reverse("portal:catalogue"),
        reverse("regions:catalogue"),
        reverse("home"),
        reverse("api:portal:portals", kwargs={"version": "v1"}),
    ]
    for code in codes:
        urls += [
            reverse("portal:region", kwargs={"code": code}),
            reverse("documents:public", kwargs={"code": code}),
            reverse("api:portal:portal", kwargs={"version": "v1", "code": code}),
        ]
        urls += [reverse("portal:public_file", kwargs={"code": code, "file_id": pk}) for pk in file_ids]
    for table in TABLES:
        urls.append(reverse("portal:datapackage", kwargs={"table": table.name}))
        urls += [reverse("portal:dataset", kwargs={"table": table.name, "fmt": fmt}) for fmt in WRITERS]
    return urls


def test_the_walk_covers_every_public_url_of_the_portal() -> None:
    walked = {
        "portal:national",
        "portal:region",
        "portal:public_file",
        "portal:data_index",
        "portal:catalogue",
    }
    walked |= {"portal:dataset", "portal:datapackage", "api:portal:portals", "api:portal:portal"}
    ours = {name for name in names_in(PUBLIC) if name.startswith(("portal:", "api:portal:"))}
    assert ours == walked


@pytest.mark.django_db
def test_a_sentinel_in_unpublished_data_never_appears_publicly(
    budi, sari, dewi, region_a, region_b, dinkes_a
):
    plan = approved_plan(budi, sari, region_a, dinkes_a)
    telemed, _portal, visits, _coverage, _poverty, _milestone = plan.items
    # a draft KPI actual and an unapproved (submitted) initiative progress, each with the sentinel
    do_save_kpi_report(sari, plan.period, visits, value="97531.0864", narrative=SENTINEL)
    do_save_initiative_report(
        sari,
        plan.period,
        telemed,
        implementation="running",
        progress="64.37",
        narrative=SENTINEL,
        submit=True,
    )
    shown = event(budi, region_a)
    public_photo = photo(budi, shown, public=True)
    hidden = material(budi, shown, public=False, label=SENTINEL)
    do_publish_portal(budi, region_a, parts=PART_KEYS)
    # after publishing: the live vision changes (a draft); the snapshot must not follow it
    do_save_profile(budi, region_a, vision=SENTINEL)
    # Sleman never publishes: its vision and its event stay private
    do_save_profile(dewi, region_b, period_start=2026, period_end=2030, vision=SENTINEL)
    event(dewi, region_b, title=SENTINEL)

    client = Client()
    urls = _public_urls([region_a.code, region_b.code], [public_photo.pk, hidden.pk])
    opened = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        opened += response.status_code == 200
        text = _text(response)
        assert SENTINEL not in text, url
        for number in SENTINEL_NUMBERS:
            assert number not in text, (url, number)
    # the walk read real pages: Salatiga's approved values are there
    page = client.get(reverse("portal:region", kwargs={"code": region_a.code})).content.decode()
    assert "11,25" in page and "Salatiga cerdas" in page and "Sosialisasi masterplan" in page
    assert opened >= len(TABLES) * 4 + 8


@pytest.mark.django_db
def test_an_unpublished_region_is_404_and_every_published_one_is_in_the_catalogue(
    budi, dewi, region_a, region_b
):
    do_save_profile(budi, region_a, period_start=2026, period_end=2030, vision="Salatiga cerdas")
    do_save_profile(dewi, region_b, period_start=2026, period_end=2030, vision="Sleman")
    shown = event(budi, region_a)
    public_photo = photo(budi, shown, public=True)
    do_publish_portal(budi, region_a, parts=["vision", "events"])
    do_publish_portal(dewi, region_b, parts=["vision"])
    do_unpublish_portal(dewi, region_b)
    client = Client()

    def status(name: str, code: str, **kwargs) -> int:
        return client.get(reverse(name, kwargs={"code": code, **kwargs})).status_code

    assert status("portal:region", region_a.code) == 200
    assert status("portal:public_file", region_a.code, file_id=public_photo.pk) == 200
    assert status("portal:region", region_b.code) == 404
    assert status("portal:public_file", region_b.code, file_id=public_photo.pk) == 404
    assert (
        client.get(reverse("api:portal:portal", kwargs={"version": "v1", "code": region_b.code})).status_code
        == 404
    )
    # the catalogue: Salatiga (kota, Jawa Tengah) links to its portal page, Sleman does not
    portal_a = reverse("portal:region", kwargs={"code": region_a.code})
    portal_b = reverse("portal:region", kwargs={"code": region_b.code})
    found = client.get(reverse("regions:catalogue"), {"q": region_a.code}).content.decode()
    assert f'href="{portal_a}"' in found
    every = "".join(
        client.get(reverse("regions:catalogue"), {"page": n}).content.decode() for n in range(1, 13)
    )
    assert f'href="{portal_a}"' in every and f'href="{portal_b}"' not in every
    national = client.get(reverse("portal:national")).content.decode()
    assert f'href="{portal_a}"' in national and f'href="{portal_b}"' not in national
