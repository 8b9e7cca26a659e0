"""Who may do what in monitoring, and whose initiatives and KPIs each person reports on or reads.

The coordinator (and the national admin) manages and reports for any OPD; OPD staff report for their
own OPD; the coordinator, the region's mentor and assessor read every report of the region.
"""

from __future__ import annotations

from django.db.models import QuerySet

from kotacerdas.accounts.access import (
    Person,
    can_manage_region,
    get_region_for_user,
    is_national_admin,
    opds_of_user,
    roles_in_request,
)
from kotacerdas.accounts.models import Membership, Role
from kotacerdas.planning.access import initiatives_of, masterplan_for_year
from kotacerdas.planning.models import Initiative, Kpi
from kotacerdas.regions.models import Opd, Region
from kotacerdas.web.pages import region_page


def can_manage_monitoring(user: Person, region: Region) -> bool:
    """Open and close periods, approve or return reports: the coordinator (and the national admin)."""
    return can_manage_region(user, region)


def can_unlock(user: Person) -> bool:
    return is_national_admin(user)


def reporter_opds(user: Person, region: Region) -> QuerySet[Opd]:
    return opds_of_user(user).filter(region=region)


def _reporter_opd_ids(user: Person, region: Region) -> set[int] | None:
    """The ids of :func:`reporter_opds` from the roles read for the request (a contributor's OPD is
    always of the membership's region: ``do_add_membership``); None outside a request."""
    roles = roles_in_request(user)
    return None if roles is None else roles.opds_in.get((Role.OPD_CONTRIBUTOR, region.pk), set())


def can_report(user: Person, region: Region) -> bool:
    """OPD staff report for their own OPD; the coordinator may report for any OPD."""
    if can_manage_monitoring(user, region):
        return True
    known = _reporter_opd_ids(user, region)
    return bool(known) if known is not None else reporter_opds(user, region).exists()


def reportable_initiatives(user: Person, region: Region, year: int | None = None) -> QuerySet[Initiative]:
    """The initiatives the person reports for: of the active masterplan, or with ``year``, of the
    revision that year belongs to (an earlier revision's period lists what it reported on)."""
    items = Initiative.objects.filter(region=region)  # the active masterplan's
    if year is not None:
        items = initiatives_of(masterplan_for_year(region, year))
    items = items.select_related("owner")
    if can_manage_monitoring(user, region):
        return items
    known = _reporter_opd_ids(user, region)
    if known is not None:
        return items.filter(owner_id__in=sorted(known))
    return items.filter(owner__in=reporter_opds(user, region))


def reads_every_report(user: Person, region: Region) -> bool:
    """The coordinator (and Ayu), the region's mentor and assessor read every report of the region."""
    if can_manage_monitoring(user, region):
        return True
    if not user.is_authenticated:
        return False
    readers = Membership.objects.filter(user=user, region=region, role__in=[Role.MENTOR, Role.ASSESSOR])
    return readers.exists()


def readable_initiatives(user: Person, region: Region, year: int | None = None) -> QuerySet[Initiative]:
    """Whose reports the person may read: every initiative (of the year's revision) for the readers
    above, else their OPD's."""
    if not reads_every_report(user, region):
        return reportable_initiatives(user, region, year)
    items = Initiative.objects.filter(region=region)  # the active masterplan's
    if year is not None:
        items = initiatives_of(masterplan_for_year(region, year))
    return items.select_related("owner")


def readable_kpis(user: Person, region: Region, year: int | None = None) -> QuerySet[Kpi]:
    return Kpi.all_revisions.filter(initiative__in=readable_initiatives(user, region, year)).select_related(
        "initiative", "initiative__owner"
    )


def reportable_kpis(user: Person, region: Region, year: int | None = None) -> QuerySet[Kpi]:
    return Kpi.all_revisions.filter(initiative__in=reportable_initiatives(user, region, year)).select_related(
        "initiative", "initiative__owner"
    )


# Pages where people report (POST needs the reporting right) and pages where Budi manages.
report_page = region_page(get_region_for_user, can_report)
manage_page = region_page(get_region_for_user, can_manage_monitoring)
