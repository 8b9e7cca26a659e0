from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.prioritisation import DEFAULT_CRITERIA
from kotacerdas.planning.models import Initiative
from kotacerdas.planning.reference import SCORED_CRITERIA
from kotacerdas.web.forms import NumberField

CRITERION_LABELS = {
    "impact": _("Impact on citizens"),
    "urgency": _("Urgency"),
    "readiness": _("Feasibility / readiness"),
    "cost": _("Cost"),
    "rpjmd_alignment": _("Alignment with the RPJMD"),
    "spbe_relevance": _("SPBE relevance"),
}
SAATY = ["9", "8", "7", "6", "5", "4", "3", "2", "1", "1/2", "1/3", "1/4", "1/5", "1/6", "1/7", "1/8", "1/9"]


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


class ExpertJudgementForm(AhpForm):
    """An expert's own judgements: the pairs one by one, or a whole matrix pasted from a spreadsheet
    (the usual Bimtek worksheet). A pasted matrix wins over the pairs."""

    matrix = forms.CharField(
        label=_("Or paste your whole comparison matrix"),
        help_text=_(
            "Six rows of six values in the order of the criteria above, e.g. copied from a spreadsheet; "
            "fractions such as 1/3 and decimal commas are accepted."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        initial = kwargs.get("initial") or {}
        for name, field in self.fields.items():
            field.required = False  # a pasted matrix replaces the pairs; the action names a missing pair
            stored = initial.get(name)
            if isinstance(field, forms.ChoiceField) and stored and stored not in SAATY:
                # a value pasted earlier (e.g. 2.5) stays selected: never silently replaced by 9
                field.choices = [*((v, v) for v in SAATY), (stored, stored)]

    def clean_matrix(self) -> list[list[str]]:
        text = self.cleaned_data.get("matrix") or ""
        rows = [line.replace(";", " ").split() for line in text.splitlines() if line.strip()]
        size = len(DEFAULT_CRITERIA)
        if rows and (len(rows) != size or any(len(row) != size for row in rows)):
            raise forms.ValidationError(
                _("Paste %(n)d rows of %(n)d values, one row per criterion.") % {"n": size}
            )
        return [[cell.replace(",", ".") for cell in row] for row in rows]

    def judgements(self) -> dict[tuple[str, str], str]:
        ids = [c.id for c in DEFAULT_CRITERIA]
        rows = self.cleaned_data.get("matrix") or []
        if rows:
            return {(a, b): rows[i][j] for i, a in enumerate(ids) for j, b in enumerate(ids)}
        pairs = {k: v for k, v in self.cleaned_data.items() if k != "matrix" and v}
        return {tuple(name.split("__")): value for name, value in pairs.items()}  # type: ignore[misc]


class DirectWeightsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for c in DEFAULT_CRITERIA:
            self.fields[f"w_{c.id}"] = NumberField(
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
