from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoundsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rounds"
    verbose_name = _("巡察轮次与现场工作")

    def ready(self):
        # Registers this app's scope functions, action rules and kinds of document.
        from rounds import (  # noqa: F401
            document_kinds,
            notice_documents,
            permissions,
            plan_document,
            portrait_permissions,
            request_documents,
            request_permissions,
        )
