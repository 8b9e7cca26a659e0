from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "kotacerdas.documents"
    label = "documents"
    verbose_name = _("Books")

    def ready(self) -> None:
        from kotacerdas.documents.region_section import region_changes, region_section
        from kotacerdas.web import region_cache, region_sections

        region_sections.register(
            region_sections.Section(
                "books",
                40,
                "documents/_region_section.html",
                region_section,
                changes=region_changes,
                audience=region_cache.everyone,
                live_while="running",
            )
        )

        from kotacerdas.documents.inbox import DOCUMENTS_SOURCES
        from kotacerdas.web import inbox

        inbox.register("documents", *DOCUMENTS_SOURCES)

        from kotacerdas.discussion.registry import register
        from kotacerdas.documents.models import BookChapter

        register(BookChapter)

        from kotacerdas.web import personal_data, personal_records

        # UU PDP export/erasure: rows pointing at the person; their name pseudonymised in every text
        personal_data.register(personal_records.app_source("documents"))
