"""Open data: every table validates as a Frictionless data package; the DCAT catalogue parses with rdflib."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from frictionless import Package
from openpyxl import load_workbook
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from kotacerdas.portal.actions import do_publish_portal
from kotacerdas.portal.models import Snapshot
from kotacerdas.portal.opendata import TABLES
from kotacerdas.portal.opendata_files import WRITERS
from kotacerdas.portal.snapshot import PART_KEYS
from kotacerdas.portal.tests.builders import approved_plan, event, published_evaluation

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")


@pytest.fixture
def published(ayu, budi, sari, region_a, dinkes_a):
    approved_plan(budi, sari, region_a, dinkes_a)
    published_evaluation(ayu, region_a)
    event(budi, region_a, title='=HYPERLINK("http://x")', place="-Aula")  # text that looks like a formula
    return do_publish_portal(budi, region_a, parts=PART_KEYS)


@pytest.mark.django_db
def test_every_table_validates_as_a_frictionless_data_package(published, tmp_path) -> None:
    client = Client()
    for table in TABLES:
        folder = tmp_path / table.name
        folder.mkdir()
        descriptor = client.get(reverse("portal:datapackage", kwargs={"table": table.name}))
        data = client.get(reverse("portal:dataset", kwargs={"table": table.name, "fmt": "csv"}))
        assert descriptor.status_code == data.status_code == 200
        (folder / "datapackage.json").write_bytes(descriptor.content)
        (folder / "data.csv").write_bytes(data.content)
        report = Package(str(folder / "datapackage.json")).validate()
        assert report.valid, (table.name, report.flatten(["rowNumber", "fieldName", "type", "note"]))
        assert len(data.content.splitlines()) > 1, table.name  # a header and at least one row


@pytest.mark.django_db
def test_the_three_formats_hold_the_same_rows_and_text_never_becomes_a_formula(published) -> None:
    client = Client()
    for table in TABLES:
        got = {
            fmt: client.get(reverse("portal:dataset", kwargs={"table": table.name, "fmt": fmt})).content
            for fmt in WRITERS
        }
        rows = list(csv.reader(io.StringIO(got["csv"].decode())))
        sheet = load_workbook(io.BytesIO(got["xlsx"])).active
        assert len(json.loads(got["json"])) == len(rows) - 1 == sheet.max_row - 1, table.name
    events = client.get(reverse("portal:dataset", kwargs={"table": "sosialisasi", "fmt": "xlsx"})).content
    sheet = load_workbook(io.BytesIO(events)).active
    assert sheet["C2"].value == '=HYPERLINK("http://x")' and sheet["C2"].data_type == "s"
    text = client.get(
        reverse("portal:dataset", kwargs={"table": "sosialisasi", "fmt": "csv"})
    ).content.decode()
    assert "'=HYPERLINK" in text and ",'-Aula," in text
    kpis = client.get(reverse("portal:dataset", kwargs={"table": "kpi", "fmt": "json"})).json()
    assert {"kpi": "Kemiskinan", "year": 2027, "target": 7, "actual": 11.25}.items() <= next(
        row for row in kpis if row["kpi"] == "Kemiskinan"
    ).items()


@pytest.mark.django_db
def test_the_dcat_catalogue_names_every_dataset_with_its_download_urls(published) -> None:
    response = Client().get(reverse("portal:catalogue"))
    assert response["Content-Type"] == "application/ld+json"
    graph = Graph().parse(data=response.content, format="json-ld")
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == len(TABLES)
    by_identifier = {str(graph.value(d, DCT.identifier)): d for d in datasets}
    for table in TABLES:
        dataset = by_identifier[f"kotacerdas-{table.name}"]
        downloads = {
            str(graph.value(dist, DCAT.downloadURL)) for dist in graph.objects(dataset, DCAT.distribution)
        }
        expected = {
            "http://testserver" + reverse("portal:dataset", kwargs={"table": table.name, "fmt": fmt})
            for fmt in WRITERS
        }
        assert (
            expected | {"http://testserver" + reverse("portal:datapackage", kwargs={"table": table.name})}
            == downloads
        )
        for url in downloads:
            assert Client().get(url.removeprefix("http://testserver")).status_code == 200
    assert (URIRef("http://testserver" + reverse("portal:catalogue")), RDF.type, DCAT.Catalog) in graph
    quick_wins = by_identifier["kotacerdas-progres-quick-win"]
    assert str(graph.value(quick_wins, DCT.title)) == "Progres Quick Win"
    assert "tonggak Quick Win" in str(graph.value(quick_wins, DCT.description))


QUICK_WINS = "progres-quick-win"


def _quick_win_rows(client: Client) -> dict[str, object]:
    got = {
        fmt: client.get(reverse("portal:dataset", kwargs={"table": QUICK_WINS, "fmt": fmt})).content
        for fmt in WRITERS
    }
    header, *rows = load_workbook(io.BytesIO(got["xlsx"])).active.iter_rows(values_only=True)
    return {
        "csv": list(csv.DictReader(io.StringIO(got["csv"].decode()))),
        "json": json.loads(got["json"]),
        "xlsx": [dict(zip(header, row, strict=True)) for row in rows],
    }


@pytest.mark.django_db
def test_the_quick_win_progress_is_the_snapshots_per_year(published, region_a) -> None:
    """Salatiga's 2027 period and its Quick Win milestone planned in 2027, not marked done yet."""
    assert published.content["quick_win_progress"] == [{"year": 2027, "done": 0, "planned": 1}]
    got = _quick_win_rows(Client())
    row = {"region_code": region_a.code, "year": 2027, "milestones_done": 0, "milestones_planned": 1}
    assert got["json"] == got["xlsx"] == [row]
    assert got["csv"] == [{name: str(value) for name, value in row.items()}]


@pytest.mark.django_db
def test_a_snapshot_published_before_the_quick_win_progress_gives_no_rows(published) -> None:
    """Snapshots frozen before ``quick_win_progress`` existed hold only the milestones: the table is
    empty (a header in each format), the other tables and the region's page still read them."""
    page = Client().get(reverse("portal:region", kwargs={"code": published.content["region"]["code"]}))
    assert 'id="quick-win-progress"' in page.content.decode()  # the page shows it while the key is there
    older = {key: value for key, value in published.content.items() if key != "quick_win_progress"}
    Snapshot.objects.filter(pk=published.pk).update(content=older)  # as a snapshot of then was stored
    client = Client()
    assert _quick_win_rows(client) == {"csv": [], "json": [], "xlsx": []}
    csv_file = client.get(reverse("portal:dataset", kwargs={"table": QUICK_WINS, "fmt": "csv"})).content
    assert csv_file.decode() == "region_code,year,milestones_done,milestones_planned\n"
    milestones = client.get(reverse("portal:dataset", kwargs={"table": "tonggak", "fmt": "json"})).json()
    assert [m["milestone"] for m in milestones] == ["Aplikasi telemedis rilis"]
    page = client.get(reverse("portal:region", kwargs={"code": published.content["region"]["code"]}))
    assert page.status_code == 200 and 'id="quick-win-progress"' not in page.content.decode()


@pytest.mark.django_db
def test_an_unknown_table_or_format_is_404(db) -> None:
    client = Client()
    assert client.get(reverse("portal:dataset", kwargs={"table": "rahasia", "fmt": "csv"})).status_code == 404
    assert client.get(reverse("portal:dataset", kwargs={"table": "kpi", "fmt": "exe"})).status_code == 404
    assert client.get(reverse("portal:datapackage", kwargs={"table": "rahasia"})).status_code == 404
