from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts.models import Role, User
from kotacerdas.assessment.instruments import instrument_choices, label
from kotacerdas.core.formatting import NotANumber, read_number
from kotacerdas.core.instruments import ChoiceAnswer, Indicator, MaturityAnswer, NumberAnswer, YesNoAnswer
from kotacerdas.regions.models import Opd, Region
from kotacerdas.web.forms import DateField, NumberField, NumberInput, SpreadsheetField, VersionedForm


class StartForm(forms.Form):
    instrument_id = forms.ChoiceField(label=_("Instrument"))
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("For example: Selection assessment 2026.")
    )
    deadline = DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    target = NumberField(
        label=_("Target level"),
        required=False,
        max_digits=8,
        decimal_places=2,
        help_text=_(
            "Optional: the level the region aims for, on the instrument's scale. Gaps are measured to it."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["instrument_id"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *instrument_choices()]


class OpdChoiceField(forms.ModelChoiceField[Opd]):
    def label_from_instance(self, obj: Opd) -> str:
        return obj.name


class AssignForm(forms.Form):
    code = forms.ChoiceField(label=_("Group or indicator"))
    opd = OpdChoiceField(
        label=_("OPD"), queryset=Opd.objects.none(), required=False, empty_label=_("Nobody (unassign)")
    )

    def __init__(self, *args: Any, rows: list[Any], region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        code_field, opd_field = self.fields["code"], self.fields["opd"]
        assert isinstance(code_field, forms.ChoiceField) and isinstance(opd_field, forms.ModelChoiceField)
        code_field.choices = [(r.code, f"{'· ' * (r.depth - 1)}{r.code} — {r.name}") for r in rows]
        opd_field.queryset = region.opds.filter(is_active=True)


class AssessorForm(forms.Form):
    assessor = forms.ModelChoiceField(label=_("Assessor"), queryset=User.objects.none())

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assessor"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(
            memberships__role=Role.ASSESSOR, memberships__region=region
        ).distinct()


class NumberText(forms.CharField):
    """A number as a person in Indonesia types it (2,75 or 1.500), passed on as 2.75 and 1500; text that
    is no number goes on as typed, for the action to refuse with its own message. A stored answer is
    written back with the decimal comma (2.75 → 2,75), as the page shows it (the shared ``NumberInput``)."""

    widget = NumberInput

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        try:
            return str(read_number(text)) if text else text
        except NotANumber:
            return text


def value_field(indicator: Indicator, *, required: bool = False, field_label: Any = None) -> forms.Field:
    """The form field for one indicator's answer; the action validates the value again."""
    answer = indicator.answer
    field_label = field_label or _("Answer")
    if isinstance(answer, MaturityAnswer):
        choices = [("", "—")] + [
            (str(level.value), f"{level.value} — {label(level.name)}") for level in answer.levels
        ]
        return forms.ChoiceField(label=field_label, choices=choices, required=required)
    if isinstance(answer, YesNoAnswer):
        return forms.ChoiceField(
            label=field_label, choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))], required=required
        )
    if isinstance(answer, ChoiceAnswer):
        choices = [("", "—")] + [(o.code, label(o.name)) for o in answer.options]
        return forms.ChoiceField(label=field_label, choices=choices, required=required)
    assert isinstance(answer, NumberAnswer)
    hint = _("A number") + (f" ({answer.unit})" if answer.unit else "")
    return NumberText(label=field_label, required=required, max_length=40, help_text=hint)


class AnswerForm(VersionedForm):
    explanation = forms.CharField(
        label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"value": value_field(indicator), **self.fields}


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"),
        help_text=_("PDF, image or office document."),
        error_messages={"required": _("Choose a file to upload.")},
    )


class ImportForm(forms.Form):
    file = SpreadsheetField(
        label=_("Answers workbook (XLSX)"), error_messages={"required": _("Choose a file to upload.")}
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("accept", _("Accept")),
            ("adjust", _("Adjust the score")),
            ("return", _("Return for revision")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Required when you adjust or return."),
    )

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"] = value_field(indicator, field_label=_("Verified answer (when adjusting)"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Interview note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000
    )
