"""The citizens' pages: sign-up and verification, consultations, ideas with their supports,
comments and what became of them."""

from __future__ import annotations

from functools import partial
from typing import Any, cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.accounts.access import SignedInRequest
from kotacerdas.participation import kept_photo, limits
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
from kotacerdas.participation.models import Consultation, Idea, Phase, Support, phase_rows
from kotacerdas.participation.similarity import similar_ideas
from kotacerdas.planning import reference
from kotacerdas.web import uploads
from kotacerdas.web.pages import attempt, refused, render_page, save_form


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


def _taking_part(user: Any, phase: Phase | None) -> dict[str, Any]:
    """Who this person is to the consultation: what the pages offer them, and why not."""
    citizen = citizen_of(user)
    return {
        "citizen": citizen,
        "open_phase": phase,
        "verified": citizen is not None and citizen.verified,
    }


def consultation(request: HttpRequest, consultation_id: int) -> HttpResponse:
    found = get_consultation(consultation_id)
    today = timezone.localdate()
    context = {
        "consultation": found,
        "place": found.region,
        "phases": phase_rows(found.phases.all(), today),
        "ideas": public_ideas(found).order_by("-created_at"),
        "can_moderate": can_moderate(request.user, found.region),
        **_taking_part(request.user, found.open_phase(today)),
    }
    return render_page(request, "participation/consultation.html", context)


@login_required
def submit(request: SignedInRequest, consultation_id: int) -> HttpResponse:
    found = get_consultation(consultation_id)
    posting = request.method == "POST"
    form = IdeaForm(request.POST, request.FILES) if posting else IdeaForm()
    kept = _kept_photo(request, form) if posting else None
    similar: list[Idea] = []
    if posting and form.is_valid() and not form.cleaned_data["confirm_new"]:
        similar = similar_ideas(found, form.cleaned_data["title"], form.cleaned_data["text"])
    if similar:  # ask first: supporting an existing idea is better than a second copy
        kept = _keep_upload(request, form, kept)
        if not form.errors:
            form = IdeaForm(
                initial={k: v for k, v in form.cleaned_data.items() if k not in ("captcha", "photo")}
            )
        return _submit_page(request, found, form, similar=similar, kept=kept)

    def post(data: dict[str, Any]) -> Idea:
        photo = data["photo"] or (kept_photo.as_upload(kept) if kept else None)
        idea = do_submit_idea(
            request.user,
            found,
            kind=data["kind"],
            title=data["title"],
            text=data["text"],
            element=data["element"],
            kecamatan=data["kecamatan"],
            photo=photo,
            address_key=limits.address_key(request),
        )
        if kept is not None:  # posted: the kept copy is no longer needed
            transaction.on_commit(partial(kept_photo.forget, kept))
        return idea

    done = _("Thank you, your idea is posted.")
    saved = save_form(request, form, post, done, lambda idea: idea.get_absolute_url())
    if saved:
        return saved
    if posting and not refused(form):  # shown again to correct something: no need to attach it again
        kept = _keep_upload(request, form, kept)
    return _submit_page(request, found, form, kept=kept)


def _kept_photo(request: SignedInRequest, form: IdeaForm) -> kept_photo.KeptPhoto | None:
    """The photo kept when the form was shown before, unless a new one is attached now."""
    token = request.POST.get(kept_photo.FIELD, "")
    if not token or request.FILES.get("photo"):
        return None
    recalled = attempt(form, lambda: kept_photo.recall(request.user, token))
    return recalled if isinstance(recalled, kept_photo.KeptPhoto) else None  # FAILED: said on the form


def _keep_upload(
    request: SignedInRequest, form: IdeaForm, kept: kept_photo.KeptPhoto | None
) -> kept_photo.KeptPhoto | None:
    """Keep the photo sent with this request (when the form is shown again), or the one kept before."""
    upload = request.FILES.get("photo")
    if upload is None or form.has_error("photo"):
        return kept
    stored = attempt(form, lambda: kept_photo.keep(request.user, upload))
    return stored if isinstance(stored, kept_photo.KeptPhoto) else kept  # FAILED: said on the form


def _submit_page(
    request: SignedInRequest,
    found: Consultation,
    form: IdeaForm,
    *,
    similar: list[Idea] | None = None,
    kept: kept_photo.KeptPhoto | None = None,
) -> HttpResponse:
    phase = found.open_phase(timezone.localdate())
    context = {
        "consultation": found,
        "place": found.region,
        "form": form,
        "similar": similar or [],
        "kept": kept,
        "accepting": phase is not None and phase.ideas_open,
        **_taking_part(request.user, phase),
    }
    return render_page(request, "participation/submit.html", context, form)


def _idea_page(request: HttpRequest, idea: Idea, **bound: forms.Form) -> HttpResponse:
    user = request.user
    phase = idea.consultation.open_phase(timezone.localdate())
    taking_part = _taking_part(user, phase)
    public, verified = idea.is_public, taking_part["verified"]
    mine = user.is_authenticated and idea.author_id == user.pk
    supports_open = public and phase is not None and phase.supports_open
    comments_open = public and phase is not None and phase.comments_open
    context = {
        "idea": idea,
        "place": idea.region,
        "consultation": idea.consultation,
        "support_count": idea.supports.count(),
        "supported": user.is_authenticated and Support.objects.filter(idea=idea, user=user).exists(),
        "comments": visible_comments(user, idea),
        "chain": chain_for(idea),
        "element_label": reference.element_label(idea.element),
        "can_moderate": can_moderate(user, idea.region),
        "mine": mine,
        "may_support": verified and supports_open and not mine,
        "may_comment": verified and comments_open,
        "why_not": not verified and (supports_open or comments_open),
        "support_form": bound.get("support_form") or forms.Form(),
        "comment_form": bound.get("comment_form") or CommentForm(),
        **taking_part,
    }
    return render_page(request, "participation/idea.html", context, *bound.values())


def idea(request: HttpRequest, idea_id: int) -> HttpResponse:
    """The idea's page; its comment form posts here, so a comment to correct is shown at this URL."""
    found = get_idea(request.user, idea_id)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return _comment_on(cast(SignedInRequest, request), found)
    return _idea_page(request, found)


@require_POST
@login_required
def support(request: SignedInRequest, idea_id: int) -> HttpResponse:
    found = get_idea(request.user, idea_id)
    form = forms.Form(request.POST)
    key = limits.address_key(request)
    done = _("Thank you for your support.")
    call = lambda _data: do_support(request.user, found, address_key=key)  # noqa: E731
    saved = save_form(request, form, call, done, found.get_absolute_url())
    return saved or _idea_page(request, found, support_form=form)


@require_POST
@login_required
def comment(request: SignedInRequest, idea_id: int) -> HttpResponse:
    """The comment form's former address (kept for clients that post here); the page posts to the idea."""
    return _comment_on(request, get_idea(request.user, idea_id))


def _comment_on(request: SignedInRequest, found: Idea) -> HttpResponse:
    form = CommentForm(request.POST)
    key = limits.address_key(request)
    call = lambda data: do_comment(request.user, found, text=data["text"], address_key=key)  # noqa: E731
    saved = save_form(request, form, call, _("Comment posted."), found.get_absolute_url())
    return saved or _idea_page(request, found, comment_form=form)


def photo(request: HttpRequest, idea_id: int) -> HttpResponseBase:
    found = get_idea(request.user, idea_id)
    if not found.photo:
        raise Http404
    return uploads.serve(found.photo.name or "", f"ide-{found.pk}.{found.photo_type}", found.photo_type)
