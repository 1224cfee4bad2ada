"""Issuing and revoking API tokens: one's own, and the statistics clients' by the office
(the rule is in inspection/scopes.py)."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.errors import PermissionDeniedError
from inspection.models import ApiToken, User, token_of
from inspection.models.tokens import lifetime
from inspection.permissions import authorize, visible
from inspection.workflow import lock_visible, require


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_issue(*, actor, user_id: int, name: str, expires_at=None) -> tuple[ApiToken, str]:
    """Issue a token for ``user_id``; returns the token and its key, shown only now.

    It expires ``INSPECTION_API_TOKEN_DAYS`` from now, or at ``expires_at`` if that is
    sooner: a later day is refused, so no key outlives the county's rule.

    Only from a signed-in session: a token minting a token would outlive its own expiry
    and revocation (the rule says so too; this says why, before any id is looked up)."""
    if token_of(actor) is not None:
        raise PermissionDeniedError(_("不能通过接口令牌「签发接口令牌」，请登录系统后签发。"))
    user = lock_visible(visible(User, actor), user_id)
    authorize(actor, "api_token_issue", user)
    require(bool(name and name.strip()), _("请填写令牌用途。"), field="name")
    require(user.is_active, _("该用户已停用，不能签发令牌。"), field="user")
    now = timezone.now()
    latest = now + lifetime()
    require(
        expires_at is None or expires_at > now,
        _("到期时间必须晚于现在。"),
        field="expires_at",
    )
    require(
        expires_at is None or expires_at <= latest,
        _("令牌有效期最长%(days)s天，到期时间不能晚于%(latest)s。")
        % {"days": lifetime().days, "latest": f"{timezone.localtime(latest):%Y-%m-%d %H:%M}"},
        field="expires_at",
    )
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=key[:8],
        digest=token_digest(key),
        issued_by=actor,
        expires_at=expires_at or latest,
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
