"""Writes of the programme: permission → validation → transaction → audit → notify."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import is_national_admin
from kotacerdas.accounts.actions import do_add_membership
from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import Membership, Role
from kotacerdas.audit.log import record
from kotacerdas.audit.log import snapshot as audit_snapshot
from kotacerdas.core import progress
from kotacerdas.core.instruments.loader import available_instruments
from kotacerdas.core.selection import SelectionError
from kotacerdas.notifications.service import notify
from kotacerdas.programme import notices
from kotacerdas.programme.access import can_edit_institutions, can_review, can_submit, can_verify_score
from kotacerdas.programme.defaults import default_items
from kotacerdas.programme.models import (
    STAGE_NUMBERS,
    AssessorAssignment,
    Candidacy,
    ChecklistItem,
    Cohort,
    Deliverable,
    Institution,
    InstitutionMember,
    InterimScore,
    MentorAssignment,
    Mou,
    Override,
    Ranking,
    Stage,
    SubmittedItem,
    Transition,
)
from kotacerdas.programme.ranking import current_ranking, entries_as_json
from kotacerdas.regions.models import Region
from kotacerdas.web import uploads

MAX_SCORE = Decimal("1000")


def snapshot(instance: Any, fields: list[str] | None = None) -> dict[str, Any]:
    """The audit snapshot, with stored files by their generated name."""
    values = audit_snapshot(instance, fields)
    return {key: value.name if isinstance(value, FieldFile) else value for key, value in values.items()}


def _require_national_admin(actor: Any) -> None:
    if not is_national_admin(actor):
        raise ActionNotAllowed(_("Only the national programme admin may do this."))


def _coordinators(region: Region) -> list[Any]:
    return [
        m.user for m in Membership.objects.filter(region=region, role=Role.COORDINATOR).select_related("user")
    ]


def _ensure_membership(actor: Any, user: Any, role: str, region: Region) -> None:
    """Assigned mentors and assessors also hold the region-scoped role (comments, workspace)."""
    if not Membership.objects.filter(user=user, role=role, region=region).exists():
        do_add_membership(actor, user, role=role, region=region)


def _params(candidacy: Candidacy, **extra: Any) -> dict[str, Any]:
    return {"region": candidacy.region.name, "cohort": candidacy.cohort.name, **extra}


def _region_url(candidacy: Candidacy) -> str:
    return reverse("programme:candidacy", args=[candidacy.region.code, candidacy.cohort_id])


# --- cohorts -----------------------------------------------------------------------------------


SCANS = ("pdf", "png", "jpg")  # signed documents: a PDF or a photo of the paper


def _read(upload: Any, field: str, allowed: tuple[str, ...] = SCANS) -> tuple[bytes, str] | None:
    """An optional upload's bytes and kind, validated (ValidationError on ``field``) before any write."""
    return uploads.read_upload(upload, field, allowed) if upload is not None else None


def do_create_cohort(
    actor: Any,
    *,
    year: int,
    name: str,
    quota: int,
    instrument: str,
    stage_dates: dict[int, tuple[date, date]],
    borderline_margin: Decimal = Decimal("0"),
) -> Cohort:
    """Open a cohort with its Bimtek calendar and the default deliverables checklist."""
    _require_national_admin(actor)
    errors: dict[str, list[str]] = {}
    name = " ".join(name.split())
    if not name:
        errors.setdefault("name", []).append(_("Enter the cohort's name."))
    if Cohort.objects.filter(year=year).exists():
        errors.setdefault("year", []).append(_("There is already a cohort for %(year)d.") % {"year": year})
    if quota < 1:
        errors.setdefault("quota", []).append(_("The quota must be at least 1."))
    if instrument not in available_instruments():
        errors.setdefault("instrument", []).append(_("Choose one of the available instruments."))
    if borderline_margin < 0:
        errors.setdefault("borderline_margin", []).append(_("The margin cannot be negative."))
    previous_end: date | None = None
    for number in STAGE_NUMBERS:
        if number not in stage_dates:
            errors.setdefault(f"stage{number}_starts_on", []).append(_("Enter the stage's dates."))
            continue
        starts, ends = stage_dates[number]
        if ends < starts:
            errors.setdefault(f"stage{number}_ends_on", []).append(_("The stage ends before it starts."))
        elif previous_end is not None and starts < previous_end:
            errors.setdefault(f"stage{number}_starts_on", []).append(
                _("A stage cannot start before the previous one ends.")
            )
        previous_end = ends
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        cohort = Cohort.objects.create(
            year=year,
            name=name,
            quota=quota,
            instrument=instrument,
            borderline_margin=borderline_margin,
            created_by=actor,
        )
        stages = Stage.objects.bulk_create(
            [
                Stage(cohort=cohort, number=n, starts_on=s, ends_on=e)
                for n, (s, e) in sorted(stage_dates.items())
            ]
        )
        stage_ends = {stage.number: stage.ends_on for stage in stages}
        ChecklistItem.objects.bulk_create(
            [
                ChecklistItem(
                    cohort=cohort,
                    stage=d.stage,
                    code=d.code,
                    title=d.title,
                    description=d.description,
                    due_on=d.due_on(stage_ends[d.stage]),
                    order=d.order,
                )
                for d in default_items()
            ]
        )
        after = snapshot(cohort)
        after["stages"] = {
            str(n): [s.isoformat(), e.isoformat()] for n, (s, e) in sorted(stage_dates.items())
        }
        record(actor, "cohort.create", cohort, before=None, after=after)
    return cohort


