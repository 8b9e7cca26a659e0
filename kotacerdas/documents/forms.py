from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.books.outline import Outline
from kotacerdas.core.books.placeholders import text_label
from kotacerdas.web.forms import DateField


class GenerateForm(forms.Form):
    programme_year = forms.IntegerField(label=_("Programme year"), min_value=2017, max_value=2100)
    formats = forms.MultipleChoiceField(
        label=_("Formats"),
        choices=[("docx", _("DOCX (editable)")), ("pdf", _("PDF (for publication)"))],
        widget=forms.CheckboxSelectMultiple,
    )

    @classmethod
    def initial_for(cls, pdf_available: bool) -> GenerateForm:
        formats = ["docx", "pdf"] if pdf_available else ["docx"]
        return cls(initial={"programme_year": timezone.localdate().year, "formats": formats})


class TextsForm(forms.Form):
    """One textarea per free-text section of the outline."""

    def __init__(self, outline: Outline, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in outline.text_keys():
            self.fields[key] = forms.CharField(
                label=text_label(key),  # the name the draft books use when the text is missing
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("Separate paragraphs with an empty line."),
            )


class SettingsForm(forms.Form):
    extra_books = forms.MultipleChoiceField(
        label=_("Optional books"), required=False, widget=forms.CheckboxSelectMultiple
    )
    template = forms.FileField(
        label=_("DOCX template"),
        required=False,
        help_text=_("A Word document whose styles, page set-up, header and footer the books use."),
    )
    remove_template = forms.BooleanField(label=_("Go back to the default template"), required=False)
    logo = forms.FileField(label=_("Logo (PNG or JPG)"), required=False)

    def __init__(self, choices: list[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["extra_books"].choices = choices  # type: ignore[attr-defined]


class RatifyForm(forms.Form):
    number = forms.CharField(label=_("Perkada number"), max_length=120)
    ratified_on = DateField(label=_("Perkada date"), widget=forms.DateInput(attrs={"type": "date"}))
    scan = forms.FileField(label=_("Signed scan (PDF, PNG or JPG)"))


class OutlineForm(forms.Form):
    year = forms.IntegerField(label=_("Programme year"), min_value=2017, max_value=2100)
    yaml_text = forms.CharField(
        label=_("Outline override (YAML)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false"}),
        help_text=_(
            "Books listed here replace the default books with the same key. Leave empty to use the default."
        ),
    )
