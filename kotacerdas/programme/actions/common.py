"""What the programme's actions share: the admin check, who is told, and the signed scans."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import is_national_admin
from kotacerdas.accounts.actions import do_add_membership
from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import Membership, Role, User
from kotacerdas.programme.models import Candidacy
from kotacerdas.regions.models import Region
from kotacerdas.web import uploads

SCANS = ("pdf", "png", "jpg")  # signed documents: a PDF or a photo of the paper


def require_national_admin(actor: User) -> None:
    if not is_national_admin(actor):
        raise ActionNotAllowed(_("Only the national programme admin may do this."))


def coordinators(region: Region) -> list[User]:
    return [
        m.user for m in Membership.objects.filter(region=region, role=Role.COORDINATOR).select_related("user")
    ]


def ensure_membership(actor: User, user: User, role: str, region: Region) -> None:
    """Assigned mentors and assessors also hold the region-scoped role (comments, workspace)."""
    if not Membership.objects.filter(user=user, role=role, region=region).exists():
        do_add_membership(actor, user, role=role, region=region)


def params(candidacy: Candidacy, **extra: Any) -> dict[str, Any]:
    """The notification parameters every programme notice names: region and cohort."""
    return {"region": candidacy.region.name, "cohort": candidacy.cohort.name, **extra}


def candidacy_url(candidacy: Candidacy) -> str:
    return reverse("programme:candidacy", args=[candidacy.region.code, candidacy.cohort_id])


def read_scan(
    upload: UploadedFile | None, field: str, allowed: tuple[str, ...] = SCANS
) -> tuple[bytes, str] | None:
    """An optional upload's bytes and kind, validated (ValidationError on ``field``) before any write."""
    return uploads.read_upload(upload, field, allowed) if upload is not None else None
