"""The coordinator's (Diskominfo's) pages: consultations and phases, the moderation queue, and the
decision on each idea (hide, redact, promote into the problem inventory, not taken, link initiatives)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.core.personal_numbers import redact
from kotacerdas.participation.access import (
    get_comment_in_region,
    get_consultation_in_region,
    get_idea_in_region,
    moderation_page,
)
from kotacerdas.participation.actions import moderation, setup
from kotacerdas.participation.chain import chain_for
from kotacerdas.participation.forms import (
    ConsultationForm,
    DeclineForm,
    LinkInitiativeForm,
    PhaseForm,
    PromoteForm,
    ReasonForm,
    RedactCommentForm,
    RedactIdeaForm,
)
from kotacerdas.participation.models import Comment, Consultation, Idea, Phase, phase_rows
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import RegionPage, list_and_add


@moderation_page
def consultations(page: RegionPage[Region]) -> HttpResponse:
    form = ConsultationForm(page.post)
    saved = page.save(
        form,
        lambda data: setup.do_create_consultation(page.user, page.region, **data),
        _("Consultation created; add its phases."),
        # the phases are added on the consultation's page: go there, not back to the list
        then=lambda made: reverse("participation:manage_consultation", args=[page.region.code, made.pk]),
    )
    return saved or page.render(
        "participation/manage_list.html",
        {"form": form, "consultations": Consultation.objects.filter(region=page.region)},
        form,
    )


@moderation_page
def consultation(page: RegionPage[Region], consultation_id: int) -> HttpResponse:
    found = get_consultation_in_region(page.region, consultation_id)
    form = PhaseForm(page.post)
    held = Idea.State.HELD
    return list_and_add(
        page,
        form,
        lambda data: setup.do_add_phase(page.user, found, **data),
        done=_("Phase added."),
        template="participation/manage_consultation.html",
        context={
            "consultation": found,
            "phases": phase_rows(found.phases.all(), timezone.localdate()),
            "ideas": found.ideas.all(),
            "held_ideas": found.ideas.filter(state=held),
            "held_comments": Comment.objects.filter(idea__consultation=found, state=held).select_related(
                "idea"
            ),
        },
    )


@moderation_page
def phase_close(page: RegionPage[Region], phase_id: int) -> HttpResponse:
    if page.request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    phase = (
        Phase.objects.filter(consultation__region=page.region, pk=phase_id)
        .select_related("consultation")
        .first()
    )
    if phase is None:
        raise Http404
    page.run(lambda: setup.do_close_phase(page.user, phase), _("Phase closed."))
    return redirect(
        "participation:manage_consultation", code=page.region.code, consultation_id=phase.consultation_id
    )


def _idea_forms(idea: Idea, region: Region) -> dict[str, forms.Form]:
    return {
        "hide_form": ReasonForm(prefix="hide"),
        "redact_form": RedactIdeaForm(
            prefix="redact",
            initial={
                "title": redact(idea.title),
                "text": redact(idea.text),
                "kecamatan": redact(idea.kecamatan),
            },
        ),
        "promote_form": PromoteForm(prefix="promote", initial={"title": idea.title}),
        "decline_form": DeclineForm(prefix="decline"),
        "link_form": LinkInitiativeForm(prefix="link", region=region),
    }


def _moderate(page: RegionPage[Region], idea: Idea, **bound: forms.Form) -> HttpResponse:
    comments = [
        (
            c,
            ReasonForm(prefix=f"c{c.pk}"),
            RedactCommentForm(prefix=f"c{c.pk}", initial={"text": redact(c.text)}),
        )
        for c in idea.comments.all()
    ]
    context = {
        "idea": idea,
        "chain": chain_for(idea),
        "comments": comments,
        **_idea_forms(idea, page.region),
        **bound,
    }
    return page.render("participation/moderate_idea.html", context, *bound.values())


@moderation_page
def moderate_idea(page: RegionPage[Region], idea_id: int) -> HttpResponse:
    return _moderate(page, get_idea_in_region(page.region, idea_id))


def _idea_post(
    key: str,
    make: Callable[[Any, Region], forms.Form],
    call: Callable[[Any, Idea, dict[str, Any]], Any],
    done: Any,
) -> Callable[..., HttpResponse]:
    """A POST-only form of the moderation page: one action, back to the page (or 400 with the errors)."""

    @moderation_page
    def view(page: RegionPage[Region], idea_id: int) -> HttpResponse:
        if page.request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        idea = get_idea_in_region(page.region, idea_id)
        form = make(page.post, page.region)
        back = f"{page.request.path.rsplit('/', 2)[0]}/"
        return page.save(form, lambda data: call(page.user, idea, data), done, then=back) or _moderate(
            page, idea, **{key: form}
        )

    return view


idea_hide = _idea_post(
    "hide_form",
    lambda d, r: ReasonForm(d, prefix="hide"),
    lambda u, i, d: moderation.do_hide(u, i, reason=d["reason"]),
    gettext_lazy("Hidden."),
)
idea_redact = _idea_post(
    "redact_form",
    lambda d, r: RedactIdeaForm(d, prefix="redact"),
    lambda u, i, d: moderation.do_redact_idea(u, i, **d),
    gettext_lazy("Redacted."),
)
idea_promote = _idea_post(
    "promote_form",
    lambda d, r: PromoteForm(d, prefix="promote"),
    lambda u, i, d: moderation.do_promote_idea(u, i, **d),
    gettext_lazy("Promoted into the problem inventory."),
)
idea_decline = _idea_post(
    "decline_form",
    lambda d, r: DeclineForm(d, prefix="decline"),
    lambda u, i, d: moderation.do_decline_idea(u, i, reason=d["reason"]),
    gettext_lazy("Marked as not taken."),
)
idea_link = _idea_post(
    "link_form",
    lambda d, r: LinkInitiativeForm(d, prefix="link", region=r),
    lambda u, i, d: moderation.do_link_initiative(u, i, d["initiative"]),
    gettext_lazy("Initiative linked."),
)


def _comment_post(
    make: Callable[[Any, str], forms.Form], call: Callable[[Any, Comment, dict[str, Any]], Any], done: Any
) -> Callable[..., HttpResponse]:
    @moderation_page
    def view(page: RegionPage[Region], comment_id: int) -> HttpResponse:
        if page.request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        found = get_comment_in_region(page.region, comment_id)
        form = make(page.post, f"c{found.pk}")
        back = redirect("participation:moderate_idea", code=page.region.code, idea_id=found.idea_id).url
        return page.save(form, lambda data: call(page.user, found, data), done, then=back) or _moderate(
            page, found.idea, comment_error=form
        )

    return view


comment_hide = _comment_post(
    lambda d, p: ReasonForm(d, prefix=p),
    lambda u, c, d: moderation.do_hide(u, c, reason=d["reason"]),
    gettext_lazy("Hidden."),
)
comment_redact = _comment_post(
    lambda d, p: RedactCommentForm(d, prefix=p),
    lambda u, c, d: moderation.do_redact_comment(u, c, text=d["text"]),
    gettext_lazy("Redacted."),
)
