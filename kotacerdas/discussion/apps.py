from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionConfig(AppConfig):
    name = "kotacerdas.discussion"
    label = "discussion"
    verbose_name = _("Discussion")

    def ready(self) -> None:
        from kotacerdas.web import personal_data, personal_records

        # UU PDP: a person's comments stay (the thread would not read otherwise) under the pseudonym
        personal_data.register(personal_records.app_source("discussion"))
