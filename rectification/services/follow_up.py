"""After rectification: the four-batches evaluation (四个一批) with its 评估表."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.permissions import authorize, visible
from inspection.services.checks import clean_date
from inspection.workflow import lock_visible, require, require_status, save_with_history
from rectification.choices import EvaluationBatch
from rectification.evaluation_figures import evaluation_figures
from rectification.models import Evaluation
from rounds.choices import RoundStatus
from rounds.models import Assignment

# An assignment's rectification is evaluated once its round is in rectification or after.
ROUND_STATUSES_EVALUATED = (RoundStatus.RECTIFICATION, RoundStatus.CLOSED)


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
    history note. ``evaluated_on`` defaults to today. The 评估表's figures are stored as
    they stand now, so the judgement can be read against what the office saw."""
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
        figures=evaluation_figures([assignment.pk])[assignment.pk],
        evaluator=actor,
    )
    save_with_history(evaluation, actor=actor, note=evaluation.note)
    return evaluation
