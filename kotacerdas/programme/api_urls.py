"""Included by kotacerdas/api/urls.py, so these live under /api/v1/ in the "api" namespace."""

from django.urls import path

from kotacerdas.programme import api
from kotacerdas.web.access_classes import NATIONAL_ADMIN, REGION_SCOPED

app_name = "programme"
access = {
    "cohorts": NATIONAL_ADMIN,
    "ranking": NATIONAL_ADMIN,
    "dashboard": NATIONAL_ADMIN,
    # the region's team, and mentors/assessors assigned to one of its candidacies
    "region": REGION_SCOPED,
    "deliverable": REGION_SCOPED,
    "deliverable_submit": REGION_SCOPED,
    "deliverable_review": REGION_SCOPED,
}
D = "regions/<str:code>/programme/<id:cohort_id>/deliverables/<id:deliverable_id>"
urlpatterns = [
    path("programme/cohorts", api.CohortList.as_view(), name="cohorts"),
    path("programme/cohorts/<id:cohort_id>/ranking", api.CohortRanking.as_view(), name="ranking"),
    path("programme/dashboard", api.Dashboard.as_view(), name="dashboard"),
    path("regions/<str:code>/programme", api.RegionProgramme.as_view(), name="region"),
    path(D, api.DeliverableDetail.as_view(), name="deliverable"),
    path(D + "/submit", api.DeliverableSubmit.as_view(), name="deliverable_submit"),
    path(D + "/review", api.DeliverableReview.as_view(), name="deliverable_review"),
]
