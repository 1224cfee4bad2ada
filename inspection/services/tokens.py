"""Issuing and revoking API tokens: one's own, and the statistics clients' by the office
(the rule is in inspection/scopes.py)."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.models import ApiToken, User
from inspection.permissions import authorize, visible
from inspection.workflow import lock_visible, require


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_issue(*, actor, user_id: int, name: str, expires_at=None) -> tuple[ApiToken, str]:
    """Issue a token for ``user_id``; returns the token and its key, shown only now."""
    user = lock_visible(visible(User, actor), user_id)
    authorize(actor, "api_token_issue", user)
    require(bool(name and name.strip()), _("请填写令牌用途。"), field="name")
    require(user.is_active, _("该用户已停用，不能签发令牌。"), field="user")
    require(
        expires_at is None or expires_at > timezone.now(),
        _("到期时间必须晚于现在。"),
        field="expires_at",
    )
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=key[:8],
        digest=token_digest(key),
        issued_by=actor,
        expires_at=expires_at,
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, actor, token_id: int) -> ApiToken:
    token = lock_visible(visible(ApiToken, actor), token_id)
    authorize(actor, "api_token_revoke", token)
    require(token.revoked_at is None, _("该令牌已被吊销。"))
    token.revoked_at = timezone.now()
    token.revoked_by = actor
    token.save(update_fields=["revoked_at", "revoked_by"])
    return token
