"""Included by kotacerdas/api/urls.py, so these live under /api/v1/ in the "api" namespace."""

from django.urls import path

from kotacerdas.planning import api
from kotacerdas.web.access_classes import REGION_SCOPED

app_name = "planning"
access = {"plan": REGION_SCOPED}
urlpatterns = [
    path("regions/<str:code>/masterplan/plan", api.PlanOfRecordView.as_view(), name="plan"),
]
