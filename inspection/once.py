"""Send once: a form's submission token, stored on the record it created.

A team form on a phone carries a random token (``inspection.forms.OnceForm``), as does
the officer's progress form on the ledger (``rectification.forms.ledger``); a form sent
again after a lost answer (``static/js/drafts.js`` resends it) carries the same token. The
service that creates the record stores the token on it, in the same
transaction, in a column that is unique when set (``submission_token``): a second
sending finds the record the first one saved, even when both arrive at the same moment
on two workers, and answers it instead of creating another. A token is its sender's: a
token of someone else's record is refused, not answered.

Records created without a form (the API, imports, the seeders) carry no token.
"""

from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.permissions import visible
from inspection.workflow import require

TOKEN_MAX_LENGTH = 64
FIELD = "submission_token"

Record = TypeVar("Record", bound=models.Model)


def submission_token_field() -> models.CharField:
    """The column a model created by a team form keeps its token in."""
    return models.CharField(
        _lazy("提交标识"),
        max_length=TOKEN_MAX_LENGTH,
        null=True,
        blank=True,
        editable=False,
        help_text=_lazy("录入表单的一次性标识：同一表单重复提交只保存一条记录。"),
    )


def submission_token_unique(name: str) -> models.UniqueConstraint:
    """One record per token (records without one are not concerned)."""
    return models.UniqueConstraint(
        fields=[FIELD],
        condition=Q(submission_token__isnull=False),
        name=name,
        violation_error_message=_lazy("这张表单已经提交过。"),
    )


def sent_before(model: type[Record], token: str | None, *, actor, by: str) -> Record | None:
    """The record ``token`` already created, if ``actor`` sent it (``by`` names the field
    of the record's author); refuses a token of someone else's record, or of a record the
    actor no longer sees."""
    if not token:
        return None
    earlier = model._default_manager.filter(**{FIELD: token}).first()
    if earlier is None:
        return None
    require(
        getattr(earlier, f"{by}_id") == actor.pk
        and visible(model, actor).filter(pk=earlier.pk).exists(),
        _("这张表单的提交标识已被使用，请刷新页面后重新填写。"),
        field="submission",
    )
    return earlier


def create_once(
    model: type[Record], token: str | None, *, actor, by: str, create: Callable[[], Record]
) -> Record:
    """``create()`` the record (which stores ``token``), or answer the one a simultaneous
    sending of the same token committed first.

    The insert runs in a savepoint: the losing sending's unique violation is rolled back
    alone, and the rest of its transaction goes on to answer the winner's record.
    """
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        earlier = sent_before(model, token, actor=actor, by=by)
        if earlier is None:
            raise  # another constraint: not a second sending
        return earlier
