"""Input checks the findings actions share: each refuses with a message naming the field."""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.errors import ApplicationError, ConflictError
from inspection.workflow import require
from rounds.choices import RoundStatus

# Problems are recorded and clues proposed while the team is on site or writing its report.
ROUND_STATUSES_OPEN_FOR_FINDINGS = (RoundStatus.ON_SITE, RoundStatus.REPORTING)


def require_round_open(inspection_round, doing: str) -> None:
    """Refuse (409) unless ``inspection_round`` is on site or reporting; ``doing`` is the verb."""
    if inspection_round.status not in ROUND_STATUSES_OPEN_FOR_FINDINGS:
        raise ConflictError(
            _("巡察轮次「%(round)s」当前处于「%(status)s」阶段，只有进驻和报告阶段可以%(doing)s。")
            % {
                "round": inspection_round,
                "status": inspection_round.get_status_display(),
                "doing": doing,
            }
        )


def refuse(message: str, *, field: str) -> ApplicationError:
    """The error to raise for ``field``: ``raise refuse("…", field="…")``."""
    return ApplicationError(message, errors={field: [message]})


def clean_text(value: str | None, *, field: str, label: str, max_length: int = 0) -> str:
    """Required text, stripped; at most ``max_length`` characters when given."""
    text = (value or "").strip()
    require(bool(text), _("请填写%(label)s。") % {"label": label}, field=field)
    return clean_optional_text(text, field=field, label=label, max_length=max_length)


def clean_optional_text(value: str | None, *, field: str, label: str, max_length: int = 0) -> str:
    text = (value or "").strip()
    if max_length:
        require(
            len(text) <= max_length,
            _("%(label)s不能超过%(limit)s个字。") % {"label": label, "limit": max_length},
            field=field,
        )
    return text


def clean_choice(value: str | None, choices: type[models.TextChoices], *, field: str, label: str):
    require(bool(value), _("请选择%(label)s。") % {"label": label}, field=field)
    require(
        value in choices.values,
        _("%(label)s「%(value)s」不是有效的选项。") % {"label": label, "value": value},
        field=field,
    )
    return value


def clean_amount(value, *, field: str, label: str) -> Decimal:
    """A sum of money in yuan, at least zero (``None`` counts as zero)."""
    if value is None or value == "":
        return Decimal("0")
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise refuse(_("%(label)s必须是数字。") % {"label": label}, field=field) from None
    require(amount.is_finite(), _("%(label)s必须是数字。") % {"label": label}, field=field)
    require(amount >= 0, _("%(label)s不能为负数。") % {"label": label}, field=field)
    require(
        amount == amount.quantize(Decimal("0.01")),
        _("%(label)s最多保留两位小数。") % {"label": label},
        field=field,
    )
    return amount


def clean_count(value, *, field: str, label: str) -> int:
    """A number of persons, at least zero (``None`` counts as zero)."""
    if value is None or value == "":
        return 0
    require(
        isinstance(value, int) and not isinstance(value, bool),
        _("%(label)s必须是整数。") % {"label": label},
        field=field,
    )
    require(value >= 0, _("%(label)s不能为负数。") % {"label": label}, field=field)
    return value


def clean_past_date(
    value: datetime.date | None,
    *,
    field: str,
    label: str,
    not_before: datetime.date | None = None,
    not_before_label: str = "",
) -> datetime.date:
    """A date the actor gives: required, not after today, not before ``not_before``."""
    require(value is not None, _("请填写%(label)s。") % {"label": label}, field=field)
    require(
        isinstance(value, datetime.date) and not isinstance(value, datetime.datetime),
        _("%(label)s不是有效的日期。") % {"label": label},
        field=field,
    )
    require(
        value <= timezone.localdate(), _("%(label)s不能晚于今天。") % {"label": label}, field=field
    )
    if not_before is not None:
        require(
            value >= not_before,
            _("%(label)s不能早于%(earlier)s。") % {"label": label, "earlier": not_before_label},
            field=field,
        )
    return value
