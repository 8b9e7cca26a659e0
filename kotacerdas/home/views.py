"""Home pages: one per kind of person, and the public landing page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kotacerdas.accounts.access import is_national_admin, memberships_of, opds_of_user
from kotacerdas.accounts.models import Role
from kotacerdas.home.first_steps import first_steps
from kotacerdas.regions.models import Region, counts_by_size_class
from kotacerdas.web.inbox_badge import inbox_for_request
from kotacerdas.web.params import page_of

# Items per group on the home page; the inbox page lists them all.
HOME_SHOWN = 5


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and the load benchmark's yardstick: answers without the database or a template."""
    return HttpResponse("ok", content_type="text/plain")


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return _landing(request)
    if is_national_admin(request.user):
        return _national_home(request)
    return _member_home(request)


def _landing(request: HttpRequest) -> HttpResponse:
    counts = dict(Region.objects.values_list("kind").annotate(n=Count("id")).order_by())
    return render(request, "home/landing.html", {"counts": counts})


def _national_home(request: HttpRequest) -> HttpResponse:
    regencies = Region.objects.exclude(kind=Region.Kind.PROVINCE)
    by_size = counts_by_size_class()
    active = (
        regencies.annotate(
            members=Count("memberships", distinct=True), opd_count=Count("opds", distinct=True)
        )
        .filter(members__gt=0)
        .select_related("province")
        .order_by("name")
    )
    return render(
        request,
        "home/home_national.html",
        {
            "regency_count": regencies.count(),
            "by_size": by_size,
            # 50 a page: at national scale (514 regions) the whole table cost ~0.35 ms a region.
            "active_regions": page_of(request, active),
            "inbox": inbox_for_request(request),
            "shown": HOME_SHOWN,
        },
    )


def _member_home(request: HttpRequest) -> HttpResponse:
    memberships = list(memberships_of(request.user))
    regions = sorted({m.region for m in memberships if m.region}, key=lambda r: r.name)
    coordinated = {m.region for m in memberships if m.role == Role.COORDINATOR}
    return render(
        request,
        "home/home_member.html",
        {
            "memberships": memberships,
            "regions": regions,
            "coordinated": coordinated,
            # while a region of the coordinator has a first step to take
            "first_steps": first_steps([region for region in coordinated if region is not None]),
            "my_opds": list(opds_of_user(request.user)),
            "inbox": inbox_for_request(request),
            "shown": HOME_SHOWN,
        },
    )


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The person's whole task inbox, grouped by kind (most urgent first)."""
    return render(request, "home/inbox.html", {"inbox": inbox_for_request(request)})
