"""Rupiah amounts of the masterplan (budget rows, total costs, pagu): read the same way on a form and
in the initiatives workbook, so "Rp 400.000.000" is accepted by both and a negative amount is named as
negative, not as a malformed number."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kotacerdas.web.forms import RupiahField, parse_rupiah

NEGATIVE = _("The amount cannot be negative.")


def parse_signed_rupiah(value: Any) -> Decimal:
    """:func:`parse_rupiah` that also reads a leading minus ("-250.000.000" → -250000000), so the
    caller can say the amount is negative; ValueError for anything else that is not whole rupiah."""
    if isinstance(value, int | Decimal):
        return Decimal(value)
    text = str(value).strip()
    if text.startswith("-"):
        return -parse_rupiah(text[1:])
    return parse_rupiah(text)


class AmountField(RupiahField):
    """A :class:`RupiahField` that tells a negative amount apart from a malformed one."""

    default_error_messages = {"min_value": NEGATIVE}

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # the stubs say int
        if value in self.empty_values:
            return None
        try:
            return parse_signed_rupiah(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
