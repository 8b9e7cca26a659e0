"""Who may see and do what. Region-scoped reads go through these getters.

Each rule is one condition per line so a reviewer can check it against the
roles table in docs/reference/roles.md.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from kotacerdas.accounts.models import Membership, Role
from kotacerdas.regions.models import Opd, Region


def is_national_admin(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role=Role.NATIONAL_ADMIN).exists()


def memberships_of(user: Any) -> QuerySet[Membership]:
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("region", "opd")


def visible_regions(user: Any) -> QuerySet[Region]:
    """Regions whose workspace (team, OPDs, unpublished work) the user may open."""
    if not user.is_authenticated:
        return Region.objects.none()
    if is_national_admin(user):
        return Region.objects.exclude(kind=Region.Kind.PROVINCE)
    return Region.objects.filter(memberships__user=user).distinct()


def get_region_for_user(user: Any, code: str) -> Region:
    """The region with this code if the user may open it; 404 otherwise (never 403: no leak)."""
    try:
        return visible_regions(user).get(code=code)
    except Region.DoesNotExist:
        raise Http404 from None


def can_manage_region(user: Any, region: Region) -> bool:
    """Edit the region's own set-up (OPD list, team)."""
    if not user.is_authenticated:
        return False
    if is_national_admin(user):
        return True
    return Membership.objects.filter(user=user, role=Role.COORDINATOR, region=region).exists()


def get_opd_for_user(user: Any, region: Region, opd_id: int) -> Opd:
    try:
        return Opd.objects.get(region=region, pk=opd_id)
    except Opd.DoesNotExist:
        raise Http404 from None


def opds_of_user(user: Any) -> QuerySet[Opd]:
    if not user.is_authenticated:
        return Opd.objects.none()
    return Opd.objects.filter(memberships__user=user, memberships__role=Role.OPD_CONTRIBUTOR).select_related(
        "region"
    )


View = Callable[..., HttpResponse]


def national_admin_required(view: View) -> View:
    """Pages only the national admin may open; others get 404 so nothing leaks."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_national_admin(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
