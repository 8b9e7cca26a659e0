"""The submission rule of ``evidence_required`` indicators (docs/reference/instruments.md)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kotacerdas.assessment.instruments import label
from kotacerdas.assessment.models import Answer, Evidence, State
from kotacerdas.core.instruments import Instrument


def require_evidence(instrument: Instrument, answers: list[Answer]) -> None:
    """Refuse when an answered indicator the instrument marks ``evidence_required`` has no file:
    one message per indicator, so the person sees the whole list at once."""
    with_files = set(Evidence.objects.filter(answer__in=answers).values_list("answer__indicator", flat=True))
    answered = {a.indicator for a in answers if (a.verified_value if a.state == State.VERIFIED else a.value)}
    lacking = [
        indicator
        for indicator in instrument.indicators()
        if indicator.evidence_required and indicator.code in answered and indicator.code not in with_files
    ]
    if lacking:
        raise ValidationError(
            [_("Upload at least one evidence file for each of these indicators before submitting:")]
            + [
                _("Indicator %(code)s %(name)s: no evidence file yet.")
                % {"code": indicator.code, "name": label(indicator.name)}
                for indicator in lacking
            ]
        )
