from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "kotacerdas.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from kotacerdas.portal.figures import portal_links, socialisation_figures
        from kotacerdas.programme import dashboard_figures
        from kotacerdas.web import public_links

        public_links.register("portal", portal_links)
        dashboard_figures.register(
            dashboard_figures.Figure("portal.socialisation", 10, socialisation_figures)
        )
