from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FindingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "findings"
    verbose_name = _("问题与线索")

    def ready(self):
        # Registers this app's scope functions, action rules and kinds of document, and
        # the problem counts the round screens show (rounds.figures).
        from findings import (  # noqa: F401
            clue_document_kinds,
            document_kinds,
            figures,
            matter_documents,
            matter_permissions,
            permissions,
            report_documents,
            report_permissions,
        )
