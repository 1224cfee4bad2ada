"""The input checks every service shares: each refuses with one message naming the field.

One name and one message per check, whichever app asks: a blank name, a bad date or a
negative count reads the same on the team's phone, the office's screens and the API.
Each returns the cleaned value; a refusal is an ``ApplicationError`` for ``field``.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.errors import ApplicationError
from inspection.workflow import require


def refuse(message: str, *, field: str) -> ApplicationError:
    """The error to raise for ``field``: ``raise refuse("…", field="…")``."""
    return ApplicationError(message, errors={field: [message]})


def clean_text(
    value: str | None, *, field: str, label: str, max_length: int | None = None, required=True
) -> str:
    """Text stripped; refused if blank (when ``required``) or longer than ``max_length``."""
    text = (value or "").strip()
    if required:
        require(bool(text), _("请填写%(label)s。") % {"label": label}, field=field)
    if max_length:
        require(
            len(text) <= max_length,
            _("%(label)s不能超过%(limit)s个字。") % {"label": label, "limit": max_length},
            field=field,
        )
    return text


def clean_column(
    model: type[models.Model], field: str, value: str | None, *, required=False, label=None
) -> str:
    """``clean_text`` with the length limit (and label) of ``model``'s column ``field``."""
    column = model._meta.get_field(field)
    return clean_text(
        value,
        field=field,
        label=label or column.verbose_name,
        max_length=column.max_length,
        required=required,
    )


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


def clean_ids(values, *, field: str, message: str) -> list[int]:
    """Record ids as sent (numbers or digit strings), sorted and each once; ``message`` names
    the field's records when one is not an id (a 400, never a 500 or a lookup of garbage)."""
    try:
        ids = sorted({int(pk) for pk in values or ()})
    except (TypeError, ValueError):
        raise refuse(message, field=field) from None
    require(all(0 < pk < 2**63 for pk in ids), message, field=field)
    return ids


def clean_count(value, *, field: str, label: str) -> int:
    """A number of persons, households or copies, at least zero (``None`` counts as zero)."""
    if value is None or value == "":
        return 0
    require(
        isinstance(value, int) and not isinstance(value, bool),
        _("%(label)s必须是整数。") % {"label": label},
        field=field,
    )
    require(value >= 0, _("%(label)s不能为负数。") % {"label": label}, field=field)
    return value


def clean_date(
    value: datetime.date | None,
    *,
    field: str,
    label: str,
    not_before: datetime.date | None = None,
    not_before_label: str = "",
    future_ok: bool = False,
) -> datetime.date:
    """A date the actor gives: required, not after today (unless ``future_ok``), not before
    ``not_before`` (the date of ``not_before_label``, named in the message)."""
    require(value is not None, _("请填写%(label)s。") % {"label": label}, field=field)
    require(
        isinstance(value, datetime.date) and not isinstance(value, datetime.datetime),
        _("%(label)s不是有效的日期。") % {"label": label},
        field=field,
    )
    if not future_ok:
        require(
            value <= timezone.localdate(),
            _("%(label)s不能晚于今天。") % {"label": label},
            field=field,
        )
    if not_before is not None:
        require(
            value >= not_before,
            _("%(label)s不能早于%(earlier)s（%(date)s）。")
            % {"label": label, "earlier": not_before_label, "date": f"{not_before:%Y-%m-%d}"},
            field=field,
        )
    return value


def clean_past_time(value: datetime.datetime, *, field: str, label: str) -> datetime.datetime:
    """A moment the actor gives, not after now."""
    require(
        value <= timezone.now(),
        _("%(label)s不能晚于当前时间。") % {"label": label},
        field=field,
    )
    return value


def dates_in_order(obj: models.Model, fields: tuple[str, ...]) -> None:
    """The dates of ``fields`` that are set come in this order (equal dates are fine);
    refused with ``clean_date``'s message for a date before an earlier one."""
    earlier = None
    for name in fields:
        value = getattr(obj, name)
        if value is None:
            continue
        if earlier is not None:
            clean_date(
                value,
                field=name,
                label=obj._meta.get_field(name).verbose_name,
                not_before=getattr(obj, earlier),
                not_before_label=obj._meta.get_field(earlier).verbose_name,
                future_ok=True,
            )
        earlier = name
