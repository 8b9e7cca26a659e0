"""The public region page, the national page, the API and the open data read the same figures: the
national evaluation as Ayu published it (not as the region's snapshot froze it), statuses in the
reader's language, progress to one decimal, one time convention, numbers as numbers."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from kotacerdas.portal.actions import do_publish_portal
from kotacerdas.portal.snapshot import PART_KEYS
from kotacerdas.portal.tests.builders import approved_plan, published_evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(ayu, budi, sari, region_a, dinkes_a):  # type: ignore[no-untyped-def]
    approved_plan(budi, sari, region_a, dinkes_a)
    published_evaluation(ayu, region_a, 2026)
    return do_publish_portal(budi, region_a, parts=PART_KEYS)


def data(table: str, fmt: str) -> bytes:
    return Client().get(reverse("portal:dataset", kwargs={"table": table, "fmt": fmt})).content


def evaluation_rows(page: str) -> list[tuple[str, str]]:
    section = page.split('<section id="evaluation">', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<tr><td>(\d{4})</td><td class="num">([^<]*)</td>', section)


def test_a_year_ayu_publishes_after_the_snapshot_shows_on_the_region_page(published, ayu, region_a) -> None:
    published_evaluation(ayu, region_a, 2027)  # after Budi's snapshot
    national = Client().get(reverse("portal:national")).content.decode()
    assert "Evaluasi nasional 2027" in national and "Kota Salatiga · 3" in national
    page = Client().get(reverse("portal:region", kwargs={"code": "33.73"})).content.decode()
    assert evaluation_rows(page) == [("2027", "3"), ("2026", "3")]
    api = Client().get(reverse("api:portal:portal", kwargs={"version": "v1", "code": "33.73"})).json()
    assert [row["year"] for row in api["evaluations"]] == [2027, 2026]
    assert [row["year"] for row in json.loads(data("evaluasi", "json"))] == [2027, 2026]


def test_statuses_are_named_in_the_readers_language(published) -> None:
    url = reverse("portal:region", kwargs={"code": "33.73"})
    indonesian = Client().get(url).content.decode()
    reader = Client()
    reader.cookies["django_language"] = "en"
    english = reader.get(url).content.decode()
    assert "<td>berjalan</td>" in indonesian and "<td>belum dimulai</td>" in indonesian
    assert "<td>running</td>" in english and "<td>not started</td>" in english
    assert "berjalan" not in english
    assert "<td>–</td>" not in indonesian.split('id="initiatives"', 1)[1].split("</section>", 1)[0]


def test_old_snapshots_keep_their_frozen_status_label() -> None:
    from kotacerdas.portal.reading import status_name

    assert status_name({"status_label": "Berjalan (tahap 1)", "category": "on_track"}) == "Berjalan (tahap 1)"
    assert status_name({"status": "running", "status_label": "Berjalan (tahap 1)"}) == "Berjalan (tahap 1)"


def test_progress_is_given_to_one_decimal_in_every_format(published, budi, region_a) -> None:
    overall = published.content["overall"]
    assert re.fullmatch(r"\d+(\.\d)?", overall), overall  # not 29.83193277310924369747899159
    (row,) = csv.DictReader(io.StringIO(data("wilayah", "csv").decode()))
    api = Client().get(reverse("api:portal:portals", kwargs={"version": "v1"})).json()
    assert row["overall_progress"] == api[0]["overall_progress"] == overall
    assert json.loads(data("wilayah", "json"))[0]["overall_progress"] == float(overall)
    progress = [r["progress"] for r in csv.DictReader(io.StringIO(data("inisiatif", "csv").decode()))]
    assert all(re.fullmatch(r"\d+(\.\d)?", p) for p in progress), progress


def test_the_publication_time_is_the_same_in_the_csv_and_the_api(published) -> None:
    (row,) = csv.DictReader(io.StringIO(data("wilayah", "csv").decode()))
    api = Client().get(reverse("api:portal:portals", kwargs={"version": "v1"})).json()
    detail = Client().get(reverse("api:portal:portal", kwargs={"version": "v1", "code": "33.73"}))
    assert row["published_at"] == api[0]["published_at"] == detail.json()["published_at"]
    assert row["published_at"].endswith("+07:00") and "." not in row["published_at"]


def test_json_numbers_are_numbers_as_the_data_package_declares(published) -> None:
    for table in ("kpi", "anggaran", "evaluasi", "inisiatif"):
        descriptor = Client().get(reverse("portal:datapackage", kwargs={"table": table})).json()
        numbers = [f["name"] for f in descriptor["resources"][0]["schema"]["fields"] if f["type"] == "number"]
        for row in json.loads(data(table, "json")):
            for name in numbers:
                assert row[name] is None or isinstance(row[name], int | float), (table, name, row[name])
    budget = json.loads(data("anggaran", "json"))
    assert {"source": "APBD", "realised": 50000000} in [
        {"source": r["source"], "realised": r["realised"]} for r in budget
    ]
