"""Included by kotacerdas/api/urls.py, so these live under /api/v1/ in the "api" namespace."""

from django.urls import path

from kotacerdas.participation import api
from kotacerdas.web.access_classes import LOGGED_IN, PUBLIC

app_name = "participation"
access = {"consultation_ideas": PUBLIC, "idea_support": LOGGED_IN}
urlpatterns = [
    path(
        "participation/consultations/<id:consultation_id>/ideas",
        api.ConsultationIdeas.as_view(),
        name="consultation_ideas",
    ),
    path("participation/ideas/<id:idea_id>/support", api.IdeaSupport.as_view(), name="idea_support"),
]
