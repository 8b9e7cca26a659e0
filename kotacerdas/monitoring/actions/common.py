"""What the monitoring actions share: people to notify, the period guard, number parsing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import Membership, Role, User
from kotacerdas.core import monitoring as core
from kotacerdas.core.formatting import NotANumber, read_number
from kotacerdas.monitoring.models import Period, locked_error, stored_period_state
from kotacerdas.regions.models import Opd, Region


def coordinators(region: Region) -> list[User]:
    rows = Membership.objects.filter(region=region, role=Role.COORDINATOR).select_related("user")
    return [m.user for m in rows]


def opd_staff(region: Region, opd: Opd | None = None) -> list[User]:
    rows = Membership.objects.filter(region=region, role=Role.OPD_CONTRIBUTOR).select_related("user")
    if opd is not None:
        rows = rows.filter(opd=opd)
    return [m.user for m in rows]


def params(period: Period, **extra: Any) -> dict[str, Any]:
    return {
        "region": period.region.name,
        "period": str(period),
        "closes": period.closes_on.isoformat(),
        **extra,
    }


def period_url(period: Period) -> str:
    return reverse("monitoring:period", args=[period.region.code, period.pk])


def require_writable(period: Period, *, reporting: bool = False) -> None:
    """Refuse a write to a locked period (and new reports to a closed one), from the stored state."""
    state = stored_period_state(period.pk)
    if state is None:
        raise Period.DoesNotExist
    period.state = state
    if state == core.LOCKED:
        raise locked_error()
    if reporting and state != core.OPEN:
        raise ValidationError(_("This reporting period is closed; only returned reports can still be fixed."))


def _typed_number(text: str, field: str) -> Decimal:
    try:
        return read_number(text)
    except NotANumber:
        if any(character.isdigit() for character in text):
            grouping = _("Write the number as 1.234,5: a full stop between thousands, a comma for decimals.")
            raise ValidationError({field: grouping}) from None
        raise ValidationError({field: _("Enter a number, not text.")}) from None


LIMIT = Decimal(10) ** 14  # what a decimal(18, 4) column holds


def parse_number(raw: Any, field: str, *, required: bool = True) -> Decimal | None:
    """A number typed by a person in Indonesian format (1.234,5; "1.500" is fifteen hundred), or given
    as a number (a spreadsheet's numeric cell, a JSON number), else a 400 on ``field``."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            raise ValidationError({field: _("Enter a value.")})
        return None
    if isinstance(raw, Decimal):
        number = raw
    elif isinstance(raw, int | float) and not isinstance(raw, bool):
        number = Decimal(str(raw))
    else:
        number = _typed_number(str(raw), field)
    if not number.is_finite():
        raise ValidationError({field: _("Enter a number, not text.")})
    if abs(number) >= LIMIT:
        raise ValidationError({field: _("The number is too large.")})
    return number.quantize(Decimal("0.0001"))
