from django.urls import path

from kotacerdas.audit import views
from kotacerdas.web.access_classes import NATIONAL_ADMIN

app_name = "audit"
access = {"log": NATIONAL_ADMIN}
urlpatterns = [path("audit/", views.audit_log, name="log")]
