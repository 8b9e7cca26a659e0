"""Monitoring's forms: they only collect text; the actions parse and refuse (in Indonesian)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.core import monitoring as core
from kotacerdas.core.formatting import editable
from kotacerdas.monitoring.models import KpiRule, Milestone
from kotacerdas.monitoring.statuses import CATEGORY_LABELS
from kotacerdas.planning.models import FundingSource
from kotacerdas.web.forms import NOTE_MAX, DateField, NumberField, SpreadsheetField, VersionedForm

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
    closes_on = DateField(label=_("Closing date"), widget=forms.DateInput(attrs={"type": "date"}))


class NumberTextInput(forms.TextInput):
    """A number's input: a stored number is written back as 1.234,5 (``editable``), which the action
    reads as the same number; what a person typed is shown back as typed."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return editable(value)
        return super().format_value(value)


class NumberText(forms.CharField):
    """A number typed in Indonesian format; the action parses it (``actions.common.parse_number``)."""

    widget = NumberTextInput


class EvidenceFields(forms.Form):
    narrative = forms.CharField(
        label=_("Narrative"), required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence_label = forms.CharField(label=_("Evidence label"), required=False, max_length=200)
    evidence_link = forms.CharField(label=_("Evidence link"), required=False, max_length=500)
    evidence_file = forms.FileField(label=_("Evidence file (PDF, image, DOCX, XLSX)"), required=False)


class KpiReportForm(VersionedForm, EvidenceFields):
    field_order = ["value", "numerator", "denominator"]

    def __init__(self, *args: Any, percentage: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if percentage:
            self.fields["numerator"] = NumberText(label=_("Numerator"), required=False)
            self.fields["denominator"] = NumberText(label=_("Denominator"), required=False)
        else:
            self.fields["value"] = NumberText(label=_("Actual value"), required=False)
        self.order_fields(self.field_order)


class InitiativeReportForm(VersionedForm, EvidenceFields):
    def __init__(
        self, *args: Any, statuses: list[tuple[str, str]], milestones: list[Milestone], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["implementation"] = forms.ChoiceField(label=_("Implementation status"), choices=statuses)
        self.fields["progress"] = NumberText(
            label=_("Progress (%)"), required=False, help_text=_("Empty: the status's default progress.")
        )
        for value, label in FundingSource.choices:
            self.fields[f"realised_{value}"] = NumberText(
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
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class UnlockForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for unlocking"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class ImportForm(forms.Form):
    file = SpreadsheetField(label=_("Reporting sheet (XLSX)"))


class StatusForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=30, help_text=_("Small letters, digits or _; reports store it.")
    )
    label = forms.CharField(label=_("Label"), max_length=200)
    progress = NumberText(label=_("Default progress (%)"))
    category = forms.ChoiceField(label=_("Counted as"), choices=list(CATEGORY_LABELS.items()))


class RemoveStatusForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput)


class KpiRuleForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=[(core.HIGHER, _("higher is better")), (core.LOWER, _("lower is better"))],
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=KpiRule.Kind.choices)
    minimum = NumberText(label=_("Lowest allowed value"), required=False)
    maximum = NumberText(label=_("Highest allowed value"), required=False)
    evidence_required = forms.BooleanField(label=_("Evidence required"), required=False)


YEAR_RANGE = _("Enter a year between 2000 and 2100.")


class OutcomeForm(VersionedForm):
    """One year's value of an outcome series (add, or change with the version it started from)."""

    name = forms.CharField(
        label=_("Outcome indicator"),
        max_length=200,
        help_text=_("Choose a name from the list (the masterplan's key indicators) or write a new one."),
        widget=forms.TextInput(attrs={"list": "outcome-names", "autocomplete": "off"}),
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        error_messages={"min_value": YEAR_RANGE, "max_value": YEAR_RANGE, "invalid": YEAR_RANGE},
    )
    value = NumberField(label=_("Value"), max_digits=18, decimal_places=4)
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    source = forms.CharField(
        label=_("Source"), max_length=200, help_text=_("Where the value comes from, e.g. BPS, Susenas 2024.")
    )
    verified = forms.BooleanField(label=_("Verified against its source"), required=False)


class RemoveOutcomeForm(VersionedForm):
    """The remove button of one value: the version the list showed."""


class MilestoneForm(VersionedForm):
    """A Quick Win milestone's title and year (add, or change with the version it started from); the
    action checks the year against the Quick Win's masterplan period."""

    title = forms.CharField(label=_("Milestone"), max_length=200)
    year = forms.IntegerField(
        label=_("Planned year"),
        error_messages={"invalid": _("Enter the year as a number, e.g. 2027.")},
    )

    def __init__(self, *args: Any, quick_wins: list[Any] | None = None, **kwargs: Any) -> None:
        """``quick_wins`` given (the add form): the Quick Win the milestone belongs to is chosen first."""
        super().__init__(*args, **kwargs)
        if quick_wins is not None:
            self.fields["quick_win"] = forms.TypedChoiceField(
                label=_("Quick Win"),
                coerce=int,
                choices=[("", "—")] + [(q.pk, f"{q.initiative.code} · {q} ({q.year})") for q in quick_wins],
                error_messages={"invalid_choice": _("Choose one of the Quick Wins in the list.")},
            )
            self.order_fields(["quick_win", "title", "year"])


class RemoveMilestoneForm(VersionedForm):
    """The remove button of one milestone: the version the list showed."""
