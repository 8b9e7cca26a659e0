"""Monitoring in the inbox: Sari's period to report, Budi's reports to approve, a returned report."""

from __future__ import annotations

import datetime

import pytest

from kotacerdas.monitoring.actions.reports import (
    do_review_report,
    do_save_initiative_report,
    do_save_kpi_report,
)
from kotacerdas.monitoring.overview import expected_items, region_summary
from kotacerdas.planning.revisions.actions import do_start_revision
from kotacerdas.web.inbox import collect_inbox, count_inbox

pytestmark = pytest.mark.django_db


def monitoring_items(person) -> list:  # type: ignore[no-untyped-def]
    inbox = collect_inbox(person)
    assert count_inbox(person) == inbox.count  # the navigation's count is the items'
    return [item for item in inbox.items if item.source == "monitoring"]


def report_everything_of_dinkes(sari, world) -> list:  # type: ignore[no-untyped-def]
    return [
        do_save_kpi_report(
            sari,
            world.period,
            world.visits,
            value="4200",
            evidence_link="https://contoh.go.id/rekap",
            submit=True,
        ),
        do_save_kpi_report(sari, world.period, world.coverage, numerator="6", denominator="10", submit=True),
        do_save_initiative_report(sari, world.period, world.telemed, implementation="running", submit=True),
    ]


def test_sari_is_asked_to_report_the_open_period_until_her_opd_has(world, sari) -> None:
    (item,) = monitoring_items(sari)
    assert (item.kind, item.title, item.due) == (
        "assigned",
        "Laporkan realisasi periode 2027",
        datetime.date(2028, 1, 31),
    )
    assert item.url == f"/r/33.73/monitoring/periode/{world.period.pk}/"
    do_save_kpi_report(sari, world.period, world.coverage, numerator="6", denominator="10")  # a draft
    assert len(monitoring_items(sari)) == 1  # a draft is not reported yet
    report_everything_of_dinkes(sari, world)
    assert monitoring_items(sari) == []  # Diskominfo's portal is not hers


def test_budi_reviews_sari_revises_what_came_back(world, sari, budi, dewi) -> None:
    visits, coverage, telemed = report_everything_of_dinkes(sari, world)
    (review,) = monitoring_items(budi)
    assert (review.kind, review.title, review.url) == (
        "review",
        "Tinjau laporan periode 2027",
        "/r/33.73/monitoring/antrean/",
    )
    do_review_report(budi, visits, decision="returned", reason="Rekap kurang")
    do_review_report(budi, coverage, decision="approved")
    do_review_report(budi, telemed, decision="approved")
    assert monitoring_items(budi) == []  # nothing waits for approval any more
    returned = [i for i in monitoring_items(sari) if i.kind == "returned"]
    assert [(i.title, i.detail) for i in returned] == [
        ("Perbaiki laporan “Kunjungan telemedis” · periode 2027", "Rekap kurang")
    ]
    assert sorted(i.kind for i in monitoring_items(sari)) == ["assigned", "returned"]  # visits is due again
    assert monitoring_items(dewi) == []  # Sleman's coordinator sees nothing of Salatiga


def test_the_author_of_a_returned_report_sees_it_without_being_in_its_opd(world, budi) -> None:
    # Budi (coordinator, no OPD) reports for Diskominfo's portal and sends it back to himself
    report = do_save_initiative_report(
        budi, world.period, world.portal, implementation="running", submit=True
    )
    do_review_report(budi, report, decision="returned", reason="Progres belum diisi")
    returned = [(i.title, i.detail) for i in monitoring_items(budi) if i.kind == "returned"]
    assert returned == [("Perbaiki laporan “Inisiatif PL-01” · periode 2027", "Progres belum diisi")]


def test_a_period_of_an_earlier_revision_asks_for_that_revisions_items(world, sari, budi, region_a) -> None:
    do_start_revision(budi, region_a, 2029, 2033)  # the open 2027 period stays revision 1's
    (item,) = monitoring_items(sari)
    assert item.url == f"/r/33.73/monitoring/periode/{world.period.pk}/"
    report_everything_of_dinkes(sari, world)
    assert monitoring_items(sari) == []  # revision 1's items are reported; the copies are not asked for
    # the region card counts what the period page lists: revision 1's five items, three of them sent
    kpis, initiatives = expected_items(world.period)
    card = region_summary(region_a)
    assert card is not None and (card["expected"], card["reported"]) == (len(kpis) + len(initiatives), 3) == (
        5,
        3,
    )
