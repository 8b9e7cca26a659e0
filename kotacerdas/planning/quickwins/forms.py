from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.planning.models import Masterplan, QuickWin, Risk
from kotacerdas.regions.models import Region
from kotacerdas.web.forms import NumberField, RupiahField, VersionedForm, limited_text


class QuickWinCriteriaForm(forms.Form):
    max_years = forms.IntegerField(label=_("Finishes within (years)"), min_value=1, max_value=5)
    cost_ceiling = RupiahField(label=_("Cost ceiling (Rp)"), required=False)
    citizen_benefit = forms.BooleanField(label=_("Direct citizen benefit required"), required=False)
    min_readiness = NumberField(
        label=_("Minimum readiness score (1–5)"), required=False, min_value=1, max_value=5, decimal_places=1
    )

    @classmethod
    def initial_for(cls, masterplan: Masterplan) -> dict[str, Any]:
        return {
            "max_years": masterplan.qw_max_years,
            "cost_ceiling": masterplan.qw_cost_ceiling,
            "citizen_benefit": masterplan.qw_citizen_benefit,
            "min_readiness": masterplan.qw_min_readiness,
        }


class SelectQuickWinForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years[:2]]  # type: ignore[attr-defined]


class QuickWinForm(VersionedForm, forms.ModelForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    class Meta:
        formfield_callback = limited_text  # free text: at most NOTE_MAX characters
        model = QuickWin
        fields = ["brand", "owner", "year", "steps", "targets"]
        widgets = {"steps": forms.Textarea(attrs={"rows": 4}), "targets": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"steps": _("One step or milestone per line, e.g. “Q1 2026: regulation signed”.")}

    def __init__(self, *args: Any, region: Region, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = region.opds.all()  # type: ignore[attr-defined]
        self.fields["year"].choices = [(y, y) for y in years[:2]]  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, quick_win: QuickWin) -> dict[str, Any]:
        return {
            "brand": quick_win.brand,
            "owner": quick_win.owner_id,
            "year": quick_win.year,
            "steps": quick_win.steps,
            "targets": quick_win.targets,
            "version": quick_win.version,
        }


class RiskForm(forms.ModelForm):
    likelihood = forms.TypedChoiceField(
        label=_("Likelihood (1–5)"), coerce=int, choices=[(i, i) for i in range(1, 6)]
    )
    impact = forms.TypedChoiceField(
        label=_("Impact (1–5)"), coerce=int, choices=[(i, i) for i in range(1, 6)]
    )

    class Meta:
        formfield_callback = limited_text  # free text: at most NOTE_MAX characters
        model = Risk
        fields = ["description", "likelihood", "impact", "handling", "mitigation", "owner"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "mitigation": forms.Textarea(attrs={"rows": 2}),
        }
