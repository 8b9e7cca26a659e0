"""Who may change a region's masterplan, and access-checked getters of its records.

Every getter takes a region that already came from get_region_for_user (so the
user may open it) and returns 404 for any record of another region.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from kotacerdas.accounts.access import can_manage_region, get_region_for_user
from kotacerdas.accounts.models import Membership, Role, User
from kotacerdas.planning.models import (
    AdoptedItem,
    AdoptedPlan,
    BudgetLine,
    ExpertJudgement,
    Initiative,
    KeyIndicator,
    Kpi,
    Masterplan,
    Problem,
    ProgrammeMapping,
    QuickWin,
    Risk,
    RoadmapRun,
    Statement,
    SwotItem,
)
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import region_page

M = TypeVar("M", bound=models.Model)

# How each masterplan record reaches its region: the lookup that keeps region B's records out.
REGION_LOOKUP: dict[type[models.Model], str] = {
    Masterplan: "region",
    KeyIndicator: "region",
    Problem: "region",
    SwotItem: "region",
    Statement: "region",
    ProgrammeMapping: "region",
    Initiative: "region",
    BudgetLine: "initiative__region",
    Kpi: "initiative__region",
    RoadmapRun: "region",
    AdoptedPlan: "region",
    AdoptedItem: "plan__region",
    QuickWin: "region",
    Risk: "quick_win__region",
    ExpertJudgement: "region",
}

# Records whose managers do not already keep to the active masterplan revision (plan_scope): the
# lookup to their masterplan, so an earlier revision's record is a 404 on the pages that change it.
ACTIVE_PLAN_LOOKUP: dict[type[models.Model], str] = {
    Risk: "quick_win__initiative__masterplan",
}

# Group AHP: the region's members with edit rights (its coordinator and the OPDs' people, whose heads
# answer for their OPD) and its mentor. Assessors only verify, so they are not on the panel.
EXPERT_ROLES = (Role.COORDINATOR, Role.OPD_CONTRIBUTOR, Role.MENTOR)


def can_edit_masterplan(user: User, region: Region) -> bool:
    """The region's coordinator (and the national admin) assemble the masterplan."""
    return can_manage_region(user, region)


def can_judge_criteria(user: User, region: Region) -> bool:
    """May enter their own pairwise judgements of the criteria (be an expert of the group AHP)."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, region=region, role__in=EXPERT_ROLES).exists()


def expert_judgements_of(region: Region) -> list[ExpertJudgement]:
    """The stored judgements of the region's current experts (someone who left the panel no longer
    counts), the expert's user loaded."""
    current = Membership.objects.filter(region=region, role__in=EXPERT_ROLES).values("user")
    return list(ExpertJudgement.objects.filter(region=region, expert__in=current).select_related("expert"))


def own_judgement(region: Region, user: User) -> ExpertJudgement | None:
    return ExpertJudgement.objects.filter(region=region, expert=user).first()


def get_in_region(model: type[M], region: Region, pk: int) -> M:
    """``model`` record ``pk`` that belongs to ``region`` (directly or through its parent), else 404.

    Only the models of ``REGION_LOOKUP`` are known: any other model is a programming error, told
    as such instead of a database error at run time."""
    try:
        lookup = REGION_LOOKUP[model]
    except KeyError:
        raise TypeError(
            f"get_in_region does not know how a {model._meta.label} belongs to a region; "
            "add it to kotacerdas.planning.access.REGION_LOOKUP"
        ) from None
    filters: dict[str, object] = {lookup: region}
    if model in ACTIVE_PLAN_LOOKUP:
        filters[ACTIVE_PLAN_LOOKUP[model] + "__is_active"] = True
    try:
        return model._default_manager.get(pk=pk, **filters)
    except model.DoesNotExist:  # type: ignore[attr-defined]
        raise Http404 from None


def active_masterplan(region: Region) -> Masterplan | None:
    """The region's active masterplan revision (None before the profile is first saved): what every
    page, API, book, monitoring and evaluation view reads."""
    return Masterplan.objects.filter(region=region).first()


# The name the planning code has always used for the active plan.
masterplan_of = active_masterplan


def masterplan_revisions(region: Region) -> list[Masterplan]:
    """Every revision of the region's masterplan, the first one first."""
    return list(Masterplan.all_revisions.filter(region=region).order_by("revision"))


def masterplan_for_year(region: Region, year: int) -> Masterplan | None:
    """The revision a year's records belong to (a monitoring period's, say): the active revision when
    its period holds the year, else the latest earlier revision that does, else the active one."""
    return Masterplan.all_revisions.filter(pk=revision_for_year(region, year)).first()


def revision_for_year(region: Region | int | OuterRef, year: int | OuterRef) -> Coalesce:
    """:func:`masterplan_for_year`'s primary key as an SQL expression, so that a count over many
    periods (the inbox, the region card) picks each period's revision inside one query."""
    revisions = Masterplan.all_revisions.filter(region=region)
    holding = revisions.filter(period_start__lte=year, period_end__gte=year)
    holding = holding.order_by("-is_active", "-revision")
    active = revisions.filter(is_active=True).order_by()
    return Coalesce(Subquery(holding.values("pk")[:1]), Subquery(active.values("pk")[:1]))


def initiatives_of(masterplan: Masterplan | None) -> models.QuerySet[Initiative]:
    """The initiatives of one revision, earlier or active (the default manager gives the active's)."""
    return Initiative.all_revisions.filter(masterplan=masterplan)


def kpis_of(masterplan: Masterplan | None) -> models.QuerySet[Kpi]:
    return Kpi.all_revisions.filter(initiative__masterplan=masterplan)


def get_revision(region: Region, revision: int) -> Masterplan:
    """Revision number ``revision`` of the region's masterplan (active or earlier), else 404."""
    try:
        return Masterplan.all_revisions.get(region=region, revision=revision)
    except Masterplan.DoesNotExist:
        raise Http404 from None


# Every masterplan page: the region through the access getter (404 for others), POST needs the edit right.
masterplan_page = region_page(get_region_for_user, can_edit_masterplan)
# An expert's own judgements page: the same region check; POST needs to be one of the experts.
expert_page = region_page(get_region_for_user, can_judge_criteria)
