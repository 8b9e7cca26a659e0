"""Who may change a region's own set-up, and the access-checked getter of its OPDs.

Members of a region open its set-up pages; its coordinator (and the national admin) change them.
"""

from __future__ import annotations

from django.http import Http404

from kotacerdas.accounts.access import can_manage_region, get_region_for_user
from kotacerdas.regions.models import Opd, Region
from kotacerdas.web.pages import region_page


def get_opd_in_region(region: Region, opd_id: int) -> Opd:
    """OPD ``opd_id`` of a region the caller already opened with get_region_for_user; 404 otherwise."""
    try:
        return Opd.objects.get(region=region, pk=opd_id)
    except Opd.DoesNotExist:
        raise Http404 from None


# Every page under r/<code>/ of this app: the region through its getter (404 for others); a POST
# needs the right to manage the region (403 for other members).
region_setup_page = region_page(get_region_for_user, can_manage_region)
