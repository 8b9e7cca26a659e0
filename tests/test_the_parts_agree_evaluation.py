"""One fact, one record, every output (as tests/test_the_parts_agree.py): a yearly evaluation result (total,
part scores, size class, ranks) is the publication on Ayu's cycle page, its XLSX and CSV, the result
letter, the results book, the region's card, the evaluation API, the public pages, the portal API and the
open data; an unpublished cycle reaches none of the public outputs, and a published one keeps its frozen
figures when the record behind them changes; the ranks CSV writes formula-like text as text."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from tests.parts_agree import approve_world_reports, table_row, table_rows, text

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not all(apps.is_installed(f"kotacerdas.{name}") for name in ("planning", "documents", "portal")),
        reason="the plan, the books and the portal are all needed",
    ),
]


EVALUATED = 2027  # a cycle of the test's own, after the world's open 2026 and published 2025
SLEMAN_PARTS = {"baseline": "4", "output": "3.5", "outcome": "2", "impact": "1.5", "quick_win": "5"}


def _publish_own_cycle(world: dict[str, Any]) -> Any:
    """Ayu opens, scores and publishes a cycle with Sleman and Salatiga (unequal parts, so a part shown
    in the wrong place or a total computed afresh cannot pass)."""
    from datetime import date

    from kotacerdas.evaluation.actions import do_enter_results, do_open_cycle, do_publish

    cycle = do_open_cycle(
        world["ayu"],
        year=EVALUATED,
        instrument="monev-2022",
        scheme="pp26-2008",
        regions=[world["region"], world["region_a"]],
        self_assessment_until=date(EVALUATED, 8, 31),
        verification_until=date(EVALUATED, 10, 31),
        publication_on=date(EVALUATED, 12, 5),
    )
    parts = ",".join(SLEMAN_PARTS.values())
    scores = (
        "region_code,baseline,output,outcome,impact,quick_win\n"
        f"{world['region'].code},{parts}\n{world['region_a'].code},2,2,2,2,2\n"
    )
    do_enter_results(world["ayu"], cycle, scores)
    return do_publish(world["ayu"], cycle)


def test_a_regions_evaluation_result_is_the_publications_everywhere_it_is_shown(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from django.urls import reverse
    from openpyxl import load_workbook

    from kotacerdas.core.evaluation import PARTS
    from kotacerdas.core.evaluation.letter import PART_LABELS, score_text
    from kotacerdas.documents.tests.conftest import docx_text
    from kotacerdas.evaluation.actions import do_request_results_book
    from kotacerdas.evaluation.models import ResultsBook

    publication = _publish_own_cycle(world)
    code = world["region"].code
    (row,) = [r for r in publication.rows if r["region_code"] == code]
    assert publication.inputs[code]["parts"] == SLEMAN_PARTS
    total, size_class = row["total"], row["size_class"]
    ranks = [int(row[k]) for k in ("rank_national", "rank_province", "rank_in_class")]
    assert ranks[0] == 1, "Sleman's weighted total is above Salatiga's 2"

    ayu, dewi, visitor = Client(), Client(), Client()
    ayu.force_login(world["ayu"])
    dewi.force_login(world["dewi"])

    # Ayu's cycle page, its XLSX and its CSV
    page = ayu.get(reverse("evaluation:cycle", args=[publication.cycle_id])).content.decode()
    results, participants_table = page.split('data-testid="results-table"', 1)[1].split("</table>", 1)
    screen = table_row(results, code)
    assert screen[2] == score_text(total) and screen[4] == size_class
    assert [int(cell) for cell in screen[5:8]] == ranks
    participants = table_row(participants_table, str(world["region"]))
    assert participants[3 : 3 + len(PARTS)] == [score_text(SLEMAN_PARTS[part]) for part in PARTS]
    sheet = load_workbook(
        io.BytesIO(ayu.get(reverse("evaluation:results_xlsx", args=[publication.cycle_id])).content)
    )
    xlsx = next(r for r in sheet.active.iter_rows(values_only=True) if r[0] == code)
    assert Decimal(str(xlsx[2])) == Decimal(total) and xlsx[4] == size_class and list(xlsx[5:8]) == ranks
    ranks_csv = ayu.get(reverse("evaluation:results_csv", args=[publication.cycle_id])).content.decode()
    as_csv = next(r for r in csv.DictReader(io.StringIO(ranks_csv)) if r["region_code"] == code)
    assert as_csv["total"] == total and as_csv["size_class"] == size_class
    assert [int(as_csv[k]) for k in ("rank_national", "rank_province", "rank_in_class")] == ranks

    # the result letter (Dewi's and the one on Ayu's cycle page are one letter)
    letter = dewi.get(reverse("evaluation:letter_docx", args=[code, EVALUATED]))
    assert letter.status_code == 200
    assert ayu.get(reverse("evaluation:cycle_letter_docx", args=[publication.cycle_id, code])).content
    words = docx_text(letter.content)
    for part in PARTS:
        assert f"{PART_LABELS[part]}\n" in words + "\n"
        assert score_text(SLEMAN_PARTS[part]) in words
    assert f"Nilai total\n100%\n{score_text(total)}" in words

    # Dewi's region page and the evaluation API
    card = text(dewi.get(f"/r/{code}/").content.decode())
    shown = card.split(f"Evaluasi {EVALUATED}", 1)[1].split("Surat hasil", 1)[0]
    assert f"Total {score_text(total)} " in shown
    assert f"Peringkat nasional {ranks[0]} Peringkat provinsi {ranks[1]} " in shown
    assert f"Peringkat di antara wilayah “{size_class}” {ranks[2]} " in shown
    api = dewi.get(f"/api/v1/evaluations/{EVALUATED}/results").json()
    (in_api,) = [r for r in api["results"] if r["region_code"] == code]
    assert in_api["total"] == total and in_api["size_class"] == size_class
    assert [in_api[k] for k in ("rank_national", "rank_province", "rank_in_class")] == ranks

    # the national results book
    with django_capture_on_commit_callbacks(execute=True):
        do_request_results_book(world["ayu"], publication.cycle)
    book = ResultsBook.objects.get(publication=publication)
    assert book.status == ResultsBook.Status.DONE, book.message
    in_book = [code, world["region"].name, *(score_text(SLEMAN_PARTS[p]) for p in PARTS), score_text(total)]
    assert "\n".join(in_book) in docx_text(bytes(book.docx)), (
        "the book's part scores, as the letter writes them"
    )

    # the public: the region's page, the national page, the portal API and the open data
    page = visitor.get(f"/publik/r/{code}/").content.decode()
    public = table_row(page.split('id="evaluation"', 1)[1], str(EVALUATED))
    assert public[1:5] == [score_text(total), size_class, str(ranks[0]), str(ranks[2])]
    assert f"{world['region'].name} · {score_text(total)}" in text(visitor.get("/publik/").content.decode())
    (portal,) = [
        e
        for e in visitor.get(f"/api/v1/portal/regions/{code}").json()["evaluations"]
        if e["year"] == EVALUATED
    ]
    assert portal["total"] == total and portal["size_class"] == size_class
    assert [portal[k] for k in ("rank_national", "rank_province", "rank_in_class")] == ranks
    table = visitor.get("/data/evaluasi/data.csv").content.decode("utf-8-sig")
    (opened,) = [
        r
        for r in csv.DictReader(io.StringIO(table))
        if r["region_code"] == code and r["year"] == str(EVALUATED)
    ]
    assert opened["total"] == total and opened["size_class"] == size_class
    assert [int(opened[k]) for k in ("rank_national", "rank_province", "rank_in_class")] == ranks
    (as_json,) = [
        r
        for r in visitor.get("/data/evaluasi/data.json").json()
        if r["region_code"] == code and r["year"] == EVALUATED
    ]
    assert Decimal(str(as_json["total"])) == Decimal(total)
    assert [as_json[k] for k in ("rank_national", "rank_province", "rank_in_class")] == ranks
    workbook = load_workbook(io.BytesIO(visitor.get("/data/evaluasi/data.xlsx").content)).active
    header, *rows = list(workbook.iter_rows(values_only=True))
    (in_xlsx,) = [dict(zip(header, r, strict=True)) for r in rows if r[0] == code and r[1] == EVALUATED]
    assert Decimal(str(in_xlsx["total"])) == Decimal(total) and in_xlsx["size_class"] == size_class
    assert [in_xlsx[k] for k in ("rank_national", "rank_province", "rank_in_class")] == ranks


def test_an_unpublished_result_stays_internal_and_a_published_one_keeps_its_frozen_figures(
    world: dict[str, Any],
) -> None:
    """Scores entered in the open 2026 cycle reach no letter, API, portal page or open data; once
    published, approving the monitoring reports behind its dimension scores changes the record (what
    the next self-assessment is pre-filled from) but no published figure."""
    from django.urls import reverse
    from openpyxl import load_workbook

    from kotacerdas.evaluation.actions import do_enter_results, do_publish
    from kotacerdas.evaluation.models import Cycle
    from kotacerdas.evaluation.record import dimension_counts

    code, year = world["region"].code, 2026
    cycle = Cycle.objects.get(pk=world["cycle_id"])
    do_enter_results(
        world["ayu"], cycle, f"region_code,baseline,output,outcome,impact,quick_win\n{code},4,4,4,4,4\n"
    )
    dewi, visitor = Client(), Client()
    dewi.force_login(world["dewi"])

    def public_years() -> dict[str, set[int]]:
        table = visitor.get("/data/evaluasi/data.csv").content.decode("utf-8-sig")
        portal = visitor.get(f"/api/v1/portal/regions/{code}").json()["evaluations"]
        page = visitor.get(f"/publik/r/{code}/").content.decode()
        section = table_rows(page.split('id="evaluation"', 1)[1].split("</section>", 1)[0])
        return {
            "open data": {
                int(r["year"]) for r in csv.DictReader(io.StringIO(table)) if r["region_code"] == code
            },
            "portal API": {e["year"] for e in portal},
            "portal page": {int(cells[0]) for cells in section if cells and cells[0].isdigit()},
        }

    assert public_years() == {"open data": {2025}, "portal API": {2025}, "portal page": {2025}}
    assert dewi.get(f"/api/v1/evaluations/{year}/results").status_code == 404
    assert dewi.get(reverse("evaluation:letter_docx", args=[code, year])).status_code == 404
    assert "Total 4 " not in text(dewi.get(f"/r/{code}/").content.decode())

    publication = do_publish(world["ayu"], cycle)
    frozen = publication.inputs[code]["dimensions"]
    assert frozen["governance"] == "0", "Satu Data Sleman planned in 2026, reported but not approved"
    assert public_years() == {
        "open data": {2025, 2026},
        "portal API": {2025, 2026},
        "portal page": {2025, 2026},
    }

    approve_world_reports(world)
    assert [(c.dimension, c.running, c.planned) for c in dimension_counts(world["region"], year)] == [
        ("governance", 1, 1)
    ], "the record now says the programme runs"
    (in_api,) = [
        r
        for r in dewi.get(f"/api/v1/evaluations/{year}/results").json()["results"]
        if r["region_code"] == code
    ]
    assert in_api["dimension_scores"]["governance"] == "0" and in_api["total"] == "4"
    card = text(dewi.get(f"/r/{code}/").content.decode()).split(f"Evaluasi {year}", 1)[1]
    assert "Smart Governance 0 " in card.split("Surat hasil", 1)[0]
    ayu = Client()
    ayu.force_login(world["ayu"])
    sheet = load_workbook(
        io.BytesIO(ayu.get(reverse("evaluation:results_xlsx", args=[cycle.pk])).content)
    ).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    (in_xlsx,) = [dict(zip(header, r, strict=True)) for r in rows if r[0] == code]
    assert in_xlsx["Smart Governance"] == 0


def test_the_ranks_csv_writes_text_that_starts_like_a_formula_as_text(world: dict[str, Any]) -> None:
    """A size class named like a formula (the scheme is data) reaches the ranks CSV as text, while a
    negative improvement stays a number."""
    from django.urls import reverse

    from kotacerdas.evaluation.actions import do_enter_results, do_publish
    from kotacerdas.evaluation.models import Cycle

    cycle = Cycle.objects.get(pk=world["cycle_id"])
    scheme = cycle.size_scheme
    scheme["bands"] = [{**band, "code": "=HYPERLINK(1)"} for band in scheme["bands"]]
    Cycle.objects.filter(pk=cycle.pk).update(size_scheme=scheme)
    code = world["region"].code
    scores = f"region_code,baseline,output,outcome,impact,quick_win\n{code},1,1,1,1,1\n"
    do_enter_results(world["ayu"], Cycle.objects.get(pk=cycle.pk), scores)
    do_publish(world["ayu"], Cycle.objects.get(pk=cycle.pk))
    ayu = Client()
    ayu.force_login(world["ayu"])
    ranks = ayu.get(reverse("evaluation:results_csv", args=[cycle.pk])).content.decode()
    (row,) = csv.DictReader(io.StringIO(ranks))
    assert row["size_class"] == "'=HYPERLINK(1)" and row["region_code"] == code
    assert row["improvement"] == "-2", "a fall from the published 3 of 2025, written as a number"
