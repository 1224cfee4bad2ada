"""API tokens for REST clients: stored hashed, revocable, expiring (``INSPECTION_API_TOKEN_DAYS``
after issue unless the issuer chose an earlier day)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspection.choices import UserRole


def lifetime() -> datetime.timedelta:
    """How long a token lasts at most, and by default (``INSPECTION_API_TOKEN_DAYS``)."""
    return datetime.timedelta(days=settings.INSPECTION_API_TOKEN_DAYS)


def default_expiry() -> datetime.datetime:
    return timezone.now() + lifetime()


class ApiToken(models.Model):
    """A bearer token. Only its SHA-256 digest is stored; the key is shown once, at issue.

    Keys are 32 random bytes, so a fast hash is enough: nothing can be guessed from
    the digest (a slow password hash would only slow every request down).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("所属用户"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("用途"), max_length=100)
    prefix = models.CharField(_("前缀"), max_length=8, help_text=_("用于辨认令牌，不足以使用它。"))
    digest = models.CharField(_("摘要"), max_length=64, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("签发时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("到期时间"), default=default_expiry)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("吊销人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, at=None) -> bool:
        at = at or timezone.now()
        return self.revoked_at is None and self.expires_at > at

    def fits_the_issue_rule(self) -> bool:
        """Still allowed by the rule it was issued under (inspection/scopes.py): a person's
        own token, or a statistics client's. Checked on every use, so a token whose user's
        role changed since stops working, like a revoked one."""
        return self.user_id == self.issued_by_id or self.user.role == UserRole.STATISTICS_CLIENT


def token_of(user) -> ApiToken | None:
    """The token ``user`` was authenticated by in this request: the API's token
    authentication marks the user it returns; a session, a task or a command has none."""
    return getattr(user, "api_token", None)


class HistoryApiToken(models.Model):
    """The base of every historical model (``HistoricalRecords(bases=[HistoryApiToken])``):
    a change made through an API token names the token beside the user.

    PROTECT: a token that changed records is never deleted, only revoked, so the history
    keeps saying which client acted (tokens have no delete anywhere in the product)."""

    history_api_token = models.ForeignKey(
        ApiToken,
        verbose_name=_("经由接口令牌"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


def name_the_token(sender, history_instance, history_user, **kwargs) -> None:
    """simple_history's ``pre_create_historical_record``: every historical row of a model
    built on ``HistoryApiToken`` names the token its user acted through (connected in
    ``InspectionConfig.ready``). Bulk writes pass ``history_attrs(actor)`` instead."""
    if isinstance(history_instance, HistoryApiToken):
        history_instance.history_api_token = token_of(history_user)


def history_attrs(actor) -> dict:
    """``custom_historical_attrs`` for simple_history's bulk writes by ``actor``."""
    return {"history_api_token": token_of(actor)}
