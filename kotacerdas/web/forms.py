from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.formatting import NotANumber, editable, number, read_number
from kotacerdas.web import uploads

# The longest free text a form takes where the model's TextField sets no limit: a narrative, a reason,
# a note, a description (the same as a comment, kotacerdas/discussion). The textarea carries it as
# ``maxlength``; a longer post gets Django's message on the field, with the text kept.
NOTE_MAX = 5000


def limited_text(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """A ModelForm's ``Meta.formfield_callback``: a model TextField without ``max_length`` becomes a
    form field of at most ``NOTE_MAX`` characters (``maxlength`` on the textarea, Django's message on
    the field). Other fields are built as Django builds them."""
    if isinstance(db_field, models.TextField) and db_field.max_length is None:
        kwargs.setdefault("max_length", NOTE_MAX)
    return db_field.formfield(**kwargs)


def apply_validation_error(form: forms.Form, error: ValidationError) -> None:
    """Show an action's ValidationError on the form: on its field when the field exists."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


NUL_REMOVED = _(
    "This text held an invisible NUL character (pasted from another program), which cannot be stored. "
    "It has been removed: check the text and save again."
)


def show_removed_nul(form: forms.BaseForm) -> bool:
    """Put ``NUL_REMOVED`` on each of the form's fields whose sent value held a NUL (removed by
    ``kotacerdas.web.middleware.RejectNullBytesMiddleware``); True when there was one."""
    held: frozenset[str] = getattr(form.data, "nul_fields", frozenset())
    names = [name for name in form.fields if form.add_prefix(name) in held]
    for name in names:
        form.add_error(name, str(NUL_REMOVED))
    return bool(names)


class VersionedForm(forms.Form):
    """An edit form that carries the version of the record it started from (a hidden field).

    Mix it in before the form's own base (``class InitiativeForm(VersionedForm, forms.ModelForm)``)
    and give the record's version as initial data (``initial={"version": item.version, ...}``). The
    action receives ``cleaned_data["version"]`` and refuses a save from an older version
    (``kotacerdas.audit.versioning.require_version``). Absent (an old client) it is ``None``, which
    skips the check."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class RupiahInput(forms.TextInput):
    """A Rupiah amount shown with thousand separators ("1.500.000.000"), a numeric keyboard on phones."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "numeric", "autocomplete": "off", "class": "rupiah", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if value is None or value == "":
            return None
        try:
            amount = parse_rupiah(value)
        except ValueError:
            return str(value)  # what the person typed, shown back with its error
        return number(amount)


def parse_rupiah(value: Any) -> Decimal:
    """'1.500.000.000', '1500000000', 'Rp 1.500.000.000' → Decimal(1500000000); ValueError otherwise.

    The full stop is the Indonesian thousands separator, so '1.500' is fifteen hundred; a comma or
    a stray full stop is refused rather than guessed (whole rupiah only)."""
    if isinstance(value, int | Decimal):
        return Decimal(value)
    text = str(value).replace("Rp", "").replace("\u00a0", "").replace(" ", "").strip()
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    if not re.fullmatch(r"\d+", text):
        raise ValueError(text)
    return Decimal(text)


def parse_signed_rupiah(value: Any) -> Decimal:
    """:func:`parse_rupiah` that also reads a leading minus ("-250.000.000" → -250000000), so the
    caller can say the amount is negative; ValueError for anything else that is not whole rupiah."""
    if isinstance(value, int | Decimal):
        return Decimal(value)
    text = str(value).strip()
    if text.startswith("-"):
        return -parse_rupiah(text[1:])
    return parse_rupiah(text)


NEGATIVE_AMOUNT = _("The amount cannot be negative.")


class RupiahField(forms.DecimalField):
    """Whole rupiah, typed with or without thousand separators; every Rupiah input uses it. A negative
    amount is named as negative, not as a malformed number."""

    widget = RupiahInput
    default_error_messages = {
        "invalid": _("Write whole rupiah, e.g. 1.500.000.000 or 1500000000."),
        "min_value": NEGATIVE_AMOUNT,
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_digits", 18)
        kwargs.setdefault("decimal_places", 0)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # the stubs say int
        if value in self.empty_values:
            return None
        try:
            return parse_signed_rupiah(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class NumberInput(forms.TextInput):
    """A decimal number shown as the pages write it (12,5 and 1.500), with a numeric keyboard on phones.

    Not ``<input type=number>``: a browser in an English locale refuses the decimal comma there."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if value is None or value == "":
            return None
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            # a stored number: str(Decimal("1.125")) would read back as 1125 (thousands)
            return editable(value) if Decimal(value).is_finite() else str(value)
        try:
            return editable(read_number(str(value)))
        except (NotANumber, ArithmeticError):
            return str(value)  # what the person typed, shown back with its error


class NumberField(forms.DecimalField):
    """A decimal number as a person in Indonesia types it: 12,5 or 1.500 or 1.234,5 (and 12.5 as a
    machine writes it); every decimal input of a form uses it, so no form refuses the comma the pages
    print. The limits (digits, places, minimum, maximum) are DecimalField's own."""

    widget = NumberInput
    default_error_messages = {"invalid": _("Write a number, e.g. 12,5 or 1.500.")}

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # the stubs say int
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        try:
            return read_number(str(value).strip())
        except NotANumber:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


EARLIEST_DATE, LATEST_DATE = date(1900, 1, 1), date(2100, 12, 31)


class DateField(forms.DateField):
    """A date typed in a form: a calendar picker, and a year between 1900 and 2100. Year 1 or 9999
    (a slip of the keyboard in the picker) would otherwise be saved and shown as the event's, the
    MoU's or the deadline's date; every date form uses this field."""

    default_error_messages = {
        "out_of_range": _("Enter a date between the years %(earliest)s and %(latest)s."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("min", EARLIEST_DATE.isoformat())
        self.widget.attrs.setdefault("max", LATEST_DATE.isoformat())

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not EARLIEST_DATE <= value <= LATEST_DATE:
            raise ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"earliest": EARLIEST_DATE.year, "latest": LATEST_DATE.year},
            )


class SpreadsheetField(forms.FileField):
    """A spreadsheet (XLSX or CSV) to import: refused before parsing when it is larger than
    ``uploads.MAX_SHEET_BYTES`` or its parts expand beyond ``uploads.MAX_SHEET_UNPACKED``."""

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload:
            uploads.check_spreadsheet(upload)
        return upload
