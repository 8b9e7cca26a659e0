from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "kotacerdas.documents"
    label = "documents"
    verbose_name = _("Books")

    def ready(self) -> None:
        from kotacerdas.discussion.registry import register
        from kotacerdas.documents.models import BookChapter

        register(BookChapter)
