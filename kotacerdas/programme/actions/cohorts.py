"""A cohort's set-up by the national admin: its calendar, invitations, assessors and checklist."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import Role, User
from kotacerdas.audit.log import record, save_audited, snapshot
from kotacerdas.core.instruments.loader import available_instruments
from kotacerdas.notifications.service import notify
from kotacerdas.programme import notices
from kotacerdas.programme.actions.candidacy import create_deliverables
from kotacerdas.programme.actions.common import (
    candidacy_url,
    coordinators,
    ensure_membership,
    params,
    require_national_admin,
)
from kotacerdas.programme.defaults import default_items
from kotacerdas.programme.models import (
    STAGE_NUMBERS,
    AssessorAssignment,
    Candidacy,
    ChecklistItem,
    Cohort,
    Deliverable,
    Stage,
    SubmittedItem,
)
from kotacerdas.regions.models import Region
from kotacerdas.web import uploads


def do_create_cohort(
    actor: User,
    *,
    year: int,
    name: str,
    quota: int,
    instrument: str,
    stage_dates: dict[int, tuple[date, date]],
    borderline_margin: Decimal = Decimal("0"),
) -> Cohort:
    """Open a cohort with its Bimtek calendar and the default deliverables checklist."""
    require_national_admin(actor)
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


def do_invite_regions(actor: User, cohort: Cohort, regions: Iterable[Region]) -> list[Candidacy]:
    require_national_admin(actor)
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
            notify(coordinators(region), notices.INVITED, params(candidacy), candidacy_url(candidacy))
            created.append(candidacy)
    return created


def do_assign_assessor(actor: User, candidacy: Candidacy, assessor: User) -> AssessorAssignment:
    require_national_admin(actor)
    if candidacy.assessors.filter(assessor=assessor).exists():
        raise ValidationError({"person": _("This person is already assigned.")})
    with transaction.atomic():
        ensure_membership(actor, assessor, Role.ASSESSOR, candidacy.region)
        assignment = AssessorAssignment.objects.create(candidacy=candidacy, assessor=assessor)
        record(
            actor,
            "candidacy.assign_assessor",
            assignment,
            before=None,
            after=snapshot(assignment),
            region=candidacy.region,
        )
        notify([assessor], notices.ASSESSOR_ASSIGNED, params(candidacy), candidacy_url(candidacy))
    return assignment


# --- checklist -----------------------------------------------------------------------------------


def _validate_item(stage: int, title: str) -> str:
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
    actor: User, cohort: Cohort, *, stage: int, title: str, description: str = "", due_on: date | None = None
) -> ChecklistItem:
    require_national_admin(actor)
    title = _validate_item(stage, title)
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
            create_deliverables(candidacy, [item])
        record(actor, "checklist.add", item, before=None, after=snapshot(item))
    return item


# The audit entry of an edit shows the whole item before and after, not only the changed fields.
ITEM_FIELDS = [field.name for field in ChecklistItem._meta.concrete_fields]


def do_update_checklist_item(
    actor: User, item: ChecklistItem, *, title: str, description: str, due_on: date | None
) -> ChecklistItem:
    require_national_admin(actor)
    changes = {
        "title": _validate_item(item.stage, title),
        "description": description.strip(),
        "due_on": due_on,
    }
    save_audited(actor, "checklist.update", item, changes, watch=ITEM_FIELDS)
    return item


def do_remove_checklist_item(actor: User, item: ChecklistItem) -> None:
    require_national_admin(actor)
    if item.deliverables.exclude(status=Deliverable.Status.PENDING).exists():
        raise ValidationError(_("A region has already submitted this deliverable; it cannot be removed."))
    with uploads.atomic_with_files():
        # Lock the item and its deliverables' rows: a hand-in (do_add_submitted_item locks its
        # deliverable) either committed before, and its file is collected below, or waits and then finds
        # its deliverable gone. A submit locks the deliverable too, so the check is repeated under the lock.
        if ChecklistItem.objects.select_for_update().filter(pk=item.pk).values_list("pk").first() is None:
            return  # removed meanwhile by someone else: nothing left to remove
        locked = Deliverable.objects.select_for_update().filter(item=item).order_by("pk")
        if any(status != Deliverable.Status.PENDING for status in locked.values_list("status", flat=True)):
            raise ValidationError(_("A region has already submitted this deliverable; it cannot be removed."))
        # files handed in to a deliverable never submitted (no review keeps them) go with their rows
        handed_in = SubmittedItem.objects.filter(deliverable__item=item).exclude(file="")
        names = list(handed_in.values_list("file", flat=True))
        record(actor, "checklist.remove", item, before=snapshot(item), after=None)
        item.delete()
        for name in names:
            uploads.discard_on_commit(name, [(SubmittedItem, "file")])
