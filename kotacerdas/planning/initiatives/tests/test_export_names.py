"""The initiatives workbook shows people names beside the codes the import reads back: "Aplikasi"
beside ``application``, "APBN/DAK" beside ``APBN_DAK``; the file still re-imports losslessly."""

import io

import pytest
from openpyxl import load_workbook

from kotacerdas.planning.initiatives import xlsx

pytestmark = pytest.mark.django_db


def rows(data: bytes, sheet: str) -> list[dict]:
    values = list(load_workbook(io.BytesIO(data))[sheet].iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_the_codes_have_their_names_beside_them(region_a, rich_plan) -> None:
    data = xlsx.export_workbook(region_a)
    telemed = next(row for row in rows(data, "Inisiatif") if row["code"] == "KS-01")
    assert (telemed["type"], telemed["type_name"]) == ("application", "Aplikasi")
    assert (telemed["horizon"], telemed["horizon_name"]) == ("medium", "Jangka menengah")
    assert (telemed["status"], telemed["status_name"]) == ("proposed", "Diusulkan")
    assert (
        telemed["element"] == "living.health"
        and telemed["element_name"] == "Smart Living – Prasarana Kesehatan"
    )
    budget = [(row["source"], row["source_name"]) for row in rows(data, "Anggaran")]
    assert ("APBN_DAK", "APBN/DAK") in budget
