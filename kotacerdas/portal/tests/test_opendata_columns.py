"""Open data columns: every field of every table says, in Bahasa Indonesia, what it means and its unit
(the data package's schema, the XLSX's Keterangan sheet, the /data/ page and the reference), from the
one definition of the table's columns in ``opendata.py``."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from frictionless import Package
from openpyxl import load_workbook

from kotacerdas.portal.access import published_snapshots
from kotacerdas.portal.actions import do_publish_portal
from kotacerdas.portal.opendata import TABLES, rows_of
from kotacerdas.portal.opendata_files import columns_reference
from kotacerdas.portal.snapshot import PART_KEYS
from kotacerdas.portal.tests.builders import approved_plan, event, published_evaluation

REFERENCE = Path(__file__).resolve().parents[3] / "docs" / "reference" / "open-data.md"
GENERATED = re.compile(r"<!-- columns: [^\n]*-->\n(.*?)<!-- /columns -->", re.DOTALL)


@pytest.fixture
def published(ayu, budi, sari, region_a, dinkes_a):
    approved_plan(budi, sari, region_a, dinkes_a)
    published_evaluation(ayu, region_a)
    event(budi, region_a)
    return do_publish_portal(budi, region_a, parts=PART_KEYS)


def _get(client: Client, table: str, fmt: str) -> bytes:
    return client.get(reverse("portal:dataset", kwargs={"table": table, "fmt": fmt})).content


def _fields(client: Client, table: str) -> list[dict[str, object]]:
    descriptor = client.get(reverse("portal:datapackage", kwargs={"table": table})).json()
    (resource,) = descriptor["resources"]
    return resource["schema"]["fields"]


@pytest.mark.django_db
def test_every_field_has_an_indonesian_title_and_a_description_in_every_language(published) -> None:
    """The schema's fields are the CSV header, the JSON keys, the XLSX header and the Keterangan sheet,
    in order; their titles stay Indonesian for a reader who chose English (only the table's title follows)."""
    english = Client()
    english.cookies["django_language"] = "en"
    for table in TABLES:
        fields = _fields(Client(), table.name)
        for field in fields:
            assert {"name", "type", "title", "description"} <= field.keys(), (table.name, field)
            assert field["title"] and field["description"], (table.name, field)
        assert _fields(english, table.name) == fields
        names = [field["name"] for field in fields]
        header = next(csv.reader(io.StringIO(_get(Client(), table.name, "csv").decode())))
        (first, *_rest) = (
            Client().get(reverse("portal:dataset", kwargs={"table": table.name, "fmt": "json"})).json()
        )
        book = load_workbook(io.BytesIO(_get(Client(), table.name, "xlsx")))
        data_sheet, legend = book.worksheets
        assert header == list(first) == [c.value for c in data_sheet[1]] == names, table.name
        assert [row[0] for row in legend.iter_rows(min_row=2, values_only=True)] == names, table.name
    quick_wins = {field["name"]: field for field in _fields(english, "progres-quick-win")}
    assert quick_wins["milestones_done"]["title"] == "Tonggak selesai"
    assert "jumlah tonggak" in quick_wins["milestones_done"]["description"]
    budget = {field["name"]: field for field in _fields(Client(), "anggaran")}
    assert (budget["year"]["title"], budget["pagu"]["title"]) == ("Tahun anggaran", "Pagu")
    assert "Rupiah" in budget["pagu"]["description"] and "Rupiah" in budget["realised"]["description"]
    # the descriptor and the catalogue are the same bytes for every reader: Indonesian, also in English
    path = reverse("portal:datapackage", kwargs={"table": "progres-quick-win"})
    assert english.get(path).content == Client().get(path).content
    assert english.get(path).json()["title"] == "Progres Quick Win"
    catalogue = reverse("portal:catalogue")
    assert english.get(catalogue).content == Client().get(catalogue).content


@pytest.mark.django_db
def test_a_column_of_fixed_codes_declares_them_and_frictionless_holds_the_data_to_them(
    published, tmp_path
) -> None:
    fields = {field["name"]: field for field in _fields(Client(), "inisiatif")}
    assert fields["category"]["constraints"] == {"enum": ["not_started", "on_track", "late", "done"]}
    assert "constraints" not in fields["status"]  # a region may configure its own statuses
    sources = {field["name"]: field for field in _fields(Client(), "anggaran")}["source"]
    assert sources["constraints"] == {"enum": ["APBD", "APBN_DAK", "KPBU", "CSR", "OTHER"]}
    descriptor = Client().get(reverse("portal:datapackage", kwargs={"table": "inisiatif"})).content
    (tmp_path / "datapackage.json").write_bytes(descriptor)
    data = _get(Client(), "inisiatif", "csv").decode()
    assert ",on_track," in data
    (tmp_path / "data.csv").write_text(data.replace(",on_track,", ",sedang_jalan,"))
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert not report.valid
    assert {error[0] for error in report.flatten(["type"])} == {"constraint-error"}


@pytest.mark.django_db
def test_each_tables_rows_carry_exactly_its_columns(published) -> None:
    """A row builder and the columns cannot drift apart: a key without a column would be dropped from
    every file, a column without a key would be empty in every row."""
    snapshots = published_snapshots()
    for table in TABLES:
        rows = rows_of(table, snapshots)
        assert rows, table.name
        for row in rows:
            assert set(row) == set(table.names), table.name  # the order is the fields' (JSONB sorts keys)


@pytest.mark.django_db
def test_the_xlsx_keterangan_sheet_lists_each_column_as_text(published) -> None:
    book = load_workbook(io.BytesIO(_get(Client(), "inisiatif", "xlsx")))
    assert book.sheetnames == ["inisiatif", "Keterangan"] and book.active.title == "inisiatif"
    legend = book["Keterangan"]
    rows = {row[0]: row for row in legend.iter_rows(values_only=True)}
    assert rows["Kolom"] == ("Kolom", "Judul", "Keterangan", "Tipe", "Nilai yang diizinkan")
    assert rows["category"][1:2] == ("Kategori status",)
    assert rows["category"][3:] == ("string", "not_started, on_track, late, done")
    assert rows["progress"][1] == "Progres" and "persen" in rows["progress"][2]
    assert all(cell.data_type == "s" for row in legend.iter_rows() for cell in row if cell.value is not None)


@pytest.mark.django_db
def test_the_data_page_lists_each_tables_columns(db) -> None:
    page = Client().get(reverse("portal:data_index")).content.decode()
    assert "<summary>Kolom</summary>" in page
    assert "<dt><code>milestones_done</code> · Tonggak selesai</dt>" in page


def test_the_reference_documents_exactly_the_columns_of_the_schema() -> None:
    """docs/reference/open-data.md's Columns are generated from the definitions: every documented column
    is in a schema and every schema field is documented, with the same type, title and description."""
    found = GENERATED.search(REFERENCE.read_text(encoding="utf-8"))
    assert found is not None, "the generated Columns block is missing from " + str(REFERENCE)
    expected = columns_reference(TABLES)
    assert found[1] == expected, "paste this between the columns markers:\n\n" + expected
    documented = re.findall(r"^### `([^`]+)`\n\n(?:\|.*\n)+", found[1], re.MULTILINE)
    assert documented == [table.name for table in TABLES]