def do_invite_regions(actor: Any, cohort: Cohort, regions: Iterable[Region]) -> list[Candidacy]:
    _require_national_admin(actor)
    regions = list(regions)
    if not regions:
        raise ValidationError({"regions": _("Choose at least one region to invite.")})
    if cohort.rankings.exists():
        raise ValidationError(
            {"regions": _("The selection of this cohort is already made; invitations are closed.")}
        )
    provinces = [r.name for r in regions if r.kind == Region.Kind.PROVINCE]
    if provinces:
        raise ValidationError({"regions": _("Only kabupaten and kota can be invited.")})
    already = set(cohort.candidacies.filter(region__in=regions).values_list("region__name", flat=True))
    if already:
        raise ValidationError(
            {"regions": _("Already invited: %(names)s.") % {"names": ", ".join(sorted(already))}}
        )
    created = []
    with transaction.atomic():
        for region in regions:
            candidacy = Candidacy.objects.create(cohort=cohort, region=region)
            record(
                actor, "candidacy.invite", candidacy, before=None, after=snapshot(candidacy), region=region
            )
            notify(_coordinators(region), notices.INVITED, _params(candidacy), _region_url(candidacy))
            created.append(candidacy)
    return created


def do_assign_assessor(actor: Any, candidacy: Candidacy, assessor: Any) -> AssessorAssignment:
    _require_national_admin(actor)
    if candidacy.assessors.filter(assessor=assessor).exists():
        raise ValidationError({"person": _("This person is already assigned.")})
    with transaction.atomic():
        _ensure_membership(actor, assessor, Role.ASSESSOR, candidacy.region)
        assignment = AssessorAssignment.objects.create(candidacy=candidacy, assessor=assessor)
        record(
            actor,
            "candidacy.assign_assessor",
            assignment,
            before=None,
            after=snapshot(assignment),
            region=candidacy.region,
        )
        notify([assessor], notices.ASSESSOR_ASSIGNED, _params(candidacy), _region_url(candidacy))
    return assignment


def do_assign_mentor(actor: Any, candidacy: Candidacy, mentor: Any) -> MentorAssignment:
    _require_national_admin(actor)
    if candidacy.status != Candidacy.Status.SELECTED:
        raise ValidationError({"person": _("Mentors are assigned to selected regions only.")})
    if candidacy.mentors.filter(mentor=mentor).exists():
        raise ValidationError({"person": _("This person is already assigned.")})
    with transaction.atomic():
        _ensure_membership(actor, mentor, Role.MENTOR, candidacy.region)
        assignment = MentorAssignment.objects.create(candidacy=candidacy, mentor=mentor)
        record(
            actor,
            "candidacy.assign_mentor",
            assignment,
            before=None,
            after=snapshot(assignment),
            region=candidacy.region,
        )
        notify([mentor], notices.MENTOR_ASSIGNED, _params(candidacy), _region_url(candidacy))
    return assignment


def do_link_assessment(actor: Any, candidacy: Candidacy, assessment_id: int | None) -> Candidacy:
    """Link the candidacy to the region's selection assessment (kotacerdas.assessment); it is ranked by
    that assessment's verified result."""
    from kotacerdas.assessment.models import Assessment

    if not can_verify_score(actor, candidacy) and not can_submit(actor, candidacy):
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
    before = snapshot(candidacy, ["assessment_id"])
    with transaction.atomic():
        candidacy.assessment_id = assessment_id
        candidacy.save(update_fields=["assessment_id"])
        record(
            actor,
            "candidacy.link_assessment",
            candidacy,
            before=before,
            after=snapshot(candidacy, ["assessment_id"]),
            region=candidacy.region,
        )
    return candidacy


