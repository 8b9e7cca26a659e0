from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "kotacerdas.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from kotacerdas.portal.figures import portal_links, socialisation_figures
        from kotacerdas.portal.region_section import region_section
        from kotacerdas.programme import dashboard_figures
        from kotacerdas.web import public_links, region_cache, region_sections

        region_sections.register(
            region_sections.Section(
                "portal", 60, "portal/_region_section.html", region_section, audience=region_cache.everyone
            )
        )

        public_links.register("portal", portal_links)

        from kotacerdas.participation import published
        from kotacerdas.portal.access import public_kpis

        published.register(public_kpis)  # an idea's KPI figures: what the region published, no more
        dashboard_figures.register(
            dashboard_figures.Figure("portal.socialisation", 10, socialisation_figures)
        )
