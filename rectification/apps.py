from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RectificationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rectification"
    verbose_name = _("整改")

    def ready(self):
        # Registers this app's scope functions and action rules.
        from rectification import permissions  # noqa: F401
