"""Region catalogue (public) and a region's workspace (scoped to its team)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.accounts.access import SignedInRequest, can_manage_region, national_admin_required
from kotacerdas.accounts.models import Membership
from kotacerdas.audit.stamps import region_change_stamp
from kotacerdas.regions import actions
from kotacerdas.regions.access import get_opd_in_region, region_setup_page
from kotacerdas.regions.forms import OpdForm, RegionFilterForm
from kotacerdas.regions.models import Region, SizeClassSchemeRecord, counts_by_size_class
from kotacerdas.web import public_links, region_sections
from kotacerdas.web.pages import RegionPage, list_and_add
from kotacerdas.web.params import counted_page_of, query_int
from kotacerdas.web.region_cache import Kept, kept_fragment


def catalogue(request: HttpRequest) -> HttpResponse:
    form = RegionFilterForm(request.GET or None)
    regions = _filtered_regions(form)
    page = Paginator(regions, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    # what higher apps publish about these regions (the portal page of a published region)
    links = public_links.links_for(region.code for region in page.object_list)
    rows = [(region, links.get(region.code, [])) for region in page.object_list]
    return render(
        request,
        "regions/catalogue.html",
        {"form": form, "page": page, "rows": rows, "total": regions.count(), "query": query.urlencode()},
    )


def _filtered_regions(form: RegionFilterForm) -> QuerySet[Region]:
    regions = Region.objects.exclude(kind=Region.Kind.PROVINCE).select_related("province")
    if not form.is_bound or not form.is_valid():
        return regions
    data = form.cleaned_data
    if data["q"]:
        regions = regions.filter(Q(name__icontains=data["q"]) | Q(code__startswith=data["q"]))
    if data["province"]:
        regions = regions.filter(province=data["province"])
    if data["kind"]:
        regions = regions.filter(kind=data["kind"])
    if data["size_class"]:
        regions = regions.filter(size_class=data["size_class"])
    return regions


# A page of the team and the OPD list: the same for everyone who may open the page but for the "Manage
# OPDs" button, and changed only through audited actions (memberships, OPDs, names), so kept against
# the region's change stamp like the cards.
TEAM_AND_OPDS = Kept("regions:team-and-opds", audience=can_manage_region)


@region_setup_page
def workspace(page: RegionPage[Region]) -> HttpResponse:
    sections = region_sections.render_sections(page.request, page.region, region_change_stamp)
    team_and_opds = kept_fragment(
        page.request,
        page.region,
        TEAM_AND_OPDS,
        lambda: _team_and_opds(page),
        stamp=region_change_stamp,
        variant=query_int(page.request, "page", 1),
    )
    return page.render("regions/workspace.html", {"sections": sections, "team_and_opds": team_and_opds})


def _team_and_opds(page: RegionPage[Region]) -> str:
    team = (
        Membership.objects.filter(region=page.region)
        .select_related("user", "opd")
        .order_by("role", "user__username")
    )
    context = {
        "region": page.region,
        "team": counted_page_of(page.request, team),
        "opds": page.region.opds.all(),
        "can_manage": page.can_edit,
    }
    return render_to_string("regions/_team_and_opds.html", context)


@region_setup_page
def opd_list(page: RegionPage[Region]) -> HttpResponse:
    if not page.can_edit:  # the list without the add form
        return page.render("regions/opd_list.html", {"opds": page.region.opds.all(), "can_manage": False})
    form = OpdForm(page.post)
    return list_and_add(
        page,
        form,
        lambda data: actions.do_create_opd(
            page.user, page.region, name=data["name"], short_name=data["short_name"]
        ),
        done=lambda opd: _("OPD “%(name)s” added.") % {"name": opd.name},
        template="regions/opd_list.html",
        context={"opds": page.region.opds.all(), "can_manage": True},
    )


@region_setup_page
def opd_edit(page: RegionPage[Region], opd_id: int) -> HttpResponse:
    opd = get_opd_in_region(page.region, opd_id)
    if not page.can_edit:  # the edit form itself is for the coordinator only, even to look at
        return page.forbidden()
    form = OpdForm(page.post) if page.post is not None else OpdForm.for_opd(opd)
    saved = page.save(
        form,
        lambda data: actions.do_update_opd(page.user, opd, **data),
        _("OPD saved."),
        then=reverse("regions:opds", kwargs={"code": page.region.code}),
    )
    return saved or page.render("regions/opd_edit.html", {"opd": opd, "form": form}, form)


@login_required
@require_POST
@region_setup_page
def opd_delete(page: RegionPage[Region], opd_id: int) -> HttpResponse:
    opd = get_opd_in_region(page.region, opd_id)
    page.run(
        lambda: actions.do_delete_opd(page.user, opd),
        _("OPD “%(name)s” deleted.") % {"name": opd.name},
    )
    return redirect("regions:opds", code=page.region.code)


@national_admin_required
def size_schemes(request: SignedInRequest) -> HttpResponse:
    if request.method == "POST":
        scheme = SizeClassSchemeRecord.objects.filter(code=request.POST.get("code", "")[:40]).first()
        if scheme is None:
            messages.error(request, _("Choose one of the listed schemes."))
        else:
            actions.do_activate_size_scheme(request.user, scheme)
            messages.success(
                request,
                _("“%(name)s” is now the active scheme; size classes were recomputed.")
                % {"name": scheme.name},
            )
            return redirect("regions:size_schemes")
    return render(
        request,
        "regions/size_schemes.html",
        {"schemes": SizeClassSchemeRecord.objects.all(), "counts": counts_by_size_class()},
    )
