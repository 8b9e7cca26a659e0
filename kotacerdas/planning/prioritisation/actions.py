"""Writes of the prioritisation: criteria weights (AHP or direct) and the initiatives' scores."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import User
from kotacerdas.audit.log import save_audited
from kotacerdas.core import ahp
from kotacerdas.core.prioritisation import DEFAULT_CRITERIA
from kotacerdas.planning.common import require_editor, require_masterplan
from kotacerdas.planning.models import Initiative, Masterplan
from kotacerdas.regions.models import Region

CRITERIA_IDS = [criterion.id for criterion in DEFAULT_CRITERIA]


def do_set_ahp_weights(
    actor: User, region: Region, judgements: Mapping[tuple[str, str], str]
) -> ahp.AhpResult:
    """Weights from pairwise judgements (Saaty 1–9); stored with the judgements. Warns, never refuses,
    when CR ≥ 0.10 (the page names the judgements to revisit)."""
    require_editor(actor, region)
    masterplan = require_masterplan(region)
    try:
        result = ahp.analyse(ahp.matrix_from_judgements(CRITERIA_IDS, judgements))
    except ahp.AhpError as error:
        raise ValidationError(_("The comparisons are incomplete or invalid: %(e)s") % {"e": error}) from None
    changes = {
        "weight_method": "ahp",
        "judgements": {f"{a}|{b}": str(v) for (a, b), v in judgements.items()},
        "weights": result.weights(),
    }
    save_audited(actor, "masterplan.weights", masterplan, changes, region=region)
    return result


def do_set_direct_weights(actor: User, region: Region, weights: Mapping[str, Decimal]) -> Masterplan:
    require_editor(actor, region)
    masterplan = require_masterplan(region)
    if set(weights) != set(CRITERIA_IDS) or any(w < 0 for w in weights.values()):
        raise ValidationError(_("Give every criterion a weight of 0 or more."))
    total = sum(weights.values(), Decimal(0))
    if total <= 0:
        raise ValidationError(_("At least one weight must be above 0."))
    changes = {"weight_method": "direct", "weights": {k: float(v / total) for k, v in weights.items()}}
    # the stored AHP judgements stay (for a later return to AHP) and are shown in the audit entry
    save_audited(actor, "masterplan.weights", masterplan, changes, region=region, watch=["judgements"])
    return masterplan


def do_set_scores(actor: User, region: Region, scores: Mapping[int, Mapping[str, float]]) -> None:
    """Scores per initiative id and criterion (1–5; cost is taken from the budget)."""
    require_editor(actor, region)
    initiatives = {i.pk: i for i in Initiative.objects.filter(region=region, pk__in=list(scores))}
    if len(initiatives) != len(scores):
        raise ValidationError(_("Choose initiatives of this region."))
    for values in scores.values():
        if any(not 1 <= float(v) <= 5 for v in values.values()):
            raise ValidationError(_("Scores run from 1 (low) to 5 (high)."))
    with transaction.atomic():
        for pk, values in scores.items():
            changes = {"scores": {k: float(v) for k, v in values.items()}}
            save_audited(actor, "masterplan.scores", initiatives[pk], changes, region=region)
