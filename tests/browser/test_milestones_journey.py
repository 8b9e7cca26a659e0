"""Quick Win milestones in a real browser: Budi goes from Salatiga's page to monitoring and on to the
"Tonggak Quick Win" page by its links, makes milestones from the Quick Win's steps, adds one, moves one
to the next year, removes one; the done milestone offers no removal; the monitoring page's Quick Win
table, its initiatives table and the region's card then count what he did.

The plan, the Quick Win's steps, the 2027 period and one approved report marking the first milestone
done are built through the actions (kotacerdas/monitoring/tests/journey.py); the journey is clicked.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
STEPS = "Aplikasi telemedis rilis\nPelatihan nakes\nUji coba di 5 puskesmas"


def plan_with_a_done_milestone(budi, sari, region_a, dinkes_a):  # type: ignore[no-untyped-def]
    """KS-01's Quick Win (2027) with three steps and its one milestone approved as done in 2027."""
    from datetime import date

    from kotacerdas.monitoring.actions.periods import do_open_period
    from kotacerdas.monitoring.actions.reports import do_review_report, do_save_initiative_report
    from kotacerdas.monitoring.tests.journey import build_plan
    from kotacerdas.planning.quickwins.actions import do_save_quick_win_profile

    telemed, *_rest, milestone = build_plan(budi, region_a, dinkes_a)
    quick_win = milestone.quick_win
    do_save_quick_win_profile(budi, quick_win, steps=STEPS)
    period = do_open_period(budi, region_a, year=2027, closes_on=date(2028, 1, 31))
    report = do_save_initiative_report(
        sari, period, telemed, implementation="running", milestones=[milestone], submit=True
    )
    do_review_report(budi, report, decision="approved")
    return quick_win


def cells_of_2027(page):  # type: ignore[no-untyped-def]
    """The monitoring page's Quick Win row of 2027: year, milestones done, planned up to the year (a
    locator, for ``expect``: read at once after a click, the page may still be the one before)."""
    return page.locator("#quick-wins tbody tr", has_text="2027").locator("td")


def test_budi_sets_the_quick_win_milestones(page, budi, sari, region_a, dinkes_a) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.monitoring.models import Milestone

    quick_win = plan_with_a_done_milestone(budi, sari, region_a, dinkes_a)
    card = page.get_by_test_id("region-quick-win")

    log_in(page, "budi")
    page.goto(page.base_url + "/r/33.73/")
    expect(card).to_have_text("1 dari 1 selesai")
    page.locator("#section-monitoring").get_by_role("link", name="Monitoring").click()
    expect(cells_of_2027(page)).to_have_text(["2027", "1", "1"])
    page.get_by_test_id("milestones-link").get_by_role("link", name="Tonggak Quick Win").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tonggak Quick Win")

    page.get_by_role("button", name=re.compile("^Buat dari langkah Quick Win")).click()
    expect(page.get_by_text("Tonggak yang ditambahkan dari langkah Quick Win: 2.")).to_be_visible()

    page.get_by_label("Quick Win").select_option(
        label=f"{quick_win.initiative.code} · {quick_win} ({quick_win.year})"
    )
    page.get_by_label("Tonggak").fill("Sosialisasi ke warga")
    page.get_by_label("Tahun rencana").fill("2027")
    page.get_by_role("button", name="Simpan tonggak").click()
    expect(page.get_by_text("Tonggak ditambahkan.")).to_be_visible()

    page.get_by_role("link", name="Ubah Pelatihan nakes").click()
    expect(page.get_by_role("heading", name="Ubah tonggak “Pelatihan nakes”")).to_be_visible()
    page.get_by_label("Tahun rencana").fill("2028")
    page.get_by_role("button", name="Simpan tonggak").click()
    expect(page.get_by_text("Tonggak disimpan.")).to_be_visible()

    page.get_by_role("button", name="Hapus Uji coba di 5 puskesmas").click()
    expect(page.get_by_text("Tonggak dihapus.")).to_be_visible()
    # the milestone the approved 2027 report marked done is counted in published progress: no removal
    expect(page.get_by_role("button", name="Hapus Aplikasi telemedis rilis")).to_have_count(0)
    rows = page.locator(f'[data-testid="quick-win-{quick_win.pk}"] tbody tr')
    expect(rows).to_have_count(3)
    assert [row.locator("td").nth(1).inner_text() for row in rows.all()] == [
        "Aplikasi telemedis rilis",
        "Sosialisasi ke warga",
        "Pelatihan nakes",
    ]
    stored = Milestone.objects.filter(quick_win=quick_win).values_list("title", "year")
    assert sorted(stored) == [
        ("Aplikasi telemedis rilis", 2027),
        ("Pelatihan nakes", 2028),
        ("Sosialisasi ke warga", 2027),
    ]

    # 2027 counts the two milestones planned up to 2027 (the moved one belongs to 2028), one done
    page.get_by_role("navigation", name="Monitoring").get_by_role("link", name="Monitoring").click()
    expect(cells_of_2027(page)).to_have_text(["2027", "1", "2"])
    listed = page.locator("#initiatives tbody tr", has_text="KS-01").locator("td").nth(5)
    expect(listed).to_have_text(
        "✔ Aplikasi telemedis rilis\n○ Sosialisasi ke warga\n○ Pelatihan nakes", use_inner_text=True
    )
    page.get_by_role("navigation", name="Monitoring").get_by_role("link", name=region_a.name).click()
    expect(card).to_have_text("1 dari 2 selesai")
