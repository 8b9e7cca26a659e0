from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "kotacerdas.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from kotacerdas.monitoring.region_section import region_changes, region_section
        from kotacerdas.web import region_cache, region_sections

        region_sections.register(
            region_sections.Section(
                "monitoring",
                35,
                "monitoring/_region_section.html",
                region_section,
                changes=region_changes,
                audience=region_cache.everyone,
            )
        )

        from kotacerdas.monitoring import notices  # noqa: F401  (registers the notification texts)
        from kotacerdas.web import personal_data, personal_records

        # UU PDP export/erasure: rows pointing at the person; their name pseudonymised in every text
        personal_data.register(personal_records.app_source("monitoring"))

        from kotacerdas.monitoring.threads import register_threads

        register_threads()

        from kotacerdas.jobs import chores
        from kotacerdas.monitoring.actions.periods import do_notify_due

        chores.register("monitoring.reminders", do_notify_due)

        from kotacerdas.monitoring.inbox import MONITORING_SOURCES
        from kotacerdas.web import inbox

        inbox.register("monitoring", *MONITORING_SOURCES)

        from kotacerdas.monitoring.access import approved_kpi_years
        from kotacerdas.planning.target_readers import register_approved_years

        # the page that corrects a KPI's targets says which years monitoring has approved already
        register_approved_years(approved_kpi_years)
