from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.planning import reference
from kotacerdas.planning.analysis.actions import INDICATOR_FIRST_YEAR, PROFILE_FIELDS, check_year
from kotacerdas.planning.models import KeyIndicator, Masterplan, Problem, Statement, SwotItem
from kotacerdas.regions.models import Region
from kotacerdas.web.forms import VersionedForm, limited_text


def element_field(**kwargs: Any) -> forms.ChoiceField:
    """A smart city element of the instrument, shown as "Dimension – element"."""
    return forms.ChoiceField(
        label=_("Dimension – element"), choices=[("", "—"), *reference.elements()], **kwargs
    )


def as_checkboxes(field: forms.Field) -> None:
    """Show a multiple choice as checkboxes (after its queryset is set, so the choices are known)."""
    field.widget = forms.CheckboxSelectMultiple(choices=field.choices)  # type: ignore[attr-defined]


class ProfileForm(forms.ModelForm):
    class Meta:
        formfield_callback = limited_text  # free text: at most NOTE_MAX characters
        model = Masterplan
        fields = PROFILE_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("head_vision", "head_missions", "vision", "missions")
        }
        help_texts = {
            "head_missions": _("One mission per line."),
            "missions": _("One mission per line."),
        }

    def clean_period_start(self) -> int | None:
        return check_year(self.cleaned_data["period_start"])

    def clean_period_end(self) -> int | None:
        return check_year(self.cleaned_data["period_end"])

    def clean_rpjmd_start(self) -> int | None:
        return check_year(self.cleaned_data["rpjmd_start"])

    def clean_rpjmd_end(self) -> int | None:
        return check_year(self.cleaned_data["rpjmd_end"])


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = KeyIndicator
        fields = ["name", "value", "unit", "year", "source"]
        help_texts = {"name": _("For example: poverty rate, IPM (Human Development Index).")}

    def clean_year(self) -> int | None:
        return check_year(self.cleaned_data["year"], INDICATOR_FIRST_YEAR)


class ProblemForm(VersionedForm, forms.ModelForm):
    element = element_field()

    class Meta:
        formfield_callback = limited_text  # free text: at most NOTE_MAX characters
        model = Problem
        fields = ["code", "title", "element", "description", "evidence", "root_causes", "opds", "origin"]
        widgets = {n: forms.Textarea(attrs={"rows": 3}) for n in ("description", "evidence", "root_causes")}

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opds"].queryset = region.opds.all()  # type: ignore[attr-defined]
        as_checkboxes(self.fields["opds"])


class SwotForm(VersionedForm, forms.ModelForm):
    scope = forms.ChoiceField(label=_("Element or dimension"))

    class Meta:
        formfield_callback = limited_text  # free text: at most NOTE_MAX characters
        model = SwotItem
        fields = ["scope", "kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [("", "—"), *reference.swot_scopes()]  # type: ignore[attr-defined]


class StatementForm(forms.ModelForm):
    dimension = forms.ChoiceField(label=_("Dimension"))

    class Meta:
        formfield_callback = limited_text  # free text: at most NOTE_MAX characters
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
