"""What the rectification services share: date checks, evidence files, status guards."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.workflow import Transition, require


def check_date(
    value,
    *,
    field: str,
    label: str,
    earliest: datetime.date | None = None,
    earliest_label: str = "",
    future_ok: bool = False,
) -> None:
    """Refuse a missing date, a date after today (unless ``future_ok``) or before ``earliest``."""
    is_date = isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    require(is_date, _("请填写%(label)s。") % {"label": label}, field=field)
    if not future_ok:
        require(
            value <= timezone.localdate(),
            _("%(label)s不能晚于今天。") % {"label": label},
            field=field,
        )
    if earliest is not None:
        require(
            value >= earliest,
            _("%(label)s不能早于%(earlier)s（%(date)s）。")
            % {"label": label, "earlier": earliest_label, "date": f"{earliest:%Y-%m-%d}"},
            field=field,
        )


def check_status(obj, allowed: tuple[str, ...], verb: str) -> None:
    """For an action that edits a record without moving it: 409 unless it is in ``allowed``."""
    Transition(verb, allowed, obj.status, verb).check(obj)
