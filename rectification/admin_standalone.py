"""The packages made for teams' standalone copies (单机版): read here, made only by
``manage.py team_package`` (rectification.standalone.packing). The bundle key is shown
nowhere."""

from django.contrib import admin

from inspection.admin import WorkflowRecordAdmin
from rectification.models import TeamPackage


@admin.register(TeamPackage)
class TeamPackageAdmin(WorkflowRecordAdmin):
    list_display = ("team", "made_at", "made_by", "uuid", "digest")
    list_select_related = ("team", "team__round", "made_by")
    search_fields = ("uuid", "digest")
    date_hierarchy = "made_at"
    exclude = ("bundle_key",)