def _parse_score(value: Any) -> Decimal:
    try:
        score = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError({"score": _("Enter the score as a number, e.g. 3.75.")}) from None
    if not score.is_finite() or score < 0 or score >= MAX_SCORE:
        raise ValidationError({"score": _("The score must be between 0 and 999.")})
    return score.quantize(Decimal("0.0001"))


def do_record_verified_score(actor: Any, candidacy: Candidacy, score: Any) -> InterimScore:
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


# --- selection ---------------------------------------------------------------------------------

SELECTION_MESSAGES = {
    "too_many_included": lambda p: (
        _("More regions are included by override (%(included)d) than the quota (%(quota)d).") % p
    ),
    "missing_reason": lambda p: _("An override needs a reason."),
}


def do_set_override(actor: Any, candidacy: Candidacy, *, decision: str, reason: str) -> Override:
    _require_national_admin(actor)
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


def do_remove_override(actor: Any, candidacy: Candidacy) -> None:
    _require_national_admin(actor)
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


def do_select(actor: Any, cohort: Cohort) -> Ranking:
    """Save the ranking with its recipe and mark the selected regions (up to the quota)."""
    _require_national_admin(actor)
    if cohort.rankings.exists():
        raise ValidationError(_("The selection of this cohort is already made."))
    with transaction.atomic():
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
                _coordinators(candidacy.region), notices.SELECTED, _params(candidacy), _region_url(candidacy)
            )
    return saved


# --- MoU -----------------------------------------------------------------------------------------


def do_record_mou(
    actor: Any, candidacy: Candidacy, *, number: str, signed_on: date | None, upload: Any = None
) -> Mou:
    """Record the Nota Kesepakatan; the region's deliverables checklist starts from it."""
    _require_national_admin(actor)
    number = " ".join(number.split())
    errors: dict[str, str] = {}
    if candidacy.status != Candidacy.Status.SELECTED:
        errors["number"] = _("An MoU is recorded for selected regions only.")
    if not number:
        errors["number"] = _("Enter the MoU number.")
    if signed_on is None:
        errors["signed_on"] = _("Enter the signing date.")
    existing = Mou.objects.filter(candidacy=candidacy).first()
    if upload is None and existing is None:
        errors["file"] = _("Upload the signed MoU.")
    if errors:
        raise ValidationError(errors)
    scan = _read(upload, "file")
    before = snapshot(existing) if existing else None
    with transaction.atomic():
        mou = existing or Mou(candidacy=candidacy)
        mou.number = number
        mou.signed_on = signed_on  # type: ignore[assignment]
        mou.recorded_by = actor
        if scan is not None:
            mou.file.name = uploads.store(scan[0], "programme/mou", scan[1])
            mou.file_type = scan[1]
        mou.save()
        _create_deliverables(candidacy)
        record(actor, "mou.record", mou, before=before, after=snapshot(mou), region=candidacy.region)
    return mou


def _create_deliverables(candidacy: Candidacy, items: Iterable[ChecklistItem] | None = None) -> None:
    items = list(items if items is not None else candidacy.cohort.checklist.all())
    have = set(candidacy.deliverables.values_list("item_id", flat=True))
    Deliverable.objects.bulk_create(
        [
            Deliverable(candidacy=candidacy, region_id=candidacy.region_id, item=item)
            for item in items
            if item.pk not in have
        ]
    )


# --- checklist -----------------------------------------------------------------------------------


def _validate_item(cohort: Cohort, stage: int, title: str) -> str:
    title = " ".join(title.split())
    errors = {}
    if stage not in STAGE_NUMBERS:
        errors["stage"] = _("Choose a Bimtek stage.")
    if not title:
        errors["title"] = _("Enter the deliverable's title.")
    if errors:
        raise ValidationError(errors)
    return title


def do_add_checklist_item(
    actor: Any, cohort: Cohort, *, stage: int, title: str, description: str = "", due_on: date | None = None
) -> ChecklistItem:
    _require_national_admin(actor)
    title = _validate_item(cohort, stage, title)
    base = "-".join(title.lower().split())[:50] or "item"
    code, n = base, 1
    while cohort.checklist.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    with transaction.atomic():
        order = cohort.checklist.filter(stage=stage).count() + 1
        item = ChecklistItem.objects.create(
            cohort=cohort,
            stage=stage,
            code=code,
            title=title,
            description=description.strip(),
            due_on=due_on,
            order=order,
        )
        for candidacy in cohort.candidacies.filter(mou__isnull=False):
            _create_deliverables(candidacy, [item])
        record(actor, "checklist.add", item, before=None, after=snapshot(item))
    return item


