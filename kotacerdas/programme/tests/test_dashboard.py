"""Ayu's stage board and national dashboard: matrix, overdue list, filters, XLSX equal to the screen,
and a fixed number of queries however many regions there are."""

import re
from datetime import date
from io import BytesIO

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from openpyxl import load_workbook

from conftest import forget_inbox_badge
from kotacerdas.programme.tests.conftest import deliverable_of
from kotacerdas.web.region_cache import StaleFragmentError

pytestmark = pytest.mark.django_db


def cells(body: str, table_id: str) -> list[list[str]]:
    table = body.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)]
        for r in rows
    ]


def test_the_stage_board_shows_both_regions_at_bimtek_i(as_ayu, cohort, selected) -> None:
    body = as_ayu.get(reverse("programme:board", args=[cohort.pk])).content.decode()
    rows = cells(body, "stage-matrix")
    assert [(r[1], r[5]) for r in rows[1:]] == [
        ("Kabupaten Sleman", "Bimtek I"),
        ("Kota Salatiga", "Bimtek I"),
    ]
    assert rows[1][6:10] == ["0/3", "0/1", "0/2", "0/3"]


def test_a_stage_is_done_when_every_deliverable_is_approved(
    ayu, as_ayu, cohort, selected, budi, rina
) -> None:
    from kotacerdas.programme.actions.deliverables import (
        do_add_submitted_item,
        do_review_deliverable,
        do_submit_deliverable,
    )

    for code in ("readiness-gap", "swot", "vision-keywords"):
        d = deliverable_of(selected["33.73"], code)
        do_add_submitted_item(budi, d, label="x", link="/r/33.73/")
        do_submit_deliverable(budi, d)
        do_review_deliverable(rina, d, decision="approved")
    rows = cells(as_ayu.get(reverse("programme:board", args=[cohort.pk])).content.decode(), "stage-matrix")
    salatiga = next(r for r in rows if r[1] == "Kota Salatiga")
    assert salatiga[5] == "Bimtek II"
    assert salatiga[6] == "3/3"


def test_overdue_deliverables_are_listed_and_counted(as_ayu, cohort, selected, monkeypatch) -> None:
    from kotacerdas.programme import board

    monkeypatch.setattr(board, "today", lambda: date(2026, 7, 10))  # Bimtek I items were due 2 July
    body = as_ayu.get(reverse("programme:dashboard")).content.decode()
    rows = cells(body, "stage-matrix")
    assert [r[10] for r in rows[1:]] == ["3", "3"]
    late = cells(body, "overdue")
    assert len(late) == 1 + 6
    assert late[1][2] == "Analisis kesiapan dan kesenjangan"


def regions_shown(client: Client, query: dict[str, object]) -> list[str]:
    """The region column of the matrix's data rows (the header row left out)."""
    rows = cells(client.get(reverse("programme:dashboard"), query).content.decode(), "stage-matrix")
    return [r[1] for r in rows[1:]]


def test_filters_by_province_and_size_class(as_ayu, cohort, selected) -> None:
    assert regions_shown(as_ayu, {"province": "34"}) == ["Kabupaten Sleman"]
    size = selected["33.73"].region.size_class
    assert selected["34.04"].region.size_class != size  # so the filter has something to leave out
    assert regions_shown(as_ayu, {"size_class": size}) == ["Kota Salatiga"]
    assert regions_shown(as_ayu, {"cohort": cohort.pk}) == ["Kabupaten Sleman", "Kota Salatiga"]


def test_a_cohort_without_selected_regions_shows_none(ayu, as_ayu, cohort, selected) -> None:
    from kotacerdas.programme.actions.cohorts import do_create_cohort
    from kotacerdas.programme.tests.conftest import STAGES

    later = do_create_cohort(
        ayu,
        year=2027,
        name="Gerakan Smart City 2027",
        quota=2,
        instrument="readiness-2019",
        stage_dates=STAGES,
    )
    body = as_ayu.get(reverse("programme:dashboard"), {"cohort": later.pk}).content.decode()
    assert cells(body, "stage-matrix")[1:] == [["Belum ada wilayah terpilih."]]


def test_an_unknown_cohort_in_the_filter_is_ignored(as_ayu, cohort, selected) -> None:
    # not one of the choices: the filter does not validate and every selected region is shown
    assert regions_shown(as_ayu, {"cohort": cohort.pk + 1000}) == ["Kabupaten Sleman", "Kota Salatiga"]


def test_the_xlsx_export_opens_and_matches_the_screen(as_ayu, cohort, selected) -> None:
    screen = cells(as_ayu.get(reverse("programme:dashboard")).content.decode(), "stage-matrix")
    response = as_ayu.get(reverse("programme:dashboard_xlsx"))
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert rows == screen


def test_the_dashboard_needs_a_fixed_number_of_queries(
    ayu, as_ayu, cohort, selected, django_assert_max_num_queries
) -> None:
    from kotacerdas.programme.tests.bulk import seed_cohort

    seed_cohort(ayu, 2027, 30)
    # a first view: 13, the change stamp of the kept body (1), and the inbox count kept in the session
    # (an UPDATE inside a savepoint, 3)
    with django_assert_max_num_queries(17):
        response = as_ayu.get(reverse("programme:dashboard"))
    assert response.status_code == 200
    assert len(cells(response.content.decode(), "stage-matrix")) == 1 + 32


