"""The form of a new index run: the input (an upload or a published cycle) and the recipe steps.

It parses input only; the action checks the tables and builds the recipe (index_actions.py).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.evaluation.index_models import IndexRun
from kotacerdas.evaluation.index_recipe import AGGREGATE_METHODS, IMPUTE_METHODS, NORMALISE_METHODS
from kotacerdas.evaluation.models import Cycle
from kotacerdas.web.forms import NumberField, SpreadsheetField

NORMALISE_LABELS = {
    "n_minmax": _("min-max onto 0–100 (n_minmax)"),
    "n_zscore": _("z-score (n_zscore)"),
    "n_fracmax": _("fraction of the maximum (n_fracmax)"),
    "n_rank": _("rank (n_rank)"),
    "n_prank": _("percentile rank (n_prank)"),
    "n_borda": _("Borda score (n_borda)"),
    "n_dist2max": _("distance to the maximum (n_dist2max)"),
    "none": _("none (the data are already comparable)"),
}
IMPUTE_LABELS = {
    "i_mean": _("indicator mean (i_mean)"),
    "i_median": _("indicator median (i_median)"),
    "none": _("none (missing values stay missing)"),
}
AGGREGATE_LABELS = {
    "a_amean": _("weighted arithmetic mean (a_amean)"),
    "a_gmean": _("weighted geometric mean (a_gmean)"),
    "a_hmean": _("weighted harmonic mean (a_hmean)"),
    "a_genmean": _("generalised mean, p = 0.5 (a_genmean)"),
    "a_copeland": _("Copeland outranking (a_copeland)"),
}
WEIGHT_LABELS = (
    ("meta", _("from iMeta (the Weight column)")),
    ("equal", _("equal")),
    ("custom", _("custom")),
)


def _choices(methods: tuple[str, ...], labels: dict[str, Any], blank: Any = None) -> list[tuple[str, Any]]:
    out = [(m, labels[m]) for m in methods]
    return [("", blank), *out] if blank is not None else out


class IndexRunForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    source = forms.ChoiceField(label=_("Input"), choices=IndexRun.Source.choices, widget=forms.RadioSelect)
    data_file = SpreadsheetField(
        label=_("iData (CSV or XLSX)"),
        required=False,
        help_text=_(
            "One row per unit: uCode, optional uName, one column per indicator; "
            "or one workbook with sheets iData and iMeta."
        ),
    )
    meta_file = SpreadsheetField(
        label=_("iMeta (CSV or XLSX)"),
        required=False,
        help_text=_("Columns iCode, iName, Level, Parent, Direction, Weight, Type, as for kotacerdas index."),
    )
    cycle = forms.ModelChoiceField(
        label=_("Published evaluation cycle"),
        queryset=Cycle.objects.filter(state=Cycle.State.PUBLISHED),
        required=False,
        help_text=_("Its verified part scores become the indicators."),
    )
    impute = forms.ChoiceField(label=_("Imputation"), choices=_choices(IMPUTE_METHODS, IMPUTE_LABELS))
    normalise = forms.ChoiceField(
        label=_("Normalisation"), choices=_choices(NORMALISE_METHODS, NORMALISE_LABELS)
    )
    weights = forms.ChoiceField(
        label=_("Weights"), choices=WEIGHT_LABELS, widget=forms.RadioSelect, initial="meta"
    )
    custom_weights = forms.CharField(
        label=_("Custom weights"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line: iCode = weight (relative within its parent); other codes keep their iMeta weight."
        ),
    )
    aggregate = forms.ChoiceField(
        label=_("Aggregation"), choices=_choices(AGGREGATE_METHODS, AGGREGATE_LABELS)
    )
    weight_noise = NumberField(
        label=_("Weight uncertainty (± share)"),
        required=False,
        min_value=0,
        max_value=1,
        initial="0.25",
        help_text=_(
            "E.g. 0,25: every weight below the index varies by up to ±25%. Empty or 0: weights fixed."
        ),
    )
    alt_normalise = forms.ChoiceField(
        label=_("Alternative normalisation"),
        required=False,
        choices=_choices(NORMALISE_METHODS, NORMALISE_LABELS, blank=_("none")),
    )
    alt_aggregate = forms.ChoiceField(
        label=_("Alternative aggregation"),
        required=False,
        choices=_choices(AGGREGATE_METHODS, AGGREGATE_LABELS, blank=_("none")),
    )
    replications = forms.IntegerField(label=_("Replications (N)"), min_value=0, initial=200)
    seed = forms.IntegerField(label=_("Random seed"), min_value=0, max_value=2**32 - 1, initial=1)
    sensitivity = forms.BooleanField(
        label=_("Sensitivity analysis (Sobol indices)"),
        required=False,
        help_text=_("Runs N × (number of assumptions + 2) replications."),
    )

    def clean_custom_weights(self) -> dict[str, float]:
        weights: dict[str, float] = {}
        for number, line in enumerate(self.cleaned_data["custom_weights"].splitlines(), start=1):
            if not line.strip():
                continue
            code, sep, value = line.replace(":", "=").partition("=")
            try:
                weight = float(value.strip()) if sep else -1.0
            except ValueError:
                weight = -1.0
            if not code.strip() or not weight >= 0:
                raise forms.ValidationError(
                    _("Line %(line)d: write “iCode = weight” with a weight of 0 or more.") % {"line": number}
                )
            weights[code.strip()] = weight
        return weights

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source") == IndexRun.Source.UPLOAD and not data.get("data_file"):
            self.add_error("data_file", _("Upload the iData file (or one workbook with both sheets)."))
        if data.get("source") == IndexRun.Source.CYCLE and not data.get("cycle"):
            self.add_error("cycle", _("Choose a published evaluation cycle."))
        return data

    def choices(self) -> dict[str, Any]:
        data = self.cleaned_data
        keys = (
            "impute",
            "normalise",
            "weights",
            "custom_weights",
            "aggregate",
            "alt_normalise",
            "alt_aggregate",
        )
        out = {key: data[key] for key in keys} | {"replications": data["replications"], "seed": data["seed"]}
        noise = data.get("weight_noise")
        return out | {"weight_noise": float(noise) if noise else 0.0, "sensitivity": data["sensitivity"]}
