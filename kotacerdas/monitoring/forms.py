"""Monitoring's forms: they only collect text; the actions parse and refuse (in Indonesian)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.core import monitoring as core
from kotacerdas.monitoring.models import KpiRule, Milestone
from kotacerdas.monitoring.statuses import CATEGORY_LABELS
from kotacerdas.planning.models import FundingSource

DECISIONS = [(core.APPROVED, _("Approve")), (core.RETURNED, _("Return for revision"))]


class PeriodForm(forms.Form):
    year = forms.IntegerField(label=_("Year"))
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("the whole year")), (1, "T1"), (2, "T2"), (3, "T3"), (4, "T4")],
    )
    closes_on = forms.DateField(label=_("Closing date"), widget=forms.DateInput(attrs={"type": "date"}))


class EvidenceFields(forms.Form):
    narrative = forms.CharField(
        label=_("Narrative"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence_label = forms.CharField(label=_("Evidence label"), required=False, max_length=200)
    evidence_link = forms.CharField(label=_("Evidence link"), required=False, max_length=500)
    evidence_file = forms.FileField(label=_("Evidence file (PDF, image, DOCX, XLSX)"), required=False)


class KpiReportForm(EvidenceFields):
    field_order = ["value", "numerator", "denominator"]

    def __init__(self, *args: Any, percentage: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if percentage:
            self.fields["numerator"] = forms.CharField(label=_("Numerator"), required=False)
            self.fields["denominator"] = forms.CharField(label=_("Denominator"), required=False)
        else:
            self.fields["value"] = forms.CharField(label=_("Actual value"), required=False)
        self.order_fields(self.field_order)


class InitiativeReportForm(EvidenceFields):
    def __init__(
        self, *args: Any, statuses: list[tuple[str, str]], milestones: list[Milestone], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["implementation"] = forms.ChoiceField(label=_("Implementation status"), choices=statuses)
        self.fields["progress"] = forms.CharField(
            label=_("Progress (%)"), required=False, help_text=_("Empty: the status's default progress.")
        )
        for value, label in FundingSource.choices:
            self.fields[f"realised_{value}"] = forms.CharField(
                label=_("Realised %(source)s (Rp)") % {"source": label}, required=False
            )
        if milestones:
            self.fields["milestones"] = forms.MultipleChoiceField(
                label=_("Quick Win milestones done"),
                required=False,
                choices=[(m.pk, m.title) for m in milestones],
                widget=forms.CheckboxSelectMultiple,
            )
        self.order_fields(["implementation", "progress"])


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class UnlockForm(forms.Form):
    reason = forms.CharField(label=_("Reason for unlocking"), widget=forms.Textarea(attrs={"rows": 2}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Reporting sheet (XLSX)"))


class StatusForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=30, help_text=_("Small letters, digits or _; reports store it.")
    )
    label = forms.CharField(label=_("Label"), max_length=200)
    progress = forms.CharField(label=_("Default progress (%)"))
    category = forms.ChoiceField(label=_("Counted as"), choices=list(CATEGORY_LABELS.items()))


class RemoveStatusForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput)


class KpiRuleForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=[(core.HIGHER, _("higher is better")), (core.LOWER, _("lower is better"))],
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=KpiRule.Kind.choices)
    minimum = forms.CharField(label=_("Lowest allowed value"), required=False)
    maximum = forms.CharField(label=_("Highest allowed value"), required=False)
    evidence_required = forms.BooleanField(label=_("Evidence required"), required=False)
