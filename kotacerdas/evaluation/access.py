"""Who may open an evaluation cycle's pages: the national admin (Ayu); 404 for anyone else."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from kotacerdas.accounts.access import is_national_admin
from kotacerdas.evaluation.models import Cycle
from kotacerdas.web.pages import object_page


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
