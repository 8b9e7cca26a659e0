"""The coordinator sets up consultations and their phases."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, save_audited, snapshot
from kotacerdas.participation.actions.common import require_moderator
from kotacerdas.participation.models import Consultation, Phase
from kotacerdas.regions.models import Region


def do_create_consultation(actor: User, region: Region, *, title: str, description: str = "") -> Consultation:
    require_moderator(actor, region)
    if not title.strip():
        raise ValidationError({"title": _("Write a title.")})
    with transaction.atomic():
        consultation = Consultation.objects.create(
            region=region, title=title.strip(), description=description.strip(), created_by=actor
        )
        record(
            actor,
            "participation.consultation.create",
            consultation,
            before=None,
            after=snapshot(consultation),
            region=region,
        )
    return consultation


def do_add_phase(
    actor: User,
    consultation: Consultation,
    *,
    name: str,
    starts_on: date,
    ends_on: date,
    ideas_open: bool = True,
    supports_open: bool = True,
    comments_open: bool = True,
) -> Phase:
    require_moderator(actor, consultation.region)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The phase must end on or after the day it starts.")})
    with transaction.atomic():
        phase = Phase.objects.create(
            consultation=consultation,
            name=name.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            ideas_open=ideas_open,
            supports_open=supports_open,
            comments_open=comments_open,
        )
        record(
            actor,
            "participation.phase.add",
            phase,
            before=None,
            after=snapshot(phase),
            region=consultation.region,
        )
    return phase


def do_close_phase(actor: User, phase: Phase) -> Phase:
    """Close a phase now, before its end date: nothing more is accepted in it."""
    region = phase.consultation.region
    require_moderator(actor, region)
    if phase.closed:
        raise ValidationError(_("This phase is already closed."))
    if phase.state(timezone.localdate()) == "ended":
        raise ValidationError(_("This phase has already ended."))
    save_audited(actor, "participation.phase.close", phase, {"closed": True}, region=region)
    return phase
