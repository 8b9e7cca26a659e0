from __future__ import annotations

from typing import Any

from captcha.fields import CaptchaField
from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.participation.models import (
    COMMENT_MAX,
    HIDDEN_REASON_MAX,
    KECAMATAN_MAX,
    OUTCOME_REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Idea,
)
from kotacerdas.planning import reference
from kotacerdas.planning.models import Initiative
from kotacerdas.regions.models import Region
from kotacerdas.web.forms import NOTE_MAX, DateField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def captcha_field() -> CaptchaField:
    return CaptchaField(
        label=_("Type the letters in the picture"),
        help_text=_("This keeps automated posting out; the picture is made on our own server."),
        error_messages={"invalid": _("The letters do not match the picture; try the new one.")},
    )


class SignupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), max_length=150)  # it becomes the user name (150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=128)
    consent = forms.BooleanField(
        label=_("I agree that my name, e-mail and posts are processed for citizen participation."),
        required=False,
    )
    captcha = captcha_field()


class IdeaForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Idea.Kind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    text = forms.CharField(
        label=_("Describe it"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Do not write a NIK or phone number: such a post is held until it is redacted."),
    )
    element = forms.ChoiceField(label=_("Dimension – element"))
    kecamatan = forms.CharField(
        label=_("Kecamatan"),
        max_length=KECAMATAN_MAX,
        required=False,
        help_text=_("Shown publicly: no phone number here either."),
    )
    photo = forms.FileField(label=_("Photo (JPG or PNG, optional)"), required=False)
    confirm_new = forms.BooleanField(
        label=_("None of the similar ideas is mine: post it anyway"), required=False
    )
    captcha = captcha_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["element"].choices = [("", "—"), *reference.elements()]  # type: ignore[attr-defined]


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )


class PhaseForm(forms.Form):
    name = forms.CharField(label=_("Phase"), max_length=200)
    starts_on = DateField(label=_("Starts on"), widget=DATE)
    ends_on = DateField(label=_("Ends on"), widget=DATE)
    ideas_open = forms.BooleanField(label=_("Ideas and problems may be posted"), required=False, initial=True)
    supports_open = forms.BooleanField(label=_("Ideas may be supported"), required=False, initial=True)
    comments_open = forms.BooleanField(label=_("Comments may be posted"), required=False, initial=True)


class ReasonForm(forms.Form):
    """Why an idea or comment is hidden (the author sees it): as long as the record keeps."""

    reason = forms.CharField(label=_("Reason"), max_length=HIDDEN_REASON_MAX)


class DeclineForm(forms.Form):
    """Why an idea is not taken (shown on its page)."""

    reason = forms.CharField(
        label=_("Reason"), max_length=OUTCOME_REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class RedactIdeaForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    text = forms.CharField(label=_("Text"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6}))
    kecamatan = forms.CharField(label=_("Kecamatan"), max_length=KECAMATAN_MAX, required=False)


class RedactCommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class PromoteForm(forms.Form):
    code = forms.CharField(label=_("Problem code"), max_length=20, help_text=_("For example M-05."))
    title = forms.CharField(label=_("Problem"), max_length=200)


class LinkInitiativeForm(forms.Form):
    initiative = forms.ModelChoiceField(
        label=_("Initiative addressing the problem"), queryset=Initiative.objects.none()
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = Initiative.objects.filter(region=region).order_by("code")  # type: ignore[attr-defined]
