"""Reads for the 四个一批 screens: the organisations (assignments) a user evaluates or
follows, each with its latest evaluation; and the 列入回头看 candidate list."""

from django.db.models import OuterRef, Q, QuerySet, Subquery

from inspection.permissions import reach_condition, reads_all, reads_unit_ledger, visible
from rectification.choices import EvaluationBatch
from rectification.models import Evaluation
from rounds.models import Assignment


def evaluated_assignments(user) -> QuerySet:
    """The assignments whose 评估表 ``user`` reads: every one for the office and
    leadership; a town reviewer's, supervisor's or officer's reach; nobody else's."""
    assignments = visible(Assignment, user)
    if reads_all(user):
        return assignments
    if reads_unit_ledger(user):
        return assignments.filter(reach_condition(user))
    return assignments.none()


def with_latest_evaluation(assignments: QuerySet) -> QuerySet:
    """Assignments annotated ``latest_batch`` and ``latest_evaluated_on`` (its latest
    evaluation: the latest date, then the last recorded)."""
    latest = Evaluation.objects.filter(assignment=OuterRef("pk")).order_by("-evaluated_on", "-pk")
    return assignments.annotate(
        latest_batch=Subquery(latest.values("batch")[:1]),
        latest_evaluated_on=Subquery(latest.values("evaluated_on")[:1]),
    )


def look_back_candidates(user, round_id: int) -> QuerySet:
    """列入回头看: the organisations of the round whose latest evaluation sorts them into
    the look-back batch — the list the next 回头看 round starts from."""
    return (
        with_latest_evaluation(evaluated_assignments(user).filter(round_id=round_id))
        .filter(Q(latest_batch=EvaluationBatch.LOOK_BACK))
        .select_related("town", "village")
        .order_by("town__name", "village__code", "pk")
    )
