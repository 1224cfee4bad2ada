from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RectificationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rectification"
    verbose_name = _("整改")

    def ready(self):
        # Registers this app's scope functions, action rules and kinds of document.
        from rectification import (  # noqa: F401
            accountability_documents,
            accountability_permissions,
            document_kinds,
            look_back_rules,
            permissions,
            plan_documents,
            profile_letters,
            publicity_document,
            publicity_rules,
            submission_permissions,
            supervision_documents,
            supervision_permissions,
        )
        from rectification.archive import documents as archive_documents  # noqa: F401
