from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "kotacerdas.programme"
    label = "programme"
    verbose_name = _("Programme")

    def ready(self) -> None:
        from kotacerdas.programme import notices  # noqa: F401  (registers the notification texts)

        if apps.is_installed("kotacerdas.discussion"):
            from kotacerdas.discussion.registry import register
            from kotacerdas.programme.models import Deliverable

            register(Deliverable)
