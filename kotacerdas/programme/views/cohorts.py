"""Ayu's cohort pages: open a cohort, invite regions, assign assessors, edit the deliverables checklist."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import national_admin_required
from kotacerdas.accounts.models import User
from kotacerdas.programme.access import cohort_page, post_only
from kotacerdas.programme.actions import cohorts
from kotacerdas.programme.forms import (
    ChecklistEditForm,
    ChecklistItemForm,
    CohortForm,
    InviteForm,
    PersonForm,
)
from kotacerdas.programme.models import ChecklistItem, Cohort
from kotacerdas.programme.scores import verified_scores
from kotacerdas.web.object_pages import ObjectPage
from kotacerdas.web.pages import render_page, save_form


@national_admin_required
def cohort_list(request: HttpRequest) -> HttpResponse:
    return render_page(request, "programme/cohort_list.html", {"cohorts": Cohort.objects.all()})


@national_admin_required
def cohort_new(request: HttpRequest) -> HttpResponse:
    form = CohortForm(request.POST or None)
    actor = cast(User, request.user)  # national_admin_required: a signed-in admin

    def create(data: dict[str, Any]) -> Cohort:
        return cohorts.do_create_cohort(
            actor,
            year=data["year"],
            name=data["name"],
            quota=data["quota"],
            instrument=data["instrument"],
            stage_dates=form.stage_dates(),
            borderline_margin=data["borderline_margin"] or Decimal("0"),
        )

    return save_form(
        request,
        form,
        create,
        lambda cohort: _("Cohort “%(name)s” opened.") % {"name": cohort.name},
        then=lambda cohort: reverse("programme:cohort", args=[cohort.pk]),
    ) or render_page(request, "programme/cohort_new.html", {"form": form}, form)


def _cohort(page: ObjectPage[Cohort], **bound: forms.Form) -> HttpResponse:
    """The cohort page with its two forms: the one just sent (with its errors) or a blank one."""
    cohort = page.obj
    candidacies = list(
        cohort.candidacies.select_related("region__province").prefetch_related("assessors__assessor")
    )
    scores = verified_scores(candidacies)
    context = {
        "cohort": cohort,
        "stages": cohort.stages.all(),
        "rows": [(c, scores.get(c.pk)) for c in candidacies],
        "selected": cohort.rankings.exists(),
        "invite_form": bound.get("invite_form") or InviteForm(),
        "assessor_form": bound.get("assessor_form") or PersonForm(cohort=cohort),
    }
    return page.render("programme/cohort_detail.html", context, *bound.values())


@cohort_page
def cohort_detail(page: ObjectPage[Cohort]) -> HttpResponse:
    return _cohort(page)


@cohort_page
@post_only
def invite(page: ObjectPage[Cohort]) -> HttpResponse:
    form = InviteForm(page.post)
    return page.save(
        form,
        lambda data: cohorts.do_invite_regions(page.user, page.obj, data["regions"]),
        lambda created: _("%(n)d region(s) invited.") % {"n": len(created)},
        then=reverse("programme:cohort", args=[page.obj.pk]),
    ) or _cohort(page, invite_form=form)


@cohort_page
@post_only
def assign_assessor(page: ObjectPage[Cohort]) -> HttpResponse:
    form = PersonForm(page.post, cohort=page.obj)
    return page.save(
        form,
        lambda data: cohorts.do_assign_assessor(page.user, data["candidacy"], data["person"]),
        _("Assessor assigned."),
        then=reverse("programme:cohort", args=[page.obj.pk]),
    ) or _cohort(page, assessor_form=form)


# --- the deliverables checklist ----------------------------------------------------------------


@cohort_page
def checklist(page: ObjectPage[Cohort]) -> HttpResponse:
    form = ChecklistItemForm(page.post)
    return page.save(
        form,
        lambda data: cohorts.do_add_checklist_item(page.user, page.obj, **data),
        _("Deliverable added to the checklist."),
    ) or page.render(
        "programme/checklist.html",
        {"cohort": page.obj, "items": page.obj.checklist.all(), "form": form},
        form,
    )


def _checklist_item(cohort: Cohort, item_id: int) -> ChecklistItem:
    try:
        return cohort.checklist.get(pk=item_id)
    except ChecklistItem.DoesNotExist:
        raise Http404 from None


@cohort_page
def checklist_item(page: ObjectPage[Cohort], item_id: int) -> HttpResponse:
    item = _checklist_item(page.obj, item_id)
    # the shipped items are stored in English (the source text) and shown translated: the form shows
    # them as the page does, and a text sent back unchanged keeps the stored one (still translatable)
    shown = {
        "title": _(item.title) if item.title else "",
        "description": _(item.description) if item.description else "",
    }
    form = ChecklistEditForm(page.post, initial={**shown, "due_on": item.due_on})

    def save(data: dict[str, Any]) -> Any:
        kept = {name: getattr(item, name) for name, text in shown.items() if data[name] == text}
        return cohorts.do_update_checklist_item(page.user, item, **{**data, **kept})

    return page.save(
        form,
        save,
        _("Checklist item saved."),
        then=reverse("programme:checklist", args=[page.obj.pk]),
    ) or page.render("programme/checklist_item.html", {"cohort": page.obj, "item": item, "form": form}, form)


@cohort_page
@post_only
def checklist_item_remove(page: ObjectPage[Cohort], item_id: int) -> HttpResponse:
    item = _checklist_item(page.obj, item_id)
    page.run(lambda: cohorts.do_remove_checklist_item(page.user, item), _("Checklist item removed."))
    return redirect("programme:checklist", cohort_id=page.obj.pk)
