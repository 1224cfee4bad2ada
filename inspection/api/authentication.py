"""Token authentication for REST clients: ``Authorization: Bearer <key>`` (or ``Token``)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular import authentication as spectacular_authentication
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from inspection.models import ApiToken
from inspection.services.tokens import token_digest


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("令牌格式不正确。"))
        key = header[1].decode(errors="replace")
        token = ApiToken.objects.select_related("user").filter(digest=token_digest(key)).first()
        now = timezone.now()
        if token is None or not token.is_usable(now) or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("令牌无效、已过期或已被吊销。"))
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        # The user acts through this token: history and the access log name it.
        user = token.user
        user.api_token = token
        return user, token

    def authenticate_header(self, request):
        return "Bearer"


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Describes the token scheme in the OpenAPI schema."""

    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "接口令牌（本人签发，统计接口的由巡察办签发）："
            "Authorization: Bearer <key>",
        }


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session sign-in; a failed CSRF check is refused in the user's language
    (DRF's own message is "CSRF Failed: …", in English whatever the user chose)."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            message = _("安全校验（CSRF）未通过，请刷新页面后重试。")
            raise exceptions.PermissionDenied(message) from None


class SessionScheme(spectacular_authentication.SessionScheme):
    """The session scheme in the OpenAPI schema, for the subclass above."""

    target_class = SessionAuthentication
