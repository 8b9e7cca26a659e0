"""People and memberships, managed by the national admin."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.accounts import actions
from kotacerdas.accounts.access import SignedInRequest, national_admin_required
from kotacerdas.accounts.forms import MembershipForm, NewUserForm, PasswordForm, UserForm
from kotacerdas.accounts.models import Membership, Role, User
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import render_page, run_action, save_form
from kotacerdas.web.params import page_of


def _get_user(user_id: int) -> User:
    try:
        return User.objects.get(pk=user_id)
    except User.DoesNotExist:
        raise Http404 from None


def _detail_url(person: User) -> str:
    return reverse("accounts:user_detail", kwargs={"user_id": person.pk})


@national_admin_required
def user_list(request: SignedInRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    users = User.objects.prefetch_related("memberships__region", "memberships__opd").order_by("username")
    if query:
        users = users.filter(
            Q(username__icontains=query) | Q(first_name__icontains=query) | Q(last_name__icontains=query)
        )
    page = page_of(request, users)
    return render(request, "accounts/user_list.html", {"page": page, "q": query})


@national_admin_required
def user_create(request: SignedInRequest) -> HttpResponse:
    form = NewUserForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: actions.do_create_user(request.user, **data),
        lambda user: _("Account “%(name)s” created. Now give it a role.") % {"name": user},
        then=_detail_url,
    )
    return saved or render_page(request, "accounts/user_form.html", {"form": form}, form)


@national_admin_required
def user_detail(request: SignedInRequest, user_id: int) -> HttpResponse:
    person = _get_user(user_id)
    form = UserForm(request.POST or None, instance=person)
    saved = save_form(
        request, form, lambda data: actions.do_update_user(request.user, person, **data), _("Account saved.")
    )
    return saved or _render_detail(request, person, user_form=form)


def _render_detail(
    request: SignedInRequest,
    person: User,
    *,
    user_form: UserForm | None = None,
    membership_form: MembershipForm | None = None,
    password_form: PasswordForm | None = None,
    region_without_opds: Region | None = None,
) -> HttpResponse:
    """The person's page; the form that was sent keeps its input and errors (status 400 if any)."""
    return render_page(
        request,
        "accounts/user_detail.html",
        {
            "person": person,
            "user_form": user_form or UserForm(instance=person),
            "membership_form": membership_form or MembershipForm(),
            "password_form": password_form or PasswordForm(user=person),
            "memberships": person.memberships.select_related("region", "opd"),
            "erasure_request": person.erasure_requests.filter(handled_at=None).first(),
            "region_without_opds": region_without_opds,
        },
        user_form,
        membership_form,
        password_form,
    )


@national_admin_required
@require_POST
def membership_add(request: SignedInRequest, user_id: int) -> HttpResponse:
    person = _get_user(user_id)
    form = MembershipForm(request.POST)
    saved = save_form(
        request,
        form,
        lambda data: actions.do_add_membership(request.user, person, **data),
        _("Role added."),
        then=_detail_url(person),
    )
    if saved:
        return saved
    region = form.cleaned_data.get("region") if hasattr(form, "cleaned_data") else None
    without_opds = (
        region
        if region is not None
        and form.cleaned_data.get("role") == Role.OPD_CONTRIBUTOR
        and form.cleaned_data.get("opd") is None
        and not region.opds.exists()
        else None
    )
    return _render_detail(request, person, membership_form=form, region_without_opds=without_opds)


@national_admin_required
@require_POST
def membership_remove(request: SignedInRequest, user_id: int, membership_id: int) -> HttpResponse:
    person = _get_user(user_id)
    try:
        membership = person.memberships.get(pk=membership_id)
    except Membership.DoesNotExist:
        raise Http404 from None
    run_action(request, lambda: actions.do_remove_membership(request.user, membership), _("Role removed."))
    return redirect("accounts:user_detail", user_id=person.pk)


@national_admin_required
@require_POST
def password_set(request: SignedInRequest, user_id: int) -> HttpResponse:
    person = _get_user(user_id)
    form = PasswordForm(request.POST, user=person)
    saved = save_form(
        request,
        form,
        lambda data: actions.do_set_password(request.user, person, data["password"]),
        _("Password changed."),
        then=_detail_url(person),
    )
    return saved or _render_detail(request, person, password_form=form)
