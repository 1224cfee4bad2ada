"""The admin console is the office's tool: only office staff, the office lead and superusers.

It shows confidential records (interviewees, petition reporters, persons concerned in
clues) unmasked, so the roles that must not read them never get in, staff flag or not.
"""

import json

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView

from inspection.audit import access_log_list
from inspection.permissions import is_office


class LoggedAutocompleteJsonView(AutocompleteJsonView):
    """An autocomplete answer is a search: over a model whose rows show confidential
    names (``logged_reads``), it writes an access-log row with the term typed, like a
    change list does (the answer lists what matched a name)."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.status_code == 200 and getattr(self.model_admin, "logged_reads", False):
            access_log_list(
                user=request.user,
                model=self.model_admin.model,
                shown=len(json.loads(response.content)["results"]),
                where="管理后台自动补全",
                request=request,
            )
        return response


class OfficeAdminSite(admin.AdminSite):
    site_header = "村级巡察工作管理系统"
    site_title = "巡察工作管理"
    index_title = "巡察办控制台"

    def has_permission(self, request):
        user = request.user
        return bool(user.is_active and user.is_staff and (user.is_superuser or is_office(user)))

    def autocomplete_view(self, request):
        return LoggedAutocompleteJsonView.as_view(admin_site=self)(request)
