"""A selected region's candidacy: its MoU (which starts the deliverables checklist) and its mentors."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import Role, User
from kotacerdas.audit.log import record, snapshot
from kotacerdas.notifications.service import notify
from kotacerdas.programme import notices
from kotacerdas.programme.actions.common import (
    candidacy_url,
    ensure_membership,
    params,
    read_scan,
    require_national_admin,
)
from kotacerdas.programme.models import Candidacy, ChecklistItem, Deliverable, MentorAssignment, Mou
from kotacerdas.web import uploads


def do_record_mou(
    actor: User,
    candidacy: Candidacy,
    *,
    number: str,
    signed_on: date | None,
    upload: UploadedFile | None = None,
) -> Mou:
    """Record the Nota Kesepakatan; the region's deliverables checklist starts from it."""
    require_national_admin(actor)
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
    scan = read_scan(upload, "file")
    before = snapshot(existing) if existing else None
    with uploads.atomic_with_files():
        mou = existing or Mou(candidacy=candidacy)
        mou.number = number
        mou.signed_on = signed_on  # type: ignore[assignment]
        mou.recorded_by = actor
        if scan is not None:
            replaced = mou.file.name or ""
            mou.file.name = uploads.store(scan[0], "programme/mou", scan[1])
            mou.file_type = scan[1]
            uploads.discard_on_commit(replaced, [(Mou, "file")])
        mou.save()
        create_deliverables(candidacy)
        record(actor, "mou.record", mou, before=before, after=snapshot(mou), region=candidacy.region)
    return mou


def create_deliverables(candidacy: Candidacy, items: Iterable[ChecklistItem] | None = None) -> None:
    """One deliverable per checklist item the candidacy does not owe yet."""
    items = list(items if items is not None else candidacy.cohort.checklist.all())
    have = set(candidacy.deliverables.values_list("item_id", flat=True))
    Deliverable.objects.bulk_create(
        [
            Deliverable(candidacy=candidacy, region_id=candidacy.region_id, item=item)
            for item in items
            if item.pk not in have
        ]
    )


def do_assign_mentor(actor: User, candidacy: Candidacy, mentor: User) -> MentorAssignment:
    require_national_admin(actor)
    if candidacy.status != Candidacy.Status.SELECTED:
        raise ValidationError({"person": _("Mentors are assigned to selected regions only.")})
    if candidacy.mentors.filter(mentor=mentor).exists():
        raise ValidationError({"person": _("This person is already assigned.")})
    with transaction.atomic():
        ensure_membership(actor, mentor, Role.MENTOR, candidacy.region)
        assignment = MentorAssignment.objects.create(candidacy=candidacy, mentor=mentor)
        record(
            actor,
            "candidacy.assign_mentor",
            assignment,
            before=None,
            after=snapshot(assignment),
            region=candidacy.region,
        )
        notify([mentor], notices.MENTOR_ASSIGNED, params(candidacy), candidacy_url(candidacy))
    return assignment
