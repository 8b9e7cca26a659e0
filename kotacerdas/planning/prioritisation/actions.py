"""Writes of the prioritisation: criteria weights (AHP or direct) and the initiatives' scores."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, save_audited, snapshot
from kotacerdas.core import ahp
from kotacerdas.core.prioritisation import DEFAULT_CRITERIA
from kotacerdas.planning.access import can_judge_criteria, own_judgement
from kotacerdas.planning.common import require_editor, require_masterplan, save_record, snapshot_if_saved
from kotacerdas.planning.models import ExpertJudgement, Initiative, Masterplan
from kotacerdas.planning.prioritisation.group import MIN_EXPERTS, GroupAhp, group_ahp
from kotacerdas.planning.prioritisation.judgements import checked_judgements, ratio_text
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


def do_save_expert_judgements(
    actor: User, region: Region, judgements: Mapping[tuple[str, str], object]
) -> ahp.AhpResult:
    """An expert's own judgements for the group AHP (replacing their earlier ones). Refused, with
    nothing saved, when a value is off Saaty's scale, a pair is missing or is not reciprocal; an
    inconsistent set (CR ≥ 0.10) is saved and the page names the judgements to revisit."""
    if not can_judge_criteria(actor, region):
        raise ActionNotAllowed(
            _("Only the coordinator, the OPD members and the mentor of this region give judgements.")
        )
    require_masterplan(region)
    upper = checked_judgements(judgements)
    result = ahp.analyse(ahp.matrix_from_judgements(CRITERIA_IDS, upper))
    with transaction.atomic():
        mine = own_judgement(region, actor) or ExpertJudgement(region=region, expert=actor)
        before = snapshot_if_saved(mine)
        mine.judgements = {f"{a}|{b}": ratio_text(value) for (a, b), value in upper.items()}
        save_record(actor, mine, "masterplan.expert_judgements", region, before)
    return result


def do_use_group_weights(actor: User, region: Region) -> GroupAhp:
    """The coordinator makes the group's weights the masterplan's (the experts and the group CR are
    in the audit entry). Later changes by an expert do not move the masterplan until chosen again."""
    require_editor(actor, region)
    masterplan = require_masterplan(region)
    group = group_ahp(region)
    if not group.is_group or group.result is None or group.matrix is None:
        raise ValidationError(
            _("Group weights need the judgements of at least %(n)d experts.") % {"n": MIN_EXPERTS}
        )
    fields = ["weight_method", "judgements", "weights"]
    before = snapshot(masterplan, fields)
    masterplan.weight_method = "group"
    masterplan.judgements = _upper_of(group.matrix)
    masterplan.weights = group.result.weights()
    with transaction.atomic():
        masterplan.save(update_fields=fields)
        after = snapshot(masterplan, fields) | {
            "experts": [str(expert.judgement.expert) for expert in group.experts],
            "consistency_ratio": round(group.result.consistency_ratio, 4),
        }
        record(actor, "masterplan.group_weights", masterplan, before=before, after=after, region=region)
    return group


def _upper_of(matrix: ahp.PairwiseMatrix) -> dict[str, str]:
    labels = matrix.labels
    return {
        f"{a}|{labels[j]}": ratio_text(float(matrix.values[i, j]))
        for i, a in enumerate(labels)
        for j in range(i + 1, len(labels))
    }
