"""What a selected region hands in, its mentor's review, and the daily overdue reminder."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, snapshot
from kotacerdas.audit.transitions import lock_state
from kotacerdas.core import progress
from kotacerdas.notifications.service import notify
from kotacerdas.programme import notices
from kotacerdas.programme.access import can_review, can_submit
from kotacerdas.programme.actions.common import SCANS, coordinators, params, read_scan
from kotacerdas.programme.models import Deliverable, SubmittedItem, Transition
from kotacerdas.web import uploads


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
    actor: User, deliverable: Deliverable, *, label: str, link: str = "", upload: UploadedFile | None = None
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
    handed_in = read_scan(upload, "file", (*SCANS, "docx", "xlsx"))
    with uploads.atomic_with_files():
        # Lock the deliverable's row, as removing its checklist item does (do_remove_checklist_item):
        # the removal either waits for this hand-in and discards its file with it, or has removed the
        # deliverable already and the hand-in is refused before a file is stored.
        status = (
            Deliverable.objects.select_for_update().filter(pk=deliverable.pk).values_list("status").first()
        )
        if status is None:
            raise ValidationError(
                _("This deliverable was removed from the checklist; nothing was handed in. Reload the page.")
            )
        if status[0] not in progress.OWED_BY_REGION:
            raise ValidationError(_("This deliverable is not open for changes now."))
        item = SubmittedItem(deliverable=deliverable, label=label, link=link, added_by=actor)
        if handed_in is not None:
            item.file.name = uploads.store(handed_in[0], "programme/deliverables", handed_in[1])
            item.file_type = handed_in[1]
        item.save()
        record(
            actor, "deliverable.add_item", item, before=None, after=snapshot(item), region=candidacy.region
        )
    return item


def _move(actor: User, deliverable: Deliverable, target: str, reason: str) -> Transition:
    """One transition, inside the caller's transaction."""
    if not progress.can_move(deliverable.status, target):
        raise ValidationError(
            _("A deliverable that is “%(status)s” cannot be moved to “%(target)s”.")
            % {
                "status": Deliverable.Status(deliverable.status).label,
                "target": Deliverable.Status(target).label,
            }
        )
    # the state the person saw allows the move; lock the row and check nobody moved it meanwhile
    lock_state(deliverable, [status for status, targets in progress.TRANSITIONS.items() if target in targets])
    before = snapshot(deliverable, ["status"])
    transition = Transition.objects.create(
        deliverable=deliverable, from_status=deliverable.status, to_status=target, actor=actor, reason=reason
    )
    deliverable.status = target
    deliverable.save(update_fields=["status", "updated_at"])
    # the audit entry keeps the reason the region sees next to the new status
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
    return params(deliverable.candidacy, deliverable=deliverable.item.title, **extra)


def _deliverable_url(deliverable: Deliverable) -> str:
    c = deliverable.candidacy
    return reverse("programme:deliverable", args=[c.region.code, c.cohort_id, deliverable.pk])


def require_submitter(actor: User, deliverable: Deliverable) -> None:
    if not can_submit(actor, deliverable.candidacy):
        raise ActionNotAllowed(_("Only the region's team may hand in deliverables."))


def require_reviewer(actor: User, deliverable: Deliverable) -> None:
    if not can_review(actor, deliverable.candidacy):
        raise ActionNotAllowed(_("Only the mentor assigned to this region may review its deliverables."))


def do_submit_deliverable(actor: User, deliverable: Deliverable, *, note: str = "") -> Transition:
    require_submitter(actor, deliverable)
    if not deliverable.items.exists():
        raise ValidationError(_("Add at least one link or file before submitting."))
    with transaction.atomic():
        transition = _move(actor, deliverable, progress.SUBMITTED, note.strip())
        mentors = [a.mentor for a in deliverable.candidacy.mentors.select_related("mentor")]
        notify(mentors, notices.SUBMITTED, _deliverable_params(deliverable), _deliverable_url(deliverable))
    return transition


def do_review_deliverable(
    actor: User, deliverable: Deliverable, *, decision: str, reason: str = ""
) -> Transition:
    """The mentor approves, or returns for revision with a reason the region will see."""
    require_reviewer(actor, deliverable)
    reason = reason.strip()
    if decision not in (progress.APPROVED, progress.RETURNED):
        raise ValidationError({"decision": _("Choose approve or return for revision.")})
    if decision == progress.RETURNED and not reason:
        raise ValidationError({"reason": _("Say what must be revised; the region sees this reason.")})
    with transaction.atomic():
        transition = _move(actor, deliverable, decision, reason)
        kind = notices.APPROVED if decision == progress.APPROVED else notices.RETURNED
        notify(
            coordinators(deliverable.candidacy.region),
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
                coordinators(candidacy.region) + mentors,
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
