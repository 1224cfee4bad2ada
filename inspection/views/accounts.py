"""Signing in and out, changing one's password, and the home page each role lands on."""

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _

from inspection.choices import UserRole
from inspection.web import screen

# Where each role starts its day; the first installed page wins.
HOME_PAGES = {
    UserRole.COMMISSION_LIAISON: "findings:desk",
    UserRole.INSPECTOR: "findings:team_home",
    UserRole.RECTIFICATION_OFFICER: "rectification:ledger",
    UserRole.TOWN_REVIEWER: "rectification:item_list",
    UserRole.SUPERVISOR: "rectification:supervision_home",
    UserRole.STATISTICS_CLIENT: "inspection:api_access",
}


def home_url(user) -> str:
    return reverse(HOME_PAGES.get(user.role, "reports:dashboard"))


@screen()
def home(request):
    """The role's own start page (the dashboard answers ``/`` itself for the office)."""
    return redirect(home_url(request.user))


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    extra_context = {"title": _("登录")}

    def get_default_redirect_url(self):
        return home_url(self.request.user)


class SignOutView(auth_views.LogoutView):
    next_page = reverse_lazy("inspection:login")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("inspection:password_change_done")
    extra_context = {"title": _("修改密码")}


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"
    extra_context = {"title": _("密码已修改")}
