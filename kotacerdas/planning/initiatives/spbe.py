"""The SPBE 2020 indicators an initiative can be mapped to (PermenPANRB 59/2020, 47 indicators).

The codes come from the SPBE instrument file (kotacerdas/frameworks/spbe-2020.yaml), so the list is
the instrument the SPBE self-assessment uses; an initiative stores the codes it supports.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kotacerdas.core.instruments import Instrument, load_instrument

SPBE_INSTRUMENT = "spbe-2020"


@cache
def spbe_instrument() -> Instrument:
    return load_instrument(SPBE_INSTRUMENT)


def spbe_codes() -> list[str]:
    """The indicator codes in the instrument's order ("1" … "47")."""
    return [indicator.code for indicator in spbe_instrument().indicators()]


def clean_spbe_codes(codes: Iterable[str]) -> list[str]:
    """The codes in the instrument's order, each once; an unknown code is refused with every one named."""
    wanted = [code.strip() for code in codes if code.strip()]
    known = spbe_codes()
    unknown = [code for code in dict.fromkeys(wanted) if code not in known]
    if unknown:
        message = _("Unknown SPBE 2020 indicator code(s): %(codes)s (the codes are 1 to %(last)s).")
        raise ValidationError(
            {"spbe_codes": message % {"codes": ", ".join(unknown)[:300], "last": known[-1]}}
        )
    return [code for code in known if code in set(wanted)]