def do_update_checklist_item(
    actor: Any, item: ChecklistItem, *, title: str, description: str, due_on: date | None
) -> ChecklistItem:
    _require_national_admin(actor)
    before = snapshot(item)
    item.title = _validate_item(item.cohort, item.stage, title)
    item.description = description.strip()
    item.due_on = due_on
    with transaction.atomic():
        item.save()
        record(actor, "checklist.update", item, before=before, after=snapshot(item))
    return item


def do_remove_checklist_item(actor: Any, item: ChecklistItem) -> None:
    _require_national_admin(actor)
    if item.deliverables.exclude(status=Deliverable.Status.PENDING).exists():
        raise ValidationError(_("A region has already submitted this deliverable; it cannot be removed."))
    with transaction.atomic():
        record(actor, "checklist.remove", item, before=snapshot(item), after=None)
        item.delete()


# --- deliverables --------------------------------------------------------------------------------


def _clean_link(link: str) -> str:
    link = link.strip()
    if not link:
        return ""
    if link.startswith("/") and not link.startswith("//"):
        return link
    try:
        URLValidator(schemes=["https", "http"])(link)
    except ValidationError:
        raise ValidationError(
            {"link": _("Enter a kotacerdas path starting with / or a full web address (https://…).")}
        ) from None
    return link


def do_add_submitted_item(
    actor: Any, deliverable: Deliverable, *, label: str, link: str = "", upload: Any = None
) -> SubmittedItem:
    candidacy = deliverable.candidacy
    if not can_submit(actor, candidacy):
        raise ActionNotAllowed(_("Only the region's team may hand in deliverables."))
    if deliverable.status not in progress.OWED_BY_REGION:
        raise ValidationError(_("This deliverable is not open for changes now."))
    label = " ".join(label.split())
    link = _clean_link(link)
    errors = {}
    if not label:
        errors["label"] = _("Describe what you hand in.")
    if not link and upload is None:
        errors["link"] = _("Give a link or upload a file.")
    if link and upload is not None:
        errors["link"] = _("Give either a link or a file, not both.")
    if errors:
        raise ValidationError(errors)
    handed_in = _read(upload, "file", (*SCANS, "docx", "xlsx"))
    with transaction.atomic():
        item = SubmittedItem(deliverable=deliverable, label=label, link=link, added_by=actor)
        if handed_in is not None:
            item.file.name = uploads.store(handed_in[0], "programme/deliverables", handed_in[1])
            item.file_type = handed_in[1]
        item.save()
        record(
            actor, "deliverable.add_item", item, before=None, after=snapshot(item), region=candidacy.region
        )
    return item


def _move(actor: Any, deliverable: Deliverable, target: str, reason: str) -> Transition:
    if not progress.can_move(deliverable.status, target):
        raise ValidationError(
            _("A deliverable that is “%(status)s” cannot be moved to “%(target)s”.")
            % {
                "status": Deliverable.Status(deliverable.status).label,
                "target": Deliverable.Status(target).label,
            }
        )
    before = snapshot(deliverable, ["status"])
    transition = Transition.objects.create(
        deliverable=deliverable, from_status=deliverable.status, to_status=target, actor=actor, reason=reason
    )
    deliverable.status = target
    deliverable.save(update_fields=["status", "updated_at"])
    record(
        actor,
        f"deliverable.{target}",
        deliverable,
        before=before,
        after={"status": target, "reason": reason},
        region=deliverable.candidacy.region,
    )
    return transition


def _deliverable_params(deliverable: Deliverable, **extra: Any) -> dict[str, Any]:
    return _params(deliverable.candidacy, deliverable=deliverable.item.title, **extra)


def _deliverable_url(deliverable: Deliverable) -> str:
    c = deliverable.candidacy
    return reverse("programme:deliverable", args=[c.region.code, c.cohort_id, deliverable.pk])


def do_submit_deliverable(actor: Any, deliverable: Deliverable, *, note: str = "") -> Transition:
    if not can_submit(actor, deliverable.candidacy):
        raise ActionNotAllowed(_("Only the region's team may hand in deliverables."))
    if not deliverable.items.exists():
        raise ValidationError(_("Add at least one link or file before submitting."))
    with transaction.atomic():
        transition = _move(actor, deliverable, progress.SUBMITTED, note.strip())
        mentors = [a.mentor for a in deliverable.candidacy.mentors.select_related("mentor")]
        notify(mentors, notices.SUBMITTED, _deliverable_params(deliverable), _deliverable_url(deliverable))
    return transition


