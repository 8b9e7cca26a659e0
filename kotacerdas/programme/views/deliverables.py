"""A deliverable's page: the region's team hands items in and submits, its mentor reviews."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _

from kotacerdas.programme import board
from kotacerdas.programme.access import (
    can_review,
    can_submit,
    deliverable_page,
    get_item_for_user,
    post_only,
    review_page,
)
from kotacerdas.programme.actions import deliverables as actions
from kotacerdas.programme.forms import ReviewForm, SubmitForm, SubmittedItemForm
from kotacerdas.programme.models import Deliverable, Transition
from kotacerdas.web import review_panels, uploads
from kotacerdas.web.object_pages import ObjectPage

OPEN = ("pending", "returned")  # what the region may still hand in


def _deliverable(page: ObjectPage[Deliverable], **bound: forms.Form) -> HttpResponse:
    """The deliverable page with its forms: the one just sent (with its errors) or blank ones."""
    deliverable, user = page.obj, page.user
    candidacy = deliverable.candidacy
    context = {
        "deliverable": deliverable,
        "candidacy": candidacy,
        "region": candidacy.region,
        "cohort": candidacy.cohort,
        "items": deliverable.items.select_related("added_by"),
        "transitions": deliverable.transitions.select_related("actor"),
        "can_submit": can_submit(user, candidacy) and deliverable.status in OPEN,
        "can_review": can_review(user, candidacy) and deliverable.status == "submitted",
        "item_form": bound.get("item_form") or SubmittedItemForm(),
        "submit_form": bound.get("submit_form") or SubmitForm(),
        "review_form": bound.get("review_form") or ReviewForm(),
        "discussion": apps.is_installed("kotacerdas.discussion"),
        # what higher apps contribute for the reviewer (citizen input: participation)
        "review_panels": review_panels.render_panels(page.request, candidacy.region),
        "overdue": deliverable.item.due_on is not None
        and deliverable.item.due_on < board.today()
        and deliverable.status in OPEN,
    }
    return page.render("programme/deliverable.html", context, *bound.values())


@deliverable_page
def deliverable_detail(page: ObjectPage[Deliverable]) -> HttpResponse:
    """The page, and the target of its "add an item" form (the region's team)."""
    form = SubmittedItemForm(page.post, page.files)
    return page.save(
        form,
        lambda data: actions.do_add_submitted_item(
            page.user, page.obj, label=data["label"], link=data["link"], upload=data["file"]
        ),
        _("Item added."),
        then=page.obj.get_absolute_url(),
    ) or _deliverable(page, item_form=form)


@deliverable_page
@post_only
def deliverable_submit(page: ObjectPage[Deliverable]) -> HttpResponse:
    form = SubmitForm(page.post)
    return page.save(
        form,
        lambda data: actions.do_submit_deliverable(page.user, page.obj, note=data["note"]),
        _("Submitted for review."),
        then=page.obj.get_absolute_url(),
    ) or _deliverable(page, submit_form=form)


def _reviewed(transition: Transition) -> str:
    if transition.to_status == Deliverable.Status.APPROVED:
        return _("Deliverable approved.")
    return _("Deliverable returned for revision.")


@review_page
@post_only
def deliverable_review(page: ObjectPage[Deliverable]) -> HttpResponse:
    form = ReviewForm(page.post)
    return page.save(
        form,
        lambda data: actions.do_review_deliverable(
            page.user, page.obj, decision=data["decision"], reason=data["reason"]
        ),
        _reviewed,
        then=page.obj.get_absolute_url(),
    ) or _deliverable(page, review_form=form)


@deliverable_page
def item_file(page: ObjectPage[Deliverable], item_id: int) -> HttpResponseBase:
    deliverable = page.obj
    item = get_item_for_user(page.user, deliverable, item_id)
    if not item.file:
        raise Http404
    name = f"{deliverable.item.code}-{deliverable.candidacy.region.code}-{item.pk}.{item.file_type}"
    return uploads.serve(item.file.name or "", name, item.file_type)
