"""Included by kotacerdas/api/urls.py, so these live under /api/v1/ in the "api" namespace."""

from django.urls import path

from kotacerdas.evaluation import api
from kotacerdas.web.access_classes import LOGGED_IN

app_name = "evaluation"
access = {
    # published results are for anyone signed in; an open cycle is 404 except for Ayu (access.py)
    "evaluations": LOGGED_IN,
    "evaluation_results": LOGGED_IN,
}
urlpatterns = [
    path("evaluations", api.CycleList.as_view(), name="evaluations"),
    path("evaluations/<id:year>/results", api.CycleResults.as_view(), name="evaluation_results"),
]
