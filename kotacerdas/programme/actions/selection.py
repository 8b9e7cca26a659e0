"""Selection of a cohort's regions: the linked assessment or verified score, overrides, the ranking."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, save_audited, snapshot
from kotacerdas.audit.transitions import lock_row
from kotacerdas.core.selection import SelectionError
from kotacerdas.notifications.service import notify
from kotacerdas.programme import notices
from kotacerdas.programme.access import can_link_assessment, can_verify_score
from kotacerdas.programme.actions.common import candidacy_url, coordinators, params, require_national_admin
from kotacerdas.programme.models import Candidacy, Cohort, InterimScore, Override, Ranking
from kotacerdas.programme.ranking import current_ranking, entries_as_json

MAX_SCORE = Decimal("1000")


def do_link_assessment(actor: User, candidacy: Candidacy, assessment_id: int | None) -> Candidacy:
    """Link the candidacy to the region's selection assessment (kotacerdas.assessment); it is ranked by
    that assessment's verified result."""
    from kotacerdas.assessment.models import Assessment

    if not can_link_assessment(actor, candidacy):
        raise ActionNotAllowed(_("Only the region's team, its assessors or the national admin may do this."))
    if candidacy.cohort.rankings.exists():
        raise ValidationError(
            {"assessment": _("The selection of this cohort is already made; scores are frozen.")}
        )
    if assessment_id is not None:
        assessment = Assessment.objects.filter(pk=assessment_id, region=candidacy.region).first()
        if assessment is None:
            raise ValidationError({"assessment": _("Choose an assessment of this region.")})
        if assessment.instrument_id != candidacy.cohort.instrument:
            raise ValidationError(
                {
                    "assessment": _(
                        "The cohort selects with %(instrument)s; this assessment uses another instrument."
                    )
                    % {"instrument": candidacy.cohort.instrument}
                }
            )
    save_audited(
        actor,
        "candidacy.link_assessment",
        candidacy,
        {"assessment_id": assessment_id},
        region=candidacy.region,
    )
    return candidacy


def _parse_score(value: object) -> Decimal:
    try:
        score = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError({"score": _("Enter the score as a number, e.g. 3.75.")}) from None
    if not score.is_finite() or score < 0 or score >= MAX_SCORE:
        raise ValidationError({"score": _("The score must be between 0 and 999.")})
    return score.quantize(Decimal("0.0001"))


def do_record_verified_score(actor: User, candidacy: Candidacy, score: object) -> InterimScore:
    """Record the verified selection score (interim source, see scores.py)."""
    if not can_verify_score(actor, candidacy):
        raise ActionNotAllowed(
            _("Only an assessor assigned to this region or the national admin may verify.")
        )
    if candidacy.cohort.rankings.exists():
        raise ValidationError(
            {"score": _("The selection of this cohort is already made; scores are frozen.")}
        )
    value = _parse_score(score)
    existing = InterimScore.objects.filter(candidacy=candidacy).first()
    before = snapshot(existing) if existing else None
    with transaction.atomic():
        row, _created = InterimScore.objects.update_or_create(
            candidacy=candidacy, defaults={"score": value, "verified_by": actor}
        )
        record(
            actor, "candidacy.verify_score", row, before=before, after=snapshot(row), region=candidacy.region
        )
    return row


SELECTION_MESSAGES = {
    "too_many_included": lambda p: (
        _("More regions are included by override (%(included)d) than the quota (%(quota)d).") % p
    ),
    "missing_reason": lambda p: _("An override needs a reason."),
}


def do_set_override(actor: User, candidacy: Candidacy, *, decision: str, reason: str) -> Override:
    require_national_admin(actor)
    reason = reason.strip()
    if decision not in Override.Decision.values:
        raise ValidationError({"decision": _("Choose include or exclude.")})
    if not reason:
        raise ValidationError({"reason": _("An override needs a reason; it is shown next to the rank.")})
    if candidacy.cohort.rankings.exists():
        raise ValidationError({"decision": _("The selection of this cohort is already made.")})
    existing = Override.objects.filter(candidacy=candidacy).first()
    before = snapshot(existing) if existing else None
    with transaction.atomic():
        row, _created = Override.objects.update_or_create(
            candidacy=candidacy, defaults={"decision": decision, "reason": reason, "decided_by": actor}
        )
        try:
            current_ranking(candidacy.cohort)
        except SelectionError as error:
            message = SELECTION_MESSAGES.get(error.code, lambda p: _("This override is not possible."))
            raise ValidationError({"decision": message(error.params)}) from None
        record(actor, "candidacy.override", row, before=before, after=snapshot(row), region=candidacy.region)
    return row


def do_remove_override(actor: User, candidacy: Candidacy) -> None:
    require_national_admin(actor)
    row = Override.objects.filter(candidacy=candidacy).first()
    if row is None:
        return
    if candidacy.cohort.rankings.exists():
        raise ValidationError(_("The selection of this cohort is already made."))
    with transaction.atomic():
        record(
            actor, "candidacy.override_remove", row, before=snapshot(row), after=None, region=candidacy.region
        )
        row.delete()


def do_select(actor: User, cohort: Cohort) -> Ranking:
    """Save the ranking with its recipe and mark the selected regions (up to the quota)."""
    require_national_admin(actor)
    if cohort.rankings.exists():
        raise ValidationError(_("The selection of this cohort is already made."))
    with transaction.atomic():
        lock_row(cohort)  # two clicks on "select" at once: the second waits, then finds the ranking
        if cohort.rankings.exists():
            raise ValidationError(_("The selection of this cohort is already made."))
        ranking, candidacies = current_ranking(cohort)
        if not ranking.selected:
            raise ValidationError(_("Nobody can be selected yet: no candidate has a verified score."))
        saved = Ranking.objects.create(
            cohort=cohort,
            recipe=ranking.recipe,
            entries=entries_as_json(ranking),
            input_hash=str(ranking.recipe["input_hash"]),
            created_by=actor,
        )
        chosen = set(ranking.selected)
        for code, candidacy in candidacies.items():
            candidacy.status = Candidacy.Status.SELECTED if code in chosen else Candidacy.Status.NOT_SELECTED
            candidacy.save(update_fields=["status"])
        record(
            actor,
            "cohort.select",
            saved,
            before=None,
            after={"recipe": ranking.recipe, "selected": sorted(chosen)},
        )
        for code in sorted(chosen):
            candidacy = candidacies[code]
            notify(
                coordinators(candidacy.region), notices.SELECTED, params(candidacy), candidacy_url(candidacy)
            )
    return saved
