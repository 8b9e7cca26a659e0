from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "kotacerdas.programme"
    label = "programme"
    verbose_name = _("Programme")

    def ready(self) -> None:
        from kotacerdas.programme.region_section import card_audience, region_section
        from kotacerdas.web import region_sections

        region_sections.register(
            region_sections.Section(
                "programme", 20, "programme/_region_section.html", region_section, audience=card_audience
            )
        )

        from kotacerdas.programme.inbox import PROGRAMME_SOURCES
        from kotacerdas.web import inbox

        inbox.register("programme", *PROGRAMME_SOURCES)

        from kotacerdas.jobs import chores
        from kotacerdas.programme import notices  # noqa: F401  (registers the notification texts)
        from kotacerdas.programme.actions.deliverables import do_notify_overdue

        # the overdue reminders, once a day from the worker's ticker (kotacerdas/jobs/chores.py): no cron
        chores.register("programme.overdue", do_notify_overdue)

        if apps.is_installed("kotacerdas.discussion"):
            from kotacerdas.discussion.registry import register
            from kotacerdas.programme.models import Deliverable

            register(Deliverable)

        from kotacerdas.web import personal_data, personal_records

        # UU PDP export/erasure: rows pointing at the person; their name pseudonymised in every text
        personal_data.register(personal_records.app_source("programme"))
