from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kotacerdas.accounts.models import User
from kotacerdas.core.instruments.loader import available_instruments
from kotacerdas.programme.models import (
    STAGE_NAMES,
    STAGE_NUMBERS,
    Candidacy,
    Cohort,
    Institution,
    InstitutionMember,
    Override,
)
from kotacerdas.regions.models import Region
from kotacerdas.web.forms import NOTE_MAX, DateField, NumberField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CohortForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2017, max_value=2100)
    name = forms.CharField(
        label=_("Name"), max_length=120, help_text=_("For example: Gerakan Smart City 2026.")
    )
    quota = forms.IntegerField(label=_("Quota"), min_value=1, max_value=600)
    instrument = forms.ChoiceField(label=_("Selection instrument (version)"))
    borderline_margin = NumberField(
        label=_("Borderline margin"),
        min_value=0,
        max_digits=8,
        decimal_places=4,
        initial=0,
        required=False,
        help_text=_("Scores this close to the cut-off are marked as borderline."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instrument"].choices = [(i, i) for i in available_instruments()]  # type: ignore[attr-defined]
        for n in STAGE_NUMBERS:
            self.fields[f"stage{n}_starts_on"] = DateField(
                label=_("%(stage)s starts") % {"stage": STAGE_NAMES[n]}, widget=DATE
            )
            self.fields[f"stage{n}_ends_on"] = DateField(
                label=_("%(stage)s ends") % {"stage": STAGE_NAMES[n]}, widget=DATE
            )

    def stage_dates(self) -> dict[int, tuple[date, date]]:
        data = self.cleaned_data
        return {n: (data[f"stage{n}_starts_on"], data[f"stage{n}_ends_on"]) for n in STAGE_NUMBERS}


CODE = re.compile(r"\d{2}\.\d{2}")


class InviteForm(forms.Form):
    regions = forms.CharField(
        label=_("Regions to invite"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kemendagri codes separated by spaces or commas, e.g. 33.73 34.04."),
    )

    def clean_regions(self) -> list[Region]:
        raw = self.cleaned_data["regions"]
        codes = [c for c in re.split(r"[\s,;]+", raw) if c]
        bad = [c for c in codes if not CODE.fullmatch(c)]
        if bad:
            raise forms.ValidationError(
                _("Not a kabupaten/kota code: %(codes)s.") % {"codes": ", ".join(bad)}
            )
        found = {r.code: r for r in Region.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(_("Unknown region codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        return [found[c] for c in dict.fromkeys(codes)]


def candidacy_in(cohort: Cohort, code: str) -> Candidacy | None:
    return cohort.candidacies.select_related("region", "cohort").filter(region__code=code.strip()).first()


NOT_A_CANDIDATE = _("This region is not a candidate of the cohort.")


class PersonForm(forms.Form):
    """A person by username; within a cohort (assessors) also a candidacy by its region code.

    Once the fields are valid, ``cleaned_data`` holds ``person`` (and ``candidacy``)."""

    region = forms.CharField(label=_("Region code"), max_length=5)
    username = forms.CharField(label=_("Username"), max_length=150)

    def __init__(self, *args: Any, cohort: Cohort | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cohort = cohort

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:  # look people and regions up only once what was typed is well-formed
            return data
        if self.cohort is not None:
            data["candidacy"] = candidacy_in(self.cohort, data["region"])
            if data["candidacy"] is None:
                self.add_error("region", NOT_A_CANDIDATE)
        data["person"] = User.objects.filter(username=data["username"].strip(), is_active=True).first()
        if data["person"] is None:
            self.add_error("username", _("No active person has this username."))
        return data


class LinkAssessmentForm(forms.Form):
    assessment = forms.TypedChoiceField(label=_("Selection assessment"), coerce=int)

    def __init__(self, *args: Any, choices: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessment"].choices = choices or []  # type: ignore[attr-defined]


class ScoreForm(forms.Form):
    score = forms.CharField(label=_("Verified score"), max_length=20)


class OverrideForm(forms.Form):
    region = forms.CharField(label=_("Region code"), max_length=5)
    decision = forms.ChoiceField(label=_("Decision"), choices=Override.Decision.choices)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("Required. Shown next to the rank on every list and export."),
    )

    def __init__(self, *args: Any, cohort: Cohort | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cohort = cohort

    def clean(self) -> dict[str, Any]:
        """Once the fields are valid, ``cleaned_data["candidacy"]`` is the region's candidacy."""
        data = super().clean() or {}
        if self.errors or self.cohort is None:
            return data
        data["candidacy"] = candidacy_in(self.cohort, data["region"])
        if data["candidacy"] is None:
            self.add_error("region", NOT_A_CANDIDATE)
        return data


class MouForm(forms.Form):
    number = forms.CharField(label=_("MoU number"), max_length=120)
    signed_on = DateField(label=_("Signed on"), widget=DATE)
    file = forms.FileField(label=_("Signed file (PDF, PNG or JPG, at most 10 MB)"), required=False)


class ChecklistItemForm(forms.Form):
    stage = forms.TypedChoiceField(
        label=_("Stage"), coerce=int, choices=[(n, STAGE_NAMES[n]) for n in STAGE_NUMBERS]
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=NOTE_MAX
    )
    due_on = DateField(label=_("Due on"), widget=DATE, required=False)


class ChecklistEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=NOTE_MAX
    )
    due_on = DateField(label=_("Due on"), widget=DATE, required=False)


class SubmittedItemForm(forms.Form):
    label = forms.CharField(label=_("What is it"), max_length=200)
    link = forms.CharField(
        label=_("Link"),
        max_length=500,
        required=False,
        help_text=_("A kotacerdas page (starting with /) or a web address."),
    )
    file = forms.FileField(label=_("Or a file (PDF, PNG, JPG, DOCX or XLSX, at most 10 MB)"), required=False)


class SubmitForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the mentor"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=NOTE_MAX,
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approved", _("Approve")), ("returned", _("Return for revision"))]
    )
    reason = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
        help_text=_("Required when returning: the region sees it."),
    )


class InstitutionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Body"), choices=Institution.Kind.choices)
    decree_number = forms.CharField(label=_("SK number"), max_length=120, required=False)
    decree_date = DateField(label=_("SK date"), widget=DATE, required=False)
    decree_file = forms.FileField(label=_("SK file (PDF, PNG or JPG, at most 10 MB)"), required=False)


class MemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    agency = forms.CharField(label=pgettext_lazy("agency", "Institution"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=InstitutionMember.Role.choices)


class DashboardFilterForm(forms.Form):
    cohort = forms.TypedChoiceField(label=_("Cohort"), coerce=int, required=False, empty_value=None)
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Region.objects.filter(kind=Region.Kind.PROVINCE),
        required=False,
        to_field_name="code",
        empty_label=_("All provinces"),
    )
    size_class = forms.ChoiceField(
        label=_("City-size class"),
        required=False,
        choices=[
            ("", _("All sizes")),
            ("kecil", _("kecil")),
            ("sedang", _("sedang")),
            ("besar", _("besar")),
            ("metropolitan", _("metropolitan")),
        ],
    )

    def __init__(self, *args: Any, cohorts: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [("", _("All cohorts")), *(cohorts or [])]  # type: ignore[attr-defined]
