from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "kotacerdas.planning"
    label = "planning"
    verbose_name = _("Masterplan")

    def ready(self) -> None:
        from kotacerdas.planning.region_section import region_changes, region_section
        from kotacerdas.web import region_cache, region_sections

        region_sections.register(
            region_sections.Section(
                "masterplan",
                30,
                "planning/_region_section.html",
                region_section,
                changes=region_changes,
                audience=region_cache.everyone,
            )
        )

        from kotacerdas.discussion.registry import register
        from kotacerdas.planning.models import Initiative, Problem, QuickWin, SwotItem

        for model in (Problem, SwotItem, Initiative, QuickWin):
            register(model)

        from kotacerdas.web import personal_data, personal_records

        # UU PDP export/erasure: rows pointing at the person; their name pseudonymised in every text
        personal_data.register(personal_records.app_source("planning"))
