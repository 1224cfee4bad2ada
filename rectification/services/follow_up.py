"""After rectification: accountability (问责) and the four-batches evaluation (四个一批)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.permissions import authorize, visible
from inspection.services.checks import clean_date
from inspection.workflow import lock_visible, require, require_status, save_with_history
from rectification.choices import AccountabilityMeasure, EvaluationBatch
from rectification.models import Accountability, Evaluation, RectificationItem
from rounds.choices import RoundStatus
from rounds.models import Assignment

# An assignment's rectification is evaluated once its round is in rectification or after.
ROUND_STATUSES_EVALUATED = (RoundStatus.RECTIFICATION, RoundStatus.CLOSED)


@transaction.atomic
def accountability_record(
    *,
    actor,
    assignment_id: int,
    person_name: str,
    measure: str,
    reason: str,
    decided_on: datetime.date,
    person_post: str = "",
    item_id: int | None = None,
) -> Accountability:
    """问责 of a person of the assignment's unit; ``item_id`` names the ledger item concerned.

    ``reason`` (问责事由) is also the history note.
    """
    assignment = lock_visible(visible(Assignment, actor), assignment_id)
    authorize(actor, "accountability_record", assignment)
    person_name = (person_name or "").strip()
    reason = (reason or "").strip()
    require(bool(person_name), _("请填写被问责人姓名。"), field="person_name")
    require(measure in AccountabilityMeasure.values, _("请选择问责方式。"), field="measure")
    require(bool(reason), _("请填写问责事由。"), field="reason")
    clean_date(decided_on, field="decided_on", label=_("问责决定日期"))
    item = None
    if item_id is not None:
        item = (
            visible(RectificationItem, actor).filter(pk=item_id).select_related("problem").first()
        )
        require(
            item is not None and item.problem.assignment_id == assignment.pk,
            _("所选整改台账条目不属于该巡察对象。"),
            field="item",
        )

    accountability = Accountability(
        assignment=assignment,
        item=item,
        person_name=person_name,
        person_post=(person_post or "").strip(),
        measure=measure,
        reason=reason,
        decided_on=decided_on,
        recorded_by=actor,
    )
    save_with_history(accountability, actor=actor, note=reason)
    return accountability


@transaction.atomic
def evaluation_record(
    *,
    actor,
    assignment_id: int,
    batch: str,
    note: str = "",
    evaluated_on: datetime.date | None = None,
) -> Evaluation:
    """四个一批: sort the assignment's unit into one batch; ``note`` (评估意见) is also the
    history note. ``evaluated_on`` defaults to today."""
    assignment = lock_visible(visible(Assignment, actor).select_related("round"), assignment_id)
    authorize(actor, "evaluation_record", assignment)
    require_status(assignment.round, ROUND_STATUSES_EVALUATED, _("评估整改情况"))
    require(batch in EvaluationBatch.values, _("请选择评估结果（四个一批）。"), field="batch")
    evaluated_on = timezone.localdate() if evaluated_on is None else evaluated_on
    clean_date(evaluated_on, field="evaluated_on", label=_("评估日期"))

    evaluation = Evaluation(
        assignment=assignment,
        batch=batch,
        evaluated_on=evaluated_on,
        note=(note or "").strip(),
        evaluator=actor,
    )
    save_with_history(evaluation, actor=actor, note=evaluation.note)
    return evaluation
