from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.planning.models import FundingSource, Masterplan
from kotacerdas.regions.models import Opd
from kotacerdas.web.forms import RupiahField


class RoadmapConstraintsForm(forms.Form):
    opd_capacity = forms.IntegerField(
        label=_("Initiatives an OPD can run at once"), min_value=1, max_value=50
    )

    def __init__(self, *args: Any, years: list[int], opds: list[Opd] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        self.opds = opds or []
        for opd in self.opds:
            self.fields[f"cap_{opd.pk}"] = forms.IntegerField(
                label=str(opd), required=False, min_value=1, max_value=50
            )
        for year in years:
            self.fields[f"c_{year}"] = RupiahField(
                label=_("Ceiling %(year)s") % {"year": year}, required=False
            )
            for source, name in FundingSource.choices:
                self.fields[f"c_{year}_{source}"] = RupiahField(label=f"{name} {year}", required=False)

    def rows(self) -> list[tuple[int, forms.BoundField, list[forms.BoundField]]]:
        return [(y, self[f"c_{y}"], [self[f"c_{y}_{s}"] for s in FundingSource.values]) for y in self.years]

    def capacity_fields(self) -> list[forms.BoundField]:
        return [self[f"cap_{opd.pk}"] for opd in self.opds]

    def capacities(self) -> dict[int, int | None]:
        return {opd.pk: self.cleaned_data.get(f"cap_{opd.pk}") for opd in self.opds}

    def ceilings(self) -> dict[int, Any]:
        return {y: self.cleaned_data.get(f"c_{y}") for y in self.years}

    def source_ceilings(self) -> dict[str, dict[int, Any]]:
        return {s: {y: self.cleaned_data.get(f"c_{y}_{s}") for y in self.years} for s in FundingSource.values}

    @classmethod
    def initial_for(cls, masterplan: Masterplan) -> dict[str, Any]:
        initial: dict[str, Any] = {"opd_capacity": masterplan.opd_capacity}
        initial.update({f"cap_{pk}": n for pk, n in masterplan.opd_capacities.items()})
        initial.update({f"c_{y}": v for y, v in masterplan.budget_ceilings.items()})
        for source, years in masterplan.source_ceilings.items():
            initial.update({f"c_{y}_{source}": v for y, v in years.items()})
        return initial


class RunForm(forms.Form):
    time_limit = forms.FloatField(
        label=_("Time limit (seconds)"),
        min_value=1,
        max_value=120,
        initial=10,
        error_messages={
            "min_value": _("The time limit must be between 1 and 120 seconds."),
            "max_value": _("The time limit must be between 1 and 120 seconds."),
        },
    )


class PinForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Pinned start year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("not pinned")), *[(y, y) for y in years]]  # type: ignore[attr-defined]
