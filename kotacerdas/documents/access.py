"""Who may do what with a region's books. Reads go through these getters (404 when out of scope)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from kotacerdas.accounts.access import can_manage_region, is_national_admin
from kotacerdas.accounts.models import Membership, Role
from kotacerdas.documents.models import BookFile, BookVersion
from kotacerdas.regions.models import Region


def can_write_books(user: Any, region: Region) -> bool:
    """Generate, edit texts and settings, ratify and publish: the coordinator (and Ayu)."""
    return can_manage_region(user, region)


def can_review_books(user: Any, region: Region) -> bool:
    """Approve a version: the region's mentor (and Ayu)."""
    if not user.is_authenticated:
        return False
    if is_national_admin(user):
        return True
    return Membership.objects.filter(user=user, role=Role.MENTOR, region=region).exists()


def get_version_for_user(user: Any, region: Region, number: int) -> BookVersion:
    """``region`` must come from get_region_for_user (the user may open it)."""
    try:
        return BookVersion.objects.select_related("region").get(region=region, number=number)
    except BookVersion.DoesNotExist:
        raise Http404 from None


def get_file_for_user(user: Any, version: BookVersion, file_id: int) -> BookFile:
    try:
        return version.files.get(pk=file_id)
    except BookFile.DoesNotExist:
        raise Http404 from None


def get_public_file(region: Region, file_id: int) -> BookFile:
    """A file of a published version of this region; anything else is a 404."""
    try:
        return BookFile.objects.get(pk=file_id, version__region=region, version__is_public=True)
    except BookFile.DoesNotExist:
        raise Http404 from None
