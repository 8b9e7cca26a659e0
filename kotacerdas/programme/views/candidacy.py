"""A region's programme page and a candidacy's page: its score, selection assessment, MoU and mentors."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import is_national_admin
from kotacerdas.programme import board
from kotacerdas.programme.access import (
    assessment_link_page,
    can_link_assessment,
    can_verify_score,
    candidacy_page,
    post_only,
    region_programme_page,
    score_page,
    visible_candidacies,
)
from kotacerdas.programme.actions import candidacy as actions
from kotacerdas.programme.actions import selection
from kotacerdas.programme.forms import LinkAssessmentForm, MouForm, PersonForm, ScoreForm
from kotacerdas.programme.models import Candidacy, Deliverable, Institution, Mou, Transition
from kotacerdas.programme.ranking import shown_ranking
from kotacerdas.programme.scores import linkable_assessments, verified_scores
from kotacerdas.regions.models import Region
from kotacerdas.web import uploads
from kotacerdas.web.object_pages import ObjectPage
from kotacerdas.web.pages import RegionPage


@region_programme_page
def region_programme(page: RegionPage[Region]) -> HttpResponse:
    candidacies = visible_candidacies(page.user).filter(region=page.region).select_related("cohort", "mou")
    institutions = Institution.objects.filter(region=page.region).prefetch_related("members")
    return page.render("programme/region.html", {"candidacies": candidacies, "institutions": institutions})


def _last_returns(deliverables: list[Deliverable]) -> dict[int, Transition]:
    """The mentor's latest return of each deliverable that is back with the region."""
    last_return = {}
    for d in deliverables:
        returns = [t for t in d.transitions.all() if t.to_status == Deliverable.Status.RETURNED]
        if returns and d.status == Deliverable.Status.RETURNED:
            last_return[d.pk] = returns[-1]
    return last_return


def _assessment_url(candidacy: Candidacy) -> str:
    if not candidacy.assessment_id:
        return ""
    try:
        return reverse("assessment:detail", args=[candidacy.region.code, candidacy.assessment_id])
    except NoReverseMatch:  # the assessment app is not installed
        return ""


def _candidacy(page: ObjectPage[Candidacy], **bound: forms.Form) -> HttpResponse:
    """The candidacy page with its forms: the one just sent (with its errors) or blank ones."""
    candidacy, user = page.obj, page.user
    cohort = candidacy.cohort
    deliverables = list(
        candidacy.deliverables.select_related("item")
        .prefetch_related("transitions__actor")
        .order_by("item__stage", "item__order", "item_id")
    )
    last_return = _last_returns(deliverables)
    rows = board.progress_rows(board.with_relations(Candidacy.objects.filter(pk=candidacy.pk)), board.today())
    admin = is_national_admin(user)
    selected = cohort.rankings.exists()  # the selection is made: scores and links are frozen
    entries, _recipe, saved = shown_ranking(cohort) if admin or selected else ([], {}, False)
    entry = next((e for e in entries if e["code"] == candidacy.region.code), None)
    mou = Mou.objects.filter(candidacy=candidacy).first()
    context = {
        "candidacy": candidacy,
        "cohort": cohort,
        "region": candidacy.region,
        "stages": cohort.stages.all(),
        "row": rows[0] if rows else None,
        "deliverables": [(d, last_return.get(d.pk)) for d in deliverables],
        "entry": entry if saved or admin else None,
        "score": verified_scores([candidacy]).get(candidacy.pk),
        "mou": mou,
        "mentors": candidacy.mentors.select_related("mentor"),
        "assessors": candidacy.assessors.select_related("assessor"),
        "is_admin": admin,
        "can_verify": can_verify_score(user, candidacy) and not selected,
        "score_form": bound.get("score_form") or ScoreForm(),
        "can_link": can_link_assessment(user, candidacy) and not selected,
        "link_form": bound.get("link_form")
        or LinkAssessmentForm(
            initial={"assessment": candidacy.assessment_id}, choices=linkable_assessments(candidacy)
        ),
        "assessment_url": _assessment_url(candidacy),
        "mou_form": bound.get("mou_form")
        or MouForm(initial={"number": mou.number, "signed_on": mou.signed_on} if mou else None),
        "mentor_form": bound.get("mentor_form") or PersonForm(initial={"region": candidacy.region.code}),
        "today": board.today(),
    }
    return page.render("programme/candidacy.html", context, *bound.values())


def _back(page: ObjectPage[Candidacy]) -> str:
    candidacy = page.obj
    return reverse("programme:candidacy", args=[candidacy.region.code, candidacy.cohort_id])


@candidacy_page
def candidacy_detail(page: ObjectPage[Candidacy]) -> HttpResponse:
    return _candidacy(page)


@score_page
@post_only
def verify_score(page: ObjectPage[Candidacy]) -> HttpResponse:
    form = ScoreForm(page.post)
    return page.save(
        form,
        lambda data: selection.do_record_verified_score(page.user, page.obj, data["score"]),
        _("Verified score recorded."),
        then=_back(page),
    ) or _candidacy(page, score_form=form)


@assessment_link_page
@post_only
def link_assessment(page: ObjectPage[Candidacy]) -> HttpResponse:
    form = LinkAssessmentForm(page.post, choices=linkable_assessments(page.obj))
    return page.save(
        form,
        lambda data: selection.do_link_assessment(page.user, page.obj, data["assessment"]),
        _("Selection assessment linked."),
        then=_back(page),
    ) or _candidacy(page, link_form=form)


@candidacy_page
@post_only
def record_mou(page: ObjectPage[Candidacy]) -> HttpResponse:
    form = MouForm(page.post, page.files)
    return page.save(
        form,
        lambda data: actions.do_record_mou(
            page.user, page.obj, number=data["number"], signed_on=data["signed_on"], upload=data["file"]
        ),
        _("MoU recorded."),
        then=_back(page),
    ) or _candidacy(page, mou_form=form)


@candidacy_page
def mou_file(page: ObjectPage[Candidacy]) -> HttpResponseBase:
    candidacy = page.obj
    mou = Mou.objects.filter(candidacy=candidacy).first()
    if mou is None or not mou.file:
        raise Http404
    name = f"mou-{candidacy.region.code}-{candidacy.cohort.year}.{mou.file_type}"
    return uploads.serve(mou.file.name or "", name, mou.file_type)


@candidacy_page
@post_only
def assign_mentor(page: ObjectPage[Candidacy]) -> HttpResponse:
    form = PersonForm(page.post)
    return page.save(
        form,
        lambda data: actions.do_assign_mentor(page.user, page.obj, data["person"]),
        _("Mentor assigned."),
        then=_back(page),
    ) or _candidacy(page, mentor_form=form)
