from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from kotacerdas.api import views
from kotacerdas.web.access_classes import LOGGED_IN, PUBLIC, REGION_SCOPED

app_name = "api"
access = {
    "regions": PUBLIC,
    "region": PUBLIC,
    "region_opds": REGION_SCOPED,
    "me": LOGGED_IN,
    "inbox": LOGGED_IN,
    "schema": PUBLIC,
    "docs": PUBLIC,
    "redoc": PUBLIC,
}
urlpatterns = [
    path("regions", views.RegionList.as_view(), name="regions"),
    path("regions/<str:code>", views.RegionDetail.as_view(), name="region"),
    path("regions/<str:code>/opds", views.RegionOpdList.as_view(), name="region_opds"),
    path("me", views.MeView.as_view(), name="me"),
    path("inbox", views.InboxView.as_view(), name="inbox"),
    path("", include("kotacerdas.assessment.api_urls")),
    path("", include("kotacerdas.programme.api_urls")),
    path("", include("kotacerdas.planning.api_urls")),
    path("", include("kotacerdas.monitoring.api_urls")),
    path("", include("kotacerdas.evaluation.api_urls")),
    path("", include("kotacerdas.participation.api_urls")),
    path("", include("kotacerdas.portal.api_urls")),
    path("schema", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs",
        SpectacularSwaggerView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
        name="docs",
    ),
    path("redoc", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]
