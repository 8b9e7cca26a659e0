from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kotacerdas.accounts"
    label = "accounts"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        from kotacerdas.accounts import erasure, two_factor
        from kotacerdas.accounts.access import inbox_stand_in
        from kotacerdas.web import inbox, personal_data

        two_factor.connect()
        personal_data.register(erasure.SOURCE)
        inbox.register_inputs(inbox_stand_in)
