from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("统计报表")

    def ready(self):
        # Registers the scope of export jobs.
        from reports.exports import permissions  # noqa: F401
        from reports.upward import permissions as upward_permissions  # noqa: F401
