"""SPBE alignment of a region: which of the 47 SPBE 2020 indicators its initiatives cover, and the
ratified masterplan attached by reference as evidence in an SPBE self-assessment.

The mapping itself is planning's (Initiative.spbe_codes, set by planning's do_set_spbe_codes); this
page reads it per indicator and writes it through that action. The SPBE self-assessment is an
assessment of the spbe-2020 instrument in the assessment app; the attachment is an EvidenceLink.
"""

from __future__ import annotations

from dataclasses import dataclass

from kotacerdas.assessment.access import EDITABLE_ASSESSMENT_STATES
from kotacerdas.assessment.instruments import label
from kotacerdas.assessment.models import Assessment
from kotacerdas.planning.initiatives.spbe import SPBE_INSTRUMENT, spbe_codes, spbe_instrument
from kotacerdas.planning.models import Initiative
from kotacerdas.regions.models import Region


@dataclass(frozen=True)
class Coverage:
    code: str
    name: str
    initiatives: list[Initiative]


def coverage(region: Region) -> list[Coverage]:
    """Every SPBE 2020 indicator with the region's initiatives mapped to it (47 rows, in order)."""
    by_code: dict[str, list[Initiative]] = {code: [] for code in spbe_codes()}
    for initiative in Initiative.objects.filter(region=region).order_by("code"):
        for code in initiative.spbe_codes:
            by_code.setdefault(code, []).append(initiative)
    instrument = spbe_instrument()
    return [Coverage(code, label(instrument.node(code).name), items) for code, items in by_code.items()]  # type: ignore[union-attr]


def spbe_assessments(region: Region) -> list[Assessment]:
    """The region's SPBE self-assessments that can still take evidence."""
    found = Assessment.objects.filter(
        region=region, instrument_id=SPBE_INSTRUMENT, state__in=EDITABLE_ASSESSMENT_STATES
    )
    return list(found.order_by("-created_at"))
