from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "kotacerdas.web"
    label = "web"
    verbose_name = _("Web")

    def ready(self) -> None:
        from django.urls import register_converter

        from kotacerdas.web.converters import RecordIdConverter, SmallNumberConverter

        register_converter(RecordIdConverter, "id")
        register_converter(SmallNumberConverter, "number")

        from kotacerdas.web import personal_data, personal_records, writes

        writes.connect()

        # UU PDP export/erasure: rows pointing at the person; their name pseudonymised in every text
        personal_data.register(personal_records.app_source("web"))
