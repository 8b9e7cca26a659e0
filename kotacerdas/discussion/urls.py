from django.urls import path

from kotacerdas.discussion import views
from kotacerdas.web.access_classes import REGION_SCOPED

app_name = "discussion"
access = {"add_comment": REGION_SCOPED}
urlpatterns = [
    path(
        "r/<str:code>/diskusi/<str:target>/<id:object_id>/",
        views.add_comment,
        name="add_comment",
    ),
]
