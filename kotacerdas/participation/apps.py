"""Citizen participation: consultations, ideas, supports, comments, moderation and promotion."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "kotacerdas.participation"
    label = "participation"
    verbose_name = _("Citizen participation")

    def ready(self) -> None:
        from kotacerdas.jobs import chores
        from kotacerdas.participation import kept_photo, personal
        from kotacerdas.participation.region_section import card_audience, region_section
        from kotacerdas.participation.review_panel import review_panel
        from kotacerdas.web import personal_data, region_sections, review_panels

        chores.register("participation.kept-photos", kept_photo.forget_stale)
        personal_data.register(
            personal_data.PersonalDataSource("participation", personal.export, personal.erase)
        )
        review_panels.register(
            review_panels.Panel("participation", 50, "participation/_review_panel.html", review_panel)
        )
        region_sections.register(
            region_sections.Section(
                "participation",
                45,
                "participation/_region_section.html",
                region_section,
                audience=card_audience,
            )
        )

        from kotacerdas.participation.inbox import PARTICIPATION_SOURCES
        from kotacerdas.web import inbox

        inbox.register("participation", *PARTICIPATION_SOURCES)
