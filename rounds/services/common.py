"""What the rounds services share: the round statuses an action is open in, input rules."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.errors import ApplicationError, ConflictError
from inspection.workflow import require
from rounds.choices import RoundStatus


@dataclass(frozen=True)
class RoundWindow:
    """The statuses of a round in which an action on it (or on a record under it) is open.

    The twin of ``Transition`` for actions that do not move the round: outside the
    window the answer is a ``ConflictError``, as for a wrong source state.
    """

    statuses: tuple[str, ...]
    label: str

    def allows(self, inspection_round) -> bool:
        return inspection_round.status in self.statuses

    def check(self, inspection_round) -> None:
        if not self.allows(inspection_round):
            raise ConflictError(
                _("巡察轮次「%(title)s」当前状态为「%(status)s」，不能%(action)s。")
                % {
                    "title": inspection_round.title,
                    "status": inspection_round.get_status_display(),
                    "action": self.label,
                }
            )


BEFORE_ON_SITE = (RoundStatus.PLANNING, RoundStatus.PREPARATION)
UNTIL_ON_SITE_ENDS = (*BEFORE_ON_SITE, RoundStatus.ON_SITE)
ON_SITE_WORK = (RoundStatus.ON_SITE, RoundStatus.REPORTING)
NOT_CLOSED = tuple(status for status in RoundStatus if status != RoundStatus.CLOSED)


def text(value, *, field: str, message: str) -> str:
    """``value`` stripped; refused with ``message`` if blank."""
    value = (value or "").strip()
    require(bool(value), message, field=field)
    return value


def choice(value, choices: type[models.TextChoices], *, field: str, message: str) -> str:
    require(value in choices.values, message, field=field)
    return value


def count(value, *, field: str, label: str) -> int:
    """A non-negative whole number of people, households or copies."""
    require(
        isinstance(value, int) and not isinstance(value, bool) and value >= 0,
        _("%(label)s必须是不小于0的整数。") % {"label": label},
        field=field,
    )
    return value


def not_future_date(value: datetime.date, *, field: str, label: str) -> datetime.date:
    require(
        value <= timezone.localdate(),
        _("%(label)s（%(date)s）不能晚于今天。") % {"label": label, "date": f"{value:%Y-%m-%d}"},
        field=field,
    )
    return value


def not_future_time(value: datetime.datetime, *, field: str, label: str) -> datetime.datetime:
    require(
        value <= timezone.now(),
        _("%(label)s（%(time)s）不能晚于当前时间。")
        % {"label": label, "time": f"{timezone.localtime(value):%Y-%m-%d %H:%M}"},
        field=field,
    )
    return value


def dates_in_order(obj: models.Model, fields: tuple[str, ...]) -> None:
    """The dates of ``fields`` that are set come in this order (equal dates are fine)."""
    earlier_field = None
    for name in fields:
        value = getattr(obj, name)
        if value is None:
            continue
        if earlier_field is not None and value < getattr(obj, earlier_field):
            label = obj._meta.get_field(name).verbose_name
            earlier_label = obj._meta.get_field(earlier_field).verbose_name
            message = _("%(label)s（%(date)s）不能早于%(earlier)s（%(earlier_date)s）。") % {
                "label": label,
                "date": f"{value:%Y-%m-%d}",
                "earlier": earlier_label,
                "earlier_date": f"{getattr(obj, earlier_field):%Y-%m-%d}",
            }
            raise ApplicationError(message, errors={name: [message]})
        earlier_field = name


def fits(model: type[models.Model], field: str, value: str) -> str:
    """``value`` stripped, refused if longer than the model's column allows."""
    value = (value or "").strip()
    model_field = model._meta.get_field(field)
    limit = model_field.max_length
    require(
        limit is None or len(value) <= limit,
        _("%(field)s不能超过%(limit)s个字。") % {"field": model_field.verbose_name, "limit": limit},
        field=field,
    )
    return value
