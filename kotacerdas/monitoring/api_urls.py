"""Included by kotacerdas/api/urls.py, so these live under /api/v1/ in the "api" namespace."""

from django.urls import path

from kotacerdas.monitoring import api, national_api
from kotacerdas.web.access_classes import NATIONAL_ADMIN, REGION_SCOPED

app_name = "monitoring"
access = {
    "national": NATIONAL_ADMIN,  # the national monitoring page's rows; anyone else gets 404
    "periods": REGION_SCOPED,
    "outcomes": REGION_SCOPED,
    "milestones": REGION_SCOPED,
    "realisation": REGION_SCOPED,
    "kpi_realisation": REGION_SCOPED,
    "initiative_realisation": REGION_SCOPED,
    "kpi_review": REGION_SCOPED,
    "initiative_review": REGION_SCOPED,
}
M = "regions/<str:code>/monitoring/"
P = M + "periods/<id:period_id>"
urlpatterns = [
    path("monitoring/national", national_api.NationalCompleteness.as_view(), name="national"),
    path(M + "periods", api.PeriodList.as_view(), name="periods"),
    path(M + "outcomes", api.OutcomeList.as_view(), name="outcomes"),
    path(M + "milestones", api.MilestoneList.as_view(), name="milestones"),
    path(P + "/realisation", api.Realisation.as_view(), name="realisation"),
    path(P + "/kpis/<id:kpi_id>", api.KpiRealisation.as_view(), name="kpi_realisation"),
    path(
        P + "/initiatives/<id:initiative_id>",
        api.InitiativeRealisation.as_view(),
        name="initiative_realisation",
    ),
    path(M + "kpi-reports/<id:kpi_report_id>/review", api.KpiReview.as_view(), name="kpi_review"),
    path(
        M + "initiative-reports/<id:initiative_report_id>/review",
        api.InitiativeReview.as_view(),
        name="initiative_review",
    ),
]
