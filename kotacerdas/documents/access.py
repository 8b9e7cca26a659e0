"""Who may do what with a region's books. Reads go through these getters (404 when out of scope)."""

from __future__ import annotations

from django.http import Http404

from kotacerdas.accounts.access import Person, can_manage_region, get_region_for_user, is_national_admin
from kotacerdas.accounts.models import Membership, Role
from kotacerdas.documents.models import BookFile, BookVersion
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import region_page


def can_write_books(user: Person, region: Region) -> bool:
    """Generate, edit texts and settings, ratify and publish: the coordinator (and Ayu)."""
    return can_manage_region(user, region)


def can_review_books(user: Person, region: Region) -> bool:
    """Approve a version: the region's mentor (and Ayu)."""
    if not user.is_authenticated:
        return False
    if is_national_admin(user):
        return True
    return Membership.objects.filter(user=user, role=Role.MENTOR, region=region).exists()


def get_version_in_region(region: Region, number: int) -> BookVersion:
    """``region`` must come from get_region_for_user (the user may open it)."""
    try:
        return BookVersion.objects.select_related("region").get(region=region, number=number)
    except BookVersion.DoesNotExist:
        raise Http404 from None


def get_file_in_version(version: BookVersion, file_id: int) -> BookFile:
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


# The books pages: every member of the region opens them (the getter gives 404 elsewhere); a POST
# needs the coordinator's right to write the books (403 for other members) ...
books_page = region_page(get_region_for_user, can_write_books)
# ... except approving a version, which is the mentor's (and Ayu's) step.
review_page = region_page(get_region_for_user, can_review_books)
