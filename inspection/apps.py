from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inspection"
    verbose_name = _("基础数据")

    def ready(self):
        # Registers this app's scope functions and action rules.
        from inspection import scopes  # noqa: F401
