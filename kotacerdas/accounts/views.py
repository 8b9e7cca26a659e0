"""People and memberships, managed by the national admin."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.accounts import actions
from kotacerdas.accounts.access import national_admin_required
from kotacerdas.accounts.forms import MembershipForm, NewUserForm, PasswordForm, UserForm
from kotacerdas.accounts.models import Membership, User
from kotacerdas.web.forms import apply_validation_error

View = Callable[..., HttpResponse]


def _get_user(user_id: int) -> User:
    try:
        return User.objects.get(pk=user_id)
    except User.DoesNotExist:
        raise Http404 from None


@national_admin_required
def user_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    users = User.objects.prefetch_related("memberships__region", "memberships__opd").order_by("username")
    if query:
        users = users.filter(
            Q(username__icontains=query) | Q(first_name__icontains=query) | Q(last_name__icontains=query)
        )
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page, "q": query})


@national_admin_required
def user_create(request: HttpRequest) -> HttpResponse:
    form = NewUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.do_create_user(request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Account “%(name)s” created. Now give it a role.") % {"name": user})
            return redirect("accounts:user_detail", user_id=user.pk)
    return render(
        request,
        "accounts/user_form.html",
        {"form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@national_admin_required
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    person = _get_user(user_id)
    form = UserForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_user(request.user, person, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Account saved."))
            return redirect("accounts:user_detail", user_id=person.pk)
    return _render_detail(request, person, user_form=form)


def _render_detail(
    request: HttpRequest,
    person: User,
    *,
    user_form: UserForm | None = None,
    membership_form: MembershipForm | None = None,
    password_form: PasswordForm | None = None,
) -> HttpResponse:
    forms = [user_form, membership_form, password_form]
    invalid = any(f is not None and f.is_bound and f.errors for f in forms)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "person": person,
            "user_form": user_form or UserForm(instance=person),
            "membership_form": membership_form or MembershipForm(),
            "password_form": password_form or PasswordForm(user=person),
            "memberships": person.memberships.select_related("region", "opd"),
        },
        status=400 if invalid else 200,
    )


@national_admin_required
@require_POST
def membership_add(request: HttpRequest, user_id: int) -> HttpResponse:
    person = _get_user(user_id)
    form = MembershipForm(request.POST)
    if form.is_valid():
        try:
            actions.do_add_membership(request.user, person, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Role added."))
            return redirect("accounts:user_detail", user_id=person.pk)
    return _render_detail(request, person, membership_form=form)


@national_admin_required
@require_POST
def membership_remove(request: HttpRequest, user_id: int, membership_id: int) -> HttpResponse:
    person = _get_user(user_id)
    try:
        membership = person.memberships.get(pk=membership_id)
    except Membership.DoesNotExist:
        raise Http404 from None
    try:
        actions.do_remove_membership(request.user, membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Role removed."))
    return redirect("accounts:user_detail", user_id=person.pk)


@national_admin_required
@require_POST
def password_set(request: HttpRequest, user_id: int) -> HttpResponse:
    person = _get_user(user_id)
    form = PasswordForm(request.POST, user=person)
    if form.is_valid():
        actions.do_set_password(request.user, person, form.cleaned_data["password"])
        messages.success(request, _("Password changed."))
        return redirect("accounts:user_detail", user_id=person.pk)
    return _render_detail(request, person, password_form=form)
