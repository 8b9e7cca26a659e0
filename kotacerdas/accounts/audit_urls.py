"""The audit log page. It lives with accounts (above the audit app, which every action writes to) and
keeps its "audit" URL namespace through the include in kotacerdas/urls.py."""

from django.urls import path

from kotacerdas.accounts import audit_log
from kotacerdas.web.access_classes import NATIONAL_ADMIN

app_name = "audit"
access = {"log": NATIONAL_ADMIN}
urlpatterns = [path("audit/", audit_log.audit_log, name="log")]
