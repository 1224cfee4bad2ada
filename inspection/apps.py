from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class InspectionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inspection"
    verbose_name = _("基础数据")

    def ready(self):
        # Registers this app's scope functions, action rules and system checks.
        # A session's limits count from signing in (inspection.middleware); every
        # historical row names the API token its change came through (if any). Files of an
        # action that rolled back are removed when the request ends (inspection.files; a
        # Celery task's end is connected in inspection.celery).
        from django.contrib.auth.signals import user_logged_in
        from django.core.signals import request_finished
        from simple_history.signals import pre_create_historical_record

        from inspection import checks, classification, scopes  # noqa: F401
        from inspection.documents import permissions  # noqa: F401
        from inspection.files import discard_rolled_back_files
        from inspection.middleware import SessionLimitsMiddleware
        from inspection.models.tokens import name_the_token

        user_logged_in.connect(SessionLimitsMiddleware.signed_in, dispatch_uid="session_limits")
        pre_create_historical_record.connect(name_the_token, dispatch_uid="history_api_token")
        request_finished.connect(discard_rolled_back_files, dispatch_uid="rolled_back_files")


class OfficeAdminConfig(admin_apps.AdminConfig):
    """The admin with the office-only site (inspection/admin_site.py)."""

    default = False  # "inspection" itself resolves to InspectionConfig
    default_site = "inspection.admin_site.OfficeAdminSite"
