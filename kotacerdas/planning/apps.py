from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "kotacerdas.planning"
    label = "planning"
    verbose_name = _("Masterplan")

    def ready(self) -> None:
        from kotacerdas.discussion.registry import register
        from kotacerdas.planning.models import Initiative, Problem, QuickWin, SwotItem

        for model in (Problem, SwotItem, Initiative, QuickWin):
            register(model)
