from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "kotacerdas.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from kotacerdas.accounts.consent import on_withdraw
        from kotacerdas.accounts.models import Purpose
        from kotacerdas.notifications import personal
        from kotacerdas.web import personal_data

        personal_data.register(personal.SOURCE)
        on_withdraw(Purpose.EMAIL_DIGEST, personal.stop_digest)
