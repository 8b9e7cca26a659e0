"""Included by kotacerdas/api/urls.py, so these live under /api/v1/ in the "api" namespace."""

from django.urls import path

from kotacerdas.assessment import api
from kotacerdas.web.access_classes import REGION_SCOPED

app_name = "assessments"
access = {
    "list": REGION_SCOPED,
    "detail": REGION_SCOPED,
    "results": REGION_SCOPED,
}
urlpatterns = [
    path("regions/<str:code>/assessments", api.RegionAssessmentList.as_view(), name="list"),
    path(
        "regions/<str:code>/assessments/<id:assessment_id>",
        api.RegionAssessmentDetail.as_view(),
        name="detail",
    ),
    path(
        "regions/<str:code>/assessments/<id:assessment_id>/results",
        api.RegionAssessmentResults.as_view(),
        name="results",
    ),
]
