from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "kotacerdas.assessment"
    label = "assessment"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        from kotacerdas.assessment.region_section import region_section
        from kotacerdas.web import region_cache, region_sections

        region_sections.register(
            region_sections.Section(
                "assessment",
                10,
                "assessment/_region_section.html",
                region_section,
                audience=region_cache.everyone,
            )
        )

        from kotacerdas.assessment.inbox import ASSESSMENT_SOURCES
        from kotacerdas.web import inbox

        inbox.register("assessment", *ASSESSMENT_SOURCES)

        from kotacerdas.web import personal_data, personal_records

        # UU PDP export/erasure: rows pointing at the person; their name pseudonymised in every text
        personal_data.register(personal_records.app_source("assessment"))
