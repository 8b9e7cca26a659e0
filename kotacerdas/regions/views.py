"""Region catalogue (public) and a region's workspace (scoped to its team)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.accounts.access import (
    can_manage_region,
    get_opd_for_user,
    get_region_for_user,
    national_admin_required,
)
from kotacerdas.accounts.models import Membership
from kotacerdas.regions import actions
from kotacerdas.regions.forms import OpdForm, RegionFilterForm
from kotacerdas.regions.models import Region, SizeClassSchemeRecord
from kotacerdas.web import region_sections
from kotacerdas.web.forms import apply_validation_error


def catalogue(request: HttpRequest) -> HttpResponse:
    form = RegionFilterForm(request.GET or None)
    regions = _filtered_regions(form)
    page = Paginator(regions, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "regions/catalogue.html",
        {"form": form, "page": page, "total": regions.count(), "query": query.urlencode()},
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


@login_required
def workspace(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for_user(request.user, code)
    team = (
        Membership.objects.filter(region=region)
        .select_related("user", "opd")
        .order_by("role", "user__username")
    )
    return render(
        request,
        "regions/workspace.html",
        {
            "region": region,
            "team": team,
            "opds": region.opds.all(),
            "can_manage": can_manage_region(request.user, region),
            "sections": region_sections.render_sections(request, region),
        },
    )


@login_required
def opd_list(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for_user(request.user, code)
    can_manage = can_manage_region(request.user, region)
    form = OpdForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            return _forbidden(request, region)
        assert form is not None
        if form.is_valid():
            try:
                opd = actions.do_create_opd(
                    request.user,
                    region,
                    name=form.cleaned_data["name"],
                    short_name=form.cleaned_data["short_name"],
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("OPD “%(name)s” added.") % {"name": opd.name})
                return redirect("regions:opds", code=region.code)
    return render(
        request,
        "regions/opd_list.html",
        {"region": region, "opds": region.opds.all(), "form": form, "can_manage": can_manage},
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


@login_required
def opd_edit(request: HttpRequest, code: str, opd_id: int) -> HttpResponse:
    region = get_region_for_user(request.user, code)
    opd = get_opd_for_user(request.user, region, opd_id)
    if not can_manage_region(request.user, region):
        return _forbidden(request, region)
    form = OpdForm(request.POST) if request.method == "POST" else OpdForm.for_opd(opd)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_opd(request.user, opd, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("OPD saved."))
            return redirect("regions:opds", code=region.code)
    return render(
        request,
        "regions/opd_edit.html",
        {"region": region, "opd": opd, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def opd_delete(request: HttpRequest, code: str, opd_id: int) -> HttpResponse:
    region = get_region_for_user(request.user, code)
    opd = get_opd_for_user(request.user, region, opd_id)
    if not can_manage_region(request.user, region):
        return _forbidden(request, region)
    try:
        actions.do_delete_opd(request.user, opd)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("OPD “%(name)s” deleted.") % {"name": opd.name})
    return redirect("regions:opds", code=region.code)


def _forbidden(request: HttpRequest, region: Region) -> HttpResponse:
    return render(request, "403.html", {"region": region}, status=403)


@national_admin_required
def size_schemes(request: HttpRequest) -> HttpResponse:
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
    counts = (
        Region.objects.exclude(kind=Region.Kind.PROVINCE).values_list("size_class").annotate(n=Count("id"))
    )
    return render(
        request,
        "regions/size_schemes.html",
        {"schemes": SizeClassSchemeRecord.objects.all(), "counts": dict(counts.order_by())},
    )
