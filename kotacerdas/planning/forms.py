from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.prioritisation import DEFAULT_CRITERIA
from kotacerdas.planning import reference
from kotacerdas.planning.models import (
    FundingSource,
    Initiative,
    KeyIndicator,
    Masterplan,
    Problem,
    QuickWin,
    Risk,
    Statement,
    SwotItem,
)
from kotacerdas.regions.models import Opd, Region

CRITERION_LABELS = {
    "impact": _("Impact on citizens"),
    "urgency": _("Urgency"),
    "readiness": _("Feasibility / readiness"),
    "cost": _("Cost"),
    "rpjmd_alignment": _("Alignment with the RPJMD"),
    "spbe_relevance": _("SPBE relevance"),
}
SCORED_CRITERIA = [c.id for c in DEFAULT_CRITERIA if c.id != "cost"]  # cost comes from the budget
SAATY = ["9", "8", "7", "6", "5", "4", "3", "2", "1", "1/2", "1/3", "1/4", "1/5", "1/6", "1/7", "1/8", "1/9"]


def _element_field(**kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Dimension – element"), choices=[("", "—"), *reference.elements()], **kwargs
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Masterplan
        fields = [
            "period_start",
            "period_end",
            "rpjmd_start",
            "rpjmd_end",
            "population",
            "area_km2",
            "head_vision",
            "head_missions",
            "vision",
            "missions",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("head_vision", "head_missions", "vision", "missions")
        }
        help_texts = {
            "head_missions": _("One mission per line."),
            "missions": _("One mission per line."),
        }


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = KeyIndicator
        fields = ["name", "value", "unit", "year", "source"]
        help_texts = {"name": _("For example: poverty rate, IPM (Human Development Index).")}


class ProblemForm(forms.ModelForm):
    element = _element_field()

    class Meta:
        model = Problem
        fields = ["code", "title", "element", "description", "evidence", "root_causes", "opds", "origin"]
        widgets = {n: forms.Textarea(attrs={"rows": 3}) for n in ("description", "evidence", "root_causes")}

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opds"].queryset = region.opds.all()  # type: ignore[attr-defined]
        self.fields["opds"].widget = forms.CheckboxSelectMultiple(
            choices=self.fields["opds"].choices  # type: ignore[attr-defined]
        )


class SwotForm(forms.ModelForm):
    scope = forms.ChoiceField(label=_("Element or dimension"))

    class Meta:
        model = SwotItem
        fields = ["scope", "kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [("", "—"), *reference.swot_scopes()]  # type: ignore[attr-defined]


class StatementForm(forms.ModelForm):
    dimension = forms.ChoiceField(label=_("Dimension"))

    class Meta:
        model = Statement
        fields = ["kind", "dimension", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = [("", "—"), *reference.dimensions()]  # type: ignore[attr-defined]


class ProgrammeForm(forms.Form):
    code = forms.CharField(label=_("Permendagri 90 code"), max_length=30, help_text=_("For example 2.16.03."))
    name = forms.CharField(label=_("Programme / activity"), max_length=250)
    document = forms.ChoiceField(
        label=_("Source document"), choices=[("RPJMD", "RPJMD"), ("Renstra", "Renstra")]
    )
    opd: forms.ModelChoiceField = forms.ModelChoiceField(label=_("OPD"), queryset=None, required=False)
    goal: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Smart city goal"), queryset=None)

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = region.opds.all()  # type: ignore[attr-defined]
        self.fields["goal"].queryset = Statement.objects.filter(  # type: ignore[attr-defined]
            region=region, kind=Statement.Kind.GOAL
        )


class InitiativeForm(forms.ModelForm):
    element = _element_field()
    subactivity_codes = forms.CharField(
        label=_("Sub-kegiatan codes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One Permendagri 90 sub-kegiatan code per line, e.g. 2.16.03.2.02.0014."),
    )

    class Meta:
        model = Initiative
        fields = [
            "code",
            "name",
            "element",
            "type",
            "description",
            "owner",
            "partners",
            "problems",
            "rpjmd_targets",
            "subactivity_codes",
            "horizon",
            "start_year",
            "duration",
            "total_cost",
            "predecessors",
            "risks",
            "status",
            "mandatory",
            "citizen_benefit",
            "earliest_start_year",
        ]
        widgets = {n: forms.Textarea(attrs={"rows": 2}) for n in ("description", "rpjmd_targets", "risks")}
        help_texts = {
            "total_cost": _("Optional; when given, the budget rows below must add up to it."),
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
            self.fields[name].widget = forms.CheckboxSelectMultiple(
                choices=self.fields[name].choices  # type: ignore[attr-defined]
            )

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
                self.fields[f"b_{year}_{source}"] = forms.DecimalField(
                    label=f"{label} {year}", required=False, min_value=0, decimal_places=0, max_digits=18
                )

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
    baseline = forms.DecimalField(label=_("Baseline"), required=False, max_digits=18, decimal_places=4)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        for year in years:
            self.fields[f"t_{year}"] = forms.DecimalField(
                label=_("Target %(year)s") % {"year": year}, required=False, max_digits=18, decimal_places=4
            )

    def targets(self) -> dict[int, Any]:
        return {year: self.cleaned_data.get(f"t_{year}") for year in self.years}


class AhpForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [c.id for c in DEFAULT_CRITERIA]
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                self.fields[f"{a}__{b}"] = forms.ChoiceField(
                    label=_("%(a)s compared with %(b)s")
                    % {"a": CRITERION_LABELS[a], "b": CRITERION_LABELS[b]},
                    choices=[(v, v) for v in SAATY],
                    initial="1",
                )

    def judgements(self) -> dict[tuple[str, str], str]:
        return {tuple(name.split("__")): value for name, value in self.cleaned_data.items()}  # type: ignore[misc]


class DirectWeightsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for c in DEFAULT_CRITERIA:
            self.fields[f"w_{c.id}"] = forms.DecimalField(
                label=CRITERION_LABELS[c.id], min_value=0, max_digits=8, decimal_places=3
            )

    def weights(self) -> dict[str, Any]:
        return {c.id: self.cleaned_data[f"w_{c.id}"] for c in DEFAULT_CRITERIA}


class ScoresForm(forms.Form):
    def __init__(self, *args: Any, initiatives: list[Initiative], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initiatives = initiatives
        for initiative in initiatives:
            for criterion in SCORED_CRITERIA:
                self.fields[f"s_{initiative.pk}_{criterion}"] = forms.IntegerField(
                    label=f"{initiative.code} {CRITERION_LABELS[criterion]}",
                    min_value=1,
                    max_value=5,
                    initial=initiative.scores.get(criterion),
                )

    def rows(self) -> list[tuple[Initiative, list[forms.BoundField]]]:
        return [(i, [self[f"s_{i.pk}_{c}"] for c in SCORED_CRITERIA]) for i in self.initiatives]

    def scores(self) -> dict[int, dict[str, int]]:
        return {
            i.pk: {c: self.cleaned_data[f"s_{i.pk}_{c}"] for c in SCORED_CRITERIA} for i in self.initiatives
        }


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
            self.fields[f"c_{year}"] = forms.DecimalField(
                label=_("Ceiling %(year)s") % {"year": year},
                required=False,
                min_value=0,
                decimal_places=0,
                max_digits=18,
            )
            for source in FundingSource.values:
                self.fields[f"c_{year}_{source}"] = forms.DecimalField(
                    label=f"{source} {year}", required=False, min_value=0, decimal_places=0, max_digits=18
                )

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
    time_limit = forms.FloatField(label=_("Time limit (seconds)"), min_value=1, max_value=120, initial=10)


class PinForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Pinned start year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("not pinned")), *[(y, y) for y in years]]  # type: ignore[attr-defined]


class QuickWinCriteriaForm(forms.Form):
    max_years = forms.IntegerField(label=_("Finishes within (years)"), min_value=1, max_value=5)
    cost_ceiling = forms.DecimalField(
        label=_("Cost ceiling (Rp)"), required=False, min_value=0, decimal_places=0
    )
    citizen_benefit = forms.BooleanField(label=_("Direct citizen benefit required"), required=False)
    min_readiness = forms.DecimalField(
        label=_("Minimum readiness score (1–5)"), required=False, min_value=1, max_value=5, decimal_places=1
    )


class SelectQuickWinForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years[:2]]  # type: ignore[attr-defined]


class QuickWinForm(forms.ModelForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    class Meta:
        model = QuickWin
        fields = ["brand", "owner", "year", "steps", "targets"]
        widgets = {"steps": forms.Textarea(attrs={"rows": 4}), "targets": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"steps": _("One step or milestone per line, e.g. “Q1 2026: regulation signed”.")}

    def __init__(self, *args: Any, region: Region, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = region.opds.all()  # type: ignore[attr-defined]
        self.fields["year"].choices = [(y, y) for y in years[:2]]  # type: ignore[attr-defined]


class RiskForm(forms.ModelForm):
    likelihood = forms.TypedChoiceField(
        label=_("Likelihood (1–5)"), coerce=int, choices=[(i, i) for i in range(1, 6)]
    )
    impact = forms.TypedChoiceField(
        label=_("Impact (1–5)"), coerce=int, choices=[(i, i) for i in range(1, 6)]
    )

    class Meta:
        model = Risk
        fields = ["description", "likelihood", "impact", "handling", "mitigation", "owner"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "mitigation": forms.Textarea(attrs={"rows": 2}),
        }


class ImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX file"))
