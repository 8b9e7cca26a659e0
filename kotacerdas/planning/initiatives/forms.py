from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.planning.analysis.forms import as_checkboxes, element_field
from kotacerdas.planning.initiatives.fields import INITIATIVE_FIELDS
from kotacerdas.planning.models import FundingSource, Initiative, Kpi, Problem
from kotacerdas.regions.models import Region
from kotacerdas.web.forms import NumberField, RupiahField, SpreadsheetField, VersionedForm, limited_text


class InitiativeForm(VersionedForm, forms.ModelForm):
    element = element_field()
    subactivity_codes = forms.CharField(
        label=_("Sub-kegiatan codes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One Permendagri 90 sub-kegiatan code per line, e.g. 2.16.03.2.02.0014."),
    )
    total_cost = RupiahField(
        label=_("Total cost (Rp)"),
        required=False,
        help_text=_("Optional; when given, the budget rows below must add up to it."),
    )

    class Meta:
        formfield_callback = limited_text  # free text: at most NOTE_MAX characters
        model = Initiative
        fields = INITIATIVE_FIELDS
        widgets = {n: forms.Textarea(attrs={"rows": 2}) for n in ("description", "rpjmd_targets", "risks")}
        help_texts = {
            "earliest_start_year": _("Optional; the roadmap will not start it earlier."),
        }

    def __init__(self, *args: Any, region: Region, exclude_pk: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = region.opds.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["problems"].queryset = Problem.objects.filter(region=region)  # type: ignore[attr-defined]
        self.fields["predecessors"].queryset = Initiative.objects.filter(  # type: ignore[attr-defined]
            region=region
        ).exclude(pk=exclude_pk or 0)
        for name in ("problems", "predecessors"):
            as_checkboxes(self.fields[name])

    @classmethod
    def initial_for(cls, initiative: Initiative) -> dict[str, Any]:
        linked = {
            "owner": initiative.owner_id,
            "problems": list(initiative.problems.all()),
            "predecessors": list(initiative.predecessors.all()),
            "subactivity_codes": "\n".join(initiative.subactivity_codes),
        }
        values = {n: linked[n] if n in linked else getattr(initiative, n) for n in INITIATIVE_FIELDS}
        return {**values, "version": initiative.version}

    def codes(self) -> list[str]:
        text = self.cleaned_data.get("subactivity_codes") or ""
        return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


class BudgetForm(forms.Form):
    """The yearly pagu per funding source, one field per year and source."""

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        for year in years:
            for source, label in FundingSource.choices:
                self.fields[f"b_{year}_{source}"] = RupiahField(label=f"{label} {year}", required=False)

    def rows(self) -> list[tuple[int, list[forms.BoundField]]]:
        return [
            (year, [self[f"b_{year}_{source}"] for source in FundingSource.values]) for year in self.years
        ]

    def budget(self) -> dict[tuple[int, str], Any]:
        return {
            (year, source): self.cleaned_data[f"b_{year}_{source}"]
            for year in self.years
            for source in FundingSource.values
            if self.cleaned_data.get(f"b_{year}_{source}")
        }

    @classmethod
    def initial_for(cls, initiative: Initiative) -> dict[str, Any]:
        return {f"b_{line.year}_{line.source}": line.amount for line in initiative.budget_lines.all()}


class KpiForm(forms.Form):
    name = forms.CharField(label=_("KPI"), max_length=200)
    unit = forms.CharField(label=_("Unit"), max_length=40)
    baseline = NumberField(label=_("Baseline"), required=False, max_digits=18, decimal_places=4)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        for year in years:
            self.fields[f"t_{year}"] = NumberField(
                label=_("Target %(year)s") % {"year": year}, required=False, max_digits=18, decimal_places=4
            )

    def targets(self) -> dict[int, Any]:
        return {year: self.cleaned_data.get(f"t_{year}") for year in self.years}


def _stored_number(value: Any) -> Any:
    """A stored target as a number, so the input shows it as the pages write it (1.125 → 1,125)."""
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return value


class KpiTargetsForm(VersionedForm):
    """A KPI's yearly targets corrected in place: one field per year of the masterplan period (as the
    add form), plus any year outside it that still holds a target (to be cleared); blank = no target."""

    def __init__(self, *args: Any, kpi: Kpi, period: list[int], **kwargs: Any) -> None:
        stored = {int(y) for y in kpi.targets if str(y).isdigit()}
        kwargs.setdefault(
            "initial",
            {"version": kpi.version, **{f"t_{y}": _stored_number(kpi.targets[str(y)]) for y in stored}},
        )
        super().__init__(*args, **kwargs)
        self.years = sorted(set(period) | stored)
        for year in self.years:
            label = _("Target %(year)s") % {"year": year}
            if year not in period:
                label = _("Target %(year)s (outside the masterplan period)") % {"year": year}
            self.fields[f"t_{year}"] = NumberField(
                label=label, required=False, max_digits=18, decimal_places=4
            )

    def targets(self) -> dict[int, Any]:
        return {year: self.cleaned_data.get(f"t_{year}") for year in self.years}


class ImportForm(forms.Form):
    file = SpreadsheetField(label=_("XLSX file"))
