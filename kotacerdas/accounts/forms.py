from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts.models import Role, User
from kotacerdas.regions.models import Opd, Region


class UserForm(forms.Form):
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Use letters, digits and . @ + - _ only.")},
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    is_staff = forms.BooleanField(label=_("May use the Django admin"), required=False)

    def __init__(self, *args: Any, instance: User | None = None, **kwargs: Any) -> None:
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                f: getattr(instance, f) for f in ["username", "first_name", "last_name", "email"]
            }
            kwargs["initial"]["is_staff"] = instance.is_staff
            kwargs["initial"]["is_active"] = instance.is_active
        super().__init__(*args, **kwargs)
        if instance is not None:
            self.fields["is_active"] = forms.BooleanField(label=_("Active (may log in)"), required=False)

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        clash = User.objects.filter(username__iexact=username)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("This username is already taken."))
        return username


class NewUserForm(UserForm):
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password"):
            probe = User(username=data.get("username", ""), first_name=data.get("first_name", ""))
            try:
                password_validation.validate_password(data["password"], probe)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class PasswordForm(forms.Form):
    password = forms.CharField(
        label=_("New password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        password_validation.validate_password(password, self.user)
        return password


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.exclude(kind=Region.Kind.PROVINCE).order_by("name"),
        required=False,
        to_field_name="code",
        help_text=_("Leave empty for the national admin role."),
    )
    opd = forms.ModelChoiceField(
        label=_("OPD"),
        queryset=Opd.objects.select_related("region").order_by("region__name", "name"),
        required=False,
        help_text=_("Only for OPD contributors."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].label_from_instance = lambda opd: f"{opd.region.name} — {opd.name}"  # type: ignore[attr-defined]


def login_name(typed: str) -> str:
    """The user name of the account a person means by what they typed in the login form.

    Citizens sign up with their e-mail, stored in lower case (and compared ignoring case), so
    "WargaUji1@contoh.invalid" must find wargauji1@contoh.invalid. A user name typed exactly wins (two
    accounts differing only in capitals stay apart); otherwise the one account whose user name or
    e-mail matches ignoring case; when none or several do, the text as typed (the login then fails).
    The login form resolves the name BEFORE authenticating, so the lockout (django-axes, keyed on the
    user name passed to authenticate) counts every spelling of one account together."""
    if not typed or User.objects.filter(username=typed).exists():
        return typed
    matches = User.objects.filter(Q(username__iexact=typed) | Q(email__iexact=typed))
    names = list(matches.values_list("username", flat=True)[:2])
    return names[0] if len(names) == 1 else typed


class LoginForm(AuthenticationForm):
    """Django's login form with a message of our own, finding the account by user name or e-mail in
    any capitals (``login_name``).

    Django's Indonesian catalogue puts the field name into a sentence that already names it
    ("nama pengguna nama pengguna"); ours reads as one sentence."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Wrong username, e-mail or password. Capitals count in the password: check Caps Lock."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username or e-mail")

    def clean(self) -> dict[str, Any]:
        typed = self.cleaned_data.get("username")
        if typed:
            self.cleaned_data["username"] = login_name(typed)
        return super().clean()
