"""The code forms of two-factor login: the code is checked in clean(), outside the action's savepoint,
so a wrong code's throttle step (django-otp slows down repeated wrong codes) is kept."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotacerdas.accounts.models import User

WRONG_CODE = _("The code is not right or has expired. Wait for the next code from your app and try again.")


def _clean_code(value: str) -> str:
    return "".join(value.split()).lower()


class CodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
        help_text=_("The 6 digits your authenticator app shows now, or one of your backup codes."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        self.device: Device | None = None
        super().__init__(*args, **kwargs)

    def clean_token(self) -> str:
        token = _clean_code(self.cleaned_data["token"])
        with transaction.atomic():
            for device in devices_for_user(self.user, for_verify=True):
                if device.verify_token(token):
                    self.device = device
                    return token
        raise forms.ValidationError(WRONG_CODE)


class EnrolForm(forms.Form):
    token = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=_("After adding the account, type the 6 digits the app shows."),
    )

    def __init__(self, *args: Any, device: TOTPDevice, **kwargs: Any) -> None:
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_token(self) -> str:
        token = _clean_code(self.cleaned_data["token"])
        if not self.device.verify_token(token):
            raise forms.ValidationError(WRONG_CODE)
        return token


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the person's request of 3 March, by e-mail."),
    )
