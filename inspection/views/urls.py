"""The screens of the shared part: accounts, notifications, the village registry."""

from django.urls import path

from inspection.views import (
    accounts,
    api_access,
    documents,
    evidence,
    notifications,
    roster_import,
    village_import,
    village_profile_edit,
)

app_name = "inspection"

urlpatterns = [
    path("accounts/login/", accounts.SignInView.as_view(), name="login"),
    path("accounts/logout/", accounts.SignOutView.as_view(), name="logout"),
    path("accounts/password/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        accounts.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("", accounts.home, name="home"),
    path("api-access/", api_access.api_access, name="api_access"),
    path("villages/import/", village_import.village_import_page, name="village_import"),
    path(
        "villages/import/confirm/",
        village_import.village_import_confirm,
        name="village_import_confirm",
    ),
    path(
        "villages/import/cancel/",
        village_import.village_import_cancel,
        name="village_import_cancel",
    ),
    path(
        "villages/import/template/",
        village_import.village_import_template,
        name="village_import_template",
    ),
    path("villages/roster/import/", roster_import.roster_import_page, name="roster_import"),
    path(
        "villages/<int:pk>/profile/edit/",
        village_profile_edit.village_profile_edit,
        name="village_profile_edit",
    ),
    path(
        "villages/roster/import/template/",
        roster_import.roster_import_template,
        name="roster_import_template",
    ),
    path("evidence/<slug:kind>/<int:pk>/", evidence.evidence_file, name="evidence_download"),
    path("documents/<int:pk>/", documents.document_file, name="document_file"),
    path("documents/<int:pk>/upload/", documents.document_upload_view, name="document_upload"),
    path(
        "documents/generate/<slug:kind>/<int:pk>/",
        documents.document_generate_view,
        name="document_generate",
    ),
    path("documents/templates/", documents.document_templates, name="document_templates"),
    path(
        "documents/templates/<slug:kind>/",
        documents.document_template_file,
        name="document_template_file",
    ),
    path(
        "documents/templates/<slug:kind>/upload/",
        documents.document_template_upload_view,
        name="document_template_upload",
    ),
    path(
        "documents/templates/<slug:kind>/reset/",
        documents.document_template_reset_view,
        name="document_template_reset",
    ),
    path("notifications/", notifications.notification_list, name="notification_list"),
    path("notifications/<int:pk>/", notifications.notification_detail, name="notification_detail"),
    path("notifications/<int:pk>/read/", notifications.notification_read, name="notification_read"),
    path(
        "notifications/read-all/",
        notifications.notification_read_all,
        name="notification_read_all",
    ),
]
