"""A bad dataset is refused with 400, every offending sheet/row/column named, and nothing saved."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from kotacerdas.audit.models import AuditEntry
from kotacerdas.evaluation.index_models import IndexRun
from kotacerdas.evaluation.tests.index_helpers import DATA, META, csv_upload, recipe_post

pytestmark = pytest.mark.django_db
QUICK = {"weight_noise": "", "alt_normalise": "", "alt_aggregate": "", "sensitivity": ""}  # no analysis


def table(path) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def as_csv(rows: list[dict[str, str]], drop: str | None = None) -> str:
    columns = [c for c in rows[0] if c != drop]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def post(client, data_text: str, meta_text: str, **overrides):  # type: ignore[no-untyped-def]
    files = {"data_file": csv_upload("iData.csv", data_text), "meta_file": csv_upload("iMeta.csv", meta_text)}
    return client.post(reverse("evaluation:index_run_new"), recipe_post(**QUICK) | overrides | files)


def errors(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    form = response.context["form"]
    return {field: list(messages) for field, messages in form.errors.items()}


def assert_nothing_saved() -> None:
    assert IndexRun.objects.count() == 0
    assert not AuditEntry.objects.filter(action="evaluation.index_run").exists()


def test_bad_numbers_are_refused_with_every_offending_cell(as_ayu) -> None:
    rows = table(DATA)
    rows[0]["LPI"] = "4,09"  # Austria, a decimal comma
    rows[3]["Flights"] = "banyak"  # Croatia
    response = post(as_ayu, as_csv(rows), META.read_text(encoding="utf-8"))
    assert response.status_code == 400
    assert errors(response)["data_file"] == [
        "Lembar iData, baris 2 (AUT), kolom “LPI”: “4,09” bukan angka.",
        "Lembar iData, baris 5 (HRV), kolom “Flights”: “banyak” bukan angka.",
    ]
    assert_nothing_saved()


def test_a_missing_column_is_refused(as_ayu) -> None:
    meta = as_csv(table(META), drop="Weight")
    response = post(as_ayu, DATA.read_text(encoding="utf-8"), meta)
    assert response.status_code == 400
    assert errors(response)["meta_file"] == ["Lembar iMeta: kolom “Weight” tidak ada."]
    no_ucode = post(as_ayu, as_csv(table(DATA), drop="uCode"), META.read_text(encoding="utf-8"))
    assert no_ucode.status_code == 400
    assert errors(no_ucode)["data_file"] == ["Lembar iData: kolom “uCode” tidak ada."]
    assert_nothing_saved()


def test_an_indicator_in_imeta_that_idata_lacks_is_refused(as_ayu) -> None:
    meta = (
        META.read_text(encoding="utf-8").rstrip("\n")
        + '\n"1","Wifi","Free wifi","1","1","","","","Physical","Indicator"\n'
    )
    response = post(as_ayu, DATA.read_text(encoding="utf-8"), meta)
    assert response.status_code == 400
    assert errors(response)["data_file"] == ["Lembar iMeta, baris 70: “Wifi” bukan kolom lembar iData."]
    assert_nothing_saved()


def test_a_bad_imeta_cell_and_a_wrong_file_type_are_refused(as_ayu) -> None:
    rows = table(META)
    rows[0]["Weight"] = "satu"
    response = post(as_ayu, DATA.read_text(encoding="utf-8"), as_csv(rows))
    assert response.status_code == 400
    assert errors(response)["meta_file"] == [
        "Lembar iMeta, baris 2 (LPI), kolom “Weight”: “satu” bukan angka."
    ]
    pdfs = {name: csv_upload(f"{name}.pdf", b"%PDF-1.4\n%%EOF\n") for name in ("data_file", "meta_file")}
    refused = as_ayu.post(reverse("evaluation:index_run_new"), recipe_post(**QUICK) | pdfs)
    assert refused.status_code == 400 and "CSV, XLSX" in errors(refused)["data_file"][0]
    assert_nothing_saved()


def test_unknown_custom_weights_are_refused(as_ayu) -> None:
    response = post(
        as_ayu,
        DATA.read_text(encoding="utf-8"),
        META.read_text(encoding="utf-8"),
        weights="custom",
        custom_weights="Physical = 2\nTidakAda = 1",
    )
    assert response.status_code == 400
    assert "TidakAda" in errors(response)["custom_weights"][0]
    assert_nothing_saved()


def test_one_workbook_with_both_sheets_gives_the_same_results_as_the_csv_files(
    as_ayu, django_capture_on_commit_callbacks
) -> None:
    book = Workbook()
    book.remove(book.active)
    for name, path in (("iData", DATA), ("iMeta", META)):
        sheet = book.create_sheet(name)
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        sheet.append(rows[0])
        for row in rows[1:]:  # numbers as numeric cells, as in a real workbook
            sheet.append(
                [
                    float(c)
                    if c and c.replace(".", "").replace("-", "").replace("e", "").isdigit()
                    else (c or None)
                    for c in row
                ]
            )
    content = io.BytesIO()
    book.save(content)
    xlsx = csv_upload("indeks.xlsx", content.getvalue())
    with django_capture_on_commit_callbacks(execute=True):
        from_xlsx = as_ayu.post(
            reverse("evaluation:index_run_new"), recipe_post(**QUICK) | {"data_file": xlsx}
        )
        from_csv = post(as_ayu, DATA.read_text(encoding="utf-8"), META.read_text(encoding="utf-8"))
    assert from_xlsx.status_code == 302 and from_csv.status_code == 302
    first, second = IndexRun.objects.order_by("pk")
    assert (first.status, second.status) == ("done", "done")
    # an XLSX cell keeps 15-16 significant digits (42.814530312038514 comes back as 42.81453031203851),
    # so the scores agree to rounding and the ranks exactly
    scores = [v for row in first.results["scores"] for v in row]
    assert scores == pytest.approx(
        [v for row in second.results["scores"] for v in row], rel=1e-12, nan_ok=True
    )
    assert first.results["ranks"] == second.results["ranks"]
