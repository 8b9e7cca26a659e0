"""Stage progress and overdue deliverables of a Bimtek programme (pure Python).

A deliverable's status is one of ``pending``, ``submitted``, ``returned``, ``approved``.
A deliverable is *overdue* when its due date has passed and the region still owes work on
it (``pending`` or ``returned``); a submitted deliverable waits for the mentor, not the region.
A region's *current stage* is its first unfinished stage: the first stage with a deliverable that is not
approved (the region may already owe a later stage's deliverables); when every deliverable of every stage
is approved the region has *completed* the programme.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

PENDING = "pending"
SUBMITTED = "submitted"
RETURNED = "returned"
APPROVED = "approved"
STATUSES = (PENDING, SUBMITTED, RETURNED, APPROVED)
OWED_BY_REGION = (PENDING, RETURNED)

# status → statuses it may move to (the deliverable state machine)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    PENDING: (SUBMITTED,),
    SUBMITTED: (APPROVED, RETURNED),
    RETURNED: (SUBMITTED,),
    APPROVED: (),
}


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, ())


@dataclass(frozen=True)
class DueItem:
    key: object
    due_on: date | None
    status: str


def is_overdue(due_on: date | None, status: str, today: date) -> bool:
    return due_on is not None and due_on < today and status in OWED_BY_REGION


def days_late(due_on: date | None, today: date) -> int:
    return 0 if due_on is None else max((today - due_on).days, 0)


def overdue(items: Iterable[DueItem], today: date) -> list[DueItem]:
    """The overdue items, most late first."""
    late = [item for item in items if is_overdue(item.due_on, item.status, today)]
    return sorted(late, key=lambda item: (item.due_on or today, str(item.key)))


@dataclass(frozen=True)
class StageCount:
    total: int = 0
    approved: int = 0
    submitted: int = 0
    returned: int = 0
    overdue: int = 0

    @property
    def done(self) -> bool:
        return self.total > 0 and self.approved == self.total


def current_stage(counts: Mapping[int, StageCount], stages: Iterable[int]) -> int | None:
    """The first stage (in the given order) that is not done; ``None`` when all are done."""
    for stage in stages:
        if not counts.get(stage, StageCount()).done:
            return stage
    return None
