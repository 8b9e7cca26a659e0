"""The books count and total the same initiatives, the plan of record's, and name the ones it leaves out.

The demo plan leaves BRD-02 out: the initiatives page and the export list 12 initiatives (Rp8.050.000.000
entered); the books print the plan (Rp5.950.000.000). Buku II's chapter III, its chapter V and Buku III's
table 1.3 must agree with each other and with the plan, and say which initiative is outside it."""

from __future__ import annotations

import argparse

import pytest
from django.apps import apps

from kotacerdas.documents.tests.book_tables import (
    amount,
    book_docx,
    budget_totals,
    initiative_rows,
    summary_rows,
)
from kotacerdas.documents.tests.conftest import docx_text

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not apps.is_installed("kotacerdas.planning"), reason="planning is not installed"),
]


@pytest.fixture
def demo_books(tmp_path):  # type: ignore[no-untyped-def]
    from kotacerdas.cli.books import run_books
    from kotacerdas.demo import load_demo
    from kotacerdas.planning.models import Initiative
    from kotacerdas.planning.roadmap.plan import plan_of_record
    from kotacerdas.regions.models import Region

    load_demo()
    region = Region.objects.get(code="33.73")
    plan = plan_of_record(region)
    assert plan is not None
    live = Initiative.objects.filter(region=region).exclude(status=Initiative.Status.CANCELLED)
    run_books(argparse.Namespace(region_code="33.73", out=str(tmp_path), format="docx", year=0, final=False))
    return {
        "plan": plan,
        "all": sorted(live.values_list("code", flat=True)),
        "outside": sorted(set(live.values_list("code", flat=True)) - {i.code for i in plan.initiatives}),
        "II": book_docx(tmp_path, "II"),
        "III": book_docx(tmp_path, "III"),
    }


def test_the_demo_leaves_one_initiative_outside_its_plan(demo_books) -> None:  # type: ignore[no-untyped-def]
    assert demo_books["outside"] == ["BRD-02"]
    assert len(demo_books["all"]) == 12


def test_buku_iii_counts_the_initiatives_whose_budget_it_totals(demo_books) -> None:  # type: ignore[no-untyped-def]
    plan = demo_books["plan"]
    summary = summary_rows(demo_books["III"])
    total = summary.pop("Jumlah")
    assert total == (len(plan.initiatives), sum(i.total_cost for i in plan.initiatives))
    assert total == (11, 5_950_000_000)
    assert (sum(c for c, _ in summary.values()), sum(a for _, a in summary.values())) == total
    assert summary["Smart Branding"] == (1, 250_000_000)
    text = docx_text(demo_books["III"].read_bytes())
    assert "1 inisiatif tidak masuk rencana yang ditetapkan" in text
    assert "BRD-02 Penataan wajah kota koridor Jl. Jenderal Sudirman" in text


def test_buku_ii_chapters_iii_and_v_total_the_same_plan_as_buku_iii(demo_books) -> None:  # type: ignore[no-untyped-def]
    rows = initiative_rows(demo_books["II"])
    initiatives = {row[0]: row for row in rows if row[0]}
    assert sorted(initiatives) == demo_books["all"]  # every initiative of the masterplan is described
    brd_02 = initiatives["BRD-02"]
    assert (brd_02[4], brd_02[5]) == ("di luar rencana", "–")
    chapter_iii = sum(amount(row[-1]) for row in rows if row[1] == "Jumlah")
    chapter_v = sum(budget_totals(demo_books["II"]).values())
    buku_iii = summary_rows(demo_books["III"])["Jumlah"][1]
    assert chapter_iii == chapter_v == buku_iii == sum(demo_books["plan"].totals_by_year().values())
    text = docx_text(demo_books["II"].read_bytes())
    assert "untuk 11 inisiatif dalam rencana yang ditetapkan." in text
    assert "1 inisiatif tidak masuk rencana yang ditetapkan" in text
