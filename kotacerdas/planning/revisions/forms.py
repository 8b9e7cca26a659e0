from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class StartRevisionForm(forms.Form):
    period_start = forms.IntegerField(label=_("New masterplan period from"), min_value=2000, max_value=2100)
    period_end = forms.IntegerField(label=_("New masterplan period to"), min_value=2000, max_value=2100)
    confirm = forms.BooleanField(
        label=_(
            "I understand that the current masterplan becomes an earlier revision that can only be read, "
            "and that the new revision starts as a copy of its problems and initiatives."
        )
    )
