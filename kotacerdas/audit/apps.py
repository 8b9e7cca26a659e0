from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "kotacerdas.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from django.contrib.admin.models import LogEntry

        from kotacerdas.audit.signals import mirror_admin_log_entry

        post_save.connect(mirror_admin_log_entry, sender=LogEntry, dispatch_uid="audit_mirror_admin")

        from kotacerdas.web import personal_data, personal_records

        # UU PDP export/erasure: rows pointing at the person; their name pseudonymised in every text
        personal_data.register(personal_records.app_source("audit"))
