"""Two writes of one Quick Win's milestones released together in real threads (PostgreSQL): of two
changes from the same version exactly one wins, a change racing a removal loses to it or wins and
refuses it, and two "make from the Quick Win's steps" never make a step twice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.audit.models import AuditEntry
from kotacerdas.monitoring.actions.setup import (
    do_change_milestone,
    do_remove_milestone,
    do_seed_milestones,
)
from kotacerdas.monitoring.models import Milestone
from kotacerdas.planning.models import QuickWin
from kotacerdas.planning.quickwins.actions import do_save_quick_win_profile
from tests.concurrency import ON_POSTGRESQL, stale, together

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), ON_POSTGRESQL]
DELETED = "Data ini sudah dihapus setelah Anda membukanya"
STEPS = [f"Langkah {n}: uji coba layanan telemedis tahap {n}" for n in range(1, 9)]


def audited(pk: int) -> list[str]:
    rows = AuditEntry.objects.filter(object_id=str(pk), action__startswith="monitoring.milestone")
    return list(rows.order_by("id").values_list("action", flat=True))


def test_two_changes_of_one_milestone_from_the_same_version(budi, ayu, world) -> None:
    opened = world.milestone.version

    def change(actor: Any, title: str, year: int) -> Callable[[], Milestone]:
        row = Milestone.objects.get(pk=world.milestone.pk)  # each person's form read the same version
        return lambda: do_change_milestone(actor, row, title=title, year=year, version=opened)

    results = together(change(budi, "Rilis versi Budi", 2028), change(ayu, "Rilis versi Ayu", 2029))
    winners = [r for r in results if isinstance(r, Milestone)]
    assert len(winners) == 1, results
    (loser,) = [r for r in results if not isinstance(r, Milestone)]
    assert stale(loser), results
    # the refusal names the winner, and neither field of the loser reached the row
    winner_name = "Budi" if winners[0].title == "Rilis versi Budi" else "Ayu"
    assert f"sudah diubah oleh {winner_name}" in " ".join(loser.messages)
    stored = Milestone.objects.get(pk=world.milestone.pk)
    assert (stored.title, stored.year, stored.version) == (winners[0].title, winners[0].year, opened + 1)
    assert audited(stored.pk) == ["monitoring.milestone.add", "monitoring.milestone.change"]


def test_a_change_racing_a_removal_from_the_same_version(budi, ayu, world) -> None:
    opened, pk = world.milestone.version, world.milestone.pk
    for_budi, for_ayu = Milestone.objects.get(pk=pk), Milestone.objects.get(pk=pk)
    results = together(
        lambda: do_change_milestone(budi, for_budi, title="Rilis v2", year=2028, version=opened),
        lambda: do_remove_milestone(ayu, for_ayu, version=opened),
    )
    changed, removed = results
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    if isinstance(changed, Milestone):  # the change came first: the removal is refused as stale
        assert stale(removed), results
        stored = Milestone.objects.get(pk=pk)
        assert (stored.title, stored.year, stored.version) == ("Rilis v2", 2028, opened + 1)
        assert audited(pk) == ["monitoring.milestone.add", "monitoring.milestone.change"]
    else:  # the removal came first: the change finds the row gone and writes nothing back
        assert removed is None and isinstance(changed, ValidationError), results
        assert DELETED in " ".join(changed.messages)
        assert not Milestone.objects.filter(pk=pk).exists()
        assert audited(pk) == ["monitoring.milestone.add", "monitoring.milestone.remove"]


def test_two_seeds_from_the_same_steps_make_each_step_once(budi, ayu, world) -> None:
    """Before the Quick Win's row was locked, both read "no milestones yet" and each added every step."""
    quick_win = world.milestone.quick_win
    do_save_quick_win_profile(budi, quick_win, steps="\n".join(STEPS))

    def seed(actor: Any) -> Callable[[], int]:
        row = QuickWin.objects.get(pk=quick_win.pk)  # each person's page showed the same steps
        return lambda: do_seed_milestones(actor, row)

    results = together(seed(budi), seed(ayu))
    assert sorted(results) == [0, len(STEPS)], results
    titles = list(Milestone.objects.filter(quick_win=quick_win).values_list("title", flat=True))
    assert sorted(titles) == sorted(["Aplikasi telemedis rilis", *STEPS])
    added = AuditEntry.objects.filter(action="monitoring.milestone.add").count()
    assert added == 1 + len(STEPS)  # the plan's milestone, then each step once
