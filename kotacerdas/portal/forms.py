"""The portal's forms: they collect input; the actions check it and refuse in Indonesian."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.portal.models import EventFile
from kotacerdas.portal.snapshot import PARTS
from kotacerdas.web.forms import NOTE_MAX, DateField, VersionedForm


class PublishForm(forms.Form):
    parts = forms.MultipleChoiceField(
        label=_("Parts to publish"), choices=PARTS, widget=forms.CheckboxSelectMultiple
    )


class EventForm(VersionedForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("Place"), max_length=200)
    from_government = forms.IntegerField(label=_("Government (OPD, camat, DPRD)"), min_value=0, initial=0)
    from_business = forms.IntegerField(label=_("Business (UMKM, companies)"), min_value=0, initial=0)
    from_academia = forms.IntegerField(label=_("Academia"), min_value=0, initial=0)
    from_community = forms.IntegerField(label=_("Community"), min_value=0, initial=0)
    from_media = forms.IntegerField(label=_("Media"), min_value=0, initial=0)
    head_count = forms.IntegerField(label=_("Total head count"), min_value=0)
    summary = forms.CharField(
        label=_("Summary"), required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class EventFileForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventFile.Kind.choices)
    label = forms.CharField(label=_("Label"), max_length=200, required=False)
    upload = forms.FileField(label=_("File (materials: PDF, DOCX, XLSX; photos: PNG, JPG)"))
    is_public = forms.BooleanField(label=_("Show on the public page"), required=False)
