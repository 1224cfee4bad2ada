"""The admin console is the office's tool: only office staff, the office lead and superusers.

It shows confidential records (interviewees, petition reporters, persons concerned in
clues) unmasked, so the roles that must not read them never get in, staff flag or not.
"""

from django.contrib import admin

from inspection.permissions import is_office


class OfficeAdminSite(admin.AdminSite):
    site_header = "村级巡察工作管理系统"
    site_title = "巡察工作管理"
    index_title = "巡察办控制台"

    def has_permission(self, request):
        user = request.user
        return bool(user.is_active and user.is_staff and (user.is_superuser or is_office(user)))
