"""Who may open an evaluation cycle's pages: the national admin (Ayu); 404 for anyone else."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from kotacerdas.accounts.access import is_national_admin
from kotacerdas.evaluation.models import Cycle, Publication
from kotacerdas.regions.models import Region
from kotacerdas.web.object_pages import object_page


def get_cycle_for_user(user: Any, cycle_id: int) -> Cycle:
    """A cycle's pages are the national admin's: 404 for anyone else, as for a cycle that does not exist."""
    if not is_national_admin(user):
        raise Http404
    try:
        return Cycle.objects.get(pk=cycle_id)
    except Cycle.DoesNotExist:
        raise Http404 from None


def can_manage_cycle(user: Any, cycle: Cycle) -> bool:
    return is_national_admin(user)


cycle_page = object_page(get_cycle_for_user, can_manage_cycle)


def get_publication_of_cycle(cycle: Cycle) -> Publication:
    """The cycle's publication; 404 while it is not published."""
    try:
        return Publication.objects.select_related("cycle").get(cycle=cycle)
    except Publication.DoesNotExist:
        raise Http404 from None


def get_published_result(region: Region, year: int) -> Publication:
    """The publication of ``year`` in which ``region`` has a result; 404 otherwise (open cycles too).

    ``region`` comes from the region's access getter: whoever may open the region may read its
    published result (docs/reference/evaluation-letter.md)."""
    publication = Publication.objects.select_related("cycle").filter(cycle__year=year).first()
    if publication is None or region.code not in publication.inputs:
        raise Http404
    return publication


def get_region_in_publication(publication: Publication, code: str) -> Region:
    """A region with a result in the publication (Ayu's letters from the cycle page); 404 otherwise."""
    if code not in publication.inputs:
        raise Http404
    try:
        return Region.objects.get(code=code)
    except Region.DoesNotExist:
        raise Http404 from None


def visible_cycles(user: Any) -> QuerySet[Cycle]:
    """The cycles a person may read through the API: every cycle for Ayu, the published ones for others."""
    cycles = Cycle.objects.select_related("publication").order_by("-year")
    return cycles if is_national_admin(user) else cycles.filter(state=Cycle.State.PUBLISHED)


def get_cycle_by_year_for_user(user: Any, year: int) -> Cycle:
    """A cycle by its year; an unpublished one is 404 for everyone but the national admin."""
    try:
        return visible_cycles(user).get(year=year)
    except Cycle.DoesNotExist:
        raise Http404 from None
