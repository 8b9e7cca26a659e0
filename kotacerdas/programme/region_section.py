"""The programme card on a region's page: stage, MoU, mentors, what is returned or due next, bodies."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from kotacerdas.accounts.access import is_national_admin, roles_in_request
from kotacerdas.core import progress
from kotacerdas.programme import board
from kotacerdas.programme.access import TEAM_ROLES, Visitor, programme_regions, visible_candidacies
from kotacerdas.programme.models import Candidacy, Deliverable, Institution, Transition
from kotacerdas.regions.models import Region

DUE_SHOWN = 3


def region_section(user: Visitor, region: Region) -> dict[str, Any] | None:
    if _whole_team_view(user, region):
        # The region's team and Ayu see every candidacy of the region: the same rows as
        # ``visible_candidacies(user).filter(region=region)``, without asking the database who they are.
        candidacies = Candidacy.objects.filter(region=region)
    elif programme_regions(user).filter(pk=region.pk).exists():
        candidacies = visible_candidacies(user).filter(region=region)
    else:
        return None  # e.g. an assessor of the region not assigned to any of its candidacies
    today = timezone.localdate()
    rows = board.progress_rows(board.with_relations(candidacies), today)
    owed = Deliverable.objects.filter(
        candidacy__in=[row.candidacy for row in rows], status__in=progress.OWED_BY_REGION
    ).select_related("item", "candidacy", "region")
    return {
        "rows": rows,
        "returned": _returned_with_reasons(owed.filter(status=progress.RETURNED)),
        "due": list(owed.filter(status=progress.PENDING).order_by("item__due_on", "item__order")[:DUE_SHOWN]),
        "institutions": list(Institution.objects.filter(region=region)),
        "today": today,
    }


def card_audience(user: Visitor, region: Region) -> Hashable:
    """The region's team and Ayu see the same card (every candidacy); a mentor or assessor sees the
    candidacies assigned to them: a card of their own."""
    return "team" if _whole_team_view(user, region) else ("person", user.pk)


def _whole_team_view(user: Visitor, region: Region) -> bool:
    if is_national_admin(user):
        return True
    roles = roles_in_request(user)
    return roles is not None and any(roles.has(role, region.pk) for role in TEAM_ROLES)


def _returned_with_reasons(returned: QuerySet[Deliverable]) -> list[tuple[Deliverable, str]]:
    """Each returned deliverable with the mentor's latest reason (one query for all reasons)."""
    returns = Transition.objects.filter(to_status=progress.RETURNED).order_by("created_at", "id")
    rows = returned.prefetch_related(Prefetch("transitions", queryset=returns, to_attr="returns"))
    return [(d, d.returns[-1].reason if d.returns else "") for d in rows]
