"""Who may open composite-index runs: the national admin (Ayu); 404 for anyone else, as for a run
that does not exist."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from kotacerdas.accounts.access import is_national_admin
from kotacerdas.evaluation.index_models import IndexRun
from kotacerdas.web.object_pages import object_page


def visible_index_runs(user: Any) -> QuerySet[IndexRun]:
    """Every run for the national admin, none for anyone else."""
    runs = IndexRun.objects.select_related("cycle", "created_by", "regenerated_from")
    return runs if is_national_admin(user) else runs.none()


def listed(runs: QuerySet[IndexRun]) -> QuerySet[IndexRun]:
    """Runs for a list: title, states and hashes. The input tables, the recipe and the results (every
    region's figures) stay unread, and so does the run each was regenerated from (its id is enough)."""
    return (
        runs.select_related(None).select_related("cycle", "created_by").defer("tables", "recipe", "results")
    )


def index_runs_for_user(user: Any) -> QuerySet[IndexRun]:
    """The list of runs: the national admin's; 404 for anyone else (nothing says runs exist)."""
    if not is_national_admin(user):
        raise Http404
    return listed(visible_index_runs(user))


def get_index_run_for_user(user: Any, index_run_id: int) -> IndexRun:
    try:
        return visible_index_runs(user).get(pk=index_run_id)
    except IndexRun.DoesNotExist:
        raise Http404 from None


def can_manage_index_run(user: Any, run: IndexRun) -> bool:
    return is_national_admin(user)


index_run_page = object_page(get_index_run_for_user, can_manage_index_run)
