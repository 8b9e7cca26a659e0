"""``quick_win_progress``: a year's Quick Win milestones are those of the masterplan revision the year
belongs to, planned up to the year, done when an approved report of a period up to the year marks
them; counted in one query for any number of regions and years (the national page asks for all)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.monitoring.access import QuickWinProgress, quick_win_progress, quick_win_progress_of
from kotacerdas.monitoring.actions.reports import do_review_report, do_save_initiative_report
from kotacerdas.planning.revisions.actions import do_start_revision

pytestmark = pytest.mark.django_db


def test_a_milestone_counts_from_its_planned_year_and_is_done_from_its_approved_reports_year(
    world, sari, budi, region_a, region_b
) -> None:
    """Salatiga's telemedicine milestone is planned in 2027; Sari marks it done in the 2027 report."""
    assert quick_win_progress(region_a, 2026) == QuickWinProgress(2026, 0, 0)
    assert quick_win_progress(region_a, 2027) == QuickWinProgress(2027, 0, 1)
    report = do_save_initiative_report(
        sari, world.period, world.telemed, implementation="running", milestones=[world.milestone], submit=True
    )
    assert quick_win_progress(region_a, 2027).done == 0, "submitted, not approved yet"
    do_review_report(budi, report, decision="approved")
    with CaptureQueriesContext(connection) as captured:
        found = quick_win_progress_of({region_a.pk: [2027, 2028, 2027], region_b.pk: [2027]})
    assert len(captured) == 1
    assert found == {
        (region_a.pk, 2027): QuickWinProgress(2027, 1, 1),
        (region_a.pk, 2028): QuickWinProgress(2028, 1, 1),
        (region_b.pk, 2027): QuickWinProgress(2027, 0, 0),  # no masterplan, no milestone
    }


def test_after_a_revision_a_year_counts_the_quick_wins_of_its_own_revision(
    world, sari, budi, region_a
) -> None:
    """Budi starts revision 2 (2028–2032), which has no Quick Win yet: 2027 keeps revision 1's milestone
    and its approved report; 2028 counts none (Quick Wins are not carried over)."""
    report = do_save_initiative_report(
        sari, world.period, world.telemed, implementation="running", milestones=[world.milestone], submit=True
    )
    do_review_report(budi, report, decision="approved")
    do_start_revision(budi, region_a, 2028, 2032)
    assert quick_win_progress(region_a, 2027) == QuickWinProgress(2027, 1, 1)
    assert quick_win_progress(region_a, 2028) == QuickWinProgress(2028, 0, 0)
