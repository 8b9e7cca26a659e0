"""Quick Win milestone actions: add, change (versioned), remove, make from the Quick Win's steps; a
milestone an approved report marked done keeps its year and stays (published progress); only the
region's monitoring managers write, each write in the audit log."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.audit.models import AuditEntry
from kotacerdas.monitoring.access import quick_win_progress
from kotacerdas.monitoring.actions.reports import do_review_report, do_save_initiative_report
from kotacerdas.monitoring.actions.setup import (
    do_add_milestone,
    do_change_milestone,
    do_remove_milestone,
    do_seed_milestones,
)
from kotacerdas.monitoring.models import Milestone
from kotacerdas.planning.quickwins.actions import do_save_quick_win_profile

pytestmark = pytest.mark.django_db


def approve_marked(budi, sari, world):
    report = do_save_initiative_report(
        sari, world.period, world.telemed, implementation="running", milestones=[world.milestone], submit=True
    )
    do_review_report(budi, report, decision="approved")
    return report


def actions_of(pk: int) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_id=str(pk), action__startswith="monitoring.milestone")
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_budi_changes_and_removes_a_milestone_with_audit_entries(budi, world) -> None:
    milestone, pk = world.milestone, world.milestone.pk
    changed = do_change_milestone(
        budi, milestone, title="  Aplikasi   telemedis\trilis v2 ", year=2028, version=milestone.version
    )
    changed.refresh_from_db()
    assert (changed.title, changed.year, changed.version) == ("Aplikasi telemedis rilis v2", 2028, 2)
    do_remove_milestone(budi, changed, version=changed.version)
    assert not Milestone.objects.filter(pk=pk).exists()
    assert actions_of(pk) == [
        "monitoring.milestone.add",
        "monitoring.milestone.change",
        "monitoring.milestone.remove",
    ]


def test_a_change_from_an_older_version_is_refused(budi, ayu, world) -> None:
    opened = world.milestone.version
    do_change_milestone(ayu, world.milestone, title="Rilis", year=2027, version=opened)
    stale = Milestone.objects.get(pk=world.milestone.pk)
    with pytest.raises(ValidationError, match="Data ini sudah diubah oleh Ayu"):
        do_change_milestone(budi, stale, title="Lain", year=2027, version=opened)
    with pytest.raises(ValidationError, match="Data ini sudah diubah oleh Ayu"):
        do_remove_milestone(budi, stale, version=opened)
    assert Milestone.objects.get(pk=world.milestone.pk).title == "Rilis"


def test_the_year_must_lie_in_the_masterplan_period(budi, world) -> None:
    with pytest.raises(ValidationError, match="Tahun tonggak 2031 berada di luar periode masterplan"):
        do_change_milestone(budi, world.milestone, title="Rilis", year=2031, version=world.milestone.version)
    with pytest.raises(ValidationError):
        do_add_milestone(budi, world.milestone.quick_win, title="Rilis", year=2025)
    assert Milestone.objects.get(pk=world.milestone.pk).year == 2027


def test_a_milestone_done_in_an_approved_report_keeps_its_year_and_stays(budi, sari, world) -> None:
    """The refusals: without them the milestone approved as done in 2027 would move to 2028 (or vanish)
    and the published 2027 Quick Win progress would drop from 1 of 1 to 0 of 0."""
    approve_marked(budi, sari, world)
    assert quick_win_progress(world.period.region, 2027).done == 1
    milestone = Milestone.objects.get(pk=world.milestone.pk)
    with pytest.raises(ValidationError) as moved:
        do_change_milestone(budi, milestone, title=milestone.title, year=2028, version=milestone.version)
    assert "Tahunnya tidak dapat dipindahkan: “Aplikasi telemedis rilis” sudah ditandai selesai" in str(
        moved.value
    )
    with pytest.raises(ValidationError):
        do_remove_milestone(budi, milestone, version=milestone.version)
    # the title may still be corrected: the count does not change
    do_change_milestone(budi, milestone, title="Aplikasi telemedis rilis (v1)", year=2027, version=1)
    milestone.refresh_from_db()
    assert (milestone.title, milestone.year) == ("Aplikasi telemedis rilis (v1)", 2027)
    assert quick_win_progress(world.period.region, 2027).done == 1


def test_a_milestone_only_in_a_submitted_report_may_still_move(budi, sari, world) -> None:
    do_save_initiative_report(
        sari, world.period, world.telemed, implementation="running", milestones=[world.milestone], submit=True
    )
    do_change_milestone(budi, world.milestone, title="Rilis", year=2028, version=world.milestone.version)
    assert Milestone.objects.get(pk=world.milestone.pk).year == 2028


def test_the_steps_make_one_milestone_per_line_without_repeats(budi, world) -> None:
    quick_win = world.milestone.quick_win
    do_save_quick_win_profile(
        budi, quick_win, steps="Aplikasi telemedis rilis\n\n  Pelatihan   nakes \nUji coba di 5 puskesmas\n"
    )
    assert do_seed_milestones(budi, quick_win) == 2  # the first step is already a milestone
    titles = list(Milestone.objects.filter(quick_win=quick_win).values_list("title", "year"))
    assert titles == [
        ("Aplikasi telemedis rilis", 2027),
        ("Pelatihan nakes", 2027),
        ("Uji coba di 5 puskesmas", 2027),
    ]
    assert do_seed_milestones(budi, quick_win) == 0


@pytest.mark.parametrize("who", ["sari", "rina", "tono"])
def test_only_managers_write(request, world, who) -> None:
    person = request.getfixturevalue(who)
    milestone = world.milestone
    with pytest.raises(ActionNotAllowed):
        do_add_milestone(person, milestone.quick_win, title="Lain", year=2027)
    with pytest.raises(ActionNotAllowed):
        do_change_milestone(person, milestone, title="Lain", year=2027, version=milestone.version)
    with pytest.raises(ActionNotAllowed):
        do_remove_milestone(person, milestone, version=milestone.version)
    with pytest.raises(ActionNotAllowed):
        do_seed_milestones(person, milestone.quick_win)
    assert list(Milestone.objects.values_list("title", flat=True)) == ["Aplikasi telemedis rilis"]
