"""Forms of the evaluation pages: parse input only; the actions validate and decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.assessment.instruments import get_instrument, label
from kotacerdas.core.regions import available_size_schemes, load_size_scheme, size_scheme_to_dict
from kotacerdas.evaluation.actions import monev_instruments
from kotacerdas.evaluation.participants import cohort_regions, regions_with_active_masterplan
from kotacerdas.programme.models import Cohort
from kotacerdas.regions.models import Region
from kotacerdas.web.forms import DateField

MAX_RESULTS_BYTES = 2 * 2**20
LISTED, MASTERPLAN = "listed", "masterplan"


class CycleForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2017, max_value=2100)
    instrument = forms.ChoiceField(label=_("Instrument version (weights)"))
    scheme = forms.ChoiceField(label=_("Size-class scheme"))
    participants = forms.ChoiceField(
        label=_("Participants"),
        choices=[
            (LISTED, _("A cohort and/or the regions listed below")),
            (MASTERPLAN, _("All regions with an active masterplan in the year")),
        ],
        initial=LISTED,
        required=False,
        widget=forms.RadioSelect,
    )
    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.all(),
        required=False,
        help_text=_("Its selected regions take part."),
    )
    codes = forms.CharField(
        label=_("Other regions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kemendagri codes such as 33.73, separated by spaces or commas."),
    )
    self_assessment_until = DateField(
        label=_("Self-assessment until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    verification_until = DateField(
        label=_("Verification and interviews until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    publication_on = DateField(label=_("Publication on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["instrument"]).choices = instrument_choices()
        cast(forms.ChoiceField, self.fields["scheme"]).choices = scheme_choices()

    def clean_codes(self) -> list[Region]:
        codes = [code for code in self.cleaned_data["codes"].replace(",", " ").split() if code]
        regions = {region.code: region for region in Region.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in regions]
        if unknown:
            raise forms.ValidationError(
                _("Unknown region code(s): %(codes)s") % {"codes": ", ".join(unknown)}
            )
        return list(regions.values())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("participants") == MASTERPLAN and (data.get("cohort") or data.get("codes")):
            message = _(
                "Choose either all regions with an active masterplan or a cohort and regions, not both."
            )
            self.add_error("participants", message)
        return data

    def regions(self) -> list[Region]:
        if self.cleaned_data.get("participants") == MASTERPLAN:
            return regions_with_active_masterplan(self.cleaned_data["year"])
        chosen = list(self.cleaned_data["codes"])
        cohort = self.cleaned_data.get("cohort")
        if cohort is not None:
            chosen += cohort_regions(cohort)
        return chosen


def instrument_choices() -> list[tuple[str, str]]:
    """The monev instruments by name and version, as the cycle pages show them, not by file id."""
    return [
        (code, f"{label(get_instrument(code).name)} ({get_instrument(code).version})")
        for code in monev_instruments()
    ]


def scheme_choices() -> list[tuple[str, str]]:
    """The size-class schemes by name ("PP 26/2008 (IKCI 2018)"), as the cycle pages show them."""
    return [
        (code, scheme_name(size_scheme_to_dict(load_size_scheme(code)))) for code in available_size_schemes()
    ]


def scheme_name(frozen: dict[str, Any]) -> str:
    """A (frozen) size-class scheme's name in the reader's language; its id when it has none."""
    return label(frozen.get("name")) or str(frozen.get("id", ""))


class ResultsForm(forms.Form):
    upload = forms.FileField(
        label=_("Verified part scores (CSV)"),
        help_text=_(
            "Columns: region_code, baseline, output, outcome, impact, quick_win; "
            "optional previous_total, verified."
        ),
    )

    def clean_upload(self) -> str:
        upload = self.cleaned_data["upload"]
        if upload.size > MAX_RESULTS_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        content = upload.read()
        if is_binary(content):
            raise forms.ValidationError(NOT_CSV)
        try:
            return str(content.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text (save it as CSV UTF-8).")) from None


NOT_CSV = _(
    "This is not a CSV file but a workbook or other binary file. In Excel choose "
    "File → Save As → CSV UTF-8 (or CSV) and upload that file."
)


def is_binary(content: bytes) -> bool:
    """A workbook (XLSX/ODS is a zip, XLS an OLE file) or anything with NUL bytes: never a CSV.

    Read as text it would be refused as "unknown column(s): PK\x03\x04…", which says nothing useful."""
    return content.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")) or b"\x00" in content[:4096]
