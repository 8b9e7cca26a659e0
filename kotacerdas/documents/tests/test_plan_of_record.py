"""Buku II prints the plan of record: its yearly budget table and schedule agree with the API answer."""

from __future__ import annotations

import argparse

import pytest
from django.apps import apps

from kotacerdas.documents.tests.book_tables import (
    budget_totals,
    document_schedule,
    document_totals,
    masterplan_docx,
    schedule,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not apps.is_installed("kotacerdas.planning"), reason="planning is not installed"),
]


def test_the_demo_books_print_the_adopted_plan(tmp_path, capsys) -> None:
    from kotacerdas.cli.books import run_books
    from kotacerdas.demo import load_demo
    from kotacerdas.planning.roadmap.plan import plan_of_record
    from kotacerdas.regions.models import Region

    load_demo()
    plan = plan_of_record(Region.objects.get(code="33.73"))
    assert plan is not None, "the demo ships with an adopted plan"
    document = plan.as_document()
    run_books(argparse.Namespace(region_code="33.73", out=str(tmp_path), format="docx", year=0, final=False))
    book = masterplan_docx(tmp_path)
    totals = budget_totals(book)
    expected = document_totals(document)
    assert {y: t for y, t in totals.items() if t} == expected
    assert all(totals[int(year)] <= ceiling for year, ceiling in document["ceilings"].items())
    assert schedule(book) == document_schedule(document)
    # the optimiser's choices, not the entered years: a dropped initiative is not in the schedule
    assert set(schedule(book)) == {i.code for i in plan.initiatives}


def test_without_an_adopted_plan_the_draft_says_so(ayu, budi, region_a, tmp_path) -> None:
    from kotacerdas.documents.generate import write_books
    from kotacerdas.planning.analysis.actions import do_save_profile

    do_save_profile(budi, region_a, period_start=2026, period_end=2030, vision="Salatiga cerdas")
    generated = write_books(region_a, 2026, tmp_path)
    assert "rencana yang ditetapkan (jadwal dan anggaran peta jalan)" in generated.data.missing()
    from kotacerdas.documents.tests.conftest import docx_text

    text = docx_text(masterplan_docx(tmp_path).read_bytes())
    assert "[Draf — belum tersedia] Rencana yang ditetapkan (jadwal dan anggaran peta jalan)" in text
    assert "Masterplan › Peta jalan (tetapkan hasil optimasi atau konfirmasi jadwal)" in text
