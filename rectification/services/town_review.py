"""乡镇初审: the town party committee's first review of its villages' requests for closing."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.permissions import authorize
from inspection.workflow import Transition, require, save_with_history
from rectification.choices import ItemStatus
from rectification.models import RectificationItem
from rectification.services.verification import _locked_item, _refuse_own_submission

TOWN_PASS = Transition(
    "item_town_review", (ItemStatus.SUBMITTED,), ItemStatus.TOWN_REVIEWED, _lazy("乡镇初审")
)
TOWN_RETURN = Transition(
    "item_town_review", (ItemStatus.SUBMITTED,), ItemStatus.RETURNED, _lazy("乡镇初审")
)


@transaction.atomic
def item_town_review(
    *, actor, item_id: int, passed: bool, reason: str = ""
) -> RectificationItem:
    """乡镇初审: ``passed`` sends the request on to the office's verification (乡镇已初审);
    otherwise it goes back to the village (退回) with ``reason``, which the village reads."""
    item = _locked_item(actor, item_id)
    _refuse_own_submission(actor, item, _("初审"))
    authorize(actor, "item_town_review", item)
    TOWN_PASS.check(item)
    require(isinstance(passed, bool), _("请选择初审结论（通过或退回）。"), field="passed")
    reason = (reason or "").strip()
    require(passed or bool(reason), _("初审退回须说明理由。"), field="reason")
    if passed:
        item.status = TOWN_PASS.target
        item.town_reviewed_at = timezone.now()
        item.town_reviewed_by = actor
    else:
        item.status = TOWN_RETURN.target
        item.return_reason = reason
    save_with_history(item, actor=actor, note=reason)
    return item
