"""The books card on a region's page: the latest version, and the ratified (Perkada) one."""

from __future__ import annotations

from typing import Any

from kotacerdas.accounts.access import Person
from kotacerdas.documents.models import BookVersion
from kotacerdas.jobs.liveness import sweep
from kotacerdas.regions.models import Region

RATIFIED = (BookVersion.Review.RATIFIED, BookVersion.Review.PUBLISHED)


def region_section(user: Person, region: Region) -> dict[str, Any]:
    sweep(BookVersion, region=region)  # the latest version's status is shown: never a dead "running"
    versions = region.book_versions.order_by("-number")
    return {
        "latest": versions.first(),
        "ratified": versions.filter(review__in=RATIFIED).first(),
    }
