"""Included by kotacerdas/api/urls.py, so these live under /api/v1/ in the "api" namespace."""

from django.urls import path

from kotacerdas.portal import api
from kotacerdas.web.access_classes import PUBLIC

app_name = "portal"
access = {"portals": PUBLIC, "portal": PUBLIC}
urlpatterns = [
    path("portal/regions", api.PortalList.as_view(), name="portals"),
    path("portal/regions/<str:code>", api.PortalDetail.as_view(), name="portal"),
]