def do_review_deliverable(
    actor: Any, deliverable: Deliverable, *, decision: str, reason: str = ""
) -> Transition:
    """The mentor approves, or returns for revision with a reason the region will see."""
    if not can_review(actor, deliverable.candidacy):
        raise ActionNotAllowed(_("Only the mentor assigned to this region may review its deliverables."))
    reason = reason.strip()
    if decision not in (progress.APPROVED, progress.RETURNED):
        raise ValidationError({"decision": _("Choose approve or return for revision.")})
    if decision == progress.RETURNED and not reason:
        raise ValidationError({"reason": _("Say what must be revised; the region sees this reason.")})
    with transaction.atomic():
        transition = _move(actor, deliverable, decision, reason)
        kind = notices.APPROVED if decision == progress.APPROVED else notices.RETURNED
        notify(
            _coordinators(deliverable.candidacy.region),
            kind,
            _deliverable_params(deliverable, reason=reason),
            _deliverable_url(deliverable),
        )
    return transition


def do_notify_overdue(today: date) -> int:
    """Remind each region's coordinators (and its mentors) of overdue deliverables, once a day."""
    late = (
        Deliverable.objects.filter(status__in=progress.OWED_BY_REGION, item__due_on__lt=today)
        .exclude(overdue_notified_on=today)
        .select_related("item", "candidacy__region", "candidacy__cohort")
    )
    count = 0
    with transaction.atomic():
        for deliverable in late:
            candidacy = deliverable.candidacy
            mentors = [a.mentor for a in candidacy.mentors.select_related("mentor")]
            notify(
                _coordinators(candidacy.region) + mentors,
                notices.OVERDUE,
                _deliverable_params(
                    deliverable, due=deliverable.item.due_on.isoformat() if deliverable.item.due_on else ""
                ),
                _deliverable_url(deliverable),
            )
            deliverable.overdue_notified_on = today
            deliverable.save(update_fields=["overdue_notified_on"])
            record(
                None,
                "deliverable.overdue_notice",
                deliverable,
                before=None,
                after={"due_on": str(deliverable.item.due_on), "today": today.isoformat()},
                region=candidacy.region,
            )
            count += 1
    return count


# --- institutions --------------------------------------------------------------------------------


def do_save_institution(
    actor: Any, region: Region, *, kind: str, decree_number: str, decree_date: date | None, upload: Any = None
) -> Institution:
    if not can_edit_institutions(actor, region):
        raise ActionNotAllowed(_("Only the region's coordinator or the national admin may change this."))
    if kind not in Institution.Kind.values:
        raise ValidationError({"kind": _("Choose the Dewan Smart City or the Tim Pelaksana.")})
    decree_number = " ".join(decree_number.split())
    if upload is not None and not decree_number:
        raise ValidationError({"decree_number": _("Enter the SK number of the uploaded decree.")})
    if decree_number and decree_date is None:
        raise ValidationError({"decree_date": _("Enter the SK date.")})
    decree = _read(upload, "decree_file")
    existing = Institution.objects.filter(region=region, kind=kind).first()
    before = snapshot(existing) if existing else None
    with transaction.atomic():
        institution = existing or Institution(region=region, kind=kind)
        institution.decree_number = decree_number
        institution.decree_date = decree_date
        if decree is not None:
            institution.decree_file.name = uploads.store(decree[0], "programme/decrees", decree[1])
            institution.decree_file_type = decree[1]
        institution.save()
        record(
            actor, "institution.save", institution, before=before, after=snapshot(institution), region=region
        )
    return institution


def do_add_institution_member(
    actor: Any, institution: Institution, *, name: str, position: str, agency: str, role: str
) -> InstitutionMember:
    if not can_edit_institutions(actor, institution.region):
        raise ActionNotAllowed(_("Only the region's coordinator or the national admin may change this."))
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Enter the member's name.")})
    if role not in InstitutionMember.Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    with transaction.atomic():
        member = InstitutionMember.objects.create(
            institution=institution, name=name, position=position.strip(), agency=agency.strip(), role=role
        )
        record(
            actor,
            "institution.add_member",
            member,
            before=None,
            after=snapshot(member),
            region=institution.region,
        )
    return member


def do_remove_institution_member(actor: Any, member: InstitutionMember) -> None:
    region = member.institution.region
    if not can_edit_institutions(actor, region):
        raise ActionNotAllowed(_("Only the region's coordinator or the national admin may change this."))
    with transaction.atomic():
        record(actor, "institution.remove_member", member, before=snapshot(member), after=None, region=region)
        member.delete()
