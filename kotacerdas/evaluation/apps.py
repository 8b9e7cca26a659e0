from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "kotacerdas.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self) -> None:
        from kotacerdas.evaluation.region_section import region_section
        from kotacerdas.web import region_cache, region_sections

        region_sections.register(
            region_sections.Section(
                "evaluation",
                35,
                "evaluation/_region_section.html",
                region_section,
                audience=region_cache.everyone,
            )
        )

        from kotacerdas.web import personal_data, personal_records

        # UU PDP export/erasure: rows pointing at the person; their name pseudonymised in every text
        personal_data.register(personal_records.app_source("evaluation"))