def test_the_dashboard_pages_by_fifty_regions_at_the_same_query_count(ayu, as_ayu, cohort, selected) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kotacerdas.programme.tests.bulk import seed_cohort

    def count(**params: str) -> tuple[int, str]:
        forget_inbox_badge(as_ayu)  # a first view of the minute: the navigation counts the inbox
        with CaptureQueriesContext(connection) as captured:
            response = as_ayu.get(reverse("programme:dashboard"), params)
        assert response.status_code == 200
        return len(captured), response.content.decode()

    small, _ = count()
    seed_cohort(ayu, 2027, 60)
    large, first = count()
    assert large == small
    assert len(cells(first, "stage-matrix")) == 1 + 50 and "62 wilayah" in first
    _, second = count(page="2")
    assert len(cells(second, "stage-matrix")) == 1 + 12


def test_the_deliverables_of_a_candidacy_cost_the_same_queries_at_two_lengths(
    ayu, as_ayu, cohort, selected
) -> None:
    """The candidacy page lists its deliverables: 9 from the checklist, then 21 after adding 12 items."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kotacerdas.programme.actions.cohorts import do_add_checklist_item

    candidacy = selected["33.73"]
    url = reverse("programme:candidacy", args=[candidacy.region.code, cohort.pk])

    def count() -> int:
        forget_inbox_badge(as_ayu)  # a first view of the minute: the navigation counts the inbox
        with CaptureQueriesContext(connection) as captured:
            assert as_ayu.get(url).status_code == 200
        return len(captured)

    small = count()
    for n in range(12):
        do_add_checklist_item(ayu, cohort, stage=2, title=f"Laporan tambahan {n}")
    assert candidacy.deliverables.count() > 20
    assert count() == small


NOT_CHECKED = override_settings(REGION_SECTIONS_VERIFY_CACHE=False)  # what production serves


def salatiga_row(client: Client) -> list[str]:
    rows = cells(client.get(reverse("programme:dashboard")).content.decode(), "stage-matrix")
    return next(r for r in rows if r[1] == "Kota Salatiga")


def test_the_kept_body_is_renewed_by_an_audited_change_anywhere(as_ayu, cohort, selected, budi, rina) -> None:
    from kotacerdas.programme.actions.deliverables import (
        do_add_submitted_item,
        do_review_deliverable,
        do_submit_deliverable,
    )

    with NOT_CHECKED:
        assert salatiga_row(as_ayu)[6] == "0/3"
        d = deliverable_of(selected["33.73"], "swot")
        do_add_submitted_item(budi, d, label="x", link="/r/33.73/")
        do_submit_deliverable(budi, d)
        do_review_deliverable(rina, d, decision="approved")
        assert salatiga_row(as_ayu)[6] == "1/3"


def test_a_write_without_an_audit_entry_is_served_stale_and_the_suites_check_catches_it(
    as_ayu, cohort, selected
) -> None:
    from kotacerdas.programme.models import Deliverable

    salatiga_row(as_ayu)
    Deliverable.objects.filter(region__code="33.73").update(status="approved")  # no audit entry
    with NOT_CHECKED:
        assert salatiga_row(as_ayu)[6] == "0/3"  # the kept body: the cache is real
    with pytest.raises(StaleFragmentError, match="“programme:dashboard” is stale"):
        salatiga_row(as_ayu)


def test_each_filter_has_its_own_kept_body(as_ayu, cohort, selected) -> None:
    size = selected["33.73"].region.size_class
    with NOT_CHECKED:
        assert regions_shown(as_ayu, {}) == ["Kabupaten Sleman", "Kota Salatiga"]
        assert regions_shown(as_ayu, {"size_class": size}) == ["Kota Salatiga"]
        assert regions_shown(as_ayu, {"province": "34"}) == ["Kabupaten Sleman"]
        assert regions_shown(as_ayu, {}) == ["Kabupaten Sleman", "Kota Salatiga"]


@override_settings(REGION_SECTIONS_VERIFY_CACHE=False)
def test_the_filter_form_is_kept_by_filter_and_shows_the_chosen_values(as_ayu, cohort, selected) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def view(**params: str) -> tuple[str, list[str]]:
        with CaptureQueriesContext(connection) as captured:
            response = as_ayu.get(reverse("programme:dashboard"), params)
        assert response.status_code == 200
        return response.content.decode(), [q["sql"] for q in captured.captured_queries]

    view(size_class="besar")
    besar, queries = view(size_class="besar")
    assert not [sql for sql in queries if "programme_cohort" in sql]  # the form's choices were kept
    assert '<option value="besar" selected>' in besar
    kecil, queries = view(size_class="kecil")  # another filter: its own form
    assert '<option value="kecil" selected>' in kecil and '<option value="besar" selected>' not in kecil
    assert [sql for sql in queries if "programme_cohort" in sql]
