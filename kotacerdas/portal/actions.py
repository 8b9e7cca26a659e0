"""The portal's writes: publishing and unpublishing a region's portal, and socialisation events.

Each action checks the coordinator's right, validates (an Indonesian message on the field), changes in
one transaction and writes the audit entry.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, snapshot
from kotacerdas.audit.versioning import require_version
from kotacerdas.portal.access import can_edit_portal
from kotacerdas.portal.models import Event, EventFile, RegionPortal, Snapshot
from kotacerdas.portal.snapshot import (
    AUDIENCE,
    EVALUATION,
    PART_KEYS,
    build_content,
    content_hash,
    shows_anything,
    summary_of,
)
from kotacerdas.portal.sources import evaluation_results
from kotacerdas.regions.models import Region
from kotacerdas.web import uploads

MATERIAL_TYPES = ("pdf", "docx", "xlsx")
PHOTO_TYPES = ("png", "jpg")
MAX_PEOPLE = 1_000_000
GROUP_FIELDS = [f"from_{group}" for group in AUDIENCE]


def require_editor(actor: User, region: Region) -> None:
    if not can_edit_portal(actor, region):
        raise ActionNotAllowed(_("Only the region's coordinator may change its public portal."))


def do_publish_portal(actor: User, region: Region, *, parts: list[str]) -> Snapshot:
    """Freeze the chosen parts into a new snapshot and make it the region's public one."""
    require_editor(actor, region)
    chosen = [key for key in PART_KEYS if key in set(parts)]
    if not chosen or len(chosen) != len(set(parts)):
        raise ValidationError({"parts": _("Choose at least one part to publish.")})
    content = build_content(region, chosen, timezone.localdate())
    has_evaluation = EVALUATION in chosen and bool(evaluation_results([region.code])[region.code])
    if not shows_anything(content, has_evaluation):
        raise ValidationError(
            {
                "parts": _(
                    "Every chosen part is still empty, so the public page would show nothing: write the "
                    "masterplan's vision, enter its initiatives or record a socialisation event first, "
                    "then publish."
                )
            }
        )
    with transaction.atomic():
        snap = Snapshot.objects.create(
            region=region,
            parts=chosen,
            content=content,
            summary=summary_of(content),
            content_hash=content_hash(content),
            published_by=actor,
        )
        RegionPortal.objects.update_or_create(region=region, defaults={"is_public": True, "current": snap})
        record(
            actor,
            "portal.publish",
            snap,
            before=None,
            after={"parts": chosen, "content_hash": snap.content_hash},
            region=region,
        )
    return snap


def do_unpublish_portal(actor: User, region: Region) -> RegionPortal:
    """Hide the region from the public: its pages answer 404; the snapshots stay (immutable)."""
    require_editor(actor, region)
    with transaction.atomic():
        portal = RegionPortal.objects.select_for_update().filter(region=region, is_public=True).first()
        if portal is None:
            raise ValidationError(_("The portal of this region is not published."))
        portal.is_public = False
        portal.save(update_fields=["is_public", "updated_at"])
        record(
            actor,
            "portal.unpublish",
            portal,
            before={"is_public": True},
            after={"is_public": False},
            region=region,
        )
    return portal


def _event_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The event's fields, checked: a date, a place, audience counts that add up to at most the total."""
    fields = {
        "title": str(data.get("title") or "").strip(),
        "place": str(data.get("place") or "").strip(),
        "summary": str(data.get("summary") or "").strip(),
        "held_on": data.get("held_on"),
    }
    if not fields["title"]:
        raise ValidationError({"title": _("Enter the event's title.")})
    if not fields["place"]:
        raise ValidationError({"place": _("Enter where the event took place.")})
    if not isinstance(fields["held_on"], date):
        raise ValidationError({"held_on": _("Enter the event's date.")})
    counts: dict[str, int] = {}
    for name in [*GROUP_FIELDS, "head_count"]:
        value = data.get(name) or 0
        if not isinstance(value, int) or not 0 <= value <= MAX_PEOPLE:
            raise ValidationError({name: _("Enter a whole number of people from 0 to 1,000,000.")})
        counts[name] = value
    fields.update(counts)
    if sum(counts[name] for name in GROUP_FIELDS) > counts["head_count"]:
        raise ValidationError(
            {"head_count": _("The total head count is smaller than the sum of the stakeholder groups.")}
        )
    return fields


def do_save_event(
    actor: User, region: Region, event: Event | None = None, *, version: int | None = None, **data: Any
) -> Event:
    """Add an event (``event`` None) or change one of the region's events."""
    require_editor(actor, region)
    fields = _event_fields(data)
    with transaction.atomic():
        if event is None:
            event = Event.objects.create(region=region, created_by=actor, **fields)
            record(actor, "portal.event.add", event, before=None, after=snapshot(event), region=region)
            return event
        require_version(event, version)
        before = snapshot(event, list(fields))
        for name, value in fields.items():
            setattr(event, name, value)
        event.save()
        record(
            actor,
            "portal.event.change",
            event,
            before=before,
            after=snapshot(event, list(fields)),
            region=region,
        )
    return event


def do_delete_event(actor: User, event: Event) -> None:
    require_editor(actor, event.region)
    with transaction.atomic():
        record(actor, "portal.event.delete", event, before=snapshot(event), after=None, region=event.region)
        event.delete()


def do_add_event_file(
    actor: User, event: Event, *, upload: Any, kind: str, label: str = "", is_public: bool = False
) -> EventFile:
    """Attach a material (PDF, DOCX, XLSX) or a photo (PNG, JPG) under the shared upload rules."""
    require_editor(actor, event.region)
    if kind not in EventFile.Kind.values:
        raise ValidationError({"kind": _("Choose material or photo.")})
    if upload is None:
        raise ValidationError({"upload": _("Choose a file to upload.")})
    allowed = PHOTO_TYPES if kind == EventFile.Kind.PHOTO else MATERIAL_TYPES
    content, file_type = uploads.read_upload(upload, "upload", allowed)
    name = str(getattr(upload, "name", "") or f"berkas.{file_type}")[-200:]
    with uploads.atomic_with_files():
        item = EventFile.objects.create(
            event=event,
            kind=kind,
            label=(label or name).strip()[:200],
            stored_name=uploads.store(content, "portal", file_type),
            download_name=name,
            format=file_type,
            size=len(content),
            sha256=uploads.sha256(content),
            is_public=is_public,
            added_by=actor,
        )
        record(actor, "portal.event.file.add", item, before=None, after=snapshot(item), region=event.region)
    return item


def do_delete_event_file(actor: User, item: EventFile) -> None:
    region = item.event.region
    require_editor(actor, region)
    with transaction.atomic():
        record(actor, "portal.event.file.delete", item, before=snapshot(item), after=None, region=region)
        item.delete()
