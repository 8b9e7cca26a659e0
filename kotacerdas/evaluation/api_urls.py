"""Included by kotacerdas/api/urls.py, so these live under /api/v1/ in the "api" namespace."""

from django.urls import path

from kotacerdas.evaluation import api, index_api, status_api
from kotacerdas.web.access_classes import LOGGED_IN, NATIONAL_ADMIN, REGION_SCOPED

app_name = "evaluation"
access = {
    # published results are for anyone signed in; an open cycle is 404 except for Ayu (access.py)
    "evaluations": LOGGED_IN,
    "evaluation_results": LOGGED_IN,
    # the cycle's jobs as its page shows them: the national admin's; anyone else gets 404
    "evaluation_status": NATIONAL_ADMIN,
    # a region's result letter: whoever may open the region (access.get_published_result)
    "evaluation_letter": REGION_SCOPED,
    # composite-index runs: the national admin's; anyone else gets 404 (index_access.py)
    "index_runs": NATIONAL_ADMIN,
    "index_run_results": NATIONAL_ADMIN,
}
urlpatterns = [
    path("evaluations", api.CycleList.as_view(), name="evaluations"),
    path("evaluations/<id:year>/results", api.CycleResults.as_view(), name="evaluation_results"),
    path("evaluations/<id:year>/status", status_api.CycleStatus.as_view(), name="evaluation_status"),
    path(
        "regions/<str:code>/evaluations/<id:year>/letter",
        status_api.RegionLetter.as_view(),
        name="evaluation_letter",
    ),
    path("index-runs", index_api.IndexRunList.as_view(), name="index_runs"),
    path("index-runs/<id:index_run_id>", index_api.IndexRunResults.as_view(), name="index_run_results"),
]
