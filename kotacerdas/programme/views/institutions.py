"""A region's Dewan Smart City and Tim Pelaksana: their decree (SK) and members (the coordinator edits)."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.programme.access import decree_page, post_only, region_programme_page
from kotacerdas.programme.actions import institutions as actions
from kotacerdas.programme.forms import InstitutionForm, MemberForm
from kotacerdas.programme.models import Institution, InstitutionMember
from kotacerdas.regions.models import Region
from kotacerdas.web import uploads
from kotacerdas.web.object_pages import ObjectPage
from kotacerdas.web.pages import RegionPage


def _institutions(page: RegionPage[Region], member_kind: str = "", **bound: forms.Form) -> HttpResponse:
    """Both bodies with their forms: the one just sent (with its errors, under ``member_kind``) or blank."""
    bodies = {i.kind: i for i in Institution.objects.filter(region=page.region).prefetch_related("members")}
    sent = bound.get("member_form")
    context = {
        "sections": [
            (kind, label, bodies.get(kind), sent if sent and kind == member_kind else _member_form(kind))
            for kind, label in Institution.Kind.choices
        ],
        "institution_form": bound.get("institution_form") or InstitutionForm(),
        "member_kind": member_kind,
    }
    return page.render("programme/institutions.html", context, *bound.values())


def _member_form(kind: str, data: QueryDict | None = None) -> MemberForm:
    """A body's own member form: its fields' ids carry the body's kind, so each label names its own
    input (both bodies' forms are on one page)."""
    return MemberForm(data, auto_id=f"id_{kind}_%s")


@region_programme_page
def institutions(page: RegionPage[Region]) -> HttpResponse:
    """The bodies, and the target of the decree form."""
    form = InstitutionForm(page.post, page.files)
    return page.save(
        form,
        lambda data: actions.do_save_institution(
            page.user,
            page.region,
            kind=data["kind"],
            decree_number=data["decree_number"],
            decree_date=data["decree_date"],
            upload=data["decree_file"],
        ),
        _("Decree saved."),
    ) or _institutions(page, institution_form=form)


def _list(page: RegionPage[Region]) -> str:
    return reverse("programme:institutions", args=[page.region.code])


@region_programme_page
@post_only
def institution_member_add(page: RegionPage[Region], kind: str) -> HttpResponse:
    if kind not in Institution.Kind.values:
        raise Http404
    form = _member_form(kind, page.post)
    return page.save(
        form,
        lambda data: actions.do_add_member_to_body(page.user, page.region, kind, **data),
        _("Member added."),
        then=_list(page),
    ) or _institutions(page, member_kind=kind, member_form=form)


@region_programme_page
@post_only
def institution_member_remove(page: RegionPage[Region], member_id: int) -> HttpResponse:
    member = InstitutionMember.objects.filter(institution__region=page.region, pk=member_id).first()
    if member is None:
        raise Http404
    page.run(lambda: actions.do_remove_institution_member(page.user, member), _("Member removed."))
    return redirect("programme:institutions", code=page.region.code)


@decree_page
def institution_file(page: ObjectPage[Institution]) -> HttpResponseBase:
    institution = page.obj
    if not institution.decree_file:
        raise Http404
    name = f"sk-{institution.kind}-{institution.region.code}.{institution.decree_file_type}"
    return uploads.serve(institution.decree_file.name or "", name, institution.decree_file_type)
