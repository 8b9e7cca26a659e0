"""The citizens' pages: sign-up and verification, consultations, ideas with their supports,
comments and what became of them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.accounts.access import SignedInRequest
from kotacerdas.participation import limits
from kotacerdas.participation.access import (
    can_moderate,
    citizen_of,
    get_consultation,
    get_idea,
    public_ideas,
    visible_comments,
)
from kotacerdas.participation.actions.citizens import do_register_citizen, do_verify_email
from kotacerdas.participation.actions.posting import do_comment, do_submit_idea, do_support
from kotacerdas.participation.chain import chain_for
from kotacerdas.participation.forms import CommentForm, IdeaForm, SignupForm
from kotacerdas.participation.models import Consultation, Idea, Support, phase_rows
from kotacerdas.participation.similarity import similar_ideas
from kotacerdas.planning import reference
from kotacerdas.web import uploads
from kotacerdas.web.pages import attempt, render_page, save_form


def index(request: HttpRequest) -> HttpResponse:
    consultations = Consultation.objects.select_related("region").prefetch_related("phases")
    today = timezone.localdate()
    rows = [(c, c.open_phase(today)) for c in consultations]
    return render_page(request, "participation/index.html", {"rows": rows})


def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST if request.method == "POST" else None)

    def register(data: dict[str, Any]) -> Any:
        return do_register_citizen(
            name=data["name"],
            email=data["email"],
            password=data["password"],
            consent=data["consent"],
            address_key=limits.address_key(request),
            verify_url=lambda token: request.build_absolute_uri(
                reverse("participation:verify", args=[token])
            ),
        )

    done = _(
        "We sent a verification link to your e-mail. Open it, then log in with your e-mail and password."
    )
    return save_form(request, form, register, done, then=reverse("participation:index")) or render_page(
        request, "participation/signup.html", {"form": form}, form
    )


def verify(request: HttpRequest, token: str) -> HttpResponse:
    form = forms.Form({})
    user = attempt(form, lambda: do_verify_email(token))
    return render_page(request, "participation/verified.html", {"form": form, "person": user or None}, form)


def consultation(request: HttpRequest, consultation_id: int) -> HttpResponse:
    found = get_consultation(consultation_id)
    today = timezone.localdate()
    context = {
        "consultation": found,
        "place": found.region,
        "phases": phase_rows(found.phases.all(), timezone.localdate()),
        "open_phase": found.open_phase(today),
        "ideas": public_ideas(found).order_by("-created_at"),
        "citizen": citizen_of(request.user),
        "can_moderate": can_moderate(request.user, found.region),
    }
    return render_page(request, "participation/consultation.html", context)


@login_required
def submit(request: SignedInRequest, consultation_id: int) -> HttpResponse:
    found = get_consultation(consultation_id)
    form = IdeaForm(request.POST or None, request.FILES or None) if request.method == "POST" else IdeaForm()
    similar: list[Idea] = []
    if request.method == "POST" and form.is_valid() and not form.cleaned_data["confirm_new"]:
        similar = similar_ideas(found, form.cleaned_data["title"], form.cleaned_data["text"])
    if similar:  # ask first: supporting an existing idea is better than a second copy
        form = IdeaForm(initial={k: v for k, v in form.cleaned_data.items() if k not in ("captcha", "photo")})
        context = {"consultation": found, "place": found.region, "form": form, "similar": similar}
        return render_page(request, "participation/submit.html", context)

    def post(data: dict[str, Any]) -> Idea:
        return do_submit_idea(
            request.user,
            found,
            kind=data["kind"],
            title=data["title"],
            text=data["text"],
            element=data["element"],
            kecamatan=data["kecamatan"],
            photo=data["photo"],
            address_key=limits.address_key(request),
        )

    done = _("Thank you, your idea is posted.")
    saved = save_form(request, form, post, done, then=lambda idea: idea.get_absolute_url())
    context = {"consultation": found, "place": found.region, "form": form, "similar": []}
    return saved or render_page(request, "participation/submit.html", context, form)


def _idea_page(request: HttpRequest, idea: Idea, **bound: forms.Form) -> HttpResponse:
    user = request.user
    context = {
        "idea": idea,
        "place": idea.region,
        "consultation": idea.consultation,
        "support_count": idea.supports.count(),
        "supported": user.is_authenticated and Support.objects.filter(idea=idea, user=user).exists(),
        "comments": visible_comments(user, idea),
        "chain": chain_for(idea),
        "element_label": reference.element_label(idea.element),
        "open_phase": idea.consultation.open_phase(timezone.localdate()),
        "citizen": citizen_of(user),
        "can_moderate": can_moderate(user, idea.region),
        "support_form": bound.get("support_form") or forms.Form(),
        "comment_form": bound.get("comment_form") or CommentForm(),
    }
    return render_page(request, "participation/idea.html", context, *bound.values())


def idea(request: HttpRequest, idea_id: int) -> HttpResponse:
    return _idea_page(request, get_idea(request.user, idea_id))


@require_POST
@login_required
def support(request: SignedInRequest, idea_id: int) -> HttpResponse:
    found = get_idea(request.user, idea_id)
    form = forms.Form(request.POST)
    key = limits.address_key(request)
    done = _("Thank you for your support.")
    call = lambda _data: do_support(request.user, found, address_key=key)  # noqa: E731
    return save_form(request, form, call, done, then=found.get_absolute_url()) or _idea_page(
        request, found, support_form=form
    )


@require_POST
@login_required
def comment(request: SignedInRequest, idea_id: int) -> HttpResponse:
    found = get_idea(request.user, idea_id)
    form = CommentForm(request.POST)
    key = limits.address_key(request)
    call = lambda data: do_comment(request.user, found, text=data["text"], address_key=key)  # noqa: E731
    return save_form(request, form, call, _("Comment posted."), then=found.get_absolute_url()) or _idea_page(
        request, found, comment_form=form
    )


def photo(request: HttpRequest, idea_id: int) -> HttpResponseBase:
    found = get_idea(request.user, idea_id)
    if not found.photo:
        raise Http404
    return uploads.serve(found.photo.name or "", f"ide-{found.pk}.{found.photo_type}", found.photo_type)
