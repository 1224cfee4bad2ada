from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def install_statistics_triggers(using="default", **kwargs):
    """Schema plumbing, not domain logic: the data version's triggers exist after every
    migrate (reports.statistics.version)."""
    from reports.statistics.version import install_triggers

    install_triggers(using)


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("统计报表")

    def ready(self):
        # Registers the scope of export jobs.
        from reports.exports import permissions  # noqa: F401

        post_migrate.connect(
            install_statistics_triggers, sender=self, dispatch_uid="reports_statistics_triggers"
        )
